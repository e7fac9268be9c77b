"""What changed (issue 23, "What changed" in every report), on tests/data/two_weeks: six short
invented articles, two in the week of 2025-03-03 and four in the week of 2025-03-10, written so
that what changed is known:

week 1: Russian and Iranian officials meet (Iran–Russia +7.5); the United States accuses Iran of
        supplying Russia with missiles (Iran–USA −3.5; Iran–Russia +10 alleged), not denied.
week 2: the accusation again, and Iran denies it (newly denied); Russia delivers jets and sends
        advisers to Iran (Iran–Russia moves from +17.5 to +30); Iran and China sign a trade pact
        (a new dyad, +19; China first seen); Ukraine accuses Belarus of sending drones to Russia and
        Belarus denies it (a new contested proposition; Belarus–Russia a new dyad, +10; Belarus and
        Ukraine first seen).
"""
from __future__ import annotations

import pytest

import accord
from accord.analysis import params
from accord.analysis.changes import what_changed
from accord.errors import ParameterError
from tests._chart_fixtures import ROOT

CORPUS = ROOT / "tests" / "data" / "two_weeks"
FOCUS = ["Iran", "Russia"]


@pytest.fixture(scope="module")
def two_weeks():
    return accord.annotate(str(CORPUS))


def test_the_second_week_against_the_first(two_weeks):
    c = what_changed(two_weeks, FOCUS, "2025-03-10", "2025-03-16")
    assert (c.window, c.earlier, c.has_earlier) == (("2025-03-10", "2025-03-16"), ("2025-03-03", "2025-03-09"), True)
    assert [(d.a_name, d.b_name, d.now) for d in c.new_dyads] == [("China", "Iran", 19.0), ("Belarus", "Russia", 10.0)]
    assert [(d.a_name, d.b_name, d.before, d.now, d.change) for d in c.moved] == [("Iran", "Russia", 17.5, 30.0, 12.5)]
    behind = " ".join(c.moved[0].events)
    assert "2025-03-12 Russia → Iran <b>AID</b> (reported, +10)" in behind and "delivered fighter jets" in behind
    assert "supplying Russia with missiles" in behind  # the week's allegation counts too (alleged, +10)
    assert c.new_contested == ["Belarus supplies Russia with weapons"]
    assert c.newly_denied == ["Iran supplies Russia with weapons"]
    assert c.new_actors == [("BLR", "Belarus"), ("CHN", "China"), ("UKR", "Ukraine")]
    assert c.lines() == [
        "2025-03-10 to 2025-03-16, against 2025-03-03 to 2025-03-09.",
        "New dyads: China – Iran +19; Belarus – Russia +10.",
        "Moved most: Iran – Russia +12.5 (+17.5 → +30).",
        "Newly contested: Belarus supplies Russia with weapons.",
        "Newly denied: Iran supplies Russia with weapons.",
        "First seen in the dataset: Belarus (BLR), China (CHN), Ukraine (UKR).",
    ]
    html = c.html()
    assert html.startswith('<section class="accord-changes"><h2>What changed</h2>')
    assert "<li>Iran – Russia: " in html  # the relations behind the move, under it


def test_an_open_start_and_an_earlier_window_given(two_weeks):
    # only a start (the weekly cron): the window ends at the dataset's last date, 2025-03-14
    c = what_changed(two_weeks, FOCUS, "2025-03-10")
    assert c.window == ("2025-03-10", "2025-03-14") and c.earlier == ("2025-03-05", "2025-03-09")
    assert [(d.a_name, d.b_name) for d in c.new_dyads] == [("China", "Iran"), ("Belarus", "Russia")]
    # the meeting of 2025-03-04 is before that window: only the allegation of 2025-03-06 counts before
    assert [(d.before, d.now) for d in c.moved] == [(10.0, 30.0)]
    given = what_changed(two_weeks, FOCUS, "2025-03-10", "2025-03-16", compare="2025-03-04..2025-03-04")
    assert given.earlier == ("2025-03-04", "2025-03-04")
    assert given.newly_denied == [] and given.new_contested == ["Iran supplies Russia with weapons",
                                                                  "Belarus supplies Russia with weapons"]


def test_no_earlier_data_is_said(two_weeks):
    c = what_changed(two_weeks, FOCUS, "2025-03-03", "2025-03-09")
    assert not c.has_earlier
    assert c.lines()[1] == "No earlier data: the dataset has no article from 2025-02-24 to 2025-03-02 to compare with."
    assert what_changed(two_weeks, FOCUS, compare="previous").has_earlier is False  # the whole dataset
    assert what_changed(two_weeks, FOCUS, "2025-03-10", compare="none") is None
    # a corpus without dates: said, never a stop (compare is "previous" by default in every report)
    undated = {**two_weeks, "documents": two_weeks["documents"].assign(date=None),
               "relations": two_weeks["relations"].assign(date=None)}
    c = what_changed(undated, FOCUS)
    assert not c.has_earlier and c.lines()[1] == "No earlier data: no article of the dataset has a date."


@pytest.mark.parametrize("value, message", [
    ("last week", "compare: 'last week'; valid: previous, none, or a window such as 2024-06-01..2024-06-07"),
    ("2025-03-09..2025-03-03", "compare: '2025-03-09..2025-03-03': empty date window"),
    ("2025-03-01..", "compare: '2025-03-01..'; valid"),
])
def test_a_wrong_compare_says_what_is_valid(value, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(".", r"\.")):
        params.check_compare(value)
    assert params.check_compare("Previous") == ("previous", None, None)


def test_the_actors_table_respects_the_date_window():
    """The notebooks' actors table (and the count under the title) listed every actor of the corpus
    with all its mentions, whatever the window."""
    from accord.analysis.notebook import prepare

    run = prepare(str(CORPUS), focus=FOCUS, start="2025-03-03", end="2025-03-09")
    actors = run.tables["actors"].set_index("actor_id")["n_mentions"].to_dict()
    # week 1 names the United States, Iran and Russia (and their governments): no China, Belarus, Ukraine
    assert actors == {"IRN": 2, "IRNGOV": 1, "RUS": 1, "RUSGOV": 1, "USA": 1}
    assert "5 actors" in run.summary()
    # a focus the window does not mention stays in the table (0 mentions), so the charts know its name
    only = prepare(str(CORPUS), focus=["China", "Iran"], start="2025-03-03", end="2025-03-09")
    assert only.tables["actors"].set_index("actor_id").loc["CHN", "n_mentions"] == 0
    week2 = prepare(str(CORPUS), focus=FOCUS, start="2025-03-10", end="2025-03-16").tables["actors"]
    assert sorted(week2["actor_id"]) == ["BLR", "CHN", "IRN", "RUS", "UKR", "USA"]  # IRNGOV is not in week 2
    assert len(prepare(str(CORPUS), focus=FOCUS).tables["actors"]) == 8  # no window: all
