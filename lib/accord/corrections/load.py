"""Reading an analyst's corrections file: each entry checked against the lexicon and made a :class:`Correction`.

:func:`load_corrections` refuses a bad entry with the file's path and line;
:func:`parse_each` (for ``accord learn``) keeps the entries that check and reports the others.
The file's format is described in :mod:`accord.corrections`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .. import tables
from ..errors import ActorNameError, CorrectionsError, InputError, LexiconError, shorten
from ..lexicon import Lexicon, resolve_actor
from ..lexicon.fileformat import MAX_YAML_CHARS, key_line, line_of, parse_yaml
from ..readers.files import read_file

TABLES = ("relations", "claims")
# the fields a correction may set, per table; list-valued ones hold actor codes
SETTABLE = {"relations": ("event_type", "source", "target", "status"), "claims": ("source", "about")}
_FILTERS = {"relations": ("event_type", "status", "trigger", "source", "target"),
            "claims": ("cue", "stance", "source")}
_KEYS = frozenset({"id", "doc", "span", "table", "where", "set", "drop", "reason"})
_CODE_RE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
#: A corrections file larger than this is refused unread: its YAML may hold no more characters
#: (a correction takes about 200 bytes, so some 100,000 fit).
MAX_FILE_BYTES = MAX_YAML_CHARS


@dataclass(frozen=True)
class Correction:
    """One entry of a corrections file."""

    doc: str
    start: int
    end: int
    reason: str
    table: str = "relations"
    drop: bool = False
    set: Mapping[str, Any] = field(default_factory=dict)
    where: Mapping[str, Any] = field(default_factory=dict)
    id: str | None = None
    path: str = ""
    line: int | None = None
    #: the actor names this entry gave instead of codes, and the codes they resolved to
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """What the ``corrected`` column records: the id (when given) and the reason."""
        return f"{self.id}: {self.reason}" if self.id else self.reason

    @property
    def where_text(self) -> str:
        """The entry's place, for messages: ``FILE, line N``."""
        return f"{self.path}, line {self.line}" if self.line else self.path


def code_is_known(code: str, lexicon: Lexicon) -> bool:
    """Whether ``code`` is an actor code the lexicon can give (``UNK:<name>`` is always allowed)."""
    if code.startswith("UNK:") and len(code) > 4:
        return True
    known = _known_codes(lexicon)
    if code in known:
        return True
    if not _CODE_RE.match(code):
        return False
    # a country (or bloc) with one or more sectors: RUSGOV, PRKMIL, USAGOVMIL
    return code[:3] in known and all(code[i:i + 3] in lexicon.sectors for i in range(3, len(code), 3))


_CODES: dict[str, frozenset[str]] = {}


def _known_codes(lexicon: Lexicon) -> frozenset[str]:
    if lexicon.version not in _CODES:
        _CODES[lexicon.version] = frozenset(e.code for e in lexicon.actors if e.code)
    return _CODES[lexicon.version]


def _fail(path: str, problem: str, node: Any, key: str | None = None) -> CorrectionsError:
    line = key_line(node, key) if key is not None else line_of(node)
    return CorrectionsError(path, problem, line)


