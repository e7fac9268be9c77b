"""Opening one input path safely: regular files only, links named, sizes capped, each file once.

A corpus folder may hold things that are not articles: a FIFO (opening it
blocks until a writer comes, i.e. forever), a device, a socket, a symbolic
link to itself or to nowhere, or a link that leads back to a file already
read. Each is a problem of that path alone, named in accord's words.
"""
from __future__ import annotations
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO
from ..errors import InputError
from .document import Problem, decode

#: A document file (or JSONL line) larger than this is refused unread. The pipeline's
#: ``nlp.max_length`` is 50,000,000 characters, and a character takes at least one byte.
MAX_DOCUMENT_BYTES = 50_000_000

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words ("a FIFO (named pipe)", ...)."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def missing_problem(path: Path) -> str:
    """Why ``path`` cannot be found: a link loop, a broken link, or no such file."""
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop (a link to itself or a circle of links)"
        try:
            return f"broken symbolic link (its target {os.readlink(path)!r} does not exist)"
        except OSError:
            return "broken symbolic link"
    return "no such file"


def nearest_sibling(path: Path) -> Path | None:
    """The entry beside a missing ``path`` whose name is nearest its name (a misspelling), else None."""
    import difflib

    try:
        siblings = [p.name for p in path.parent.iterdir() if not p.name.startswith(".")]
    except OSError:
        return None
    close = difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.6)
    return path.with_name(close[0]) if close else None


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` leads to, or None when it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def open_regular(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> BinaryIO:
    """Open a regular file for binary reading; raises ``Problem`` for anything else.

    The file is opened without blocking and checked on the open descriptor, so
    a FIFO is refused at once instead of waiting for a writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError:
        raise Problem("cannot read file: permission denied") from None
    except IsADirectoryError:
        raise Problem("is a directory, not a file") from None
    except FileNotFoundError:
        raise Problem(missing_problem(path)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Problem(missing_problem(path)) from None
        raise Problem(f"cannot read file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Problem(f"{file_kind(st.st_mode)}, not a regular file")
        if st.st_size > max_bytes:
            raise Problem(f"file is {st.st_size:,} bytes, more than the {max_bytes:,} accepted "
                           f"(split it into articles)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_file(path: str | Path, max_bytes: int, what: str = "a file") -> None:
    """Refuse ``path`` unless it is a regular file of at most ``max_bytes``, looking without opening it.

    For a file that code beyond accord's readers will open (the pipeline cache hashes the
    lexicon): :func:`os.stat` does not wait on a FIFO, and reads nothing. ``what`` names the
    file in the message. Raises :class:`~accord.errors.InputError` naming the path.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, missing_problem(Path(path))) from None
    except OSError as exc:
        problem = missing_problem(Path(path)) if exc.errno == errno.ELOOP else f"cannot read file: {exc.strerror or exc}"
        raise InputError(path, problem) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, f"{file_kind(st.st_mode)}, not a regular file")
    if st.st_size > max_bytes:
        raise InputError(path, f"file is {st.st_size:,} bytes, more than the {max_bytes:,} {what} may hold")


def read_file(path: str | Path, max_bytes: int, what: str = "a file") -> bytes:
    """The bytes of the regular file ``path``, read once: for the files an analyst hands over.

    A FIFO (a shell's ``<(...)`` too), device or socket is refused at once, never waited on;
    the size is checked on the open descriptor (``fstat``) before a byte is read, so an
    oversized file costs nothing. ``what`` names the file in the message ("a lexicon file").
    Raises :class:`~accord.errors.InputError` naming the path and the problem.
    """
    try:
        with open_regular(Path(path), max_bytes=1 << 62) as fh:  # the cap and its message are this function's
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise Problem(f"file is {size:,} bytes, more than the {max_bytes:,} {what} may hold")
            data = fh.read(max_bytes + 1)
    except Problem as exc:
        raise InputError(path, exc.problem) from None
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew since it was checked
        raise InputError(path, f"file is more than the {max_bytes:,} bytes {what} may hold")
    return data


def _read_bytes(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    with open_regular(path, max_bytes) as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise Problem(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew since it was checked
        raise Problem(f"file is more than the {max_bytes:,} bytes accepted (split it into articles)")
    return data


def read_text(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    data = _read_bytes(path, max_bytes)
    if not data:
        raise Problem("empty file")
    return decode(data)
