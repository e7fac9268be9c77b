"""Charts that cannot be misread (issue 23 item 6): where nodes, labels, markers and legend samples
land, checked as geometry on the figures (the browser tests check the drawn pages)."""
from __future__ import annotations

import math

import pytest

from accord import tables
from accord.analysis import charts, figures
from accord.analysis.figures import QUAD_COLOURS, QUAD_NAMES
from tests._chart_fixtures import ROOT, seed_tables


def segment_distance(p, a, b) -> float:
    """The distance from point ``p`` to the segment ``a``–``b`` (written here, not the chart's own)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


@pytest.fixture(scope="module")
def seed():
    return seed_tables()


@pytest.fixture(scope="module")
def annotated_seed():
    """The seed as the engine annotates it: the layout the issue saw (South Korea, Russia, North
    Korea and the UN in one line)."""
    import accord

    return accord.annotate(str(ROOT / "seeds"))


def crowded() -> dict:
    """The seed plus a ring of eleven more countries, each dealing with both focus states and with
    its neighbour: many edges, many crossings."""
    t = seed_tables()
    codes = ["CHE", "DEU", "FRA", "GBR", "IND", "IRN", "JPN", "SYR", "TUR", "VNM", "BLR"]
    actors = t["actors"].to_dict("records") + [
        {"actor_id": c, "name": c, "kind": "state", "country": c, "sector": None, "n_mentions": 1 + i}
        for i, c in enumerate(codes)]
    rels = t["relations"].to_dict("records")
    base = rels[0]
    for i, c in enumerate(codes):
        for j, (s, tg, ev, q, sc) in enumerate([(c, ["RUSGOV"], "SUPPORT", 1, 3.0),
                                                 (["PRKGOV"], c, "ACCUSE", 3, -3.0 - i),
                                                 (c, codes[(i + 1) % len(codes)], "CONSULT", 1, 1.0)]):
            rels.append(dict(base, relation_id=f"x{i}-{j}", source=[s] if isinstance(s, str) else s,
                             target=[tg] if isinstance(tg, str) else tg, event_type=ev, quad_class=q,
                             score=sc, claim_id=None))
    return {**t, "actors": tables.frame("actors", actors), "relations": tables.frame("relations", rels)}


def network_geometry(fig):
    """(px per data unit, nodes {code: (xy, radius px)}, edges [(a, b)], label points) of a network."""
    layout = fig.layout
    y0, y1 = layout.yaxis.range
    px = (layout.height - layout.margin.t - layout.margin.b) / (y1 - y0)
    nodes = {}
    for tr in fig.data:
        if tr.name in figures.GROUP_NAMES.values():
            for code, x, y, size in zip(tr.customdata, tr.x, tr.y, tr.marker.size):
                nodes[code] = ((x, y), size / 2)
    edges = [tuple(tr.name.split(" – ")) for tr in fig.data
             if tr.mode == "lines" and tr.x[0] is not None]
    labels = next(tr for tr in fig.data if tr.name == "dyads")
    return px, nodes, edges, list(zip(labels.x, labels.y))


@pytest.mark.parametrize("case", ["annotated seed", "seed", "seed, actor level", "crowded"])
def test_no_edge_passes_through_a_node_and_each_label_sits_on_its_own_edge(seed, annotated_seed, case):
    fig = {"annotated seed": lambda: charts.actor_network(annotated_seed),
           "seed": lambda: charts.actor_network(seed),
           "seed, actor level": lambda: charts.actor_network(seed, level="actor"),
           "crowded": lambda: charts.actor_network(crowded(), ["RUS", "PRK"])}[case]()
    px, nodes, edges, labels = network_geometry(fig)
    assert len(edges) == len(labels) >= 6
    for (a, b), label in zip(edges, labels):
        pa, pb = nodes[a][0], nodes[b][0]
        for n, (xy, radius) in nodes.items():
            if n not in (a, b):  # an edge passes clear of every node that is not its own
                assert segment_distance(xy, pa, pb) * px > radius, (a, b, n)
        # the label is on its own segment, off its two countries and off every other node
        assert segment_distance(label, pa, pb) < 1e-3, (a, b)
        for n, (xy, radius) in nodes.items():
            assert math.dist(label, xy) * px > radius, (a, b, n)
        # and not where another edge runs (a crossing would make it the other edge's too)
        for c, d in edges:
            if (c, d) != (a, b):
                assert segment_distance(label, nodes[c][0], nodes[d][0]) * px > 4, ((a, b), (c, d))


def test_network_legend_samples_show_their_dash(seed):
    """plotly draws a legend's line sample 30 px long, at most 5 px wide; a named dash scales with
    the width (longdash: 25 px dash, 25 px gap), so the sample of a mixed dyad looked solid."""
    fig = charts.actor_network(seed, level="actor")
    legend = {tr.name: tr.line.dash for tr in fig.data if tr.mode == "lines" and tr.x == (None,)}
    assert legend["reported relations"] == "solid"
    mixed = legend["reported and not"]
    dash, gap = (float(v.strip().removesuffix("px")) for v in mixed.split(",")[:2])
    assert dash + gap < 30 / 2  # at least two dashes in the sample


# -- timeline -------------------------------------------------------------------

def event_traces(fig):
    """The timeline's event markers: one trace per quad class (customdata: status, undated)."""
    return [tr for tr in fig.data if tr.mode == "markers" and tr.customdata is not None]


