"""Corrections that help the analyst fix them (issue 23, item 4): an unmatched correction shows the rows
its span overlaps, a mistyped document id gets the nearest id, a span past the end says so, `set` takes
names, the run counts correction errors, and reports say which rows the analyst corrected."""
from __future__ import annotations

from pathlib import Path

import pytest

import accord
from accord.cli import main
from accord.corrections import apply_corrections, load_corrections, summary
from accord.dataset.scale import annotate_dataset
from accord.errors import CorrectionsError

DOC = "putin-visit-2024-06"
# R001 RUS -> PRK AID "sent" [0, 39); R002 IGOUNO -> IRN ACCUSE "condemned" [51, 84)
TEXT = "Russia sent fighter jets to North Korea on Monday. The United Nations condemned Iran."
N_CHARS = len(TEXT)


def _documents():
    from accord.readers import Document

    return [Document(doc_id=DOC, path=f"news/{DOC}.txt", date="2024-06-18", text=TEXT)]


@pytest.fixture(scope="module")
def plain():
    return accord.annotate(_documents())


def _write(tmp_path: Path, body: str, name: str = "fixes.yaml") -> Path:
    path = tmp_path / name
    path.write_text("corrections:\n" + body, encoding="utf-8")
    return path


def _errors(out) -> list[str]:
    err = out["errors"]
    return list(err[err.stage == "correct"].error)


def test_the_engine_gives_the_rows_these_tests_name(plain):
    r = plain["relations"].set_index("relation_id")
    assert (r.loc[f"{DOC}:R001", "event_type"], r.loc[f"{DOC}:R001", "start"], r.loc[f"{DOC}:R001", "end"]) \
        == ("AID", 0, 39)
    assert (r.loc[f"{DOC}:R002", "event_type"], r.loc[f"{DOC}:R002", "start"]) == ("ACCUSE", 51)


def test_an_unmatched_correction_lists_the_rows_its_span_overlaps(tmp_path, plain):
    """A span that cuts a row in two matches nothing: the message shows the row, so the analyst sees the fix."""
    fixes = _write(tmp_path, f"  - doc: {DOC}\n    span: [0, 20]\n    drop: true\n    reason: the jets\n")
    out, report = apply_corrections(plain, load_corrections(fixes, accord.load_lexicon()), accord.load_lexicon())
    assert list(report.outcome) == ["unmatched"]
    (error,) = _errors(out)
    assert f"rows of relations that overlap it: {DOC}:R001 [0, 39) AID" in error
    assert f"{DOC}:R002" not in error  # it does not overlap [0, 20)
    assert f"{DOC}:R001 [0, 39) AID" in summary(report)


def test_an_unmatched_correction_without_overlap_shows_the_nearest_rows(tmp_path, plain):
    fixes = _write(tmp_path, f"  - doc: {DOC}\n    span: [40, 50]\n    table: relations\n    drop: true\n"
                             "    reason: between the rows\n")
    out, _ = apply_corrections(plain, load_corrections(fixes, accord.load_lexicon()), accord.load_lexicon())
    (error,) = _errors(out)
    assert "no row of relations overlaps it; the nearest:" in error
    assert f"{DOC}:R001 [0, 39) AID" in error and f"{DOC}:R002 [51, 84) ACCUSE" in error


def test_a_mistyped_document_id_is_named_with_the_nearest_id(tmp_path, plain):
    fixes = _write(tmp_path, "  - doc: putin-visit-2024-6\n    span: [0, 39]\n    drop: true\n    reason: x\n"
                             "  - doc: a-document-of-another-week\n    span: [0, 39]\n    drop: true\n    reason: y\n")
    out, report = apply_corrections(plain, load_corrections(fixes, accord.load_lexicon()), accord.load_lexicon())
    assert list(report.outcome) == ["absent", "absent"]
    (error,) = _errors(out)  # a document of another corpus is only counted
    assert f"document 'putin-visit-2024-6' is not in these tables; did you mean {DOC}?" in error
    err = out["errors"].iloc[-1]
    assert (err.path, err.line) == (str(fixes), 2)
    assert f"did you mean {DOC}?" in summary(report)


def test_a_span_past_the_documents_end_says_so(tmp_path, plain):
    fixes = _write(tmp_path, f"  - doc: {DOC}\n    span: [500, 560]\n    drop: true\n    reason: another version\n")
    out, _ = apply_corrections(plain, load_corrections(fixes, accord.load_lexicon()), accord.load_lexicon())
    (error,) = _errors(out)
    assert f"span [500, 560) runs past the end of the document ({N_CHARS} characters)" in error


@pytest.mark.parametrize("value, codes", [
    ("Philippines", ["PHL"]), ("North Korea", ["PRK"]), ("[Russia, the Kremlin]", ["RUS", "RUSGOV"]),
    ("PRKGOV", ["PRKGOV"]), ("UNK:Kladovsk Brigade", ["UNK:Kladovsk Brigade"]),
])
def test_set_takes_actor_names_as_everywhere_else(tmp_path, plain, value, codes):
    fixes = _write(tmp_path, f"  - doc: {DOC}\n    span: [0, 39]\n    set: {{target: {value}}}\n    reason: x\n")
    (fix,) = load_corrections(fixes, accord.load_lexicon())
    assert fix.set["target"] == codes
    out, _ = apply_corrections(plain, [fix], accord.load_lexicon())
    assert list(out["relations"].set_index("relation_id").loc[f"{DOC}:R001", "target"]) == codes


