"""The scorers of accord.evaluate on tiny hand-made inputs, the seed gold's integrity, and the
ratchet: scores may not drop below the floors in tests/gold/floors.yaml (which only move up)."""
from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from accord import evaluate as ev
from accord.evaluate.match import offset_distance
from accord.evaluate import plover as ev_plover
from accord.lexicon import PloverClass
from accord.evaluate import records as ev_records
from accord.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
SEED_GOLD = ROOT / "tests" / "gold" / "seed.yaml"
FLOORS = ROOT / "tests" / "gold" / "floors.yaml"
STATUSES = {"reported", "alleged", "denied", "negated", "planned", "hypothetical"}


# ------------------------------------------------------------------ basic metrics


def test_prf_from_counts():
    s = ev.prf(tp=2, fp=1, fn=3)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 5)
    assert s["f1"] == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))
    assert ev.prf(0, 0, 0)["f1"] == 0.0


def test_accuracy():
    assert ev.accuracy(["A", "B", "C", "D"], ["A", "B", "X", "NONE"]) == 0.5
    with pytest.raises(ValueError):
        ev.accuracy(["A"], [])


def test_macro_f1_averages_categories_present_and_not_none():
    gold = ["AGREE", "AGREE", "REJECT", "ACCUSE"]
    pred = ["AGREE", "REJECT", "REJECT", "NONE"]
    # AGREE P1 R.5 F2/3; REJECT P.5 R1 F2/3; ACCUSE F0; NONE is not averaged
    assert ev.macro_f1(gold, pred) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert ev.macro_f1(["AGREE"] * 3, ["AGREE"] * 3) == 1.0
    # a predicted category absent from the gold is averaged too (F1 0)
    assert ev.macro_f1(["AGREE", "AGREE"], ["AGREE", "SUPPORT"]) == pytest.approx((2 / 3 + 0) / 2)


def test_majority_is_deterministic_on_ties():
    assert ev.majority(["B", "A", "B", "A", "C"]) == "A"
    assert ev.majority([None, None]) is None


# --------------------------------------------------------------------- codes


def test_country_and_sector_parts_of_codes():
    assert ev.country("RUSGOV") == "RUS" and ev.sector("RUSGOV") == "GOV"
    assert ev.country("IGOUNO") == "IGO"
    assert ev.country("jap") == "JPN"  # CAMEO's JAP is ISO JPN
    assert ev.sector("PRK") is None
    assert ev.countries(["USAGOV", "KORGOV", "USA"]) == {"USA", "KOR"}
    assert ev.countries(None) == set() and ev.countries("") == set()


def test_set_prf_counts_compound_actors_per_member():
    pairs = [
        (["HUNGOV", "ROUGOV"], ["HUN"]),  # tp 1, fn 1
        (["IGO"], ["IGOUNO"]),  # a bare IGO matches any IGO code: tp 1
        (["USA"], ["USA", "ISR"]),  # tp 1, fp 1
        ([], ["FRA"]),  # fp 1
        (["JAP"], ["JPN"]),  # tp 1
    ]
    s = ev.set_prf(pairs)
    assert (s["tp"], s["fp"], s["fn"]) == (4, 2, 1)
    assert s["precision"] == pytest.approx(4 / 6)
    assert s["recall"] == pytest.approx(4 / 5)
    assert s["f1"] == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))


def test_sector_hits():
    assert ev.sector_hits([("HUN", "GOV"), ("ROU", "GOV"), ("ISR", "MIL")], ["HUNGOV", "ROU", "ISRGOV"]) == (1, 3)


# -------------------------------------------------------------- label mapping


@pytest.mark.parametrize(
    "label, mode, expected",
    [
        ("DEMAND", "", ("REQUEST", None)),
        ("DISAPPROVE", None, ("ACCUSE", "disapprove")),
        ("INVESTIGATE", "", ("ACCUSE", "investigate")),
        ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
        ("AGREE", "", ("AGREE", None)),
        ("PROTEST", "obstruct", ("PROTEST", "obstruct")),
    ],
)
def test_map_label(label, mode, expected):
    assert ev.map_label(label, mode) == expected


