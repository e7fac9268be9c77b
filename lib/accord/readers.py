"""Read news articles into :class:`Document` records and the ``documents`` table.

Supported inputs:

* ``.txt`` -- the text; metadata (title, date, source, url) from a sidecar
  ``NAME.meta.yaml`` beside it when present.
* ``.md`` -- optional YAML front matter between ``---`` lines at the top; the
  body is the text.
* ``.html`` / ``.htm`` -- the article text extracted with trafilatura (no
  network access), with title, date and url from its metadata extraction.
* ``.jsonl`` -- one JSON object per line: ``text`` (required) and optional
  ``id``, ``title``, ``date``, ``source``, ``url``.

A corpus is a file, a folder (read recursively; hidden files and folders and
sidecars are skipped), a glob pattern, or a ``.jsonl`` file. Documents are
streamed: only file names are listed up front, and a JSONL file is read line by
line.

Text is decoded strictly as UTF-8 (a BOM is stripped) and line endings are
normalised to ``"\\n"``; nothing else is changed, so character offsets computed
later slice back to the words of the source.
"""
from __future__ import annotations

import datetime as _dt
import glob as _glob
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd
import yaml

from accord import tables
from accord.errors import InputError

__all__ = [
    "Document",
    "ReadError",
    "SUFFIXES",
    "read_document",
    "iter_corpus",
    "read_corpus",
    "parse_date",
]

#: Suffixes of single-document files.
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: All suffixes a corpus may contain.
SUFFIXES = DOCUMENT_SUFFIXES + (".jsonl",)
#: Suffix of the metadata sidecar of a ``.txt`` file.
SIDECAR_SUFFIX = ".meta.yaml"
META_KEYS = ("title", "date", "source", "url")

_BOM = b"\xef\xbb\xbf"
_GLOB_CHARS = frozenset("*?[")
_SUPPORTED = ", ".join(SUFFIXES)


@dataclass(frozen=True)
class Document:
    """One article: its id, where it came from, its text and metadata."""

    doc_id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    line: int | None = None  # line number in a JSONL file

    def as_row(self) -> dict[str, Any]:
        """A row for ``tables.frame("documents", ...)``."""
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "n_chars": len(self.text),
            "text": self.text,
        }


@dataclass(frozen=True)
class ReadError:
    """A document that could not be read: where, and what is wrong with it."""

    path: str
    problem: str
    line: int | None = None
    doc_id: str | None = None  # when known (e.g. a duplicate id, a JSONL record with an id)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"

    def as_row(self) -> dict[str, Any]:
        """A row for ``tables.frame("errors", ...)`` with stage ``"read"``."""
        return {
            "path": self.path,
            "line": self.line,
            "doc_id": self.doc_id,
            "stage": "read",
            "error": self.problem,
        }

    def to_exception(self) -> InputError:
        return InputError(self.path, self.problem, self.line)


class _Problem(Exception):
    """Internal: a problem with one document (or one JSONL line)."""

    def __init__(self, problem: str, path: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path  # overrides the document path, e.g. for a broken sidecar


# --------------------------------------------------------------------------- text


def _decode(data: bytes, what: str = "file") -> str:
    """Strict UTF-8 decoding with BOM stripping and line-ending normalisation."""
    if b"\x00" in data:
        raise _Problem(f"binary {what} (contains NUL bytes), not text")
    offset = 0
    if data.startswith(_BOM):
        data = data[len(_BOM):]
        offset = len(_BOM)
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1]
        raise _Problem(
            f"not valid UTF-8: byte 0x{bad.hex()} at byte offset {exc.start + offset} ({exc.reason})"
        ) from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; everything else is kept exactly."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise _Problem("cannot read file: permission denied") from None
    except IsADirectoryError:
        raise _Problem("is a directory, not a file") from None
    except FileNotFoundError:
        raise _Problem("no such file") from None
    except OSError as exc:
        raise _Problem(f"cannot read file: {exc.strerror or exc}") from None


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    if not data:
        raise _Problem("empty file")
    return _decode(data)


def _check_text(text: str, what: str = "file") -> str:
    if not text.strip():
        raise _Problem(f"no text: {what} holds only whitespace" if text else f"no text: empty {what}")
    return text


# --------------------------------------------------------------------------- metadata

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d %b, %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%A, %d %B %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%Y/%m/%d",
)


