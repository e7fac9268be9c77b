"""An analyst's corrections: a YAML file of fixes to rows of the relations and claims tables, applied on every run.

A correction names its row by document and character span, which stay the same
across engine versions (row ids do not), and says what to change::

    corrections:
      - id: un-not-aligned              # optional; shown in the tables' `corrected` column
        doc: putin-pyongyang-visit-2024-06   # doc_id, or the path the documents table records
        span: [1520, 1610]              # [start, end) characters: every row inside it matches
        table: relations                # relations (default) or claims
        where: {event_type: SUPPORT}    # optional: narrows the rows of the span
        set: {event_type: CONSULT, status: alleged}   # or: drop: true
        reason: Russia endorsed sanctions; that is not alignment with the UN

:func:`load_corrections` checks the file against the lexicon (event types, actors by
code or name, statuses) and refuses a bad entry with the file's path and line.
:func:`apply_corrections` changes the tables, marks each changed row in its
``corrected`` column, and turns a correction that no longer matches any row of its
document (or names a document a near spelling of an id) into a row of the errors table
(stage ``correct``) that shows what would fix it.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from . import tables
from .errors import ActorNameError, CorrectionsError, InputError, LexiconError, shorten
from .lexicon import Lexicon, resolve_actor
from .lexicon.fileformat import MAX_YAML_CHARS, key_line, line_of, parse_yaml
from .readers.files import read_file

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


def parse_corrections(data: bytes, path: str | Path, lexicon: Lexicon, check_codes: bool = True,
                      names: Mapping[str, str] | None = None) -> list[Correction]:
    """The corrections in ``data``, the bytes of the file at ``path`` (named in messages), checked
    against ``lexicon`` as :func:`load_corrections` does."""
    p = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorrectionsError(p, f"cannot read the corrections file: not UTF-8 text ({exc})") from None
    try:
        doc = parse_yaml(p, text)
    except LexiconError as exc:
        raise CorrectionsError(p, exc.problem, exc.line) from None
    if doc is None:
        return []
    if not isinstance(doc, dict) or set(doc) - {"corrections"}:
        raise CorrectionsError(p, "the file must hold one section, 'corrections:', a list of corrections",
                               line_of(doc, 1))
    entries = doc.get("corrections") or []
    if not isinstance(entries, list):
        raise _fail(p, "'corrections' must be a list", doc, "corrections")
    out = [_entry(p, e, lexicon, check_codes, names or {}) for e in entries]
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
    that cannot teach instead of refusing the whole file. A file that is not a list of corrections
    is still refused (:class:`~accord.errors.CorrectionsError`)."""
    p = str(path)
    try:
        text = data.decode("utf-8")
        doc = parse_yaml(p, text)
    except UnicodeDecodeError as exc:
        raise CorrectionsError(p, f"cannot read the corrections file: not UTF-8 text ({exc})") from None
    except LexiconError as exc:
        raise CorrectionsError(p, exc.problem, exc.line) from None
    if doc is None:
        return [], []
    if not isinstance(doc, dict) or set(doc) - {"corrections"} or not isinstance(doc.get("corrections") or [], list):
        raise CorrectionsError(p, "the file must hold one section, 'corrections:', a list of corrections",
                               line_of(doc, 1))
    good, bad = [], []
    for entry in doc.get("corrections") or []:
        try:
            good.append(_entry(p, entry, lexicon, True))
        except CorrectionsError as exc:
            bad.append(exc)
    return good, bad


# --------------------------------------------------------------------------- applying


def matches(row: Mapping[str, Any], c: Correction) -> bool:
    """Whether table row ``row`` is inside the correction's span and meets its ``where``."""
    if not (row["start"] >= c.start and row["end"] <= c.end):
        return False
    for key, value in c.where.items():
        have = row[key]
        if isinstance(value, list):
            if not isinstance(have, list) or set(have) != set(value):
                return False
        elif not (isinstance(have, str) and have == value):
            return False
    return True


def _set_event(row: dict[str, Any], event: str, lexicon: Lexicon) -> None:
    """A new event type brings its PLOVER quad class and score; the engine's CAMEO code no longer applies."""
    mode = row["mode"]
    key = (event, mode) if isinstance(mode, str) and (event, mode) in lexicon.plover else (event, "")
    cls = lexicon.plover.get(key)
    row.update(mode=key[1] or None, quad_class=cls.quad_class if cls else pd.NA,
               score=cls.score if cls else float("nan"), cameo=None, goldstein=float("nan"), event_type=event)


