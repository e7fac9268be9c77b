"""Selections of the tables with checked parameters, shared by the charts and the notebook views:
the actors a focus code stands for, a date window, relations as one row per source-target pair."""
from __future__ import annotations
from typing import Any, Callable, Iterable, Mapping, Sequence
import pandas as pd
from ..errors import ParameterError
from .params import as_code_list, check_level, check_window, parse_date


def focus_members(focus: Sequence[str], actors: pd.DataFrame) -> set[str]:
    """The actor ids a focus stands for: the ids named, and every actor whose country is named."""
    codes = set(as_code_list(focus))
    ids = actors["actor_id"].astype(str)
    country = actors["country"].astype(object).where(actors["country"].notna(), None)
    members = {a for a, c in zip(ids, country) if a in codes or (c is not None and str(c) in codes)}
    # codes used in relations but absent from the actors table
    members |= {c for c in codes if c not in set(country.dropna().astype(str))}
    return members


#: Levels of the charts: one node per actor, or per country (actors of a country folded into it).

def node_map(actors: pd.DataFrame, level: str = "actor") -> dict[str, str]:
    """actor id -> chart node: itself at the actor level; at the country level its country code,
    except for international organisations and blocs, which stay themselves."""
    level = check_level(level)
    out = {}
    for rec in actors.to_dict("records"):
        aid, country = str(rec["actor_id"]), rec["country"]
        fold = level == "country" and isinstance(country, str) and country and rec["kind"] not in ("igo", "bloc")
        out[aid] = country if fold else aid
    return out


# -- selection ----------------------------------------------------------------

def _doc_dates(documents: pd.DataFrame) -> dict[str, Any]:
    return dict(zip(documents["doc_id"].astype(str), documents["date"]))


def _overlaps(value: Any, lo: pd.Timestamp | None, hi: pd.Timestamp | None) -> bool | None:
    """Whether the period of ``value`` overlaps [lo, hi]; None when undated or unparsable."""
    try:
        parsed = parse_date(value)
    except ValueError:
        return None
    if parsed is None:
        return None
    first, last, _ = parsed
    return (lo is None or last >= lo) and (hi is None or first <= hi)


def select(tables: Mapping[str, pd.DataFrame], start: Any = None, end: Any = None) -> dict[str, pd.DataFrame]:
    """The tables restricted to the window [start, end] (inclusive, ``None`` = open).

    A relation is kept when its own date (or, when it has none, its document's
    date) overlaps the window; undated relations of undated documents are kept.
    Documents, mentions and claims follow their document's date. A window that
    keeps nothing raises ParameterError naming the dates the corpus covers.
    """
    lo, hi = check_window(start, end)
    out = {name: df for name, df in tables.items()}
    if lo is None and hi is None:
        return out
    docs = tables["documents"]
    doc_date = _doc_dates(docs)
    doc_keep = {d: _overlaps(v, lo, hi) for d, v in doc_date.items()}
    rel = tables["relations"]
    # each distinct date and document is looked at once: a corpus has far fewer than relations
    own = _each_distinct(rel["date"], lambda v: _overlaps(v, lo, hi))
    by_doc = _each_distinct(rel["doc_id"].astype(str), doc_keep.get)
    keep = [(k if k is not None else d if d is not None else True) for k, d in zip(own, by_doc)]
    out["relations"] = rel[pd.Series(keep, index=rel.index, dtype=bool)]
    kept_docs = {d for d, k in doc_keep.items() if k is None or k}
    for name in ("documents", "mentions", "claims"):
        if name in tables:
            df = tables[name]
            out[name] = df[df["doc_id"].astype(str).isin(kept_docs)]
    if out["relations"].empty and not any(doc_keep.values()):
        covered = _coverage(tables)
        raise ParameterError(
            f"empty date window: {_fmt(lo)} to {_fmt(hi)} selects no document and no relation; "
            f"the corpus covers {covered}"
        )
    return out


