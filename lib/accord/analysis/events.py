"""One event, many reports: the long dyads table, and relations grouped into events.

:func:`dyads` turns the relations (whose ``source`` and ``target`` are lists)
into one row per source-target pair per relation, so that a pandas user can
``groupby(["source", "target"])`` without ``.explode()``.

:func:`events` groups the pairs that report the same event: the same directed
dyad, event type and status, on dates that agree at their precision. A pair is
dated by its relation's date, or else by its document's date:

* dated to the day: a report joins an event whose first report is at most
  ``days`` days earlier (default 7: the week after the first report);
* dated to a month or a year only: the reports of the same month (year) are one event;
* undated (neither the text nor the document gives a date): one event per dyad, type and status.

The status is part of the key, so an alleged transfer and a denied one stay two
events, as the charts draw them. Event ids are readable and deterministic:
``SOURCE>TARGET:EVENT_TYPE:status:DATE``. :func:`per_event` gives the tables
with one relation row per event, for charts that count events rather than reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import ParameterError
from ..lexicon.load import gc_paused
from .params import check_level, parse_date
from .select import node_map

#: What the charts count: every report (relation), or every event once.
COUNTS = ("reports", "events")

#: The dtype pandas gives text (Arrow strings by default).
TEXT = pd.Series(["text"]).dtype

DYADS_COLUMNS = [
    "relation_id", "doc_id", "sent_id", "start", "end", "source", "target", "event_type", "mode", "context",
    "quad_class", "score", "status", "claim_id", "date", "doc_date", "outlet", "trigger", "evidence",
]
EVENTS_COLUMNS = [
    "event_id", "source", "target", "event_type", "quad_class", "score", "status", "date", "last_date",
    "precision", "dated", "n_reports", "n_documents", "n_sources", "relation_ids", "doc_ids", "trigger",
    "evidence",
]


def check_count(count: Any) -> str:
    """``"reports"`` or ``"events"`` (singular accepted)."""
    key = str(count).strip().lower() if count is not None else ""
    key = {"report": "reports", "event": "events"}.get(key, key)
    if key not in COUNTS:
        raise ParameterError(f"count: {count!r}; valid: 'reports' (every relation an article reports) or "
                             "'events' (the reports of one event counted once)")
    return key


def _docs(tables: Mapping[str, pd.DataFrame]) -> tuple[dict[str, Any], dict[str, str]]:
    """doc_id -> date, and doc_id -> outlet (the document's source field, else the doc_id)."""
    docs = tables["documents"]
    ids = docs["doc_id"].astype(str)
    outlets = {d: (str(s) if isinstance(s, str) and s.strip() else d) for d, s in zip(ids, docs["source"])}
    return dict(zip(ids, docs["date"])), outlets


def _per_value(values: Any, fn: Callable[[Any], Any]) -> np.ndarray:
    """``fn`` of each value as an object array, called once per distinct value (a corpus has few
    documents and actors for its many relations)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.asarray([fn(u) for u in uniques], dtype=object)[codes] if len(uniques) else np.empty(0, object)


def _pair_index(tables: Mapping[str, pd.DataFrame], level: str) -> pd.DataFrame:
    """The pairs of :func:`dyads` before their columns are copied: ``row`` (the relation's position),
    ``source`` and ``target`` (nodes of ``level``), in the relations' order."""
    node_of = node_map(tables["actors"], check_level(level))
    rel = tables["relations"]
    # exploding only positions and codes: the evidence is copied once, for the pairs that remain
    df = pd.DataFrame({"row": np.arange(len(rel)), "rid": pd.factorize(rel["relation_id"])[0],
                       "source": rel["source"].to_numpy(dtype=object), "target": rel["target"].to_numpy(dtype=object)})
    df = df.explode("source").explode("target").dropna(subset=["source", "target"])
    for col in ("source", "target"):
        df[col] = _per_value(df[col], lambda a: node_of.get(a, a))
    return df[df["source"] != df["target"]].drop_duplicates(["rid", "source", "target"])


def dyads(tables: Mapping[str, pd.DataFrame], level: str = "actor") -> pd.DataFrame:
    """One row per source-target pair per relation (columns :data:`DYADS_COLUMNS`).

    ``level="country"`` folds the actors of a country into it (as the charts
    do). A relation with no source or no target has no pair, and a pair of an
    actor with itself is left out; both stay in the relations table. ``date``
    is the relation's own date (None when the text gives none), ``doc_date``
    its document's, ``outlet`` the document's source (else its doc_id).
    """
    pairs = _pair_index(tables, level)
    doc_date, outlet = _docs(tables)
    rel = tables["relations"]
    rows = pairs["row"].to_numpy()
    df = rel[[c for c in DYADS_COLUMNS if c in rel.columns]].take(rows).reset_index(drop=True)
    # relation_score, vectorised: the PLOVER score, else the Goldstein score, else 0
    score = rel["score"].astype(float).fillna(rel["goldstein"].astype(float)).fillna(0.0)
    df["score"] = score.to_numpy()[rows]
    df["source"], df["target"] = pairs["source"].to_numpy(), pairs["target"].to_numpy()
    docs = df["doc_id"].astype(str)
    df["doc_date"] = docs.map(doc_date)
    df["outlet"] = _per_value(docs, lambda d: outlet.get(d, d)).tolist()
    df = df.reindex(columns=DYADS_COLUMNS)
    df["score"] = df["score"].astype(float)
    for col in ("sent_id", "start", "end", "quad_class"):
        df[col] = df[col].astype("Int64")
    for col in ("source", "target"):
        df[col] = df[col].astype(object)
    return df


def _dates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(first day as a proleptic ordinal, precision) of each date in ``values``: 0 and ``"none"``
    when missing or not an ISO date."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    firsts, precisions = [0], ["none"]  # a value that is no date
    for value in uniques:
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        firsts.append(parsed[0].toordinal() if parsed else 0)
        precisions.append(parsed[2] if parsed else "none")
    return np.asarray(firsts, dtype=np.int64)[codes + 1], np.asarray(precisions, dtype=object)[codes + 1]


def _label(first: int, precision: str) -> str | None:
    """The date of an event: ``2024-06-19``, ``2024-06`` or ``2024`` by its precision; None when undated."""
    if precision == "none":
        return None
    day = pd.Timestamp(date.fromordinal(first))
    return {"day": day.date().isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[precision]


def _column(codes: np.ndarray, uniques: Sequence[Any]) -> Any:
    """The column ``uniques[codes]``, typed as pandas types its values (inferred from the distinct ones:
    inferring from a million Python strings is slow)."""
    return pd.Series(list(uniques), dtype=None if len(uniques) else object).array.take(codes)


def _typed(values: pd.Series) -> Any:
    """``values`` typed as pandas types the values themselves: text stays in its Arrow array."""
    return values.array if values.dtype == TEXT and values.notna().any() else values.tolist()


def _labels(firsts: np.ndarray, precisions: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
    """The dates of days ``firsts`` (ordinals) at ``precisions``: codes into the distinct labels."""
    codes, names = pd.factorize(precisions)
    keys, uniques = pd.factorize(firsts * len(names) + codes)
    return keys, [_label(int(k) // len(names), names[int(k) % len(names)]) for k in uniques]


def _formatted(codes: np.ndarray, uniques: Sequence[Any]) -> pa.Array:
    """``f"{value}"`` of each ``uniques[codes]`` as Arrow strings, formatted once per distinct value."""
    return pa.array([f"{u}" for u in uniques], pa.string()).take(pa.array(codes))


def _event_ids(r: _Reports, event_type: pd.Series, status: pd.Series, dates: tuple[np.ndarray, list]) -> Any:
    """``SOURCE>TARGET:EVENT_TYPE:status:DATE`` of each event, joined by Arrow."""
    starts = r.starts
    date_codes, labels = dates
    parts = [_formatted(*pd.factorize(values, use_na_sentinel=False)) for values in (event_type, status)]
    dyad = pc.binary_join_element_wise(_formatted(r.source[0][starts], r.source[1]),
                                       _formatted(r.target[0][starts], r.target[1]), ">")
    ids = pc.binary_join_element_wise(dyad, *parts, _formatted(date_codes, [d or "undated" for d in labels]), ":")
    return pd.array(ids, dtype=TEXT)


def _sort_codes(values: Any) -> tuple[np.ndarray, Any]:
    """Integer codes in the values' sort order, missing values last (as ``sort_values`` puts them),
    and the distinct values."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.where(codes < 0, len(uniques), codes), uniques


def _event_starts(new_key: np.ndarray, first: np.ndarray, by_day: np.ndarray, days: int) -> np.ndarray:
    """The rows (sorted by key, then first day) that open an event.

    A row opens an event when its key differs from the row before's (``new_key``), or when
    its first day is more than ``days`` after that of the event's first row (dated to the
    day, ``by_day``), or differs from it at all (months and years; undated rows have day 0).
    A gap wider than the window between two neighbours always opens an event; only a run
    of close reports longer than the window is walked, one event at a time.
    """
    window = np.where(by_day, days, 0)
    gap = np.diff(first, prepend=first[:1])
    starts = np.flatnonzero(new_key | (gap > window))
    ends = np.r_[starts[1:], len(first)]
    long = first[ends - 1] - first[starts] > window[starts]
    more = []
    for start, end in zip(starts[long].tolist(), ends[long].tolist()):
        days_in = first[start:end]  # sorted: an event ends at the first report past its window
        row = int(np.searchsorted(days_in, days_in[0] + window[start], side="right"))
        while row < len(days_in):
            more.append(start + row)
            row = int(np.searchsorted(days_in, days_in[row] + window[start], side="right"))
    return np.sort(np.r_[starts, np.asarray(more, dtype=np.int64)])


def _first_in_group(group: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Whether each row is the first of its group (sorted ids) with its code."""
    packed = group.astype(np.int64) * (int(codes.max()) + 1) + codes
    keep = np.zeros(len(codes), dtype=bool)
    keep[np.unique(packed, return_index=True)[1]] = True
    return keep


def _split(flat: list[Any], counts: np.ndarray) -> list[list[Any]]:
    """``flat`` cut into consecutive lists of ``counts`` items."""
    ends = np.cumsum(counts).tolist()
    with gc_paused():  # a million new lists of strings, no cycle: the collector would walk the tables meanwhile
        return [flat[a:b] for a, b in zip([0, *ends[:-1]], ends)]


@dataclass
class _Reports:
    """The pairs of the relations in event order, and where each event starts."""

    rows: np.ndarray  # the relation of each pair
    source: tuple[np.ndarray, Any]  # codes and distinct values
    target: tuple[np.ndarray, Any]
    first: np.ndarray  # the first day (ordinal) a pair is dated to, 0 when undated
    precision: np.ndarray  # "day", "month", "year" or "none"
    by_text: np.ndarray  # dated by its relation's own date (else by its document's)
    doc: np.ndarray  # codes of the document and of its outlet
    outlet: np.ndarray
    starts: np.ndarray  # the pairs that open an event


def _reports(tables: Mapping[str, pd.DataFrame], days: int, level: str) -> _Reports | None:
    """The pairs of ``level`` grouped into events; None when there is no pair."""
    pairs = _pair_index(tables, level)
    if pairs.empty:
        return None
    rel = tables["relations"]
    rows = pairs["row"].to_numpy()
    doc_date, outlet = _docs(tables)
    doc, doc_ids = pd.factorize(rel["doc_id"].astype(str), use_na_sentinel=False)
    doc = doc[rows]
    # a pair is dated by its relation's date, else by its document's (parsed per relation, per document)
    first, precision = (a[rows] for a in _dates(rel["date"]))
    doc_first, doc_precision = (a[doc] for a in _dates(pd.Series(doc_ids).map(doc_date)))
    by_text = precision != "none"
    first, precision = np.where(by_text, first, doc_first), np.where(by_text, precision, doc_precision)
    # the reports of one dyad, event type, status and precision, by date, then in the relations' order
    source, target = _sort_codes(pairs["source"]), _sort_codes(pairs["target"])
    key = [source[0], target[0], _sort_codes(rel["event_type"])[0][rows], _sort_codes(rel["status"])[0][rows],
           _sort_codes(precision)[0]]
    order = np.lexsort((np.arange(len(rows)), first, *reversed(key)))
    sorted_key = np.column_stack([k[order] for k in key])
    new_key = np.r_[True, (sorted_key[1:] != sorted_key[:-1]).any(axis=1)]
    return _Reports(rows=rows[order], source=(source[0][order], source[1]), target=(target[0][order], target[1]),
                    first=first[order], precision=precision[order], by_text=by_text[order], doc=doc[order],
                    outlet=pd.factorize(np.asarray([outlet.get(d, d) for d in doc_ids], dtype=object),
                                        use_na_sentinel=False)[0][doc[order]],
                    starts=_event_starts(new_key, first[order], precision[order] == "day", days))


def events(tables: Mapping[str, pd.DataFrame], days: int = 7, level: str = "actor") -> pd.DataFrame:
    """The events the relations report (columns :data:`EVENTS_COLUMNS`), most reported first.

    See the module's documentation for how reports are grouped; ``level`` is
    that of :func:`dyads`. ``n_reports`` counts relations, ``n_documents``
    articles, ``n_sources`` distinct outlets (the documents' ``source`` field,
    an article without one counting as its own outlet). ``score``, ``trigger``
    and ``evidence`` are those of the first report.
    """
    if int(days) < 0:
        raise ParameterError(f"days: {days!r}; give a number of days >= 0")
    r = _reports(tables, int(days), level)
    if r is None:
        return pd.DataFrame(columns=EVENTS_COLUMNS)
    rel = tables["relations"]
    starts = r.starts
    sizes = np.diff(np.r_[starts, len(r.rows)])
    group = np.repeat(np.arange(len(starts)), sizes)
    head, last = r.rows[starts], starts + sizes - 1
    new_doc = _first_in_group(group, r.doc)
    n_documents = np.bincount(group[new_doc], minlength=len(starts))
    any_text = np.maximum.reduceat(r.by_text.astype(np.int8), starts).astype(bool)
    precision = r.precision[starts]
    dated = np.where(any_text, "text", np.where(precision == "none", "none", "document"))
    score = rel["score"].astype(float).fillna(rel["goldstein"].astype(float)).fillna(0.0)
    event_type, status = rel["event_type"].take(head), rel["status"].take(head)
    dates = _labels(r.first[starts], precision)
    out = pd.DataFrame({
        "event_id": _event_ids(r, event_type, status, dates),
        "source": _column(r.source[0][starts], r.source[1]), "target": _column(r.target[0][starts], r.target[1]),
        "event_type": _typed(event_type),
        "quad_class": rel["quad_class"].take(head).astype("Int64").tolist(),
        "score": score.to_numpy()[head], "status": _typed(status),
        "date": _column(*dates), "last_date": _column(*_labels(r.first[last], precision)),
        "precision": _column(*pd.factorize(precision)), "dated": _column(*pd.factorize(dated)),
        "n_reports": sizes,  # (relation, source, target) is unique: an event's reports are distinct relations
        "n_documents": n_documents,
        "n_sources": np.bincount(group[_first_in_group(group, r.outlet)], minlength=len(starts)),
        "relation_ids": _split(rel["relation_id"].take(r.rows).tolist(), sizes),
        "doc_ids": _split(rel["doc_id"].take(r.rows[new_doc]).tolist(), n_documents),
        "trigger": _typed(rel["trigger"].take(head)), "evidence": _typed(rel["evidence"].take(head)),
    })
    return out[EVENTS_COLUMNS].sort_values(["n_reports", "n_sources", "date", "event_id"],
                                           ascending=[False, False, True, True], kind="stable",
                                           na_position="last").reset_index(drop=True)


def per_event(tables: Mapping[str, pd.DataFrame], count: str = "reports", level: str = "actor",
              days: int = 7) -> dict[str, pd.DataFrame]:
    """The tables as the charts should count them: unchanged for ``count="reports"``; for
    ``"events"``, the relations replaced by one row per event (its first report, with the event's
    dyad as source and target and the event id as relation id; the evidence says how many reports
    it stands for), the other tables unchanged."""
    if check_count(count) == "reports":
        return dict(tables)
    rel = tables["relations"]
    by_id = {str(r["relation_id"]): r for r in rel.to_dict("records")}
    order = {rid: i for i, rid in enumerate(by_id)}
    rows = []
    evs = events(tables, days=days, level=level)
    for ev in sorted(evs.to_dict("records"), key=lambda e: (order[str(e["relation_ids"][0])], e["event_id"])):
        row = dict(by_id[str(ev["relation_ids"][0])])
        more = ev["n_reports"] - 1
        evidence = row["evidence"] + (f" [and {more} more report{'s' if more > 1 else ''} of this event, "
                                      f"{ev['n_sources']} source{'s' if ev['n_sources'] > 1 else ''}]" if more else "")
        row.update(relation_id=ev["event_id"], source=[ev["source"]], target=[ev["target"]], evidence=evidence)
        rows.append(row)
    out = dict(tables)
    out["relations"] = pd.DataFrame(rows, columns=rel.columns).astype(rel.dtypes.to_dict()) if rows else rel.iloc[:0]
    return out
