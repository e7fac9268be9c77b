"""The learned event model (accord.pipeline.eventmodel): loading checked arrays, scoring, tagging.

Real packaged model and parser; the tampering tests work on a copy of the model folder."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from accord.errors import AccordError
from accord.evaluate.codes import CATEGORIES
from accord.paths import EVENT_MODEL
from accord.pipeline.eventmodel import CARD, NONE, VOCAB, WEIGHTS, EventModel


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel.load()


def test_the_packaged_model_has_every_category_and_none(model):
    assert set(model.classes) == set(CATEGORIES) | {NONE}
    assert model.weights.shape == (len(model.index), len(model.classes))
    assert model.card["license"].startswith("CC BY-SA")


def test_probabilities_are_distributions_and_unknown_features_count_for_nothing(model):
    rows = [["bias", "l=attack", "t=VBD"], [], ["no-such-feature"], ["bias", "bias", "l=attack", "t=VBD"]]
    p = model.probabilities(rows)
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert np.allclose(p[1], p[2])  # nothing known: the bias alone
    assert np.allclose(p[0], p[3])  # binary features: a repeat counts once, as in training


def test_a_copy_saved_and_loaded_predicts_the_same(model, tmp_path):
    model.save(tmp_path / "m", {"license": "CC BY-SA 4.0", "note": "copy"})
    again = EventModel.load(tmp_path / "m")
    rows = [["bias", "l=invade", "t=VBD", "lex=ASSAULT"], ["bias", "l=meet", "t=VBD"]]
    assert np.allclose(model.probabilities(rows), again.probabilities(rows))


def _copy(tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(EVENT_MODEL, folder)
    return folder


def test_an_edited_weights_file_is_refused_by_its_checksum(tmp_path):
    folder = _copy(tmp_path)
    data = bytearray((folder / WEIGHTS).read_bytes())
    data[-10] ^= 0xFF
    (folder / WEIGHTS).write_bytes(bytes(data))
    with pytest.raises(AccordError, match="checksum"):
        EventModel.load(folder)


def test_a_pickled_array_is_refused_even_with_a_matching_checksum(tmp_path):
    """Whoever can write the weights can write the card too: the loader must never unpickle."""
    folder = _copy(tmp_path)
    ran = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(ran), "w"))

    with open(folder / WEIGHTS, "wb") as fh:
        np.savez(fh, weights=np.array([Payload()], dtype=object), bias=np.zeros(3))
    card = json.loads((folder / CARD).read_text())
    import hashlib
    card["sha256"][WEIGHTS] = hashlib.sha256((folder / WEIGHTS).read_bytes()).hexdigest()
    (folder / CARD).write_text(json.dumps(card))
    with pytest.raises(AccordError, match="not the event model's arrays"):
        EventModel.load(folder)
    assert not ran.exists()


def test_a_missing_file_or_card_is_named(tmp_path):
    folder = _copy(tmp_path)
    (folder / VOCAB).unlink()
    with pytest.raises(AccordError, match="features.json: missing"):
        EventModel.load(folder)
    with pytest.raises(AccordError, match="no event model here"):
        EventModel.load(tmp_path / "nowhere")


def test_weights_that_do_not_fit_the_classes_are_refused():
    with pytest.raises(AccordError, match="do not fit"):
        EventModel(["NONE", "ASSAULT"], ["a", "b"], np.zeros((2, 3), np.float32), np.zeros(2, np.float32))


def _predicates(nlp, text: str) -> dict[str, tuple[str, float, float]]:
    doc = nlp.make_doc(text)
    doc._.date = "2024-03-01"
    doc = nlp(doc)
    return {doc[p.i].text: (p.category, p.p, p.p_none) for p in doc._.predicates}


def test_the_tagger_reads_events_no_lexicon_trigger_names(nlp):
    """"rounded up" is no lexicon trigger; the model reads it as an event."""
    assert not {"rounded", "rounded up"} & set(nlp.get_pipe("accord_relations").triggers)
    preds = _predicates(nlp, "Police in Lagos rounded up dozens of protesters on Monday.")
    assert preds["rounded"][0] == "COERCE" and preds["rounded"][1] > preds["rounded"][2]


def test_the_tagger_tells_no_event_from_an_event(nlp):
    preds = _predicates(nlp, "The minister said the weather in the capital was mild.")
    assert all(p_none > p for _, p, p_none in preds.values())
