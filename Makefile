# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?= -n 2

.PHONY: run test lint e2e setup clean

# Re-installs only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The compiled catalogues (locale/*/LC_MESSAGES/*.mo) are committed beside their .po files,
# so a machine without GNU gettext has them; where msgfmt is installed, a .po edited since
# is compiled again (checked: a broken placeholder or plural stops here).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; \
	else echo "msgfmt not found (apt-get install gettext): keeping the committed $@"; fi

setup: $(VENV)/.installed $(CATALOGUES)

# The local demo logs in with a password alone; production keeps two-factor on (README).
ADMIN_TWO_FACTOR ?= off

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py loaddemo
	ADMIN_TWO_FACTOR=$(ADMIN_TWO_FACTOR) $(BIN)/python manage.py ensure_editor
	@echo "Serving on http://127.0.0.1:$(PORT)/ with a mail worker (Ctrl+C stops both)"
	@# The task worker sends comment mail outside the request; it stops with the server.
	$(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) ADMIN_TWO_FACTOR=$(ADMIN_TWO_FACTOR) $(BIN)/gunicorn foundation_site.wsgi

# The whole suite. Browser journeys need Chromium (`apt-get install chromium`);
# without it they are left out, and this says so.
test: setup
	$(BIN)/ruff check .
	@# blog's layout: the import contracts in pyproject.toml (README, "Where things are").
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@if [ -x "$(CHROMIUM)" ]; then \
		$(MAKE) --no-print-directory node_modules/.installed && \
		$(BIN)/pytest $(PYTEST_ARGS) -m "not lighthouse" && \
		$(BIN)/pytest -m lighthouse -p no:xdist; \
	else \
		echo "*** $(CHROMIUM) not found: browser journeys in tests/e2e are NOT run."; \
		echo "*** Install it with: apt-get install chromium"; \
		$(BIN)/pytest $(PYTEST_ARGS) -m "not e2e"; \
	fi

e2e: setup node_modules/.installed
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS) tests/e2e -m "not lighthouse"
	$(BIN)/pytest tests/e2e -m lighthouse -p no:xdist

# axe-core and Lighthouse for the audits of tests/e2e, from npm; --ignore-scripts: no
# install step runs, and nothing downloads a browser (both use Debian's Chromium).
node_modules/.installed: package.json package-lock.json
	npm install --ignore-scripts --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
