"""The shipped English UD model (lib/accord/models/en_ud): loads offline, deterministic, sane parses."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

MODEL = Path(__file__).resolve().parents[2] / "lib" / "accord" / "models" / "en_ud"
pytestmark = pytest.mark.skipif(not (MODEL / "meta.json").exists(), reason="model not built")

NEWS = ("The European Union imposed new sanctions on Russia on Monday, and the measures were "
        "approved by all 27 member states after talks in Brussels.")


@pytest.fixture(scope="module")
def nlp():
    # no network: any connection attempt while loading or parsing fails the test
    orig = socket.socket.connect

    def refuse(*a, **k):
        raise AssertionError("the model tried to use the network")

    socket.socket.connect = refuse
    try:
        model = spacy.load(MODEL)
        model("Warm up.")
        yield model
    finally:
        socket.socket.connect = orig


def _tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_meta_and_files(nlp):
    meta = json.loads((MODEL / "meta.json").read_text())
    assert meta["name"] == "accord_en_ud" and meta["lang"] == "en"
    assert meta["license"] == "CC BY-SA 4.0"
    assert meta["sources"] and meta["accord"]["test"]
    assert (MODEL / "LICENSE").exists() and (MODEL / "ATTRIBUTION.md").exists()
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 15e6


def test_pipes(nlp):
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "trainable_lemmatizer", "attribute_ruler"]
    assert "nsubj:pass" in nlp.get_pipe("parser").labels
    assert "NNP" in nlp.get_pipe("tagger").labels


def test_deterministic(nlp):
    def dump(doc):
        return [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in doc]

    assert dump(nlp(NEWS)) == dump(nlp(NEWS))
    assert dump(nlp(NEWS)) == dump(next(nlp.pipe([NEWS])))


def test_transitive(nlp):
    doc = nlp("The minister signed the treaty.")
    signed = _tok(doc, "signed")
    assert signed.dep_ == "ROOT" and signed.tag_ == "VBD" and signed.pos_ == "VERB"
    assert signed.lemma_ == "sign"
    assert _tok(doc, "minister").dep_ == "nsubj" and _tok(doc, "minister").head == signed
    assert _tok(doc, "treaty").dep_ == "obj" and _tok(doc, "treaty").head == signed


def test_passive(nlp):
    doc = nlp("The agreement was signed by both governments.")
    signed = _tok(doc, "signed")
    assert _tok(doc, "agreement").dep_ == "nsubj:pass" and _tok(doc, "agreement").head == signed
    assert _tok(doc, "was").dep_ == "aux:pass" and _tok(doc, "was").pos_ == "AUX"
    # UD 2.x English marks the passive agent obl:agent
    assert _tok(doc, "governments").dep_ == "obl:agent" and _tok(doc, "governments").head == signed
    assert _tok(doc, "by").dep_ == "case"


def test_news_sentence(nlp):
    doc = nlp(NEWS)
    imposed = _tok(doc, "imposed")
    assert imposed.dep_ == "ROOT"
    assert _tok(doc, "Union").dep_ == "nsubj" and _tok(doc, "Union").head == imposed
    assert _tok(doc, "sanctions").dep_ == "obj" and _tok(doc, "sanctions").head == imposed
    assert _tok(doc, "Union").pos_ == "PROPN" and _tok(doc, "Union").tag_ == "NNP"
    assert _tok(doc, "measures").dep_ == "nsubj:pass"
