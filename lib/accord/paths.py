"""The paths accord needs at run time, from one place.

The package's own files (the lexicon data, the report templates) are found
through the installed package; the repository (gold standards, the notebooks,
``../shared``) is the folder above ``lib/`` in a source checkout, the one way
accord is used for evaluation, reports and the lexicon build.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"
PARSER_MODEL = PACKAGE_DIR / "models" / "en_ud"  # the trained tagger and parser (training/README.md)
EVENT_MODEL = PACKAGE_DIR / "models" / "events"  # the learned event model (training/train_events.py)
CUE_MODEL = PACKAGE_DIR / "models" / "cues"  # the learned attribution cue detector (training/train_cues.py)
ARGUMENT_MODEL = PACKAGE_DIR / "models" / "arguments"  # the learned argument model (training/train_arguments.py)
REPO_DIR = PACKAGE_DIR.parents[1]
REFERENCE_DIR = REPO_DIR.parent / "shared" / "reference"
