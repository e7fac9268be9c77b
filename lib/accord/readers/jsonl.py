"""A JSONL corpus: one document per line, read line by line."""
from __future__ import annotations
import json
from pathlib import Path
from typing import Iterator
from .formats import _doc_id, _metadata
from .document import Document, ReadError, _BOM, _Problem, normalise_newlines


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
