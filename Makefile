# Two commands for a newcomer: `make run` (install + embedded server + API + worker + demo)
# and `make test`. Everything installs into .venv from pyproject.toml.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: setup run test prereqs lint bench fuzz clean

$(STAMP): pyproject.toml
	@echo "installing dependencies into $(VENV) (a few minutes the first time)…"
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install -q --upgrade pip
	@$(VENV)/bin/pip install -q -e ".[dev]"
	@touch $(STAMP)
	@echo "dependencies installed"

setup: $(STAMP)

run: setup
	$(VENV)/bin/explainer up

# the JS tests (node's built-in runner) need the npm dev dependencies of package-lock.json
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

# what `make test` needs besides Python: Node.js/npm (JS tests), Debian's chromium and ffmpeg
# (browser tests); said in one line before anything installs (.ci/run installs them)
TEST_TOOLS := node npm chromium ffmpeg
MISSING_TOOLS = $(foreach tool,$(TEST_TOOLS),$(if $(shell command -v $(tool) 2>/dev/null),,$(tool)))

prereqs:
	@$(if $(strip $(MISSING_TOOLS)),$(error make test needs $(strip $(MISSING_TOOLS)): install with \
	`sudo apt-get install $(strip $(subst node,nodejs,$(MISSING_TOOLS)))` (or run .ci/run, which does)))

test: prereqs setup $(NODE_STAMP)
	$(VENV)/bin/pytest
	npm test

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# schemathesis over /openapi.json against the real embedded stores, deeper than the bounded run
# of `make test` (25 examples per operation): no 5xx, every body in the envelope
FUZZ_EXAMPLES ?= 1000
fuzz: setup
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(VENV)/bin/pytest -q tests/e2e/test_fuzz_openapi.py --hypothesis-show-statistics

bench: setup
	$(VENV)/bin/python bench/ingest.py
	$(VENV)/bin/python bench/explain.py

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache node_modules
