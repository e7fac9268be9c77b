"""A source of tables is decided once, by what is on disk (accord.open_tables): a dataset, a folder of CSV
or Parquet tables, or a corpus to annotate; the command line and the notebooks agree."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import accord
from accord.dataset.source import read_tables, source_kind, write_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed():
    return accord.annotate(ROOT / "seeds")


def test_what_a_source_is_is_read_from_the_disk(seed, tmp_path):
    write_tables(seed, tmp_path / "csv", "csv")
    write_tables(seed, tmp_path / "pq", "parquet")
    assert source_kind(tmp_path / "csv") == source_kind(tmp_path / "pq") == "tables"
    assert source_kind(ROOT / "seeds") == "corpus"
    for fmt in ("csv", "pq"):
        back = accord.open_tables(tmp_path / fmt)
        for name in seed:
            pd.testing.assert_frame_equal(back[name], seed[name])
    assert accord.open_tables(seed) == seed  # a dict of tables is already open


def test_a_notebook_reads_a_folder_of_tables_instead_of_annotating_its_csv_files(seed, tmp_path):
    """The notebooks accepted a dataset only and read a CSV tables folder as a corpus of unreadable files."""
    from accord.analysis.notebook import prepare

    write_tables(seed, tmp_path / "csv", "csv")
    run = prepare(str(tmp_path / "csv"), focus="RUS, PRK")
    assert run.focus == ["RUS", "PRK"] and len(run.tables["relations"]) == len(seed["relations"])
    assert run.tables["errors"].empty


def test_tables_read_back_are_validated(seed, tmp_path):
    write_tables(seed, tmp_path / "csv", "csv")
    rel = (tmp_path / "csv" / "relations.csv")
    rel.write_text(rel.read_text(encoding="utf-8").replace(",reported,", ",rumoured,", 1), encoding="utf-8")
    with pytest.raises(Exception, match="status"):
        read_tables(tmp_path / "csv")
