"""The site's manage.py with the two settings the benchmark changes, so its commands
see what its gunicorn sees (bench/floor_wsgi.py):

- ROOT_URLCONF: the site's URLs plus the floor view (bench/floor_urls.py);
- STATIC_ROOT: BENCH_STATIC_ROOT when set, so collectstatic fills a temporary folder
  instead of the checkout's staticfiles/, which `make run` and `make test` use.

    BENCH_STATIC_ROOT=/tmp/static .venv/bin/python -m bench.manage collectstatic --noinput

Everything else is foundation_site.settings, read from the environment as usual."""

import os
import sys

from django.conf import settings
from django.core.management import execute_from_command_line


def apply_overrides() -> None:
    """Before Django starts: setting an attribute loads the site's settings first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foundation_site.settings")
    settings.ROOT_URLCONF = "bench.floor_urls"
    if static_root := os.environ.get("BENCH_STATIC_ROOT"):
        settings.STATIC_ROOT = static_root


if __name__ == "__main__":
    apply_overrides()
    execute_from_command_line(sys.argv)
