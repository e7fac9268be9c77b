"""Tests of accord.readers: formats, metadata, doc ids, ordering, errors, streaming."""
from __future__ import annotations

import datetime as dt
import inspect
import itertools
import json
import os
from pathlib import Path

import pytest

from accord import tables
from accord.readers import corpus as readers_corpus
from accord.errors import InputError
from accord.readers import Document, ReadError, iter_corpus, parse_date, read_corpus, read_document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_ID = "putin-pyongyang-visit-2024-06"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


HTML_PAGE = """<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>Moscow and Pyongyang sign pact | Example News</title>
  <meta property="og:title" content="Moscow and Pyongyang sign pact">
  <meta property="og:url" content="https://news.example.com/world/pact">
  <meta property="article:published_time" content="2024-06-19T08:30:00Z">
</head>
<body>
  <nav class="menu">
    <ul>
      <li><a href="/">Homepage Navigation Link</a></li>
      <li><a href="/world">World Section Navigation</a></li>
      <li><a href="/sport">Sport Section Navigation</a></li>
    </ul>
  </nav>
  <article>
    <h1>Moscow and Pyongyang sign pact</h1>
    <p>Russia and North Korea signed a comprehensive strategic partnership treaty in Pyongyang on Wednesday, pledging mutual assistance if either country is attacked, according to state media in both countries.</p>
    <p>The agreement was signed by Vladimir Putin and Kim Jong Un after talks that lasted several hours, officials said.</p>
  </article>
  <footer>Copyright 2024 Example News Corporation. All rights reserved. Privacy policy.</footer>
</body>
</html>
"""


# --------------------------------------------------------------------------- seed


def test_seed_folder_reads_with_sidecar_metadata():
    corpus = read_corpus(SEEDS)
    df = corpus.documents
    assert list(df.columns) == ["doc_id", "path", "title", "date", "source", "url", "n_chars", "text"]
    assert list(df["doc_id"]) == [SEED_ID]
    row = df.iloc[0]
    assert row["date"] == "2024-06-18"
    assert row["title"] == "The West grows concerned as Putin heads to Pyongyang"
    assert row["source"].startswith("news article supplied")
    assert row["text"].startswith("The West is growing increasingly concerned")
    assert row["n_chars"] == len(row["text"])
    assert corpus.error_rows() == []
    # the sidecar is not a document; the text is the file's text unchanged
    raw = (SEEDS / f"{SEED_ID}.txt").read_bytes().decode("utf-8")
    assert row["text"] == raw.replace("\r\n", "\n")


def test_seed_read_document():
    doc = read_document(SEEDS / f"{SEED_ID}.txt")
    assert doc.doc_id == SEED_ID
    assert doc.date == "2024-06-18"
    assert doc.url is None
    assert doc.line is None
    assert doc.path == str(SEEDS / f"{SEED_ID}.txt")


# --------------------------------------------------------------------------- .txt


def test_txt_plain_no_sidecar(tmp_path):
    p = write(tmp_path / "a.txt", "  Leading spaces\tand  inner   whitespace.\n\nSecond para.  \n")
    doc = read_document(p)
    assert doc == Document(
        doc_id="a", path=str(p), text="  Leading spaces\tand  inner   whitespace.\n\nSecond para.  \n"
    )


def test_txt_sidecar_metadata(tmp_path):
    p = write(tmp_path / "story.txt", "Text of the story.")
    write(
        tmp_path / "story.meta.yaml",
        "title: A story\ndate: 2024-06-18\nsource: Wire\nurl: https://ex.com/s\nauthor: ignored\n",
    )
    doc = read_document(p)
    assert (doc.title, doc.date, doc.source, doc.url) == ("A story", "2024-06-18", "Wire", "https://ex.com/s")


def test_txt_sidecar_written_date(tmp_path):
    p = write(tmp_path / "s.txt", "Text.")
    write(tmp_path / "s.meta.yaml", 'date: "June 18, 2024"\n')
    assert read_document(p).date == "2024-06-18"


def test_txt_sidecar_bad_date_names_sidecar_and_value(tmp_path):
    p = write(tmp_path / "s.txt", "Text.")
    side = write(tmp_path / "s.meta.yaml", "date: sometime soon\n")
    with pytest.raises(InputError) as ei:
        read_document(p)
    assert ei.value.path == str(side)
    assert "sometime soon" in str(ei.value)
    assert "unparseable date" in str(ei.value)


