"""The scenarios of bench/run.py, one gunicorn run at a time. Before each scenario one
request checks what wrk will hit (its status, and the X-Cache header blog/public/pagecache.py
adds), so a refused or redirected request is never measured as speed; POST scenarios
report every status they got."""

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench.harness import BROWSER, Server, count_queries, fetch, rss_mb, wrk
from bench.report import Memory, Row

ISSUED = re.compile(rb'name="issued"[^>]*value="([^"]+)"')
# The form's `issued` token must be COMMENT_MIN_SECONDS (3) old: sooner looks like a bot.
WAIT_BEFORE_POSTING = 3.5


class CheckFailed(RuntimeError):
    """A scenario would measure something other than what it names."""


@dataclass
class Bench:
    args: object  # the argparse namespace of run.py
    names: dict  # what bench/seed.py printed: article, tag, search, comment_post, email...
    folder: Path  # the run's temporary folder

    def __post_init__(self):
        self.log = self.folder / "gunicorn.log"
        self.nonce = str(time.time_ns())  # texts and readers of this run differ from any other
        self.page_headers = {"User-Agent": BROWSER, "Accept": "text/html,*/*;q=0.8"}
        if self.args.gzip:
            self.page_headers["Accept-Encoding"] = "gzip"
        self.article = f"/post/{self.names['article']}/"
        self.tag = f"/tags/{self.names['tag']}/"
        self.search = f"/search/?{urlencode({'q': self.names['search']})}"

    def measure(self, server, run, name, path, *, lua=(), headers=None, notes=(), count=None):
        """One wrk run; `count` is the request bench/queries.py counts (default: GET path)."""
        headers, notes = {**self.page_headers, **(headers or {})}, list(notes)
        if not lua:  # GET: check the page first (a POST scenario sends its own first POST)
            checked = fetch(server.port, path, headers=headers)
            if checked.status != 200:
                raise CheckFailed(f"{name}: {path} answered {checked.status}, not 200")
            if x_cache := checked.headers.get("x-cache"):
                notes.append(f"X-Cache: {x_cache}")
        print(f"  {run}: {name} ...", flush=True)
        result = wrk(server.port, "/" if lua else path, seconds=self.args.seconds,
                     threads=self.args.threads, connections=self.args.connections,
                     headers=headers, lua_args=lua)  # fmt: skip
        if result.statuses:
            seen = sorted(result.statuses.items())
            notes.append("answered " + ", ".join(f"{n:,} × {status}" for status, n in seen))
        counted = {"name": name, **(count or {"path": path})}
        return Row(run=run, name=name, result=result, note="; ".join(notes), counted=counted)

    def post(self, server, path: str, form: dict, headers: dict) -> str:
        headers = {**self.page_headers, **headers}
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        answer = fetch(server.port, path, method="POST", headers=headers, body=urlencode(form))
        return f"a first POST answered {answer.status}"

    def uncached_run(self, env: dict) -> list[Row]:
        """Page cache off: the floor, every page uncached, a comment, the view beacon."""
        names = self.names
        comment_path = f"/post/{names['comment_post']}/comments/"
        beacon = f"{self.article}view/"
        with Server(env, self.log) as server:
            page = fetch(server.port, self.article)  # no Accept-Encoding: the bytes themselves
            if page.status != 200:
                raise CheckFailed(f"the bench article answered {page.status}")
            Path(env["BENCH_FLOOR_FILE"]).write_bytes(page.body)
            # The comment form's token, fetched now: by the time comments are posted it
            # is old enough, as a reader's would be after reading the article.
            form_page = f"/post/{names['comment_post']}/"
            found = ISSUED.search(fetch(server.port, form_page).body)
            if found is None:
                raise CheckFailed(f"no comment form with an `issued` token on {form_page}")
            issued, fetched_at = found.group(1).decode(), time.monotonic()
            origin = {"Origin": f"http://127.0.0.1:{server.port}", "Sec-Fetch-Site": "same-origin"}
            rows = [
                self.measure(server, "uncached", "floor (page cache off), first", "/__floor__/",
                             notes=[f"{len(page.body):,} bytes of article HTML"]),
                self.measure(server, "uncached", "article, uncached", self.article),
                self.measure(server, "uncached", "home, uncached", "/"),
                self.measure(server, "uncached", "tag, uncached", self.tag),
                self.measure(server, "uncached", "search", self.search),
            ]  # fmt: skip
            time.sleep(max(0.0, WAIT_BEFORE_POSTING - (time.monotonic() - fetched_at)))
            form = {"author_name": "Bench Reader", "author_email": names["email"],
                    "body": f"A first note {self.nonce}.", "issued": issued, "parent": "",
                    "website": ""}  # fmt: skip
            first = self.post(server, comment_path, form, origin)
            rows.append(self.measure(
                server, "uncached", "comment POST", comment_path, headers=origin, notes=[first],
                lua=("comment", comment_path, issued, names["email"], self.nonce),
                count={"method": "POST", "path": comment_path, "data": form, "headers": origin},
            ))  # fmt: skip
            first = self.post(server, beacon, {}, {"User-Agent": f"{BROWSER} first/{self.nonce}"})
            rows.append(self.measure(
                server, "uncached", "view beacon POST", beacon, notes=[first],
                lua=("beacon", beacon, self.nonce), count={"method": "POST", "path": beacon},
            ))  # fmt: skip
            rows.append(
                self.measure(server, "uncached", "floor (page cache off), last", "/__floor__/")
            )
        return self.with_queries(env, rows)

    def cached_run(self, env: dict) -> list[Row]:
        """Page cache on (the default): the floor, and the article and home as cached."""
        with Server(env, self.log) as server:
            rows = [self.measure(server, "cached", "floor (page cache on), first", "/__floor__/")]
            for name, path in (("article, cached", self.article), ("home, cached", "/")):
                fetch(server.port, path, headers=self.page_headers)  # fills the page cache
                rows.append(self.measure(server, "cached", name, path))
            rows.append(
                self.measure(server, "cached", "floor (page cache on), last", "/__floor__/")
            )
        return self.with_queries(env, rows)

    @staticmethod
    def with_queries(env: dict, rows: list[Row]) -> list[Row]:
        """Queries per request of each row, counted by bench/queries.py with `env`."""
        counted = count_queries(env, [row.counted for row in rows])
        for row in rows:
            row.queries = counted[row.name]
            if row.queries["x_cache"]:  # the counted request's own, in-process
                row.note += f"; counted request X-Cache: {row.queries['x_cache']}"
        return rows

    def mix(self) -> Path:
        """What the memory run asks for, in this order, over and over: in every 20
        requests 12 articles, 4 home pages, 3 tag pages and a search, spread over 200
        articles and 60 tags, so that each worker renders and caches many pages."""
        articles, tags = self.names["articles"], self.names["tags"]
        homes = ["/", "/", "/?page=2", "/?page=3"]
        searches = [self.search, f"/search/?{urlencode({'q': self.names['search'] + ' river'})}"]
        paths = []
        for n in range(100):
            paths += [f"/post/{articles[(n * 12 + i) % len(articles)]}/" for i in range(12)]
            paths += [*homes, *(f"/tags/{tags[(n * 3 + i) % len(tags)]}/" for i in range(3))]
            paths.append(searches[n % 2])
        mix = self.folder / "mix.txt"
        mix.write_text("\n".join(paths) + "\n")
        return mix

    def memory_run(self, env: dict) -> Memory:
        """The mix until --rss-requests are answered (or the time allowed is up), then
        the resident memory of each worker."""
        args, mix = self.args, self.mix()
        with Server(env, self.log) as server:
            first, done, started = server.workers(), 0, time.monotonic()
            at_start = max(rss_mb(pid) for pid in first)
            while done < args.rss_requests and time.monotonic() - started < args.rss_max_seconds:
                left = args.rss_max_seconds - (time.monotonic() - started)
                result = wrk(server.port, "/", seconds=min(10, left), threads=args.threads,
                             connections=args.connections, headers=self.page_headers,
                             lua_args=("mix", str(mix)))  # fmt: skip
                if result.non_2xx or result.socket_errors:
                    raise CheckFailed(f"memory run: {result.non_2xx} errors, {result.statuses}")
                done += result.requests
                print(f"  memory: {done:,} requests", flush=True)
            workers = server.workers()
            return Memory(
                requests=done,
                seconds=time.monotonic() - started,
                target=args.rss_requests,
                workers_mb={pid: rss_mb(pid) for pid in workers},
                master_mb=rss_mb(server.process.pid),
                start_mb=at_start,
                restarted=workers != first,
            )
