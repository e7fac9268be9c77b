"""No small table crashes the summary or a chart (issue 23 item 0, property-based with hypothesis).

Random small tables, built with ``tables.frame`` (so they pass the schemas the engine's
output passes), hold what an analyst's own corpus holds and the seed does not: empty
source and target lists, relations and documents without dates, months and years,
contests that one side only takes (no named actor asserts), self-dyads, claim chains that
contest each other in a circle, actors with no country, unresolved names, and a focus
that has no row at all. Every chart function, the summary, the dyad drill-down and the
per-period table must give a figure or a frame for each; only a ParameterError (a wrong
parameter, said in words) may stop them.
"""
from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import tables
from accord.analysis import charts, dyadview, events, params, summary
from accord.analysis.dyad import dyad
from accord.analysis.notebook import mimebundle, per_period
from accord.errors import ParameterError

# (actor_id, name, kind, country, sector): states with sectors, a bare country code, an igo, a bloc,
# an unresolved name, a person
POOL = [
    ("RUSGOV", "Russia (government)", "state", "RUS", "GOV"),
    ("RUS", "Russia", "state", "RUS", None),
    ("PRKGOV", "North Korea (government)", "state", "PRK", "GOV"),
    ("PRKMIL", "North Korea (military)", "state", "PRK", "MIL"),
    ("USAGOV", "United States (government)", "state", "USA", "GOV"),
    ("IRN", "Iran", "state", "IRN", None),
    ("IGOUNO", "United Nations", "igo", None, None),
    ("WST", "the West", "bloc", None, None),
    ("UNK:Mutual Defense Treaty", "Mutual Defense Treaty", "unresolved", None, None),
    ("KORGOVPER", "Yoon Suk Yeol", "person", "KOR", "GOV"),
]
DATES = [None, "2024-06-18", "2024-06-19", "2024-06", "2024", "2023-09", "2024-07-02"]
EVENTS = [("AID", 2, 6.0), ("COOPERATE", 2, 5.0), ("SUPPORT", 1, 3.0), ("AGREE", 1, 4.0),
          ("ACCUSE", 3, -3.0), ("REJECT", 3, -4.0), ("ASSAULT", 4, -10.0), ("CONSULT", 1, 1.0),
          ("CONSULT", None, None)]
CONTEXTS = [None, "military", "economic;technology", "humanitarian", "<b>x</b>"]
MODES = [None, "weapons", "oil"]


@st.composite
def small_tables(draw: Any) -> dict:
    """The six tables of one to three documents, with up to six relations and four claims."""
    actors = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=len(POOL), unique=True))
    codes = [a[0] for a in actors]
    n_docs = draw(st.integers(1, 3))
    text = "Officials said Russia supplied North Korea with weapons. Both denied it."
    docs = [{"doc_id": f"d{i}", "path": f"news/d{i}.txt", "title": draw(st.sampled_from([None, f"Article {i}"])),
             "date": draw(st.sampled_from(DATES)), "source": draw(st.sampled_from([None, "wire", "daily"])),
             "url": None, "n_chars": len(text), "text": text} for i in range(n_docs)]
    side = st.lists(st.sampled_from(codes), max_size=3, unique=True)  # empty lists and self-dyads included
    rels = []
    for i in range(draw(st.integers(0, 6))):
        event, quad, score = draw(st.sampled_from(EVENTS))
        rels.append({
            "relation_id": f"r{i}", "doc_id": f"d{draw(st.integers(0, n_docs - 1))}", "sent_id": 0,
            "start": 15, "end": 23, "source": draw(side), "target": draw(side), "event_type": event,
            "mode": draw(st.sampled_from(MODES)), "context": draw(st.sampled_from(CONTEXTS)),
            "quad_class": quad, "score": score, "cameo": None, "goldstein": draw(st.sampled_from([None, -2.0, 3.4])),
            "status": draw(st.sampled_from(tables.RELATION_STATUSES)), "claim_id": None,
            "date": draw(st.sampled_from(DATES)), "trigger": "supplied", "evidence": text.split(". ")[0],
            "corrected": None})
    n_claims = draw(st.integers(0, 4))
    claims = []
    for i in range(n_claims):
        # a claim may contest another, itself, a missing claim, or none: chains, circles and one-sided contests
        contests = draw(st.sampled_from([None, "c-missing", *(f"c{j}" for j in range(n_claims))]))
        claims.append({
            "claim_id": f"c{i}", "doc_id": f"d{draw(st.integers(0, n_docs - 1))}", "sent_id": 0, "start": 10,
            "end": 14, "source": draw(side), "source_text": draw(st.sampled_from([None, "Officials"])),
            "cue": "said", "stance": draw(st.sampled_from(["assert", "deny", "accuse"])),
            "content": draw(st.sampled_from(["Russia supplied North Korea with weapons", "", "x" * 200])),
            "quote": None, "about": draw(side), "relations": draw(st.lists(st.sampled_from([r["relation_id"] for r in rels] or ["r9"]),
                                                                           max_size=2, unique=True)),
            "contests": contests, "evidence": text, "corrected": None})
    return {
        "documents": tables.frame("documents", docs),
        "mentions": tables.frame("mentions", []),
        "actors": tables.frame("actors", [
            {"actor_id": a, "name": n, "kind": k, "country": c, "sector": s, "n_mentions": draw(st.integers(0, 20))}
            for a, n, k, c, s in actors]),
        "relations": tables.frame("relations", rels),
        "claims": tables.frame("claims", claims),
        "errors": tables.frame("errors", []),
    }


