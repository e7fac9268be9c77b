"""Every error accord raises for its user, in one place; each names the file and the problem.

Every error accord raises for bad input is an :class:`AccordError`; its message
always starts with the path (and line, when known) so that a batch log can be
read without the traceback.
"""
from __future__ import annotations

import errno
from pathlib import Path


class AccordError(Exception):
    """Base class of accord's own errors."""


class InputError(AccordError):
    """A document or corpus path that cannot be read."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class AnalystFileError(AccordError):
    """A YAML file an analyst writes (a lexicon, corrections) that is malformed: its path, the line, the problem."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class LexiconError(AnalystFileError):
    """A lexicon file that is malformed."""


class ParameterError(AccordError):
    """A parameter (of a notebook, a report or a call such as the table format) with a value that cannot be used."""


def first_line(error: object) -> str:
    """The first line of an error's text, for a one-line message."""
    return next((line for line in str(error).splitlines() if line.strip()), "").strip()


class DatasetError(AccordError):
    """A dataset folder that cannot be used as asked."""


class ReportError(AccordError):
    """A report run that failed; the last good report is untouched."""


class ActorNameError(ParameterError):
    """An actor given by code or name that names no actor, or several (``candidates`` lists their codes)."""

    def __init__(self, query: object, problem: str, candidates: list[str] | None = None) -> None:
        self.query = query
        self.problem = problem
        self.candidates = list(candidates or [])
        super().__init__(f"actor {query!r}: {problem}")


def shorten(value: object, limit: int = 80, quote: bool = True) -> str:
    """``repr(value)`` (or ``str`` when ``quote`` is false) cut to about ``limit`` characters, for a message.

    Input values can be megabytes long; a message names them, it does not copy them.
    """
    text = repr(value) if quote else str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(value) if isinstance(value, str) else len(text):,} characters in all)"


class OutputError(AccordError):
    """An output that cannot be written (a full disk, another writer, a folder that is not accord's).

    The message names the file or folder; what was there before is left whole.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


# errno values that mean "no room to write": a full disk or quota, or a file-size limit (RLIMIT_FSIZE)
_NO_SPACE = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def is_no_space(error: BaseException) -> bool:
    """Whether ``error`` says the disk (or quota, or file-size limit) is full, from the OS or from SQLite."""
    if isinstance(error, OSError) and error.errno in _NO_SPACE:
        return True
    text = str(error).lower()
    return "disk is full" in text or "no space left" in text or "file too large" in text


class CorrectionsError(AnalystFileError):
    """An analyst's corrections file that is malformed (bad YAML, unknown field, code or event type)."""
