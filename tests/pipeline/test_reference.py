"""Reference (``accord.pipeline.reference``): pronouns, definite noun phrases and possessives
resolve to a compatible antecedent (number, kind, recency), and stay unresolved when in doubt.

Run through the full engine (parser and all), reading the arguments the sentence views give and
the relations the pipeline writes: the rules serve the argument search, so that is what is tested.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from accord.lexicon import load_lexicon
from accord.pipeline.sentence import ClauseRules, analyse
from accord.pipeline.reference import NUMBERS, PLURAL, SINGULAR, is_own
from accord.pipeline.syntax import TreeView

ANCHOR = "2024-06-19"


@pytest.fixture(scope="module")
def rules():
    return ClauseRules(load_lexicon())


def run(nlp, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.date = ANCHOR
    return nlp(doc)


def role(nlp, rules, text: str, word: str, which: str = "subject") -> list[str]:
    """The codes of the subject (or object) the engine finds for the verb ``word`` of ``text``."""
    doc = run(nlp, text)
    for view in analyse(doc, rules, TreeView):
        for t in view.sent:
            if t.text == word:
                arg = view.subject(t.i) if which == "subject" else view.object(t.i + 1)
                return sorted(arg.codes) if arg is not None else []
    raise AssertionError(f"{word!r} not in {text!r}")


def relations(doc: Doc) -> set[tuple[int, tuple[str, ...], tuple[str, ...], str]]:
    return {(r.sent, tuple(r.source), tuple(r.target), r.event_type) for r in doc._.relations}


# -- numbered plural definites ---------------------------------------------------------------
@pytest.mark.parametrize("text, verb, codes", [
    ("Vladimir Putin met Xi Jinping in Moscow. Both leaders condemned the sanctions.", "condemned",
     ["CHNGOV", "RUSGOV"]),
    ("Putin met Erdogan in Sochi. The two leaders condemned the United States.", "condemned", ["RUSGOV", "TURGOV"]),
    ("Russia and China held talks in Beijing. The two governments agreed to expand trade.", "agreed",
     ["CHNGOV", "RUSGOV"]),
    ("North Korea and Russia signed a treaty. Both countries pledged to help each other.", "pledged", ["PRK", "RUS"]),
    ("Israel and Hamas agreed a ceasefire. Both sides accused Egypt of delays.", "accused", ["ISR", "PSEREB"]),
    ("Russia and Ukraine agreed to split the fleet, the two presidents announced.", "announced",
     ["RUSGOV", "UKRGOV"]),
])
def test_a_numbered_plural_stands_for_that_many_actors_named_before(nlp, rules, text, verb, codes) -> None:
    assert role(nlp, rules, text, verb) == codes


def test_a_numbered_plural_becomes_the_source_of_a_relation(nlp) -> None:
    doc = run(nlp, "Putin met Erdogan in Sochi. The two leaders condemned the United States.")
    assert (1, ("RUSGOV", "TURGOV"), ("USA",), "ACCUSE") in relations(doc)


@pytest.mark.parametrize("text, verb", [
    # the count does not match: three actors for "both"
    ("Russia, China and Iran held talks in Tehran. Both countries condemned the sanctions.", "condemned"),
    # two candidate pairs: which two?
    ("Russia and China met Iran and Turkey in Tehran. Both countries condemned the sanctions.", "condemned"),
    # no number: "the leaders" may be any leaders
    ("Putin met Erdogan in Sochi. The leaders condemned the sanctions.", "condemned"),
    # an indefinite phrase refers to no one
    ("Putin met Erdogan in Sochi. Two leaders condemned the sanctions.", "condemned"),
    # a described phrase names its own members
    ("Putin met Erdogan in Sochi. The two leaders of the opposition condemned the sanctions.", "condemned"),
    # the kind does not fit: people are no "countries" of their own, a group is no state
    ("Hamas and Hezbollah met in Beirut. Both countries condemned the sanctions.", "condemned"),
    # out of reach: two sentences back
    ("Putin met Erdogan in Sochi. The weather was cold. Both leaders condemned the sanctions.", "condemned"),
])
def test_a_numbered_plural_without_one_clear_antecedent_stays_unresolved(nlp, rules, text, verb) -> None:
    assert role(nlp, rules, text, verb) == []


def test_a_plural_never_stands_for_its_own_verbs_subject(nlp, rules) -> None:
    text = "Fighting spread to Omdurman, as Saudi and American envoys pressed both sides to commit to a truce."
    assert role(nlp, rules, text, "pressed", "object") == []


# -- possessives ---------------------------------------------------------------------------------
def test_their_takes_a_coordinated_group_and_the_heads_sector(nlp, rules) -> None:
    assert role(nlp, rules, "Russia and China said their armies would hold drills.", "hold") == ["CHNMIL", "RUSMIL"]
    # across a sentence: the whole coordinated group, not its last member
    assert role(nlp, rules, "Russia and China announced joint exercises. Their navies will patrol the Pacific.",
                "patrol") == ["CHNMIL", "RUSMIL"]


def test_its_and_his_take_the_one_antecedent_of_the_sentence(nlp, rules) -> None:
    assert role(nlp, rules, "Russia said its troops would leave Syria.", "leave") == ["RUSMIL"]
    assert role(nlp, rules, "Prime Minister Manasseh Sogavare said his government would not allow China to build "
                            "a base.", "allow") == ["SLBGOV"]


def test_a_possessive_with_two_candidates_stays_unresolved(nlp, rules) -> None:
    text = "Mexico broke off relations with Ecuador on Saturday, its foreign ministry said."
    assert role(nlp, rules, text, "said") == []


def test_their_never_stands_for_a_lone_state(nlp, rules) -> None:
    text = "Kabila met Kagame on Congolese soil, and they agreed that their armies would hunt the rebels."
    assert role(nlp, rules, text, "hunt") == []


# -- singular definites ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, verb, codes", [
    ("Hamas fired rockets at Israel on Tuesday. The group also threatened to attack Tel Aviv.", "threatened",
     ["PSEREB"]),
    ("Russia's foreign ministry summoned the British ambassador. The ministry accused Britain of espionage.",
     "accused", ["RUSGOV"]),
    ("Tonga's public servants ended a strike after the government agreed to pay rises.", "agreed", ["TONGOV"]),
    ("NATO held a summit in Vilnius. The alliance condemned Russia.", "condemned", ["IGOWSTNAT"]),
])
def test_a_singular_definite_stands_for_the_one_compatible_actor(nlp, rules, text, verb, codes) -> None:
    assert role(nlp, rules, text, verb) == codes


@pytest.mark.parametrize("text, verb", [
    ("Iran criticized Saudi Arabia. The government also condemned the United States.", "condemned"),
    ("Hamas fired rockets at Israel. A group condemned the strikes.", "condemned"),
    ("Hamas fired rockets at Israel. The group of experts condemned the strikes.", "condemned"),
])
def test_a_singular_definite_with_no_single_antecedent_stays_unresolved(nlp, rules, text, verb) -> None:
    assert role(nlp, rules, text, verb) == []


# -- pronouns and data -----------------------------------------------------------------------------
def test_pronouns_keep_resolving(nlp, rules) -> None:
    assert role(nlp, rules, "North Korea denied that it supplied weapons to Russia.", "supplied") == ["PRK"]
    assert role(nlp, rules, "Putin arrived in Pyongyang. He signed a treaty with Kim Jong Un.", "signed") == ["RUSGOV"]


def test_is_own_tells_sides_apart_by_sector() -> None:
    assert is_own(["RUSMIL"], {"RUS"}) and not is_own(["UKR"], {"RUS"})
    assert not is_own(["RUSOPP"], {"RUSGOV"})


def test_the_word_lists_are_data() -> None:
    assert NUMBERS["both"] == 2 and PLURAL["navies"].code == "MIL" and SINGULAR["group"].code == "same"
    assert PLURAL["leaders"].persons_own and "person" in PLURAL["leaders"].takes


@pytest.mark.parametrize("text, verb", [
    # the clause's own subject is the possessor, and it names no actor we know
    # one person is no "their"
    ("The South Korean president said their leaders would meet again.", "meet"),
])
def test_a_possessive_whose_possessor_is_unknown_stays_unresolved(nlp, rules, text, verb) -> None:
    assert role(nlp, rules, text, verb) == []


def test_a_possessive_defers_to_its_clauses_subject(nlp, rules) -> None:
    """"the junta dissolved its government": the junta's, which we cannot code; never Russia's."""
    doc = run(nlp, "After talks with Russia, the junta dissolved its government.")
    for view in analyse(doc, rules, TreeView):
        government = next(t for t in view.sent if t.text == "government")
        assert view.phrase(government) is None


@pytest.mark.parametrize("text, verb", [
    # an unknown name may be one of the two sides
    ("Guatemala's government and Zorblat rebels signed an accord, and both sides condemned the attack.", "condemned"),
    # a UN official and the UN are one actor, not two
    ("UN Secretary-General Antonio Guterres met reporters, and both sides condemned the attack.", "condemned"),
])
def test_both_sides_need_two_known_actors(nlp, rules, text, verb) -> None:
    assert role(nlp, rules, text, verb) == []


def test_a_modifier_naming_another_body_blocks_a_singular_definite(nlp, rules) -> None:
    text = "New Zealand suspended funding on Thursday. The island government condemned the decision."
    assert role(nlp, rules, text, "condemned") == []


def test_them_stands_for_people_named_by_a_plural_noun_not_a_singular_one(nlp) -> None:
    doc = run(nlp, "Zambian officials met Malawi's envoy on Monday. Thousands of students gathered outside "
                   "the government offices in Lusaka, demanding lower fees; police detained dozens of them.")
    assert (("ZMBCOP",), ("ZMBEDU",), "COERCE") in {(s, t, e) for _, s, t, e in relations(doc)}


def test_members_of_a_referring_phrase_take_its_countries(nlp) -> None:
    """"The foreign ministers of the two countries met": the two countries named before, as governments."""
    doc = run(nlp, "Venezuela expelled thousands of Colombians. "
                   "The foreign ministers of the two countries met in Cartagena on Wednesday.")
    met = {(tuple(r.source), tuple(r.target)) for r in doc._.relations if r.event_type == "CONSULT"}
    assert met == {(("VENGOV",), ("COLGOV",)), (("COLGOV",), ("VENGOV",))}
