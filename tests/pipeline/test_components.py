"""Each pipeline component alone: a small nlp with the component and what it requires, then what it assigns.

Modelled on spaCy's own tests/pipeline/: the real components over the packaged
lexicon, no mocks. A component that is missing from the pipeline assigns nothing,
so each test also shows which attribute belongs to which component.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import accord.pipeline  # noqa: F401 -- registers the factories
from accord import build_pipeline
from accord.pipeline.factories import MAX_SENTENCE

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


def test_actors_assign_mentions_with_codes_and_nothing_else() -> None:
    doc = run(small_nlp("accord_actors"))
    assert [(doc[m.start:m.end].text, m.codes) for m in doc._.mentions] == [
        ("Russia", ["RUS"]), ("North Korea", ["PRK"]), ("North Korea", ["PRK"]), ("Russia", ["RUS"])]
    assert doc._.dates is None and doc._.claims is None and doc._.relations is None


def test_dates_resolve_relative_and_absolute_expressions_against_the_document_date() -> None:
    doc = run(small_nlp("accord_dates"))
    assert [(doc[t.start:t.end].text, t.value) for t in doc._.dates] == [
        ("last month", "2024-05"), ("September 2023", "2023-09")]
    assert doc._.mentions is None


def test_dates_without_a_document_date_keep_only_absolute_ones() -> None:
    doc = run(small_nlp("accord_dates"), date=None)
    values = {doc[t.start:t.end].text: t.value for t in doc._.dates}
    assert values["September 2023"] == "2023-09"
    assert values.get("last month") is None


def test_claims_need_mentions_and_assign_a_sourced_stance() -> None:
    doc = run(small_nlp("accord_actors", "accord_claims"))
    [claim] = doc._.claims
    assert (claim.cue, claim.stance, claim.source, claim.about) == ("denied", "deny", ["PRK"], ["RUS"])
    assert doc._.relations is None


def test_relations_assign_coded_events_with_status_and_date() -> None:
    doc = run(small_nlp("accord_actors", "accord_dates", "accord_claims", "accord_relations"))
    rows = [(r.source, r.target, r.event_type, r.status, r.date) for r in doc._.relations]
    assert (["RUS"], ["PRK"], "AID", "reported", "2024-05") in rows
    assert (["PRK"], ["RUS"], "AID", "denied", "2023-09") in rows  # the denial's content
    [denial] = [r for r in doc._.relations if r.status == "denied"]
    assert doc._.claims[denial.claim].stance == "deny"


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


@pytest.mark.parametrize("name", ["accord_actors", "accord_dates", "accord_claims", "accord_relations"])
def test_every_component_declares_what_it_assigns(name: str) -> None:
    meta = Language.get_factory_meta(name)
    assert meta.assigns, name


def test_the_full_pipeline_meets_every_requirement_in_order() -> None:
    analysis = build_pipeline().analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
