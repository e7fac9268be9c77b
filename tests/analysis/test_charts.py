"""The chart functions and the parameter checks, on hand-made tables of the seed (no engine needed)."""
from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord import tables
from accord.analysis import charts, figures, network, params, select
from accord.errors import ParameterError
from tests._chart_fixtures import SEED_ID, seed_tables

# plotly's pseudo-HTML tags the charts write themselves; anything else that looks like a tag leaked
ALLOWED_TAG = re.compile(r"<(?:br|b|/b|i|/i|extra|/extra)>")
TAG_LIKE = re.compile(r"<\s*/?\s*[A-Za-z!]")


@pytest.fixture(scope="module")
def seed():
    return seed_tables()


@pytest.fixture(scope="module")
def rich():
    return seed_tables(extra_docs=True)


@pytest.fixture(scope="module")
def hostile():
    return seed_tables(extra_docs=True, hostile=True)


def strings(obj):
    """Every string in a nested figure dict."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from strings(v)


def leaked_tags(fig: go.Figure) -> list[str]:
    out = []
    for s in strings(fig.to_plotly_json()):
        rest = ALLOWED_TAG.sub("", s)
        if TAG_LIKE.search(rest):
            out.append(s)
    return out


def floats(obj):
    if isinstance(obj, float):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from floats(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from floats(v)


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


# -- every chart ----------------------------------------------------------------

@pytest.mark.parametrize("name", charts.CHARTS)
def test_every_chart_is_a_deterministic_figure_with_rounded_numbers(rich, name):
    a = charts.all_charts(rich)[name]
    b = charts.all_charts(seed_tables(extra_docs=True))[name]
    assert isinstance(a, go.Figure)
    assert a.layout.meta["chart"] == name
    assert a.to_json() == b.to_json()
    js = a.to_plotly_json()
    assert '"uid"' not in json.dumps(js["data"])
    # coordinates, scores and sizes carry at most 3 decimals (the template's own numbers are excluded)
    own = {"data": js["data"], "layout": {k: v for k, v in js["layout"].items() if k != "template"}}
    assert all(round(x, 3) == x for x in floats(own))


@pytest.mark.parametrize("name", charts.CHARTS)
def test_hostile_text_is_escaped_in_every_chart(hostile, name):
    fig = charts.all_charts(hostile)[name]
    assert leaked_tags(fig) == []


def test_hostile_text_still_reaches_the_hover_as_escaped_text(hostile):
    fig = charts.material_exchanges(hostile)
    hover = " ".join(fig.data[0].link.customdata)
    assert "&lt;script&gt;window.__pwned" in hover
    assert "&lt;img src=x" in hover
    contest = charts.claim_contest(hostile)
    # the proposition is written from its relation (no article text); who said it reaches the hover
    hovers = " ".join(h for t in contest.data for h in t.hovertext)
    assert "&lt;script&gt;window.__pwned='src'&lt;/script&gt;" in hovers


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("<>&\"'/ =abcscriptimgonerror:javascript")), max_size=60))
def test_any_evidence_text_is_escaped(text):
    t = seed_tables()
    rel = t["relations"].copy()
    rel["evidence"] = text
    rel["trigger"] = text
    rel["context"] = text
    t = {**t, "relations": tables.frame("relations", rel.to_dict("records"))}
    for fig in charts.all_charts(t).values():
        assert leaked_tags(fig) == []


def test_empty_selection_gives_an_explanatory_figure(seed):
    t = {**seed, "relations": seed["relations"].iloc[0:0], "claims": seed["claims"].iloc[0:0]}
    for name, fig in charts.all_charts(t).items():
        assert len(fig.data) == 0, name
        assert fig.layout.annotations and "No " in fig.layout.annotations[0].text


# -- actor network ------------------------------------------------------------

def test_network_groups_actors_by_their_net_score_with_the_focus(seed):
    fig = charts.actor_network(seed, level="actor")
    groups = {t.name: set(t.customdata) for t in fig.data if t.mode == "markers+text" and t.name != "dyads"}
    assert groups[figures.GROUP_NAMES["focus"]] == {"RUSGOV", "PRKGOV"}
    assert "CHNGOV" in groups[figures.GROUP_NAMES["aligned"]]
    assert {"USAGOV", "WST", "UKR", "KORGOV"} <= groups[figures.GROUP_NAMES["opposed"]]


def test_network_edges_carry_sign_colour_width_and_evidence(seed):
    fig = charts.actor_network(seed, level="actor")
    edges = {t.name: t for t in fig.data if t.mode == "lines"}
    # r1 +3, r2 +5, r5 +6, r6/r7 +5 each (alleged), r8 +2, r10 +6, r11 +3; planned r3, hypothetical r13 left out
    assert trace(fig, "dyads")
    rus_prk = edges["PRKGOV – RUSGOV"]
    assert rus_prk.line.color == network.POSITIVE
    assert edges["RUSGOV – UKR"].line.color == network.NEGATIVE
    assert rus_prk.line.width > edges["CHNGOV – PRKGOV"].line.width
    dyads = trace(fig, "dyads")
    i = list(dyads.text).index("+35<br><i>alleged +22</i>")  # r5, r6, r7, r10 are alleged
    assert "Kim Jong Un for his support" in dyads.hovertext[i].replace("<br>   ", " ")
    assert "USAGOV – PRKGOV" not in " ".join(edges)  # hypothetical sanctions are not scored


def test_network_node_size_grows_with_mentions(seed):
    fig = charts.actor_network(seed, level="actor")
    sizes = {}
    for t in fig.data:
        if t.mode == "markers+text" and t.name != "dyads":
            sizes.update(zip(t.customdata, t.marker.size))
    assert sizes["RUSGOV"] > sizes["USAGOV"] > sizes["KORGOV"] or sizes["USAGOV"] >= sizes["KORGOV"]
    assert sizes["RUSGOV"] > sizes["WST"] > sizes["CHNGOV"]


def test_focus_by_actor_id_and_by_country_code(seed):
    def shape(fig):
        return [(t.name, tuple(t.x), tuple(t.y)) for t in fig.data]
    assert shape(charts.actor_network(seed, ["RUS", "PRK"], level="actor")) == shape(
        charts.actor_network(seed, ["RUSGOV", "PRKGOV"], level="actor"))
    only_usa = charts.actor_network(seed, "USA", level="actor")
    names = {n for t in only_usa.data if t.mode == "markers+text" and t.name != "dyads" for n in t.customdata}
    assert names == {"USAGOV", "PRKGOV", "RUSGOV"}


# -- dyad matrix --------------------------------------------------------------

def test_dyad_matrix_sums_scores_and_counts(seed):
    fig = charts.dyad_matrix(seed, level="actor")
    hm = fig.data[0]
    rus, prk = "Russia (government)", "North Korea (government)"  # names on the axes
    cell = hm.z[list(hm.y).index(rus)][list(hm.x).index(prk)]
    # r1 +3, r6 +5, r7 +5 (alleged), r11 +3; planned r3 does not count by default
    assert cell == 16.0
    assert hm.text[list(hm.y).index(rus)][list(hm.x).index(prk)] == "+16<br>n=4<br><i>2 alleged</i>"
    assert "(RUSGOV → PRKGOV)" in hm.hovertext[list(hm.y).index(rus)][list(hm.x).index(prk)]
    assert hm.z[list(hm.y).index(prk)][list(hm.x).index(prk)] is None
    assert list(hm.y)[:2] == [prk, rus]  # focus first
    with_planned = charts.dyad_matrix(seed, level="actor", statuses=["reported", "alleged", "planned"]).data[0]
    assert with_planned.z[list(hm.y).index(rus)][list(hm.x).index(prk)] == 17.0


# -- claim contest ------------------------------------------------------------

def test_contested_propositions_sides(seed):
    df = charts.contested_propositions(seed)
    assert list(df["side"]) == ["asserts", "denies"]
    assert df.loc[0, "actors"] == ["USAGOV", "KORGOV"]
    assert df.loc[1, "actors"] == ["PRKGOV", "RUSGOV"]
    fig = charts.claim_contest(seed, level="actor")
    asserts, denies = trace(fig, "asserts"), trace(fig, "denies")
    assert list(asserts.x) == [2] and list(denies.x) == [-2]
    assert asserts.text[0] == "United States (government), South Korea (government)"
    assert asserts.y[0] == "1. North Korea (government) supplies Russia<br>(government) with weapons"


def test_contest_chain_alternates_sides(seed):
    claims = seed["claims"].to_dict("records")
    reply = dict(claims[2], claim_id="c5", contests="c4", source=["USAGOV"], stance="assert", cue="accused")
    t = {**seed, "claims": tables.frame("claims", claims + [reply])}
    df = charts.contested_propositions(t)
    assert df.set_index("claim_id")["side"].to_dict() == {"c3": "asserts", "c4": "denies", "c5": "asserts"}


def test_a_contest_no_named_actor_takes_keeps_its_row(seed):
    # issue 23 item 0 (found by tests/analysis/test_chart_properties.py): "officials said" and "it was denied"
    # name no actor on either side; the chart crashed (max() of no bar) instead of listing the proposition
    claims = seed["claims"].copy()
    claims["source"] = [[] if cid in ("c3", "c4") else list(s) for cid, s in zip(claims["claim_id"], claims["source"])]
    fig = charts.claim_contest({**seed, "claims": claims})
    assert [list(t.x) for t in fig.data] == [[], []]
    assert len(fig.layout.yaxis.categoryarray) == 1
    assert fig.layout.yaxis.categoryarray[0] == "1. North Korea supplies Russia with weapons"


# -- timeline -----------------------------------------------------------------

def test_timeline_shows_dated_events_by_quad_class(seed):
    fig = charts.timeline(seed, undated="drop")
    points = [t for t in fig.data if t.mode == "markers" and t.x[0] is not None]
    assert sorted(x for t in points for x in t.x) == ["2023-09-15", "2024-06-18"]  # r8 (a month) and r3
    assert {t.name for t in points} == {"verbal cooperation"}
    hover = " ".join(h for t in points for h in t.hovertext)
    assert "<b>2023-09</b> (month)" in hover
    with_doc = charts.timeline(seed)  # undated events at their article's date, by default
    points = [t for t in with_doc.data if t.mode == "markers" and t.x[0] is not None]
    assert sum(len(t.x) for t in points) > 2
    assert {t.name for t in points} >= {"material cooperation", "material conflict"}


def test_timeline_marks_undated_events_and_keeps_the_month(seed):
    fig = charts.timeline(seed)
    points = [t for t in fig.data if t.mode == "markers" and t.customdata is not None]
    flags = [undated for t in points for _, undated in t.customdata]
    assert any(flags) and not all(flags)
    hover = " ".join(h for t in points for h in t.hovertext)
    assert "<b>undated</b>: placed at its article's date, 2024-06-18" in hover
    assert any("undated" in t.name for t in fig.data if t.x == (None,))  # and the legend says so
    # (the light disc behind each undated event: tests/analysis/test_chart_legibility.py)
    # September 2023 is drawn as the month it is: a bar from its first to its last day
    span = next(t for t in fig.data if t.mode == "lines")
    assert list(span.x) == ["2023-09-01", "2023-09-30", None]


def test_timeline_separates_events_of_one_dyad_on_one_day(seed):
    fig = charts.timeline(seed)
    points = [(x, y) for t in fig.data if t.mode == "markers" and t.customdata is not None
              for x, y in zip(t.x, t.y)]
    assert len(points) == len(set(points)) > 5  # no marker hides another
    labels = list(fig.layout.yaxis.ticktext)
    assert "Russia → North Korea" in labels  # names on the axis; codes in the hover
    hover = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "(RUS → PRK)" in hover


def test_timeline_marks_status_by_symbol(rich):
    fig = charts.timeline(rich)
    symbols = {s for t in fig.data if t.mode == "markers" and t.customdata is not None for s in t.marker.symbol}
    assert {"circle", "diamond-open", "circle-open"} <= symbols
    legend = {t.name: t.marker.symbol for t in fig.data if t.x == (None,) and t.mode == "markers"}
    assert legend["reported"] == "circle" and legend["alleged"] == "circle-open"


# -- material exchanges -------------------------------------------------------

def test_material_category():
    assert charts.material_category("AID", "weapons", "military") == "weapons & military"
    assert charts.material_category("AID", None, "technology") == "technology"
    assert charts.material_category("AID", None, "economic") == "economic aid"
    assert charts.material_category("AID", None, None) == "aid (unspecified)"
    assert charts.material_category("COOPERATE", None, "diplomatic") is None
    assert charts.material_category("ACCUSE", None, "military") is None
    # a return flow of several kinds of goods ("in exchange for economic aid and technology")
    assert charts.material_categories("AID", None, "economic;technology") == ["economic aid", "technology"]
    assert charts.material_categories("ACCUSE", None, "economic") == []


def test_sankey_marks_alleged_flows(rich):
    fig = charts.material_exchanges(rich, level="actor")
    sk = fig.data[0]
    labels = list(sk.link.label)
    alleged = [i for i, lab in enumerate(labels) if lab.endswith("(alleged)")]
    reported = [i for i, lab in enumerate(labels) if not lab.endswith(("(alleged)", "(planned)", "(denied)"))]
    assert alleged and reported
    assert "North Korea (government) → Russia (government): weapons &amp; military (alleged)" in labels
    assert any("(PRKGOV → RUSGOV)" in h for h in sk.link.customdata)  # codes on hover
    assert all(sk.link.color[i].endswith(",0.22)") for i in alleged)
    assert all(sk.link.color[i].endswith(",0.75)") for i in reported)
    # the middle column names the status of what is not reported
    assert {"weapons &amp; military", "weapons &amp; military (alleged)", "technology (alleged)",
            "economic aid (alleged)", "economic aid"} <= set(sk.node.label)


def test_an_analyst_lexicon_may_change_the_material_categories(rich, tmp_path):
    """The chart reads the run's coding rules, not the packaged ones (issue 21's first defect)."""
    from accord.lexicon import load_lexicon
    extra = tmp_path / "rules.yaml"
    extra.write_text("rules:\n  material_categories:\n    arms: [weapon, arms, military, munition]\n"
                     "    goods: [econom, trade, technolog]\n", encoding="utf-8")
    fig = charts.material_exchanges(rich, level="actor", rules=load_lexicon(extra).rules)
    middle = set(fig.data[0].node.label)
    assert {"arms", "arms (alleged)", "goods (alleged)"} <= middle
    assert not middle & {"weapons &amp; military", "technology (alleged)", "economic aid (alleged)"}
    none = tmp_path / "none.yaml"
    none.write_text("rules:\n  material_events: [RETREAT]\n", encoding="utf-8")
    fig = charts.material_exchanges(rich, level="actor", rules=load_lexicon(none).rules)
    assert "No material exchange (RETREAT)" in fig.layout.annotations[0].text


# -- cooperation and conflict over time ------------------------------------------

def test_cooperation_conflict_by_month_and_week(rich):
    month = charts.cooperation_conflict(rich, freq="M", level="actor", undated="drop")
    t = trace(month, "North Korea (government) – Russia (government)")
    assert t.customdata[0] == "PRKGOV – RUSGOV"
    # one point per month from 2023-09 to 2024-09; None where the dyad has no data, so the line breaks
    assert len(t.x) == 13 and [x[:7] for x in t.x][:2] == ["2023-09", "2023-10"]
    assert list(t.y) == [2.0] + [None] * 9 + [4.0, None, 11.0]  # June: only the planned r3
    assert t.connectgaps is False
    week = charts.cooperation_conflict(rich, freq="week", level="actor")
    assert trace(week, "North Korea (government) – Russia (government)").x[-1][:10] >= "2024-09-02"
    with pytest.raises(ParameterError, match="'W' \\(week\\), 'M' \\(month\\)"):
        charts.cooperation_conflict(rich, freq="fortnight")


def test_cooperation_conflict_separates_equal_points_and_marks_allegations(rich):
    fig = charts.cooperation_conflict(rich, level="actor")
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    points = [(x, y) for t in lines for x, y in zip(t.x, t.y) if y is not None]
    assert len(points) == len(set(points))
    xs_by_line = [set(t.x) for t in lines]
    assert all(not (a & b) for i, a in enumerate(xs_by_line) for b in xs_by_line[i + 1:])  # dodged in x
    prk_rus = trace(fig, "North Korea (government) – Russia (government)")
    june = [i for i, x in enumerate(prk_rus.x) if x.startswith("2024-06")][0]
    assert prk_rus.marker.symbol[june] == "circle-open"  # alleged relations in June
    assert "alleged" in prk_rus.hovertext[june]


# -- status, names, alignment --------------------------------------------------

def test_network_draws_each_status_differently(seed):
    only_alleged = charts.actor_network(seed, level="actor", statuses=["alleged"])
    reported = charts.actor_network(seed, level="actor", statuses=["reported"])
    both = charts.actor_network(seed, level="actor")
    for fig, expected in ((only_alleged, "dash"), (reported, "solid"), (both, figures.MIXED_DASH)):
        edge = next(t for t in fig.data if t.mode == "lines" and t.name == "PRKGOV – RUSGOV")
        assert edge.line.dash == expected
    legend = {t.name: t.line.dash for t in both.data if t.mode == "lines" and t.x == (None,)}
    assert legend["reported relations"] == "solid" and legend["reported and not"] == figures.MIXED_DASH
    with pytest.raises(ParameterError, match="statuses: 'rumoured'; valid: reported, alleged"):
        charts.actor_network(seed, statuses=["rumoured"])


def test_statuses_parameter():
    assert params.check_statuses(None) == ("reported", "alleged")
    assert params.check_statuses("planned, reported") == ("reported", "planned")
    assert params.check_statuses("all") == params.STATUSES


def test_network_labels_are_names_and_codes_are_on_hover(seed):
    fig = charts.actor_network(seed)
    focus = trace(fig, figures.GROUP_NAMES["focus"])
    assert set(focus.text) == {"Russia", "North Korea"}  # the lexicon's names of the folded countries
    assert set(focus.customdata) == {"RUS", "PRK"}
    assert any("<b>Russia</b> (RUS)" in h for h in focus.hovertext)


def test_endorsing_an_organisation_is_not_alignment(seed):
    rel = seed["relations"].to_dict("records")
    sp = dict(rel[10], relation_id="r15", source=["RUSGOV"], target=["IGOUNO"], event_type="SUPPORT",
              quad_class=1, score=3.0, status="reported", claim_id=None)
    t = {**seed, "relations": tables.frame("relations", rel + [sp])}
    fig = charts.actor_network(t, level="actor")
    groups = {t.name: set(t.customdata) for t in fig.data if t.mode == "markers+text" and t.name != "dyads"}
    assert "IGOUNO" in groups[figures.GROUP_NAMES["neutral"]]  # the edge is drawn, the UN is not 'aligned'
    assert "RUSGOV – IGOUNO" in {t.name for t in fig.data} or "IGOUNO – RUSGOV" in {t.name for t in fig.data}
    # the rule is data: without the endorsement rule, the UN would count as aligned
    from dataclasses import replace
    from accord.lexicon import load_lexicon
    rules = load_lexicon().rules
    assert "SUPPORT" in rules.endorsing_events and "SUPPORT" in rules.alignment_events
    assert not network.counts_for_alignment("SUPPORT", "igo", rules)
    assert network.counts_for_alignment("SUPPORT", "state", rules)
    assert network.counts_for_alignment("SUPPORT", "igo", replace(rules, endorsing_events=frozenset()))
    assert not network.counts_for_alignment("REQUEST", "state", rules)


def test_an_analyst_lexicon_may_change_the_alignment_rule(seed, tmp_path):
    from accord.lexicon import load_lexicon
    rel = seed["relations"].to_dict("records")
    sp = dict(rel[10], relation_id="r15", source=["RUSGOV"], target=["IGOUNO"], event_type="SUPPORT",
              quad_class=1, score=3.0, status="reported", claim_id=None)
    t = {**seed, "relations": tables.frame("relations", rel + [sp])}
    extra = tmp_path / "rules.yaml"
    extra.write_text("rules:\n  endorsing_events: []\n", encoding="utf-8")
    fig = charts.actor_network(t, level="actor", rules=load_lexicon(extra).rules)
    assert "IGOUNO" in trace(fig, figures.GROUP_NAMES["aligned"]).customdata
    extra.write_text("rules:\n  alignment_events: [HUG]\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown PLOVER category 'HUG'"):
        load_lexicon(extra)


# -- parameters ---------------------------------------------------------------

def test_unknown_focus_code_lists_valid_codes(seed):
    with pytest.raises(ParameterError) as err:
        charts.actor_network(seed, ["RUS", "RUX"])
    msg = str(err.value)
    assert "unknown actor code 'RUX'" in msg
    assert "CHN, CHNGOV, IGOUNO, KOR, KORGOV, PRK, PRKGOV, RUS, RUSGOV, UKR, USA, USAGOV, WST" in msg
    assert "did you mean RUS" in msg
    with pytest.raises(ParameterError, match="no actor code given"):
        params.check_focus([], seed["actors"])
    assert params.check_focus("rus, prk", seed["actors"]) == ["RUS", "PRK"]


def test_window_checks():
    assert params.check_window(None, None) == (None, None)
    lo, hi = params.check_window("2024-06", "2024")
    assert (lo, hi) == (pd.Timestamp("2024-06-01"), pd.Timestamp("2024-12-31"))
    with pytest.raises(ParameterError, match="empty date window: start 2024-07-01 is after end 2024-06-30"):
        params.check_window("2024-07-01", "2024-06")
    with pytest.raises(ParameterError, match="start: '18/06/2024' is not an ISO date"):
        params.check_window("18/06/2024", None)


def test_select_by_window(rich):
    only_seed = select.select(rich, "2024-06-01", "2024-06-30")
    assert list(only_seed["documents"]["doc_id"]) == [SEED_ID]
    assert "r8" not in set(only_seed["relations"]["relation_id"])  # dated 2023-09 by the text
    assert "r3" in set(only_seed["relations"]["relation_id"])
    assert "r2" in set(only_seed["relations"]["relation_id"])  # undated: the article's date counts
    with pytest.raises(ParameterError, match="selects no document.*covers 2023-09-01 to 2024-09-03"):
        select.select(rich, "2030-01-01", None)


def test_corpus_lexicon_freq_title_checks(tmp_path):
    assert params.check_corpus(str(tmp_path)) == str(tmp_path)
    with pytest.raises(ParameterError, match="corpus: '.*nowhere' does not exist"):
        params.check_corpus(str(tmp_path / "nowhere"))
    with pytest.raises(ParameterError, match="no corpus given"):
        params.check_corpus("")
    (tmp_path / "a.txt").write_text("x")
    assert params.check_corpus(str(tmp_path / "*.txt"))
    with pytest.raises(ParameterError, match="does not exist"):
        params.check_corpus(str(tmp_path / "*.md"))
    assert params.check_lexicon(None) is None
    with pytest.raises(ParameterError, match="lexicon: .* does not exist"):
        params.check_lexicon(str(tmp_path / "lex.yaml"))
    assert params.check_freq("monthly") == "M" and params.check_freq("W") == "W"
    with pytest.raises(ParameterError, match="title"):
        params.check_title("  ")


def test_parse_date():
    assert params.parse_date("2023-09") == (pd.Timestamp("2023-09-01"), pd.Timestamp("2023-09-30"), "month")
    assert params.parse_date(None) is None
    with pytest.raises(ValueError):
        params.parse_date("September 2023")


def test_country_level_folds_the_actors_of_a_country(seed):
    fig = charts.actor_network(seed)  # level="country" by default
    nodes = {n for t in fig.data if t.mode == "markers+text" and t.name != "dyads" for n in t.customdata}
    assert nodes == {"RUS", "PRK", "USA", "KOR", "CHN", "UKR", "WST"}
    hover = " ".join(h for t in fig.data if t.name == figures.GROUP_NAMES["focus"] for h in t.hovertext)
    assert "Russia (government)" in hover and "mentions: 12" in hover
    hm = charts.dyad_matrix(seed).data[0]
    assert hm.z[list(hm.y).index("Russia")][list(hm.x).index("North Korea")] == 16.0
    with pytest.raises(ParameterError, match="level: 'nation'"):
        charts.dyad_matrix(seed, level="nation")
