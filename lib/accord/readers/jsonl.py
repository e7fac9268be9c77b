"""A JSONL corpus: one document per line, read line by line."""
from __future__ import annotations
import json
from pathlib import Path
from typing import Any, Iterator
import io
from .formats import doc_id_of, metadata_of
from .document import Document, ReadError, UTF8_BOM, Problem, normalise_newlines, unicode_problem, wide_encoding
from .files import MAX_DOCUMENT_BYTES, open_regular
from ..errors import InputError, shorten


# --------------------------------------------------------------------------- JSONL


def _bounded_lines(fh: Any, limit: int) -> Iterator[tuple[Any, int]]:
    """(line, its length) for each line of ``fh``; a line longer than ``limit`` is (None, length),
    skipped in chunks so that it is never held whole."""
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit or raw[-1:] in (b"\n", "\n"):
            yield raw, len(raw)
            continue
        size = len(raw)
        while True:
            chunk = fh.readline(1 << 20)
            size += len(chunk)
            if not chunk or chunk[-1:] in (b"\n", "\n"):
                break
        yield None, size


def iter_jsonl(path: Path, root: Path, limit: int = MAX_DOCUMENT_BYTES) -> Iterator[Document | ReadError]:
    """Documents of a JSONL file, read line by line; a bad line is a ReadError.

    UTF-8 (a BOM is skipped), or UTF-16/UTF-32 when the file starts with their BOM.
    A line longer than ``limit`` (bytes; characters for UTF-16/32) is a ReadError.
    """
    base_id = doc_id_of(path, root)
    spath = str(path)
    try:
        fh = open_regular(path, max_bytes=1 << 62)  # the cap is per line here
    except Problem as exc:
        yield ReadError(spath, exc.problem)
        return
    with fh:
        try:
            head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
        except OSError as exc:
            yield ReadError(spath, f"cannot read file: {exc.strerror or exc}")
            return
        wide = wide_encoding(head)
        lines: Any = fh
        if wide is not None:
            lines = io.TextIOWrapper(fh, encoding=wide.lower().replace("-", "_"), errors="strict", newline="")
        elif b"\x00" in head:
            yield ReadError(spath, "binary file (contains NUL bytes), not text")
            return
        n_records = 0
        offset = 0
        lineno = 0
        unit = "characters" if wide else "bytes"
        numbered = _bounded_lines(lines, limit)
        while True:
            try:
                raw, size = next(numbered)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                yield ReadError(spath, f"not valid {wide}: {exc.reason} after line {lineno}", lineno + 1)
                return
            lineno += 1
            start = offset
            offset += size
            if raw is None:
                n_records += 1
                yield ReadError(spath, f"line is {size:,} {unit} long, more than the {limit:,} accepted "
                                       f"for one document", lineno)
                continue
            if lineno == 1 and isinstance(raw, bytes) and raw.startswith(UTF8_BOM):
                raw = raw[len(UTF8_BOM):]
                start += len(UTF8_BOM)
            try:
                if isinstance(raw, str):
                    line = raw.lstrip("\ufeff") if lineno == 1 else raw
                    if "\x00" in line:
                        raise Problem("binary data (NUL characters) in line")
                else:
                    if b"\x00" in raw:
                        raise Problem("binary data (NUL bytes) in line")
                    try:
                        line = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise Problem(
                            f"not valid UTF-8: byte 0x{raw[exc.start:exc.start + 1].hex()} "
                            f"at byte offset {start + exc.start} ({exc.reason})"
                        ) from None
                if not line.strip():
                    continue
                n_records += 1
                doc = _jsonl_record(line, spath, lineno, base_id)
            except Problem as exc:
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
        raise Problem(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise Problem("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise Problem(f"invalid JSON: {shorten(str(exc), 120, quote=False)}") from None
    if not isinstance(rec, dict):
        raise Problem(f"a record must be a JSON object, not {type(rec).__name__}")
    rid = rec.get("id")
    if rid is None:
        doc_id = f"{base_id}#{lineno}"
    elif isinstance(rid, bool) or not isinstance(rid, (str, int)) or (isinstance(rid, str) and not rid.strip()):
        raise Problem(f"'id' must be a non-empty string or an integer, not {rid!r}")
    else:
        doc_id = str(rid)
    try:
        if "text" not in rec or rec["text"] is None:
            raise Problem("missing 'text'")
        text = rec["text"]
        if not isinstance(text, str):
            raise Problem(f"'text' must be a string, not {type(text).__name__}")
        if not text.strip():
            raise Problem("empty 'text'" if not text else "'text' holds only whitespace")
        meta = metadata_of(rec)
    except Problem as exc:
        exc.doc_id = doc_id if rid is not None else None  # type: ignore[attr-defined]
        raise
    try:
        return Document(doc_id=doc_id, path=path, text=normalise_newlines(text), line=lineno, **meta)
    except InputError as exc:  # a lone surrogate from a \\ud800 escape
        problem = Problem(exc.problem)
        valid_id = rid is not None and unicode_problem(doc_id, "id") is None
        problem.doc_id = doc_id if valid_id else None  # type: ignore[attr-defined]
        raise problem from None
