"""The Markdown report of bench/run.py: the machine, one table of scenarios, and the
issue's targets, each PASS or FAIL. Ratios are to the floor of the same server run (the
mean of the floor measured first and last in it)."""

import os
import platform
from dataclasses import dataclass
from pathlib import Path

from bench.harness import WrkResult

UNCACHED_SHARE, CACHED_SHARE, RSS_LIMIT_MB = 0.2, 0.8, 80


@dataclass
class Row:
    run: str  # "uncached" or "cached": which server run, so which floor
    name: str
    result: WrkResult
    note: str = ""
    counted: dict | None = None  # the request bench/queries.py counts
    queries: dict | None = None  # what it found


@dataclass
class Memory:
    requests: int
    seconds: float
    workers_mb: dict[int, float]
    master_mb: float
    target: int
    start_mb: float  # the largest worker, before the first request
    restarted: bool = False  # a worker died or was recycled: its RSS starts again


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    return f"{platform.platform()}, {os.cpu_count()} cores ({cpu}){memory}"


def floor_rps(rows: list[Row], run: str) -> float:
    """The floor of a server run: the mean of its measures, first and last in the run, so
    that a machine slowing down or speeding up during the run shows, and evens out."""
    floors = [row.result.rps for row in rows if row.run == run and row.name.startswith("floor")]
    return sum(floors) / len(floors)


def _queries(row: Row) -> str:
    if row.queries is None:
        return ""
    total, cache = row.queries["queries"], row.queries["cache_queries"]
    return f"{total} ({cache} cache table)" if cache else str(total)


def _errors(result: WrkResult) -> str:
    text = str(result.non_2xx)
    if result.socket_errors:
        text += f" + {result.socket_errors} socket errors"
    return text


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| scenario | req/s | p50 ms | p99 ms | non-2xx | queries | ratio to floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        r, floor = row.result, floor_rps(rows, row.run)
        lines.append(
            f"| {row.name} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {_errors(r)} "
            f"| {_queries(row)} | {r.rps / floor:.2f} |"
        )
    return lines


def _app_queries(row: Row) -> int | None:
    """Queries the page itself makes: the database cache's own reads are the cache."""
    return None if row.queries is None else row.queries["queries"] - row.queries["cache_queries"]


def targets(rows: list[Row], memory: Memory) -> list[tuple[bool, str]]:
    by_name = {row.name: row for row in rows}
    uncached, cached = by_name["article, uncached"], by_name["article, cached"]
    share = uncached.result.rps / floor_rps(rows, "uncached")
    checks = [
        (share >= UNCACHED_SHARE, f"article uncached ≥ {UNCACHED_SHARE} × floor: {share:.3f}")
    ]
    share, queries = cached.result.rps / floor_rps(rows, "cached"), _app_queries(cached)
    checks.append((
        share >= CACHED_SHARE and queries == 0,
        f"article cached ≥ {CACHED_SHARE} × floor and no query: {share:.3f}, {queries} queries",
    ))  # fmt: skip
    largest = max(memory.workers_mb.values())
    enough = memory.requests >= memory.target and not memory.restarted
    short = "" if enough else " (too few requests for one worker's life)"
    checks.append((
        enough and largest < RSS_LIMIT_MB,
        f"worker RSS < {RSS_LIMIT_MB} MB after {memory.target:,} requests: {largest:.1f} MB "
        f"after {memory.requests:,}{short}",
    ))  # fmt: skip
    return checks


def render(*, header: list[str], rows: list[Row], memory: Memory) -> tuple[str, bool]:
    """The report, and whether every target passed."""
    lines = [*header, "", *table(rows), ""]
    notes = [f"- {row.name}: {row.note}" for row in rows if row.note]
    for run in dict.fromkeys(row.run for row in rows):
        floors = [r.result.rps for r in rows if r.run == run and r.name.startswith("floor")]
        if max(floors) > 1.2 * min(floors):
            notes.append(f"- **the floors of the {run} run differ by "
                         f"{max(floors) / min(floors) - 1:.0%}**: something else used the "
                         "machine; its ratios are unreliable, run again")  # fmt: skip
    workers = ", ".join(f"{mb:.1f}" for mb in memory.workers_mb.values())
    notes.append(
        f"- memory: {memory.requests:,} requests in {memory.seconds:.0f} s (page cache on, no "
        "recycling; of every 20, 12 articles of 200, 4 home pages, 3 tags of 60, 1 search); "
        f"VmRSS of the workers {workers} MB ({memory.start_mb:.1f} MB before the first "
        f"request), of the master {memory.master_mb:.1f} MB"
        + (" (a worker was restarted during the run!)" if memory.restarted else "")
    )
    lines += ["Checks and notes:", "", *notes, ""]
    checks = targets(rows, memory)
    lines += ["Targets (ratios within one run; never a timed test):", ""]
    lines += [f"- **{'PASS' if ok else 'FAIL'}** {text}" for ok, text in checks]
    return "\n".join(lines), all(ok for ok, _ in checks)
