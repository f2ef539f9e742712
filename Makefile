# Netralitas — the front door. `make run` starts everything; `make test` checks everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(VENV)/bin/python
PYTEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv run setup serve test check lint typecheck layers pytest migrations-check pytest-races fmt screenshots bench-import bench-dashboard bench-api bench-declarations bench-sqlite-sync clean nodes-test

help:
	@echo "make run    — install, migrate, load demo data, start web server + worker (Ctrl-C stops)"
	@echo "make test   — lint, type-check, layer check, migrations check and the test suite"

$(BIN)/uv:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: $(BIN)/uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --quiet
	@touch $@

venv: $(VENV)/.synced

setup: venv
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py setup_demo
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0

run: setup
	HOST=$(HOST) PORT=$(PORT) bin/run-dev

serve: venv
	HOST=$(HOST) PORT=$(PORT) bin/run-dev

test: check pytest pytest-races

check: lint typecheck layers migrations-check

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: venv
	$(BIN)/mypy netralitas config

layers: venv
	$(BIN)/lint-imports

migrations-check: venv
	NETRALITAS_ENV=test $(BIN)/python manage.py makemigrations --check --dry-run

pytest: venv
	NETRALITAS_ENV=test $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The race tests need a database that several connections share: on SQLite a file, not the in-memory
# default (on PostgreSQL the suite above has run them already).
pytest-races: venv
	@case "$$DATABASE_URL" in postgres*) exit 0;; esac; \
	dir=$$(mktemp -d); \
	NETRALITAS_ENV=test TEST_SQLITE_NAME=$$dir/test.sqlite3 $(BIN)/pytest -p no:xdist -m concurrency -q; \
	rc=$$?; rm -rf "$$dir"; exit $$rc

# Real-browser tests; they rewrite docs/screenshots/*.png (desktop and 360 px), shown in the README.
screenshots: venv
	NETRALITAS_ENV=test $(BIN)/pytest tests/browser -q

bench-import: venv
	$(BIN)/python benchmarks/import_employees.py

# The benchmark databases of docs/performance-dashboard.md (issue 20): 10,000 cases (small employee
# profile) and 100,000 cases (4.3 M-employee national profile), each engine. Override to measure others.
BENCH_DASHBOARD_DBS ?= sqlite:////tmp/nat10k_small.sqlite3 sqlite:////tmp/nat100k.sqlite3 \
	postgres://postgres@127.0.0.1:5432/nat10k_small postgres://postgres@127.0.0.1:5432/nat100k
bench-dashboard: venv
	$(BIN)/python benchmarks/dashboard.py --databases $(BENCH_DASHBOARD_DBS)

bench-api: venv
	$(BIN)/python benchmarks/api_intake.py
	$(BIN)/python benchmarks/api_sql_floor.py
	$(BIN)/python benchmarks/helpdesk_intake.py

bench-declarations: venv
	$(BIN)/python benchmarks/declaration_event.py

bench-sqlite-sync: venv
	$(BIN)/python benchmarks/sqlite_synchronous.py

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .pytest_cache

# Several nodes on loopback (issue 17, docs/operations.md): a streaming replica, moto's S3 server, two
# gunicorn nodes, two outbox workers and two task workers, then the scripted journey. Needs root (or the
# postgres user) and the PostgreSQL 15 primary on 127.0.0.1:5432.
nodes-test: venv
	bin/nodes-test
