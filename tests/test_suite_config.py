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
#: (tests/analysis/test_charts.py: the chart modules through accord.analysis.charts, which is a module too);
#: test_PACKAGE.py is the package as a whole, through what its __init__ exports
GROUPS = {"analysis": {"chart_properties": "every chart and summary on any small table (hypothesis)",
                       "chart_legibility": "the charts' geometry: nothing hides anything",
                       "chart_discovery": "a chart in a module of its own is found and listed (charts.py, registry.py)"},
          "pipeline": {"event_dates": "an event's date from its own clause (dates.py read by relations.py)",
                       "location": "where an event happened: relations.py with the lexicon's places",
                       "parser_model": "the shipped parser (models/en_ud) that syntax.py reads"},
          "lexicon": {"lexicon": "the packaged data, the loader and the build script (lexicon_build/)",
                      "lexicon_names": "names resolved at their dates (resolve.py, load.py, lexicon_build/)",
                      "gazetteer": "actors of today through the real pipeline: people, groups, variants, non-actors"},
          "dataset": {"open_any_source": "search and export open any source as the notebooks do (source.py)"},
          "readers": {"readers": "every format, metadata, doc ids, errors and streaming"},
          "corrections": {"corrections": "load, apply and report, in memory, CSV and Parquet",
                          "corrections_help": "the messages that help an analyst fix a correction, and reports"},
          "evaluate": {"evaluation": "the scorers on tiny inputs, the seed gold and the floors' ratchet"},
          "learn": {"learn": "the parts of accord learn that run in seconds (corpus, teach, guard, train)"},
          "report": {"report": "accord report: parameters, papermill run, HTML"},
          "cli": {"cli": "the command's help and what it says to a newcomer"},
          "corpus": {"corpus": "anchors, checks, the split, agreement and the published files"}}


def test_a_packages_tests_mirror_its_modules():
    """tests/PACKAGE/test_NAME.py tests lib/accord/PACKAGE/NAME.py, or a group of its modules named in GROUPS."""
    folders = [d for d in (ROOT / "tests").iterdir() if d.is_dir() and (ROOT / "lib" / "accord" / d.name).is_dir()]
    assert folders, "no test folder mirrors a package of lib/accord"
    for folder in folders:
        for test in sorted(folder.glob("test_*.py")):
            name = test.stem.removeprefix("test_")
            assert (ROOT / "lib" / "accord" / folder.name / f"{name}.py").is_file() or \
                name in GROUPS.get(folder.name, {}), f"{test.relative_to(ROOT)} names no module of accord.{folder.name}"


def test_every_slow_entry_matches_a_collected_test():
    """An entry that names no collected test marks nothing: a moved or renamed file, a fixture, a helper."""
    entries = slow_ids()
    files = sorted({entry.split("::", 1)[0] for entry in entries})
    missing = [path for path in files if not (ROOT / path).is_file()]
    assert not missing, f"{SLOW_LIST} names files that do not exist: {missing}"
    grab = _Collected()
    code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
                        *(str(ROOT / path) for path in files)], plugins=[grab])
    assert code == pytest.ExitCode.OK, code
    # the three ways tests/conftest.py matches an entry: the node id, without its [parameters], or its file
    matched = {key for nodeid in grab.ids for key in (nodeid, nodeid.split("[", 1)[0], nodeid.split("::", 1)[0])}
    assert not entries - matched, f"{SLOW_LIST} entries that name no collected test: {sorted(entries - matched)}"


def test_every_folder_of_tests_is_a_package():
    """tests/ and each folder holding test files have an __init__.py: pytest imports tests.PACKAGE.test_NAME, so
    tests/corpus/test_corpus.py and tests/evaluate/test_corpus.py do not clash (the default prepend import mode)."""
    folders = {path.parent for path in (ROOT / "tests").rglob("test_*.py")}
    assert not [str(d.relative_to(ROOT)) for d in sorted(folders) if not (d / "__init__.py").is_file()]
