"""A phrase table: the lexicon's multi-word names and cues, found in a document's tokens.

It does what spaCy's ``PhraseMatcher`` did here (every occurrence of every phrase, keyed,
overlaps included) with plain dicts of token tuples. The reason is start-up: a pickled
``PhraseMatcher`` re-adds each of its ~35,000 patterns to the vocab when it is loaded
(about a second of every cold run), while these dicts load in a tenth of a second (issue 12).
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

SplitPhrases = Callable[[Iterable[str]], list[tuple[str, ...]]]


def phrase_splitter(nlp: Language) -> SplitPhrases:
    """A function splitting phrases into token texts exactly as ``nlp``'s tokenizer splits a document.

    It runs a copy of the tokenizer over a vocab of its own: the lexicon's names would
    otherwise add some 60,000 strings to the pipeline's string store, which every load
    of the cached pipeline re-hashes.
    """
    tokenizer = Tokenizer(Vocab())
    tokenizer.from_bytes(nlp.tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])

    def split(texts: Iterable[str]) -> list[tuple[str, ...]]:
        return [tuple(t.text for t in doc) for doc in tokenizer.pipe(texts)]
    return split


class PhraseTable:
    """Phrases, each a tuple of token strings (the text, or lowercased), and the keys they stand for."""

    def __init__(self, lower: bool = False) -> None:
        self.lower = lower  # compare lowercased tokens (spaCy's LOWER) rather than the text (ORTH)
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._reach: dict[str, int] = {}  # first token -> length of the longest phrase it opens

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, phrases: Iterable[Sequence[str]]) -> None:
        """Add ``phrases``, each a sequence of token texts, under ``key`` (empty ones are ignored)."""
        for phrase in phrases:
            words = tuple(w.lower() for w in phrase) if self.lower else tuple(phrase)
            if not words:
                continue
            keys = self._keys.get(words, ())
            if key not in keys:
                self._keys[words] = keys + (key,)
            self._reach[words[0]] = max(self._reach.get(words[0], 0), len(words))

    def words(self, doc: Doc) -> list[str]:
        """The token strings of ``doc`` this table compares (its lowercased tokens when set)."""
        if self.lower:
            return doc._.lower if doc._.lower is not None else [t.lower_ for t in doc]
        return [t.text for t in doc]

    def find(self, words: Sequence[str]) -> list[tuple[str, int, int]]:
        """Every (key, start, end) whose phrase is ``words[start:end]``, by start then end."""
        out = []
        keys, reach = self._keys, self._reach
        n = len(words)
        for start, word in enumerate(words):
            longest = reach.get(word)
            if longest is None:
                continue
            for end in range(start + 1, min(start + longest, n) + 1):
                for key in keys.get(tuple(words[start:end]), ()):
                    out.append((key, start, end))
        return out

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """:meth:`find` over ``doc``'s tokens."""
        return self.find(self.words(doc))

    def longest(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, key) of the matches in ``doc`` without overlaps, the longest winning, in text order."""
        found = sorted((start - end, start, end, key) for key, start, end in self(doc))
        taken = [False] * len(doc)
        out = []
        for _, start, end, key in found:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            out.append((start, end, key))
        return sorted(out)