def test_an_unknown_name_in_set_gets_did_you_mean(tmp_path):
    fixes = _write(tmp_path, f"  - doc: {DOC}\n    span: [0, 39]\n    set: {{target: Philipines}}\n    reason: x\n")
    with pytest.raises(CorrectionsError) as info:
        load_corrections(fixes, accord.load_lexicon())
    assert info.value.line == 4
    assert "'target': Philipines: no actor of that code or name" in str(info.value)
    assert "did you mean Philippines (PHL)?" in str(info.value)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / f"{DOC}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{DOC}.meta.yaml").write_text("date: 2024-06-18\n", encoding="utf-8")
    return folder


BROKEN = (f"  - doc: {DOC}\n    span: [0, 39]\n    set: {{target: Philippines}}\n    reason: the jets went elsewhere\n"
          f"  - doc: {DOC}\n    span: [0, 20]\n    drop: true\n    reason: cut in two\n"
          "  - doc: putin-visit-2024-6\n    span: [0, 39]\n    drop: true\n    reason: mistyped\n")


def test_the_runs_summary_counts_correction_errors(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    fixes = _write(tmp_path, BROKEN)
    assert main(["annotate", str(corpus), "--format", "csv", "--out", str(tmp_path / "csv"),
                 "--corrections", str(fixes)]) == 0
    said = capsys.readouterr().out
    assert "corrections: 1 applied, 2 with errors (stage correct in the errors table)" in said
    assert main(["annotate", str(corpus), "--out", str(tmp_path / "ds"), "--workers", "0",
                 "--corrections", str(fixes)]) == 0
    said = capsys.readouterr().out
    assert "corrections: 1 applied, 2 with errors (stage correct in the errors table)" in said


def test_a_datasets_corrections_are_reported_under_the_analysts_file(tmp_path):
    """The dataset keeps a copy; messages name the file the analyst edits, while it is the same."""
    corpus = _corpus(tmp_path)
    fixes = _write(tmp_path, BROKEN)
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, corrections=fixes, progress=False, durable=False, log=lambda m: None)
    err = accord.read_tables(out)["errors"]
    assert set(err[err.stage == "correct"].path) == {str(fixes)}
    # the analyst edits the file afterwards: its lines no longer are the stored copy's, so the copy is named
    fixes.write_text("# moved down\n" + fixes.read_text(encoding="utf-8"), encoding="utf-8")
    err = accord.read_tables(out)["errors"]
    assert set(err[err.stage == "correct"].path) == {str(out / "corrections.yaml")}


def test_a_stored_correction_with_a_name_resolves_when_the_dataset_is_read(tmp_path):
    """Resolved with the run's lexicon when stored: a name only the analyst's lexicon knows still reads."""
    corpus = _corpus(tmp_path)
    lexicon = tmp_path / "names.yaml"
    lexicon.write_text("actors:\n  - {id: PHLCG, kind: org, code: PHLMIL, name: Philippine Coast Guard}\n",
                       encoding="utf-8")
    fixes = _write(tmp_path, f"  - doc: {DOC}\n    span: [0, 39]\n    set: {{target: Philippine Coast Guard}}\n"
                             "    reason: x\n")
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, lexicon=lexicon, corrections=fixes, progress=False, durable=False,
                     log=lambda m: None)
    rel = accord.read_tables(out)["relations"].set_index("relation_id")
    assert list(rel.loc[f"{DOC}:R001", "target"]) == ["PHLMIL"]


def test_a_report_says_how_many_rows_the_analyst_corrected(tmp_path, plain):
    from accord.analysis.figures import evidence_lines
    from accord.analysis.summary import summarise

    fixes = _write(tmp_path, f"  - id: jets\n    doc: {DOC}\n    span: [0, 39]\n    set: {{status: alleged}}\n"
                             "    reason: only alleged\n")
    out, _ = apply_corrections(plain, load_corrections(fixes, accord.load_lexicon()), accord.load_lexicon())
    lines = summarise(out, ["RUS", "PRK"]).lines()
    assert "1 relation corrected by the analyst." in lines
    assert not any("corrected" in line for line in summarise(plain, ["RUS", "PRK"]).lines())
    rel = out["relations"]
    hover = evidence_lines(rel[rel.relation_id == f"{DOC}:R001"])
    assert "corrected: jets: only alleged" in hover
    assert "corrected" not in evidence_lines(plain["relations"])


def test_the_timeline_hover_shows_the_analysts_correction(tmp_path, plain):
    from accord.analysis.charts import timeline

    fixes = _write(tmp_path, f"  - id: jets\n    doc: {DOC}\n    span: [0, 39]\n    set: {{status: alleged}}\n"
                             "    reason: only alleged\n")
    out, _ = apply_corrections(plain, load_corrections(fixes, accord.load_lexicon()), accord.load_lexicon())

    def hovers(tables) -> str:
        return "\n".join(h for t in timeline(tables, ["RUS", "PRK"]).data for h in (t.hovertext or ()) if h)

    assert "corrected: jets: only alleged" in hovers(out)
    assert "corrected" not in hovers(plain)
