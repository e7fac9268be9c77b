"""How the relations component uses the event model (accord.pipeline.learned): retype, veto, add."""
from __future__ import annotations

import pytest

from accord import build_pipeline
from accord.lexicon import Trigger, load_lexicon
from accord.pipeline.eventmodel import Predicate
from accord.pipeline.learned import LearnedSettings, category_cameo, judge, model_triggers
from accord.pipeline.relation import Relation


def _rel(event_type: str = "AID") -> Relation:
    return Relation(0, 0, 3, 1, 2, ["RUS"], ["PRK"], event_type, None, None, "070", "reported", None, None)


def _pred(category: str, p: float, p_none: float, **others: float) -> Predicate:
    return Predicate(1, category, p, p_none, tuple(others.items()))


@pytest.fixture(scope="module")
def cameo() -> dict[str, str]:
    return category_cameo(load_lexicon())


def test_every_category_has_a_cameo_code_the_lexicon_knows(cameo):
    lexicon = load_lexicon()
    assert {t for t, _ in lexicon.plover} <= set(cameo)
    assert all(code in lexicon.cameo for code in cameo.values())
    assert cameo["ASSAULT"][:2] in ("18", "19", "20") and cameo["CONSULT"][:2] == "04"


def test_retype_needs_the_margin(cameo):
    settings = LearnedSettings(retype=0.6, veto=1.0, add=0.0)
    rel = _rel("AID")
    assert judge(rel, [_pred("MOBILIZE", 0.67, 0.0, AID=0.21)], settings, cameo, [])
    assert rel.event_type == "AID"  # 0.46 more probable: not enough
    assert judge(rel, [_pred("MOBILIZE", 0.9, 0.0, AID=0.05)], settings, cameo, [])
    assert rel.event_type == "MOBILIZE" and rel.cameo == cameo["MOBILIZE"] and rel.mode is None


def test_a_retyped_trigger_keeps_the_lexicons_code_for_that_category(cameo):
    entry = Trigger("sanction", "verb", ("sanctioned",), "163", "SANCTION", "discontinue", None)
    rel = _rel("COERCE")
    judge(rel, [_pred("SANCTION", 0.95, 0.0)], LearnedSettings(retype=0.6), cameo, [entry])
    assert (rel.event_type, rel.mode, rel.cameo) == ("SANCTION", "discontinue", "163")


def test_veto_drops_only_what_the_model_confidently_reads_as_no_event(cameo):
    settings = LearnedSettings(retype=1.0, veto=0.9, add=0.0)
    assert not judge(_rel(), [_pred("AID", 0.05, 0.95)], settings, cameo, [])
    assert judge(_rel(), [_pred("AID", 0.2, 0.8)], settings, cameo, [])
    assert judge(_rel(), [], settings, cameo, [])  # no prediction: the rule stands


def test_the_most_eventlike_word_of_a_multiword_trigger_decides(cameo):
    rel = _rel("AID")
    judge(rel, [_pred("CONSULT", 0.3, 0.7), _pred("ASSAULT", 0.95, 0.01)], LearnedSettings(retype=0.6), cameo, [])
    assert rel.event_type == "ASSAULT"


def test_model_triggers_skip_covered_words_and_weak_readings(cameo):
    nlp = build_pipeline(events=False)
    doc = nlp.make_doc("Police rounded up protesters and students marched.")
    doc = nlp(doc)
    preds = {1: Predicate(1, "COERCE", 0.8, 0.1), 6: Predicate(6, "PROTEST", 0.45, 0.4)}
    found = model_triggers(doc, preds, covered=set(), settings=LearnedSettings(add=0.5), cameo=cameo)
    assert [(i, t.event_type, t.pos, t.cameo) for i, t in found] == [(1, "COERCE", "verb", cameo["COERCE"])]
    assert model_triggers(doc, preds, covered={1}, settings=LearnedSettings(add=0.5), cameo=cameo) == []
    assert [i for i, _ in model_triggers(doc, preds, set(), LearnedSettings(add=0.4), cameo)] == [1, 6]


def test_the_engine_codes_an_event_no_lexicon_trigger_names():
    text = "Police in Lagos rounded up dozens of protesters on Monday."
    out = {}
    for name, nlp in (("rules", build_pipeline(events=False)), ("v3", build_pipeline())):
        doc = nlp.make_doc(text)
        doc._.date = "2024-03-01"
        out[name] = [(r.event_type, r.source, r.target) for r in nlp(doc)._.relations]
    assert out["rules"] == []
    assert ("COERCE", ["NGACOP"], ["NGACVL"]) in out["v3"]
