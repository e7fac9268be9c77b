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


def mention_codes(nlp: Language, text: str, date: str) -> dict[str, list[str]]:
    """Each actor mention's words and codes, ``text`` annotated at ``date``."""
    doc = run(nlp, text, date)
    return {doc[m.start:m.end].text: m.codes for m in doc._.mentions}


def claim_rows(nlp: Language, text: str) -> list[tuple[str, str | None, str, str]]:
    """(cue, source phrase, content, stance) of each claim of ``text``."""
    doc = run_engine(nlp, text)
    return [(c.cue, doc[c.source_span[0]:c.source_span[1]].text if c.source_span else None,
             doc[c.content_start:c.content_end].text, c.stance) for c in doc._.claims]
