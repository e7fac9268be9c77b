"""The learned argument model (accord.pipeline.argmodel) and how the relations component falls back on it."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from accord.errors import AccordError
from accord.paths import ARGUMENT_MODEL
from accord.pipeline import argmodel
from accord.pipeline.eventmodel import EventModel
from accord.pipeline.predicates import Parsed


def _relations(nlp, text: str, arguments: float | None = None) -> list[tuple]:
    rel = nlp.get_pipe("accord_relations")
    before = rel.learned
    if arguments is not None:
        rel.learned = replace(before, arguments=arguments)
    try:
        doc = nlp(text)
    finally:
        rel.learned = before
    return [(r.source, r.event_type, r.target, doc[r.trigger_start].text) for r in doc._.relations]


def test_the_path_runs_up_to_the_common_head_and_down(nlp):
    doc = nlp("Ghana's president thanked Nigeria for the fuel shipments sent to Accra.")
    p = Parsed.of(doc)
    sent, thanked, nigeria, accra = 9, 3, 4, 11
    assert [t.text for t in (doc[sent], doc[thanked], doc[nigeria], doc[accra])] == ["sent", "thanked", "Nigeria", "Accra"]
    assert argmodel.dep_path(p, thanked, nigeria) == ("", "obj", True)
    ups, downs, under = argmodel.dep_path(p, sent, nigeria)
    assert not under and ups and downs.endswith("obj")  # up from the participle, down to the object
    assert argmodel.dep_path(p, sent, accra) == ("", "obl", True)


def test_candidates_leave_out_the_trigger_and_other_sentences(nlp):
    doc = nlp("Chile protested. Peru recalled its envoy from Chile.")
    p = Parsed.of(doc)
    second = list(doc.sents)[1]
    cands = argmodel.candidates(p, doc._.mentions, (second.start, second.end), (4, 5))
    assert [doc[c.start:c.end].text for c in cands] == ["Peru", "Chile"]


def test_the_shipped_model_is_checked_and_has_the_three_roles():
    model = EventModel.load(ARGUMENT_MODEL)
    assert set(model.classes) == set(argmodel.ROLES)
    wrong = EventModel(["NONE", "AID"], ["bias"], np.zeros((1, 2), np.float32), np.zeros(2, np.float32))
    with pytest.raises(AccordError, match="classes"):
        argmodel.ArgumentModel(wrong)


def test_a_role_the_rules_leave_empty_is_filled_from_the_model(nlp):
    # a reduced relative: the parse rules find no subject for "sent"; the model reads Nigeria as its source
    text = "Ghana's president thanked Nigeria for the fuel shipments sent to Accra last winter."
    assert (["NGA"], "AID", ["GHA"], "sent") in _relations(nlp, text)
    # without the model the rules give the agentless passive no source (coding rule agentless_events)
    assert [r for r in _relations(nlp, text, arguments=1.0) if r[3] == "sent"] == [([], "AID", ["GHA"], "sent")]


def test_a_verb_of_one_actor_stands_without_a_recipient(nlp):
    text = "Chilean rebels attacked at dawn, the army said."
    assert (["CHLREB"], "ASSAULT", [], "attacked") in _relations(nlp, text)
    assert _relations(nlp, text, arguments=1.0) == []  # without the model's look for a recipient, no event


def test_a_noun_object_of_a_verb_of_its_category_is_the_verbs_event(nlp):
    rels = _relations(nlp, "Japan flew medical supplies to Fiji on Friday after the cyclone.")
    assert [r for r in rels if r[1] == "AID"] == [(["JPN"], "AID", ["FJI"], "flew")]


def test_the_model_never_puts_the_same_actors_in_both_roles(nlp):
    # at a low threshold the model offers "The leaders of Japan and South Korea" as the target of "their meeting"
    for source, _, target, _ in _relations(nlp, "The leaders of Japan and South Korea held talks in Tokyo on Friday, "
                                                "their second meeting this year.", arguments=0.5):
        assert set(source) != set(target)
