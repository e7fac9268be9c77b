"""What a dataset was annotated with, in its recorded version string, and why another run is refused.

A dataset records one annotation version: the lexicon's, ``+v2`` for engine v2, and
``+events-<id>`` when an event model other than the packaged one made it (``accord learn``).
A dataset is never a mixture: a run with another version is refused in these words.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping

from .layout import MARKER

# what joins an event model's identity to the lexicon version and engine
_EVENTS = "+events-"


def annotation_version(lexicon_version: str, syntax: bool, events_id: str | None) -> str:
    """The version a dataset records: the lexicon version, the engine, and the event model unless packaged."""
    version = f"{lexicon_version}+v2" if syntax else lexicon_version
    return version if events_id is None else f"{version}{_EVENTS}{events_id}"


def events_model(version: Any) -> str:
    """The event model's identity in an annotation version ('' for the packaged model)."""
    return str(version).partition(_EVENTS)[2]


def events_model_of(root: str | Path) -> str | None:
    """The identity of the event model a dataset was annotated with (None: the packaged model)."""
    meta = json.loads((Path(root) / MARKER).read_text())
    return events_model(meta.get("lexicon_version", "")) or None


def _version_words(version: Any) -> str:
    """A dataset's annotation version in words: lexicon, engine, and event model when not the packaged one."""
    lexicon, _, model = str(version).partition(_EVENTS)
    return f"lexicon {lexicon}" + (f" and event model {model} (accord learn)" if model else " and the packaged event model")


def _engine(version: Any) -> str:
    return "v2" if str(version).partition(_EVENTS)[0].endswith("+v2") else "v1"


def mismatch(meta: Mapping[str, Any], version: str, lexicon_file: str | None) -> str:
    """Why a dataset made with another lexicon (or engine, or event model) is refused, naming what it was
    made with; ``meta`` is the dataset's marker, ``version`` and ``lexicon_file`` this run's."""
    old, before = meta.get("lexicon_version"), meta.get("lexicon_file", "unknown")
    fix = "use a new --out folder, or --overwrite to annotate it all again"
    if events_model(old) != events_model(version):
        return (f"dataset was annotated with {_version_words(old)}, this run uses {_version_words(version)}; "
                f"a dataset is never a mixture: {fix}")
    if _engine(old) != _engine(version):
        return f"dataset was annotated with --engine {_engine(old)}; pass it again, or {fix}"
    if before == "unknown":  # made before datasets recorded their lexicon file
        return f"dataset was annotated with lexicon {old}, this run uses {version}; {fix}"
    if before is None and lexicon_file is not None:
        return (f"dataset was annotated with the packaged lexicon alone (no --lexicon); this run adds "
                f"--lexicon {lexicon_file}: leave it out, or {fix}")
    if before is not None and lexicon_file is None:
        return f"dataset was annotated with --lexicon {before}; pass it again, or {fix}"
    if before is not None and os.path.basename(before) != os.path.basename(str(lexicon_file)):
        return f"dataset was annotated with --lexicon {before}, this run with --lexicon {lexicon_file}; {fix}"
    if before is not None:
        return f"dataset was annotated with --lexicon {before} as it was then; the file has changed since: {fix}"
    return (f"dataset was annotated with lexicon {old}, this run uses {version} (accord's own lexicon has "
            f"changed since); {fix}")
