"""Hostile input (issue 11, the input side): each case is one bad file beside a good one.

The good document is always read; the bad one is a ReadError (or an error row)
naming the file and the problem in accord's words. Cases that, unfixed, would
hang or eat memory run in a subprocess with a timeout and a memory limit, so
that this suite stays bounded in time and memory whatever the code does.
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from accord.errors import InputError, LexiconError
from accord.lexicon import load_lexicon
from accord.readers import Document, ReadError, iter_corpus, read_corpus, read_document

import accord

LIB = Path(accord.__file__).resolve().parents[1]  # the accord under test, for the subprocesses
GOOD = "The United States praised Japan on Monday.\n"
MEMORY_LIMIT = 1_500_000_000  # bytes of address space for a subprocess case


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def split(items) -> tuple[list[Document], list[ReadError]]:
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, ReadError)]


def run_bounded(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Python with this checkout's accord, capped in memory and time."""
    prelude = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
    """)
    env = {**os.environ, "PYTHONPATH": str(LIB)}
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout, env=env)


# --------------------------------------------------------------------------- 2. link circles, files read twice


def test_recursive_glob_over_a_link_circle_reads_each_file_once(tmp_path):
    write(tmp_path / "g" / "a.txt", GOOD)
    (tmp_path / "g" / "sub").mkdir()
    os.symlink("..", tmp_path / "g" / "sub" / "up")
    os.symlink("..", tmp_path / "g" / "sub" / "up2")  # two ways round: glob's paths would double per level
    result = run_bounded(f"""
        from accord.readers import iter_corpus, Document
        for item in iter_corpus({str(tmp_path)!r} + "/g/**/*.txt"):
            print(type(item).__name__, item if not isinstance(item, Document) else item.doc_id)
    """, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    g = tmp_path / "g"
    assert result.stdout.splitlines() == [
        f"ReadError {g / 'sub' / 'up'}: folder already read as {g} (a circle of symbolic links): skipped",
        f"ReadError {g / 'sub' / 'up2'}: folder already read as {g} (a circle of symbolic links): skipped",
        "Document a",
    ]


def test_a_file_reached_through_a_link_or_a_hard_link_is_read_once_and_named(tmp_path):
    folder = tmp_path / "c"
    a = write(folder / "a.txt", GOOD)
    os.symlink("a.txt", folder / "b.txt")
    os.link(a, folder / "c.txt")
    docs, errors = split(iter_corpus(folder))
    assert [d.doc_id for d in docs] == ["a"]
    assert sorted(Path(e.path).name for e in errors) == ["b.txt", "c.txt"]
    assert all(f"same file as {a}" in e.problem for e in errors)


def test_a_folder_link_in_a_folder_is_named_not_silently_skipped(tmp_path):
    write(tmp_path / "other" / "x.txt", GOOD)
    write(tmp_path / "c" / "a.txt", GOOD)
    os.symlink(tmp_path / "other", tmp_path / "c" / "linked")
    docs, errors = split(iter_corpus(tmp_path / "c"))
    assert [d.doc_id for d in docs] == ["a"]
    assert [(Path(e.path).name, "not followed" in e.problem) for e in errors] == [("linked", True)]


# --------------------------------------------------------------------------- 3. YAML bombs in metadata

_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))


def test_alias_bombs_in_front_matter_and_sidecars_cost_nothing_and_spare_the_good_document(tmp_path):
    write(tmp_path / "c" / "good.txt", GOOD)
    write(tmp_path / "c" / "bomb.md", f"---\ntitle: t\n{_BOMB}---\nBody text.\n")
    write(tmp_path / "c" / "side.txt", GOOD)
    write(tmp_path / "c" / "side.meta.yaml", _BOMB)
    result = run_bounded(f"""
        from accord.readers import iter_corpus, Document
        for item in iter_corpus({str(tmp_path / 'c')!r}):
            print(type(item).__name__, item if not isinstance(item, Document) else item.doc_id)
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert "Document good" in lines
    bad = [ln for ln in lines if ln.startswith("ReadError")]
    assert len(bad) == 2 and all("aliases and anchors" in ln and len(ln) < 400 for ln in bad), bad
    assert any("bomb.md: front matter at line 4:" in ln for ln in bad), bad
    assert any("side.meta.yaml: sidecar metadata at line 2:" in ln for ln in bad), bad


