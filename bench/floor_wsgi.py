"""The site's WSGI application with the benchmark's URLs (bench/floor_urls.py) and
static folder (bench/manage.py), for gunicorn:

    BENCH_FLOOR_FILE=/tmp/article.html .venv/bin/gunicorn bench.floor_wsgi

gunicorn reads the repository's gunicorn.conf.py as it does for the site itself."""

from django.core.wsgi import get_wsgi_application

from bench.manage import apply_overrides

apply_overrides()
application = get_wsgi_application()
