"""Throughput and latency of the public pages beside "the bare-Django floor", measured
with wrk against gunicorn on 127.0.0.1 with production settings (DEBUG off, PostgreSQL,
Redis). Bounded in time; never a timed test: speed is measured, not asserted.

    .venv/bin/python bench/run.py                 # PostgreSQL + Redis, 6 s a scenario
    .venv/bin/python bench/run.py --sqlite        # the embedded SQLite + database cache
    .venv/bin/python bench/run.py --seconds 3 --write     # ... and into bench/RESULTS.md
    .venv/bin/python bench/run.py --strict        # exit 1 when a target fails

Needs wrk (`apt-get install wrk`). By default it drops and recreates the PostgreSQL
database `foundation_bench` (--database-url; its name must contain "bench") and flushes
Redis database 5 (--redis-url); both are left as they end, for a look afterwards. Media,
static files, logs and the SQLite file live in a temporary folder, removed at the end.

Steps: migrate, seed (bench/seed.py: 1,000 posts, 20,000 comments...), collectstatic;
then gunicorn with the repository's gunicorn.conf.py (2 workers, or --workers N; access
log off, worker recycling off so that no run loses a warm worker mid-measurement), three
times:
1. page cache off (PAGE_CACHE_SECONDS=0): the floor, the bench article, home, a tag,
   a search, posting a comment, the view beacon;
2. page cache on (the default): the floor, the bench article, home;
3. page cache on: 20,000 requests over many articles, home pages, tags and a search,
   then the resident memory of each worker.
Queries per request are counted apart, in-process (bench/queries.py). Pages are asked
for as a browser asks (Accept-Encoding: gzip; --no-gzip for the raw bytes)."""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import gunicorn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, not -m

from bench import report  # noqa: E402 - after the path
from bench.harness import ROOT, run_module  # noqa: E402
from bench.phases import Bench  # noqa: E402

HEADER, RESULTS = ROOT / "bench" / "HEADER.md", ROOT / "bench" / "RESULTS.md"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="SQLite + database cache")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/foundation_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--seconds", type=int, default=6, help="per scenario (default 6)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2,
                        help="gunicorn workers (default 2, as in earlier runs; production's "
                             "gunicorn.conf.py starts 2 x cores + 1)")  # fmt: skip
    parser.add_argument("--gzip", action=argparse.BooleanOptionalAction, default=True,
                        help="send Accept-Encoding: gzip, as browsers do (default)")  # fmt: skip
    parser.add_argument("--rss-requests", type=int, default=20_000)
    parser.add_argument("--rss-max-seconds", type=float, default=300.0,
                        help="time allowed to reach --rss-requests")  # fmt: skip
    parser.add_argument("--write", action="store_true", help="record in bench/RESULTS.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target fails")
    return parser.parse_args()


def recreate_postgres(url: str) -> str:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to drop the database {name!r}: its name must contain 'bench'")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return "PostgreSQL " + db.execute("SHOW server_version").fetchone()[0].split()[0]


def flush_redis(url: str) -> str:
    import redis

    if urlsplit(url).path.strip("/") in {"", "0"}:
        sys.exit("refusing to flush Redis database 0: give --redis-url a database of its own")
    client = redis.Redis.from_url(url)
    client.flushdb()
    return "Redis " + client.info("server")["redis_version"]


def prepare(args, tmp: Path) -> tuple[dict, dict, str, str]:
    """A fresh database and cache, migrated and seeded, and the static files."""
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "foundation_site.settings",
        "DJANGO_SECRET_KEY": f"bench-{time.time_ns()}-not-a-deployment",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(tmp / "media"), "BENCH_STATIC_ROOT": str(tmp / "static"),
        "BENCH_FLOOR_FILE": str(tmp / "article.html"),
        # One client on 127.0.0.1 plays every reader: per-address limits would refuse it.
        "COMMENT_RATE_LIMITS": "off", "VIEW_RATE_LIMITS": "off",
        "LOG_LEVEL": "WARNING", "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_MAX_REQUESTS": "0",
    }  # fmt: skip
    if args.sqlite:
        import sqlite3

        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        database, cache = f"SQLite {sqlite3.sqlite_version}", "Django database cache"
    else:
        env["DATABASE_URL"], env["REDIS_URL"] = args.database_url, args.redis_url
        database, cache = recreate_postgres(args.database_url), flush_redis(args.redis_url)
    print(f"Preparing {database} and {cache} in {tmp} ...", flush=True)
    run_module(env, "bench.manage", "migrate", "--noinput")
    if args.sqlite:
        run_module(env, "bench.manage", "createcachetable")
    started = time.monotonic()
    names = json.loads(run_module(env, "bench.seed").strip().splitlines()[-1])
    print(f"Seeded in {time.monotonic() - started:.0f} s; the bench article is "
          f"/post/{names['article']}/, a tag /tags/{names['tag']}/", flush=True)  # fmt: skip
    run_module(env, "bench.manage", "collectstatic", "--noinput")
    return env, names, database, cache


def git_state() -> str:
    def git(*command):
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True,
                              check=False, timeout=30).stdout.strip()  # fmt: skip

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain") else "")


def main() -> int:
    args = arguments()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    # Two cores are easily shared: another job running beside the bench skews every ratio.
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.2f} before starting; numbers will suffer")
    with tempfile.TemporaryDirectory(prefix="foundation-bench-") as folder:
        tmp = Path(folder)
        env, names, database, cache = prepare(args, tmp)
        bench = Bench(args=args, names=names, folder=tmp)
        try:
            rows = bench.uncached_run({**env, "PAGE_CACHE_SECONDS": "0"})
            rows += bench.cached_run(env)
            memory = bench.memory_run(env)
        except RuntimeError as error:
            log = (tmp / "gunicorn.log").read_text(errors="replace").splitlines()
            print("\n".join(["gunicorn's log ends:", *log[-40:]]), file=sys.stderr)
            print(f"bench failed: {error}", file=sys.stderr)
            return 1
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True,
                                 check=False).stdout.split(" [")[0]  # fmt: skip
    header = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {git_state()}, load average "
        f"{load:.2f} at the start.",
        f"Machine: {report.machine()}. Python {platform.python_version()}; {database}; {cache}; "
        f"gunicorn {gunicorn.__version__}, {args.workers} sync workers, access log off, "
        "recycling off; "
        f"{wrk_version}, {args.threads} threads, {args.connections} connections, "
        f"{args.seconds} s a scenario; "
        f"{'Accept-Encoding: gzip' if args.gzip else 'no Accept-Encoding'}.",
    ]
    text, passed = report.render(header=header, rows=rows, memory=memory)
    print("\n" + text)
    if args.write:
        RESULTS.write_text(HEADER.read_text() + "\n" + text + "\n")
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
