"""Engine v2: arguments read from the trained dependency parser (``syntax=True``, accord.pipeline.syntax).

The claims the parse finds are tested in ``test_claims.py``, the relations' own rules in ``test_relations.py``.

Real components throughout: the tagger and parser shipped in the package, the
packaged lexicon, accord's own pipeline components. The sentences are plain
news-style English whose parse is unambiguous.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from accord.paths import PARSER_MODEL
from accord.pipeline.syntax import TreeView
from tests.pipeline._alone import run_engine as run


def relations(doc: Doc) -> list[tuple]:
    return [(r.event_type, r.source, r.target) for r in doc._.relations]


def test_the_pipeline_runs_the_parser_after_the_sentence_splitters(nlp):
    names = nlp.pipe_names
    assert names.index("accord_long_sentences") < names.index("parser") < names.index("accord_actors")
    doc = run(nlp, "Russia supplied weapons to North Korea.")
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG")


def test_object_and_oblique_recipient_come_from_the_tree(nlp):
    doc = run(nlp, "Iran supplied drones to Russia.")
    assert ("AID", ["IRN"], ["RUS"]) in relations(doc)


def test_a_passive_agent_after_a_non_actor_subject(nlp):
    doc = run(nlp, "The missiles were delivered to North Korea by Russia.")
    assert ("AID", ["RUS"], ["PRK"]) in relations(doc)


def test_a_non_actor_object_is_not_replaced_by_a_neighbouring_actor(nlp):
    doc = run(nlp, "China praised the agreement, which Russia signed in Moscow.")
    assert not any(r.event_type == "SUPPORT" and r.target == ["RUS"] for r in doc._.relations)


def test_the_view_of_a_parsed_doc_reads_the_tree(nlp):
    doc = run(nlp, "Iran supplied drones to Russia.")
    view, = doc._.sentences
    verb = next(t for t in doc if t.lower_ == "supplied")
    assert isinstance(view, TreeView) and view.parsed and view.subject(verb.i).codes == ["IRN"]
    assert view.object(verb.i + 1).codes == ["RUS"]


def test_model_is_shipped_inside_the_package():
    assert (PARSER_MODEL / "config.cfg").is_file() and (PARSER_MODEL / "meta.json").is_file()


# -- frames that engine v2 reads from the tree (issue 10) ------------------------------------

@pytest.mark.parametrize("text, expected", [
    # object control: the accused does the act, in the active and the passive
    ("US officials accused North Korea of supplying Russia with artillery shells.", ("AID", ["PRK"], ["RUS"])),
    ("North Korea was accused by Ukraine of providing Russia with ballistic missiles.", ("AID", ["PRK"], ["RUS"])),
    ("British diplomats criticised China for supplying drone components to Russia.", ("AID", ["CHN"], ["RUS"])),
    # a relative clause's pronoun stands for the noun it modifies
    ("Russia violated UN Security Council sanctions that were endorsed by the Kremlin.", ("SUPPORT", ["RUSGOV"], ["IGOUNO"])),
    # a document's author makes the demand the document makes
    ("The UN General Assembly adopted a resolution demanding that Russia withdraw its troops.", ("REQUEST", ["IGOUNO"], ["RUS"])),
    # the goods are not the target; where they go is
    ("The United States accused Russia of firing North Korean ballistic missiles at Ukraine.", ("ASSAULT", ["RUS"], ["UKR"])),
    ("Iran supplied Shahed drones to Russia.", ("AID", ["IRN"], ["RUS"])),
    # a treaty's partner, whether the parser hangs it on the treaty or on the verb
    ("Moscow signed a mutual defence treaty with Pyongyang.", ("SUPPORT", ["RUS"], ["PRK"])),
    # condemning an act is about its doer
    ("Japan and South Korea condemned North Korea's latest ballistic missile launch.", ("ACCUSE", ["JPN", "KOR"], ["PRK"])),
])
def test_engine_v2_frames(nlp, text, expected):
    assert expected in relations(run(nlp, text))


@pytest.mark.parametrize("text, expected", [
    # a light verb far from its noun, past a possessive and three modifiers
    ("Kuwait and the United States held their first joint amphibious exercise this week.",
     {("COOPERATE", ("KWT",), ("USA",)), ("COOPERATE", ("USA",), ("KWT",))}),
    # the noun under "of" in the light verb's object
    ("Peru held three rounds of talks with Chile over the fishing dispute.", {("CONSULT", ("PER",), ("CHL",))}),
    # a named possessor stays the actor, however far the light verb
    ("The envoy voiced concern about China's growing support for Russia's war.", {("SUPPORT", ("CHN",), ("RUS",))}),
])
def test_the_parse_finds_a_nominal_events_actor_beyond_the_word_order_walk(nlp, text, expected):
    got = {(t, tuple(s), tuple(g)) for t, s, g in relations(run(nlp, text))}
    assert expected <= got
    assert all(s != ("UNK",) for _, s, _ in got)


def test_a_passive_subject_without_a_passive_auxiliary_is_the_actor(nlp):
    # the tagger reads "apologised" as a participle and the parser gives it a passive subject;
    # with no "was" or "were" the clause is active: the minister is the one who apologised
    doc = run(nlp, "Australia's foreign minister apologised to Papua New Guinea on Wednesday after "
                   "federal police officers detained a PNG minister's aide at Brisbane airport.")
    assert ("CONCEDE", ["AUSGOV"], ["PNG"]) in relations(doc)
    passive = run(nlp, "Papua New Guinea's envoy was expelled by Australia on Wednesday.")
    assert [(r.source, r.target) for r in passive._.relations] == [(["AUS"], ["PNGGOV"])]


def test_an_agentless_passive_is_coded_with_no_source(nlp):
    # PLOVER codes an event whose actor the text does not give (coding rule agentless_events)
    assert relations(run(nlp, "Two Israeli soldiers were killed near the border on Monday.")) == [
        ("ASSAULT", [], ["ISRMIL"])]
    # an agreement's agentless passive is mostly another word: no row without a source
    assert all(source for _, source, _ in relations(run(nlp, "Japan's envoy is expected to arrive on Monday.")))


def test_the_object_of_a_relative_clause_is_its_antecedent(nlp):
    doc = run(nlp, "US warships fired cruise missiles at the Baghdad headquarters of Iraqi intelligence, "
                   "which Washington accused of plotting to kill former President George Bush.")
    assert ("ACCUSE", ["USA"], ["IRQSPY"]) in relations(doc)


def test_talks_with_a_partner_are_held_by_the_clauses_subject(nlp):
    doc = run(nlp, "Kenya's president cut short a visit to Addis Ababa on Monday after talks with Somali leaders.")
    assert ("CONSULT", ["KENGOV"], ["SOMGOV"]) in relations(doc)
    treaty = run(nlp, "Moscow signed a mutual defence treaty with Pyongyang.")
    assert [r[0] for r in relations(treaty)] == ["SUPPORT"]  # the object names the verb's own event


def test_an_object_pronoun_is_not_its_verbs_own_subject(nlp):
    """"Colombia accused it": "it" is the other country named before, never Colombia itself."""
    doc = run(nlp, "Venezuela broke off relations with Colombia on Thursday, hours after Colombia accused it "
                   "of letting rebels shelter.")
    assert ("ACCUSE", ["COL"], ["VEN"]) in [(r.event_type, r.source, r.target) for r in doc._.relations]


def test_the_statement_is_the_words_of_the_last_claim_and_its_author_that_claims_source(nlp):
    doc = run(nlp, "Venezuela's defence ministry said a Colombian corvette had entered its waters. "
                   "The statement accused Colombia of a deliberate provocation.")
    assert ("ACCUSE", ["VENGOV"], ["COL"]) in [(r.event_type, r.source, r.target) for r in doc._.relations]
    doc = run(nlp, "A Colombian corvette entered the gulf. The statement accused Colombia of a provocation.")
    assert not [r for r in doc._.relations if r.event_type == "ACCUSE" and r.source]  # no claim before: no author
