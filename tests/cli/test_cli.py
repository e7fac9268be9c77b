"""What the ``accord`` command says to a newcomer: its help, and a misspelt path (issue 23 item 8)."""
from __future__ import annotations

import re

import pytest

from accord.cli import COMMANDS, main

# reStructuredText a docstring may hold, which a terminal shows as it is
RST = re.compile(r"``|:(?:func|class|meth|mod|data|attr):`")


@pytest.mark.parametrize("argv", [["--help"], *([name, "--help"] for name in COMMANDS)],
                         ids=lambda argv: " ".join(argv))
def test_help_is_plain_text(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: accord")
    assert not RST.search(out), out


@pytest.mark.parametrize("command", [["search"], ["export", "--xlsx", "out.xlsx"]], ids=lambda c: c[0])
def test_a_misspelt_source_does_not_exist(command, tmp_path, capsys):
    (tmp_path / "week").mkdir()
    code = main([command[0], str(tmp_path / "wek"), *command[1:]])
    err = capsys.readouterr().err
    assert code == 2
    # a path that is not a dataset or tables is a corpus to annotate: the readers name the misspelling
    wek, week = tmp_path / "wek", tmp_path / "week"
    assert f"accord {command[0]}: error: {wek}: no such file or folder (did you mean {week}?)" in err
    assert "documents.csv" not in err


@pytest.mark.parametrize("command", [["search"], ["export", "--xlsx", "out.xlsx"]], ids=lambda c: c[0])
def test_a_folder_without_tables_says_what_is_missing(command, tmp_path, capsys):
    code = main([command[0], str(tmp_path), *command[1:]])
    assert code == 2
    # an empty folder: neither tables nor a corpus (a folder of tables short of one: tests/test_open_any_source.py)
    assert f"{tmp_path}: folder holds no files" in capsys.readouterr().err
