# The two commands of the README's quick start: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE ?= examples/milton-keynes

.PHONY: run test lint typecheck bench docs clean fuzz mutate

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
	$(BIN)/progman run $(EXAMPLE) --date $(TODAY) || [ $$? -eq 1 ]  # 1: the findings were printed

## test: lint (ruff), type-check (mypy --strict) and run the test suite
test: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest

## bench: run the benchmarks and print their figures
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks

## fuzz: the fuzzing harnesses, not in `make test` (which runs the same properties with a
## small budget): the YAML loading (FUZZ_CASES mutated examples and scraps), then MSPDI
## import and register import (tests/fuzz, FUZZ_EXAMPLES cases each: about 2 minutes per
## 10,000 MSPDI cases on 2 cores)
FUZZ_CASES ?= 2000
FUZZ_EXAMPLES ?= 5000
fuzz: $(VENV)/.installed
	$(BIN)/python -m tests.hostile.fuzzing $(FUZZ_CASES)
	$(BIN)/python -m tests.fuzz mspdi registers --examples $(FUZZ_EXAMPLES)

## mutate: mutation testing (mutmut) of the modules listed in pyproject.toml, one at a time
## with their own tests and one worker; slow, so not part of `make test` (docs/testing.md).
## MODULE=rules/delegation.py for one module.
mutate: $(VENV)/.mutation
	$(BIN)/python tools/mutate.py $(MODULE)

$(VENV)/.mutation: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,mutation]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist site