def _mark(row: dict[str, Any], label: str) -> None:
    old = row["corrected"]
    row["corrected"] = f"{old}; {label}" if isinstance(old, str) else label


def _ids(values: list[str], limit: int = 3) -> str:
    """Row ids for a message: the first few, and how many more."""
    shown = ", ".join(shorten(v, 60, quote=False) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _at(c: Correction, other: Correction) -> str:
    """Where ``other`` is, as seen from ``c``: ``line N``, or ``FILE, line N`` in another file."""
    return f"line {other.line}" if other.path == c.path else other.where_text


class _Rows:
    """One table's rows as dicts (a correction changes a few), found by document, and what corrections did to them."""

    def __init__(self, df: pd.DataFrame, id_col: str) -> None:
        self.rows = df.to_dict("records")
        self.id_col = id_col
        self.by_doc: dict[Any, list[int]] = {}
        for i, row in enumerate(self.rows):
            self.by_doc.setdefault(row["doc_id"], []).append(i)
        self.dropped: dict[int, Correction] = {}  # row -> the correction that dropped it
        self.changed: dict[int, dict[str, tuple[Correction, Any]]] = {}  # row -> field -> (correction, value)

    def matching(self, c: Correction, doc_ids: set[str]) -> list[int]:
        return sorted(i for d in doc_ids for i in self.by_doc.get(d, ()) if matches(self.rows[i], c))

    def ids(self, rows: list[int]) -> list[str]:
        return [self.rows[i][self.id_col] for i in rows]


def _conflicts(t: _Rows, c: Correction, rows: list[int]) -> list[str]:
    """What ``c`` undoes of earlier corrections of ``rows``, in words."""
    notes: dict[tuple[int | None, str], tuple[Correction, list[int], Any, Any]] = {}
    for i in rows:
        for key, (other, before) in t.changed.get(i, {}).items():
            if c.drop:
                notes.setdefault((other.line, ""), (other, [], None, None))[1].append(i)
            elif key in c.set and c.set[key] != before:
                notes.setdefault((other.line, key), (other, [], before, c.set[key]))[1].append(i)
    out = []
    for (_, key), (other, hit, before, after) in notes.items():
        rows_text = _ids(t.ids(sorted(set(hit))))
        if c.drop:
            out.append(f"correction drops {rows_text}, which the correction at {_at(c, other)} changed; "
                       f"the drop (line {c.line}) holds")
        else:
            out.append(f"correction sets {key} of {rows_text} to {shorten(after)}, which the correction at "
                       f"{_at(c, other)} set to {shorten(before)}; the later one (line {c.line}) holds")
    return out


def _apply(t: _Rows, c: Correction, rows: list[int], lexicon: Lexicon) -> None:
    if c.drop:
        for i in rows:
            t.dropped[i] = c
        return
    for i in rows:
        row = t.rows[i]
        for key, value in c.set.items():
            if key == "event_type":
                _set_event(row, value, lexicon)
            else:
                row[key] = list(value) if isinstance(value, list) else value
            t.changed.setdefault(i, {})[key] = (c, value)
        _mark(row, c.label)


def _doc_index(documents: pd.DataFrame) -> dict[Any, set[str]]:
    """doc_id or path -> the doc_ids it names."""
    index: dict[Any, set[str]] = {}
    for doc_id, path in zip(documents["doc_id"].tolist(), documents["path"].tolist()):
        index.setdefault(doc_id, set()).add(doc_id)
        index.setdefault(path, set()).add(doc_id)
    return index


# the type column shown for a row in messages
_TYPE_COL = {"relations": "event_type", "claims": "stance"}


def _rows_text(t: "_Rows", rows: list[int], table: str, limit: int = 5) -> str:
    """Rows as a message shows them: ``id [start, end) TYPE``, the first few, and how many more."""
    shown = ", ".join(f"{shorten(t.rows[i][t.id_col], 60, quote=False)} [{t.rows[i]['start']}, {t.rows[i]['end']}) "
                      f"{t.rows[i][_TYPE_COL[table]]}" for i in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _unmatched_note(t: "_Rows", c: Correction, doc_ids: set[str], n_chars: Mapping[str, Any]) -> str:
    """Why ``c`` matched nothing, with what would help fix it: the rows of its document that overlap its
    span (id, span, type), else the nearest ones; a span past the document's end says so."""
    rows = [i for d in sorted(doc_ids) for i in t.by_doc.get(d, ()) if i not in t.dropped]
    overlap = [i for i in rows if t.rows[i]["start"] < c.end and t.rows[i]["end"] > c.start]
    if overlap:
        hint = f"rows of {c.table} that overlap it: {_rows_text(t, overlap, c.table)}"
    elif rows:
        def distance(i: int) -> int:
            return max(t.rows[i]["start"] - c.end, c.start - t.rows[i]["end"], 0)
        nearest = sorted(sorted(rows, key=distance)[:2], key=lambda i: t.rows[i]["start"])
        hint = f"no row of {c.table} overlaps it; the nearest: {_rows_text(t, nearest, c.table)}"
    else:
        hint = f"the document has no rows of {c.table}"
    size = max((n for d in doc_ids if isinstance(n := n_chars.get(d), int)), default=None)
    span = f"[{c.start}, {c.end})"
    if size is not None and c.end > size:
        where = f"span {span} runs past the end of the document ({size} characters); {hint}"
    else:
        where = f"span {span}; {hint} (the engine's output changed, or the span is wrong)"
    cid = " " + shorten(c.id, 60, quote=False) if c.id else ""
    return f"correction{cid} matches no row of {c.table}: {where}: {shorten(c.reason, 200, quote=False)}"


def _nearest_doc(doc: str, known: list[str], cache: dict[str, str | None]) -> str | None:
    """The document id (or path) closest to a ``doc`` not in the tables: most likely a typing slip."""
    if doc not in cache:
        close = difflib.get_close_matches(doc, known, n=1, cutoff=0.85)
        cache[doc] = close[0] if close else None
    return cache[doc]


def apply_corrections(result: Mapping[str, pd.DataFrame], corrections: list[Correction],
                      lexicon: Lexicon) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Apply ``corrections`` to the relations and claims of ``result`` (a dict of tables), in file order.

    Returns the new tables and a report, one row per correction: ``id``, ``path``,
    ``line``, ``doc``, ``table``, ``action``, ``rows`` (how many it changed) and
    ``outcome`` (``applied``; ``unmatched``: its document is there but no row is;
    ``dropped``: its rows are there, but an earlier correction dropped them; or
    ``absent``: its document is not in these tables), ``reason``, ``row_ids`` (the ids of
    the rows it changed or dropped, as the engine gave them) and ``notes``: what went
    wrong, in words (values cut short): for an unmatched one, the rows its span overlaps
    (else the nearest) and whether the span runs past the document's end; for an absent one,
    the nearest document id when one is a near spelling. Two corrections of one row that disagree
    (a field set to two values, a row changed then dropped) are a conflict: the later one holds,
    and a note of the later one says so. Each note is also a row of the errors table
    (stage ``correct``), so it is not lost. Ids of
    dropped rows are removed from the rows that refer to them. Corrections are found by
    document: the cost grows with the corrections and the rows they name, not their product.
    """
    out = dict(result)
    frames = {name: _Rows(out[name], "relation_id" if name == "relations" else "claim_id") for name in TABLES}
    doc_index = _doc_index(out["documents"])
    n_chars = dict(zip(out["documents"]["doc_id"].tolist(), out["documents"]["n_chars"].tolist()))
    known_docs = sorted(k for k in doc_index if isinstance(k, str))
    near_cache: dict[str, str | None] = {}
    report, error_rows = [], []
    for c in corrections:
        t = frames[c.table]
        ids = doc_index.get(c.doc, set())
        hit = t.matching(c, ids) if ids else []
        rows = [i for i in hit if i not in t.dropped]
        gone = [i for i in hit if i in t.dropped]
        notes = _conflicts(t, c, rows)
        if gone:
            droppers = {id(t.dropped[i]): t.dropped[i] for i in gone}.values()
            notes.append(f"correction matches {'only ' if not rows else ''}rows that the correction at "
                         f"{' and '.join(_at(c, d) for d in droppers)} dropped ({_ids(t.ids(gone))})"
                         + (f": {shorten(c.reason, 200, quote=False)}" if not rows else ""))
        outcome = "applied" if rows else "dropped" if gone else "unmatched" if ids else "absent"
        if outcome == "unmatched":
            notes.append(_unmatched_note(t, c, ids, n_chars))
        elif outcome == "absent" and (near := _nearest_doc(c.doc, known_docs, near_cache)) is not None:
            notes.append(f"document {shorten(c.doc)} is not in these tables; did you mean "
                         f"{shorten(near, 120, quote=False)}?")
        action = "drop" if c.drop else "set " + ", ".join(f"{k}={shorten(v, 60, quote=False)}"
                                                          for k, v in c.set.items())
        report.append({"id": c.id, "path": c.path, "line": c.line, "doc": c.doc, "table": c.table,
                       "span": f"[{c.start}, {c.end})", "action": action, "rows": len(rows), "outcome": outcome,
                       "reason": c.reason, "row_ids": t.ids(rows), "notes": notes})
        error_rows += [{"path": c.path, "line": c.line, "doc_id": sorted(ids)[0] if ids else None,
                        "stage": "correct", "error": n} for n in notes]
        _apply(t, c, rows, lexicon)
    for name in TABLES:
        t = frames[name]
        out[name] = pd.DataFrame([r for i, r in enumerate(t.rows) if i not in t.dropped],
                                 columns=out[name].columns)
    rel, cl = out["relations"], out["claims"]
    # a dropped row is no longer referred to
    rel_ids, claim_ids = set(rel["relation_id"]), set(cl["claim_id"])
    cl["relations"] = cl["relations"].map(lambda ids: [r for r in ids if r in rel_ids])
    rel["claim_id"] = rel["claim_id"].where(rel["claim_id"].isin(claim_ids), None)
    cl["contests"] = cl["contests"].where(cl["contests"].isin(claim_ids), None)
    for name in TABLES:
        out[name] = tables.frame(name, out[name].to_dict("records"))
    if error_rows:
        out["errors"] = tables.frame("errors", [*out["errors"].to_dict("records"), *error_rows])
    cols = ["id", "path", "line", "doc", "table", "span", "action", "rows", "outcome", "reason", "row_ids", "notes"]
    return out, pd.DataFrame(report, columns=cols)


def summary(report: pd.DataFrame) -> str:
    """Lines for stderr: how many corrections were applied, unmatched or for absent documents; each
    correction that went wrong (unmatched, dropped before, in conflict, a mistyped document) and each row dropped."""
    counts = report["outcome"].value_counts() if len(report) else {}
    parts = [f"{counts.get(k, 0)} {k}" for k in ("applied", "unmatched", "absent")]
    if counts.get("dropped", 0):
        parts.append(f"{counts['dropped']} on rows dropped before")
    conflicts = sum(1 for o, n in zip(report["outcome"], report["notes"]) if o == "applied" and n) if len(report) else 0
    if conflicts:
        parts.append(f"{conflicts} in conflict with an earlier one")
    lines = [f"accord: corrections: {', '.join(parts)}"]
    for r in report.itertuples():
        where = f"in {shorten(r.doc, 80, quote=False)}: " if r.outcome == "unmatched" else ""
        lines += [f"accord: {r.path}, line {r.line}: {where}{note}" for note in r.notes]
        if r.outcome == "applied" and r.action == "drop":  # a dropped row leaves a trace here
            lines.append(f"accord: {r.path}, line {r.line}: dropped {_ids(r.row_ids, 10)}: "
                         f"{shorten(r.reason, 200, quote=False)}")
    return "\n".join(lines)


def counts_line(report: pd.DataFrame) -> str:
    """The line of a run's summary about its corrections: how many were applied, how many went wrong."""
    applied = int((report["outcome"] == "applied").sum()) if len(report) else 0
    wrong = int(sum(1 for notes in report["notes"] if notes)) if len(report) else 0
    absent = int((report["outcome"] == "absent").sum()) if len(report) else 0
    text = f"corrections: {applied} applied, {wrong} with errors (stage correct in the errors table)"
    return text + (f", {absent} for documents not in these tables" if absent else "")
