# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench screenshots snapshots readme clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/python -m compileall -q sqla_assist  # bytecode: the app and its scan workers start faster
	$(BIN)/sqla-assist demo

test: $(STAMP)
	$(BIN)/python -m pytest -n auto -q

lint: $(STAMP)
	$(BIN)/ruff check sqla_assist tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/scan.py

screenshots: $(STAMP)
	$(BIN)/python -m sqla_assist.tui.screenshots screenshots

readme: $(STAMP)
	$(BIN)/python -m sqla_assist.rules._readme README.md

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/tui --snapshot-update -q

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
