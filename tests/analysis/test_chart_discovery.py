"""analysis/charts.py finds the chart modules itself: a chart added in a new module is registered and
listed with no list to edit (issue 21: adding a chart takes two files, its module and one notebook cell)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from accord.analysis import charts, registry

ROOT = Path(__file__).resolve().parents[2]

# a chart in a module of its own, written as the README's "How it works" shows it
NEW_MODULE = '''\
"""A test's chart: the number of relations of each dyad of the selection."""
from __future__ import annotations

import plotly.graph_objects as go

from .registry import chart
from .selection import Selection


@chart
def dyad_counts(sel: Selection, *, title: str | None = None) -> go.Figure:
    """A bar of the relations of each source-target pair."""
    rel = sel.tables["relations"]
    pairs = rel["source"].map(";".join) + " -> " + rel["target"].map(";".join)
    counts = pairs.value_counts().sort_index()
    return go.Figure(go.Bar(x=list(counts.index), y=list(counts.values)),
                     layout={"title": title or "relations per dyad", "meta": {"chart": "dyad_counts"}})
'''

PROBE = textwrap.dedent("""
    import json
    from _chart_fixtures import seed_tables
    from accord.analysis import charts, registry
    figures = charts.all_charts(seed_tables(), ["RUS", "PRK"])
    print(json.dumps({"charts": list(charts.CHARTS), "modules": [m.__name__ for m in charts.MODULES],
                      "registered": registry.CHARTS["dyad_counts"].__module__, "drawn": list(figures),
                      "meta": figures["dyad_counts"].layout.meta}))
""")


def test_a_chart_in_a_new_module_is_registered_and_listed_with_no_list_to_edit(tmp_path):
    # a copy of the package with one new file in accord/analysis/, imported by Python's own machinery
    shutil.copytree(ROOT / "lib" / "accord", tmp_path / "accord")  # with its bytecode: no compiling again
    (tmp_path / "accord" / "analysis" / "counts.py").write_text(NEW_MODULE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "tests")])}
    res = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    found = json.loads(res.stdout)
    assert found["registered"] == "accord.analysis.counts"
    # listed by module name, then in the order each module defines its charts
    assert found["charts"] == [*(c for c in charts.CHARTS if registry.CHARTS[c].__module__ < "accord.analysis.counts"),
                               "dyad_counts",
                               *(c for c in charts.CHARTS if registry.CHARTS[c].__module__ > "accord.analysis.counts")]
    assert found["modules"] == sorted(found["modules"]) and "accord.analysis.counts" in found["modules"]
    assert found["drawn"] == found["charts"] and found["meta"] == {"chart": "dyad_counts"}


def test_the_charts_are_listed_by_module_name_then_in_the_order_each_module_defines_them():
    modules = [m.__name__ for m in charts.MODULES]
    assert modules == sorted(modules) and len(charts.MODULES) == len(set(modules))
    assert {registry.CHARTS[name].__module__ for name in charts.CHARTS} == set(modules)
    assert sorted(charts.CHARTS) == sorted(registry.CHARTS)
    order = [(modules.index(registry.CHARTS[n].__module__), registry.CHARTS[n].__code__.co_firstlineno)
             for n in charts.CHARTS]
    assert order == sorted(order)
