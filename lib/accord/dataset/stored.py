"""The corrections a dataset keeps: the bytes checked when they were stored, and where they came from.

``OUT/corrections.yaml`` holds exactly the bytes of the analyst's file that a run
checked; ``OUT/corrections.json`` says which file that was (the path as the analyst
gave it, and resolved) and the codes the file's actor names resolved to with that
run's lexicon (a name only the analyst's lexicon knows still reads later, without it).
The JSON file is written first and carries the YAML bytes' hash: a run killed between
the two writes leaves a JSON file that no longer matches, and it is then ignored.

Messages about a stored correction name the analyst's file while it holds the same
bytes (its lines are the copy's), else the dataset's copy.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from typing import Callable

from ..io import write_file_atomic
from ..corrections import parse_corrections, read_corrections_file
from ..errors import AccordError, CorrectionsError
from ..lexicon import Lexicon
from .layout import CORRECTIONS, CORRECTIONS_META, MARKER


@dataclass(frozen=True)
class StoredCorrections:
    """A dataset's corrections: the checked bytes, the analyst's path (as given, and resolved), the names' codes."""

    data: bytes
    path: str | None = None
    realpath: str | None = None
    names: dict[str, str] = field(default_factory=dict)

    def label(self, root: Path) -> str:
        """The file messages name: the analyst's, while it holds these bytes; else the dataset's copy."""
        if self.path and self.realpath:
            try:
                if read_corrections_file(self.realpath) == self.data:
                    return self.path
            except CorrectionsError:
                pass  # moved, deleted or no longer a regular file: the copy is what was applied
        return str(root / CORRECTIONS)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_stored(root: str | Path) -> StoredCorrections | None:
    """The corrections stored in the dataset at ``root``, or None."""
    root = Path(root)
    try:
        data = (root / CORRECTIONS).read_bytes()
    except FileNotFoundError:
        return None
    try:
        meta = json.loads((root / CORRECTIONS_META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = None
    if not isinstance(meta, dict) or meta.get("sha256") != _digest(data):
        return StoredCorrections(data)  # written by an older accord, or a run killed between the two files
    names = meta.get("names") if isinstance(meta.get("names"), dict) else {}
    return StoredCorrections(data, meta.get("path"), meta.get("realpath"),
                             {str(k): str(v) for k, v in names.items()})


def write_stored(root: str | Path, stored: StoredCorrections, durable: bool = True) -> None:
    """Store ``stored`` in the dataset at ``root``, replacing what was there (JSON first, see the module)."""
    root = Path(root)
    meta = {"path": stored.path, "realpath": stored.realpath, "sha256": _digest(stored.data),
            "names": dict(sorted(stored.names.items()))}
    payload = (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_file_atomic(root / CORRECTIONS_META, lambda fh: fh.write(payload), durable)
    write_file_atomic(root / CORRECTIONS, lambda fh: fh.write(stored.data), durable)


def remove_stored(root: str | Path) -> None:
    """Remove the dataset's corrections (the YAML first: without it the JSON is never read)."""
    for name in (CORRECTIONS, CORRECTIONS_META):
        try:
            os.unlink(Path(root) / name)
        except FileNotFoundError:
            pass


def _names(fixes: list) -> dict[str, str]:
    return {k: v for fix in fixes for k, v in fix.names.items()}


def corrections_to_store(root: Path, lexicon: Lexicon, corrections: str | Path | None, overwrite: bool,
                         drop: bool) -> StoredCorrections | None:
    """What a run stores in the dataset at ``root``, checked against the run's ``lexicon`` before any work.

    The analyst's ``corrections`` file, read once (the bytes checked are the bytes stored); without
    it and with ``overwrite``, which empties the dataset, the corrections it stores, checked again
    (an analyst's fixes are not lost without a word); else None (the stored file stays as it is).
    """
    if corrections is not None and drop:
        raise AccordError("--corrections and --drop-corrections: give one of them")
    if corrections is not None:
        data = read_corrections_file(corrections)
        fixes = parse_corrections(data, corrections, lexicon)
        return StoredCorrections(data, str(corrections), os.path.realpath(corrections), _names(fixes))
    kept = read_stored(root) if overwrite and not drop and (root / MARKER).is_file() else None
    if kept is None:
        return None
    try:
        fixes = parse_corrections(kept.data, kept.label(root), lexicon)
    except CorrectionsError as exc:
        raise CorrectionsError(exc.path, f"{exc.problem} (the corrections this dataset stores, kept by --overwrite: "
                                         "fix them and pass the file with --corrections, or pass --drop-corrections)",
                               exc.line) from None
    return StoredCorrections(kept.data, kept.path, kept.realpath, _names(fixes))


def settle_corrections(root: Path, keep: StoredCorrections | None, kept: bool, drop: bool, durable: bool,
                       log: Callable[[str], None]) -> None:
    """After a run: store ``keep`` (saying so when ``kept``, no file given), or remove the stored file on ``drop``."""
    if keep is not None:
        write_stored(root, keep, durable)
        if kept:
            log(f"accord: keeping the corrections stored in {root} (from {keep.label(root)}); "
                "--corrections FILE replaces them, --drop-corrections drops them")
    elif drop:
        remove_stored(root)