def test_a_long_metadata_value_is_not_copied_into_the_message(tmp_path):
    write(tmp_path / "c" / "good.txt", GOOD)
    write(tmp_path / "c" / "long.md", "---\ntitle: [" + "y" * 50_000 + "]\n---\nBody.\n")
    docs, errors = split(iter_corpus(tmp_path / "c"))
    assert [d.doc_id for d in docs] == ["good"]
    assert len(errors) == 1 and "metadata 'title' must be a string" in errors[0].problem
    assert len(errors[0].problem) < 300


def test_custom_yaml_tags_are_refused_on_any_node(tmp_path):
    for n, meta in enumerate(["title: !foo [a, b]", "title: !!python/object:os.system {}", "title: !!set {a, b}",
                              "title: !x plain"]):
        write(tmp_path / "c" / f"t{n}.md", f"---\n{meta}\n---\nBody.\n")
    write(tmp_path / "c" / "z.md", "---\ntitle: !!str 2024\n---\nBody.\n")  # a plain tag is fine
    docs, errors = split(iter_corpus(tmp_path / "c"))
    assert [(d.doc_id, d.title) for d in docs] == [("z", "2024")]
    assert len(errors) == 4 and all("YAML tag" in e.problem and "not allowed" in e.problem for e in errors), errors


# --------------------------------------------------------------------------- 4. lexicon files