def test_plover_gold_loads_with_mapped_labels(tmp_path):
    f = tmp_path / "g.jsonl"
    f.write_text(
        '{"id": "x1", "date": "2000-01-01", "text": "t", "event": "FIGHT", "mode": "", '
        '"source": [{"code": "ISR", "sector": "MIL"}], "target": ""}\n'
        '{"id": "x2", "date": "2000-01-01", "text": "u", "event": "DISAPPROVE", '
        '"source": [{"code": "IGO"}], "target": [{"code": "IRQ", "sector": "***"}]}\n'
    )
    g = ev.load_plover(f)
    assert [x["event"] for x in g] == ["ASSAULT", "ACCUSE"]
    assert g[1]["mode"] == "disapprove"
    assert g[0]["target"] == [] and g[0]["source"] == [{"code": "ISR", "sector": "MIL"}]
    assert g[1]["target"] == [{"code": "IRQ", "sector": None}]  # *** is "unknown sector"


def test_quad_classes_cover_every_category():
    quads, _ = ev.load_quad_classes()
    assert set(quads) == set(ev.CATEGORIES)
    assert quads["CONSULT"] == 1 and quads["AID"] == 2 and quads["ACCUSE"] == 3 and quads["ASSAULT"] == 4


# ------------------------------------------------------------------ main relation


def test_main_relation_prefers_reported_or_planned_then_earliest():
    rels = [
        {"relation_id": "r1", "start": 0, "end": 5, "status": "alleged", "event_type": "AID"},
        {"relation_id": "r2", "start": 20, "end": 25, "status": "reported", "event_type": "ACCUSE"},
        {"relation_id": "r3", "start": 10, "end": 15, "status": "planned", "event_type": "AGREE"},
    ]
    assert ev.main_relation(rels)["relation_id"] == "r3"
    assert ev.main_relation(rels[:1])["relation_id"] == "r1"  # fallback: any status
    assert ev.main_relation([]) is None


# --------------------------------------------------------------- PLOVER scoring


def _tables(relations=(), mentions=(), actors=(), claims=()):
    return {
        "relations": pd.DataFrame(list(relations)),
        "mentions": pd.DataFrame(list(mentions)),
        "actors": pd.DataFrame(list(actors)),
        "claims": pd.DataFrame(list(claims)),
    }


def _rel(rid, doc, start, etype, src, tgt, status="reported", mode=None, quad=pd.NA, **kw):
    return {"relation_id": rid, "doc_id": doc, "start": start, "end": start + 3, "event_type": etype,
            "source": src, "target": tgt, "status": status, "mode": mode, "quad_class": quad, **kw}


def test_score_main_on_a_tiny_input():
    gold = [
        {"id": "d1", "event": "AGREE", "mode": None,
         "source": [{"code": "HUN", "sector": "GOV"}, {"code": "ROU", "sector": "GOV"}], "target": []},
        {"id": "d2", "event": "ACCUSE", "mode": "disapprove",
         "source": [{"code": "USA", "sector": None}], "target": [{"code": "IRN", "sector": "GOV"}]},
        {"id": "d3", "event": "ASSAULT", "mode": None,
         "source": [{"code": "ISR", "sector": "MIL"}], "target": [{"code": "PSE", "sector": None}]},
    ]
    actors = [{"actor_id": a, "country": a[:3], "sector": a[3:] or None}
              for a in ("HUNGOV", "ROUGOV", "USAGOV", "IRNGOV", "ISRMIL", "PSE")]
    mentions = [{"doc_id": d, "start": i, "actor_id": a} for d, ids in
                (("d1", ["HUNGOV", "ROUGOV"]), ("d2", ["USAGOV", "IRNGOV"]), ("d3", ["ISRMIL", "PSE"]))
                for i, a in enumerate(ids)]
    relations = [
        _rel("r1", "d1", 10, "AGREE", ["HUNGOV"], []),
        _rel("r2", "d2", 0, "REJECT", ["USA"], ["IRN"], status="alleged"),  # not main: alleged
        _rel("r3", "d2", 5, "ACCUSE", ["USAGOV"], ["IRNGOV"], mode="disapprove"),
    ]
    quads, _ = ev.load_quad_classes()
    m, d = ev.score_main(gold, _tables(relations, mentions, actors), quads, ev_plover.valid_modes_of())
    assert m["event_accuracy"]["engine"] == pytest.approx(2 / 3)
    assert m["event_macro_f1"]["engine"] == pytest.approx(2 / 3)  # AGREE 1, ACCUSE 1, ASSAULT 0
    assert m["quad_accuracy"]["engine"] == pytest.approx(2 / 3)
    assert m["mode_accuracy"]["engine"] == 1.0 and m["mode_accuracy"]["n"] == 1
    assert m["source_country_f1"]["engine"] == pytest.approx(2 / 3)  # tp 2 fp 0 fn 2
    assert m["target_country_f1"]["engine"] == pytest.approx(2 / 3)  # tp 1 fp 0 fn 1
    assert m["sector_accuracy"]["engine"] == pytest.approx(0.5) and m["sector_accuracy"]["n"] == 4
    assert m["coverage"]["engine"] == pytest.approx(2 / 3)
    # baselines: majority class (tie -> ACCUSE), every mentioned country in both roles, GOV everywhere
    assert m["event_accuracy"]["baseline"] == pytest.approx(1 / 3)
    assert m["source_country_f1"]["baseline"] == pytest.approx(0.8)  # tp 4 fp 2 fn 0
    assert m["sector_accuracy"]["baseline"] == pytest.approx(0.75)
    assert d["confusions"] == {("ASSAULT", "NONE"): 1}


