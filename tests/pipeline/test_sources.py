"""Sources (accord.pipeline.sources): who makes a claim (:func:`claim_source`) and who does an event
(:func:`event_source`), asked of the parsed engine's sentence views; the two are independent."""
from __future__ import annotations

from accord.pipeline import claims as claims_module
from accord.pipeline.sentence import Arg
from accord.pipeline.sources import ClaimSource, claim_source, event_source
from tests.pipeline._alone import run_engine as run


def view_at(doc, word: str):
    """The view of the sentence holding ``word``, and the word's token index."""
    i = next(t.i for t in doc if t.text == word)
    return next(v for v in doc._.sentences if v.start <= i < v.end), i


def test_a_claims_source_is_the_subject_or_a_passives_agent(nlp) -> None:
    view, i = view_at(run(nlp, "Iran accused Israel of sabotage."), "accused")
    found = claim_source(view, i, i + 1, "verb", inverts=False)
    assert found.arg.codes == ["IRN"] and not found.inverted and found.about is None
    view, i = view_at(run(nlp, "Israel was accused by Iran of sabotage."), "accused")
    found = claim_source(view, i, i + 1, "verb", inverts=False)
    assert found.arg.codes == ["IRN"] and found.about.codes == ["ISR"]


def test_a_claims_source_may_follow_a_verb_that_inverts(nlp) -> None:
    view, i = view_at(run(nlp, "“We will respond,” said Vladimir Putin."), "said")
    found = claim_source(view, i, i + 1, "verb", inverts=True)
    assert found.arg.codes == ["RUSGOV"] and found.inverted
    assert claim_source(view, i, i + 1, "verb", inverts=False) is None or not \
        claim_source(view, i, i + 1, "verb", inverts=False).inverted


def test_an_events_source_and_target_from_active_passive_and_converse_verbs(nlp) -> None:
    rules = nlp.get_pipe("accord_relations").coding
    supply = next(t for t in nlp.get_pipe("accord_relations").triggers["supplied"] if t.pos == "verb")
    view, i = view_at(run(nlp, "Iran supplied drones to Russia."), "supplied")
    roles = event_source(view, i, i + 1, "verb", supply, rules)
    assert (roles.source.codes, roles.target.codes, roles.reported) == (["IRN"], ["RUS"], True)
    view, i = view_at(run(nlp, "Drones were supplied to Russia by Iran."), "supplied")
    roles = event_source(view, i, i + 1, "verb", supply, rules)
    assert (roles.source.codes, roles.target.codes) == (["IRN"], ["RUS"])
    roles = event_source(view, i, i + 1, "verb", supply, rules, converse=True)
    assert (roles.source.codes, roles.target.codes) == (["RUS"], ["IRN"])


def test_a_nominal_events_sides_between_two_actors(nlp) -> None:
    relations = nlp.get_pipe("accord_relations")
    talks = next(t for t in relations.triggers["talks"] if t.pos == "noun")
    view, i = view_at(run(nlp, "The talks between Egypt and Ethiopia ended without agreement."), "talks")
    roles = event_source(view, i, i + 1, "noun", talks, relations.coding)
    assert (roles.source.codes, roles.target.codes) == (["EGY"], ["ETH"])


def test_a_change_to_claim_sources_does_not_move_event_sources(nlp, monkeypatch) -> None:
    """Events keep their doers when the claims component finds other speakers."""
    text = ("Officials in Kyiv said Russia had fired missiles at Odesa. "
            "The minister accused Moscow of shelling the port, and Turkey sent aid to Ukraine.")
    def sources(doc):
        return {(r.trigger_start, r.event_type): r.source for r in doc._.relations}

    def speakers(doc):
        return [(c.cue, c.source) for c in doc._.claims]
    first = run(nlp, text)
    before = sources(first)
    # every cue of the lexicon now names one made-up speaker
    monkeypatch.setattr(claims_module, "claim_source", lambda view, s, e, pos, inverts: ClaimSource(Arg(["ZZZ"], s, s + 1)))
    doc = run(nlp, text)
    assert ["ZZZ"] in [c.source for c in doc._.claims] and speakers(doc) != speakers(first)
    after = sources(doc)
    shared = before.keys() & after.keys()
    assert len(shared) >= 2 and all(before[k] == after[k] for k in shared)
