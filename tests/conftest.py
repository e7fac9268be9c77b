"""Shared test configuration: the ``slow`` marker, applied from the measured list in ``slow_tests.txt``.

A list, not decorators scattered over the files, so the set is re-measured in one place
(``pytest --durations=0``). ``make test`` and CI still run the slow tests; ``-m "not slow"``
skips them for a quick pass while editing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SLOW_LIST = Path(__file__).with_name("slow_tests.txt")


def slow_ids(path: Path = SLOW_LIST) -> set[str]:
    """The node ids (or files, or parametrised test names) listed in ``path``, one a line; ``#`` starts a comment."""
    return {line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = slow_ids()
    for item in items:
        nodeid = item.nodeid
        if nodeid in slow or nodeid.split("[", 1)[0] in slow or nodeid.split("::", 1)[0] in slow:
            item.add_marker(pytest.mark.slow)
