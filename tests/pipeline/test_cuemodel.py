"""The learned cue detector (accord.pipeline.cuemodel): shipped without pickle, checked, and used.

The model is the packaged one (``training/train_cues.py`` trains it on the corpus); the sentences
are written for these tests.
"""
from __future__ import annotations

import json
import shutil

import pytest

from accord.errors import AccordError
from accord.pipeline.cuemodel import CUE, CUE_MODEL, THRESHOLD, cue_probabilities, load_cue_model
from accord.pipeline.eventmodel import EventModel


def test_the_model_ships_as_arrays_and_json_checked_by_sha256(tmp_path):
    model = load_cue_model()
    assert model is not None and model.classes == ["NONE", CUE]
    card = json.loads((CUE_MODEL / "model.json").read_text(encoding="utf-8"))
    assert set(card["sha256"]) == {"weights.npz", "features.json"}
    copy = tmp_path / "cues"
    shutil.copytree(CUE_MODEL, copy)
    with open(copy / "features.json", "a", encoding="utf-8") as fh:
        fh.write(" ")
    with pytest.raises(AccordError, match="checksum"):
        EventModel.load(copy)


def test_a_folder_without_a_model_leaves_the_rules_alone(tmp_path):
    assert load_cue_model(tmp_path) is None


def test_the_detector_is_sure_of_a_reporting_verb_and_not_of_an_act(nlp):
    doc = nlp("The minister insisted that the border would stay open, and troops shelled the town.")
    probs = cue_probabilities(load_cue_model(), doc, list(range(len(doc))))
    said = next(t.i for t in doc if t.text == "insisted")
    shelled = next(t.i for t in doc if t.text == "shelled")
    assert probs[said] >= THRESHOLD and probs[shelled] < 0.2
