"""Parameters of the notebooks and charts: checking them, and selecting rows with them.

Every notebook parameter is checked here, so that a wrong value stops a run
(papermill, ``accord report``, a scheduler) with a :class:`ParameterError` that
says what is wrong and what would be valid, before any chart is drawn:

* :func:`check_corpus`, :func:`check_lexicon` -- paths that must exist;
* :func:`check_window` -- ``start``/``end`` ISO dates, ``start <= end``;
* :func:`check_freq` -- ``"W"`` (week) or ``"M"`` (month);
* :func:`check_focus` -- actor codes that the actors table knows.

The selection helpers are shared by the charts: :func:`focus_members` (which
actor ids a focus code stands for), :func:`select` (the tables restricted to a
date window), :func:`dyad_rows` (relations exploded into one row per
source-target pair) and :func:`parse_date` (ISO dates, months and years).
"""
from __future__ import annotations

import datetime as _dt
import difflib
import glob as _glob
import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from .errors import ParameterError

__all__ = [
    "FREQS",
    "check_corpus",
    "check_lexicon",
    "check_window",
    "check_freq",
    "check_focus",
    "check_title",
    "valid_codes",
    "focus_members",
    "parse_date",
    "select",
    "dyad_rows",
    "relation_score",
    "LEVELS",
    "check_level",
    "node_map",
]

#: Time frequencies of the charts over time: code -> name.
FREQS = {"W": "week", "M": "month"}
_FREQ_ALIASES = {
    "w": "W", "week": "W", "weekly": "W", "1w": "W",
    "m": "M", "me": "M", "ms": "M", "month": "M", "monthly": "M", "1m": "M",
}
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# -- paths --------------------------------------------------------------------

def check_corpus(corpus: Any) -> Any:
    """The corpus parameter: an existing file or folder, a glob that matches, or a documents DataFrame."""
    if isinstance(corpus, pd.DataFrame):
        return corpus
    if corpus is None or (isinstance(corpus, str) and not corpus.strip()):
        raise ParameterError("corpus: no corpus given; pass a file, a folder, a glob pattern or a .jsonl file")
    if not isinstance(corpus, (str, os.PathLike)):
        raise ParameterError(f"corpus: expected a path (str), got {type(corpus).__name__} {corpus!r}")
    spath = os.fspath(corpus)
    if Path(spath).exists():
        return corpus
    if any(c in spath for c in "*?[") and _glob.glob(spath, recursive=True):
        return corpus
    raise ParameterError(
        f"corpus: {spath!r} does not exist (paths are relative to the folder the notebook runs in, "
        f"{_here()}); pass a file, a folder, a glob pattern or a .jsonl file"
    )


def check_lexicon(lexicon: Any) -> str | None:
    """The lexicon parameter: ``None`` (the packaged lexicon) or an existing file or folder."""
    if lexicon is None or (isinstance(lexicon, str) and not lexicon.strip()):
        return None
    if not isinstance(lexicon, (str, os.PathLike)):
        raise ParameterError(f"lexicon: expected a path (str) or None, got {type(lexicon).__name__} {lexicon!r}")
    if not Path(lexicon).exists():
        raise ParameterError(
            f"lexicon: {os.fspath(lexicon)!r} does not exist (paths are relative to the folder the "
            f"notebook runs in, {_here()}); pass an existing lexicon file, or None for the packaged lexicon"
        )
    return os.fspath(lexicon)


def _here() -> str:
    return os.getcwd()


# -- dates --------------------------------------------------------------------

