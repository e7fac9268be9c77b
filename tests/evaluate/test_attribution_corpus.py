"""The corpus attribution scorer (accord.evaluate.attribution_corpus): spans from offsets, scored like the dev set."""
from __future__ import annotations

import json

from accord.evaluate.attribution import score_attributions
from accord.evaluate.attribution_corpus import details, load_corpus_attributions

TEXT = "Both governments said talks would resume, and the ministry warned of delays."


def _item(tmp_path):
    said = {"cue": [17, 21], "source": {"code": "A", "span": [0, 16]}, "content": [[22, 40]], "stance": "assert"}
    twin = dict(said, source={"code": "B", "span": [0, 16]})  # the same words, coded once per actor
    warned = {"cue": [[59, 65]], "source": {"code": None, "span": [46, 58]}, "content": [[69, 75]], "stance": "warn"}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": TEXT, "date": "2024-01-01", "attributions": [said, twin, warned]})
                    + "\n", encoding="utf-8")
    return path


def test_offsets_become_verbatim_spans_and_repeats_per_code_count_once(tmp_path):
    [item] = load_corpus_attributions(_item(tmp_path))
    assert [(a["cue"], a["source"], a["content"]) for a in item["attributions"]] == [
        ("said", "Both governments", "talks would resume"), ("warned", "the ministry", "delays")]


def test_a_miss_and_a_partial_source_are_scored_and_listed(tmp_path):
    items = load_corpus_attributions(_item(tmp_path))
    predicted = {"x1": [{"cue_span": (17, 21), "source": "governments", "content": "talks would resume", "stance": "assert"}]}
    scores = score_attributions(items, predicted)
    assert scores["cue_recall"] == 0.5 and scores["cue_precision"] == 1.0
    assert 0.5 < scores["source_token_f1"] < 1.0 and scores["content_token_f1"] == 1.0
    lines = details(items, predicted)
    assert any(line.startswith("MISS x1 cue='warned'") for line in lines) and any(line.startswith("SPAN") for line in lines)
