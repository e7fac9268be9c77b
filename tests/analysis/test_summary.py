"""The summary at the top of a report and the title that follows the focus (hand-made seed tables)."""
from __future__ import annotations

import pytest

from accord.analysis import summary
from accord.errors import ParameterError
from tests._chart_fixtures import seed_tables


@pytest.fixture(scope="module")
def seed():
    return seed_tables()


def test_title_names_the_focus(seed):
    assert summary.focus_title(seed, ["RUS", "PRK"], "{focus}: the alliance's dynamics") == \
        "Russia and North Korea: the alliance's dynamics"  # the lexicon's names of the country codes
    assert summary.focus_title(seed, ["USAGOV"]) == "United States"  # "(government)" dropped in a title
    assert summary.focus_title(seed, "RUS, PRK, CHN", "Walkthrough: {focus}") == \
        "Walkthrough: Russia, North Korea and China"
    with pytest.raises(ParameterError, match="unknown actor code 'IRX'"):
        summary.focus_title(seed, ["IRX"])


def test_summary_gives_period_articles_dyads_and_contests(seed):
    s = summary.summarise(seed, ["RUS", "PRK"])
    assert (s.first, s.last, s.n_articles) == ("2024-06-18", "2024-06-18", 1)
    top = s.dyads[0]
    # r1 +3, r2 +5, r5 +6, r6 +5, r7 +5, r8 +2, r10 +6, r11 +3: +35, of which alleged r5, r6, r7, r10 +22
    assert (top.a_name, top.b_name, top.net, top.n, top.note) == ("North Korea", "Russia", 35.0, 8, "alleged +22")
    assert [abs(d.net) for d in s.dyads] == sorted((abs(d.net) for d in s.dyads), reverse=True)
    assert len(s.dyads) == 3
    assert s.contests[0].asserts == ["United States of America", "South Korea"]  # the lexicon names USA
    assert s.contests[0].denies == ["North Korea", "Russia"]
    lines = s.lines()
    assert lines[0] == "1 article, 2024-06-18."
    assert lines[1].startswith("Strongest dyads: North Korea – Russia +35 (8 relations, of which alleged +22)")
    assert lines[-1] == "Scores count reported and alleged relations."


def test_summary_follows_the_statuses(seed):
    reported = summary.summarise(seed, ["RUS", "PRK"], statuses=["reported"])
    assert reported.dyads[0].note == "" and reported.dyads[0].net == 13.0  # r1, r2, r8, r11
    assert reported.lines()[-1] == "Scores count reported relations."


def test_summary_html_is_escaped(seed):
    claims = seed["claims"].copy()
    claims.loc[claims["claim_id"] == "c3", "content"] = "<script>alert(1)</script> & more"
    # without the relations it states, the proposition is the claim's words, quoted
    claims["relations"] = [[] if cid == "c3" else list(r) for cid, r in zip(claims["claim_id"], claims["relations"])]
    s = summary.summarise({**seed, "claims": claims}, ["RUS"])
    html = s.html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert html.startswith('<ul class="accord-summary"><li>')


def test_a_contest_no_named_actor_asserts_is_summarised(seed):
    # issue 23 item 0: a contested proposition whose asserting claim has no coded source ("officials said")
    # crashed the summary (IndexError in the list of names)
    claims = seed["claims"].copy()
    claims["source"] = [[] if cid == "c3" else list(src) for cid, src in zip(claims["claim_id"], claims["source"])]
    s = summary.summarise({**seed, "claims": claims}, ["RUS", "PRK"])
    assert s.contests[0].asserts == []
    contested = next(line for line in s.lines() if line.startswith("Contested: "))
    assert "(asserted by no one named, denied by North Korea and Russia)" in contested
