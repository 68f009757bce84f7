"""Throughput and latency of the public pages and the view beacon, measured on this
machine against gunicorn on 127.0.0.1. Bounded in time; never a timed test.

    .venv/bin/python bench/run.py              # 5 s a scenario, results on stdout
    .venv/bin/python bench/run.py --write      # ... and into bench/RESULTS.md

It seeds its own SQLite database with the demo content in a temporary folder."""

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(tmp: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # One client on 127.0.0.1 plays every reader: the per-address limits would refuse it.
        "COMMENT_RATE_LIMITS": "off",
        "VIEW_RATE_LIMITS": "off",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    for command in (["migrate", "--noinput"], ["createcachetable"], ["loaddemo"],
                    ["collectstatic", "--noinput"]):  # fmt: skip
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
    return env


def measure(port: int, method: str, path, *, seconds: float, clients: int) -> dict:
    """`clients` threads send requests for `seconds`; `path` may be a function of the
    request number, so each request can differ (a new reader for the beacon)."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(offset: int):
        connection = HTTPConnection("127.0.0.1", port, timeout=10)
        n = offset
        while time.monotonic() < stop:
            target, headers = path(n) if callable(path) else (path, {"User-Agent": BROWSER})
            started = time.perf_counter()
            connection.request(method, target, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += response.status >= 400
            n += clients

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "errors": errors[0],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--write", action="store_true", help="record in bench/RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        env = prepare(Path(folder))
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "foundation_site.wsgi", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            slug = subprocess.run(
                [sys.executable, "manage.py", "shell", "-c",
                 "from blog.models import Post; print(Post.objects.published().first().slug)"],
                cwd=ROOT, env=env, check=True, capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]  # fmt: skip
            scenarios = {
                "home": ("GET", "/"),
                "article": ("GET", f"/post/{slug}/"),
                # Every request a new reader: the counting path (insert + increment).
                "view beacon, new reader": (
                    "POST",
                    lambda n: (f"/post/{slug}/view/", {"User-Agent": f"{BROWSER} r{n}"}),
                ),
                # The same reader again: the deduplicated path.
                "view beacon, repeat": ("POST", f"/post/{slug}/view/"),
            }
            results = {
                name: measure(port, method, path, seconds=args.seconds, clients=args.clients)
                for name, (method, path) in scenarios.items()
            }
        finally:
            server.terminate()
            server.wait(timeout=10)

    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, SQLite, gunicorn "
        f"2 workers, {args.clients} clients, {args.seconds:g} s a scenario.",
        "",
        "| scenario | requests/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |"
        )
    report = "\n".join(lines)
    print(report)
    if args.write:
        header = (ROOT / "bench" / "HEADER.md").read_text()
        (ROOT / "bench" / "RESULTS.md").write_text(header + "\n" + report + "\n")


if __name__ == "__main__":
    main()
