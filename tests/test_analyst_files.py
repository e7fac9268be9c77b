"""The files an analyst hands over (issue 22, items 3, 7 and 10): ``--lexicon`` and ``--corrections``.

Each is read once, as a regular file whose size is checked before any byte is read: a
FIFO (or a shell's ``<(...)``) is named and refused, never waited on; an oversized file is
refused unread. The corrections stored in a dataset are exactly the bytes that were checked.
Cases that, unfixed, would hang run in a subprocess with a timeout.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

import accord
from accord.corrections import MAX_FILE_BYTES as MAX_CORRECTIONS_BYTES, load_corrections
from accord.dataset.scale import annotate_dataset
from accord.errors import CorrectionsError, LexiconError
from accord.lexicon import load_lexicon
from accord.lexicon.load import MAX_FILE_BYTES as MAX_LEXICON_BYTES
from accord.readers import Document

LIB = Path(accord.__file__).resolve().parents[1]  # the accord under test, for the subprocesses
TEXT = "Russia sent fighter jets to North Korea on Monday. China praised Russia."
FIXES = """\
corrections:
  - id: jets
    doc: d1
    span: [0, 50]
    set: {event_type: SUPPORT, status: alleged}
    reason: the jets were only alleged
"""


def _run(code: str, timeout: float = 90) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(LIB)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, env=env)


# --------------------------------------------------------------------------- item 10: FIFOs and pipes


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_pipe_as_lexicon_or_corrections_is_named_and_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "lexicon.yaml"
    os.mkfifo(fifo)
    res = _run(f"""
        import os
        import accord
        from accord.cli import main
        from accord.corrections import load_corrections
        from accord.errors import AccordError
        from accord.lexicon import load_lexicon
        r, w = os.pipe()  # what a shell's --lexicon <(...) gives: /dev/fd/N, a pipe
        for call in (lambda: accord.annotate([], lexicon={str(fifo)!r}),
                     lambda: accord.annotate([], lexicon=f"/dev/fd/{{r}}"),
                     lambda: load_lexicon({str(fifo)!r}),
                     lambda: load_corrections({str(fifo)!r}, load_lexicon())):
            try:
                call()
            except AccordError as exc:
                print(type(exc).__name__, exc)
        # the CLI, on the dataset path: refused before any work
        print("exit", main(["annotate", {str(tmp_path)!r}, "--out", {str(tmp_path / "ds")!r},
                            "--lexicon", f"/dev/fd/{{r}}"]))
    """, timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    out = res.stdout.splitlines()
    fifo_says = "a FIFO (named pipe), not a regular file"
    assert out[0] == f"LexiconError {fifo}: {fifo_says}"
    assert out[1].startswith("LexiconError /dev/fd/") and out[1].endswith(fifo_says)
    assert out[2] == f"LexiconError {fifo}: {fifo_says}"
    assert out[3] == f"CorrectionsError {fifo}: {fifo_says}"
    assert out[4] == "exit 2" and fifo_says in res.stderr
    assert not (tmp_path / "ds").exists()


# --------------------------------------------------------------------------- item 7: the size before the read


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)  # nothing is written, and nothing may be read
    return path


def _peak_while(call, error: type[Exception]) -> tuple[int, str]:
    """Peak Python allocation (bytes) while ``call()`` raises ``error``; and its message."""
    tracemalloc.start()
    try:
        with pytest.raises(error) as info:
            call()
        return tracemalloc.get_traced_memory()[1], str(info.value)
    finally:
        tracemalloc.stop()


def test_an_oversized_lexicon_is_refused_unread_even_where_the_pipeline_cache_would_read_it(tmp_path):
    big = _sparse(tmp_path / "big.yaml", MAX_LEXICON_BYTES + 1)
    load_lexicon()  # the packaged lexicon, parsed before measuring
    for call in (lambda: accord.annotate([], lexicon=big), lambda: load_lexicon(big)):
        peak, message = _peak_while(call, LexiconError)
        assert message == (f"{big}: file is {MAX_LEXICON_BYTES + 1:,} bytes, more than the "
                           f"{MAX_LEXICON_BYTES:,} a lexicon file may hold")
        assert peak < 5_000_000, f"peak {peak:,} bytes"


def test_an_oversized_corrections_file_is_refused_unread(tmp_path):
    big = _sparse(tmp_path / "fixes.yaml", MAX_CORRECTIONS_BYTES + 1)
    lex = load_lexicon()
    peak, message = _peak_while(lambda: load_corrections(big, lex), CorrectionsError)
    assert message == (f"{big}: file is {MAX_CORRECTIONS_BYTES + 1:,} bytes, more than the "
                       f"{MAX_CORRECTIONS_BYTES:,} a corrections file may hold")
    assert peak < 5_000_000, f"peak {peak:,} bytes"


# --------------------------------------------------------------------------- item 3: checked bytes are stored


def _editing_corpus(fixes: Path, edit: str):
    """A corpus whose reading rewrites the corrections file, as an analyst editing it during a run."""
    yield Document(doc_id="d1", path="news/d1.txt", date="2024-06-18", text=TEXT)
    fixes.write_text(edit, encoding="utf-8")
    yield Document(doc_id="d2", path="news/d2.txt", date="2024-06-19", text="China praised Russia.")


@pytest.mark.parametrize("edit", [
    "corrections:\n  - doc: d1\n    span: [0, 50\n",  # half-saved: not YAML
    FIXES.replace("status: alleged", "target: [NOTACODE]"),  # YAML, with a code no lexicon gives
    FIXES.replace("SUPPORT", "NOTATYPE"),  # an event type PLOVER does not have
], ids=["broken-yaml", "unknown-code", "unknown-event-type"])
def test_the_corrections_a_dataset_stores_are_the_bytes_that_were_checked(tmp_path, edit):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(FIXES, encoding="utf-8")
    out = tmp_path / "ds"
    annotate_dataset(_editing_corpus(fixes, edit), out, workers=0, corrections=fixes, progress=False,
                     durable=False, log=lambda _m: None)
    assert fixes.read_text(encoding="utf-8") == edit  # the edit happened during the run
    assert (out / "corrections.yaml").read_text(encoding="utf-8") == FIXES
    back = accord.read_tables(out)  # and the dataset reads, with the checked corrections
    assert "NOTACODE" not in set(back["actors"]["actor_id"])
    assert list(back["relations"].loc[back["relations"]["corrected"].notna(), "event_type"]) == ["SUPPORT"]


@pytest.mark.parametrize("body, line, words", [
    (FIXES.replace("status: alleged", "target: [NOTACODE]"), 5, "unknown actor code(s) NOTACODE"),
    (FIXES.replace("SUPPORT", "NOTATYPE"), 5, "event_type 'NOTATYPE' is not a PLOVER event type"),
])
def test_unknown_codes_and_event_types_are_refused_with_file_and_line(tmp_path, body, line, words):
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(body, encoding="utf-8")
    with pytest.raises(CorrectionsError) as info:
        annotate_dataset([Document(doc_id="d1", path="d1.txt", text=TEXT)], tmp_path / "ds", workers=0,
                         corrections=fixes, progress=False, durable=False, log=lambda _m: None)
    assert str(info.value).startswith(f"{fixes}, line {line}: ") and words in str(info.value)
    assert not (tmp_path / "ds").exists()  # refused before any work
