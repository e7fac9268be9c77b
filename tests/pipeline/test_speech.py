"""What a report's words imply (accord.pipeline.speech): demands of others, threats made, intents."""
from __future__ import annotations

from spacy.tokens import Doc

from tests.pipeline._alone import run_engine as run


def relations(doc: Doc) -> list[tuple]:
    return [(r.event_type, r.source, r.target) for r in doc._.relations]


def test_a_demand_whose_act_is_no_event_is_a_request_of_the_one_who_must(nlp) -> None:
    """"X told Y it must pay its debts": PLOVER's REQUEST from the speaker to the one obliged, although
    "pay" is no event; a speaker's own obligation is a resolve, not a demand."""
    rows = relations(run(nlp, "Moscow told Kiev it must pay its gas debts in full before deliveries resume."))
    assert ("REQUEST", ["RUS"], ["UKR"]) in rows
    rows = relations(run(nlp, "Iran said the United States should lift its sanctions."))
    assert ("REQUEST", ["IRN"], ["USA"]) in rows
    assert not [r for r in relations(run(nlp, "Russia said it must defend its borders.")) if r[0] == "REQUEST"]


def test_a_threat_is_reported_when_it_is_made(nlp) -> None:
    """"would respond with force": the future is the threat's own, so the THREATEN is reported."""
    doc = run(nlp, "Hanoi said it would respond with force if its ships were attacked.")
    assert [(r.event_type, r.status) for r in doc._.relations if r.event_type == "THREATEN"] == [("THREATEN", "reported")]


def test_saying_one_will_not_act_is_a_refusal_not_a_denial(nlp) -> None:
    """"Iran would not release the sailors" looks forward: a REJECT (the act refused gives the mode), and
    the claim asserts; "had never provided" looks back: a denial; "did not send" a negated act."""
    doc = run(nlp, "Iranian officials said Iran would not release the sailors.")
    assert [(r.event_type, r.mode, r.status) for r in doc._.relations] == [("REJECT", "yield", "reported")]
    assert [c.stance for c in doc._.claims] == ["assert"]
    doc = run(nlp, "Beijing said it had never provided weapons to Russia.")
    assert [(r.event_type, r.status) for r in doc._.relations] == [("AID", "denied")]
    doc = run(nlp, "Russia did not send troops to Syria.")
    assert [(r.event_type, r.status) for r in doc._.relations] == [("AID", "negated")]


def test_a_coercive_act_held_out_if_something_happens_is_a_threat(nlp) -> None:
    doc = run(nlp, "Russia could cut gas deliveries to Moldova if it joins the alliance.")
    assert ("THREATEN", ["RUS"], ["MDA"]) in relations(doc)
    doc = run(nlp, "Russia could cut gas deliveries to Moldova.")  # no condition: a possibility, no threat
    assert "THREATEN" not in [r[0] for r in relations(doc)]
