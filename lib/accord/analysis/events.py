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

from typing import Any, Mapping

import pandas as pd

from ..errors import ParameterError
from .params import check_level, parse_date
from .select import node_map

#: What the charts count: every report (relation), or every event once.
COUNTS = ("reports", "events")

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


def dyads(tables: Mapping[str, pd.DataFrame], level: str = "actor") -> pd.DataFrame:
    """One row per source-target pair per relation (columns :data:`DYADS_COLUMNS`).

    ``level="country"`` folds the actors of a country into it (as the charts
    do). A relation with no source or no target has no pair, and a pair of an
    actor with itself is left out; both stay in the relations table. ``date``
    is the relation's own date (None when the text gives none), ``doc_date``
    its document's, ``outlet`` the document's source (else its doc_id).
    """
    node_of = node_map(tables["actors"], check_level(level))
    doc_date, outlet = _docs(tables)
    rel = tables["relations"]
    df = rel[[c for c in DYADS_COLUMNS if c in rel.columns]].copy()
    # relation_score, vectorised: the PLOVER score, else the Goldstein score, else 0
    df["score"] = rel["score"].astype(float).fillna(rel["goldstein"].astype(float)).fillna(0.0)
    df = df.explode("source").explode("target").dropna(subset=["source", "target"])
    df["source"] = df["source"].map(lambda a: node_of.get(a, a))
    df["target"] = df["target"].map(lambda a: node_of.get(a, a))
    df = df[df["source"] != df["target"]].drop_duplicates(["relation_id", "source", "target"])
    docs = df["doc_id"].astype(str)
    df["doc_date"] = docs.map(doc_date)
    df["outlet"] = [outlet.get(d, d) for d in docs]
    df = df.reindex(columns=DYADS_COLUMNS).reset_index(drop=True)
    df["score"] = df["score"].astype(float)
    for col in ("sent_id", "start", "end", "quad_class"):
        df[col] = df[col].astype("Int64")
    for col in ("source", "target"):
        df[col] = df[col].astype(object)
    return df


def _when(date: Any, doc_date: Any) -> tuple[pd.Timestamp | None, str, str]:
    """(first day, precision, dated): the relation's own date, else its document's, else undated."""
    for value, dated in ((date, "text"), (doc_date, "document")):
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            return parsed[0], parsed[2], dated
    return None, "none", "none"


def _label(first: pd.Timestamp | None, precision: str) -> str | None:
    if first is None:
        return None
    return {"day": first.date().isoformat(), "month": first.strftime("%Y-%m"), "year": str(first.year)}[precision]


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
    pairs = dyads(tables, level)
    if pairs.empty:
        return pd.DataFrame(columns=EVENTS_COLUMNS)
    memo: dict[tuple[Any, Any], tuple[pd.Timestamp | None, str, str]] = {}
    when = [memo[k] if k in memo else memo.setdefault(k, _when(*k)) for k in zip(pairs["date"], pairs["doc_date"])]
    pairs = pairs.assign(_first=[w[0] for w in when], _precision=[w[1] for w in when], _dated=[w[2] for w in when],
                         _order=range(len(pairs)))
    pairs = pairs.sort_values(["source", "target", "event_type", "status", "_precision", "_first", "_order"],
                              kind="stable", na_position="last")
    groups: list[list[dict[str, Any]]] = []
    last_key, anchor = None, None
    cols = list(pairs.columns)
    for rec in (dict(zip(cols, v)) for v in zip(*(pairs[c].tolist() for c in cols))):
        key = (rec["source"], rec["target"], rec["event_type"], rec["status"], rec["_precision"])
        first = rec["_first"] = None if pd.isna(rec["_first"]) else rec["_first"]
        if key == last_key and (first is None or (rec["_precision"] == "day" and (first - anchor).days <= days)
                                or (rec["_precision"] != "day" and first == anchor)):
            groups[-1].append(rec)
            continue
        groups.append([rec])
        last_key, anchor = key, first
    return pd.DataFrame([_event(g) for g in groups], columns=EVENTS_COLUMNS).sort_values(
        ["n_reports", "n_sources", "date", "event_id"], ascending=[False, False, True, True], kind="stable",
        na_position="last").reset_index(drop=True)


def _event(group: list[dict[str, Any]]) -> dict[str, Any]:
    head = group[0]
    first, precision = head["_first"], head["_precision"]
    date = _label(first, precision)
    last = max((r["_first"] for r in group if r["_first"] is not None), default=None)
    dated = "text" if any(r["_dated"] == "text" for r in group) else head["_dated"]
    return {
        "event_id": f"{head['source']}>{head['target']}:{head['event_type']}:{head['status']}:{date or 'undated'}",
        "source": head["source"], "target": head["target"], "event_type": head["event_type"],
        "quad_class": head["quad_class"], "score": head["score"], "status": head["status"],
        "date": date, "last_date": _label(last, precision), "precision": precision, "dated": dated,
        "n_reports": len({r["relation_id"] for r in group}),
        "n_documents": len({r["doc_id"] for r in group}),
        "n_sources": len({r["outlet"] for r in group}),
        "relation_ids": list(dict.fromkeys(r["relation_id"] for r in group)),
        "doc_ids": list(dict.fromkeys(r["doc_id"] for r in group)),
        "trigger": head["trigger"], "evidence": head["evidence"],
    }


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
