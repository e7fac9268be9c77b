"""Time expressions: a spaCy component that finds dates and resolves them.

Absolute dates ("18 June 2024", "June 18, 2024", "Aug. 21st, 2009", "21-23 August 2009",
"September 2023", "in 2023") and dates relative to the document's date ("last September",
"next month", "on Tuesday", "yesterday", "three weeks ago") are resolved to ISO strings at
the precision the text gives: YYYY-MM-DD, YYYY-MM or YYYY. A range resolves to its first day.

An expression that names no real date ("30 February 2020", "1000000 days ago", a year
before 1 or after 9999) is kept as an expression with no value: a date never costs the
document (``tests/pipeline/test_dates.py`` checks every pattern with hypothesis, and every text of
the UD treebanks).

The words (month and weekday names, "last", "next", units, counts) are language data,
``data/grammar/dates.yaml``; this module holds the patterns and the calendar arithmetic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc

from ..paths import DATA_DIR

# the words are data (data/grammar/dates.yaml); this module holds the patterns and the arithmetic
_WORDS = yaml.safe_load((DATA_DIR / "grammar" / "dates.yaml").read_text(encoding="utf-8"))

MONTH_NAMES: tuple[str, ...] = tuple(_WORDS["months"])
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS.update({str(m): int(n) for m, n in _WORDS["month_abbreviations"].items()})
# spaCy keeps the dot of an abbreviated month in its token ("Aug.", "Sept."): those forms are months too
MONTHS.update({f"{m}.": n for m, n in list(MONTHS.items()) if len(m) <= 4 and m != "may"})
WEEKDAYS = {d: i for i, d in enumerate(_WORDS["weekdays"])}
# a relative word's step from the document's date: -1 ("last"), 0 ("this"), 1 ("next")
RELATIVE: dict[str, int] = {str(w): int(n) for w, n in _WORDS["relative"].items()}
DAY_WORDS: dict[str, int] = {str(w): int(n) for w, n in _WORDS["day_words"].items()}
NUMBER_WORDS: dict[str, int] = {str(w): int(n) for w, n in _WORDS["number_words"].items()}
LEAD_WORDS = set(_WORDS["not_in_expression"])

_MONTH = {"LOWER": {"IN": sorted(MONTHS)}}
_LEAD = {"LOWER": {"IN": list(_WORDS["leads"])}}
_PART = {"LOWER": {"IN": list(_WORDS["parts"])}, "OP": "?"}
# when two readings cover the same words, the more specific one wins ("in March 2023")
PRIORITY = {"DMY": 0, "MDY": 0, "MY": 1, "AGO": 2, "YEAR": 3}
# with a year alone, a month must be unambiguous: a full name or a dotted abbreviation ("Jan. 2020"), not "mar"
_FULL_MONTH = {"LOWER": {"IN": sorted(m for m in MONTHS
                                       if len(m) > 4 or m in MONTH_NAMES or m.endswith("."))}}
_DAY = {"TEXT": {"REGEX": r"^(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?$"}}
_YEAR = {"TEXT": {"REGEX": r"^(19|20)[0-9]{2}$"}}
_DOT = {"TEXT": ".", "OP": "?"}
_COMMA = {"TEXT": ",", "OP": "?"}
_DASH = {"TEXT": {"IN": ["-", "\u2013", "\u2014", "to"]}}
_ONE_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?"
# spaCy splits "21-23" at the hyphen but keeps "21\u201323" (en or em dash) one token
_DAY_RANGE = {"TEXT": {"REGEX": rf"^{_ONE_DAY}[\u2013\u2014]{_ONE_DAY}$"}}
# the forms of _DAY, _DAY_RANGE and _YEAR, for resolve() (group 1: the first day); ASCII digits only
# ("⁵".isdigit() is true, int("⁵") fails)
_DAY_RE = re.compile(rf"(0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?(?:[\u2013\u2014]{_ONE_DAY})?", re.ASCII)
_YEAR_RE = re.compile(r"(19|20)[0-9]{2}", re.ASCII)
_COUNT_RE = re.compile(r"[0-9]{1,9}", re.ASCII)  # "N days ago": a count of at most 9 digits; more is no date

PATTERNS: dict[str, list[list[dict]]] = {
    "DMY": [[_DAY, _MONTH, _DOT, _COMMA, _YEAR],
            # ranges, dated by their first day: "21-23 August 2009", "21\u201323 August 2009"
            [_DAY, _DASH, _DAY, _MONTH, _DOT, _COMMA, _YEAR], [_DAY_RANGE, _MONTH, _DOT, _COMMA, _YEAR]],
    "MDY": [[_MONTH, _DOT, _DAY, _COMMA, _YEAR],
            [_MONTH, _DOT, _DAY, _DASH, _DAY, _COMMA, _YEAR], [_MONTH, _DOT, _DAY_RANGE, _COMMA, _YEAR]],
    "MY": [[_FULL_MONTH, _YEAR]],
    "REL_MONTH": [[{"LOWER": {"IN": list(RELATIVE)}}, _FULL_MONTH]],
    "IN_MONTH": [[_LEAD, _PART, _FULL_MONTH]],
    "REL_UNIT": [[{"LOWER": {"IN": list(RELATIVE)}}, {"LOWER": {"IN": list(_WORDS["relative_units"])}}]],
    "DAY_WORD": [[{"LOWER": {"IN": list(DAY_WORDS)}}]],
    "WEEKDAY": [[{"LOWER": {"IN": list(_WORDS["weekday_leads"])}}, {"LOWER": {"IN": sorted(WEEKDAYS)}}]],
    "YEAR": [[_LEAD, _PART, _YEAR]],
    "AGO": [[{"LOWER": {"IN": sorted(NUMBER_WORDS)}}, {"LOWER": {"IN": list(_WORDS["ago_units"])}}, {"LOWER": "ago"}],
            [{"LIKE_NUM": True}, {"LOWER": {"IN": list(_WORDS["counted_ago_units"])}}, {"LOWER": "ago"}]],
}


@dataclass
class TimeExpression:
    """A date expression over tokens [start, end) and its resolved ISO value (None if unresolvable)."""

    start: int
    end: int
    value: str | None
    ahead: str | None = None  # the value read forward, for a plan: "on Monday" of what will happen

def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _iso(year: int, month: int | None = None) -> str | None:
    """"YYYY" or "YYYY-MM", or None for a year the calendar (and ISO 8601's four digits) does not have."""
    if not MINYEAR <= year <= MAXYEAR:
        return None
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def resolve(kind: str, words: list[str], anchor: date | None) -> str | None:
    """Resolve the words of a matched expression of ``kind`` against the document date ``anchor``.

    None when the words name no real date (30 February, a year out of the calendar's range).
    """
    try:
        return _resolve(kind, [w.lower() for w in words if w not in (".", ",")], anchor)
    except OverflowError:  # "99999 weeks ago", "tomorrow" on 9999-12-31: past the calendar's end
        return None


def _resolve(kind: str, words: list[str], anchor: date | None) -> str | None:
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    # "2009" is a year; "21st", "28th" (four characters too) and "21" are days; a range's first day counts
    year = next((int(w) for w in words if _YEAR_RE.fullmatch(w)), None)
    day = next((int(m.group(1)) for w in words if not _YEAR_RE.fullmatch(w) for m in [_DAY_RE.fullmatch(w)] if m),
               None)
    if kind in ("DMY", "MDY"):
        try:
            return date(year, month, day).isoformat()
        except (TypeError, ValueError):  # 30 February, 31 June
            return None
    if kind == "MY":
        return _iso(year, month)
    if kind == "YEAR":
        return _iso(year)
    if kind == "AGO" and anchor is not None:
        n = NUMBER_WORDS.get(words[0])
        if n is None and _COUNT_RE.fullmatch(words[0]):
            n = int(words[0])
        if n is None:  # "twenty", "1.5", "10,000": no count accord reads
            return None
        unit = words[1].rstrip("s")
        if unit == "year":
            return _iso(anchor.year - n)
        if unit == "month":
            return _iso(*_shift_month(anchor.year, anchor.month, -n))
        return (anchor - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if anchor is None:
        return None
    if kind in ("REL_MONTH", "IN_MONTH"):
        step = RELATIVE.get(words[0])  # None: a preposition ("in March") or a bare month
        y = anchor.year
        if step == 1:
            y = y if month > anchor.month else y + 1
        elif step == -1:
            y = y if month < anchor.month else y - 1
        elif step is None and month > anchor.month:
            y -= 1  # a bare month in news means the most recent one
        return _iso(y, month)
    if kind == "REL_UNIT":
        step, unit = RELATIVE[words[0]], words[1]
        if unit == "year":
            return _iso(anchor.year + step)
        if unit == "month":
            return _iso(*_shift_month(anchor.year, anchor.month, step))
        return (anchor + timedelta(weeks=step)).isoformat()
    if kind == "DAY_WORD":
        step = DAY_WORDS[words[0]]
        return (anchor + timedelta(days=step)).isoformat()
    if kind == "WEEKDAY":
        step, target = RELATIVE.get(words[0], 0), WEEKDAYS[words[1]]  # "on Tuesday": 0
        if step > 0:
            delta = (target - anchor.weekday()) % 7 or 7
            return (anchor + timedelta(days=delta)).isoformat()
        # "on Tuesday" in a news report is the most recent Tuesday before the report
        delta = (anchor.weekday() - target) % 7 or (7 if step < 0 else 0)
        return (anchor - timedelta(days=delta)).isoformat()
    return None


class DateRecognizer:
    """spaCy component: sets ``doc._.dates`` (a list of :class:`TimeExpression`)."""

    def __init__(self, nlp) -> None:
        self.matcher = Matcher(nlp.vocab)
        for kind, patterns in PATTERNS.items():
            self.matcher.add(kind, patterns)

    def __call__(self, doc: Doc) -> Doc:
        anchor = _anchor(doc)
        found = []
        strings = doc.vocab.strings
        for key, start, end in self._matches(doc):
            kind = strings[key]
            found.append((-(end - start), PRIORITY.get(kind, 9), start, end, kind))
        found.sort()
        taken = [False] * len(doc)
        out = []
        for _, _, start, end, kind in found:
            if any(taken[start:end]):
                continue
            for k in range(start, end):
                taken[k] = True
            words = [t.text for t in doc[start:end]]
            # "in", "on", "since" are not part of the expression
            skip = next((n for n, w in enumerate(words) if w.lower() not in LEAD_WORDS), 0)
            out.append(TimeExpression(start + skip, end, resolve(kind, words, anchor), _ahead(kind, words, anchor)))
        out.sort(key=lambda t: t.start)
        doc._.dates = out
        return doc

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Matcher results on the windows around date words (the Matcher is slow on whole docs)."""
        out = []
        for lo, hi in _windows(doc):
            for key, start, end in self.matcher(doc[lo:hi]):
                out.append((key, lo + start, lo + end))
        return out


def _cue_words() -> frozenset[str]:
    return frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(DAY_WORDS) | frozenset(_WORDS["relative_units"]) \
        | {"ago"}


CUE_WORDS = _cue_words()


def _is_cue(word: str) -> bool:
    return word in CUE_WORDS or (len(word) == 4 and word.isdigit() and word[:2] in ("19", "20"))


def _windows(doc: Doc) -> list[tuple[int, int]]:
    """Stretches of the doc around words that can anchor a date; the Matcher runs on those only."""
    lower = doc._.lower or [t.lower_ for t in doc]
    spans: list[tuple[int, int]] = []
    for i, w in enumerate(lower):
        if _is_cue(w):
            lo, hi = max(0, i - 4), min(len(lower), i + 4)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return spans


def _ahead(kind: str, words: list[str], anchor: date | None) -> str | None:
    """A bare weekday ("on Monday") read forward: the coming such day, or the document's own day.
    News dates a past act by the last such day; a planned act by the next one. None for other kinds."""
    if kind != "WEEKDAY" or anchor is None or RELATIVE.get(words[0].lower(), 0) != 0:
        return None
    delta = (WEEKDAYS[words[1].lower()] - anchor.weekday()) % 7
    try:
        return (anchor + timedelta(days=delta)).isoformat()
    except OverflowError:
        return None


def _anchor(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(str(doc._.date)[:10]) if doc._.date else None
    except ValueError:
        return None
