"""An analyst's corrections: checked with path and line, applied on every run (in memory, CSV, Parquet), marked,
and a correction that no longer matches is reported, never silently ignored."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import accord
from accord.cli import main
from accord.corrections import load_corrections
from accord.dataset.scale import annotate_dataset
from accord.errors import CorrectionsError

# d1: R001 RUS -> PRK AID "sent" [0, 39); R002 IGOUNO -> IRN ACCUSE "condemned" [51, 84)
TEXTS = {
    "d1": ("2024-06-18", "Russia sent fighter jets to North Korea on Monday. The United Nations condemned Iran. "
                         "Officials said Zorbania Kladovsk met Putin."),
    "d2": ("2024-07-01", "China praised Russia."),
}

GOOD = """\
corrections:
  - id: jets-alleged
    doc: d1
    span: [0, 50]
    set: {event_type: SUPPORT, status: alleged, target: [PRKGOV]}
    reason: the jets were only alleged in later reports
  - doc: news/d1.txt          # the path, as the documents table records it
    span: [51, 84]
    drop: true
    reason: the UN did not condemn Iran in this story
  - id: stale
    doc: d1
    span: [0, 5]
    drop: true
    reason: a row an older engine gave
  - id: elsewhere
    doc: d9
    span: [0, 10]
    drop: true
    reason: a document of another week
