"""Time expressions: a spaCy component that finds dates and resolves them.

Absolute dates ("18 June 2024", "June 18, 2024", "September 2023", "in 2023")
and dates relative to the document's date ("last September", "next month",
"on Tuesday", "yesterday") are resolved to ISO strings at the precision the
text gives: YYYY-MM-DD, YYYY-MM or YYYY.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.matcher import Matcher
from spacy.tokens import Doc

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = {"LOWER": {"IN": sorted(MONTHS)}}
_FULL_MONTH = {"LOWER": {"IN": sorted(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july"))}}
_DAY = {"TEXT": {"REGEX": r"^(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?$"}}
_YEAR = {"TEXT": {"REGEX": r"^(19|20)[0-9]{2}$"}}
_DOT = {"TEXT": ".", "OP": "?"}

PATTERNS: dict[str, list[list[dict]]] = {
    "DMY": [[_DAY, _MONTH, _DOT, _YEAR]],
    "MDY": [[_MONTH, _DOT, _DAY, {"TEXT": ",", "OP": "?"}, _YEAR]],
    "MY": [[_FULL_MONTH, _YEAR]],
    "REL_MONTH": [[{"LOWER": {"IN": ["last", "next", "this", "past"]}}, _FULL_MONTH]],
    "IN_MONTH": [[{"LOWER": {"IN": ["in", "since", "until", "by", "during"]}}, _FULL_MONTH]],
    "REL_UNIT": [[{"LOWER": {"IN": ["last", "next", "this", "past"]}}, {"LOWER": {"IN": ["week", "month", "year"]}}]],
    "DAY_WORD": [[{"LOWER": {"IN": ["yesterday", "today", "tomorrow"]}}]],
    "WEEKDAY": [[{"LOWER": {"IN": ["on", "last", "next", "this"]}}, {"LOWER": {"IN": sorted(WEEKDAYS)}}]],
    "YEAR": [[{"LOWER": {"IN": ["in", "since", "until", "by", "during"]}}, _YEAR]],
}


@dataclass
class TimeExpression:
    """A date expression over tokens [start, end) and its resolved ISO value (None if unresolvable)."""

    start: int
    end: int
    value: str | None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def resolve(kind: str, words: list[str], anchor: date | None) -> str | None:
    """Resolve the words of a matched expression of ``kind`` against the document date ``anchor``."""
    words = [w.lower().rstrip(".,") for w in words if w not in (".", ",")]
    nums = [w for w in words if w[:1].isdigit()]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year = next((int(w) for w in nums if len(w) == 4), None)
    day = next((int("".join(c for c in w if c.isdigit())) for w in nums if len(w) != 4), None)
    if kind in ("DMY", "MDY"):
        try:
            return date(year, month, day).isoformat()
        except (TypeError, ValueError):
            return None
    if kind == "MY":
        return f"{year:04d}-{month:02d}"
    if kind == "YEAR":
        return f"{year:04d}"
    if anchor is None:
        return None
    if kind in ("REL_MONTH", "IN_MONTH"):
        rel = words[0]
        y = anchor.year
        if rel == "next":
            y = y if month > anchor.month else y + 1
        elif rel in ("last", "past"):
            y = y if month < anchor.month else y - 1
        elif rel != "this" and month > anchor.month:
            y -= 1  # a bare month in news means the most recent one
        return f"{y:04d}-{month:02d}"
    if kind == "REL_UNIT":
        rel, unit = words[0], words[1]
        step = {"next": 1, "this": 0}.get(rel, -1)
        if unit == "year":
            return f"{anchor.year + step:04d}"
        if unit == "month":
            y, m = _shift_month(anchor.year, anchor.month, step)
            return f"{y:04d}-{m:02d}"
        return (anchor + timedelta(weeks=step)).isoformat()
    if kind == "DAY_WORD":
        step = {"yesterday": -1, "today": 0, "tomorrow": 1}[words[0]]
        return (anchor + timedelta(days=step)).isoformat()
    if kind == "WEEKDAY":
        rel, target = words[0], WEEKDAYS[words[1]]
        if rel == "next":
            delta = (target - anchor.weekday()) % 7 or 7
            return (anchor + timedelta(days=delta)).isoformat()
        # "on Tuesday" in a news report is the most recent Tuesday before the report
        delta = (anchor.weekday() - target) % 7 or (7 if rel == "last" else 0)
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
        for key, start, end in self.matcher(doc):
            found.append((-(end - start), start, end, strings[key]))
        found.sort()
        taken = [False] * len(doc)
        out = []
        for _, start, end, kind in found:
            if any(taken[start:end]):
                continue
            for k in range(start, end):
                taken[k] = True
            words = [t.text for t in doc[start:end]]
            # "in", "on", "since" are not part of the expression
            skip = 1 if words[0].lower() in ("in", "on", "since", "until", "by", "during") else 0
            out.append(TimeExpression(start + skip, end, resolve(kind, words, anchor)))
        out.sort(key=lambda t: t.start)
        doc._.dates = out
        return doc


def _anchor(doc: Doc) -> date | None:
    try:
        return date.fromisoformat(str(doc._.date)[:10]) if doc._.date else None
    except ValueError:
        return None
