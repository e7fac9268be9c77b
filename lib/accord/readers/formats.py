"""The registry of document formats (.txt with sidecar, .md with front matter, .html) and reading one file."""
from __future__ import annotations
from pathlib import Path
from typing import Any
from ..errors import InputError, shorten
from . import safe_yaml
import os
from .document import Document, Problem, check_text, normalise_newlines, parse_date
from .files import read_text, missing_problem


#: Suffixes of single-document files.
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
#: All suffixes a corpus may contain.
SUFFIXES = DOCUMENT_SUFFIXES + (".jsonl",)
#: Suffix of the metadata sidecar of a ``.txt`` file.
SIDECAR_SUFFIX = ".meta.yaml"
_SUPPORTED = ", ".join(SUFFIXES)
#: Metadata is a few short fields: front matter or a sidecar longer than this is refused unread.
MAX_METADATA_CHARS = 65_536


def _meta_str(key: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Problem(f"metadata {key!r} must be a string, not {type(value).__name__} ({shorten(value)})")
    s = str(value)
    return s if s.strip() else None


def metadata_of(meta: dict[str, Any]) -> dict[str, str | None]:
    """title/date/source/url from a mapping; other keys are ignored."""
    out: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        out[key] = _meta_str(key, meta.get(key))
    try:
        out["date"] = parse_date(meta.get("date"))
    except ValueError as exc:
        raise Problem(str(exc)) from None
    return out


def _yaml_mapping(text: str, what: str, line_offset: int = 0) -> dict[str, Any]:
    """The mapping of front matter or a sidecar, read with :mod:`.safe_yaml`; raises ``Problem``."""
    try:
        data = safe_yaml.load(text, what, max_chars=MAX_METADATA_CHARS, max_depth=8, line_offset=line_offset)
    except InputError as exc:
        where = f" at line {exc.line}" if exc.line is not None else ""
        syntax, _, detail = exc.problem.partition("invalid YAML: ")
        if not syntax and detail:
            raise Problem(f"invalid YAML in {what}{where}: {detail}") from None
        raise Problem(f"{what}{where}: {exc.problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Problem(f"{what} must be a YAML mapping (key: value), not {type(data).__name__}")
    return data


def sidecar_path(path: str | Path) -> Path:
    """The metadata sidecar of a ``.txt`` file: ``NAME.meta.yaml`` beside ``NAME.txt``."""
    p = Path(path)
    return p.with_name(p.name[: -len(p.suffix)] + SIDECAR_SUFFIX) if p.suffix else p.with_name(p.name + SIDECAR_SUFFIX)


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIX)


# --------------------------------------------------------------------------- formats


def _read_txt(path: Path) -> tuple[str, dict[str, str | None]]:
    text = check_text(read_text(path))
    side = sidecar_path(path)
    if not os.path.lexists(side):
        return text, metadata_of({})
    try:  # a sidecar that is not a regular file (a FIFO, a broken link) is named, not waited on
        return text, metadata_of(_yaml_mapping(read_text(side, 4 * MAX_METADATA_CHARS), "sidecar metadata"))
    except Problem as exc:
        raise Problem(exc.problem, path=str(side)) from None


def _read_md(path: Path) -> tuple[str, dict[str, str | None]]:
    text = read_text(path)
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
            raise Problem("unterminated YAML front matter: no closing '---' line")
        meta = _yaml_mapping("\n".join(lines[:end]), "front matter", line_offset=1)
        text = "\n".join(lines[end + 1:])
    return check_text(text, "body"), metadata_of(meta)


def _read_html(path: Path) -> tuple[str, dict[str, str | None]]:
    import trafilatura  # imported lazily: it is slow to import

    html = read_text(path)
    if not html.strip():
        raise Problem("no text: file holds only whitespace")
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
        raise Problem(f"cannot extract article text from HTML: {exc}") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise Problem("no extractable article text in HTML page")
    meta = {
        "title": getattr(result, "title", None),
        "url": getattr(result, "url", None),
        "source": getattr(result, "sitename", None),
    }
    date = getattr(result, "date", None)
    out = metadata_of(meta)
    try:
        out["date"] = parse_date(date)
    except ValueError:
        out["date"] = None  # a date guessed by the extractor is not the user's input
    return normalise_newlines(text), out


_READERS = {".txt": _read_txt, ".md": _read_md, ".html": _read_html, ".htm": _read_html}


def doc_id_of(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    rel = rel.with_suffix("") if rel.suffix else rel
    return rel.as_posix()


def _unsupported(path: Path) -> str:
    suffix = path.suffix or "(none)"
    return f"unsupported file type {suffix!r}: supported suffixes are {_SUPPORTED}"


def load(path: Path, root: Path) -> Document:
    """Read one document file; raises ``Problem``."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        if suffix == ".jsonl":
            raise Problem("a .jsonl file holds several documents: read it with iter_corpus/read_corpus")
        raise Problem(_unsupported(path))
    text, meta = reader(path)
    try:
        return Document(doc_id=doc_id_of(path, root), path=str(path), text=text, **meta)
    except InputError as exc:  # text or metadata that is not valid Unicode
        raise Problem(exc.problem) from None


def read_document(path: str | Path, root: str | Path | None = None) -> Document:
    """Read one ``.txt``/``.md``/``.html`` file.

    ``doc_id`` is the path relative to ``root`` (default: the file's parent)
    without suffix, with POSIX separators. Raises :class:`InputError` naming the
    file and the problem.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(p, missing_problem(p))
    if p.is_dir():
        raise InputError(p, "is a directory: read it with iter_corpus/read_corpus")
    try:
        return load(p, Path(root) if root is not None else p.parent)
    except Problem as exc:
        raise InputError(exc.path or p, exc.problem) from None
