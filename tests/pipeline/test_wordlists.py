"""Word lists as token tuples (accord.pipeline.wordlists), as the clause analysis, claims and relations match them."""
from __future__ import annotations

from accord.pipeline.wordlists import PhraseIndex, ends_with_any, phrases, unique


def test_a_word_list_becomes_lowercased_token_tuples_with_nt_split_off() -> None:
    assert phrases(["Would", "did not", "Won't"]) == [("would",), ("did", "not"), ("wo", "n't")]


def test_a_phrase_ends_at_a_position_or_not_with_a_list_or_an_index() -> None:
    words = "russia did not send troops".split()
    for table in (phrases(["did not", "never"]), PhraseIndex(phrases(["did not", "never"]))):
        assert ends_with_any(words, 3, table)  # "did not" ends before "send"
        assert not ends_with_any(words, 2, table) and not ends_with_any(words, 0, table)
        assert not ends_with_any(words, 5, table)


def test_an_index_lists_its_phrases_by_their_last_word() -> None:
    index = PhraseIndex([("did", "not"), ("not",), ()])
    assert index.by_last == {"not": [("did", "not"), ("not",)]}
    assert sorted(index) == [("did", "not"), ("not",)]


def test_unique_keeps_the_first_seen_order() -> None:
    assert unique(["PRK", "RUS", "PRK", "CHN", "RUS"]) == ["PRK", "RUS", "CHN"]
