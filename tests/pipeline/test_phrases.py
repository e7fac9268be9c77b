"""The phrase table (``accord.pipeline.phrases``): the lexicon's phrases found in a document."""
from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from accord.pipeline.phrases import PhraseTable, phrase_splitter

PHRASES = {
    "PRK": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "KOR": ["South Korea", "Korea"],
    "RUS": ["Russia", "Russian Federation"],
    "KIM": ["Kim Jong Un", "Kim"],
    "AMBIG": ["Korea"],  # one phrase under two keys
    "AGENT": ["foreign minister", "minister", "Foreign Minister"],
}
TEXT = ("North Korea's Kim Jong Un met Russia's foreign minister; the Democratic People's Republic "
        "of Korea and South Korea, Korea, KOREA and north korea. The Russian Federation's Foreign "
        "Minister, Kim, and Kim Jong, minister-level talks, U.S.-North Korea ties.")


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _tables(nlp, lower: bool):
    split = phrase_splitter(nlp)
    table = PhraseTable(lower=lower)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER" if lower else "ORTH")
    for key, phrases in PHRASES.items():
        table.add(key, split(phrases))
        matcher.add(key, list(nlp.tokenizer.pipe(phrases)))
    return table, matcher


@pytest.mark.parametrize("lower", [False, True])
def test_finds_what_spacys_phrase_matcher_finds(nlp, lower):
    table, matcher = _tables(nlp, lower)
    doc = nlp(TEXT)
    expected = {(nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc)}
    found = table(doc)
    assert set(found) == expected
    assert len(found) == len(expected)  # no match twice
    assert found == sorted(found, key=lambda m: (m[1], m[2]))
    # overlaps are all reported: "Korea" inside "North Korea", both keys of "Korea"
    assert {k for k, s, e in found if doc[s:e].text == "Korea"} >= {"KOR", "AMBIG"}


def test_lowercase_table_ignores_case_and_text_table_does_not(nlp):
    orth, _ = _tables(nlp, lower=False)
    lower, _ = _tables(nlp, lower=True)
    doc = nlp("KOREA and north korea")
    assert orth(doc) == []
    assert ("PRK", 2, 4) in lower(doc) and ("KOR", 0, 1) in lower(doc)


def test_longest_keeps_the_longest_of_overlapping_matches_in_text_order(nlp):
    table, _ = _tables(nlp, lower=False)
    doc = nlp("Kim Jong Un visited North Korea and Korea")
    assert table.longest(doc) == [(0, 3, "KIM"), (4, 6, "PRK"), (7, 8, "AMBIG")]


def test_splitter_tokenizes_like_the_pipeline_and_keeps_its_strings_out_of_the_vocab():
    nlp = spacy.blank("en")
    phrases = ["Democratic People's Republic of Korea", "U.S.-led", "Qqqxv Rrrtz's"]
    strings = len(nlp.vocab.strings)
    split = phrase_splitter(nlp)(phrases)
    assert len(nlp.vocab.strings) == strings
    assert split == [tuple(t.text for t in nlp.make_doc(p)) for p in phrases]


def test_empty_phrases_are_ignored_and_a_table_survives_pickling(nlp):
    table, _ = _tables(nlp, lower=True)
    table.add("EMPTY", [()])
    assert len(table) == sum(len(v) for v in PHRASES.values()) - 2  # "Korea" twice, "minister" cased twice
    again = pickle.loads(pickle.dumps(table))
    doc = nlp(TEXT)
    assert again(doc) == table(doc)
