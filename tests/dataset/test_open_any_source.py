"""``search`` and ``export`` open any source of tables the one way (:func:`accord.open_tables`), as the
notebooks and ``accord actors`` do: a dataset, a folder of CSV or Parquet tables, or a corpus annotated
now (issue 21). Real annotation, real files, real command line."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

import accord
from accord.analysis.search import search
from accord.cli import main
from accord.dataset.export import export_xlsx
from accord.dataset.source import source_kind

ARTICLE = "Russia sent fighter jets to North Korea on Monday. China praised Russia."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("week")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "a.meta.yaml").write_text("date: 2024-06-18\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tables(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "t"
    accord.write_tables(accord.annotate(str(corpus)), out)
    return out


def test_search_takes_a_corpus_folder_as_it_takes_its_tables(corpus, tables):
    from_tables = search(str(tables), words="jets")
    from_corpus = search(str(corpus), words="jets")
    assert len(from_tables) == 1 and from_tables.to_dict("records") == from_corpus.to_dict("records")


def test_export_takes_a_corpus_folder_as_it_takes_its_tables(corpus, tables, tmp_path):
    def sheets(path):
        wb = load_workbook(path, read_only=True)
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}

    a = sheets(export_xlsx(str(tables), tmp_path / "a.xlsx"))
    b = sheets(export_xlsx(str(corpus), tmp_path / "b.xlsx"))
    assert a == b and len(a["relations"]) > 1


@pytest.mark.parametrize("command", [["search", "--words", "jets"], ["export", "--xlsx", "out.xlsx"]],
                         ids=lambda c: c[0])
def test_the_commands_take_a_corpus_folder(command, corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([command[0], str(corpus), *command[1:]]) == 0
    out = capsys.readouterr().out
    assert "1 matching rows" in out if command[0] == "search" else (tmp_path / "out.xlsx").is_file()


@pytest.mark.parametrize("command", [["search"], ["export", "--xlsx", "out.xlsx"]], ids=lambda c: c[0])
def test_a_folder_of_tables_without_its_documents_table_is_tables_not_a_corpus(command, tables, tmp_path, capsys):
    broken = tmp_path / "t"
    broken.mkdir()
    (broken / "relations.csv").write_bytes((tables / "relations.csv").read_bytes())
    assert source_kind(broken) == "tables"
    assert main([command[0], str(broken), *command[1:]]) == 2
    assert f"{broken}: no documents.csv or documents.parquet" in capsys.readouterr().err
