"""The predicates of a parsed sentence and their features (accord.pipeline.predicates)."""
from __future__ import annotations

import pytest

from accord import build_pipeline
from accord.lexicon import load_lexicon
from accord.pipeline.eventmodel import doc_examples, lexical_categories
from accord.pipeline.predicates import Parsed, actor_kind, features, goods_words, is_predicate
from accord.pipeline.triggers import trigger_categories


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(events=False)


def _doc(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.date = "2024-06-18"
    return nlp(doc)


def test_parsed_lists_equal_the_tokens_attributes(nlp):
    doc = _doc(nlp, "Russia sent fighter jets to North Korea on Monday. The UN condemned it.")
    p = Parsed.of(doc)
    assert p.head == [t.head.i for t in doc]
    assert p.lemma == [t.lemma_.lower() for t in doc] and p.dep == [t.dep_ for t in doc]
    assert p.children == [[c.i for c in t.children] for t in doc]
    assert p.case[doc[6].i] == "to"  # "to North Korea": the preposition is under "Korea"


def test_verbs_nouns_and_adjectives_are_predicates_names_and_numbers_not(nlp):
    doc = _doc(nlp, "Russia sent 12 fighter jets to North Korea.")
    p = Parsed.of(doc)
    flags = {t.text: is_predicate(p, t.i) for t in doc}
    assert flags["sent"] and flags["jets"]
    assert not flags["Russia"] and not flags["12"] and not flags["."]
    assert is_predicate(p, 0, lexical=True)  # a lexicon trigger is always a predicate


def test_features_read_the_arguments_goods_and_lexicon(nlp):
    doc = _doc(nlp, "Russia sent fighter jets to North Korea on Monday.")
    relations = nlp.get_pipe("accord_relations")
    lexical = lexical_categories(doc, relations.matcher, trigger_categories(relations.triggers))
    goods = goods_words(load_lexicon().resources)
    f = set(features(Parsed.of(doc), 1, lexical.get(1, ()), (0, len(doc)), goods))
    assert {"l=send", "t=VBD", "a=nsubj:state", "g=obj:military", "gl=obj:military|send", "a=obl/to:state"} <= f
    assert any(x.startswith("lex=") and x != "lex=-" for x in f)


def test_every_predicate_of_every_sentence_has_an_example(nlp):
    doc = _doc(nlp, "Troops shelled the town. Talks resumed.")
    examples = doc_examples(doc, {}, {})
    words = [doc[i].text for i, _ in examples]
    assert {"shelled", "town", "Talks", "resumed"} <= set(words)


def test_actor_kind_is_the_sector_when_there_is_one():
    assert actor_kind(["RUSMIL"], "state") == "MIL"
    assert actor_kind(["RUS"], "state") == "state"
    assert actor_kind(["RUSMIL", "PRKGOV"], "state") == "state"  # two sectors: the kind
    assert actor_kind(["UNK:Foo"], "unresolved") == "unresolved"


def test_goods_words_are_the_last_words_of_the_resource_phrases():
    goods = goods_words({"military": ["fighter jets", "shells"], "economic": ["oil", "economic aid"]})
    assert goods == {"jets": "military", "shells": "military", "oil": "economic", "aid": "economic"}