def test_an_undated_event_does_not_look_like_a_dated_one(seed):
    """It used to get the symbol's "-dot" variant: on a filled marker the dot has the fill's colour
    and cannot be seen, so an undated reported event looked exactly like a dated one."""
    fig = charts.timeline(seed)
    events = [(x, y, sym, undated) for tr in event_traces(fig)
              for x, y, sym, (_, undated) in zip(tr.x, tr.y, tr.marker.symbol, tr.customdata)]
    assert any(u for *_, u in events) and any(not u for *_, u in events)
    # a disc drawn (without hover) at each undated event
    halo = next((tr for tr in fig.data if tr.mode == "markers" and tr.customdata is None and tr.x[0] is not None),
                None)
    assert halo is not None
    assert fig.data.index(halo) < fig.data.index(event_traces(fig)[0])  # drawn behind the markers
    assert halo.marker.size > event_traces(fig)[0].marker.size
    assert halo.marker.color not in QUAD_COLOURS.values()
    discs = set(zip(halo.x, halo.y))
    assert {(x, y) for x, y, _, u in events if u} == discs  # every undated event, and only those
    # the legend says what the disc means, with the disc
    entry = next(tr for tr in fig.data if tr.x == (None,) and tr.mode == "markers"
                 and tr.marker.color == halo.marker.color)
    assert "undated" in entry.name and entry.showlegend is not False


def test_the_colour_legend_borrows_no_status_shape(seed):
    """A diamond meant both "verbal cooperation" (the first marker of its trace) and "planned"."""
    fig = charts.timeline(charts_rich())
    shown = [tr for tr in fig.data if tr.showlegend is not False]
    colours = [tr for tr in shown if tr.name in QUAD_NAMES.values()]
    assert len(colours) >= 3
    for tr in colours:
        assert tr.mode == "lines" and tr.line.color == QUAD_COLOURS[
            next(q for q, n in QUAD_NAMES.items() if n == tr.name)]
    shapes = {tr.name: tr.marker.symbol for tr in shown if tr.mode == "markers"}
    assert shapes["planned"] == "diamond-open" and shapes["reported"] == "circle"
    assert len(set(shapes.values())) == len(shapes)  # one shape, one meaning


def charts_rich():
    return seed_tables(extra_docs=True)


def timeline_px(fig):
    """(px per y unit, px per day) of a timeline drawn at the report's PNG width (1100 px)."""
    import pandas as pd

    lay = fig.layout
    lo, hi = lay.yaxis.range
    per_y = (lay.height - lay.margin.t - lay.margin.b) / abs(hi - lo)
    x0, x1 = (pd.Timestamp(v) for v in lay.xaxis.range)
    return per_y, (x1 - x0).days


