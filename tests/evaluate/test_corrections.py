"""Corrections as gold: `accord evaluate --corrections FILE CORPUS` scores the engine and writes sentence records."""
from __future__ import annotations

from pathlib import Path

import pytest

from accord.cli import main
from accord.evaluate.corrections import evaluate_corrections
from accord.evaluate.records import load_records

from tests.corrections.test_corrections import GOOD, _write_corpus


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gold")
    corpus = _write_corpus(tmp / "news")
    fixes = tmp / "fixes.yaml"
    fixes.write_text(GOOD.replace("news/d1.txt", str(corpus / "d1.txt")), encoding="utf-8")
    return corpus, fixes


def test_corrections_score_the_engine_and_become_records(setup, tmp_path):
    corpus, fixes = setup
    out = tmp_path / "gold" / "from-corrections.yaml"
    result = evaluate_corrections(corpus, fixes, write_records=out)
    report = result["details"]["report"].set_index("line")
    # the set and the drop are what the engine got wrong; the stale drop names a row it no longer gives
    assert list(report.engine_right[[2, 7, 11]]) == [False, False, True]
    m = result["metrics"]
    assert m["corrections_engine_right"] == {"engine": pytest.approx(1 / 3), "baseline": None, "n": 3}
    assert m["relation_recall"]["engine"] < 1.0  # the engine still says AID where the analyst says SUPPORT
    records = load_records(out.parent)
    assert [r["id"] for r in records] == ["d1#0", "d1#1"]
    first = records[0]
    assert first["text"].startswith("Russia sent fighter jets") and first["date"] == "2024-06-18"
    assert first["relations"] == [{"source": ["RUS"], "target": ["PRKGOV"], "event_type": "SUPPORT",
                                   "status": "alleged"}]
    assert records[1]["relations"] == []  # the UN's condemnation was dropped
    assert "jets-alleged" in first["note"]


def test_a_correction_the_engine_already_makes_counts_as_right(setup, tmp_path):
    corpus, _ = setup
    fixes = tmp_path / "agree.yaml"
    fixes.write_text("corrections:\n  - doc: d1\n    span: [0, 50]\n    set: {event_type: AID}\n"
                     "    reason: it is aid, checked\n", encoding="utf-8")
    result = evaluate_corrections(corpus, fixes)
    assert result["metrics"]["corrections_engine_right"]["engine"] == 1.0
    assert result["metrics"]["relation_recall"]["engine"] == 1.0


def test_cli_prints_the_scores_and_the_records_score_again_as_records(setup, tmp_path, capsys):
    corpus, fixes = setup
    out = tmp_path / "records" / "mine.yaml"
    assert main(["evaluate", "--corrections", str(fixes), str(corpus), "--write-records", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "corrections_engine_right" in printed and "line 2: applied" in printed and "engine wrong" in printed
    assert main(["evaluate", "--only", "records", "--records", str(out.parent)]) == 0
    assert "relation_recall" in capsys.readouterr().out
    assert main(["evaluate", "--corrections", str(fixes)]) == 2  # the corpus is needed
