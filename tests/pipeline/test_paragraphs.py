"""Paragraph breaks close a sentence and take no part in its parse (accord.pipeline.paragraphs)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from accord import build_pipeline
from accord.pipeline.paragraphs import close_with_space, label_spaces

TEXT = "Iran watched with unease.\n\nAzerbaijani police detained three opposition activists on Tuesday.\n\n"


def test_a_sentence_opens_at_its_first_word_not_at_the_break():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = close_with_space(nlp(TEXT))
    sents = [s.text for s in doc.sents]
    assert sents[1].startswith("Azerbaijani") and sents[0].endswith("\n\n")
    assert sents[-1].endswith("\n\n")  # trailing whitespace stays in the last sentence


def test_a_headline_without_a_stop_is_a_sentence_of_its_own():
    """A blank line ends a sentence even where no stop does: the headline is not the lead's subject."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = close_with_space(nlp("Colombia recalls envoy: deportees fill shelters\n\nBOGOTA, Aug 27 - Colombia recalled "
                               "its ambassador.\nIt said more.\n\n\n"))
    sents = [s.text for s in doc.sents]
    assert sents[0] == "Colombia recalls envoy: deportees fill shelters\n\n"
    assert sents[1].startswith("BOGOTA")
    assert sents[-1].endswith("\n\n\n")


@pytest.fixture(scope="module")
def doc():
    nlp = build_pipeline()
    d = nlp.make_doc(TEXT)
    d._.date = "2022-03-09"
    return nlp(d)


def test_the_first_sentence_of_a_paragraph_keeps_its_subject(doc):
    police = next(t for t in doc if t.text == "police")
    assert police.dep_ == "nsubj"
    assert all(t.dep_ in ("punct", "ROOT") for t in doc if t.is_space)
    assert [(r.event_type, r.source, r.target) for r in doc._.relations] == [("COERCE", ["AZECOP"], ["AZEOPP"])]


def test_spaces_are_labelled_punct_after_the_parse():
    vocab = spacy.blank("en").vocab
    d = Doc(vocab, words=["Go", ".", "\n\n"], spaces=[False, False, False], heads=[0, 0, 0],
            deps=["ROOT", "punct", "parataxis"])
    assert [t.dep_ for t in label_spaces(d)] == ["ROOT", "punct", "punct"]
