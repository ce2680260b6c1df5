# The command catalogue. `make run` starts the product locally; `make test` installs what is needed and runs all tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: help venv run run-fresh test test-fast lint format bench screenshots package system-deps clean

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install the project with its dev tools

run: venv ## start the whole product locally with demo data (Ctrl-C stops it)
	$(VENV)/bin/helpdesk local up

run-fresh: venv ## the same, starting from empty local data
	$(VENV)/bin/helpdesk local up --fresh

system-deps: ## Debian packages some tests need (chromium, php-cli); installed only when root
	@bash infra/scripts/system-deps.sh

test: venv system-deps ## install what is needed and run every test suite
	$(PY) -m pytest -n 2 --dist loadgroup

test-fast: venv ## unit and contract tests only
	$(PY) -m pytest -m 'unit or contract'

lint: venv ## ruff, mypy on the domain package and the handlers, import-linter, cfn-lint on the template
	$(VENV)/bin/ruff check layers infra functions tests
	$(VENV)/bin/mypy functions/*/*.py layers/core/helpdesk
	PYTHONPATH=. $(VENV)/bin/lint-imports
	$(VENV)/bin/cfn-lint template.yaml

format: venv
	$(VENV)/bin/ruff format layers infra functions tests

screenshots: venv system-deps ## browser tests writing their screenshots into docs/screenshots (look at them)
	HELPDESK_SCREENSHOTS=1 $(PY) -m pytest -n 2 --dist loadgroup -m browser

bench: venv ## benchmarks; results go to docs/performance.md
	$(PY) -m pytest -m bench -p no:xdist -s tests/bench

package: venv ## build the layer and each function's deployable artifact and print their sizes
	$(VENV)/bin/helpdesk package

clean:
	rm -rf $(VENV) build .aws-sam .pytest_cache
