"""A corpus: a file, a folder walked recursively, a glob or a JSONL file, streamed as Documents."""
from __future__ import annotations
import fnmatch
import glob as _globmod
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator
import pandas as pd
from .. import tables
from ..errors import InputError
from .formats import SIDECAR_SUFFIX, is_sidecar, load
from .document import Document, ReadError, Problem
from .jsonl import iter_jsonl
from .files import file_kind, identity, missing_problem, nearest_sibling

_GLOB_CHARS = frozenset("*?[")


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


def _walk(folder: Path, errors: list[ReadError], follow: bool = False) -> list[Path]:
    """All non-hidden files under ``folder`` (names only).

    Links to folders are followed only when ``follow`` (a glob's ``**`` does);
    a folder reached twice (a link circle such as ``sub/up -> ..``) is walked
    once and the other way in is reported, as is a link not followed.
    """
    found: list[Path] = []
    seen_dirs: dict[tuple[int, int], str] = {}
    start = identity(folder)
    if start is not None:
        seen_dirs[start] = str(folder)

    def onerror(exc: OSError) -> None:
        problem = "cannot read folder: permission denied" if isinstance(exc, PermissionError) else (
            f"cannot read folder: {exc.strerror or exc}"
        )
        errors.append(ReadError(str(exc.filename or folder), problem))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=onerror, followlinks=follow):
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            sub = Path(dirpath) / d
            if sub.is_symlink() and not follow:
                errors.append(ReadError(str(sub), "symbolic link to a folder: not followed (give the folder "
                                                  "itself, or a glob, to read it)"))
                continue
            key = identity(sub)
            if key is not None and key in seen_dirs:
                errors.append(ReadError(str(sub), f"folder already read as {seen_dirs[key]} "
                                                  f"(a circle of symbolic links): skipped"))
                continue
            if key is not None:
                seen_dirs[key] = str(sub)
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            if not name.startswith("."):
                found.append(Path(dirpath) / name)
    return found


def _is_skipped_sidecar(path: Path) -> bool:
    """A sidecar whose ``.txt`` is beside it (an orphan sidecar is reported instead)."""
    if not is_sidecar(path.name):
        return False
    stem = path.name[: -len(SIDECAR_SUFFIX)]
    return (path.parent / (stem + ".txt")).exists()


def _match(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether path ``parts`` match glob ``pattern`` parts (``**`` is any number of folders)."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_match(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _match(pattern[1:], parts[1:])


def _glob(spath: str, errors: list[ReadError]) -> list[Path]:
    """Files matched by a glob pattern; a matched folder gives all files under it.

    A pattern without ``**`` has a fixed depth and uses :mod:`glob`. With ``**``
    the tree under the pattern's fixed folder is walked by :func:`_walk`, which
    reads each folder once: :mod:`glob` would follow a link circle until the
    path is too long (one article became 41 documents).
    """
    if "**" not in spath:
        files: list[Path] = []
        for m in sorted(_globmod.glob(spath)):
            mp = Path(m)
            files.extend(_walk(mp, errors) if mp.is_dir() else [mp])
        return files
    root = _glob_root(spath)
    pattern = Path(spath).parts[len(root.parts):]
    if not root.is_dir():
        return []
    out = []
    for f in _walk(root, errors, follow=True):
        parts = f.relative_to(root).parts
        # a file matches, or lies under a matched folder (``data/**`` matches folders too)
        if any(_match(pattern, parts[:k]) for k in range(1, len(parts) + 1)):
            out.append(f)
    return out


def _check_listed(files: list[Path], errors: list[ReadError]) -> list[Path]:
    """The files that lead to a regular file not listed before; the others become ReadErrors.

    Sorted first, so that a file reached two ways (a link, a hard link, a link
    circle) is read by its first name and the others name it.
    """
    out: list[Path] = []
    first: dict[tuple[int, int], Path] = {}
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            errors.append(ReadError(str(f), missing_problem(f)))
            continue
        if not stat.S_ISREG(st.st_mode):
            errors.append(ReadError(str(f), f"{file_kind(st.st_mode)}, not a regular file"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in first:
            errors.append(ReadError(str(f), f"same file as {first[key]} (reached through a link): read once"))
            continue
        first[key] = f
        out.append(f)
    return out


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
        raise InputError(p, f"{file_kind(p.stat().st_mode)}, not a regular file or folder")
    elif _is_glob(spath):
        root = _glob_root(spath)
        files = [f for f in dict.fromkeys(_glob(spath, errors)) if not _is_skipped_sidecar(f)]
        if not files and not errors:
            raise InputError(spath, "glob pattern matches no file")
    elif missing_problem(p) == "no such file":
        near = nearest_sibling(p)  # a misspelt name: say the one beside it
        raise InputError(p, "no such file or folder" + (f" (did you mean {near}?)" if near else ""))
    else:
        raise InputError(p, missing_problem(p))
    files.sort(key=lambda f: _doc_id_sort_key(f, root))
    files = _check_listed(files, errors)
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
            items = iter_jsonl(f, root)
        elif is_sidecar(f.name):
            items = [ReadError(str(f), f"sidecar metadata without a matching "
                                       f"{f.name[: -len(SIDECAR_SUFFIX)]}.txt beside it")]
        else:
            try:
                items = [load(f, root)]
            except Problem as exc:
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


@dataclass(frozen=True)
class Corpus:
    """A corpus read whole: its ``documents`` table, and what could not be read, as a value.

    :func:`accord.annotate` takes it as it is: the documents are annotated and the read
    errors become rows of the errors table.
    """

    documents: pd.DataFrame
    errors: tuple[ReadError, ...] = ()

    def error_rows(self) -> list[dict[str, Any]]:
        """The read errors as rows of the ``errors`` table."""
        return [e.as_row() for e in self.errors]

    def __len__(self) -> int:
        return len(self.documents)


def read_corpus(path: str | Path) -> Corpus:
    """The ``documents`` table of a corpus (see :func:`iter_corpus`), and its read errors.

    Bad documents are printed to stderr, one line each (``path[:line]: problem``),
    and kept in :attr:`Corpus.errors`. Raises :class:`InputError` when the path does
    not exist or matches no file.
    """
    rows: list[dict[str, Any]] = []
    errors: list[ReadError] = []
    for item in iter_corpus(path):
        if isinstance(item, ReadError):
            print(str(item), file=sys.stderr)
            errors.append(item)
        else:
            rows.append(item.as_row())
    return Corpus(tables.frame("documents", rows), tuple(errors))
