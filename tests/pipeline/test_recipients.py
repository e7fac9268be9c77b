"""The recipient PLOVER's coding gives an act whose sentence names none (accord.pipeline.recipients)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from accord import build_pipeline
from accord.lexicon import load_lexicon
from accord.pipeline.recipients import default_recipient

STATES = frozenset({"ARM", "CHN", "PRK", "MLI", "FRA"})


@dataclass
class Act:
    event_type: str
    source: list[str]
    target: list[str] = field(default_factory=list)
    location_country: str | None = None


@pytest.fixture(scope="module")
def coding():
    return load_lexicon().rules


def test_coercion_falls_on_the_actors_own_country(coding):
    act = Act("COERCE", ["ARMGOV"])
    default_recipient(act, coding, STATES)
    assert act.target == ["ARM"]
    igo = Act("COERCE", ["IGOUNO"])
    default_recipient(igo, coding, STATES)
    assert igo.target == []  # an organisation has no country of its own


def test_a_consultation_abroad_is_received_by_its_host(coding):
    visit = Act("CONSULT", ["CHNGOV"], location_country="PRK")
    default_recipient(visit, coding, STATES)
    assert visit.target == ["PRK"]
    at_home = Act("CONSULT", ["FRAGOV"], location_country="FRA")
    default_recipient(at_home, coding, STATES)
    assert at_home.target == []


def test_a_named_recipient_and_other_categories_are_left_alone(coding):
    named = Act("COERCE", ["ARMGOV"], ["ARMOPP"])
    default_recipient(named, coding, STATES)
    assert named.target == ["ARMOPP"]
    attack = Act("ASSAULT", ["MLIMIL"], location_country="MLI")
    default_recipient(attack, coding, STATES)
    assert attack.target == []


def test_through_the_pipeline():
    nlp = build_pipeline()
    found = []
    for text in ("In Yerevan, the government declared martial law on Monday.",
                 "Chinese Foreign Minister Wang Yi arrived in Pyongyang on Friday for a two-day visit."):
        doc = nlp.make_doc(text)
        doc._.date = "2020-09-29"
        found += [(r.event_type, r.source, r.target) for r in nlp(doc)._.relations]
    assert ("COERCE", ["ARMGOV"], ["ARM"]) in found and ("CONSULT", ["CHNGOV"], ["PRK"]) in found


def test_a_recipient_named_only_in_the_clausal_complement():
    nlp = build_pipeline()
    doc = nlp.make_doc("Pakistan's army warned that it would respond with force to any Indian aggression.")
    doc._.date = "2019-02-20"
    assert [(r.event_type, r.source, r.target) for r in nlp(doc)._.relations] == [("THREATEN", ["PAKMIL"], ["IND"])]
