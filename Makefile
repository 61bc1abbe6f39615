# Boligsocial: `make demo` sets everything up and serves the site; `make test` runs the whole suite.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo national test install assets lint format lock schema bench clean

demo: install assets
	$(BIN)/boligsocial demo --port $(PORT)

# The synthetic national installation (fictional; docs/decisions/0013) in its own database.
NATIONAL_DB := sqlite:///$(CURDIR)/var/national.sqlite3
national: install assets
	DATABASE_URL=$(NATIONAL_DB) $(BIN)/boligsocial national
	DATABASE_URL=$(NATIONAL_DB) DEBUG=1 $(BIN)/boligsocial runserver 127.0.0.1:$(PORT)

test: install assets
	bash scripts/test.sh

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Boligsocial needs Python >= 3.11; set PYTHON=python3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

node_modules/.installed-stamp: package.json package-lock.json
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' || (echo "Boligsocial needs Node >= 18" && exit 1)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: install node_modules/.installed-stamp
	$(BIN)/boligsocial build-assets

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format:
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

schema: install
	DEBUG=1 $(BIN)/boligsocial spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml

bench: install assets
	$(BIN)/python benchmarks/criteria_compute.py
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/money_pages.py
	$(BIN)/python benchmarks/budget_import.py

clean:
	rm -rf $(VENV) node_modules var src/boligsocial/web/static/vendor
