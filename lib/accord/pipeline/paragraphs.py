"""Paragraph breaks are not words: whitespace tokens close a sentence and take no part in its parse.

The trained parser (``models/en_ud``) learnt from UD treebanks, which hold no whitespace tokens.
The sentencizer puts a paragraph break ("\\n\\n") at the start of the next sentence, where the
parser reads it as a word: as the subject ("\\n\\n Azerbaijani police detained activists": the
police become an object and the arrest loses its source) or as the root. Every paragraph's first
sentence was parsed so. Two small steps keep the break out of the way:

* :func:`close_with_space` (before the parser): a sentence that opens with whitespace opens at its
  first word instead; the whitespace ends the sentence before it, after its punctuation.
* :func:`label_spaces` (after the parser): each whitespace token is labelled ``punct``, so no rule
  reads it as a clause (the parser tends to call a trailing one ``parataxis``).
"""
from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["close_with_space", "label_spaces"]


def close_with_space(doc: Doc) -> Doc:
    """Move each sentence start that falls on whitespace to the first word after it, and start a
    sentence after every blank line: a headline or a line with no closing stop is a sentence of its own."""
    for t in doc[1:]:
        if t.is_space and t.text.count("\n") >= 2:
            t.is_sent_start = t.is_sent_start and t.i > 0 and doc[t.i - 1].is_space
            nxt = t.i + 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            if nxt < len(doc):
                doc[nxt].is_sent_start = True
            continue
        if t.is_sent_start and t.is_space:
            nxt = t.i + 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            if nxt == len(doc):
                break  # trailing whitespace: it stays where it is
            t.is_sent_start = False
            doc[nxt].is_sent_start = True
    return doc


def label_spaces(doc: Doc) -> Doc:
    """Label the parser's whitespace tokens ``punct`` (their heads stay as parsed)."""
    for t in doc:
        if t.is_space and t.dep_ != "ROOT":
            t.dep_ = "punct"
    return doc
