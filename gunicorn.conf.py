"""gunicorn settings for `make run` and production. Every value can be overridden by an
environment variable of the same purpose, so one file serves a laptop and a server.
Measured in bench/ (bench/RESULTS.md); docs/deploy.md says how to run it."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers, (2 x cores) + 1: a page is CPU work (templates) plus waits on PostgreSQL
# and Redis, during which another worker can use the core. Each costs ~60-70 MB.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A slow client or a stuck query must not hold a worker for ever. nginx buffers slow
# clients in front; this bounds the app's own work (a page takes milliseconds).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Keep-alive with nginx's upstream pool (deploy/nginx.conf: keepalive 16).
keepalive = 5
# Recycle workers now and then so a slow leak can never grow; the jitter (a tenth)
# keeps them from restarting all at once. 0 turns recycling off (bench/ measures
# memory that way).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load the app before forking: less memory per worker, and an import error stops the
# server at once instead of in every worker. Database connections open after the fork
# (Django connects on first query), so no worker shares another's socket.
preload_app = True
# The heartbeat file on tmpfs: a worker on a slow or full disk is not taken for dead.
SHM = "/dev/shm"  # noqa: S108 - gunicorn creates its own private file in it
worker_tmp_dir = SHM if os.path.isdir(SHM) else None
# nginx on the same machine may say https in X-Forwarded-Proto (DJANGO_BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27's control socket (for `gunicornc`) sits in the user's home by default, one
# path for every gunicorn that user starts: tests, `make run` and bench/ would take it
# from each other. Off; systemd and signals manage the server (docs/deploy.md).
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# JSON lines, the client's address shortened and emails or tokens in a path hidden, like
# the application's own log (blog/operations/logs.py).
logger_class = "blog.operations.logs.AccessLogger"
errorlog = "-"
