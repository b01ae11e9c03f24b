# Nutag — one command to serve, one to test. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: install run test bench check check-static lint format typecheck \
        migrations-check schema schema-check messages clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("Nutag needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Serve Nutag on http://127.0.0.1:$(PORT) on SQLite with demo data, with the background worker, until Ctrl-C.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile.dev start -p $(PORT)

## The whole suite on SQLite (or on PostgreSQL when DATABASE_URL is set).
test: install
	@bash scripts/ensure_chromium.sh
	NUTAG_TESTING=1 $(BIN)/python -m pytest --create-db -n 2 --dist loadgroup

## Benchmarks (one JSON line per figure). The request figures need PostgreSQL: DATABASE_URL=postgres://...
bench: install
	@command -v wrk >/dev/null 2>&1 || ([ "$$(id -u)" = "0" ] && apt-get update -qq && apt-get install -y -qq wrk >/dev/null 2>&1) || true
	NUTAG_TESTING=1 $(BIN)/python -m nutag.bench

check: check-static test

check-static: lint typecheck migrations-check schema-check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install
	NUTAG_TESTING=1 $(BIN)/mypy nutag config

migrations-check: install
	NUTAG_TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run

schema: install
	NUTAG_TESTING=1 $(BIN)/python manage.py spectacular --lang en --validate --fail-on-warn --file nutag/api/openapi.yaml

schema-check: install
	NUTAG_TESTING=1 $(BIN)/python manage.py spectacular --lang en --validate --fail-on-warn --file $(VENV)/openapi.current.yaml
	diff -u nutag/api/openapi.yaml $(VENV)/openapi.current.yaml || \
		(echo "The committed OpenAPI schema is out of date: run 'make schema' and commit it." && exit 1)

messages: install
	$(BIN)/python manage.py makemessages -l mn --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore '*/tests/*' --ignore 'scripts/*'
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var