def test_txt_sidecar_broken_yaml(tmp_path):
    p = write(tmp_path / "s.txt", "Text.")
    side = write(tmp_path / "s.meta.yaml", "title: [unclosed\n")
    with pytest.raises(InputError) as ei:
        read_document(p)
    assert str(ei.value).startswith(f"{side}: invalid YAML in sidecar metadata")


def test_txt_sidecar_not_mapping(tmp_path):
    p = write(tmp_path / "s.txt", "Text.")
    write(tmp_path / "s.meta.yaml", "- a\n- b\n")
    with pytest.raises(InputError, match="must be a YAML mapping"):
        read_document(p)


def test_sidecar_non_string_title_rejected(tmp_path):
    p = write(tmp_path / "s.txt", "Text.")
    write(tmp_path / "s.meta.yaml", "title: {a: 1}\n")
    with pytest.raises(InputError, match="'title' must be a string"):
        read_document(p)


def test_sidecars_are_not_documents_in_folder(tmp_path):
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "a.meta.yaml", "title: Ay\n")
    items = list(iter_corpus(tmp_path))
    assert [type(i).__name__ for i in items] == ["Document"]
    assert items[0].title == "Ay"


def test_orphan_sidecar_is_reported(tmp_path):
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.meta.yaml", "title: Bee\n")
    items = list(iter_corpus(tmp_path))
    assert isinstance(items[0], Document) and items[0].doc_id == "a"
    assert isinstance(items[1], ReadError)
    assert items[1].path == str(tmp_path / "b.meta.yaml")
    assert "without a matching b.txt" in items[1].problem


# --------------------------------------------------------------------------- .md


def test_md_front_matter(tmp_path):
    p = write(
        tmp_path / "note.md",
        "---\ntitle: Summit\ndate: 18 June 2024\nsource: Desk\nurl: https://ex.com/n\nextra: 1\n---\n# Head\n\nBody text.\n",
    )
    doc = read_document(p)
    assert doc.text == "# Head\n\nBody text.\n"
    assert (doc.title, doc.date, doc.source, doc.url) == ("Summit", "2024-06-18", "Desk", "https://ex.com/n")
    assert doc.doc_id == "note"


def test_md_without_front_matter(tmp_path):
    p = write(tmp_path / "n.md", "Just text\n---\nnot front matter\n")
    doc = read_document(p)
    assert doc.text == "Just text\n---\nnot front matter\n"
    assert doc.title is None


def test_md_yaml_date_object(tmp_path):
    p = write(tmp_path / "n.md", "---\ndate: 2024-06-18\n---\nBody")
    assert read_document(p).date == "2024-06-18"


def test_md_empty_front_matter(tmp_path):
    p = write(tmp_path / "n.md", "---\n---\nBody")
    doc = read_document(p)
    assert doc.text == "Body" and doc.title is None


@pytest.mark.parametrize(
    "content, problem",
    [
        ("---\ntitle: [oops\n---\nBody\n", "invalid YAML in front matter"),
        ("---\n- a\n- b\n---\nBody\n", "front matter must be a YAML mapping"),
        ("---\ntitle: x\nBody without a closing line\n", "unterminated YAML front matter"),
        ("---\ntitle: x\n---\n   \n\n", "no text"),
        ("---\ndate: not a date\n---\nBody\n", "unparseable date 'not a date'"),
    ],
)
def test_md_broken_front_matter(tmp_path, content, problem):
    p = write(tmp_path / "bad.md", content)
    with pytest.raises(InputError) as ei:
        read_document(p)
    assert ei.value.path == str(p)
    assert problem in str(ei.value)
    assert str(ei.value).startswith(f"{p}: ")


# --------------------------------------------------------------------------- .html


def test_html_extracts_article_not_boilerplate(tmp_path):
    p = write(tmp_path / "page.html", HTML_PAGE)
    doc = read_document(p)
    assert "comprehensive strategic partnership treaty" in doc.text
    assert "talks that lasted several hours" in doc.text
    assert "Navigation" not in doc.text
    assert "Copyright" not in doc.text
    assert doc.title == "Moscow and Pyongyang sign pact"
    assert doc.url == "https://news.example.com/world/pact"
    assert doc.date == "2024-06-19"
    assert doc.doc_id == "page"
    assert "\r" not in doc.text


