"""Token strings normalised for matching names, over the tokens (and so the offsets) of the original text.

News text reaches us with the same name spelt in several byte sequences: decomposed accents
(NFD "Erdoğan"), soft hyphens and zero-width spaces or joiners left by a CMS inside a word
("Pu\\u00adtin"), non-breaking or doubled spaces between the words of a name ("North\\u00a0Korea").
The lexicon's phrases are NFC with single spaces, so matching compares a normalised *copy* of
each token's text, never a changed document: the Doc's text, its tokens and every offset stay
those of the original (issue 22, item 4), and a mention's characters slice back out of it.

Why a copy and not the tokenizer's NORM: the names are matched case-sensitively (NORM is
lowercase), a name broken by a whitespace token ("North", "\\u00a0", "Korea": spaCy splits
every whitespace other than one plain space into a token of its own) has to be matched
*across* that token, and changing NORM would change the parser's features.

Cost: a document whose text is ASCII (most English news), or NFC without invisible characters,
is checked in C and read as is; only the other documents pay a Python pass over their tokens.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

import numpy
from spacy.tokens import Doc

# format characters (Unicode category Cf) that are invisible inside a word: soft hyphen, zero-width
# space, non-joiner and joiner, left-to-right and right-to-left marks, bidi embeddings and isolates,
# word joiner and invisible operators, byte-order mark
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def normal_form(text: str) -> str:
    """``text`` in NFC without invisible format characters ("Pu\\u00adtin" -> "Putin")."""
    if text.isascii():
        return text
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


@dataclass
class MatchTokens:
    """A Doc's tokens as matching sees them, index for index with the Doc's own tokens.

    ``texts``: each token's text in :func:`normal_form`; ``lower``: the same, lowercased;
    ``skip``: tokens matching passes over (whitespace other than a paragraph break, or
    only invisible characters), so that a name runs across them; ``changed``: whether any
    token differs from the Doc's or is skipped (the fast paths of the caller apply when not).
    """

    texts: list[str]
    lower: list[str]
    skip: list[bool]
    changed: bool

    def kept(self, start: int, end: int) -> list[int]:
        """The token indices in [start, end) that matching reads."""
        return [k for k in range(start, end) if not self.skip[k]]

    def span_text(self, doc: Doc, start: int, end: int) -> str:
        """The normalised text of tokens [start, end): skipped tokens read as one plain space."""
        if not self.changed:
            return doc[start:end].text
        out: list[str] = []
        for k in range(start, end):
            if self.skip[k]:
                if out and out[-1] != " ":
                    out.append(" ")
                continue
            out.append(self.texts[k])
            if doc[k].whitespace_ and k + 1 < end:
                out.append(" ")
        return "".join(out).strip()

    def find(self, table, lower: bool | None = None) -> list[tuple[str, int, int]]:
        """``table.find`` over these tokens (lowercased when the table compares lowercase), in Doc indices."""
        words = self.lower if (table.lower if lower is None else lower) else self.texts
        if not self.changed or not any(self.skip):
            return table.find(words)
        return find_skipping(table, words, self.skip)


def find_skipping(table, words: Sequence[str], skip: Sequence[bool]) -> list[tuple[str, int, int]]:
    """``table.find(words)`` with the ``skip`` tokens left out; matches are given in the full indices,
    a match that runs across skipped tokens covering them ("North", "\\u00a0", "Korea" is one match)."""
    index = [k for k, s in enumerate(skip) if not s]
    found = table.find([words[k] for k in index])
    return [(key, index[s], index[e - 1] + 1) for key, s, e in found]


def match_tokens(doc: Doc) -> MatchTokens:
    """The :class:`MatchTokens` of ``doc``.

    Everything a clean document needs is done in C (its text is ASCII, or already NFC without
    invisible characters; whitespace tokens are found in the token array): only the documents
    that need normalising pay a pass in Python over their tokens.
    """
    texts = [t.text for t in doc]
    joined = "".join(texts)  # in C; Doc.text would walk the tokens in Python
    if joined.isascii() or (unicodedata.is_normalized("NFC", joined) and _INVISIBLE.search(joined) is None):
        norm, lower = texts, [t.lower_ for t in doc]
    else:
        norm = list(map(normal_form, texts))
        lower = [w.lower() for w in norm]
    skip = [False] * len(texts)
    spaces = doc.to_array("IS_SPACE")
    if spaces.any():
        for k in numpy.flatnonzero(spaces).tolist():
            skip[k] = "\n\n" not in texts[k]  # a paragraph break is never inside a name; other whitespace may be
    if norm is not texts:
        for k, w in enumerate(norm):
            if not w:  # a token of invisible characters only ("Putin \u200b said")
                skip[k] = True
    changed = (norm is not texts and norm != texts) or any(skip)
    return MatchTokens(norm, lower, skip, changed)


def title_candidates(doc: Doc, tokens: MatchTokens) -> list[int]:
    """Indices of tokens whose (normalised) text is capitalised: where an unknown name may start."""
    if not tokens.changed:
        return [int(i) for i in numpy.flatnonzero(doc.to_array("IS_TITLE"))]
    return [k for k, w in enumerate(tokens.texts) if w.istitle()]