@st.composite
def cases(draw: Any) -> tuple[dict, list[str], str, tuple[str, ...]]:
    """Tables, a focus of their codes (often with no row of its own; None: the most-mentioned countries),
    a level and the statuses that count."""
    t = draw(small_tables())
    codes = sorted(set(t["actors"]["actor_id"]) | set(t["actors"]["country"].dropna()))
    focus = draw(st.one_of(st.none(), st.lists(st.sampled_from(codes), min_size=1, max_size=2, unique=True)))
    level = draw(st.sampled_from(["country", "actor"]))
    statuses = tuple(draw(st.lists(st.sampled_from(tables.RELATION_STATUSES), min_size=1, max_size=3, unique=True)))
    return t, focus, level, statuses


FUZZ = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _drawn(fig: go.Figure) -> None:
    """The figure as a notebook displays it (plotly's JSON, validated)."""
    assert isinstance(fig, go.Figure)
    mimebundle(fig)


def _unfocusable(t, focus) -> bool:
    """No focus given and no country in the corpus to default to: the one clear error allowed."""
    if focus is not None:
        return False
    try:
        params.default_focus(t["actors"])
    except ParameterError:
        return True
    return False


@FUZZ
@given(cases())
def test_the_summary_never_crashes(case):
    t, focus, level, statuses = case
    if _unfocusable(t, focus):
        with pytest.raises(ParameterError, match="mentions no country; name the focus"):
            summary.summarise(t, focus, level=level, statuses=statuses)
        return
    s = summary.summarise(t, focus, level=level, statuses=statuses)
    lines = s.lines()
    assert lines[0].startswith(f"{len(t['documents'])} article")
    assert all(line.strip() for line in lines)
    s.html()
    assert summary.focus_title(t, focus)


@FUZZ
@given(cases(), st.sampled_from(["M", "W"]))
def test_every_chart_draws_any_small_table(case, freq):
    t, focus, level, statuses = case
    if _unfocusable(t, focus):
        with pytest.raises(ParameterError, match="mentions no country; name the focus"):
            charts.all_charts(t, focus, freq, level=level, statuses=statuses)
        return
    figures = charts.all_charts(t, focus, freq, level=level, statuses=statuses)
    assert list(figures) == list(charts.CHARTS)
    for fig in figures.values():
        _drawn(fig)
    _drawn(charts.timeline(t, focus, level=level, statuses=statuses, undated="drop"))
    _drawn(charts.cooperation_conflict(t, focus, freq, level=level, statuses=statuses, undated="drop"))
    charts.contested_propositions(t)
    per_period(t, freq)


@FUZZ
@given(cases())
def test_events_and_the_dyad_drill_down_never_crash(case):
    t, focus, level, _ = case
    events.events(t, level=level)
    events.per_event(t, "events", level=level)
    codes = sorted(set(t["actors"]["actor_id"]))
    for a, b in zip(codes, codes[1:]):
        try:
            d = dyad(t, a, b)
        except ParameterError:  # a and b part of one another (RUS and RUSGOV): said so, not a crash
            continue
        d.summary()
        _drawn(dyadview.timeline(d))
        for df in (d.relations, d.claims, d.contests, d.events, d.sources):
            dyadview.table_html(df)



@FUZZ
@given(cases(), st.sampled_from([(None, None), ("2024-06-18", None), ("2024-06", "2024-06-30"), ("2024", None)]),
       st.sampled_from(["previous", "none", "2023-09-01..2024-06-17"]))
def test_what_changed_never_crashes(case, window, compare):
    """What changed on any small table, any window and comparison: undated corpora and empty windows
    included; only a focus that cannot be found may stop it, in words."""
    from accord.analysis.changes import what_changed

    t, focus, level, statuses = case
    if _unfocusable(t, focus):
        return
    c = what_changed(t, focus, *window, compare=compare, level=level, statuses=statuses)
    if compare == "none":
        assert c is None
        return
    assert all(line.strip() for line in c.lines())
    assert c.html().startswith('<section class="accord-changes">')
