"""Writing to disk at once or not at all: one protocol for tables, datasets, reports and exports.

* :func:`locked` -- one writer at a time for a folder (``.NAME.lock`` beside it, ``flock``): a
  second run is refused with a clear error; a killed run's lock goes with its process;
* :func:`staging_folder` and :func:`replace_folder` -- a run writes a new folder beside its
  target and swaps it in at once (``renameat2`` ``RENAME_EXCHANGE`` on Linux), so the target
  holds the previous run's files or this run's, never a mix; what a killed run left is tidied
  by the next one, under the lock;
* :func:`write_file_atomic` -- one file, written whole or not at all, through an unguessable
  temporary name;
* :func:`fsync_dir` -- a rename or a new file made durable.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .errors import OutputError

__all__ = ["TMP_PREFIX", "locked", "staging_folder", "exchange", "replace_folder", "fsync_dir",
           "write_file_atomic"]


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the writer's lock of folder ``out`` (the file ``.NAME.lock`` beside it), or raise OutputError."""
    import fcntl

    lock = out.parent / f".{out.name}.lock"
    try:  # the first write in the folder: a folder this user may not write is named here
        out.parent.mkdir(parents=True, exist_ok=True)
        fh = open(lock, "a+")
    except OSError as exc:
        raise OutputError(out, f"cannot be written ({exc.strerror or exc}): choose a folder you may write") from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(out, "another accord run is writing this folder") from None
        yield


@contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """A new temporary folder beside ``out`` (call under :func:`locked`); removed unless swapped in.

    What a killed run left beside ``out`` is tidied first: its temporary folders are
    removed, and a previous folder set aside but not yet replaced is put back.
    """
    import shutil
    import tempfile

    aside = sorted(out.parent.glob(f".{out.name}.old-*"))
    if aside and not out.exists():
        aside.pop().rename(out)
    for old in [*aside, *out.parent.glob(f".{out.name}.tmp-*")]:  # the lock is ours: no live run owns these
        shutil.rmtree(old, ignore_errors=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def replace_folder(src: Path, dst: Path) -> None:
    """Put folder ``src`` in place of ``dst`` at once; the previous ``dst`` is then deleted.

    Where the file system cannot exchange two names in one step, ``dst`` is renamed
    aside and ``src`` renamed into place, a window of two renames.
    """
    import shutil

    os.chmod(src, 0o755)
    if not dst.exists():
        src.rename(dst)
    elif exchange(src, dst):
        shutil.rmtree(src, ignore_errors=True)  # now the previous folder
    else:
        old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
        dst.rename(old)
        src.rename(dst)
        shutil.rmtree(old, ignore_errors=True)
    fsync_dir(dst.parent)


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (a rename, a new file) durable; a folder that cannot be opened is let be."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: How every temporary file accord writes beside its target begins (a dataset's recovery removes them).
TMP_PREFIX = ".tmp-"


def write_file_atomic(path: Path, write: Callable[[BinaryIO], None], durable: bool = True) -> None:
    """Write the file ``path`` whole or not at all: ``write(fh)`` fills a new temporary file beside it,
    which then replaces ``path`` in one rename.

    The temporary file (``.tmp-<random>-NAME``) has a name no one can guess and is created
    with ``O_EXCL``: a link or file planted beside ``path`` is never followed nor reused, and
    two writers never share one. On any failure (a full disk) it is removed and the error
    raised. ``durable`` flushes the file and the folder entry to disk (``fsync``).
    """
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{TMP_PREFIX}{secrets.token_hex(8)}-{path.name}")
    # O_EXCL fails on any existing name, a link included; 0o666 less the umask is the mode of any new file
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass  # the error that brought us here says more
        raise
    if durable:
        fsync_dir(path.parent)
