"""Each pipeline component alone: a small nlp with the component and what it requires (spaCy's own tests' way).

Shared by the test files of the components (``test_actors.py``, ``test_claims.py``, ``test_relations.py``, ...):
the real components over the packaged lexicon, no mocks. A component missing from the pipeline assigns
nothing, so a test also shows which attribute belongs to which component.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import accord.pipeline  # noqa: F401 -- registers the factories

ANCHOR = "2024-06-19"
TEXT = ("Russia provided economic aid to North Korea last month. "
        "North Korea denied that it supplied weapons to Russia in September 2023.")


def small_nlp(*components: str) -> Language:
    """A blank English pipeline with the sentencizer and ``components``, in order."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in components:
        nlp.add_pipe(name)
    return nlp


def run(nlp: Language, text: str = TEXT, date: str | None = ANCHOR) -> Doc:
    doc = nlp.make_doc(text)
    doc._.date = date
    return nlp(doc)


def run_engine(nlp: Language, text: str, date: str | None = "2024-06-18") -> Doc:
    """``text`` through the whole engine ``nlp`` at ``date`` (the day of the seed's article)."""
    return run(nlp, text, date)
