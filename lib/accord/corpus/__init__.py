"""accord's open corpus of labelled events and attributions (``training/corpus/``).

Labellers write *anchored* items, whose spans are the words themselves
(:mod:`accord.corpus.anchors`); the published items carry character offsets and are checked
against the lexicon by :mod:`accord.corpus.validate`. ``python -m accord.corpus`` builds,
checks and counts them (:mod:`accord.corpus.cli`).
"""
from .anchors import AnchorError, place_item
from .build import placed_items
from .validate import CorpusIssue, Vocabulary, check_item, read_items

__all__ = ["AnchorError", "place_item", "placed_items", "CorpusIssue", "Vocabulary", "check_item", "read_items"]
