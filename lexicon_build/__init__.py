"""Build accord's generated lexicon files from the reference data.

Reads the PETRARCH2 dictionaries, the PLOVER crosswalk and the CAMEO / PLOVER
tables in ``../shared/reference`` (or the directory given) and writes
``cameo.yaml``, ``plover.yaml``, ``agents.yaml``, ``verbs_petrarch.yaml``,
``states.yaml``, ``igos.yaml``, ``orgs_petrarch.yaml`` (NGOs and companies) and
``persons_petrarch.yaml`` (persons with date-bounded codes) into
``lib/accord/data/`` (or ``--out``).

The output is deterministic: no timestamps, stable ordering, so running the
script twice gives byte-identical files and a diff shows real data changes.
``states.yaml`` also reads the hand-curated ``actors_curated.yaml`` (which
decides which states are current, their ISO codes and the spelling of names);
the organisations and persons files leave out every surface form of a curated,
state or IGO entry, and persons the curated list already has.

Usage::

    python -m lexicon_build [REFERENCE_DIR] [--out DIR]     (or: make lexicon)
"""
from .run import build, main

__all__ = ["build", "main"]
