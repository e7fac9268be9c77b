"""Names are matched on normalised text, while offsets point into the original (issue 22, item 4).

NFD accents, invisible characters inside a word (soft hyphen, zero-width space or joiner), and
whitespace other than one plain space between the words of a name must not change who is found;
the mention's characters, sliced out of the original text by the offsets the tables store, are
the original characters.
"""
from __future__ import annotations

import unicodedata

import pytest
import spacy
from spacy.tokens import Doc

import accord.pipeline  # noqa: F401 -- registers the factories
from accord.pipeline.normalise import match_tokens, normal_form

ANCHOR = "2024-06-19"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("accord_actors")
    return nlp


def run(nlp, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.date = ANCHOR
    return nlp(doc)


def found(doc: Doc) -> list[tuple[str, list[str], str | None]]:
    """(original characters by offset, codes, entity) of each mention: offsets as the tables store them."""
    out = []
    for m in doc._.mentions:
        a, b = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
        out.append((doc.text[a:b], m.codes, m.entity))
    return out


NFD_ERDOGAN = unicodedata.normalize("NFD", "Erdoğan")


def test_normal_form_composes_and_drops_invisible_characters() -> None:
    assert NFD_ERDOGAN != "Erdoğan" and normal_form(NFD_ERDOGAN) == "Erdoğan"
    for mark in ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        assert normal_form(f"Pu{mark}tin") == "Putin"
    assert normal_form("Putin") == "Putin"


def test_a_decomposed_name_is_the_composed_one(nlp) -> None:
    composed = found(run(nlp, "Turkish President Recep Tayyip Erdoğan spoke. Then, Erdoğan left."))
    decomposed = found(run(nlp, unicodedata.normalize("NFD", "Turkish President Recep Tayyip Erdoğan spoke. "
                                                              "Then, Erdoğan left.")))
    assert [(c, e) for _, c, e in decomposed] == [(c, e) for _, c, e in composed]
    assert decomposed[-1][0] == NFD_ERDOGAN  # the original characters, sliced back
    assert found(run(nlp, f"{NFD_ERDOGAN} spoke."))[0][1:] == found(run(nlp, "Erdoğan spoke."))[0][1:]


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u200d", "\u200c", "\ufeff"])
def test_an_invisible_character_inside_a_name_does_not_hide_it(nlp, mark: str) -> None:
    text = f"Vladimir Pu{mark}tin met the press."
    assert found(run(nlp, text)) == [(f"Vladimir Pu{mark}tin", ["RUSGOV"], "Vladimir Putin")]


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "  ", "\t", "\n"])
def test_a_name_runs_across_other_whitespace(nlp, space: str) -> None:
    text = f"Russia condemned North{space}Korea on Monday."
    assert found(run(nlp, text)) == [("Russia", ["RUS"], "Russia"), (f"North{space}Korea", ["PRK"], "North Korea")]


def test_a_composed_mention_runs_across_other_whitespace(nlp) -> None:
    text = "Russian\u00a0foreign\u00a0minister Sergei\u00a0Lavrov spoke."
    assert found(run(nlp, text)) == [(text[:-len(" spoke.")], ["RUSGOV"], "Sergei Lavrov")]


def test_a_paragraph_break_is_never_inside_a_name(nlp) -> None:
    codes = [c for _, c, _ in found(run(nlp, "Russia condemned North\n\nKorea said nothing."))]
    assert ["PRK"] not in codes


def test_one_unknown_name_in_two_forms_is_one_actor(nlp) -> None:
    doc = run(nlp, "Zed\u00a0Bloggs met the press. Then, Zed Bloggs left. "
                   + unicodedata.normalize("NFD", "Ömer Çelik") + " met Ömer Çelik.")
    codes = [m.codes[0] for m in doc._.mentions if m.codes[0].startswith("UNK:")]
    assert "UNK:Zed Bloggs" in codes and "UNK:Ömer Çelik" in codes
    assert {c for c in codes if "Bloggs" in c} == {"UNK:Zed Bloggs"}
    assert codes.count("UNK:Ömer Çelik") == 2


def test_offsets_slice_back_into_the_original_text(nlp) -> None:
    text = ("Vladimir Pu\u00adtin and " + NFD_ERDOGAN + " met in Ankara.\u00a0North\u00a0Korea\u200b and "
            "Zed\u2009Bloggs\u00ad said so.")
    doc = run(nlp, text)
    assert doc.text == text  # the Doc is the original text, never a normalised copy
    for original, codes, _ in found(doc):
        assert original in text
        # the characters found, normalised, are the name the codes came from
        assert " ".join(normal_form(original).split()) in ("Vladimir Putin", "Erdoğan", "North Korea",
                                                            "Zed Bloggs", "Ankara")


def test_ascii_text_takes_the_fast_path() -> None:
    nlp = spacy.blank("en")
    tokens = match_tokens(nlp("Russia condemned North Korea."))
    assert not tokens.changed and tokens.texts == ["Russia", "condemned", "North", "Korea", "."]


def test_the_tables_offsets_slice_the_original_text_through_the_whole_engine() -> None:
    """The mentions table's start/end, written by ``doc_rows``, slice back to the original characters."""
    from accord import build_pipeline
    from accord.annotation import doc_rows

    nlp = build_pipeline()
    text = ("Vladimir Pu\u00adtin met " + NFD_ERDOGAN + " in Sochi.\u00a0North\u00a0Korea condemned "
            "Zed\u2009Bloggs.")
    doc = nlp.make_doc(text)
    doc._.date = ANCHOR
    rows = doc_rows(nlp(doc), "d1")["mentions"]
    assert {r["actor_id"] for r in rows} >= {"RUSGOV", "TURGOV", "PRK", "UNK:Zed Bloggs"}
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert " ".join(normal_form(r["text"]).split()) in ("Vladimir Putin", "Erdoğan", "North Korea", "Zed Bloggs")
