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
    assert f"accord {command[0]}: error: {tmp_path / 'wek'}: does not exist (did you mean {tmp_path / 'week'}?)" in err
    assert "documents.csv" not in err


@pytest.mark.parametrize("command", [["search"], ["export", "--xlsx", "out.xlsx"]], ids=lambda c: c[0])
def test_a_folder_without_tables_says_what_is_missing(command, tmp_path, capsys):
    code = main([command[0], str(tmp_path), *command[1:]])
    assert code == 2
    assert "no documents.csv or documents.parquet" in capsys.readouterr().err
