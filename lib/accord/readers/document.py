"""A Document, a ReadError, and the text checks every reader shares (UTF-8, newlines, dates)."""
from __future__ import annotations
import codecs
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any
from ..errors import InputError, shorten


UTF8_BOM = codecs.BOM_UTF8
# UTF-32 first: its little-endian BOM starts with UTF-16's.
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
             (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(m: re.Match) -> str:
    code = ord(m.group())
    # 0xDC80-0xDCFF is how Python carries a file-name byte that is not UTF-8
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def wide_encoding(head: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``head`` starts with that byte-order mark, else None."""
    return next((name for bom, name in WIDE_BOMS if head.startswith(bom)), None)


def unicode_problem(value: str, field: str) -> str | None:
    """Why ``value`` is not valid Unicode text, or None.

    Every reader decodes strictly, so the only way in is a ``\\ud800``-style
    escape (JSON) or a Python string: a lone surrogate, half of a UTF-16 pair,
    that no UTF-8 file, CSV or Parquet can hold. Accord refuses it, naming where,
    rather than guess a replacement (the same rule as for bytes that are not UTF-8).
    """
    m = _SURROGATE.search(value)
    if m is None:
        return None
    return (f"{field!r} is not valid Unicode: lone surrogate U+{ord(m.group()):04X} at character "
            f"{m.start()} (half of a UTF-16 pair, e.g. from a \\u{ord(m.group()):04x} escape)")


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

    def __post_init__(self) -> None:
        # the one place text is made valid: every entry point builds a Document
        for field in ("doc_id", "path", "text", "title", "source", "url", "date"):
            value = getattr(self, field)
            problem = unicode_problem(value, field) if isinstance(value, str) and value else None
            if problem:
                raise InputError(self.path, problem, self.line)

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

    def __post_init__(self) -> None:
        # a file name that is not UTF-8 reaches Python with surrogates: show its bytes escaped,
        # so that the errors table can be written (the same for a message quoting bad text)
        for field in ("path", "problem", "doc_id"):
            value = getattr(self, field)
            if isinstance(value, str) and _SURROGATE.search(value):
                object.__setattr__(self, field, _SURROGATE.sub(_escape_surrogate, value))

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


class Problem(Exception):
    """Internal: a problem with one document (or one JSONL line)."""

    def __init__(self, problem: str, path: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path  # overrides the document path, e.g. for a broken sidecar


# --------------------------------------------------------------------------- text


def decode(data: bytes, what: str = "file") -> str:
    """Strict decoding: UTF-8 (a BOM is stripped), or UTF-16/UTF-32 when the data starts with their
    BOM; line endings are normalised."""
    wide = wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide.lower().replace("-", "_"), errors="strict")  # the codec drops the BOM
        except UnicodeDecodeError as exc:
            raise Problem(f"not valid {wide} (it starts with a {wide} byte-order mark): {exc.reason} "
                           f"at byte offset {exc.start}") from None
        if "\x00" in text:
            raise Problem(f"binary {what} (contains NUL characters), not text")
        return normalise_newlines(text)
    if b"\x00" in data:
        head = data[:64]
        hint = ("; it looks like UTF-16 without a byte-order mark: save it as UTF-8"
                if len(head) >= 4 and (not any(head[0::2]) or not any(head[1::2])) else "")
        raise Problem(f"binary {what} (contains NUL bytes), not text{hint}")
    offset = 0
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
        offset = len(UTF8_BOM)
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1]
        raise Problem(
            f"not valid UTF-8: byte 0x{bad.hex()} at byte offset {exc.start + offset} ({exc.reason})"
        ) from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; everything else is kept exactly."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, what: str = "file") -> str:
    if not text.strip():
        raise Problem(f"no text: {what} holds only whitespace" if text else f"no text: empty {what}")
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
        raise ValueError(f"unparseable date {shorten(value)}: expected a date string such as 2024-06-18")
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
        f"unparseable date {shorten(value)}: use ISO YYYY-MM-DD or a form like '18 June 2024' / 'June 18, 2024'"
    )
