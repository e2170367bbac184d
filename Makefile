# Sevottam LMS. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/sh
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
UV = $(shell scripts/ensure-uv.sh)
PY = .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist, one test database per worker: name_gw0, ...);
# PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

.PHONY: help install install-test ralph run demo worker test test-fast lint format bench check-deploy messages clean

help:
	@echo "make run          set up .venv, migrate SQLite, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test         install test needs and run the whole suite"
	@echo "make worker       Celery worker + beat (needs REDIS_URL)"
	@echo "make bench        benchmarks (figures printed)"
	@echo "make lint         ruff and the import-linter layers (.importlinter)"
	@echo "make check-deploy manage.py check --deploy under production settings"
	@echo "make messages     update and compile the Hindi catalogue (locale/hi)"
	@echo "make ralph        install Ralph, the xAPI store the tests use (.tools/ralph-venv)"

install:
	@scripts/apt-deps.sh run
	$(UV) sync --frozen --inexact

install-test: ralph
	@scripts/apt-deps.sh test
	$(UV) sync --frozen --inexact --group test

# Ralph, the xAPI learning record store the tests post to, in its own venv (.tools/ralph-venv).
ralph:
	@scripts/ralph.sh install

run: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable -v0
	CELERY_TASK_ALWAYS_EAGER=true $(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	CELERY_TASK_ALWAYS_EAGER=true $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	@test -n "$$REDIS_URL" || (echo "Set REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/0 make worker"; exit 2)
	CELERY_TASK_ALWAYS_EAGER=false .venv/bin/celery -A lms worker --beat --loglevel=INFO --concurrency=2

test: install-test
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	DATABASE_URL=sqlite:////tmp/makemigrations-check.sqlite3 $(PY) manage.py makemigrations --check --dry-run -v0 --settings=lms.settings.test
	DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest -n $(PYTEST_WORKERS) --dist worksteal --durations=15 $(if $(DATABASE_URL),$(if $(CI),--create-db,--reuse-db),) $(PYTEST_ARGS)

test-fast: install-test
	.venv/bin/pytest -m "not browser" -x $(PYTEST_ARGS)

lint: install-test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

format: install-test
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

bench: install-test
	$(PY) bench/run.py
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/nominations.py
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/assessments.py
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/reports.py
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/report_pdf.py --programmes 200
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/compliance.py
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/certificates.py --count $${BENCH_CERTIFICATES:-1000} --workers 2
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$(DATABASE_URL)} $(PY) bench/simulator.py

# Production stack on loopback under locust (bench/load/run.py; BENCH_LOAD_ARGS="--workers 4").
.PHONY: bench-load bench-faults
bench-load: install-test
	$(UV) sync --frozen --inexact --group test --group bench
	$(PY) bench/load/run.py $(BENCH_LOAD_ARGS)

# Fault drills (bench/faults/): each prints PASS or FAIL; the target fails if any drill did.
bench-faults: install-test
	$(UV) sync --frozen --inexact --group test --group bench
	@status=0; for drill in worker_kill redis_outage pg_restart; do \
		echo "== bench/faults/$$drill.py"; $(PY) bench/faults/$$drill.py || status=1; \
	done; exit $$status

check-deploy: install
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=$${SECRET_KEY:-check-deploy-only-$$(date +%s)-a-long-random-looking-secret-value} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-lms.example.gov.in} DATABASE_URL=$${DATABASE_URL:-sqlite:////tmp/check.sqlite3} \
	$(PY) manage.py check --deploy --fail-level WARNING

# The Hindi catalogue: collect every marked string (Python, templates, the plain-text email
# templates) into locale/hi/LC_MESSAGES/django.po, then compile django.mo. Translate the new
# entries (msgstr, no "fuzzy") before committing: tests/i18n/test_catalogue.py fails otherwise.
MESSAGES_IGNORE = --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=tests --ignore=bench --ignore=deploy --ignore=staticfiles --ignore=media
messages: install
	$(PY) manage.py makemessages -l hi --no-obsolete --add-location=file $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages -l hi $(MESSAGES_IGNORE)

clean:
	rm -rf .venv .tools db.sqlite3 staticfiles .pytest_cache .ruff_cache
