"""accord: news articles about alliances into actors, claims and relations tables.

The public names are imported on first use (PEP 562), so that a command such as
``accord report --help`` does not pay for loading spaCy and the lexicon.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "annotate": "accord.annotation",
    "build_pipeline": "accord.pipeline",
    "dyad": "accord.analysis.dyad",
    "dyads": "accord.analysis.events",
    "events": "accord.analysis.events",
    "export_xlsx": "accord.dataset.export",
    "load_lexicon": "accord.lexicon",
    "Lexicon": "accord.lexicon",
    "read_corpus": "accord.readers",
    "open_tables": "accord.dataset.source",
    "read_tables": "accord.dataset.source",
    "resolve_actor": "accord.lexicon",
    "search": "accord.analysis.search",
    "write_tables": "accord.dataset.source",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'accord' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
