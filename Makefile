# The two commands of the README: `make report` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= build

.PHONY: install test report annotate notebooks bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

install: $(STAMP)

test: install
	$(BIN)/python -m pytest

annotate: install
	$(BIN)/accord annotate seeds --out $(OUT)/seed-tables

report: annotate

clean:
	rm -rf $(OUT) .pytest_cache