# --------------------------------------------------------------- matching rules


def test_relation_matching_rules():
    g = {"sent": 3, "event_type": "ACCUSE", "alt_event_types": ["REJECT"], "source": ["USAGOV", "KORGOV"], "target": ["PRK"]}
    ok = {"sent": 3, "event_type": "ACCUSE", "source": ["USA"], "target": ["PRKGOV"]}
    assert ev.relation_compatible(g, ok)
    assert ev.relation_compatible(g, {**ok, "event_type": "REJECT"})  # an accepted alternative
    assert not ev.relation_compatible(g, {**ok, "event_type": "SUPPORT"})
    assert not ev.relation_compatible(g, {**ok, "sent": 4})
    assert not ev.relation_compatible(g, {**ok, "target": ["RUS"]})
    assert not ev.relation_compatible(g, {**ok, "source": []})
    # an empty gold role accepts anything
    assert ev.relation_compatible({**g, "target": []}, {**ok, "target": ["RUS"]})


def test_claim_matching_rules():
    g = {"sent": 9, "stance": "deny", "source": ["PRK", "RUS"]}
    assert ev.claim_compatible(g, {"sent": 9, "stance": "deny", "source": ["RUSGOV"]})
    assert not ev.claim_compatible(g, {"sent": 9, "stance": "assert", "source": ["RUS"]})
    assert not ev.claim_compatible(g, {"sent": 8, "stance": "deny", "source": ["RUS"]})
    assert ev.claim_compatible({**g, "alt_stances": ["assert"]}, {"sent": 9, "stance": "assert", "source": ["RUS"]})


def test_matching_is_one_to_one_and_optional_gold_neither_missed_nor_spurious():
    gold = [
        {"sent": 0, "event_type": "AID", "source": ["PRK"], "target": ["RUS"], "start": 10},
        {"sent": 0, "event_type": "AID", "source": ["RUS"], "target": ["PRK"], "start": 50},
        {"sent": 1, "event_type": "ASSAULT", "source": ["RUS"], "target": ["UKR"], "start": 90, "optional": True},
        {"sent": 2, "event_type": "SUPPORT", "source": ["RUS"], "target": ["PRK"], "start": 120, "optional": True},
    ]
    pred = [
        {"sent": 0, "event_type": "AID", "source": ["PRK"], "target": ["RUS"], "start": 12},
        {"sent": 0, "event_type": "AID", "source": ["PRK"], "target": ["RUS"], "start": 14},  # duplicate: spurious
        {"sent": 1, "event_type": "ASSAULT", "source": ["RUS"], "target": ["UKR"], "start": 91},  # optional hit
    ]
    pairs = ev.match(gold, pred, ev.relation_compatible, offset_distance)
    assert pairs == [(0, 0), (2, 2)]
    c = ev.match_counts(gold, pred, pairs)
    assert (c["tp"], c["fp"], c["fn"], c["optional_matched"]) == (1, 1, 1, 1)
    assert c["precision"] == 0.5 and c["recall"] == 0.5


