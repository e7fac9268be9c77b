"""A Document, a ReadError, and the text checks every reader shares (UTF-8, newlines, dates)."""
from __future__ import annotations
import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any


_BOM = b"\xef\xbb\xbf"


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
