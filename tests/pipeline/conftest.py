"""The engine every pipeline test file runs, built once per file (module scope, as each file is one
xdist group); a file that needs another configuration defines its own ``nlp``."""
from __future__ import annotations

import pytest

from accord import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()
