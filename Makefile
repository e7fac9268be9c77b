# The two commands of the README: `make report` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= build

.PHONY: install system-deps test report annotate notebooks lab lexicon bench bench-report parser parser-sweep corpus baseline model clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

install: $(STAMP)

# Debian's chromium (PNG charts, browser tests); quiet when already there
system-deps:
	@bash scripts/install-system-deps.sh

# pytest collects tests/ and, with nbval (pyproject addopts), the notebooks: every test, the slow
# ones too, on TEST_WORKERS processes (pytest-xdist); --dist loadgroup keeps each file on one
# process (tests/conftest.py: a notebook's cells run in order in one kernel, module fixtures are
# built once) except a few files of slow independent tests, which are shared out test by test.
TEST_WORKERS ?= 2
test: install system-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

annotate: install
	$(BIN)/accord annotate seeds --out $(OUT)/seed-tables --format csv

# the seed's HTML report and PNG charts in $(OUT)/report (replaced only when the run succeeds)
report: install system-deps
	$(BIN)/accord report notebooks/02_alliance_dynamics.ipynb --out $(OUT)/report
	@echo "accord is installed in $(VENV)/bin: 'source $(VENV)/bin/activate' puts it on your PATH for the README's commands"

# JupyterLab on the notebooks (opening one does not mark it modified: scripts/run_notebooks.py
# writes them as JupyterLab saves them); as root (a container) it refuses to start without --allow-root
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: install
	$(BIN)/jupyter lab notebooks/ $(LAB_FLAGS)

# rebuild the generated lexicon files in lib/accord/data from ../shared/reference (deterministic)
lexicon: install
	$(BIN)/python -m lexicon_build ../shared/reference

# re-execute the notebooks in place, reproducibly, after an intended change of their outputs
notebooks: install
	$(BIN)/python scripts/run_notebooks.py

# wall time of `make report`, nbval of the notebooks, start-up cost of the Jupyter stack
bench-report: install system-deps
	$(BIN)/python benchmarks/bench_report.py

# every benchmark (results go in the README by hand): speed and memory, Dask scaling, reports
bench: install system-deps
	$(BIN)/python benchmarks/bench_tokenizer.py
	$(BIN)/python benchmarks/bench_throughput.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_report.py

# accord's own English tagger/parser (training/README.md): convert the UD treebanks in
# /work/shared/treebanks, train the chosen setting on one thread (deterministic, fixed steps),
# score dev+test, ship it in lib/accord/models/en_ud; parser-sweep runs the choice table.
parser: install
	PY=$(BIN)/python bash training/make_parser.sh

parser-sweep: install
	PY=$(BIN)/python bash training/sweep.sh

# the open corpus (training/corpus/ANNOTATION.md): the labellers' anchored files in training/authored
# placed, checked and split into training/corpus/{train,test}.jsonl; then its coverage figures
corpus: install
	$(BIN)/python -m accord.corpus build
	$(BIN)/python -m accord.corpus stats
	$(BIN)/python -c "from pathlib import Path; from accord.learn.corpus import pack; pack(Path('training/corpus'))"

# the learned event model (training/README.md): trained on the open corpus's train split with the
# packaged parser and lexicon, deterministically, into lib/accord/models/events (about a CPU minute)
model: install
	$(BIN)/python training/train_events.py --out lib/accord/models/events --json training/logs/events.json
	$(BIN)/python training/train_arguments.py --out lib/accord/models/arguments --json training/logs/arguments.json

# the corpus's baseline (training/corpus/DATASHEET.md): TF-IDF classifiers trained on the corpus alone,
# scored on the PLOVER dev half beside the rules, with a learning curve
baseline: install
	$(BIN)/python training/baseline.py --json training/corpus/baseline.json

clean:
	rm -rf $(OUT) .pytest_cache