def test_sentence_of_offsets():
    spans = [[0, 10], [11, 20]]
    assert [ev.sentence_of(o, spans) for o in (0, 9, 10, 11, 19, 20, None)] == [0, 0, None, 1, 1, None, None]


# ----------------------------------------------------------------- seed gold


@pytest.fixture(scope="module")
def seed_gold():
    return ev.load_seed_gold(SEED_GOLD)


def test_seed_gold_offsets_and_references_are_consistent(seed_gold):
    text = (ROOT / seed_gold["document"]).read_text(encoding="utf-8")
    spans = seed_gold["sentences"]
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a < b <= c and not text[b:c].strip()
    ids = [r["id"] for r in seed_gold["relations"]] + [c["id"] for c in seed_gold["claims"]]
    assert len(ids) == len(set(ids))
    for r in seed_gold["relations"]:
        assert text[r["start"]:r["end"]] == r["trigger"], r["id"]
        assert ev.sentence_of(r["start"], spans) == r["sent"], r["id"]
        assert {r["event_type"], *r.get("alt_event_types", [])} <= set(ev.CATEGORIES), r["id"]
        assert {r["status"], *r.get("alt_status", [])} <= STATUSES, r["id"]
        assert set(ev.countries(r["source"])) and all(ev.norm_code(c) == c for c in r["source"] + r["target"])
    rel_ids = {r["id"] for r in seed_gold["relations"]}
    claim_ids = {c["id"] for c in seed_gold["claims"]}
    for c in seed_gold["claims"]:
        assert text[c["start"]:c["end"]] == c["cue"], c["id"]
        assert ev.sentence_of(c["start"], spans) == c["sent"], c["id"]
        assert set(c.get("relations", [])) <= rel_ids and (c.get("contests") in claim_ids | {None})
        if c.get("quote"):
            assert c["quote"] in text[spans[c["sent"]][0]:spans[c["sent"]][1]]
    for p in seed_gold["contested"]:
        assert set(p["relations"]) <= rel_ids and set(p["asserted_by"] + p["denied_by"]) <= claim_ids


def _perfect_seed_tables(gold, drop=(), extra=()):
    rels = [
        {"relation_id": r["id"], "doc_id": "seed", "start": r["start"], "end": r["end"], "source": r["source"],
         "target": r["target"], "event_type": r["event_type"], "status": r["status"], "mode": r.get("mode"),
         "date": r.get("date"), "trigger": r["trigger"]}
        for r in gold["relations"] if not r.get("optional") and r["id"] not in drop
    ] + list(extra)
    claims = [
        {"claim_id": c["id"], "doc_id": "seed", "start": c["start"], "source": c["source"], "stance": c["stance"],
         "cue": c["cue"], "contests": c.get("contests")}
        for c in gold["claims"] if not c.get("optional")
    ]
    actors = [{"actor_id": a, "country": a[:3], "sector": a[3:] or None} for a in gold["actors"]]
    mentions = [{"doc_id": "seed", "start": gold["sentences"][i % 12][0], "actor_id": a} for i, a in enumerate(gold["actors"])]
    return _tables(rels, mentions, actors, claims)


def test_a_perfect_engine_scores_one_on_the_seed(seed_gold):
    m, d = ev.score_seed(seed_gold, _perfect_seed_tables(seed_gold), "seed")
    for name in ("relation_precision", "relation_recall", "relation_status_accuracy", "relation_mode_accuracy",
                 "relation_date_accuracy", "claim_precision", "claim_recall", "actor_f1", "denial_linked"):
        assert m[name]["engine"] == 1.0, name
    assert m["relation_recall"]["n"] == 12 and m["claim_recall"]["n"] == 7
    assert d["baseline_event"] == "AID" and d["baseline_stance"] == "praise"