def parse_date(value: Any) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """``(first day, last day, precision)`` of an ISO date ``YYYY-MM-DD``, month ``YYYY-MM`` or year ``YYYY``.

    Precision is ``"day"``, ``"month"`` or ``"year"``. Missing values give
    ``None``; anything else that is not such a date raises ``ValueError``.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (_dt.date, pd.Timestamp)):
        day = pd.Timestamp(value).normalize()
        return day, day, "day"
    text = str(value).strip()
    if not text:
        return None
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = m.groups()
    if day:
        first = pd.Timestamp(int(year), int(month), int(day))
        return first, first, "day"
    if month:
        first = pd.Timestamp(int(year), int(month), 1)
        return first, first + pd.offsets.MonthEnd(0), "month"
    first = pd.Timestamp(int(year), 1, 1)
    return first, pd.Timestamp(int(year), 12, 31), "year"


def _window_bound(name: str, value: Any) -> pd.Timestamp | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        parsed = parse_date(value)
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"{name}: {exc}; use an ISO date such as 2024-06-18, or None for no limit") from None
    if parsed is None:
        return None
    first, last, _ = parsed
    return first if name == "start" else last


def check_window(start: Any, end: Any) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """``(start, end)`` as timestamps (inclusive; ``None`` = open); an empty window raises ParameterError.

    A month or a year is accepted: ``start="2024-06"`` starts on the first of
    June, ``end="2024-06"`` ends on the 30th.
    """
    lo, hi = _window_bound("start", start), _window_bound("end", end)
    if lo is not None and hi is not None and lo > hi:
        raise ParameterError(
            f"empty date window: start {lo.date().isoformat()} is after end {hi.date().isoformat()}; "
            "give start <= end, or None for an open end"
        )
    return lo, hi


def check_freq(freq: Any) -> str:
    """``"W"`` or ``"M"`` (also accepts week/weekly/month/monthly/ME)."""
    key = str(freq).strip().lower() if freq is not None else ""
    if key in _FREQ_ALIASES:
        return _FREQ_ALIASES[key]
    valid = ", ".join(f"{code!r} ({name})" for code, name in FREQS.items())
    raise ParameterError(f"freq: unknown time frequency {freq!r}; valid: {valid}")


def check_title(title: Any) -> str:
    """A non-empty title string."""
    if title is None or not str(title).strip():
        raise ParameterError("title: the report needs a non-empty title")
    return str(title).strip()


# -- actors -------------------------------------------------------------------

def _actors_frame(tables_or_actors: Any) -> pd.DataFrame:
    if isinstance(tables_or_actors, pd.DataFrame):
        return tables_or_actors
    return tables_or_actors["actors"]


def valid_codes(actors: Any) -> list[str]:
    """Codes a focus may use: every actor id and every country code of the actors table, sorted."""
    actors = _actors_frame(actors)
    codes = set(actors["actor_id"].dropna().astype(str))
    codes |= {c for c in actors["country"].dropna().astype(str) if c}
    return sorted(codes)


def _as_code_list(focus: Any) -> list[str]:
    if focus is None:
        return []
    if isinstance(focus, str):
        items: Iterable[Any] = re.split(r"[\s,;]+", focus)
    elif isinstance(focus, Iterable):
        items = focus
    else:
        raise ParameterError(f"focus: expected a list of actor codes, got {type(focus).__name__} {focus!r}")
    out = []
    for item in items:
        if not isinstance(item, str):
            raise ParameterError(f"focus: actor codes are strings such as 'RUS'; got {item!r}")
        code = item.strip().upper()
        if code and code not in out:
            out.append(code)
    return out


def check_focus(focus: Any, actors: Any) -> list[str]:
    """The focus actor codes, upper-cased and deduplicated; an unknown code raises ParameterError.

    ``actors`` is the actors table (or the dict of tables). A code is valid when
    it is an actor id (``RUSGOV``) or a country code (``RUS``) of that table.
    """
    codes = _as_code_list(focus)
    valid = valid_codes(actors)
    if not codes:
        raise ParameterError(
            f"focus: no actor code given; name at least one of: {', '.join(valid) or '(no actors found)'}"
        )
    unknown = [c for c in codes if c not in valid]
    if unknown:
        hints = []
        for c in unknown:
            close = difflib.get_close_matches(c, valid, n=3, cutoff=0.5)
            if close:
                hints.append(f"{c!r}: did you mean {' or '.join(close)}?")
        plural = "s" if len(unknown) > 1 else ""
        msg = (
            f"focus: unknown actor code{plural} {', '.join(repr(c) for c in unknown)}; "
            f"valid codes in this corpus: {', '.join(valid) or '(no actors found)'}"
        )
        if hints:
            msg += " (" + "; ".join(hints) + ")"
        raise ParameterError(msg)
    return codes


def focus_members(focus: Sequence[str], actors: Any) -> set[str]:
    """The actor ids a focus stands for: the ids named, and every actor whose country is named."""
    actors = _actors_frame(actors)
    codes = set(_as_code_list(focus))
    ids = actors["actor_id"].astype(str)
    country = actors["country"].astype(object).where(actors["country"].notna(), None)
    members = {a for a, c in zip(ids, country) if a in codes or (c is not None and str(c) in codes)}
    # codes used in relations but absent from the actors table
    members |= {c for c in codes if c not in set(country.dropna().astype(str))}
    return members


#: Levels of the charts: one node per actor, or per country (actors of a country folded into it).
LEVELS = ("actor", "country")


def check_level(level: Any) -> str:
    """``"actor"`` or ``"country"``."""
    key = str(level).strip().lower() if level is not None else ""
    if key not in LEVELS:
        raise ParameterError(f"level: {level!r}; valid: 'actor' (one node per actor code) or 'country' "
                             "(the actors of a country folded into it)")
    return key


def node_map(actors: Any, level: str = "actor") -> dict[str, str]:
    """actor id -> chart node: itself at the actor level; at the country level its country code,
    except for international organisations and blocs, which stay themselves."""
    actors = _actors_frame(actors)
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
    keep = []
    for doc_id, date in zip(rel["doc_id"].astype(str), rel["date"]):
        k = _overlaps(date, lo, hi)
        if k is None:
            k = doc_keep.get(doc_id)
        keep.append(True if k is None else k)
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
    "quad_class", "score", "status", "date", "trigger", "evidence",
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
