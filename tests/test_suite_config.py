"""The test suite's own configuration: the measured slow list names real tests, and marks them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SLOW_LIST, slow_ids

ROOT = Path(__file__).resolve().parents[1]


def test_every_slow_entry_names_an_existing_test():
    ids = slow_ids()
    assert ids, f"{SLOW_LIST} lists no test"
    for nodeid in ids:
        path, _, name = nodeid.partition("::")
        assert (ROOT / path).is_file(), nodeid
        if name:
            assert re.search(rf"^def {re.escape(name)}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), nodeid


class _Collected:
    """A pytest plugin that keeps the node ids a session collected."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.ids = [item.nodeid for item in session.items]


def test_listed_tests_carry_the_slow_marker_and_are_still_collected():
    """``-m slow`` selects a listed test, ``-m "not slow"`` drops it; plain ``pytest`` (make test) keeps it."""
    target = "tests/evaluate/test_evaluation.py::test_floors_name_existing_metrics"
    assert target in slow_ids()

    def collected(*args: str) -> list[str]:
        # in this process, as pytester does: a new interpreter would spend seconds importing the plugins again
        grab = _Collected()
        code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
                            str(ROOT / "tests/evaluate/test_evaluation.py"), *args], plugins=[grab])
        assert code == pytest.ExitCode.OK, code
        return grab.ids

    assert target in collected("-m", "slow")
    assert target not in collected("-m", "not slow")
    assert target in collected()


def test_a_file_is_one_unit_of_work_unless_its_tests_are_spread():
    from tests.conftest import SPREAD, _group

    assert _group("notebooks/03_dyad.ipynb::Cell 4") == "notebooks/03_dyad.ipynb"  # one kernel, cells in order
    assert _group("tests/report/test_report.py::test_title_follows_the_focus") == "tests/report/test_report.py"
    spread = sorted(SPREAD)[0]
    assert _group(f"{spread}::test_x[a]") == f"{spread}::test_x[a]"
    assert all((ROOT / path).is_file() for path in SPREAD)


#: test files under a package's folder that cover a group of its modules rather than one
#: (tests/analysis/test_charts.py: the chart modules through accord.analysis.charts, which is a module too)
GROUPS = {"analysis": {"chart_properties": "every chart and summary on any small table (hypothesis)",
                       "chart_legibility": "the charts' geometry: nothing hides anything"}}


def test_a_packages_tests_mirror_its_modules():
    """tests/PACKAGE/test_NAME.py tests lib/accord/PACKAGE/NAME.py, or a group of its modules named in GROUPS."""
    folders = [d for d in (ROOT / "tests").iterdir() if d.is_dir() and (ROOT / "lib" / "accord" / d.name).is_dir()]
    assert folders, "no test folder mirrors a package of lib/accord"
    for folder in folders:
        for test in sorted(folder.glob("test_*.py")):
            name = test.stem.removeprefix("test_")
            assert (ROOT / "lib" / "accord" / folder.name / f"{name}.py").is_file() or \
                name in GROUPS.get(folder.name, {}), f"{test.relative_to(ROOT)} names no module of accord.{folder.name}"
