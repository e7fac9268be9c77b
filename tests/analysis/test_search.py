"""Search the evidence: words, actor (code or name), date window; fast on 10^5 rows (real annotate, real CLI)."""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pandas as pd
import pytest

import accord
from accord.analysis.search import evidence_frame, search
from accord.cli import main
from accord.errors import ParameterError
from accord.readers import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result():
    docs = [
        Document(doc_id="a", path="a.txt", date="2024-06-18",
                 text="Russia sent fighter jets to North Korea on Monday. China praised Russia."),
        Document(doc_id="b", path="b.txt", date="2023-10-02",
                 text="Last September, Putin met Kim Jong Un. Iran denied sending drones to Russia."),
    ]
    return accord.annotate(docs)


def _ids(df: pd.DataFrame) -> list[str]:
    return list(df.row_id)


def test_the_evidence_frame_holds_every_relation_and_claim(result):
    frame = evidence_frame(result)
    assert len(frame) == len(result["relations"]) + len(result["claims"])
    assert set(frame.kind) == {"relation", "claim"}


def test_words_begin_words_in_any_case_and_all_must_match(result):
    assert _ids(search(result, words="JET")) == ["a:R001"]  # "jets"
    assert _ids(search(result, words=["fighter jets", "korea"])) == ["a:R001"]
    assert search(result, words=["jets", "China"]).empty
    assert search(result, words="ets").empty  # not inside a word


def test_actor_code_finds_its_sectors_and_a_name_finds_its_codes(result):
    rus = search(result, actor="RUS")
    assert set(rus.row_id) >= {"a:R001", "a:R002"}
    assert any("RUSGOV" in s for s in rus.source)  # Putin, found by RUS
    by_name = search(result, actor="North Korea")
    assert "a:R001" in set(by_name.row_id)
    assert all("PRK" in f"{s};{t}" for s, t in zip(by_name.source, by_name.target))
    with pytest.raises(ParameterError, match="Atlantis"):
        search(result, actor="Atlantis")


def test_dates_use_the_event_date_else_the_document_date_and_keep_their_precision(result):
    frame = evidence_frame(result)
    met = frame[frame.evidence.str.startswith("Last September")].iloc[0]
    assert (met.date, met.dated_by) == ("2023-09", "event")
    # a month overlaps a window that starts inside it
    assert met.row_id in set(search(result, start="2023-09-20", end="2023-09-30").row_id)
    assert met.row_id not in set(search(result, start="2023-10-01").row_id)
    june = search(result, start="2024-06-01", end="2024-06-30")
    assert set(june.doc_id) == {"a"} and "document" in set(june.dated_by)  # claims carry the document date
    with pytest.raises(ParameterError, match="last week"):
        search(result, start="last week")


def test_cli_prints_matches_and_writes_a_safe_csv(result, tmp_path, capsys):
    accord.write_tables(result, tmp_path / "t", "csv")
    out = tmp_path / "hits.csv"
    assert main(["search", str(tmp_path / "t"), "--words", "jets", "--actor", "RUS", "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "a:R001" in printed and "Russia sent fighter jets" in printed and "1 matching rows" in printed
    assert printed.startswith("2024-06-17  relation a:R001: RUS -> PRK AID reported")  # "on Monday"
    assert list(pd.read_csv(out).row_id) == ["a:R001"]


def test_a_year_of_news_is_searched_in_under_a_second_of_cpu():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "benchmarks" / "bench_search.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    tables = bench.build(100_000)
    frame = evidence_frame(tables)
    assert len(frame) == 100_000
    t = time.process_time()
    hits = search(frame, words="sanction", actor="PRK", start="2024-01-01", end="2024-12-31", actors=tables["actors"])
    cpu = time.process_time() - t
    assert len(hits) > 0
    assert cpu < 1.0, f"{cpu:.2f} s of CPU for 10^5 rows"


# -- issue 22, item 14: dates are validated, and case is folded safely ------------------------------------------


@pytest.mark.parametrize("window", [{"start": "2024-02-30"}, {"end": "2024-99-99"}, {"start": "2024-13"},
                                    {"start": "2024-07-01", "end": "2024-06-01"}])
def test_impossible_dates_and_empty_windows_are_refused(result, window):
    name, value = next(iter(window.items()))
    with pytest.raises(ParameterError, match=f"{name}: '?{value}'?|empty date window"):
        search(result, **window)


def test_a_date_with_a_trailing_newline_is_the_same_date(result):
    want = _ids(search(result, start="2024-06-18", end="2024-06-18"))
    assert want
    assert _ids(search(result, start="2024-06-18\n", end="2024-06-18\n")) == want


def test_case_is_folded_by_unicode_rules_not_per_letter(result):
    frame = evidence_frame(result)
    for evidence in (frame, frame.astype(object)):  # pandas' str columns, and object ones (pandas < 3, by hand)
        assert search(evidence, words="İ").empty  # the dotted capital I is not any i
        assert search(evidence, words="İran").empty
        assert _ids(search(evidence, words="IRAN")) == _ids(search(evidence, words="iran")) != []
    docs = [Document(doc_id="t", path="t.txt", date="2024-06-18",
                     text="Iran praised Russia in İstanbul. Iran praised Straße officials.")]
    frame = evidence_frame(accord.annotate(docs))
    assert set(search(frame, words="İSTANBUL").evidence) == {"Iran praised Russia in İstanbul."}
    assert set(search(frame, words="STRASSE").evidence) == {"Iran praised Straße officials."}  # ß folds to ss


def test_cli_refuses_an_impossible_date_in_accord_words(result, tmp_path, capsys):
    accord.write_tables(result, tmp_path / "t", "csv")
    assert main(["search", str(tmp_path / "t"), "--from", "2024-02-30"]) == 2
    err = capsys.readouterr().err
    assert "2024-02-30" in err and "Traceback" not in err
