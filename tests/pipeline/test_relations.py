"""The relations component (accord.pipeline.relations, ``accord_relations``): who did what to whom, coded.

The component alone (``doc._.relations`` from the mentions, dates and claims, by word order): the
status the words around an act give it, the act given back in an exchange, and a speaker's denial of its
own act (:mod:`accord.pipeline.reported`, the component's last step). Then its rules through
the parsed pipeline (engine v2): joint acts, and reports that are no act. Where an event happened and
the date its own clause gives have files of their own (``test_location.py``, ``test_event_dates.py``);
the arguments the parse gives are in ``test_syntax.py``, the learned parts in ``test_learned.py`` and
``test_argmodel.py``.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tests.pipeline._alone import run as run_alone, run_engine as run, small_nlp

RELATIONS_ALONE = ("accord_actors", "accord_dates", "accord_sentences", "accord_claims", "accord_relations")


@pytest.fixture(scope="module")
def alone():
    return small_nlp(*RELATIONS_ALONE)


def relations(doc: Doc) -> list[tuple]:
    return [(r.event_type, r.source, r.target) for r in doc._.relations]


# -- the component alone (word order) -------------------------------------------------------------

def test_relations_assign_coded_events_with_status_and_date() -> None:
    doc = run_alone(small_nlp("accord_actors", "accord_dates", "accord_sentences", "accord_claims", "accord_relations"))
    rows = [(r.source, r.target, r.event_type, r.status, r.date) for r in doc._.relations]
    assert (["RUS"], ["PRK"], "AID", "reported", "2024-05") in rows
    assert (["PRK"], ["RUS"], "AID", "denied", "2023-09") in rows  # the denial's content
    [denial] = [r for r in doc._.relations if r.status == "denied"]
    assert doc._.claims[denial.claim].stance == "deny"


@pytest.mark.parametrize("text, status", [
    ("Russia sent troops to Syria.", "reported"),
    ("Russia did not send troops to Syria.", "negated"),
    ("Russia allegedly sent troops to Syria.", "alleged"),
    ("Russia could send troops to Syria.", "hypothetical"),
    ("Russia will send troops to Syria.", "planned"),
])
def test_the_words_around_an_act_give_its_status(alone, text: str, status: str) -> None:
    doc = run_alone(alone, text)
    assert [(r.source, r.target, r.status) for r in doc._.relations] == [(["RUS"], ["SYR"], status)]


def test_what_is_given_in_exchange_is_an_act_the_other_way(alone) -> None:
    doc = run_alone(alone, "North Korea supplied weapons to Russia in exchange for economic aid.")
    assert [(r.event_type, r.source, r.target, r.context) for r in doc._.relations] == [
        ("AID", ["PRK"], ["RUS"], "military"), ("AID", ["RUS"], ["PRK"], "economic")]


def test_a_source_saying_it_never_did_an_act_denies_it(alone) -> None:
    """The last step (accord.pipeline.reported): a negated act of the speaker's own is a denial, another's is not."""
    doc = run_alone(alone, "China said it had never provided weapons to Russia.")
    assert [(c.stance, c.relations) for c in doc._.claims] == [("deny", [0])]
    assert [(r.source, r.target, r.status) for r in doc._.relations] == [(["CHN"], ["RUS"], "denied")]
    doc = run_alone(alone, "China said Russia had never provided weapons to Iran.")
    assert [c.stance for c in doc._.claims] == ["assert"]
    assert [(r.source, r.status) for r in doc._.relations] == [(["RUS"], "negated")]


# -- the relations' rules through the parse -------------------------------------------------------

@pytest.mark.parametrize("text, a, b, event", [
    ("Putin and Pezeshkian signed a treaty.", "RUSGOV", "IRNGOV", "SUPPORT"),
    ("Putin and Xi met in Beijing.", "RUSGOV", "CHNGOV", "CONSULT"),
    ("China and Russia held joint naval exercises.", "CHN", "RUS", "COOPERATE"),
])
def test_a_joint_act_is_coded_both_ways(nlp, text, a, b, event):
    rels = relations(run(nlp, text, date="2025-01-17"))  # Pezeshkian is president from July 2024
    assert (event, [a], [b]) in rels and (event, [b], [a]) in rels


def test_backing_something_together_is_not_a_joint_act(nlp):
    # SUPPORT is joint only through the trigger lemmas the rule lists (sign, ratify ...)
    rels = relations(run(nlp, "Russia and China backed the resolution."))
    assert not any(src == ["RUS"] and tgt == ["CHN"] for _, src, tgt in rels)


def test_a_reporting_word_after_its_content_is_no_material_act(nlp):
    doc = run(nlp, "Dozens of missiles were delivered to Russia by North Korea in 2023, a UN sanctions monitor found.")
    assert relations(doc) == [("AID", ["PRK"], ["RUS"])]
