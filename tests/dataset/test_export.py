"""Excel export: one sheet per table, values read back as written, no cell a formula (real annotate, real openpyxl)."""
from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

import accord
from accord import tables
from accord.cli import main
from accord.dataset.export import MAX_CELL, export_xlsx
from accord.readers import Document
from accord.tables import neutralise_frame

EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def result():
    docs = [Document(doc_id="d1", path="d1.txt", date="2024-06-18", title="@SUM(1+1)",
                     text=f"{EVIL} China praised Russia. Russia sent fighter jets to North Korea.")]
    return accord.annotate(docs)


def _cells(ws):
    return [c for row in ws.iter_rows() for c in row]


def test_neutralise_frame_prefixes_every_formula_start_and_leaves_the_rest():
    df = pd.DataFrame({"t": ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "plain", None], "n": [1, 2, 3, 4, 5, 6, 7, 8],
                       "codes": [["=A"], ["RUS", "PRK"], [], [], [], [], [], []]})
    out = neutralise_frame(df)
    assert list(out.t[:6]) == ["'=1+1", "'+1", "'-1", "'@x", "'\tx", "'\rx"]
    assert out.t[6] == "plain" and pd.isna(out.t[7])
    assert list(out.n) == list(df.n)
    assert list(out.codes[:2]) == ["'=A", "RUS;PRK"]
    assert df.t[0] == "=1+1"  # the input is not changed


def test_workbook_has_one_sheet_per_table_with_the_values(result, tmp_path):
    path = export_xlsx(result, tmp_path / "tables.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == list(tables.TABLE_NAMES)
    for name in tables.TABLE_NAMES:
        ws = wb[name]
        assert [c.value for c in ws[1]] == list(tables.SCHEMAS[name].columns)
        assert ws.max_row == len(result[name]) + 1
    rel = wb["relations"]
    header = [c.value for c in rel[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in rel.iter_rows(min_row=2)]
    want = result["relations"]
    assert [r["relation_id"] for r in rows] == list(want.relation_id)
    assert [r["source"] for r in rows] == [";".join(s) for s in want.source]
    assert [r["start"] for r in rows] == [int(v) for v in want.start]


def test_no_cell_is_a_formula(result, tmp_path):
    wb = load_workbook(export_xlsx(result, tmp_path / "t.xlsx"))
    cells = [c for ws in wb for c in _cells(ws)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    text = wb["documents"]["H2"]
    assert text.data_type == "s" and text.value.startswith("'" + EVIL)
    assert wb["documents"]["C2"].value == "'@SUM(1+1)"


def test_limits_of_excel_are_kept_with_a_trace(result, tmp_path):
    big = dict(result)
    docs = result["documents"].copy()
    docs.loc[0, "text"] = "x" * (MAX_CELL + 10) + "\x00"
    big["documents"] = docs
    wb = load_workbook(export_xlsx(big, tmp_path / "big.xlsx", max_rows=2))
    cell = wb["documents"]["H2"].value
    assert len(cell) == MAX_CELL and cell.endswith(f"[cut: {MAX_CELL + 11:,} characters, Excel holds {MAX_CELL:,}]")
    n = len(result["mentions"])
    assert n > 2
    sheets = [s for s in wb.sheetnames if s.startswith("mentions")]
    assert sum(wb[s].max_row - 1 for s in sheets) == n and sheets[1] == "mentions (2)"


def test_cli_exports_a_folder_of_csv_tables(result, tmp_path, capsys):
    accord.write_tables(result, tmp_path / "csv", "csv")
    out = tmp_path / "out.xlsx"
    assert main(["export", str(tmp_path / "csv"), "--xlsx", str(out)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == list(tables.TABLE_NAMES)
    assert not [c for ws in wb for c in _cells(ws) if c.data_type == "f"]
    assert main(["export", str(tmp_path / "missing"), "--xlsx", str(out)]) == 2
    assert "missing" in capsys.readouterr().err


# -- issue 22, items 2 and 13: the workbook is written through a file no one else can name ------------------


def test_a_link_planted_at_a_temporary_name_is_never_followed(result, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out" / "t.xlsx"
    out.parent.mkdir()
    for name in (".t.xlsx.tmp", ".t.xlsx.tmp-0", "t.xlsx.tmp", ".tmp-t.xlsx"):  # the names a guesser would try
        (out.parent / name).symlink_to(victim)
    export_xlsx(result, out)
    assert victim.read_text() == "keep me"
    assert load_workbook(out).sheetnames == list(tables.TABLE_NAMES)
    assert sorted(p.name for p in out.parent.iterdir() if not p.is_symlink()) == ["t.xlsx"]  # no debris


def test_two_exports_to_one_file_at_once_both_succeed(result, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    out = tmp_path / "t.xlsx"
    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda _: export_xlsx(result, out), range(8)))
    assert done == [out] * 8
    assert load_workbook(out).sheetnames == list(tables.TABLE_NAMES)
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_a_folder_as_the_workbook_is_an_accord_error(result, tmp_path, capsys):
    accord.write_tables(result, tmp_path / "csv", "csv")
    folder = tmp_path / "t.xlsx"
    folder.mkdir()
    assert main(["export", str(tmp_path / "csv"), "--xlsx", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"accord export: error: {folder}: is a folder" in err and "Traceback" not in err
    assert [p.name for p in folder.iterdir()] == []


def test_a_full_disk_is_an_accord_error_and_leaves_nothing_behind(result, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    accord.write_tables(result, tmp_path / "csv", "csv")
    out = tmp_path / "x" / "t.xlsx"
    out.parent.mkdir()
    lib = Path(accord.__file__).resolve().parents[1]
    code = ("import resource, signal, sys\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))\n"
            f"sys.path.insert(0, {str(lib)!r})\n"
            "from accord.cli import main\n"
            f"sys.exit(main(['export', {str(tmp_path / 'csv')!r}, '--xlsx', {str(out)!r}]))\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, res.stderr[-2000:]
    assert f"accord export: error: {out}: the disk is full" in res.stderr and "Traceback" not in res.stderr
    assert list(out.parent.iterdir()) == []  # no partial workbook, no temporary file