def test_a_billion_laughs_lexicon_file_is_a_lexicon_error_without_expanding(tmp_path):
    bomb = write(tmp_path / "bomb.yaml", "resources:\n  " + _BOMB.replace("\n", "\n  ").rstrip() + "\n")
    result = run_bounded(f"""
        from accord.errors import LexiconError
        from accord.lexicon import load_lexicon
        try:
            load_lexicon({str(bomb)!r})
        except LexiconError as exc:
            print("LexiconError", exc)
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith(f"LexiconError {bomb}, line 3: YAML aliases and anchors"), result.stdout


@pytest.mark.parametrize("text, line, words", [
    ("resources: &a [*a]\n", 1, "aliases and anchors"),
    ("resources: !custom\n  weapons: [gun]\n", 1, "YAML tag '!custom' on a mapping"),
    ("resources:\n  weapons: !!set {gun}\n", 2, "YAML tag 'tag:yaml.org,2002:set'"),
    ("bogus: {d: 2024-02-30}\n", 1, "unknown section 'bogus'"),  # checked before a value is built
])
def test_recursive_or_tagged_lexicon_files_are_lexicon_errors_with_the_line(tmp_path, text, line, words):
    path = write(tmp_path / "extra.yaml", text)
    with pytest.raises(LexiconError) as ei:
        load_lexicon(path)
    assert ei.value.path == str(path) and ei.value.line == line
    assert words in ei.value.problem


# --------------------------------------------------------------------------- 5. FIFOs and other non-files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_corpus_folder_is_named_and_skipped_not_waited_on(tmp_path):
    folder = tmp_path / "c"
    write(folder / "a.txt", GOOD)
    write(folder / "b.txt", GOOD)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "feed.jsonl")
    os.mkfifo(folder / "b.meta.yaml")  # a sidecar that is a FIFO
    result = run_bounded(f"""
        from accord.errors import InputError
        from accord.readers import iter_corpus, read_document, Document
        for item in iter_corpus({str(folder)!r}):
            print(type(item).__name__, item if not isinstance(item, Document) else item.doc_id)
        for p in ({str(folder / 'pipe.txt')!r}, {str(folder / 'b.txt')!r}):
            try:
                read_document(p)
            except InputError as exc:
                print("InputError", exc)
        try:
            list(iter_corpus({str(folder / 'pipe.txt')!r}))
        except InputError as exc:
            print("InputError", exc)
    """, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout.splitlines()
    assert "Document a" in out
    assert f"ReadError {folder / 'feed.jsonl'}: a FIFO (named pipe), not a regular file" in out
    assert f"ReadError {folder / 'pipe.txt'}: a FIFO (named pipe), not a regular file" in out
    assert f"ReadError {folder / 'b.meta.yaml'}: a FIFO (named pipe), not a regular file" in out
    assert f"InputError {folder / 'pipe.txt'}: a FIFO (named pipe), not a regular file" in out
    assert f"InputError {folder / 'pipe.txt'}: a FIFO (named pipe), not a regular file or folder" in out


# --------------------------------------------------------------------------- 6. impossible dates


def test_an_impossible_front_matter_date_is_a_bad_document_not_a_crash(tmp_path):
    write(tmp_path / "c" / "bad.md", "---\ntitle: t\ndate: 2024-02-30\n---\nBody.\n")
    write(tmp_path / "c" / "bad.txt", GOOD)
    write(tmp_path / "c" / "bad.meta.yaml", "date: 2023-13-01\n")
    write(tmp_path / "c" / "good.md", "---\ndate: 2024-02-29\n---\n" + GOOD)
    corpus = read_corpus(tmp_path / "c")
    df = corpus.documents
    assert df["doc_id"].tolist() == ["good"] and df["date"].tolist() == ["2024-02-29"]
    errors = {Path(e["path"]).name: e["error"] for e in corpus.error_rows()}
    assert errors == {
        "bad.md": "front matter at line 3: bad date '2024-02-30': day is out of range for month",
        "bad.meta.yaml": "sidecar metadata at line 1: bad date '2023-13-01': month must be in 1..12",
    }


# --------------------------------------------------------------------------- 7. text that is not valid Unicode


def test_lone_surrogates_in_jsonl_are_refused_per_line(tmp_path):
    lines = [{"id": "ok", "text": GOOD}, {"id": "t", "text": "Bad \ud800 text."},
             {"id": "h", "text": GOOD, "title": "half \udc00"}, {"id": "i\ud83d", "text": GOOD}]
    path = write(tmp_path / "s.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n")  # ASCII \\u escapes
    corpus = read_corpus(path)
    df = corpus.documents
    assert df["doc_id"].tolist() == ["ok"]
    errors = corpus.error_rows()
    assert [(e["line"], e["doc_id"]) for e in errors] == [(2, "t"), (3, "h"), (4, None)]
    assert "'text' is not valid Unicode: lone surrogate U+D800 at character 4" in errors[0]["error"]
    assert "'title' is not valid Unicode: lone surrogate U+DC00" in errors[1]["error"]
    assert "'doc_id' is not valid Unicode" in errors[2]["error"]
    for e in errors:
        json.dumps(e, ensure_ascii=False).encode("utf-8")  # the errors table can be written


def test_lone_surrogates_are_refused_at_every_other_entry_point(tmp_path):
    with pytest.raises(InputError, match="'text' is not valid Unicode: lone surrogate U\\+DFFF"):
        Document(doc_id="x", path="mem", text="a\udfffb")
    # object columns: an Arrow-backed string column cannot hold the surrogate at all
    frame = pd.DataFrame({"doc_id": ["ok", "bad"], "path": ["p1", "p2"], "text": [GOOD, GOOD],
                          "title": [None, "x\ud800"]}, dtype=object)
    from accord.annotation import iter_documents
    docs, errors = split(iter_documents(frame))
    assert [d.doc_id for d in docs] == ["ok"]
    assert [(e.path, "'title' is not valid Unicode" in e.problem) for e in errors] == [("p2", True)]
    # YAML refuses the escape itself; HTML maps the character reference to U+FFFD, as its standard says
    md = write(tmp_path / "y.md", '---\ntitle: "a \\ud800 b"\n---\nBody.\n')
    with pytest.raises(InputError, match="invalid YAML in front matter at line 2: found invalid Unicode"):
        read_document(md)
    html = write(tmp_path / "s.html", "<html><head><title>T &#xD800; x</title></head><body><article><p>"
                 + "The United States praised Japan &#xD800; on Monday. " * 4 + "</p></article></body></html>")
    doc = read_document(html)
    assert doc.title == "T \ufffd x" and "Japan \ufffd on" in doc.text


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are always UTF-8")
def test_a_file_name_that_is_not_utf8_is_named_with_its_bytes_escaped(tmp_path):
    folder = tmp_path / "c"
    write(folder / "good.txt", GOOD)
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    docs, errors = split(iter_corpus(folder))
    assert [d.doc_id for d in docs] == ["good"]
    assert len(errors) == 1 and errors[0].path == f"{folder}/bad\\xff.txt"
    assert "not valid Unicode" in errors[0].problem
    str(errors[0]).encode("utf-8")


# --------------------------------------------------------------------------- 11. messages in accord's words


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, codec):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    text = "Zürich talks\r\nwent on.\n"
    doc = read_document(write(tmp_path / "a.txt", bom + text.encode(codec)))
    assert doc.text == "Zürich talks\nwent on.\n"
    md = read_document(write(tmp_path / "b.md", bom + f"---\ntitle: Zürich\n---\n{text}".encode(codec)))
    assert md.title == "Zürich"
    records = "".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in
                      enumerate(["Zürich one.", "Two."]))
    docs, errors = split(iter_corpus(write(tmp_path / "c.jsonl", bom + records.encode(codec))))
    assert not errors and [(d.doc_id, d.text, d.line) for d in docs] == [("r0", "Zürich one.", 1),
                                                                          ("r1", "Two.", 2)]


def test_utf16_without_a_bom_is_named_as_such(tmp_path):
    p = write(tmp_path / "a.txt", GOOD.encode("utf-16-le"))
    with pytest.raises(InputError, match="looks like UTF-16 without a byte-order mark"):
        read_document(p)


def test_links_that_lead_nowhere_say_so(tmp_path):
    loop = tmp_path / "c" / "loop.txt"
    write(tmp_path / "c" / "good.txt", GOOD)
    os.symlink("loop.txt", loop)
    os.symlink("missing.txt", tmp_path / "c" / "broken.txt")
    for call in (read_document, iter_corpus):
        with pytest.raises(InputError, match="symbolic link loop"):
            call(loop)
    docs, errors = split(iter_corpus(tmp_path / "c"))
    assert [d.doc_id for d in docs] == ["good"]
    assert {Path(e.path).name: e.problem for e in errors} == {
        "broken.txt": "broken symbolic link (its target 'missing.txt' does not exist)",
        "loop.txt": "symbolic link loop (a link to itself or a circle of links)",
    }


def test_an_oversized_file_is_refused_unread(tmp_path):
    big = tmp_path / "c" / "big.txt"
    write(tmp_path / "c" / "good.txt", GOOD)
    with open(big, "wb") as fh:
        fh.truncate(60_000_000)  # sparse: nothing is written, and nothing may be read
    docs, errors = split(iter_corpus(tmp_path / "c"))
    assert [d.doc_id for d in docs] == ["good"]
    assert errors == [ReadError(str(big), "file is 60,000,000 bytes, more than the 50,000,000 accepted "
                                          "(split it into articles)")]


def test_an_oversized_jsonl_line_is_skipped_without_holding_it(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "before", "text": GOOD}) + "\n")
        fh.write('{"id": "huge", "text": "' + "a" * 50_000_000 + '"}\n')
        fh.write(json.dumps({"id": "after", "text": GOOD}) + "\n")
    result = run_bounded(f"""
        import resource
        from accord.readers import iter_corpus, Document
        for item in iter_corpus({str(path)!r}):
            print(type(item).__name__, item if not isinstance(item, Document) else item.doc_id)
        # VmHWM, this program's own peak: getrusage's ru_maxrss survives exec and would report the
        # peak of the process that started us (a pytest worker holding a pipeline)
        hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        print("peak MB", int(hwm.split()[1]) // 1024)
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout.splitlines()
    assert out[:3] == ["Document before",
                       f"ReadError {path}:2: line is 50,000,027 bytes long, more than the 50,000,000 "
                       f"accepted for one document", "Document after"]
    peak = int(out[3].split()[-1])
    assert peak < 400, f"peak RSS {peak} MB"  # accord's imports take ~200 MB; the line would add 100+


def test_a_text_longer_than_the_pipeline_takes_is_an_accord_error_for_that_document():
    import accord

    long_text = "word " * 10_000_001  # 50,000,005 characters: over nlp.max_length
    tables = accord.annotate([Document(doc_id="long", path="mem/long", text=long_text),
                              Document(doc_id="good", path="mem/good", text=GOOD)])
    assert tables["documents"]["doc_id"].tolist() == ["good"]
    (error,) = tables["errors"].to_dict("records")
    assert error["doc_id"] == "long" and error["stage"] == "annotate"
    assert error["error"] == ("text is 50,000,005 characters, more than the 50,000,000 accord annotates "
                              "in one document (split it into articles)")


def test_json_too_deep_or_numbers_too_long_are_bad_lines_not_a_crash(tmp_path):
    lines = ['{"id": "ok", "text": "Fine text."}', '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
             '{"id": ' + "9" * 5000 + ', "text": "x"}']
    docs, errors = split(iter_corpus(write(tmp_path / "deep.jsonl", "\n".join(lines) + "\n")))
    assert [d.doc_id for d in docs] == ["ok"]
    assert [(e.line, e.problem[:30]) for e in errors] == [(2, "invalid JSON: nested too deepl"),
                                                          (3, "invalid JSON: Exceeds the limi")]
    md = write(tmp_path / "n.md", "---\ntitle: " + "9" * 5000 + "\n---\nBody.\n")
    with pytest.raises(InputError, match="front matter at line 2: bad value '9999"):
        read_document(md)


def test_a_report_parameters_file_is_read_as_safely_as_any_other_yaml(tmp_path):
    """`accord report -f params.yaml`: an alias bomb, a tag or bad bytes are a ParameterError naming the file."""
    from accord.errors import ParameterError
    from accord.report.parameters import read_parameters

    cases = {"bomb.yaml": _BOMB, "tag.yaml": "focus: !!python/object/apply:os.system [echo hi]\n",
             "latin1.yaml": "title: Caf\xe9\n"}
    for name, text in cases.items():
        (tmp_path / name).write_bytes(text.encode("latin-1"))
    result = run_bounded(f"""
        from accord.errors import ParameterError
        from accord.report.parameters import read_parameters
        for name in {sorted(cases)!r}:
            try:
                read_parameters([{str(tmp_path)!r} + "/" + name], [])
            except ParameterError as exc:
                print(exc)
    """, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines
    assert "bomb.yaml" in lines[0] and "aliases and anchors" in lines[0] and "line 1" in lines[0], lines[0]
    assert "latin1.yaml" in lines[1] and "not UTF-8" in lines[1], lines[1]
    assert "tag.yaml:1: YAML tag" in lines[2], lines[2]
    # plain values are still read as YAML, dates as ISO strings; text that is not YAML stays text
    (tmp_path / "ok.yaml").write_text("focus: [RUS, PRK]\nstart: 2024-01-01\n", encoding="utf-8")
    params = read_parameters([str(tmp_path / "ok.yaml")], [["title", "a: b: c"], ["end", "2024-06"]])
    assert params == {"focus": ["RUS", "PRK"], "start": "2024-01-01", "title": "a: b: c", "end": "2024-06"}
    with pytest.raises(ParameterError, match="does not exist"):
        read_parameters([str(tmp_path / "missing.yaml")], [])
