# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv and
# install the project into it when it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench reliability schemas clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cwscrape demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# ruff and mypy as configured in pyproject.toml; .ci/run runs this before the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

schemas: $(STAMP)
	$(BIN)/cwscrape schemas

clean:
	rm -rf $(VENV) data/demo .pytest_cache .hypothesis

reliability: $(STAMP)
	$(BIN)/python -m reliability --kills 20
