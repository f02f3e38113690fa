# Two commands for a newcomer: `make run` (install + embedded server + API + worker + demo)
# and `make test`. Everything installs into .venv from pyproject.toml.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/explainer up

test: setup
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: setup
	$(VENV)/bin/python bench/ingest.py
	$(VENV)/bin/python bench/explain.py

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache
