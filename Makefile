# The command catalogue. `make run` starts the product locally; `make test` installs what is needed and runs all tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LOCK_VENV := build/lock-venv
# `make run PORT=9080 SMTP_PORT=3525 EMULATOR_PORT=5566`: where the stack listens (defaults 8080, 2525, 4566).
PORT          ?= 8080
SMTP_PORT     ?= 2525
EMULATOR_PORT ?= 4566
PORTS := --port $(PORT) --smtp-port $(SMTP_PORT) --emulator-port $(EMULATOR_PORT)

.PHONY: help venv lock run run-fresh test test-fast lint format bench screenshots cost cost-measure package system-deps clean

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Exactly the versions in requirements.lock (hashes checked), then the project itself without resolving again.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install the project with its dev tools, as locked

lock: ## re-resolve requirements.lock: every dependency at its newest within pyproject.toml's ranges; then make test
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q pip-tools)
	$(LOCK_VENV)/bin/pip-compile --quiet --upgrade --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

run: venv ## start the whole product locally with demo data (Ctrl-C stops it); PORT=, SMTP_PORT=, EMULATOR_PORT=
	$(VENV)/bin/helpdesk local up $(PORTS)

run-fresh: venv ## the same, starting from empty local data
	$(VENV)/bin/helpdesk local up --fresh $(PORTS)

system-deps: ## Debian packages some tests need (chromium, php-cli, openssh-server); installed only when root
	@bash infra/scripts/system-deps.sh

test: venv system-deps ## install what is needed and run every test suite
	$(PY) -m pytest -n 2 --dist worksteal

test-fast: venv ## unit and contract tests only
	$(PY) -m pytest -m 'unit or contract'

lint: venv ## ruff, mypy on the domain package and the handlers, import-linter, cfn-lint on the template
	$(VENV)/bin/ruff check layers infra functions tests
	$(VENV)/bin/mypy functions/*/*.py functions/*/*/*.py layers/core/helpdesk
	PYTHONPATH=. $(VENV)/bin/lint-imports
	$(VENV)/bin/cfn-lint template.yaml

format: venv
	$(VENV)/bin/ruff format layers infra functions tests

screenshots: venv system-deps ## browser tests writing their screenshots into docs/screenshots (look at them)
	HELPDESK_SCREENSHOTS=1 $(PY) -m pytest -n 2 --dist worksteal -m browser

bench: venv ## benchmarks; results go to docs/performance.md
	$(PY) -m pytest -m bench -p no:xdist -s tests/bench

cost-measure: venv ## re-count the AWS requests of the hot paths (infra/cost/measured-calls.json) for `helpdesk cost`
	$(PY) -m tests.bench.cost_calls | tail -1 | $(PY) -c "import json,sys; json.dump(json.load(sys.stdin), open('infra/cost/measured-calls.json', 'w'), indent=1, sort_keys=True)"

cost: venv ## the monthly AWS bill at 10k tickets, 20 staff (helpdesk cost --help for other sizes)
	$(VENV)/bin/helpdesk cost

package: venv ## build the layer and each function's deployable artifact and print their sizes
	$(VENV)/bin/helpdesk package

clean:
	rm -rf $(VENV) build .aws-sam .pytest_cache
