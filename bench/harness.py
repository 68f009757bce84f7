"""The moving parts of bench/run.py: gunicorn started and stopped by its PID, single
requests to check what a scenario will hit, wrk runs and their output parsed, and the
memory of gunicorn's workers read from /proc. Nothing here knows the site's pages."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "requests.lua"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


def run_module(env: dict, *command: str, timeout: float = 600) -> str:
    """`python -m command...` in the repository with `env`; its output, or exit saying why."""
    done = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=timeout, check=False)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def count_queries(env: dict, requests: list[dict]) -> dict:
    """Queries per request, by bench/queries.py in a process with the server's env."""
    output = run_module(env, "bench.queries", json.dumps(requests))
    return json.loads(output.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(port: int, path: str, *, method="GET", headers=None, body=None) -> Response:
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            method, path, body=body, headers={"User-Agent": BROWSER, **(headers or {})}
        )
        answer = connection.getresponse()
        return Response(
            answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        )
    finally:
        connection.close()


class Server:
    """gunicorn with the repository's gunicorn.conf.py, serving bench/floor_wsgi.py. Used
    as a context manager: stopped by its own PID on the way out, whatever happened."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.env = {**env, "PORT": str(self.port)}
        self.log = log
        self.process = None

    def __enter__(self):
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                # gunicorn.conf.py is read from the working directory, as for the site.
                # No control socket: every gunicorn of this user would share one path
                # (~/.gunicorn/gunicorn.ctl), other servers on this machine included.
                [sys.executable, "-m", "gunicorn", "--no-control-socket", "bench.floor_wsgi"],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl+C reaches run.py, which stops it in order
            )  # fmt: skip
        try:
            self.wait_until_ready()
        except BaseException:  # a failed start, Ctrl+C: never leave a server behind
            self.__exit__()
            raise
        return self

    def wait_until_ready(self) -> None:
        workers = int(self.env.get("WEB_CONCURRENCY", "1"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                if len(self.workers()) >= workers and fetch(self.port, "/robots.txt").status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc):
        if self.process.poll() is not None:
            return
        workers = self.workers()
        self.process.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
            for pid in workers:  # its workers, orphaned by the kill
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def workers(self) -> list[int]:
        """PIDs of the master's children: the workers."""
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                # "pid (name) state ppid ...": the name may hold spaces, so split after ")".
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    pids.append(int(entry.name))
        return sorted(pids)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # kB -> MB (MiB)
    raise RuntimeError(f"no VmRSS for {pid}")


@dataclass
class WrkResult:
    requests: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    non_2xx: int = 0  # wrk counts a status of 400 or more; redirects are successes
    socket_errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)  # from requests.lua, if used


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output: str) -> WrkResult:
    result = WrkResult()
    done = re.search(r"(\d+) requests in ([\d.]+)(\w+)", output)
    if not done:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    result.requests = int(done.group(1))
    result.seconds = _ms(done.group(2) + done.group(3)) / 1000
    result.rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE))
    if not result.requests or "99" not in percentiles:
        raise RuntimeError(f"wrk got no answer in time:\n{output}")
    result.p50_ms, result.p99_ms = _ms(percentiles["50"]), _ms(percentiles["99"])
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result.non_2xx = int(found.group(1))
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = sum(int(n) for n in found.groups())
    result.statuses = {
        int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)$", output, re.MULTILINE)
    }
    return result


def wrk(
    port: int, path: str, *, seconds: float, threads: int, connections: int,
    headers: dict[str, str], lua_args: tuple[str, ...] = (),
) -> WrkResult:  # fmt: skip
    """One wrk run against 127.0.0.1, bounded by `seconds` (and a timeout beyond that).
    With `lua_args`, bench/requests.lua makes each request and counts the statuses."""
    command = ["wrk", "--latency", f"--duration={max(1, round(seconds))}s", f"--threads={threads}",
               f"--connections={connections}", "--timeout=10s"]  # fmt: skip
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    if lua_args:
        command += ["--script", str(LUA)]
    command.append(f"http://127.0.0.1:{port}{path}")
    if lua_args:
        command += ["--", *lua_args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stderr}{done.stdout}")
    return parse_wrk(done.stdout)
