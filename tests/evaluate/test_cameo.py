"""The CAMEO probe's scorer (accord.evaluate.cameo) on hand-made relations, its loader's errors,
the committed probe's integrity, and its place in the evaluate summaries."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from accord.errors import InputError
from accord.evaluate.cameo import ROOTS, cameo_root, load_cameo_probe, score_cameo
from accord.evaluate.common import BENCHMARKS
from accord.evaluate.summary import format_details, format_markdown, format_table

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "probes" / "cameo.yaml"


def _item(item_id, text, root, quad, source, target):
    return {"id": item_id, "text": text, "date": "2001-01-01", "root": root, "quad": quad,
            "source": source, "target": target}


def _relation(doc_id, rid, start, trigger, cameo, quad, source, target, status="reported"):
    return {"doc_id": doc_id, "relation_id": rid, "start": start, "end": start + 40, "trigger": trigger,
            "cameo": cameo, "quad_class": quad, "source": source, "target": target, "status": status}


def test_cameo_root_is_the_first_two_digits():
    assert cameo_root("0311") == "03" and cameo_root("190") == "19" and cameo_root("20") == "20"
    assert cameo_root(None) is None and cameo_root(float("nan")) is None
    assert cameo_root("99") is None and cameo_root("") is None


def test_score_picks_the_main_relation_and_counts_a_sentence_without_one_wrong():
    a = "France sent aid to Mali after Mali asked for it."
    b = "Chad condemned Sudan."
    c = "Nothing happened."
    items = [_item("a", a, "07", 2, ["FRA"], ["MLI"]),
             _item("b", b, "11", 3, ["TCD"], ["SDN"]),
             _item("c", c, "01", 1, ["NGA"], [])]
    relations = pd.DataFrame([
        # the later trigger ("asked") must lose to the earlier one ("sent")
        _relation("a", "r2", 25, "asked", "023", 3, ["MLIGOV"], ["FRAGOV"]),
        _relation("a", "r1", 0, "sent", "0733", 2, ["FRAGOV"], ["MLIGOV"]),
        # right quad, wrong root, target swapped
        _relation("b", "r3", 0, "condemned", "120", 3, ["TCDGOV"], []),
    ])
    mentions = pd.DataFrame([{"doc_id": "b", "start": 15, "actor_id": "x1"},
                             {"doc_id": "b", "start": 0, "actor_id": "x2"}])
    actors = pd.DataFrame([{"actor_id": "x1", "kind": "state", "country": "SDN", "sector": None},
                           {"actor_id": "x2", "kind": "state", "country": "TCD", "sector": "GOV"}])
    metrics, details = score_cameo(items, {"relations": relations, "mentions": mentions, "actors": actors})
    assert metrics["coverage"]["engine"] == pytest.approx(2 / 3)
    assert metrics["root_accuracy"]["engine"] == pytest.approx(1 / 3)
    assert metrics["quad_accuracy"]["engine"] == pytest.approx(2 / 3)
    assert metrics["source_country_accuracy"]["engine"] == pytest.approx(2 / 3)
    assert metrics["target_country_accuracy"] == {"engine": 0.5, "baseline": 0.5, "n": 2}
    # baseline: first mentioned country as source (TCD in b), the next one as target (SDN in b)
    assert metrics["source_country_accuracy"]["baseline"] == pytest.approx(1 / 3)
    assert details["confusions"] == {("11", "12"): 1, ("01", "NONE"): 1}
    assert details["no_relation"] == 1
    assert details["per_root"]["07"]["recall"] == 1.0 and details["per_root"]["11"]["recall"] == 0.0
    assert [m["id"] for m in details["misses"]] == ["b", "c"]


def test_a_compound_gold_role_needs_every_country():
    text = "The UN urged Iran and Iraq to stop."
    items = [_item("a", text, "02", 3, ["IGO"], ["IRN", "IRQ"])]
    one = pd.DataFrame([_relation("a", "r1", 0, "urged", "0256", 3, ["IGOUNO"], ["IRNGOV"])])
    both = pd.DataFrame([_relation("a", "r1", 0, "urged", "0256", 3, ["IGOUNO"], ["IRNGOV", "IRQ"])])
    assert score_cameo(items, {"relations": one})[0]["target_country_accuracy"]["engine"] == 0.0
    assert score_cameo(items, {"relations": both})[0]["target_country_accuracy"]["engine"] == 1.0
    # an IGO code matches the gold's bare IGO
    assert score_cameo(items, {"relations": one})[0]["source_country_accuracy"]["engine"] == 1.0


@pytest.mark.parametrize("line, problem", [
    ('- {id: x-1, text: "A met B.", date: 2001-01-01, root: "21", quad: verbal cooperation, source: FRA, target: null}',
     "x-1: root '21' is not a CAMEO root"),
    ('- {id: x-1, text: "A met B.", date: 2001-01-01, root: "04", quad: friendly, source: FRA, target: null}',
     "x-1: quad 'friendly'"),
    ('- {id: x-1, text: "A met B.", date: 2001-01-01, root: "04", quad: verbal cooperation, target: null}',
     "x-1: no 'source'"),
    ('- {id: x-1, text: "A met B.", date: 2001-01-01, root: "04", quad: verbal cooperation, source: 12, target: null}',
     "x-1: source 12 is not a CAMEO country code"),
    ("- just a string", "item 1 is not a mapping"),
])
def test_a_malformed_probe_is_an_error_naming_the_file_and_the_item(tmp_path, line, problem):
    path = tmp_path / "bad_cameo.yaml"
    path.write_text("probes:\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_cameo_probe(path)
    assert "bad_cameo.yaml" in str(err.value) and problem in str(err.value)


def test_a_probe_file_without_items_or_with_a_repeated_id_is_an_error(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("items: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty.yaml: no 'probes' list"):
        load_cameo_probe(path)
    row = '- {id: x-1, text: "A met B.", date: 2001-01-01, root: 4, quad: verbal cooperation, source: FRA, target: [DEU]}'
    path.write_text("probes:\n" + row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="x-1: id used twice"):
        load_cameo_probe(path)


def test_the_committed_probe_covers_every_root_and_quad():
    items = load_cameo_probe(PROBE)
    assert len(items) >= 120
    assert {it["root"] for it in items} == set(ROOTS)
    assert {it["quad"] for it in items} == {1, 2, 3, 4}
    assert all(it["source"] or it["target"] for it in items)


def test_the_summaries_name_every_benchmark():
    """format_markdown had no title for the corpus split, so --markdown failed on a full run."""
    metrics = {"x": {"engine": 0.5, "baseline": 0.25, "n": 4}}
    results = {b: {"n": 4, "metrics": metrics, "details": {}} for b in BENCHMARKS}
    results["cameo"]["details"] = {"per_root": {"04": {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "tp": 1, "fp": 0, "fn": 1}},
                                   "confusions": {("04", "03"): 1}, "no_relation": 0, "misses": []}
    md = format_markdown(results, stamp="test")
    assert "CAMEO probe (tests/probes/cameo.yaml" in md and "open corpus" in md
    assert "cameo" in format_table(results)
    details = format_details({"cameo": results["cameo"]})
    assert "04->03: 1" in details and "  04 " in details


def test_accord_evaluate_only_cameo_runs_the_engine_on_the_given_probe(tmp_path, capsys):
    from accord.cli import main as cli_main

    path = tmp_path / "two.yaml"
    path.write_text(
        "probes:\n"
        '- {id: t-1, text: "Iraqi warplanes bombed Iranian oil terminals.", date: 1985-08-16, root: "19",'
        " quad: material conflict, source: IRQ, target: IRN}\n"
        '- {id: t-2, text: "Chile and Peru could not agree.", date: 2001-01-01, root: "12",'
        " quad: verbal conflict, source: CHL, target: PER}\n", encoding="utf-8")
    assert cli_main(["evaluate", "--only", "cameo", "--cameo", str(path), "--details"]) == 0
    out = capsys.readouterr().out
    assert "cameo     root_accuracy                    2" in out
    assert "CAMEO probe, per root" in out and "  19 " in out
