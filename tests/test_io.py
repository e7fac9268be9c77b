"""One protocol for writing at once (accord.io): the tables, the dataset's files, the reports and the
exports take the same lock and swap their folder in the same way."""
from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from accord.cli import main
from accord.errors import OutputError
from accord.io import locked, replace_folder, staging_folder, write_file_atomic

ROOT = Path(__file__).resolve().parents[1]


def test_a_folder_is_replaced_whole_and_a_killed_runs_leftovers_are_tidied(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("before", encoding="utf-8")
    (tmp_path / ".out.tmp-killed").mkdir()  # what a run killed while writing leaves
    with locked(out), staging_folder(out) as stage:
        assert not (tmp_path / ".out.tmp-killed").exists()
        (stage / "new.txt").write_text("after", encoding="utf-8")
        replace_folder(stage, out)
    assert [p.name for p in out.iterdir()] == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_file_is_written_whole_or_not_at_all(tmp_path):
    path = tmp_path / "f.bin"
    write_file_atomic(path, lambda fh: fh.write(b"one"))

    def broken(fh):
        fh.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_file_atomic(path, broken)
    assert path.read_bytes() == b"one" and [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_a_report_into_a_folder_another_run_writes_is_refused_at_once(tmp_path, capsys):
    """The report took no lock (a second protocol, with process ids): two runs could swap the same folder."""
    out = tmp_path / "rep"
    with open(tmp_path / ".rep.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(OutputError, match=f"{out}: another accord run is writing this folder"):
            locked(out).__enter__()
        code = main(["report", str(ROOT / "notebooks" / "02_alliance_dynamics.ipynb"), "--no-png",
                     "--out", str(out)])
    assert code != 0 and "another accord run is writing this folder" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".rep.tmp-*"))