def test_htm_suffix_and_no_guessed_date(tmp_path):
    html = (
        "<html><head><title>Talks</title></head><body><article><p>The ministers met in Geneva "
        "to discuss the security agreement and agreed to meet again next month, a spokesman said.</p>"
        "</article><footer>Copyright 2019 Example</footer></body></html>"
    )
    doc = read_document(write(tmp_path / "t.htm", html))
    assert "ministers met in Geneva" in doc.text
    assert doc.date is None  # no date from the copyright footer


@pytest.mark.parametrize(
    "html",
    ["<html><head><title>x</title></head><body></body></html>", "<html><body>   </body></html>"],
)
def test_html_without_text(tmp_path, html):
    p = write(tmp_path / "empty.html", html)
    with pytest.raises(InputError, match="no extractable article text"):
        read_document(p)


def test_html_no_network(tmp_path, monkeypatch):
    import socket

    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    doc = read_document(write(tmp_path / "page.html", HTML_PAGE))
    assert "partnership treaty" in doc.text


# --------------------------------------------------------------------------- .jsonl


def test_jsonl_records(tmp_path):
    p = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "r1", "text": "First.", "title": "One", "date": "2024-06-18", "source": "S", "url": "u"},
            {"text": "Second.", "date": "18 June 2024"},
            {"id": 42, "text": "Third.", "other": "ignored"},
        ),
    )
    items = list(iter_corpus(p))
    assert items == [
        Document("r1", str(p), "First.", "One", "2024-06-18", "S", "u", line=1),
        Document("feed#2", str(p), "Second.", date="2024-06-18", line=2),
        Document("42", str(p), "Third.", line=3),
    ]


def test_jsonl_bad_lines_among_good(tmp_path):
    p = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"text": "good one"},
            "{not json",
            "",
            "[1, 2]",
            {"title": "no text"},
            {"text": ""},
            {"text": "   \n"},
            {"text": 7},
            {"text": "bad date", "date": "the 32nd"},
            {"text": "good two"},
        ),
    )
    items = list(iter_corpus(p))
    got = [(type(i).__name__, i.line) for i in items]
    assert got == [
        ("Document", 1),
        ("ReadError", 2),
        ("ReadError", 4),
        ("ReadError", 5),
        ("ReadError", 6),
        ("ReadError", 7),
        ("ReadError", 8),
        ("ReadError", 9),
        ("Document", 10),
    ]
    problems = [i.problem for i in items if isinstance(i, ReadError)]
    assert problems[0].startswith("invalid JSON")
    assert "JSON object, not list" in problems[1]
    assert problems[2] == "missing 'text'"
    assert problems[3] == "empty 'text'"
    assert problems[4] == "'text' holds only whitespace"
    assert problems[5] == "'text' must be a string, not int"
    assert "'the 32nd'" in problems[6]
    assert items[-1].doc_id == "feed#10"
    assert str(items[1]) == f"{p}:2: {problems[0]}"


def test_jsonl_in_read_corpus_error_rows(tmp_path, capsys):
    p = write(tmp_path / "f.jsonl", jsonl({"text": "ok"}, "oops", {"text": "ok2"}))
    corpus = read_corpus(p)
    df = corpus.documents
    assert list(df["doc_id"]) == ["f#1", "f#3"]
    assert corpus.error_rows() == [
        {"path": str(p), "line": 2, "doc_id": None, "stage": "read",
         "error": "invalid JSON: Expecting value (column 1)"}
    ]
    err = capsys.readouterr().err
    assert err == f"{p}:2: invalid JSON: Expecting value (column 1)\n"
    errors = tables.frame("errors", corpus.error_rows())
    assert errors["line"].tolist() == [2]


def test_jsonl_crlf_bom_and_text_newlines(tmp_path):
    body = b'{"id": "a", "text": "one\\r\\ntwo\\rthree"}\r\n{"id": "b", "text": "x"}\r\n'
    p = write(tmp_path / "f.jsonl", b"\xef\xbb\xbf" + body)
    items = list(iter_corpus(p))
    assert [i.text for i in items] == ["one\ntwo\nthree", "x"]


def test_jsonl_bad_id(tmp_path):
    p = write(tmp_path / "f.jsonl", jsonl({"id": [1], "text": "x"}, {"id": True, "text": "y"}))
    items = list(iter_corpus(p))
    assert all(isinstance(i, ReadError) for i in items)
    assert "'id' must be a non-empty string or an integer" in items[0].problem


