"""Word lists as token tuples: matching the lexicon's phrases on lowercased tokens.

Shared by the clause analysis and the claims and relations components; kept apart
because it knows nothing of clauses.
"""
from __future__ import annotations

from typing import Iterable, Sequence


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order, without repeats."""
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


class PhraseIndex:
    """Word phrases indexed by their last word, for fast "does one end here?" checks."""

    def __init__(self, items: Iterable[tuple[str, ...]]) -> None:
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for p in items:
            if p:
                self.by_last.setdefault(p[-1], []).append(p)

    def __iter__(self):
        return (p for ps in self.by_last.values() for p in ps)


def ends_with_any(words: Sequence[str], end: int, phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether one of ``phrases`` ends at position ``end`` (exclusive) of ``words``."""
    if isinstance(phrases, PhraseIndex):
        if end <= 0:
            return False
        phrases = phrases.by_last.get(words[end - 1], ())
    for phrase in phrases:
        n = len(phrase)
        if end - n >= 0 and tuple(words[end - n:end]) == phrase:
            return True
    return False


def phrases(words: Iterable[str]) -> list[tuple[str, ...]]:
    """Lexicon word lists as token tuples, for matching on lowercased tokens."""
    return [tuple(w.lower().replace("n't", " n't").split()) for w in words]
