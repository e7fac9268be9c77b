"""Every error accord raises for its user, in one place; each names the file and the problem.

Every error accord raises for bad input is an :class:`AccordError`; its message
always starts with the path (and line, when known) so that a batch log can be
read without the traceback.
"""
from __future__ import annotations

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


class LexiconError(AccordError):
    """A lexicon file that is malformed."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class ParameterError(AccordError):
    """A parameter (of a notebook, a report or a call such as the table format) with a value that cannot be used."""


def first_line(error: object) -> str:
    """The first line of an error's text, for a one-line message."""
    return next((line for line in str(error).splitlines() if line.strip()), "").strip()


class DatasetError(AccordError):
    """A dataset folder that cannot be used as asked."""


class ReportError(AccordError):
    """A report run that failed; the last good report is untouched."""


class CorrectionsError(AccordError):
    """An analyst's corrections file that is malformed (bad YAML, unknown field, code or event type)."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")
