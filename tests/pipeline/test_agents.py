"""Bare agent nouns take their country from the text, and sectors tell a country's sides apart
(accord.pipeline.agents, accord.pipeline.reference.is_own): PLOVER's domestic events."""
from __future__ import annotations

import pytest

from accord.pipeline.agents import bare_agents, context_country, dateline_country
from accord.pipeline.reference import is_own

WORDS = "police in cairo fired on demonstrators".split()


def test_a_country_right_after_in_of_or_from_comes_first():
    coded = [(2, 3, "EGY"), (8, 9, "LBY")]
    assert context_country(0, 1, (0, 10), coded, WORDS + [""] * 5, "LBY") == "EGY"


def test_else_the_one_country_of_the_sentence_else_the_documents():
    words = ["x"] * 20
    assert context_country(3, 4, (0, 10), [(0, 1, "TUR")], words, "GRC") == "TUR"
    assert context_country(3, 4, (0, 10), [(12, 13, "TUR")], words, "GRC") == "GRC"  # the sentence names none
    assert context_country(3, 4, (0, 10), [(0, 1, "TUR"), (6, 7, "GRC")], words, "GRC") == "GRC"  # among them
    assert context_country(3, 4, (0, 10), [(0, 1, "TUR"), (6, 7, "GRC")], words, "CYP") is None  # two: no guess
    assert context_country(3, 4, (0, 10), [], words, None) is None


def test_a_subject_among_several_countries_takes_the_first_an_object_none():
    words = ["x"] * 20
    coded = [(6, 7, "GRC"), (1, 2, "TUR")]
    assert context_country(3, 4, (0, 10), coded, words, None, subject=True) == "TUR"
    assert context_country(3, 4, (0, 10), coded, words, None, subject=False) is None


def test_only_uncovered_agents_of_the_listed_sectors_are_bare():
    agents = [(0, 1, "COP"), (4, 5, "GOV"), (7, 8, "CVL")]
    covered = {7}.__contains__
    assert bare_agents(agents, covered, frozenset({"COP", "CVL"})) == [(0, 1, "COP")]


@pytest.mark.parametrize("codes, source, own", [
    (["RUSMIL"], {"RUS"}, True),  # "Russia withdrew its troops"
    (["RUSMIL"], {"RUSGOV"}, True),  # a government's troops are sent, not targets
    (["RUS"], {"RUSGOV"}, True),
    (["EGYOPP"], {"EGYCOP"}, False),  # police against protesters
    (["TURGOV"], {"TURJUD"}, False),  # a court against a minister
    (["TUROPP"], {"TURGOV"}, False),
    (["UKR"], {"RUS"}, False),
    (["RUSGOV"], None, False),
])
def test_the_same_country_is_its_own_side_unless_the_sectors_differ(codes, source, own):
    assert is_own(codes, source) is own


def _coded(nlp, text: str) -> tuple[dict[str, list[str]], list[tuple]]:
    doc = nlp.make_doc(text)
    doc._.date = "2020-01-01"
    doc = nlp(doc)
    return ({doc[m.start:m.end].text: m.codes for m in doc._.mentions},
            [(r.event_type, r.source, r.target) for r in doc._.relations])


def test_domestic_events_are_coded_between_sectors(nlp):
    mentions, rels = _coded(nlp, "Egyptian police opened fire to disperse Moslem fundamentalist demonstrators on Monday.")
    assert mentions["demonstrators"] == ["EGYCVL"]
    assert ("ASSAULT", ["EGYCOP"], ["EGYCVL"]) in rels
    _, rels = _coded(nlp, "The Turkish government arrested opposition leaders.")
    assert ("COERCE", ["TURGOV"], ["TUROPP"]) in rels


def test_a_bare_government_and_a_subjects_side_take_their_country(nlp):
    mentions, rels = _coded(nlp, "Crowds marched through Lusaka on Monday, and the government banned the rally.")
    assert mentions["Crowds"] == ["ZMBCVL"] and mentions["government"] == ["ZMBGOV"]
    mentions, _ = _coded(nlp, "Chile recalled its envoy from Lima, where troops had surrounded the embassy.")
    assert mentions["troops"] == ["CHLMIL"]  # the subject: the first country its sentence names


def test_modifiers_and_referring_phrases_are_not_bare_agents(nlp):
    mentions, _ = _coded(nlp, "Kenya said its military campaign in Somalia would go on.")
    assert "military" not in mentions
    mentions, _ = _coded(nlp, "Ghana and Togo met in Accra, and both armies withdrew from the border.")
    assert mentions.get("armies") != ["GHAMIL"]  # reference, not the first country, decides "both armies"


def test_officials_with_no_country_still_name_nobody(nlp):
    mentions, _ = _coded(nlp, "Officials said the talks with Egypt went well.")
    assert "Officials" not in mentions



@pytest.mark.parametrize("text, country", [
    ("Border tension rises\n\nCARACAS, Aug 14 - Police dispersed a crowd on Friday.", "VEN"),
    ("ADDIS ABABA, May 3 (Reuters) - Police detained ten students.", "ETH"),
    ("Police dispersed a crowd in the capital on Friday.", None),   # no dateline
    ("NATO, the alliance, met on Friday.", None),                   # capitals that name no place
])
def test_a_wire_storys_dateline_gives_its_country(nlp, text, country):
    doc = nlp.make_doc(text)
    doc._.date = "2020-01-01"
    assert dateline_country(nlp(doc)) == country


def test_a_bare_agent_in_a_story_of_two_countries_takes_the_datelines(nlp):
    """Named as often as each other, neither country is the story's; its dateline says where it happens."""
    text = ("Venezuela and Colombia trade charges\n\nCARACAS, Aug 14 - Venezuela accused Colombia of a provocation. "
            "Colombia denied it.\n\nPolice dispersed the crowd with tear gas and arrested twenty people.")
    doc = nlp.make_doc(text)
    doc._.date = "1987-08-14"
    doc = nlp(doc)
    police = next(m for m in doc._.mentions if doc[m.start].text == "Police")
    assert police.codes == ["VENCOP"]
