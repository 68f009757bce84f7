"""SQL queries per request, counted in-process with Django's test Client under the same
environment as the server bench/run.py measures (so the same database, cache, page-cache
setting and settings overrides):

    .venv/bin/python -m bench.queries '[{"name": "home", "method": "GET", "path": "/"}]'

Each request is made twice and the second is counted: the first fills what a running
server has filled long before (the page cache, connections, template and URL caches).
POST requests differ each time, as in the benchmark: their `body` field and their
User-Agent get a serial number. Prints one JSON object: name -> {"status", "queries",
"cache_queries", "x_cache"}; `cache_queries` are those on the database cache's own table
(Django's database cache is one when REDIS_URL is not set)."""

import json
import sys

import django
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.harness import BROWSER
from bench.manage import apply_overrides


def count(client: Client, request: dict) -> dict:
    method = request.get("method", "GET").lower()
    for serial in (1, 2):
        data = dict(request.get("data", {}))
        headers = {"user-agent": BROWSER, **request.get("headers", {})}
        if method == "post":
            data["body"] = f"{data.get('body', '')} #{serial}"
            headers["user-agent"] = f"{BROWSER} counted/{serial}"
        with CaptureQueriesContext(connection) as captured:
            response = getattr(client, method)(request["path"], data=data, headers=headers)
    cache = settings.CACHES["default"]
    table = cache["LOCATION"] if cache["BACKEND"].endswith("DatabaseCache") else None
    return {
        "status": response.status_code,
        "queries": len(captured),
        "cache_queries": sum(bool(table) and table in q["sql"] for q in captured.captured_queries),
        "x_cache": response.headers.get("X-Cache", ""),
    }


def main() -> None:
    apply_overrides()
    django.setup()
    # The host gunicorn is asked for, so absolute links and the CSRF origin match it.
    client = Client(headers={"host": "127.0.0.1"})
    counted = {request["name"]: count(client, request) for request in json.loads(sys.argv[1])}
    print(json.dumps(counted))


if __name__ == "__main__":
    main()
