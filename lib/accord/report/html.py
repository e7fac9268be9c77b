"""The executed notebook as one offline HTML page: plotly outputs to HTML, the template, plotly.js embedded once."""
from __future__ import annotations
import json
from typing import Any

from ..analysis.figures import PLOTLY_MIME, esc
from ..paths import TEMPLATES_DIR


#: cells with this tag speak to the notebook's user (how to run it), not to the report's reader
NOTEBOOK_ONLY = "notebook-only"


# -- HTML ---------------------------------------------------------------------

def drop_notebook_only(nb: Any) -> None:
    """Remove the cells tagged :data:`NOTEBOOK_ONLY` (in place)."""
    nb.cells = [c for c in nb.cells if NOTEBOOK_ONLY not in (c.get("metadata", {}).get("tags") or [])]


def heading_title(nb: Any) -> str | None:
    """The title the notebook's heading recorded in its output metadata (``accord.title``), if any."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = (out.get("metadata") or {}).get("accord")
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                return meta["title"]
    return None


def plotly_outputs_to_html(nb: Any) -> list[dict[str, Any]]:
    """Replace each plotly MIME output by a div drawing it (deterministic id, no plotly.js);
    returns the figures in order, each as {"name", "figure"}."""
    import plotly.io as pio

    figures = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if PLOTLY_MIME not in data:
                continue
            fig = data[PLOTLY_MIME]
            if isinstance(fig, str):
                fig = json.loads(fig)
            n = len(figures) + 1
            meta = (fig.get("layout") or {}).get("meta") or {}
            name = meta.get("chart") if isinstance(meta, dict) and meta.get("chart") else "figure"
            figures.append({"name": name, "figure": fig})
            config = dict(fig.get("config") or {}, displaylogo=False, responsive=True)
            div = pio.to_html(
                {"data": fig.get("data", []), "layout": fig.get("layout", {})}, config=config,
                include_plotlyjs=False, include_mathjax=False, full_html=False, div_id=f"accord-chart-{n}",
                validate=False,
            )
            out["data"] = {"text/html": f'<div class="accord-chart" data-chart="{esc(name, quote=True)}">{div}</div>'}
    return figures


def to_html(nb: Any, title: str) -> str:
    """The report page: the lab template without require.js, MathJax or mermaid; plotly.js inline once."""
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    exporter = HTMLExporter(
        template_name="lab",
        template_file="accord_report.html.j2",
        extra_template_paths=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    drop_notebook_only(nb)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb, resources={
        "metadata": {"name": title},
        "accord_plotly_js": get_plotlyjs(),
        "accord_generated": "",
    })
    return body
