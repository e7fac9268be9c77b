"""The engine end to end: the seed's key facts, offsets that slice back to the text, batches with bad documents."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from accord.dataset.source import write_tables
import accord
from accord import tables
from accord.readers import Document

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed():
    return accord.annotate(SEED_DIR)


def _rel(result, source, target, event, status=None):
    r = result["relations"]
    hit = r[(r.event_type == event)
            & r.source.map(lambda s: set(s) == set(source))
            & r.target.map(lambda t: set(t) == set(target))]
    if status is not None:
        hit = hit[hit.status == status]
    assert len(hit) >= 1, f"no {event} {source}->{target} {status or ''} in\n{r[['source', 'target', 'event_type', 'status', 'trigger']]}"
    return hit.iloc[0]


def _text(result, doc_id):
    docs = result["documents"]
    return docs.loc[docs.doc_id == doc_id, "text"].iloc[0]


def _assert_points_back(result, row):
    """The row's offsets slice to words inside its evidence sentence, and its trigger is among them."""
    text = _text(result, row.doc_id)
    words = text[row.start:row.end]
    assert words and words in row.evidence
    if "trigger" in row:
        assert row.trigger in words


def test_the_seed_is_one_document_with_its_date(seed):
    docs = seed["documents"]
    assert list(docs.doc_id) == ["putin-pyongyang-visit-2024-06"]
    assert docs.date.iloc[0] == "2024-06-18"
    assert seed["errors"].empty


def test_accusation_by_us_and_south_korean_officials(seed):
    acc = _rel(seed, ["USAGOV", "KORGOV"], ["PRK"], "ACCUSE", "reported")
    _assert_points_back(seed, acc)
    supply = _rel(seed, ["PRK"], ["RUS"], "AID", "alleged")
    assert supply.context == "military"
    claims = seed["claims"]
    accusation = claims[(claims.stance == "accuse") & claims.source.map(lambda s: set(s) == {"USAGOV", "KORGOV"})]
    assert len(accusation) == 1
    accusation = accusation.iloc[0]
    assert {"PRK", "RUS"} <= set(accusation.about)
    asserted = seed["relations"].set_index("relation_id").loc[accusation.relations]
    assert ((asserted.event_type == "AID") & (asserted.status == "alleged")).any()
    assert accusation.source_text == "US and South Korean officials"
    _assert_points_back(seed, accusation)


def test_denial_by_north_korea_and_russia_is_linked_to_the_accusation(seed):
    claims = seed["claims"].set_index("claim_id")
    denial = claims[claims.stance == "deny"]
    assert len(denial) == 1
    assert set(denial.iloc[0].source) == {"PRK", "RUS"}
    contested = claims.loc[denial.iloc[0].contests]
    assert contested.stance == "accuse" and set(contested.source) == {"USAGOV", "KORGOV"}
    _rel(seed, ["PRK"], ["RUS"], "AID", "denied")


def test_putins_visit_to_and_praise_of_north_korea(seed):
    visit = _rel(seed, ["RUSGOV"], ["PRK"], "CONSULT")
    assert visit["mode"] == "visit"
    _assert_points_back(seed, visit)
    praise = _rel(seed, ["RUSGOV"], ["PRK"], "SUPPORT")
    assert praise.quad_class == 1 and praise.score > 0
    claims = seed["claims"]
    assert ((claims.stance == "praise") & claims.source.map(lambda s: s == ["RUSGOV"])).sum() >= 2


def test_alleged_exchange_of_weapons_for_economic_aid_and_technology(seed):
    _rel(seed, ["PRK"], ["RUS"], "AID", "alleged")
    back = seed["relations"]
    back = back[(back.event_type == "AID") & back.source.map(lambda s: s == ["RUS"])
                & back.target.map(lambda t: t == ["PRK"]) & (back.status == "alleged")]
    assert {"economic", "technology"} <= {c for ctx in back.context for c in ctx.split(";")}


def test_russia_and_china_block_us_led_sanctions(seed):
    block = _rel(seed, ["RUS", "CHN"], ["USA"], "REJECT")
    assert block.trigger == "blocking"
    _assert_points_back(seed, block)
    sanction = _rel(seed, ["USA"], ["PRK"], "SANCTION")  # the PLOVER manual: sanctions are SANCTION discontinue
    assert sanction.status == "planned"


def test_kims_visit_to_russia_is_dated_september_2023(seed):
    visit = _rel(seed, ["PRKGOV"], ["RUS"], "CONSULT")
    assert visit.date == "2023-09"
    assert visit.trigger == "visit"