@pytest.mark.parametrize("case", ["seed", "rich", "annotated seed"])
def test_markers_on_one_date_do_not_pile_into_a_blob(seed, annotated_seed, case):
    import pandas as pd

    t = {"seed": seed, "rich": charts_rich(), "annotated seed": annotated_seed}[case]
    fig = charts.timeline(t)
    per_y, days = timeline_px(fig)
    points = [(pd.Timestamp(x), y) for tr in event_traces(fig) for x, y in zip(tr.x, tr.y)]
    assert len(points) >= 8
    size = event_traces(fig)[0].marker.size + event_traces(fig)[0].marker.line.width
    for i, (xa, ya) in enumerate(points):
        for xb, yb in points[i + 1:]:
            if abs((xa - xb).days) <= days / 60:  # a few px apart on the time axis, at most
                assert abs(ya - yb) * per_y >= size, (xa, ya, xb, yb)


# -- contested claims -----------------------------------------------------------

def test_a_contested_proposition_is_labelled_with_its_parties_and_relation(annotated_seed):
    """The label was a fragment of the sentence ("North Korea of supplying Russia with military
    equipment to prolong…"); it is the proposition, written from the relation the claims state."""
    fig = charts.claim_contest(annotated_seed)
    assert list(fig.layout.yaxis.categoryarray) == ["1. North Korea supplies Russia with weapons"]


def test_claims_stating_the_same_relation_are_one_proposition(seed):
    """Two accusations in two articles, of the same parties and relation, each denied: one row."""
    claims = seed["claims"].to_dict("records")
    rels = seed["relations"].to_dict("records")
    r10 = next(r for r in rels if r["relation_id"] == "r10")
    again = [dict(r10, relation_id="r10b", sent_id=9, status="alleged", claim_id="c3b"),
             dict(r10, relation_id="r10c", source=["PRKGOV"], target=["USAGOV"], claim_id="c3c")]
    c3 = next(c for c in claims if c["claim_id"] == "c3")
    c4 = next(c for c in claims if c["claim_id"] == "c4")
    claims += [dict(c3, claim_id="c3b", source=["WST"], relations=["r10b"]), dict(c4, claim_id="c4b", contests="c3b"),
               dict(c3, claim_id="c3c", relations=["r10c"]), dict(c4, claim_id="c4c", contests="c3c")]
    t = {**seed, "claims": tables.frame("claims", claims), "relations": tables.frame("relations", rels + again)}
    df = charts.contested_propositions(t, {"PRKGOV": "PRK", "RUSGOV": "RUS", "USAGOV": "USA"})
    assert list(dict.fromkeys(df["proposition"])) == ["North Korea supplies Russia with weapons",
                                                       "North Korea supplies United States of America with weapons"]
    assert df.groupby("key", sort=False)["root_claim"].nunique().tolist() == [2, 1]
    fig = charts.claim_contest(t)
    assert len(fig.layout.yaxis.categoryarray) == 2


def test_the_dyad_timeline_stacks_markers_and_marks_undated_ones(annotated_seed):
    """The dyad report's timeline raised each marker of one day by 0.12 of a row: three SUPPORT
    events of the seed overlapped; an undated event was marked only in its hover."""
    import pandas as pd

    from accord.analysis import dyadview
    from accord.analysis.dyad import dyad

    fig = dyadview.timeline(dyad(annotated_seed, "RUS", "PRK"))
    lay = fig.layout
    lo, hi = lay.yaxis.range
    per_y = (lay.height - lay.margin.t - lay.margin.b) / abs(hi - lo)
    events = [(pd.Timestamp(x), y) for tr in fig.data if tr.hoverinfo == "text" for x, y in zip(tr.x, tr.y)]
    assert len(events) == 12
    for i, (xa, ya) in enumerate(events):
        for xb, yb in events[i + 1:]:
            if abs((xa - xb).days) <= 5:
                assert abs(ya - yb) * per_y >= 15, (xa, ya, xb, yb)
    discs = next((tr for tr in fig.data if tr.mode == "markers" and tr.hoverinfo == "skip"), None)
    assert discs is not None and len(discs.x) == 10  # the relations the text does not date
