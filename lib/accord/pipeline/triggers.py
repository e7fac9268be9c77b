"""The lexicon's event triggers as a phrase table: the forms, and the entries each form stands for.

Shared by the relations component (which codes a matched form) and the event model (which
reads the matched categories as features).
"""
from __future__ import annotations

from spacy.language import Language

from .phrases import PhraseTable, phrase_splitter
from ..lexicon import Lexicon, Trigger


def trigger_table(nlp: Language, lexicon: Lexicon) -> tuple[PhraseTable, dict[str, list[Trigger]]]:
    """A lower-cased phrase table of every trigger form with an event category, and form -> entries."""
    triggers: dict[str, list[Trigger]] = {}
    for t in lexicon.triggers:
        if t.event_type is None:
            continue  # statements without a PLOVER category are claims, not relations
        for form in t.forms:
            if any(ch.isalpha() for ch in form):
                triggers.setdefault(form, []).append(t)
    matcher = PhraseTable(lower=True)
    split = phrase_splitter(nlp)
    for form in sorted(triggers):
        matcher.add(form, split([form]))
    return matcher, triggers


def trigger_categories(triggers: dict[str, list[Trigger]]) -> dict[str, list[str]]:
    """form -> its distinct event categories, in the lexicon's order."""
    return {form: list(dict.fromkeys(t.event_type for t in entries if t.event_type)) for form, entries in triggers.items()}