def test_jsonl_not_utf8_line(tmp_path):
    p = write(tmp_path / "f.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    items = list(iter_corpus(p))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], ReadError) and items[1].line == 2
    assert "byte offset 28" in items[1].problem  # offset in the file: 15 bytes of line 1 + 13


def test_jsonl_empty_and_blank(tmp_path):
    e = write(tmp_path / "e.jsonl", b"")
    b = write(tmp_path / "b.jsonl", b"\n  \n\n")
    assert [str(i) for i in iter_corpus(e)] == [f"{e}: empty file"]
    assert [str(i) for i in iter_corpus(b)] == [f"{b}: no records: file holds only blank lines"]


def test_jsonl_binary(tmp_path):
    p = write(tmp_path / "f.jsonl", b'{"text": "a"}\n\x00\x01\x02\n')
    items = list(iter_corpus(p))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "NUL" in items[0].problem


def test_read_document_refuses_jsonl(tmp_path):
    p = write(tmp_path / "f.jsonl", jsonl({"text": "a"}))
    with pytest.raises(InputError, match="iter_corpus"):
        read_document(p)


# --------------------------------------------------------------------------- streaming


def test_iter_corpus_jsonl_is_a_lazy_generator(tmp_path):
    p = write(tmp_path / "f.jsonl", jsonl({"text": "first"}, "BROKEN LINE", {"text": "third"}))
    gen = iter_corpus(p)
    assert inspect.isgenerator(gen)
    first = list(itertools.islice(gen, 1))
    assert first == [Document("f#1", str(p), "first", line=1)]
    rest = list(gen)
    assert [type(i).__name__ for i in rest] == ["ReadError", "Document"]


def test_iter_corpus_jsonl_reads_line_by_line(tmp_path):
    # lines appended after the first document was yielded are still read: the
    # file is read as the generator advances, not loaded up front
    p = write(tmp_path / "f.jsonl", jsonl({"text": "first"}))
    gen = iter_corpus(p)
    assert next(gen).text == "first"
    with p.open("a", encoding="utf-8") as fh:
        fh.write(jsonl({"text": "later"}, "bad"))
    rest = list(gen)
    assert [(type(i).__name__, i.line) for i in rest] == [("Document", 2), ("ReadError", 3)]


def test_iter_corpus_folder_reads_files_on_demand(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / name, name)
    loaded = []
    real = readers_corpus.load

    def spy(path, root):
        loaded.append(path.name)
        return real(path, root)

    monkeypatch.setattr(readers_corpus, "load", spy)
    gen = iter_corpus(tmp_path)
    assert loaded == []
    assert next(gen).doc_id == "a"
    assert loaded == ["a.txt"]


# --------------------------------------------------------------------------- doc ids and order


def test_folder_doc_ids_and_order(tmp_path):
    write(tmp_path / "b.txt", "B")
    write(tmp_path / "a" / "z.md", "Z")
    write(tmp_path / "a" / "deep" / "y.txt", "Y")
    write(tmp_path / "c.d.txt", "CD")
    write(tmp_path / "A_upper.txt", "U")
    ids = [d.doc_id for d in iter_corpus(tmp_path)]
    assert ids == ["A_upper", "a/deep/y", "a/z", "b", "c.d"]


def test_file_doc_id_relative_to_parent(tmp_path):
    p = write(tmp_path / "x" / "y" / "story.txt", "S")
    assert [d.doc_id for d in iter_corpus(p)] == ["story"]
    assert read_document(p, root=tmp_path).doc_id == "x/y/story"


def test_glob(tmp_path):
    write(tmp_path / "c" / "one.txt", "1")
    write(tmp_path / "c" / "sub" / "two.txt", "2")
    write(tmp_path / "c" / "sub" / "three.md", "3")
    write(tmp_path / "c" / "sub" / "two.meta.yaml", "title: Two\n")
    docs = list(iter_corpus(str(tmp_path / "c" / "**" / "*.txt")))
    assert [(d.doc_id, d.title) for d in docs] == [("one", None), ("sub/two", "Two")]
    docs = list(iter_corpus(str(tmp_path / "c" / "sub" / "*")))
    assert [d.doc_id for d in docs] == ["three", "two"]  # relative to c/sub; sidecar skipped


def test_glob_matching_nothing(tmp_path):
    pattern = str(tmp_path / "*.txt")
    with pytest.raises(InputError) as ei:
        iter_corpus(pattern)
    assert str(ei.value) == f"{pattern}: glob pattern matches no file"
    with pytest.raises(InputError, match="matches no file"):
        read_corpus(pattern)


def test_duplicate_doc_id(tmp_path):
    write(tmp_path / "a.md", "From md")
    write(tmp_path / "a.txt", "From txt")
    write(tmp_path / "f.jsonl", jsonl({"id": "k", "text": "1"}, {"id": "k", "text": "2"}, {"id": "a", "text": "3"}))
    items = list(iter_corpus(tmp_path))
    assert isinstance(items[0], Document) and items[0].text == "From md"
    assert isinstance(items[1], ReadError)
    assert items[1].path == str(tmp_path / "a.txt")
    assert items[1].problem == f"duplicate doc_id 'a' (also at {tmp_path / 'a.md'})"
    assert items[1].doc_id == "a"
    assert isinstance(items[2], Document) and items[2].doc_id == "k"
    assert isinstance(items[3], ReadError) and items[3].line == 2
    assert items[3].problem == f"duplicate doc_id 'k' (also at {tmp_path / 'f.jsonl'}:1)"
    assert isinstance(items[4], ReadError) and "duplicate doc_id 'a'" in items[4].problem
    corpus = read_corpus(tmp_path)
    df = corpus.documents
    assert list(df["doc_id"]) == ["a", "k"]
    assert [e["doc_id"] for e in corpus.error_rows()] == ["a", "k", "a"]


def test_hidden_files_and_folders_skipped(tmp_path):
    write(tmp_path / "a.txt", "A")
    write(tmp_path / ".hidden.txt", "H")
    write(tmp_path / ".git" / "x.txt", "G")
    write(tmp_path / "sub" / ".DS_Store", b"\x00\x01")
    assert [i.doc_id for i in iter_corpus(tmp_path)] == ["a"]


# --------------------------------------------------------------------------- normalisation


def test_crlf_and_lone_cr_normalised(tmp_path):
    p = write(tmp_path / "w.txt", b"Line one.\r\nLine two.\rLine three.\n\r\n  kept  \r\n")
    doc = read_document(p)
    assert doc.text == "Line one.\nLine two.\nLine three.\n\n  kept  \n"
    # offsets into the text slice back to words
    i = doc.text.index("three")
    assert doc.text[i:i + 5] == "three"


def test_md_crlf(tmp_path):
    p = write(tmp_path / "w.md", b"---\r\ntitle: T\r\n---\r\nBody\r\nmore\r\n")
    doc = read_document(p)
    assert doc.text == "Body\nmore\n" and doc.title == "T"


def test_bom_stripped(tmp_path):
    p = write(tmp_path / "b.txt", b"\xef\xbb\xbfHello")
    assert read_document(p).text == "Hello"


def test_unicode_kept(tmp_path):
    text = "Putin’s visit\u00a0— «Пхеньян»\u2028end\n"
    p = write(tmp_path / "u.txt", text)
    assert read_document(p).text == text


# --------------------------------------------------------------------------- errors


def test_missing_path(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(InputError) as ei:
        read_document(p)
    assert str(ei.value) == f"{p}: no such file"
    with pytest.raises(InputError, match="no such file or folder"):
        iter_corpus(tmp_path / "nodir")
    with pytest.raises(InputError, match="no such file or folder"):
        read_corpus(tmp_path / "nodir")


def test_empty_folder(tmp_path):
    write(tmp_path / ".hidden", "x")
    with pytest.raises(InputError, match="folder holds no files"):
        read_corpus(tmp_path)


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("e.txt", b"", "empty file"),
        ("w.txt", b"  \n\t\r\n", "no text: file holds only whitespace"),
        ("e.md", b"", "empty file"),
        ("bin.txt", b"abc\x00def", "binary file (contains NUL bytes), not text"),
        ("l1.txt", b"ok text caf\xe9 here", "not valid UTF-8: byte 0xe9 at byte offset 11"),
        ("bomlatin.txt", b"\xef\xbb\xbfab\xff", "not valid UTF-8: byte 0xff at byte offset 5"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type '.pdf': supported suffixes are .txt, .md, .html, .htm, .jsonl"),
        ("README", b"text", "unsupported file type '(none)'"),
    ],
)
def test_bad_single_files(tmp_path, name, content, problem):
    p = write(tmp_path / name, content)
    with pytest.raises(InputError) as ei:
        read_document(p)
    assert ei.value.path == str(p)
    assert problem in ei.value.problem
    assert str(ei.value).startswith(f"{p}: ")
    # iter_corpus over the same single file yields the ReadError
    items = list(iter_corpus(p))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert items[0].path == str(p) and problem in items[0].problem


def test_permission_denied_mocked(tmp_path, monkeypatch):
    p = write(tmp_path / "locked.txt", "secret")
    write(tmp_path / "open.txt", "fine")
    real = os.open  # the readers open files with os.open (without blocking, see readers.files)

    def fake_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    with pytest.raises(InputError) as ei:
        read_document(p)
    assert str(ei.value) == f"{p}: cannot read file: permission denied"
    items = list(iter_corpus(tmp_path))
    assert [type(i).__name__ for i in items] == ["ReadError", "Document"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_permission_denied_real(tmp_path):
    p = write(tmp_path / "locked.txt", "secret")
    p.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(p)
    finally:
        p.chmod(0o644)


def test_folder_with_bad_files_keeps_the_good(tmp_path, capsys):
    write(tmp_path / "a.txt", "Alpha text.")
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.docx", b"PK")
    write(tmp_path / "d.md", "---\ntitle: [\n---\nx")
    write(tmp_path / "e.html", HTML_PAGE)
    corpus = read_corpus(tmp_path)
    df = corpus.documents
    assert list(df["doc_id"]) == ["a", "e"]
    assert [(e["path"], e["stage"]) for e in corpus.error_rows()] == [
        (str(tmp_path / "b.txt"), "read"),
        (str(tmp_path / "c.docx"), "read"),
        (str(tmp_path / "d.md"), "read"),
    ]
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        f"{tmp_path / 'b.txt'}: empty file",
        f"{tmp_path / 'c.docx'}: unsupported file type '.docx': supported suffixes are .txt, .md, .html, .htm, .jsonl",
        lines[2],
    ]
    assert lines[2].startswith(f"{tmp_path / 'd.md'}: invalid YAML in front matter")
    assert tables.frame("errors", corpus.error_rows()).shape == (3, 5)


def test_read_corpus_all_bad_gives_empty_table(tmp_path):
    write(tmp_path / "a.txt", b"")
    corpus = read_corpus(tmp_path)
    df = corpus.documents
    assert len(df) == 0
    assert list(df.columns) == list(tables.SCHEMAS["documents"].columns)
    assert len(corpus.error_rows()) == 1


def test_read_error_as_row():
    e = ReadError("x.jsonl", "invalid JSON", 3)
    assert e.as_row() == {"path": "x.jsonl", "line": 3, "doc_id": None, "stage": "read", "error": "invalid JSON"}
    assert str(e) == "x.jsonl:3: invalid JSON"
    assert str(ReadError("a.txt", "empty file")) == "a.txt: empty file"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value, iso",
    [
        (None, None),
        ("", None),
        ("2024-06-18", "2024-06-18"),
        ("2024-06-18T23:30:00Z", "2024-06-18"),
        ("2024-06-18T10:00:00+02:00", "2024-06-18"),
        (dt.date(2024, 6, 18), "2024-06-18"),
        (dt.datetime(2024, 6, 18, 12, 0), "2024-06-18"),
        ("18 June 2024", "2024-06-18"),
        ("18 Jun 2024", "2024-06-18"),
        ("June 18, 2024", "2024-06-18"),
        ("Jun. 18, 2024", "2024-06-18"),
        ("Tuesday, 18 June 2024", "2024-06-18"),
        ("  June  18,  2024 ", "2024-06-18"),
        ("2024/06/18", "2024-06-18"),
    ],
)
def test_parse_date(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize("value", ["yesterday", "06/07/2024", "2024-13-01", "31 February 2024", 20240618, ["2024"]])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError) as ei:
        parse_date(value)
    assert repr(value) in str(ei.value)


def test_read_errors_travel_as_a_value_into_the_annotation(tmp_path, capsys):
    """Not hidden in ``df.attrs`` (which pandas drops on most operations): the Corpus carries them."""
    import accord

    write(tmp_path / "a.txt", "Russia praised China.")
    write(tmp_path / "b.txt", b"")
    corpus = read_corpus(tmp_path)
    assert corpus.documents.attrs == {} and [e.path for e in corpus.errors] == [str(tmp_path / "b.txt")]
    result = accord.annotate(corpus)
    assert list(result["documents"]["doc_id"]) == ["a"]
    assert list(zip(result["errors"]["path"], result["errors"]["stage"])) == [(str(tmp_path / "b.txt"), "read")]
    assert accord.annotate(corpus.documents)["errors"].empty  # a documents table alone has no read errors
