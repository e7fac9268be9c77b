"""Shared test configuration: the ``slow`` marker, and how the tests are shared out over processes.

The ``slow`` marker is applied from the measured list in ``slow_tests.txt``: a list, not
decorators scattered over the files, so the set is re-measured in one place
(``pytest --durations=0``). ``make test`` and CI still run the slow tests; ``-m "not slow"``
skips them for a quick pass while editing.

``make test`` runs ``pytest -n 2 --dist loadgroup``: each file is one group, kept on one process
(a notebook's cells run in order in one kernel; a module fixture is built once), except the
files in :data:`SPREAD`, whose slow and independent tests go out one by one. Groups with more
tests in the slow list are handed out first, so that no long file starts last.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SLOW_LIST = Path(__file__).with_name("slow_tests.txt")
# many slow tests that share no state but a cheap module fixture (or none) (built once per process then)
SPREAD = frozenset({"tests/dataset/test_scale.py", "tests/test_robustness.py", "tests/lexicon/test_lexicon.py",
                    "tests/test_hostile_output.py", "tests/pipeline/test_cache.py", "tests/analysis/test_chart_properties.py",
                    "tests/pipeline/test_dates.py"})


def slow_ids(path: Path = SLOW_LIST) -> set[str]:
    """The node ids (or files, or parametrised test names) listed in ``path``, one a line; ``#`` starts a comment."""
    return {line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def _group(nodeid: str) -> str:
    """The unit of work a test belongs to: its file, or the test itself in a :data:`SPREAD` file."""
    path = nodeid.split("::", 1)[0]
    return nodeid if path in SPREAD else path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = slow_ids()
    weight: dict[str, int] = {}  # group -> its slow tests: the heaviest groups are handed out first
    for item in items:
        nodeid = item.nodeid
        if nodeid in slow or nodeid.split("[", 1)[0] in slow or nodeid.split("::", 1)[0] in slow:
            item.add_marker(pytest.mark.slow)
            group = _group(nodeid)
            weight[group] = weight.get(group, 0) + 1
    items.sort(key=lambda item: -weight.get(_group(item.nodeid), 0))  # stable: a file's tests keep their order


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadgroup``: the groups of :func:`_group`, handed out in collection order.

    Not xdist's own ``xdist_group`` marks: with pytest 9 they are not applied (the node id
    suffix xdist sets is lost), so each group is derived here from the node id alone.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid)

    return FileGroups(config, log)
