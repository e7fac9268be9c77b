"""Article text and file names never reach a terminal as commands (issue 22, item 8).

An escape sequence in an article can set the window title, clear the screen, or write the
clipboard (OSC 52); printed raw by ``search``, ``actors`` or the ``annotate`` summary, the
terminal obeys it. Everything accord prints from data shows control characters escaped.
Real files, the real CLI.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from accord.cli import main
from accord.terminal import printable

# window title (OSC 0), clipboard write (OSC 52), clear screen (CSI 2J), C1 CSI, a bell, a carriage return
EVIL = ["\x1b]0;pwned\x07", "\x1b]52;c;ZWNobyBwd25lZA==\x07", "\x1b[2J", "\x9b31m", "\r", "\x08"]
TEXT = (f"Russia sent fighter jets to North Korea {EVIL[0]}on Monday. China praised Russia{EVIL[1]}. "
        f"Zorbania Kladovsk{EVIL[2]} met Putin{EVIL[3]}.{EVIL[4]}Iran{EVIL[5]} denied it.\n")


def _clean(text: str) -> bool:
    return not any(c in text for c in "\x1b\x07\x9b\r\x08")


def test_printable_escapes_every_control_character_and_keeps_the_rest():
    assert printable("Kim\x1b[2J Jong\tUn\n\x9b\u2028é") == "Kim\\x1b[2J Jong\\tUn\\n\\x9b\\u2028é"
    assert printable("line one\nline two\x1b", newlines=True) == "line one\nline two\\x1b"
    assert printable(42) == "42"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("c")
    (folder / "evil.txt").write_text(TEXT, encoding="utf-8")
    (folder / "bad\x1b]0;title\x07.txt").write_bytes(b"China praised \xff Russia.\n")  # a read error, named
    return folder


@pytest.fixture(scope="module")
def annotated(corpus, tmp_path_factory):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    tables = tmp_path_factory.mktemp("t") / "csv"
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["annotate", str(corpus), "--out", str(tables), "--format", "csv", "--engine", "v1"])
    return code, out.getvalue(), err.getvalue(), tables


def test_the_annotate_summary_and_its_messages_escape_article_text_and_file_names(annotated):
    code, out, err, _tables = annotated
    assert code == 0
    assert _clean(out) and _clean(err), (out, err)
    assert "\\x1b]0;title\\x07" in err  # the bad file, named with its escape shown


def test_search_prints_no_control_character(annotated, capsys):
    *_, tables = annotated
    assert main(["search", str(tables), "--words", "Russia"]) == 0
    out = capsys.readouterr().out
    assert "Russia sent fighter jets" in out and "\\x1b]0;pwned\\x07" in out
    assert _clean(out), out


def test_actors_prints_no_control_character(annotated, capsys):
    *_, tables = annotated
    assert main(["actors", "--unresolved", str(tables)]) == 0
    out = capsys.readouterr().out
    assert "Zorbania" in out
    assert _clean(out), out


def test_an_error_message_escapes_the_path_it_names(tmp_path, capsys):
    missing = tmp_path / "gone\x1b[2J"
    assert main(["search", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "gone\\x1b[2J" in err and _clean(err)