def test_seed_scores_drop_with_a_miss_a_false_positive_and_a_wrong_status(seed_gold):
    spurious = {"relation_id": "x", "doc_id": "seed", "start": 5, "end": 9, "source": ["WST"], "target": ["RUS"],
                "event_type": "THREATEN", "status": "reported", "trigger": "West"}
    tables = _perfect_seed_tables(seed_gold, drop={"r26"}, extra=[spurious])
    tables["relations"].loc[tables["relations"]["relation_id"] == "r25", "status"] = "alleged"
    m, d = ev.score_seed(seed_gold, tables, "seed")
    assert m["relation_recall"]["engine"] == pytest.approx(11 / 12)
    assert m["relation_precision"]["engine"] == pytest.approx(11 / 12)
    assert m["relation_status_accuracy"]["engine"] == pytest.approx(10 / 11)
    assert [r["id"] for r in d["missed_relations"]] == ["r26"]


def test_denial_must_point_at_the_accusation(seed_gold):
    tables = _perfect_seed_tables(seed_gold)
    tables["claims"].loc[tables["claims"]["claim_id"] == "c08", "contests"] = "c02"
    m, _ = ev.score_seed(seed_gold, tables, "seed")
    assert m["denial_linked"]["engine"] == 0.0


# --------------------------------------------------------------------- CLI


def test_missing_plover_file_is_a_clear_error(tmp_path, capsys):
    rc = cli_main(["evaluate", "--plover", str(tmp_path / "nope.jsonl")])
    assert rc == 2
    err = capsys.readouterr().err
    assert "nope.jsonl" in err and "PLOVER gold file not found" in err


# ------------------------------------------------------------------- ratchet


def _load_floors(text: str) -> dict[str, float]:
    data = yaml.safe_load(text) or {}
    return {str(k): float(v) for k, v in (data.get("floors") or {}).items()}


@pytest.fixture(scope="module")
def scores():
    """Current scores; the PLOVER benchmark lives outside the repository (../shared) and is
    left out, with a warning, where that folder is absent."""
    benchmarks = list(ev.BENCHMARKS)
    if ev.resolve(None, ev.PLOVER_DEFAULT, "PLOVER gold file", required=False) is None:
        benchmarks.remove("plover")
        warnings.warn("PLOVER gold file not found: its floors are not checked")
    return ev.flatten(ev.evaluate_all(benchmarks=benchmarks)), set(benchmarks)


def _checked(floors: dict[str, float], ran: set[str]) -> dict[str, float]:
    return {k: v for k, v in floors.items() if k.split(".", 1)[0] in ran}


def test_floors_name_existing_metrics(scores):
    current, ran = scores
    floors = _load_floors(FLOORS.read_text(encoding="utf-8"))
    assert floors, "tests/gold/floors.yaml sets no floor"
    unknown = sorted(set(_checked(floors, ran)) - set(current))
    assert not unknown, f"floors for metrics the evaluation does not produce: {unknown}"


def test_ratchet_no_score_below_its_floor(scores):
    current, ran = scores
    floors = _checked(_load_floors(FLOORS.read_text(encoding="utf-8")), ran)
    below = {k: (round(current[k], 4), f) for k, f in floors.items() if k in current and current[k] < f}
    assert not below, f"scores dropped below their floors (score, floor): {below}"


def lowered_floors(before: dict[str, float], now: dict[str, float]) -> dict[str, tuple]:
    """Floors of ``before`` that ``now`` lowers or removes."""
    return {k: (v, now.get(k)) for k, v in before.items() if k not in now or now[k] < v}


def test_lowered_floors_are_detected():
    assert lowered_floors({"a": 0.5, "b": 0.7}, {"a": 0.6, "b": 0.7, "c": 0.1}) == {}
    assert lowered_floors({"a": 0.5, "b": 0.7}, {"a": 0.4}) == {"a": (0.5, 0.4), "b": (0.7, None)}