def _codes(path: str, entry: Any, key: str, value: Any, lexicon: Lexicon | None,
           names: dict[str, str]) -> list[str]:
    """The actor codes of ``value``: codes as given, names resolved as everywhere else (``Philippines`` ->
    ``PHL``) and recorded in ``names``; with no ``lexicon`` (a file checked when a dataset stored it),
    a name takes the code ``names`` holds for it."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
        raise _fail(path, f"{key!r} must be an actor code or name, or a list of them, got {value!r}", entry, key)
    if lexicon is None:
        return [names.get(v, v) for v in values]
    out = []
    for v in values:
        try:
            out.append(v if code_is_known(v, lexicon) else names.setdefault(v, resolve_actor(v, lexicon)))
        except ActorNameError as exc:
            what = f"unknown actor code(s) {v}" if v.isupper() and " " not in v else shorten(v, 80, quote=False)
            raise _fail(path, f"{key!r}: {what}: {exc.problem} (give a name the lexicon knows or a CAMEO-style "
                              "code, e.g. RUS, PRKGOV, IGOUNO, or UNK:<name>)", entry, key) from None
    return out


def _value(path: str, entry: Any, key: str, value: Any, table: str, lexicon: Lexicon, codes: bool,
           names: dict[str, str]) -> Any:
    """A checked value of ``set`` or ``where``."""
    if key in ("source", "target", "about"):
        return _codes(path, entry, key, value, lexicon if codes else None, names)
    if not isinstance(value, str) or not value:
        raise _fail(path, f"{key!r} must be a non-empty string, got {value!r}", entry, key)
    if key == "event_type":
        types = sorted({event for event, _ in lexicon.plover})
        if value not in types:
            raise _fail(path, f"event_type {value!r} is not a PLOVER event type: one of {', '.join(types)}",
                        entry, key)
    if key == "status" and value not in tables.RELATION_STATUSES:
        raise _fail(path, f"status {value!r}: must be one of {', '.join(tables.RELATION_STATUSES)}", entry, key)
    return value


def _fields(path: str, entry: Any, key: str, table: str, allowed: tuple[str, ...], lexicon: Lexicon,
            codes: bool, names: dict[str, str]) -> dict:
    raw = entry[key]
    if not isinstance(raw, dict) or not raw:
        raise _fail(path, f"{key!r} must be a mapping of fields, e.g. {{{allowed[0]}: ...}}", entry, key)
    unknown = [k for k in raw if k not in allowed]
    if unknown:
        raise _fail(path, f"{key!r}: cannot use {', '.join(map(str, unknown))} on {table}: "
                          f"use {', '.join(allowed)}", raw, unknown[0])
    return {k: _value(path, raw, k, v, table, lexicon, codes, names) for k, v in raw.items()}


def _entry(path: str, entry: Any, lexicon: Lexicon, codes: bool, stored: Mapping[str, str]) -> Correction:
    if not isinstance(entry, dict):
        raise CorrectionsError(path, f"a correction must be a mapping, got {entry!r}", line_of(entry))
    unknown = sorted(str(k) for k in entry if k not in _KEYS)
    if unknown:
        raise _fail(path, f"unknown field(s) {', '.join(unknown)}: use {', '.join(sorted(_KEYS))}",
                    entry, unknown[0])
    for key in ("doc", "span", "reason"):
        if key not in entry:
            raise _fail(path, f"a correction needs {key!r} (doc, span, reason, and drop or set)", entry)
    doc, reason = entry["doc"], entry["reason"]
    if not isinstance(doc, str) or not doc:
        raise _fail(path, f"'doc' must be a doc_id or path, got {doc!r}", entry, "doc")
    if not isinstance(reason, str) or not reason.strip():
        raise _fail(path, "'reason' must say why, in words", entry, "reason")
    span = entry["span"]
    if (not isinstance(span, list) or len(span) != 2 or not all(isinstance(v, int) and not isinstance(v, bool)
                                                                  for v in span) or not 0 <= span[0] < span[1]):
        raise _fail(path, f"'span' must be [start, end) character offsets with 0 <= start < end, got {span!r}",
                    entry, "span")
    table = entry.get("table", "relations")
    if table not in TABLES:
        raise _fail(path, f"'table' must be one of {', '.join(TABLES)}, got {table!r}", entry, "table")
    drop = entry.get("drop", False)
    if drop not in (True, False):
        raise _fail(path, f"'drop' must be true or false, got {drop!r}", entry, "drop")
    if bool(drop) == ("set" in entry):
        raise _fail(path, "a correction needs exactly one of 'drop: true' or 'set: {...}'", entry)
    names = {} if codes else dict(stored)  # filled with the names this entry resolves, when checked
    changes = _fields(path, entry, "set", table, SETTABLE[table], lexicon, codes, names) if "set" in entry else {}
    where = _fields(path, entry, "where", table, _FILTERS[table], lexicon, codes, names) if "where" in entry else {}
    cid = entry.get("id")
    if cid is not None and (not isinstance(cid, str) or not cid):
        raise _fail(path, f"'id' must be a string, got {cid!r}", entry, "id")
    return Correction(doc=doc, start=span[0], end=span[1], reason=reason.strip(), table=table, drop=bool(drop),
                      set=changes, where=where, id=cid, path=path, line=line_of(entry),
                      names=names if codes else {})


def read_corrections_file(path: str | Path) -> bytes:
    """The bytes of a corrections file, read once: a regular file of at most :data:`MAX_FILE_BYTES`.

    A FIFO is refused, not waited on; an oversized file is refused unread. Check the bytes
    with :func:`parse_corrections`; a dataset stores exactly the bytes it checked.
    Raises :class:`~accord.errors.CorrectionsError` naming the file.
    """
    try:
        return read_file(path, MAX_FILE_BYTES, "a corrections file")
    except InputError as exc:
        raise CorrectionsError(exc.path, exc.problem) from None


def load_corrections(path: str | Path, lexicon: Lexicon, check_codes: bool = True,
                     names: Mapping[str, str] | None = None) -> list[Correction]:
    """The corrections of the YAML file at ``path``, checked against ``lexicon``.

    Actors are given by code or by name; a name is resolved as everywhere else
    (:func:`accord.resolve_actor`) and each entry records the names it resolved
    (``Correction.names``). ``check_codes=False`` skips the check of actor codes against
    the lexicon (for a file already checked with the analyst's lexicon when it was stored
    in a dataset): a name then takes its code from ``names``, what it resolved to then.
    Raises :class:`~accord.errors.CorrectionsError` naming the file, the line and the problem.
    """
    return parse_corrections(read_corrections_file(path), path, lexicon, check_codes, names)


def _entries(data: bytes, path: str) -> list:
    """The entries of a corrections file's bytes, unchecked: a file that is not UTF-8 YAML holding one
    section, ``corrections:``, a list, is refused whole."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorrectionsError(path, f"cannot read the corrections file: not UTF-8 text ({exc})") from None
    try:
        doc = parse_yaml(path, text)
    except LexiconError as exc:
        raise CorrectionsError(path, exc.problem, exc.line) from None
    if doc is None:
        return []
    if not isinstance(doc, dict) or set(doc) - {"corrections"}:
        raise CorrectionsError(path, "the file must hold one section, 'corrections:', a list of corrections",
                               line_of(doc, 1))
    entries = doc.get("corrections") or []
    if not isinstance(entries, list):
        raise _fail(path, "'corrections' must be a list", doc, "corrections")
    return entries


