"""The pipeline's assembly (accord.pipeline.factories): the registered components, the run-on sentence splitter
(``accord_long_sentences``) and the whole order that ``build_pipeline`` makes.

Each component alone has its file: ``test_actors.py``, ``test_dates.py``, ``test_claims.py``,
``test_relations.py`` (with the small nlp of ``tests/pipeline/_alone.py``, as spaCy's own tests/pipeline/ do).
"""
from __future__ import annotations

import pytest
from spacy.language import Language

from accord import build_pipeline
from accord.errors import AccordError
from accord.pipeline.factories import MAX_SENTENCE
from tests.pipeline._alone import run, small_nlp


def test_long_sentences_are_cut_into_pieces_the_clause_analysis_can_afford() -> None:
    nlp = small_nlp("accord_long_sentences")
    doc = nlp(" ".join(["word"] * (3 * MAX_SENTENCE)) + ".")
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE
    assert len(list(doc.sents)) >= 3


def test_long_sentences_prefer_to_cut_after_a_comma() -> None:
    words = ["word"] * (MAX_SENTENCE - 10) + [","] + ["word"] * MAX_SENTENCE
    doc = small_nlp("accord_long_sentences")(" ".join(words))
    assert doc[MAX_SENTENCE - 9].is_sent_start


NAMES = ["North Korea", "Kim Jong Un", "the UN Security Council", "US and South Korean officials",
         "North Korean leader Kim Jong Un", "Vladimir Putin", "Pavel Grushko", "the foreign minister"]


def test_long_sentences_are_never_cut_inside_a_mention_or_a_name(monkeypatch) -> None:
    """A name placed across the cap, at every offset: the mentions are those of the uncut text."""
    from accord.pipeline import factories

    nlp = small_nlp("accord_long_sentences", "accord_actors")
    filler = "talks went on and the weapons were sent that".split()
    texts = [" ".join(filler[i % len(filler)] for i in range(MAX_SENTENCE - k)) + f" {name} said so " +
             " ".join(filler * 5) + "." for name in NAMES for k in range(1, 7)]
    docs = [run(nlp, t) for t in texts]
    assert all(len(list(d.sents)) > 1 for d in docs)
    cut = [[(m.start, m.end, m.codes) for m in d._.mentions] for d in docs]
    monkeypatch.setattr(factories, "MAX_SENTENCE", 10 ** 6)
    whole = [[(m.start, m.end, m.codes) for m in run(nlp, t)._.mentions] for t in texts]
    assert cut == whole
    for d in docs:
        for m in d._.mentions:
            assert not any(d[k].is_sent_start for k in range(m.start + 1, m.end))


@pytest.mark.parametrize("name", ["accord_actors", "accord_dates", "accord_sentences", "accord_claims", "accord_relations"])
def test_every_component_declares_what_it_assigns(name: str) -> None:
    meta = Language.get_factory_meta(name)
    assert meta.assigns, name


def test_the_full_pipeline_meets_every_requirement_in_order() -> None:
    analysis = build_pipeline().analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(AccordError, match="no trained parser"):
        build_pipeline(model=tmp_path)