def parse_date(value: Any) -> str | None:
    """Normalise a date to ISO ``YYYY-MM-DD``.

    Accepts ``None``, ``datetime.date``/``datetime.datetime``, ISO strings
    (``2024-06-18``, ``2024-06-18T10:00:00Z``) and common written forms
    (``18 June 2024``, ``June 18, 2024``, ``Tuesday, 18 June 2024``,
    ``2024/06/18``). Ambiguous numeric forms such as ``06/07/2024`` are
    rejected. Raises ``ValueError`` naming the value otherwise.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"unparseable date {value!r}: expected a date string such as 2024-06-18")
    s = " ".join(value.strip().split())
    if not s:
        return None
    # ISO date-time: keep the calendar date as written
    iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
    try:
        return _dt.datetime.fromisoformat(iso).date().isoformat()
    except ValueError:
        pass
    s2 = s.replace(".", "") if not s[:1].isdigit() or " " in s else s  # "Jun. 18, 2024"
    for cand in dict.fromkeys((s, s2)):
        for fmt in _DATE_FORMATS:
            try:
                return _dt.datetime.strptime(cand, fmt).date().isoformat()
            except ValueError:
                continue
    raise ValueError(
        f"unparseable date {value!r}: use ISO YYYY-MM-DD or a form like '18 June 2024' / 'June 18, 2024'"
    )


def _meta_str(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _Problem(f"metadata {key!r} must be a string, not {type(value).__name__} ({value!r})")
    s = str(value)
    return s if s.strip() else None


def _metadata(meta: dict[str, Any]) -> dict[str, str | None]:
    """title/date/source/url from a mapping; other keys are ignored."""
    out: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        out[key] = _meta_str(key, meta.get(key))
    try:
        out["date"] = parse_date(meta.get("date"))
    except ValueError as exc:
        raise _Problem(str(exc)) from None
    return out


def _yaml_mapping(text: str, what: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Problem(f"invalid YAML in {what}{where}: {detail}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _Problem(f"{what} must be a YAML mapping (key: value), not {type(data).__name__}")
    return data


def sidecar_path(path: str | Path) -> Path:
    """The metadata sidecar of a ``.txt`` file: ``NAME.meta.yaml`` beside ``NAME.txt``."""
    p = Path(path)
    return p.with_name(p.name[: -len(p.suffix)] + SIDECAR_SUFFIX) if p.suffix else p.with_name(p.name + SIDECAR_SUFFIX)


def _is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIX)


# --------------------------------------------------------------------------- formats


def _read_txt(path: Path) -> tuple[str, dict[str, str | None]]:
    text = _check_text(_read_text(path))
    side = sidecar_path(path)
    if not side.is_file():
        return text, _metadata({})
    try:
        return text, _metadata(_yaml_mapping(_read_text(side), "sidecar metadata"))
    except _Problem as exc:
        raise _Problem(exc.problem, path=str(side)) from None


def _read_md(path: Path) -> tuple[str, dict[str, str | None]]:
    text = _read_text(path)
    meta: dict[str, Any] = {}
    first, sep, rest = text.partition("\n")
    if first.rstrip() == "---":
        lines = rest.split("\n")
        end = None
        for i, ln in enumerate(lines):
            if ln.rstrip() in ("---", "..."):
                end = i
                break
        if end is None:
            raise _Problem("unterminated YAML front matter: no closing '---' line")
        meta = _yaml_mapping("\n".join(lines[:end]), "front matter")
        text = "\n".join(lines[end + 1:])
    return _check_text(text, "body"), _metadata(meta)


def _read_html(path: Path) -> tuple[str, dict[str, str | None]]:
    import trafilatura  # imported lazily: it is slow to import

    html = _read_text(path)
    if not html.strip():
        raise _Problem("no text: file holds only whitespace")
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # markup only: the extensive search guesses dates from free text
            # (e.g. a "Copyright 2024" footer becomes 2024-01-01)
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml failures on odd markup
        raise _Problem(f"cannot extract article text from HTML: {exc}") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise _Problem("no extractable article text in HTML page")
    meta = {
        "title": getattr(result, "title", None),
        "url": getattr(result, "url", None),
        "source": getattr(result, "sitename", None),
    }
    date = getattr(result, "date", None)
    out = _metadata(meta)
    try:
        out["date"] = parse_date(date)
    except ValueError:
        out["date"] = None  # a date guessed by the extractor is not the user's input
    return normalise_newlines(text), out


_READERS = {".txt": _read_txt, ".md": _read_md, ".html": _read_html, ".htm": _read_html}


def _doc_id(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    rel = rel.with_suffix("") if rel.suffix else rel
    return rel.as_posix()


def _unsupported(path: Path) -> str:
    suffix = path.suffix or "(none)"
    return f"unsupported file type {suffix!r}: supported suffixes are {_SUPPORTED}"


def _load(path: Path, root: Path) -> Document:
    """Read one document file; raises ``_Problem``."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        if suffix == ".jsonl":
            raise _Problem("a .jsonl file holds several documents: read it with iter_corpus/read_corpus")
        raise _Problem(_unsupported(path))
    text, meta = reader(path)
    return Document(doc_id=_doc_id(path, root), path=str(path), text=text, **meta)


