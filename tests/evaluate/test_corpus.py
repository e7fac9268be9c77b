"""The corpus test-split benchmark (accord.evaluate.corpus): end-to-end scores against labelled events."""
from __future__ import annotations

import json

import pytest

from accord.evaluate.corpus import CORPUS_TEST_DEFAULT, evaluate_corpus
from accord.paths import REPO_DIR


def _item(i: str, text: str, events: list[dict]) -> dict:
    return {"id": i, "text": text, "date": "2024-03-01", "events": events, "attributions": []}


def _event(text: str, trigger: str, category: str, source: str, target: str | None) -> dict:
    s = text.index(trigger)
    return {"trigger": [s, s + len(trigger)], "category": category, "status": "reported", "mode": "",
            "source": [{"code": source, "span": [0, 1]}],
            "target": [{"code": target, "span": [0, 1]}] if target else []}


def test_scores_count_detection_typing_and_countries(tmp_path):
    a = "Russia invaded Ukraine in February."
    b = "The weather was mild in Oslo."
    path = tmp_path / "test.jsonl"
    items = [_item("a", a, [_event(a, "invaded", "ASSAULT", "RUS", "UKR")]), _item("b", b, [])]
    path.write_text("".join(json.dumps(x) + "\n" for x in items), encoding="utf-8")
    m = evaluate_corpus(path)["metrics"]
    assert m["typed_recall"]["engine"] == 1.0 and m["event_recall"]["engine"] == 1.0
    assert m["source_country_f1"]["engine"] == 1.0 and m["target_country_f1"]["engine"] == 1.0
    assert m["typed_f1"]["baseline"] == 0.0


def test_a_wrong_category_is_detected_but_not_typed(tmp_path):
    a = "Russia invaded Ukraine in February."
    path = tmp_path / "test.jsonl"
    path.write_text(json.dumps(_item("a", a, [_event(a, "invaded", "CONSULT", "RUS", "UKR")])) + "\n", encoding="utf-8")
    m = evaluate_corpus(path)["metrics"]
    assert m["event_recall"]["engine"] == 1.0 and m["typed_recall"]["engine"] == 0.0


def test_each_direction_of_a_joint_act_meets_its_own_label(tmp_path):
    a = "Peru and Chile signed a border treaty on Monday."
    path = tmp_path / "test.jsonl"
    # labelled in the order opposite to the engine's (Peru -> Chile first)
    events = [_event(a, "signed", "SUPPORT", "CHL", "PER"), _event(a, "signed", "SUPPORT", "PER", "CHL")]
    path.write_text(json.dumps(_item("a", a, events)) + "\n", encoding="utf-8")
    m = evaluate_corpus(path)["metrics"]
    assert m["typed_recall"]["engine"] == 1.0
    assert m["source_country_f1"]["engine"] == 1.0 and m["target_country_f1"]["engine"] == 1.0


@pytest.mark.skipif(not (REPO_DIR / CORPUS_TEST_DEFAULT).exists(), reason="the corpus is not in this checkout")
def test_the_published_test_split_is_readable_and_labelled():
    lines = (REPO_DIR / CORPUS_TEST_DEFAULT).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 500 and all("events" in json.loads(x) for x in lines[:50])
