"""The committed notebooks: executed, clean, reproducible byte for byte (nbval re-runs them too)."""
from __future__ import annotations

import importlib.util
import json
import re

import nbformat
import pytest

from _browser import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == ["01_article_walkthrough.ipynb", "02_alliance_dynamics.ipynb",
                                           "03_dyad.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_executed_and_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert code[0].metadata.get("tags") == ["parameters"]
    assert all(c.outputs for c in code[1:]), "every cell after the parameters shows something"
    assert "papermill" not in nb.metadata and "version" not in nb.metadata.get("language_info", {})
    for c in nb.cells:
        assert "execution" not in c.metadata and "papermill" not in c.metadata
        for out in c.get("outputs", []):
            assert out.output_type != "error"
            assert out.output_type != "stream" or out.name != "stderr", out.text  # no warning
            data = out.get("data", {})
            html = data.get("text/html", "")
            assert "<script" not in html and not UUID.search(html)
            if "application/vnd.plotly.v1+json" in data:
                fig = json.dumps(data["application/vnd.plotly.v1+json"])
                assert '"uid"' not in fig and not UUID.search(fig)
    text = path.read_text(encoding="utf-8")
    assert "/work/" not in text and str(ROOT) not in text  # nothing from this machine


def test_rerun_is_byte_identical_whatever_the_plotly_renderer(monkeypatch):
    """Re-executing gives the committed file byte for byte, even with PLOTLY_RENDERER asking for a
    CDN renderer with random div ids (the kernel inherits the environment)."""
    monkeypatch.setenv("PLOTLY_RENDERER", "notebook_connected")
    path = ROOT / "notebooks" / "02_alliance_dynamics.ipynb"
    assert _runner().execute(path) == path.read_text(encoding="utf-8"), "outputs drifted: run `make notebooks`"
