"""Applying an analyst's corrections to the relations and claims tables, and the notes of what went wrong."""
from __future__ import annotations

import difflib
from typing import Any, Mapping

import pandas as pd

from .. import tables
from ..errors import shorten
from ..lexicon import Lexicon
from .load import TABLES, Correction
from .messages import row_ids_text


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
        rows_text = row_ids_text(t.ids(sorted(set(hit))))
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
                         f"{' and '.join(_at(c, d) for d in droppers)} dropped ({row_ids_text(t.ids(gone))})"
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