def parse_corrections(data: bytes, path: str | Path, lexicon: Lexicon, check_codes: bool = True,
                      names: Mapping[str, str] | None = None) -> list[Correction]:
    """The corrections in ``data``, the bytes of the file at ``path`` (named in messages), checked
    against ``lexicon`` as :func:`load_corrections` does."""
    p = str(path)
    out = [_entry(p, e, lexicon, check_codes, names or {}) for e in _entries(data, p)]
    seen: dict[str, int | None] = {}
    for c in out:
        if c.id is not None:
            if c.id in seen:
                raise CorrectionsError(p, f"duplicate id {c.id!r} (first at line {seen[c.id]})", c.line)
            seen[c.id] = c.line
    return out


def parse_each(data: bytes, path: str | Path, lexicon: Lexicon) -> tuple[list[Correction], list[CorrectionsError]]:
    """The corrections in ``data`` that pass the checks, and the problem of each entry that does not
    (an unknown event type, a malformed span...): for ``accord learn``, which reports a correction
    that cannot teach instead of refusing the whole file. Each entry is checked as
    :func:`parse_corrections` checks it (actor codes against ``lexicon``); a file that is not a list
    of corrections is still refused whole (:class:`~accord.errors.CorrectionsError`)."""
    p = str(path)
    good, bad = [], []
    for entry in _entries(data, p):
        try:
            good.append(_entry(p, entry, lexicon, True, {}))
        except CorrectionsError as exc:
            bad.append(exc)
    return good, bad