def read_document(path: str | Path, root: str | Path | None = None) -> Document:
    """Read one ``.txt``/``.md``/``.html`` file.

    ``doc_id`` is the path relative to ``root`` (default: the file's parent)
    without suffix, with POSIX separators. Raises :class:`InputError` naming the
    file and the problem.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a directory: read it with iter_corpus/read_corpus")
    try:
        return _load(p, Path(root) if root is not None else p.parent)
    except _Problem as exc:
        raise InputError(exc.path or p, exc.problem) from None


# --------------------------------------------------------------------------- JSONL


def _iter_jsonl(path: Path, root: Path) -> Iterator[Document | ReadError]:
    """Documents of a JSONL file, read line by line; a bad line is a ReadError."""
    base_id = _doc_id(path, root)
    spath = str(path)
    try:
        fh = path.open("rb")
    except PermissionError:
        yield ReadError(spath, "cannot read file: permission denied")
        return
    except OSError as exc:
        yield ReadError(spath, f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        try:
            head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
        except OSError as exc:
            yield ReadError(spath, f"cannot read file: {exc.strerror or exc}")
            return
        if b"\x00" in head:
            yield ReadError(spath, "binary file (contains NUL bytes), not text")
            return
        n_records = 0
        offset = 0
        lineno = 0
        for raw in fh:
            lineno += 1
            start = offset
            offset += len(raw)
            if lineno == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
                start += len(_BOM)
            try:
                if b"\x00" in raw:
                    raise _Problem("binary data (NUL bytes) in line")
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise _Problem(
                        f"not valid UTF-8: byte 0x{raw[exc.start:exc.start + 1].hex()} "
                        f"at byte offset {start + exc.start} ({exc.reason})"
                    ) from None
                if not line.strip():
                    continue
                n_records += 1
                doc = _jsonl_record(line, spath, lineno, base_id)
            except _Problem as exc:
                n_records += 1
                yield ReadError(spath, exc.problem, lineno, getattr(exc, "doc_id", None))
                continue
            yield doc
        if lineno == 0:
            yield ReadError(spath, "empty file")
        elif n_records == 0:
            yield ReadError(spath, "no records: file holds only blank lines")


def _jsonl_record(line: str, path: str, lineno: int, base_id: str) -> Document:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Problem(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(rec, dict):
        raise _Problem(f"a record must be a JSON object, not {type(rec).__name__}")
    rid = rec.get("id")
    if rid is None:
        doc_id = f"{base_id}#{lineno}"
    elif isinstance(rid, bool) or not isinstance(rid, (str, int)) or (isinstance(rid, str) and not rid.strip()):
        raise _Problem(f"'id' must be a non-empty string or an integer, not {rid!r}")
    else:
        doc_id = str(rid)
    try:
        if "text" not in rec or rec["text"] is None:
            raise _Problem("missing 'text'")
        text = rec["text"]
        if not isinstance(text, str):
            raise _Problem(f"'text' must be a string, not {type(text).__name__}")
        if not text.strip():
            raise _Problem("empty 'text'" if not text else "'text' holds only whitespace")
        meta = _metadata(rec)
    except _Problem as exc:
        exc.doc_id = doc_id if rid is not None else None  # type: ignore[attr-defined]
        raise
    return Document(doc_id=doc_id, path=path, text=normalise_newlines(text), line=lineno, **meta)


# --------------------------------------------------------------------------- corpus


def _is_glob(s: str) -> bool:
    return any(c in _GLOB_CHARS for c in s)


def _glob_root(pattern: str) -> Path:
    """The folder part of a glob pattern before its first wildcard."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if _is_glob(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _walk(folder: Path, errors: list[ReadError]) -> list[Path]:
    """All non-hidden files under ``folder`` (names only), without sidecars of .txt files."""
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        problem = "cannot read folder: permission denied" if isinstance(exc, PermissionError) else (
            f"cannot read folder: {exc.strerror or exc}"
        )
        errors.append(ReadError(str(exc.filename or folder), problem))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=onerror):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                found.append(Path(dirpath) / name)
    return found


