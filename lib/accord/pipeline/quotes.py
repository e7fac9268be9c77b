"""Quotations and the edges of reported content in a sentence: shared by claims and sources."""
from __future__ import annotations

from .grammar import CONJUNCTIONS, QUOTE_CLOSE, QUOTE_OPEN
from .sentence import Sentence

_CLOSING_MARKS = (",", ".", "!", "?", ";", ":")


def trim(view: Sentence, start: int, end: int) -> int:
    """The end of a content span [start, end) without the punctuation and conjunctions closing it."""
    while end > start and (view.lower[end - 1] in _CLOSING_MARKS or view.lower[end - 1] in CONJUNCTIONS):
        end -= 1
    return end


def quote_spans(view: Sentence) -> list[tuple[int, int]]:
    """Token spans of the quoted stretches of a sentence (inside the marks)."""
    spans = []
    open_at = None
    for k in range(view.start, view.end):
        w = view.doc[k].text
        if open_at is None and w in QUOTE_OPEN and w != "’":
            open_at = k
        elif open_at is not None and w in QUOTE_CLOSE and w not in ("’",):
            spans.append((open_at + 1, k))
            open_at = None
    return spans


def quote_in(view: Sentence, start: int, end: int) -> str | None:
    """The words of the first quotation inside tokens [start, end) (marks excluded), if any."""
    for qs, qe in quote_spans(view):
        if start <= qs and qe <= end + 1 and qe > qs:
            return view.doc[qs:qe].text
    return None


def quote_before(view: Sentence, cue_start: int, right_before: bool = False) -> tuple[int, int, str] | None:
    """A direct quote before a saying verb ("“...,” Lavrov said"); ``right_before``: only just before it."""
    spans = [q for q in quote_spans(view) if q[1] < cue_start]
    if not spans or (right_before and cue_start - spans[-1][1] > 2):
        return None
    qs, qe = spans[-1]
    end = trim(view, qs, qe)
    return qs, end, view.doc[qs:end].text
