"""The test suite's own configuration: the measured slow list names real tests, and marks them."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import SLOW_LIST, slow_ids

ROOT = Path(__file__).resolve().parents[1]


def test_every_slow_entry_names_an_existing_test():
    ids = slow_ids()
    assert ids, f"{SLOW_LIST} lists no test"
    for nodeid in ids:
        path, _, name = nodeid.partition("::")
        assert (ROOT / path).is_file(), nodeid
        if name:
            assert re.search(rf"^def {re.escape(name)}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), nodeid


def test_listed_tests_carry_the_slow_marker_and_are_still_collected():
    """``-m slow`` selects a listed test, ``-m "not slow"`` drops it; plain ``pytest`` (make test) keeps it."""
    target = "tests/test_evaluation.py::test_floors_name_existing_metrics"
    assert target in slow_ids()

    def collected(*args: str) -> str:
        out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                              "tests/test_evaluation.py", *args],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
        return out.stdout

    assert target in collected("-m", "slow")
    assert target not in collected("-m", "not slow")
    assert target in collected()