def _is_skipped_sidecar(path: Path) -> bool:
    """A sidecar whose ``.txt`` is beside it (an orphan sidecar is reported instead)."""
    if not _is_sidecar(path.name):
        return False
    stem = path.name[: -len(SIDECAR_SUFFIX)]
    return (path.parent / (stem + ".txt")).exists()


def _resolve(path: str | Path) -> tuple[Path, list[Path], list[ReadError]]:
    """(root, files sorted by relative path, listing errors). Raises InputError."""
    spath = os.fspath(path)
    p = Path(spath)
    errors: list[ReadError] = []
    if p.is_file():
        return p.parent, [p], errors
    if p.is_dir():
        root = p
        files = _walk(p, errors)
        files = [f for f in files if not _is_skipped_sidecar(f)]
        if not files and not errors:
            raise InputError(p, "folder holds no files (hidden files and .meta.yaml sidecars are skipped)")
    elif p.exists():
        raise InputError(p, "not a regular file or folder")
    elif _is_glob(spath):
        root = _glob_root(spath)
        matched = sorted(_glob.glob(spath, recursive=True))
        files = []
        for m in matched:
            mp = Path(m)
            if mp.is_dir():
                files.extend(_walk(mp, errors))
            elif mp.is_file():
                files.append(mp)
        files = [f for f in dict.fromkeys(files) if not _is_skipped_sidecar(f)]
        if not files and not errors:
            raise InputError(spath, "glob pattern matches no file")
    else:
        raise InputError(p, "no such file or folder")
    files.sort(key=lambda f: _doc_id_sort_key(f, root))
    return root, files, errors


def _doc_id_sort_key(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def iter_corpus(path: str | Path) -> Iterator[Document | ReadError]:
    """Stream the documents of a file, folder (recursive), glob pattern or ``.jsonl`` file.

    Yields a :class:`Document` per readable document and a :class:`ReadError` per
    bad one, in a deterministic order (files sorted by relative path, JSONL by
    line). A duplicate ``doc_id`` is a ReadError for the later document. Only
    file names are listed up front; a JSONL file is read line by line.

    Raises :class:`InputError` at once when ``path`` does not exist, an empty
    folder holds no files, or a glob pattern matches no file.
    """
    root, files, errors = _resolve(path)
    return _generate(root, files, errors)


def _generate(root: Path, files: list[Path], errors: list[ReadError]) -> Iterator[Document | ReadError]:
    yield from errors
    seen: dict[str, str] = {}
    for f in files:
        items: Iterable[Document | ReadError]
        if f.suffix.lower() == ".jsonl":
            items = _iter_jsonl(f, root)
        elif _is_sidecar(f.name):
            items = [ReadError(str(f), f"sidecar metadata without a matching "
                                       f"{f.name[: -len(SIDECAR_SUFFIX)]}.txt beside it")]
        else:
            try:
                items = [_load(f, root)]
            except _Problem as exc:
                items = [ReadError(exc.path or str(f), exc.problem)]
        for item in items:
            if isinstance(item, Document):
                where = f"{item.path}:{item.line}" if item.line is not None else item.path
                if item.doc_id in seen:
                    item = ReadError(
                        item.path,
                        f"duplicate doc_id {item.doc_id!r} (also at {seen[item.doc_id]})",
                        item.line,
                        item.doc_id,
                    )
                else:
                    seen[item.doc_id] = where
            yield item


def read_corpus(path: str | Path) -> pd.DataFrame:
    """The ``documents`` table of a corpus (see :func:`iter_corpus`).

    Bad documents are printed to stderr, one line each (``path[:line]: problem``),
    and kept as a list of ``errors``-table rows in ``df.attrs["errors"]``. Raises
    :class:`InputError` when the path does not exist or matches no file.
    """
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for item in iter_corpus(path):
        if isinstance(item, ReadError):
            print(str(item), file=sys.stderr)
            errors.append(item.as_row())
        else:
            rows.append(item.as_row())
    df = tables.frame("documents", rows)
    df.attrs["errors"] = errors
    return df
