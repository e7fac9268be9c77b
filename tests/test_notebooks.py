"""The committed notebooks: executed, clean, reproducible byte for byte (nbval re-runs them too)."""
from __future__ import annotations

import importlib.util
import json
import re

import nbformat
import pytest

from tests._browser import ROOT

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
    assert "papermill" not in nb.metadata
    # the kernel's language_info, whole, as JupyterLab writes it on opening (else it marks the notebook modified)
    assert nb.metadata.language_info["name"] == "python" and "version" in nb.metadata.language_info
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


def _js_json(value):
    """``value`` through JSON as a browser reads and writes it (JSON.parse, then JSON.stringify):
    a whole number loses its ".0"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _js_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_js_json(v) for v in value]
    return value


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupyterlab_would_save_the_committed_bytes(path):
    """Saving an unchanged notebook from JupyterLab writes what was read: the outputs pass through the
    browser's JSON (whole floats become ints) and the server writes with nbformat (format 4.5, cell ids,
    sorted keys, one-space indent, trailing newline). The real JupyterLab does the same in
    test_browser.py::test_opening_a_notebook_in_jupyterlab_does_not_modify_it."""
    text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5) and all(c.get("id") for c in nb.cells)
    assert nb.metadata.kernelspec == {"display_name": "Python 3 (ipykernel)", "language": "python",
                                      "name": "python3"}
    browser = nbformat.from_dict(_js_json(json.loads(text)))
    resaved = nbformat.writes(browser, version=nbformat.NO_CONVERT)
    assert resaved + "\n" == text
