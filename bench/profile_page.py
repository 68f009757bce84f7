"""Where one page's time goes, in-process with Django's test Client: milliseconds per
request, the time spent in each template (its own, not its includes'), the queries
with their database time, and cProfile's costliest functions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/foundation_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 PAGE_CACHE_SECONDS=0 \\
    .venv/bin/python -m bench.profile_page /post/bench-article/ --requests 200

bench/run.py leaves that database seeded. Templates use the static files of
BENCH_STATIC_ROOT, or else the checkout's staticfiles/ (`manage.py collectstatic`).
A template's time includes the queries it sets off (a queryset read in a {% for %}),
and cProfile slows Python down about twofold: compare its numbers with each other."""

import argparse
import cProfile
import pstats
import time
from collections import Counter

import django
from django.db import connection
from django.template import base
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.harness import BROWSER
from bench.manage import apply_overrides


def template_times(client: Client, path: str, requests: int) -> tuple[Counter, Counter]:
    """Seconds per template, exclusive of the templates it includes or extends into."""
    own, calls, stack = Counter(), Counter(), []
    render = base.Template._render

    def timed(template, context):
        started = time.perf_counter()
        stack.append(0.0)
        try:
            return render(template, context)
        finally:
            elapsed, nested = time.perf_counter() - started, stack.pop()
            own[template.origin.template_name] += elapsed - nested
            calls[template.origin.template_name] += 1
            if stack:
                stack[-1] += elapsed

    base.Template._render = timed
    try:
        for _ in range(requests):
            client.get(path)
    finally:
        base.Template._render = render
    return own, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    apply_overrides()
    django.setup()
    client, n = Client(headers={"host": "127.0.0.1", "user-agent": BROWSER}), args.requests
    response = client.get(args.path)
    print(f"{args.path}: status {response.status_code}, {len(response.content):,} bytes")

    started = time.perf_counter()
    for _ in range(n):
        client.get(args.path)
    print(f"{(time.perf_counter() - started) / n * 1000:.1f} ms a request ({n} requests)\n")

    own, calls = template_times(client, args.path, n)
    print("Templates, own time per request:")
    for name, seconds in own.most_common(12):
        print(f"  {seconds / n * 1000:6.2f} ms  {calls[name] // n:3d}×  {name}")

    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    print(f"\n{len(captured)} queries:")
    for query in captured.captured_queries:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:110]}")

    profiler = cProfile.Profile()
    profiler.runcall(lambda: [client.get(args.path) for _ in range(n)])
    stats = pstats.Stats(profiler)
    print("\ncProfile, by own time:")
    stats.sort_stats("tottime").print_stats(args.top)
    print("cProfile, the site's code by cumulative time:")
    stats.sort_stats("cumulative").print_stats(r"/blog/", args.top)


if __name__ == "__main__":
    main()