def test_floors_only_move_up():
    """Against the last committed floors.yaml: no floor lowered, none removed."""
    try:
        old = subprocess.run(["git", "show", "HEAD:tests/gold/floors.yaml"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("git not available")
    if old.returncode != 0:
        pytest.skip("floors.yaml not committed yet")
    lowered = lowered_floors(_load_floors(old.stdout), _load_floors(FLOORS.read_text(encoding="utf-8")))
    assert not lowered, f"floors lowered or removed (committed, now): {lowered}"


# ------------------------------------------------------------------- records


def test_records_scoring_with_a_stub_engine(tmp_path, monkeypatch):
    (tmp_path / "r.yaml").write_text(
        "records:\n"
        "  - id: a\n"
        "    text: 'The Kremlin praised Pyongyang.'\n"
        "    date: 2024-11-20\n"
        "    actors: [RUSGOV, PRK]\n"
        "    relations:\n"
        "      - {source: [RUSGOV], target: [PRK], event: SUPPORT, status: reported}\n"
        "    claims:\n"
        "      - {source: [RUSGOV], stance: praise, about: [PRK]}\n"
        "  - id: b\n"
        "    text: 'Nothing happened in Seoul.'\n"
        "    actors: []\n"
        "    relations: []\n"
        "    claims: []\n"
        "  - id: c\n"
        "    text: 'Russia denied it; Japan accused Russia.'\n"
        "    actors: [RUS, JPN]\n"
        "    relations:\n"
        "      - {source: [JPN], target: [RUS], event: ACCUSE, status: reported}\n"
        "    claims:\n"
        "      - {source: [JPN], stance: accuse, about: [RUS]}\n"
        "      - {source: [RUS], stance: deny, about: [JPN], contests: 0}\n"
    )

    def fake_annotate(docs):
        assert list(docs["doc_id"]) == ["rec0000", "rec0001", "rec0002"]
        assert docs["date"].tolist()[0] == "2024-11-20"
        actors = [{"actor_id": a, "country": a[:3], "sector": a[3:] or None, "kind": "state"}
                  for a in ("RUSGOV", "PRK", "KOR", "RUS", "JPN")]
        mentions = [{"doc_id": d, "start": i, "actor_id": a} for d, ids in
                    (("rec0000", ["RUSGOV", "PRK"]), ("rec0001", ["KOR"]), ("rec0002", ["RUS", "JPN"]))
                    for i, a in enumerate(ids)]
        relations = [
            _rel("x1", "rec0000", 12, "SUPPORT", ["RUSGOV"], ["PRK"]),
            _rel("x2", "rec0001", 0, "ASSAULT", ["KOR"], []),  # spurious: a record without events
            _rel("x3", "rec0002", 23, "ACCUSE", ["JPN"], ["RUS"], status="alleged"),
        ]
        claims = [
            {"claim_id": "k1", "doc_id": "rec0000", "start": 12, "source": ["RUSGOV"], "stance": "praise", "contests": None},
            {"claim_id": "k2", "doc_id": "rec0002", "start": 0, "source": ["RUS"], "stance": "deny", "contests": "k3"},
            {"claim_id": "k3", "doc_id": "rec0002", "start": 23, "source": ["JPN"], "stance": "accuse", "contests": None},
        ]
        return _tables(relations, mentions, actors, claims)

    monkeypatch.setattr(ev_records, "annotate_texts", fake_annotate)
    quads, _ = ev.load_quad_classes()
    res = ev.evaluate_records(tmp_path, quads, ev_plover.valid_modes_of())
    m = res["metrics"]
    assert res["n"] == 3
    assert m["event_accuracy"]["engine"] == 1.0 and m["event_accuracy"]["n"] == 2
    assert m["relation_recall"]["engine"] == 1.0
    assert m["relation_precision"]["engine"] == pytest.approx(2 / 3)
    assert m["relation_status_accuracy"]["engine"] == 0.5
    assert m["no_event_correct"]["engine"] == 0.0 and m["no_event_correct"]["n"] == 1
    assert m["claim_precision"]["engine"] == 1.0 and m["claim_recall"]["engine"] == 1.0
    assert m["denial_linked"]["engine"] == 1.0 and m["denial_linked"]["n"] == 1
    assert m["actor_f1"]["engine"] == pytest.approx(8 / 9)  # KOR is spurious: tp 4 fp 1 fn 0


# ------------------------------------------------------- helpers added later


def test_unresolved_names_and_trigger_offsets():
    assert ev.norm_code("UNK:Tom King") == "UNK" and ev.countries(["UNK:Elias Hrawi", "SYR"]) == {"UNK", "SYR"}
    text = "Putin thanked Kim, then Putin visited Pyongyang."
    # the relation span runs from its source to its target; the trigger is looked up inside it
    r = {"start": 24, "end": 47, "trigger": "visited"}
    assert ev.trigger_offset(r, text) == 30
    assert ev.trigger_offset(r) == 24 and ev.trigger_offset({"start": None}) == float("inf")
    rels = [{"relation_id": "a", "start": 0, "end": 17, "trigger": "visited", "status": "reported"},  # not in span
            {"relation_id": "b", "start": 0, "end": 17, "trigger": "thanked", "status": "reported"}]
    assert ev.main_relation(rels, text)["relation_id"] == "b"


def test_sector_accuracy_found_only_counts_found_countries():
    pairs = [("HUN", "GOV"), ("ROU", "GOV"), ("ISR", "MIL")]
    assert ev.sector_hits(pairs, ["HUNGOV", "ISR"], found_only=True) == (1, 2)


def test_quad_classes_read_from_the_lexicon():
    plover = {("AGREE", ""): PloverClass("AGREE", "", 1, 2.5),
              ("ASSAULT", "aerial"): PloverClass("ASSAULT", "aerial", 3, -9.0),  # a mode row is not the base
              ("ASSAULT", ""): PloverClass("ASSAULT", "", 4, -10.0)}
    assert ev_plover._quads_from_lexicon(plover) == {"AGREE": 1, "ASSAULT": 4}
    quads, source = ev.load_quad_classes()
    assert source == "plover.yaml" and quads["AID"] == 2 and quads["ASSAULT"] == 4
    assert "visit" in ev_plover.valid_modes_of()["CONSULT"]


# ------------------------------------------------------- attribution dev set and actor probe


def test_attribution_scores_spans_by_cue_overlap_and_token_f1():
    from accord.evaluate.attribution import score_attributions, token_f1

    assert token_f1("the Russian foreign ministry", "Russian foreign ministry") == pytest.approx(6 / 7)
    assert token_f1(None, None) == 1.0 and token_f1("a b", None) == 0.0
    text = "Analysts said the sanctions would fail, and officials warned of more."
    gold = [{"cue_span": (9, 13), "source": "Analysts", "content": "the sanctions would fail", "stance": "assert"},
            {"cue_span": (54, 60), "source": "officials", "content": "more", "stance": "warn"}]
    pred = [{"cue_span": (9, 13), "source": "Analysts", "content": "the sanctions would fail, and", "stance": "assert"},
            {"cue_span": (0, 8), "source": None, "content": "x", "stance": "assert"}]
    s = score_attributions([{"id": "a", "text": text, "attributions": gold}], {"a": pred})
    assert (s["cue_precision"], s["cue_recall"]) == (0.5, 0.5)
    assert s["source_exact"] == 1.0 and s["content_exact"] == 0.0
    assert s["content_token_f1"] == pytest.approx(token_f1("the sanctions would fail", "the sanctions would fail, and"))


def test_probe_passes_a_name_coded_as_expected_and_a_non_actor_left_uncoded():
    from accord.evaluate.probe import score_probes

    probes = [{"id": "p1", "kind": "person", "text": "Trump spoke.", "date": "2023-01-01", "name": "Trump", "expect": "USAELI"},
              {"id": "p2", "kind": "not_actor", "text": "A Shahed drone.", "date": "2024-01-01", "name": "Shahed", "expect": None},
              {"id": "p3", "kind": "person", "text": "Sunak spoke.", "date": "2025-01-01", "name": "Sunak",
               "expect": ["GBRELI", "GBRLEG"]}]
    mentions = [{"doc_id": "p1", "start": 0, "end": 5, "actor_id": "USAGOV"},
                {"doc_id": "p3", "start": 0, "end": 5, "actor_id": "GBRLEG"}]
    metrics, failures = score_probes(probes, mentions)
    assert metrics["accuracy"]["engine"] == pytest.approx(2 / 3)
    assert metrics["accuracy_not_actor"]["engine"] == 1.0
    assert [f["id"] for f in failures] == ["p1"] and failures[0]["found"] == ["USAGOV"]
