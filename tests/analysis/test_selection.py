"""analysis/selection.py and analysis/registry.py: the checked Selection every chart takes, and the charts' registry."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.analysis import charts, params, registry
from accord.analysis.notebook import prepare
from accord.analysis.selection import Selection
from accord.errors import ParameterError
from tests._chart_fixtures import seed_tables

ROOT = Path(__file__).resolve().parents[2]
DYNAMICS = ROOT / "notebooks" / "02_alliance_dynamics.ipynb"


@pytest.fixture(scope="module")
def seed():
    return seed_tables()


def test_a_selection_holds_the_checked_parameters_and_what_follows_from_them(seed):
    sel = Selection.of(seed, "Russia, PRK", level="country", statuses="reported, alleged", freq="week")
    assert sel.focus == ("RUS", "PRK") and sel.statuses == ("reported", "alleged") and sel.freq == "W"
    assert {"RUSGOV", "PRKGOV"} <= sel.members  # the actors the country codes stand for
    assert sel.node_of["RUSGOV"] == "RUS" and sel.nodes >= {"RUS", "PRK"}
    assert Selection.of(seed, ["RUS"], level="actor").node_of["RUSGOV"] == "RUSGOV"


@pytest.mark.parametrize("kwargs, message", [
    ({"focus": ["RUX"]}, r"focus: unknown actor code 'RUX'"),
    ({"level": "city"}, r"level: 'city'"),
    ({"statuses": ["rumoured"]}, r"statuses: 'rumoured'"),
    ({"start": "2030-01-01"}, r"empty date window"),
    ({"count": "articles"}, r"count: 'articles'"),
])
def test_a_wrong_parameter_stops_the_selection_saying_what_is_valid(seed, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        Selection.of(seed, **kwargs)


def test_a_notebook_run_checks_its_focus_once_and_its_charts_take_its_selection(monkeypatch):
    calls = []
    real = params.check_focus

    def counted(*args, **kwargs):  # the real check, counted
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(params, "check_focus", counted)
    run = prepare(str(ROOT / "seeds"), focus="Russia, PRK", level="actor")
    figures = {name: run.chart(name) for name in charts.CHARTS}
    run.overview()
    assert calls == ["Russia, PRK"]  # the charts and the summary take the Selection: no check again
    assert run.focus == ["RUS", "PRK"] and run.focus_ids == set(run.selection.members)
    # the same figures as the functions of plain tables
    plain = charts.all_charts(run.tables, run.focus, level="actor", rules=run.rules)
    assert {n: f.to_json() for n, f in figures.items()} == {n: f.to_json() for n, f in plain.items()}
    with pytest.raises(ParameterError, match=r"unknown chart 'pie'; the charts are claim_contest, material_exchanges"):
        run.chart("pie")


def test_every_registered_chart_has_one_cell_in_the_dynamics_notebook_and_every_cell_a_chart():
    cells = ["".join(c["source"]) for c in json.loads(DYNAMICS.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    drawn = [m for cell in cells for m in re.findall(r'run\.chart\("(\w+)"', cell)]
    assert sorted(drawn) == sorted(registry.CHARTS) == sorted(charts.CHARTS)
    assert len(drawn) == len(set(drawn))


def test_a_chart_name_registered_twice_is_refused():
    def actor_network(sel):  # another function under a registered name
        return None

    with pytest.raises(ValueError, match="chart 'actor_network' is registered twice"):
        registry.chart(actor_network)
    assert registry.CHARTS["actor_network"].__module__ == "accord.analysis.network"