def _each_distinct(values: pd.Series, fn: Callable[[Any], Any]) -> list[Any]:
    """``fn`` of each value, called once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = [fn(u) for u in uniques]
    return [results[c] for c in codes.tolist()]


def _fmt(ts: pd.Timestamp | None) -> str:
    return "(open)" if ts is None else ts.date().isoformat()


def _coverage(tables: Mapping[str, pd.DataFrame]) -> str:
    values = list(tables["documents"]["date"].dropna()) + list(tables["relations"]["date"].dropna())
    spans = []
    for v in values:
        try:
            p = parse_date(v)
        except ValueError:
            continue
        if p:
            spans.append(p)
    if not spans:
        return "no dated document or relation"
    return f"{min(s[0] for s in spans).date().isoformat()} to {max(s[1] for s in spans).date().isoformat()}"


def relation_score(row: Mapping[str, Any]) -> float:
    """The PLOVER score of a relation, else its Goldstein score, else 0."""
    for key in ("score", "goldstein"):
        v = row.get(key)
        if v is not None and not pd.isna(v):
            return float(v)
    return 0.0


DYAD_COLUMNS = [
    "relation_id", "doc_id", "sent_id", "source", "target", "event_type", "mode", "context",
    "quad_class", "score", "status", "date", "location", "trigger", "evidence",
]


def dyad_rows(
    relations: pd.DataFrame,
    focus_ids: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    node_of: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per (relation, source, target), self-pairs dropped.

    ``node_of`` maps actor ids to chart nodes (see :func:`node_map`; unmapped
    ids stay themselves). With ``focus_ids`` (nodes), only pairs with a focus
    node on at least one side are kept; with ``statuses``, only relations of
    those statuses. ``score`` is :func:`relation_score`. Rows keep the order of
    the relations table.
    """
    focus = set(focus_ids) if focus_ids is not None else None
    allowed = set(statuses) if statuses is not None else None
    node_of = node_of or {}
    rows = []
    for rec in relations.to_dict("records"):
        if allowed is not None and rec["status"] not in allowed:
            continue
        score = relation_score(rec)
        sources = list(dict.fromkeys(node_of.get(a, a) for a in rec["source"]))
        targets = list(dict.fromkeys(node_of.get(a, a) for a in rec["target"]))
        for s in sources:
            for t in targets:
                if s == t:
                    continue
                if focus is not None and s not in focus and t not in focus:
                    continue
                row = {k: rec.get(k) for k in DYAD_COLUMNS}
                row.update(source=s, target=t, score=score)
                rows.append(row)
    df = pd.DataFrame(rows, columns=DYAD_COLUMNS)
    df["score"] = df["score"].astype(float)
    return df


def dated(tables: Mapping[str, pd.DataFrame], relations: pd.DataFrame, undated: str) -> pd.DataFrame:
    """Relations with columns day and last (first and last day of the date, ISO: a month spans its
    days), given (the date as written), precision, and undated (True: the text gives no date, the
    article's date stands in)."""
    if undated not in ("drop", "document"):
        raise ParameterError(f"undated: {undated!r}; valid: 'drop' (skip undated relations) or 'document' "
                               "(date them by their article)")
    doc_date = dict(zip(tables["documents"]["doc_id"].astype(str), tables["documents"]["date"]))
    days, lasts, given, prec, undated_flags = [], [], [], [], []
    for doc_id, date in zip(relations["doc_id"], relations["date"]):
        source = "text"
        value = date if isinstance(date, str) else None
        if value is None and undated == "document":
            value, source = doc_date.get(str(doc_id)), "article date"
            value = value if isinstance(value, str) else None
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            days.append(None)
            lasts.append(None)
            given.append(None)
            prec.append(None)
            undated_flags.append(None)
            continue
        days.append(parsed[0].date().isoformat())
        lasts.append(parsed[1].date().isoformat())
        given.append(value)
        prec.append(parsed[2] if source == "text" else f"{parsed[2]}, {source}")
        undated_flags.append(source != "text")
    out = relations.copy()
    out["day"], out["last"], out["given"], out["precision"] = days, lasts, given, prec
    out["undated"] = undated_flags
    return out[out["day"].notna()]