def test_every_row_points_back_to_its_words(seed):
    text = _text(seed, "putin-pyongyang-visit-2024-06")
    for m in seed["mentions"].itertuples():
        assert text[m.start:m.end] == m.text
    for name in ("relations", "claims"):
        for row in seed[name].itertuples():
            assert text[row.start:row.end] in row.evidence
            assert row.evidence in text


def test_actors_table_codes_and_counts(seed):
    actors = seed["actors"].set_index("actor_id")
    assert actors.loc["RUSGOV", "sector"] == "GOV" and actors.loc["RUSGOV", "country"] == "RUS"
    assert actors.loc["PRK", "kind"] == "state"
    assert actors.loc["WST", "kind"] == "bloc"
    mentions = seed["mentions"]
    assert actors.loc["PRK", "n_mentions"] == (mentions.actor_id == "PRK").sum() > 0
    assert set(mentions.actor_id) <= set(actors.index)


def test_same_input_gives_identical_tables(seed, tmp_path):
    again = accord.annotate(SEED_DIR)
    for name in tables.TABLE_NAMES:
        pd.testing.assert_frame_equal(seed[name], again[name])
    a, b = tmp_path / "a", tmp_path / "b"
    write_tables(seed, a)
    write_tables(again, b)
    for name in tables.TABLE_NAMES:
        assert (a / f"{name}.csv").read_bytes() == (b / f"{name}.csv").read_bytes()


def test_tables_round_trip_through_csv_and_parquet(seed, tmp_path):
    for fmt in ("csv", "parquet"):
        write_tables(seed, tmp_path / fmt, fmt)
        back = accord.read_tables(tmp_path / fmt)
        for name in tables.TABLE_NAMES:
            pd.testing.assert_frame_equal(back[name], seed[name], check_dtype=False)


def test_csv_joins_lists_with_semicolons(seed, tmp_path):
    write_tables(seed, tmp_path)
    raw = pd.read_csv(tmp_path / "relations.csv", dtype=str)
    assert "USAGOV;KORGOV" in set(raw.source)


def test_a_bad_document_in_a_folder_costs_nothing_else(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Russia accused Ukraine of shelling Kursk.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = accord.annotate(tmp_path)
    assert list(result["documents"].doc_id) == ["good"]
    errors = result["errors"]
    assert sorted(Path(p).name for p in errors.path) == ["bad.txt", "empty.txt"]
    assert (errors.stage == "read").all()
    assert "bad.txt" in capsys.readouterr().err


def test_a_bad_line_in_jsonl_is_listed_and_the_rest_annotated(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "a", "text": "Putin visited Pyongyang.", "date": "2024-06-19"}),
             "{not json",
             json.dumps({"id": "b", "text": "Kim Jong Un praised Russia."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = accord.annotate(path)
    assert list(result["documents"].doc_id) == ["a", "b"]
    assert list(result["errors"].line) == [2]
    assert len(result["relations"]) >= 2


def test_missing_path_is_a_clear_error():
    with pytest.raises(accord.errors.InputError, match="no-such-corpus"):
        accord.annotate("no-such-corpus")


def test_cli_writes_the_tables_and_a_summary(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "annotate", str(SEED_DIR), "--out", str(out),
                           "--format", "csv"],
                          capture_output=True, text=True, check=True)
    assert "relations:" in proc.stdout and "ACCUSE" in proc.stdout
    for name in tables.TABLE_NAMES:
        assert (out / f"{name}.csv").exists()
    back = accord.read_tables(out)
    assert len(back["relations"]) > 5


def test_cli_reports_a_missing_path_with_exit_code_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "annotate", str(tmp_path / "nope"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "Traceback" not in proc.stderr


def test_an_analyst_lexicon_extends_the_packaged_one(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: XWG, kind: org, code: XWG, name: Wagner Group, names: [Wagner Group], country: RUS}\n",
                     encoding="utf-8")
    doc = [Document("d", "mem", "The Wagner Group attacked Ukraine.", date="2023-01-01")]
    assert "XWG" not in set(accord.annotate(doc)["mentions"].actor_id)
    assert "XWG" in set(accord.annotate(doc, lexicon=extra)["mentions"].actor_id)


def test_the_wests_concern_is_a_claim_about_moscow_and_pyongyang(seed):
    claims = seed["claims"]
    concern = claims[(claims.stance == "concern") & claims.source.map(lambda s: s == ["WST"])]
    assert len(concern) >= 1
    assert {"RUS", "PRK"} <= set(concern.iloc[0].about)
