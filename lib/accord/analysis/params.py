"""Parameters of the notebooks and charts: checking them.

Every notebook parameter is checked here, so that a wrong value stops a run
(papermill, ``accord report``, a scheduler) with a :class:`ParameterError` that
says what is wrong and what would be valid, before any chart is drawn:

* :func:`check_corpus`, :func:`check_lexicon` -- paths that must exist;
* :func:`check_window` -- ``start``/``end`` ISO dates, ``start <= end``;
* :func:`check_compare` -- ``previous``, ``none`` or an earlier window ``YYYY-MM-DD..YYYY-MM-DD``;
* :func:`check_freq` -- ``"W"`` (week) or ``"M"`` (month);
* :func:`check_focus` -- actors, by code or name, that the actors table knows;
  no focus at all is :func:`default_focus`, the corpus's two most-mentioned countries.

:func:`parse_date` reads the ISO dates, months and years these checks accept;
the selections made with checked parameters are in :mod:`accord.analysis.select`.
"""
from __future__ import annotations
import datetime as _dt
import difflib
import glob as _glob
import os
import re
from pathlib import Path
from typing import Any, Iterable
import pandas as pd
from .. import labels
from ..errors import ParameterError


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
    raise ParameterError(f"corpus: {spath!r} does not exist{_where(spath)}; pass a file, a folder, a glob pattern "
                         "or a .jsonl file")


def check_lexicon(lexicon: Any) -> str | None:
    """The lexicon parameter: ``None`` (the packaged lexicon) or an existing file or folder."""
    if lexicon is None or (isinstance(lexicon, str) and not lexicon.strip()):
        return None
    if not isinstance(lexicon, (str, os.PathLike)):
        raise ParameterError(f"lexicon: expected a path (str) or None, got {type(lexicon).__name__} {lexicon!r}")
    if not Path(lexicon).exists():
        raise ParameterError(f"lexicon: {os.fspath(lexicon)!r} does not exist{_where(os.fspath(lexicon))}; pass an "
                             "existing lexicon file, or None for the packaged lexicon")
    return os.fspath(lexicon)


def check_model(model: Any) -> str | None:
    """The model parameter: ``None`` (the packaged event model) or an existing model folder
    (``accord learn`` writes one; its files are checked against its card when the pipeline loads it)."""
    if model is None or (isinstance(model, str) and not model.strip()):
        return None
    if not isinstance(model, (str, os.PathLike)):
        raise ParameterError(f"model: expected a folder (str) or None, got {type(model).__name__} {model!r}")
    if not Path(model).is_dir():
        raise ParameterError(f"model: {os.fspath(model)!r} is not a folder{_where(os.fspath(model))}; pass a model "
                             "folder written by accord learn, or None for the packaged model")
    return os.fspath(model)


