# The two commands of the README's quick start: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE ?= examples/milton-keynes

.PHONY: run test lint typecheck bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## run: the main job on the Milton Keynes example (override with EXAMPLE=examples/plymouth):
## check, schedule, status, and the HTML board report written to report.html
TODAY ?= 2013-01-10
run: $(VENV)/.installed
	$(BIN)/progman run $(EXAMPLE) --today $(TODAY)

## test: lint (ruff), type-check (mypy --strict) and run the test suite
test: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

## bench: run the benchmarks and print their figures
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist site