"""


def _write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, (date, text) in TEXTS.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc_id}.meta.yaml").write_text(f"date: {date}\n", encoding="utf-8")
    return folder


def _documents():
    from accord.readers import Document

    return [Document(doc_id=k, path=f"news/{k}.txt", date=d, text=t) for k, (d, t) in TEXTS.items()]


@pytest.fixture(scope="module")
def corrections_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corr") / "corrections.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plain():
    return accord.annotate(_documents())


@pytest.fixture(scope="module")
def corrected(corrections_file):
    return accord.annotate(_documents(), corrections=corrections_file)


def _row(result, table, rid):
    df = result[table]
    return df[df[f"{table[:-1] if table == 'relations' else 'claim'}_id"] == rid].iloc[0]


def test_the_uncorrected_engine_gives_the_rows_the_corrections_name(plain):
    r = plain["relations"].set_index("relation_id")
    assert (r.loc["d1:R001", "event_type"], r.loc["d1:R001", "start"], r.loc["d1:R001", "end"]) == ("AID", 0, 39)
    assert (r.loc["d1:R002", "event_type"], r.loc["d1:R002", "start"], r.loc["d1:R002", "end"]) == ("ACCUSE", 51, 84)
    assert plain["relations"]["corrected"].isna().all()
    assert plain["claims"]["corrected"].isna().all()


def test_set_changes_the_row_and_marks_it(corrected):
    r = corrected["relations"].set_index("relation_id").loc["d1:R001"]
    assert (r.event_type, r.status, list(r.target)) == ("SUPPORT", "alleged", ["PRKGOV"])
    assert r.quad_class == 1 and r.score > 0  # the new event type's PLOVER class, not the old one's
    assert pd.isna(r.cameo)
    assert r.corrected == "jets-alleged: the jets were only alleged in later reports"
    untouched = corrected["relations"].set_index("relation_id").loc["d2:R001"]
    assert pd.isna(untouched.corrected)
    # a code a correction brings is in the actors table
    assert "PRKGOV" in set(corrected["actors"].actor_id)


def test_drop_by_path_removes_the_row_and_every_reference_to_it(corrected):
    rel = corrected["relations"]
    assert "d1:R002" not in set(rel.relation_id)
    assert all("d1:R002" not in ids for ids in corrected["claims"]["relations"])
    assert len(rel) == 3


def test_a_correction_that_matches_nothing_is_an_error_row_with_file_and_line(corrected, corrections_file, capfd):
    err = corrected["errors"]
    stale = err[err.stage == "correct"]
    assert len(stale) == 1
    row = stale.iloc[0]
    assert (row.path, row.line, row.doc_id) == (str(corrections_file), 11, "d1")
    assert "stale" in row.error and "matches no row" in row.error
    # a correction of a document not in this corpus is counted, not an error
    assert not (err.doc_id == "d9").any()


def test_the_run_says_what_the_corrections_did(corrections_file, capfd):
    accord.annotate(_documents(), corrections=corrections_file)
    msg = capfd.readouterr().err
    assert "corrections: 2 applied, 1 unmatched, 1 absent" in msg
    assert f"{corrections_file}, line 11" in msg
    assert f"{corrections_file}, line 7: dropped d1:R002: the UN did not condemn Iran" in msg  # a drop leaves a trace


@pytest.mark.parametrize("body, line, words", [
    ("corrections:\n  - doc: d1\n    span: [0, 5]\n    set: {event_type: HUG}\n    reason: x\n", 4,
     "not a PLOVER event type"),
    ("corrections:\n  - doc: d1\n    span: [0, 5]\n    set: {source: [XXXGOV]}\n    reason: x\n", 4,
     "unknown actor code"),
    ("corrections:\n  - doc: d1\n    span: [0, 5]\n    drop: true\n", 2, "needs 'reason'"),
    ("corrections:\n  - doc: d1\n    span: [5, 1]\n    drop: true\n    reason: x\n", 3, "'span'"),
    ("corrections:\n  - doc: d1\n    span: [0, 5]\n    drop: true\n    set: {status: alleged}\n    reason: x\n", 2,
     "exactly one of"),
    ("corrections:\n  - doc: d1\n    span: [0, 5]\n    set: {status: rumoured}\n    reason: x\n", 4,
     "status 'rumoured'"),
    ("corrections:\n  - doc: d1\n    span: [0, 5]\n    drop: true\n    reason: x\n    colour: red\n", 6,
     "unknown field"),
    ("corrections:\n  - doc: d1\n    span: [0, 5\n", 4, "YAML"),
])
def test_a_bad_corrections_file_is_refused_with_path_line_and_problem(tmp_path, body, line, words):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorrectionsError) as info:
        load_corrections(path, accord.load_lexicon())
    assert info.value.path == str(path)
    assert info.value.line == line, str(info.value)
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_a_bad_file_stops_the_run_before_any_annotation(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("corrections:\n  - doc: d1\n    span: [0, 5]\n    set: {event_type: HUG}\n    reason: x\n")
    calls = []

    def docs():
        calls.append(1)
        yield from _documents()

    with pytest.raises(CorrectionsError):
        accord.annotate(docs(), corrections=path)
    assert not calls


def test_cli_csv_run_applies_the_corrections_and_a_rerun_keeps_them(tmp_path, corrections_file, plain):
    corpus = _write_corpus(tmp_path / "news")
    good = GOOD.replace("news/d1.txt", str(corpus / "d1.txt"))
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(good, encoding="utf-8")
    for out in ("week1", "week2"):  # the next weekly run applies the same file again
        assert main(["annotate", str(corpus), "--format", "csv", "--out", str(tmp_path / out),
                     "--corrections", str(fixes)]) == 0
        rel = accord.read_tables(tmp_path / out)["relations"]
        assert len(rel) == len(plain["relations"]) - 1
        hit = rel[rel.relation_id == "d1:R001"].iloc[0]
        assert (hit.event_type, hit.corrected.split(":")[0]) == ("SUPPORT", "jets-alleged")
        assert (rel.corrected.notna()).sum() == 1


def test_parquet_dataset_stores_the_corrections_and_applies_them_on_every_read(tmp_path, corrected):
    corpus = _write_corpus(tmp_path / "news")
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(GOOD.replace("news/d1.txt", str(corpus / "d1.txt")), encoding="utf-8")
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, corrections=fixes, progress=False, durable=False)
    got = accord.read_tables(out)
    rel = got["relations"].set_index("relation_id")
    assert "d1:R002" not in rel.index
    assert rel.loc["d1:R001", "event_type"] == "SUPPORT"
    assert rel.loc["d1:R001", "corrected"].startswith("jets-alleged")
    assert "PRKGOV" in set(got["actors"].actor_id)
    assert (got["errors"].stage == "correct").sum() == 1
    # a later run without --corrections keeps the stored file: the fix survives
    annotate_dataset(corpus, out, workers=0, progress=False, durable=False)
    assert accord.read_tables(out)["relations"].set_index("relation_id").loc["d1:R001", "event_type"] == "SUPPORT"


def test_a_dataset_annotated_with_an_analyst_lexicon_is_corrected_with_it(tmp_path):
    """The stored corrections are applied with the lexicon the dataset was annotated with, not the
    packaged one (issue 21's second defect): a code only the analyst's lexicon knows gets its name."""
    corpus = _write_corpus(tmp_path / "news")
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n  - {id: XKL, kind: org, code: XKL, name: Kladovsk Brigade, "
                    "names: [Kladovsk Brigade]}\n", encoding="utf-8")
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text("corrections:\n  - doc: d1\n    span: [0, 50]\n    set: {target: [XKL]}\n"
                     "    reason: the jets went to the brigade\n", encoding="utf-8")
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, lexicon=mine, workers=0, corrections=fixes, progress=False, durable=False)
    mine.unlink()  # the dataset keeps what it needs: the analyst's file may move or change
    got = accord.read_tables(out)
    assert list(got["relations"].set_index("relation_id").loc["d1:R001", "target"]) == ["XKL"]
    row = got["actors"].set_index("actor_id").loc["XKL"]
    assert (row["name"], row["kind"]) == ("Kladovsk Brigade", "org")


# -- corrections that disagree (issue 22, item 12) ----------------------------------------------

def _fix(line: int, **kw) -> "Correction":
    from accord.corrections import Correction

    base = {"doc": "d1", "start": 0, "end": 50, "reason": f"the fix of line {line}", "path": "fixes.yaml",
            "line": line}
    return Correction(**{**base, **kw})


def _apply(plain, *fixes):
    from accord.corrections import apply_corrections, summary

    out, report = apply_corrections(plain, list(fixes), accord.load_lexicon())
    errors = out["errors"][out["errors"].stage == "correct"]
    return out, report, list(errors.error), summary(report)


def test_two_corrections_of_one_row_that_disagree_are_reported(plain):
    """The last still holds, but the analyst is told: a silent last-wins hid a disagreement."""
    out, report, errors, said = _apply(plain, _fix(2, set={"event_type": "SUPPORT"}),
                                       _fix(8, set={"event_type": "CONSULT", "status": "alleged"}),
                                       _fix(14, set={"status": "alleged"}))  # agrees with line 8: no conflict
    assert _row(out, "relations", "d1:R001").event_type == "CONSULT"
    assert list(report.outcome) == ["applied"] * 3 and [bool(n) for n in report.notes] == [False, True, False]
    want = ("fixes.yaml, line 8: correction sets event_type of d1:R001 to 'CONSULT', which the correction at "
            "line 2 set to 'SUPPORT'; the later one (line 8) holds")
    assert [e for e in errors if "line 2" in e] == [want.split(": ", 1)[1]]
    assert f"accord: {want}" in said
    # a drop of a row an earlier correction changed: the drop holds, and is reported too
    _, report, errors, _ = _apply(plain, _fix(2, set={"event_type": "SUPPORT"}), _fix(8, drop=True))
    assert list(report.outcome) == ["applied", "applied"]
    assert errors == ["correction drops d1:R001, which the correction at line 2 changed; the drop (line 8) holds"]


def test_a_correction_of_a_row_dropped_before_says_so(plain):
    """Not "the engine's output changed": the row is gone because an earlier correction dropped it."""
    _, report, errors, said = _apply(plain, _fix(2, drop=True), _fix(8, set={"status": "alleged"}))
    assert list(report.outcome) == ["applied", "dropped"]
    assert errors == ["correction matches only rows that the correction at line 2 dropped (d1:R001): "
                      "the fix of line 8"]
    assert "engine" not in " ".join(errors) + said


def test_messages_about_corrections_quote_values_cut_short(plain):
    huge = "x" * 5_000_000
    _, _, errors, said = _apply(plain, _fix(2, id="y" * 100_000, doc="d1", start=0, end=5, reason=huge, drop=True),
                                _fix(8, reason=huge, set={"source": ["UNK:" + huge]}),
                                _fix(14, reason=huge, set={"source": ["RUS"]}), _fix(20, drop=True, reason=huge),
                                _fix(26, reason=huge, set={"status": "alleged"}))
    assert errors and all(len(e) < 1_000 for e in errors)
    assert all(len(line) < 1_000 for line in said.splitlines())
    assert "5,000,000 characters in all" in said


def test_corrections_are_found_by_document_not_by_scanning_every_row(tmp_path):
    """60,000 corrections took 93 s on every read of a dataset: each scanned the whole table. Now 2,000
    corrections cost less than rebuilding the tables they apply to (they took 4 times as much)."""
    import importlib.util
    import time

    from accord.corrections import Correction, apply_corrections

    spec = importlib.util.spec_from_file_location("bench_events", Path(__file__).parents[2] / "benchmarks"
                                                  / "bench_events.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lexicon = accord.load_lexicon()
    result = bench.build(40_000, seed=1)  # 2,000 documents of 20 relations
    fixes = [Correction(doc=d, start=0, end=100, reason="every row of this document is alleged",
                        set={"status": "alleged"}, path="fixes.yaml", line=i + 2)
             for i, d in enumerate(result["documents"]["doc_id"])]

    def cpu(corrections: list) -> float:
        t = time.process_time()
        out, report = apply_corrections(result, corrections, lexicon)
        assert (report.outcome == "applied").all() and (out["relations"].status == "alleged").all() == bool(
            corrections)
        return time.process_time() - t

    rebuild, corrected = cpu([]), cpu(fixes)
    assert corrected < 2 * rebuild, f"{rebuild:.2f} s without corrections, {corrected:.2f} s with 2,000"
