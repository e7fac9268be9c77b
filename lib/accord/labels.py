"""The labels a relation carries, defined once from the data: statuses, PLOVER categories, quad classes.

The statuses are ``data/labels/statuses.yaml`` (their reading order and their precedence);
the 16 PLOVER categories and the names of the four quad classes are read from the
generated ``data/plover.yaml``, in its order. Everything that lists them (the tables'
schema, the corrections, the lexicon's checks, the charts, the scores) takes them from here.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from .paths import DATA_DIR

__all__ = ["STATUSES", "STATUS_PRECEDENCE", "material_quads", "plover_categories", "quad_names"]

STATUS_FILE = DATA_DIR / "labels" / "statuses.yaml"
PLOVER_FILE = DATA_DIR / "plover.yaml"


def _read(path: Path) -> Any:
    # packaged data, not an analyst's file: the C loader when there is one
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


def _statuses() -> tuple[tuple[str, ...], tuple[str, ...]]:
    doc = _read(STATUS_FILE)
    shown, precedence = tuple(doc["statuses"]), tuple(doc["precedence"])
    if sorted(shown) != sorted(precedence) or len(set(shown)) != len(shown):
        raise ValueError(f"{STATUS_FILE}: 'statuses' and 'precedence' must list the same statuses once each")
    return shown, precedence


#: every status, in the order a reader sees them (legends, parameters)
#: and in precedence order (the first a relation's cues give wins)
STATUSES, STATUS_PRECEDENCE = _statuses()


@functools.lru_cache(maxsize=1)
def _plover() -> tuple[tuple[str, ...], dict[int, str]]:
    rows = _read(PLOVER_FILE)["plover"]
    categories = tuple(dict.fromkeys(str(r["event_type"]) for r in rows))
    quads = {int(r["quad_class"]): str(r["quad_name"]).replace("_", " ") for r in rows}
    return categories, dict(sorted(quads.items()))


def plover_categories() -> tuple[str, ...]:
    """The PLOVER categories (``AGREE`` ... ``ASSAULT``), in ``plover.yaml``'s order."""
    return _plover()[0]


def quad_names() -> dict[int, str]:
    """Quad class -> its name (1: ``verbal cooperation`` ... 4: ``material conflict``)."""
    return dict(_plover()[1])


def material_quads() -> frozenset[int]:
    """The quad classes of material acts (``material cooperation``, ``material conflict``: 2 and 4), as
    opposed to verbal ones, by their names in ``plover.yaml``."""
    return frozenset(q for q, name in _plover()[1].items() if name.startswith("material"))
