"""gunicorn settings for `make run` and production. Every value can be overridden by an
environment variable of the same purpose, so one file serves a laptop and a server."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The usual (2 x cores) + 1: requests spend much of their time waiting on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A slow client or a stuck query must not hold a worker for ever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows; jitter keeps them from
# restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app before forking: less memory per worker, and an import error stops
# the server at once instead of in every worker.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# JSON lines, the client's address shortened and emails or tokens in a path hidden, like
# the application's own log (blog/logs.py).
logger_class = "blog.logs.AccessLogger"
errorlog = "-"
