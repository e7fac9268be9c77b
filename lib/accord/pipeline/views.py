"""The ``accord_sentences`` component: each sentence analysed once, for every component after it.

It sets ``doc._.sentences``: one view per sentence (:class:`~accord.pipeline.sentence.Sentence`),
a :class:`~accord.pipeline.syntax.TreeView` when the document is parsed (engines v2/v3), else a
:class:`~accord.pipeline.clauses.WordOrderView` (engine v1). The claims and relations components
read these same views, so both see one analysis of each sentence: its groups, appositions and
the antecedents of its pronouns.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .clauses import WordOrderView
from .sentence import ClauseRules, Sentence, analyse
from .syntax import TreeView
from ..lexicon import Lexicon


def view_class(doc: Doc) -> type[Sentence]:
    """The view a document's sentences get: the tree's when it is parsed, else word order's."""
    return TreeView if doc.has_annotation("DEP") else WordOrderView


class SentenceAnalyzer:
    """spaCy component: sets ``doc._.sentences`` (a list of sentence views, one per sentence)."""

    def __init__(self, nlp, lexicon: Lexicon) -> None:
        self.rules = ClauseRules(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        doc._.sentences = analyse(doc, self.rules, view_class(doc))
        return doc