def _where(path: str) -> str:
    """Where a missing relative path was looked for, and the rule of ``accord report`` (which gives
    the notebook absolute paths, relative to where accord runs); nothing for an absolute path."""
    if os.path.isabs(path):
        return ""
    return (f" in {os.getcwd()}, the folder this notebook runs in (accord report reads a path relative to the "
            "folder where accord runs)")


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
    try:
        first = pd.Timestamp(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:  # 2024-02-30, 2024-13: say which value, not only pandas' reason
        raise ValueError(f"{text!r} is not a date ({exc})") from None
    if day:
        return first, first, "day"
    if month:
        return first, first + pd.offsets.MonthEnd(0), "month"
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


def check_compare(compare: Any) -> tuple[str, pd.Timestamp | None, pd.Timestamp | None]:
    """The ``compare`` parameter: ``"previous"`` (the window of the same length just before the
    report's), ``"none"`` (no comparison) or an earlier window ``YYYY-MM-DD..YYYY-MM-DD`` (months and
    years accepted, as for start and end). Returns (kind, first day, last day)."""
    valid = "valid: previous, none, or a window such as 2024-06-01..2024-06-07"
    if compare is None:
        return "none", None, None
    text = str(compare).strip()
    if text.lower() in ("previous", "none"):
        return text.lower(), None, None
    if ".." in text:
        lo_text, _, hi_text = text.partition("..")
        try:
            lo, hi = check_window(lo_text.strip(), hi_text.strip())
        except ParameterError as exc:
            raise ParameterError(f"compare: {compare!r}: {exc}; {valid}") from None
        if lo is not None and hi is not None:
            return "window", lo, hi
    raise ParameterError(f"compare: {compare!r}; {valid}")


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

def valid_codes(actors: pd.DataFrame) -> list[str]:
    """Codes a focus may use: every actor id and every country code of the actors table, sorted."""
    codes = set(actors["actor_id"].dropna().astype(str))
    codes |= {c for c in actors["country"].dropna().astype(str) if c}
    return sorted(codes)


def as_code_list(focus: Any) -> list[str]:
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


def _focus_items(focus: Any, valid: Iterable[str]) -> list[str]:
    """The items of a focus as given: a list, or a string split at commas (and at spaces between codes)."""
    valid = set(valid)
    if isinstance(focus, str):
        items: list[Any] = []
        for piece in re.split(r"[,;]+", focus):
            words = piece.split()
            # "RUS PRK" is two codes, "North Korea" one name
            items.extend(words if words and all(w.upper() in valid for w in words) else [piece])
    elif isinstance(focus, Iterable):
        items = list(focus)
    else:
        raise ParameterError(f"focus: expected a list of actor codes or names, got {type(focus).__name__} {focus!r}")
    out = []
    for item in items:
        if not isinstance(item, str):
            raise ParameterError(f"focus: actors are strings such as 'RUS' or 'Russia'; got {item!r}")
        if item.strip() and item.strip() not in out:
            out.append(item.strip())
    return out


#: Kinds of actor whose country is not a country of their own: an organisation's or a bloc's
#: "country" is its own code, an unknown name has none.
NOT_COUNTRIES = ("igo", "bloc", "unresolved")


def default_focus(actors: pd.DataFrame, n: int = 2) -> list[str]:
    """The ``n`` countries the corpus mentions most: mentions summed over each country's actors
    (RUS, RUSGOV, RUSMIL...), ties to the code first in the alphabet. Raises ParameterError when
    the corpus mentions no country."""
    mentions: dict[str, int] = {}
    for kind, country, count in zip(actors["kind"], actors["country"], actors["n_mentions"]):
        if isinstance(country, str) and country and kind not in NOT_COUNTRIES:
            mentions[country] = mentions.get(country, 0) + (0 if pd.isna(count) else int(count))
    if not mentions:
        raise ParameterError("focus: the corpus mentions no country; name the focus, e.g. -p focus '[Iran, Russia]'")
    return sorted(mentions, key=lambda c: (-mentions[c], c))[:n]


def check_focus(focus: Any, actors: pd.DataFrame, lexicon: Any = None) -> list[str]:
    """The focus actor codes, deduplicated; an unknown code or name raises ParameterError.

    ``actors`` is the actors table. A code is valid when
    it is an actor id (``RUSGOV``) or a country code (``RUS``) of that table. An
    item that is not such a code is resolved as a name through the lexicon
    (``"Iran"`` -> ``IRN``, ``"Putin"`` -> ``RUSGOV``; ``lexicon`` is a loaded
    Lexicon, default the packaged one) and must then name an actor of the table.
    ``None`` is :func:`default_focus`. An unknown item is answered with the nearest
    codes and the nearest names of the corpus's actors ("did you mean Russia (RUS)?").
    """
    if focus is None:
        return default_focus(actors)
    valid = valid_codes(actors)
    codes: list[str] = []
    unknown: list[str] = []
    notes: list[str] = []
    for item in _focus_items(focus, valid):
        code = item.upper()
        if code not in valid:
            code = _resolve_name(item, valid, lexicon, notes)
        if code is None:
            unknown.append(item.upper() if item.isupper() else item)
        elif code not in codes:
            codes.append(code)
    if not codes and not unknown:
        raise ParameterError(
            f"focus: no actor code given; name at least one of: {', '.join(valid) or '(no actors found)'}"
        )
    if unknown:
        hints = list(notes)
        names = {} if all(_looks_like_code(c) for c in unknown) else _corpus_names(actors)
        for c in unknown:
            close = (difflib.get_close_matches(c, valid, n=3, cutoff=0.5) if _looks_like_code(c) else
                     [names[n] for n in difflib.get_close_matches(c.lower(), list(names), n=3, cutoff=0.6)])
            if close:
                hints.append(f"{c!r}: did you mean {' or '.join(close)}?")
        plural = "s" if len(unknown) > 1 else ""
        what = "actor code" if all(_looks_like_code(c) for c in unknown) else "actor"
        msg = (
            f"focus: unknown {what}{plural} {', '.join(repr(c) for c in unknown)}; "
            f"valid codes in this corpus: {', '.join(valid) or '(no actors found)'}"
        )
        if hints:
            msg += " (" + "; ".join(hints) + ")"
        raise ParameterError(msg)
    return codes


def _looks_like_code(item: str) -> bool:
    """"RUX" or "UNK:X" is meant as a code; "Rusia" or "Nort Korea" as a name."""
    return item.isupper() and " " not in item


def _corpus_names(actors: pd.DataFrame) -> dict[str, str]:
    """Each name of the corpus's actors, lower-cased -> "Name (CODE)": a sector's name "Russia
    (government)" reads as its country's, "Russia (RUS)"; an organisation keeps its own code."""
    out: dict[str, str] = {}
    for aid, name, kind, country in zip(actors["actor_id"], actors["name"], actors["kind"], actors["country"]):
        if not isinstance(name, str) or not name.split(" (")[0].strip():
            continue
        short = name.split(" (")[0].strip()
        code = country if isinstance(country, str) and country and kind not in NOT_COUNTRIES else aid
        out.setdefault(short.lower(), f"{short} ({code})")
    return out


def _resolve_name(item: str, valid: list[str], lexicon: Any, notes: list[str]) -> str | None:
    """The code of a focus item given by name when the corpus has it, else None (with a note saying why)."""
    from ..errors import ActorNameError
    from ..engine import packaged
    from ..lexicon import resolve_actor

    try:
        code = resolve_actor(item, lexicon if lexicon is not None else packaged().lexicon, known=valid)
    except ActorNameError as exc:
        if exc.candidates and "several" in exc.problem:
            raise ParameterError(f"focus: {exc}") from None
        return None
    if code in valid:
        return code
    notes.append(f"{item!r} is {code}, which this corpus does not mention")
    return None

LEVELS = ("actor", "country")


def check_level(level: Any) -> str:
    """``"actor"`` or ``"country"``."""
    key = str(level).strip().lower() if level is not None else ""
    if key not in LEVELS:
        raise ParameterError(f"level: {level!r}; valid: 'actor' (one node per actor code) or 'country' "
                             "(the actors of a country folded into it)")
    return key


#: A relation's statuses (the relations table's ``status``), most certain first.
STATUSES = labels.STATUSES  # defined once, from the data
#: What counts toward scores unless the ``statuses`` parameter says otherwise: reported facts and
#: allegations (the charts mark the allegations).
DEFAULT_STATUSES = ("reported", "alleged")


def check_statuses(statuses: Any) -> tuple[str, ...]:
    """The statuses whose relations count toward scores: a list, or a comma-separated string,
    of :data:`STATUSES` (``"all"`` for every one); ``None`` for :data:`DEFAULT_STATUSES`."""
    if statuses is None:
        return DEFAULT_STATUSES
    if isinstance(statuses, str):
        if statuses.strip().lower() == "all":
            return STATUSES
        items: Iterable[Any] = re.split(r"[\s,;]+", statuses.strip())
    elif isinstance(statuses, Iterable):
        items = statuses
    else:
        raise ParameterError(f"statuses: expected a list of statuses, got {type(statuses).__name__} {statuses!r}")
    out = []
    for item in items:
        key = str(item).strip().lower()
        if key and key not in out:
            out.append(key)
    unknown = [s for s in out if s not in STATUSES]
    if unknown or not out:
        raise ParameterError(f"statuses: {', '.join(repr(s) for s in unknown) or 'none given'}; valid: "
                             f"{', '.join(STATUSES)} (or 'all')")
    return tuple(s for s in STATUSES if s in out)
