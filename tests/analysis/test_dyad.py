"""Actors by name, the long dyads table, events (one event, many reports) and accord.dyad(), on real annotated text:
the seed, and four short articles in tests/data/dyad (three report Putin's visit to North Korea, from TASS and
Yonhap in June and from Reuters in September; one reports an Iran-Russia treaty and a denied accusation)."""
from __future__ import annotations

import pandas as pd
import pytest

import accord
from accord.analysis import params
from accord.analysis.events import DYADS_COLUMNS, EVENTS_COLUMNS, per_event
from accord.errors import ActorNameError, ParameterError
from accord.tables import validate
from tests._browser import ROOT

DATA = ROOT / "tests" / "data" / "dyad"


@pytest.fixture(scope="module")
def lexicon():
    return accord.load_lexicon()


@pytest.fixture(scope="module")
def seed():
    return accord.annotate(ROOT / "seeds")


@pytest.fixture(scope="module")
def fresh():
    return accord.annotate(DATA)


# -- resolving an actor given by name -------------------------------------------

@pytest.mark.parametrize("query, code", [
    ("Iran", "IRN"), ("North Korea", "PRK"), ("north  korea", "PRK"), ("Putin", "RUSGOV"),
    ("the Kremlin", "RUSGOV"), ("Kremlin", "RUSGOV"), ("United Nations", "IGOUNO"), ("Iranian", "IRN"),
    ("RUS", "RUS"), ("rus", "RUS"), ("RUSGOV", "RUSGOV"), ("PRKJRN", "PRKJRN"),
])
def test_resolve_actor_by_code_or_name(lexicon, query, code):
    assert accord.resolve_actor(query, lexicon) == code


def test_resolve_actor_ambiguous_and_unknown_names_say_why(lexicon):
    with pytest.raises(ActorNameError) as err:
        accord.resolve_actor("Carter Center", lexicon)
    assert err.value.candidates == ["NGOUSA", "NGOUSAHRI"]
    assert "several actors: NGOUSA (The Carter Center); NGOUSAHRI (Carter Center); give the code" in str(err.value)
    with pytest.raises(ActorNameError, match=r"'Irann': no actor of that code or name .*did you mean Iran \(IRN\)\?"):
        accord.resolve_actor("Irann", lexicon)
    with pytest.raises(ActorNameError, match="no actor given"):
        accord.resolve_actor("  ", lexicon)
    # a corpus's own ids (an unresolved name) are codes too
    assert accord.resolve_actor("UNK:the-brics", lexicon, known=["UNK:the-brics"]) == "UNK:the-brics"


def test_focus_accepts_names(fresh, lexicon):
    assert params.check_focus("Iran", fresh["actors"], lexicon) == ["IRN"]
    assert params.check_focus("North Korea, Russia", fresh["actors"], lexicon) == ["PRK", "RUS"]
    assert params.check_focus(["Putin", "PRK"], fresh["actors"], lexicon) == ["RUSGOV", "PRK"]
    assert params.check_focus("RUS PRK", fresh["actors"], lexicon) == ["RUS", "PRK"]  # codes separated by a space
    with pytest.raises(ParameterError, match="'Ukraine' is UKR, which this corpus does not mention"):
        params.check_focus(["Russia", "Ukraine"], fresh["actors"], lexicon)
    with pytest.raises(ParameterError, match="focus: actor 'Carter Center': the name stands for several"):
        params.check_focus(["Carter Center"], fresh["actors"], lexicon)


# -- the long dyads table --------------------------------------------------------

def test_dyads_one_row_per_source_target_pair(seed):
    d = accord.dyads(seed)
    assert list(d.columns) == DYADS_COLUMNS
    # "Russia, along with China, has supported Pyongyang": one relation, two sources
    rel = seed["relations"]
    rid = rel[(rel["event_type"] == "SUPPORT") & rel["source"].map(lambda s: sorted(s) == ["CHN", "RUS"])
              & rel["target"].map(lambda t: t == ["PRKGOV"])]["relation_id"].iloc[0]
    r016 = d[d["relation_id"] == rid]
    assert sorted(zip(r016["source"], r016["target"])) == [("CHN", "PRKGOV"), ("RUS", "PRKGOV")]
    assert set(r016["evidence"]) == {seed["relations"].set_index("relation_id").loc[r016["relation_id"].iloc[0],
                                                                                    "evidence"]}
    assert sum(len(s) * len(t) for s, t in zip(seed["relations"]["source"], seed["relations"]["target"])) == len(d)
    # a relation with no target, or no source (an agentless passive), has no pair (it stays in the relations table)
    tables = dict(seed)
    rel = seed["relations"].copy()
    rel["target"] = [[] if k == 0 else t for k, t in enumerate(rel["target"])]
    rel["source"] = [[] if k == 1 else s for k, s in enumerate(rel["source"])]
    tables["relations"] = rel
    lonely = accord.dyads(tables)
    assert not lonely["relation_id"].isin(list(rel["relation_id"][:2])).any()
    assert sum(len(s) * len(t) for s, t in zip(rel["source"], rel["target"])) == len(lonely)
    # groupby without .explode(); the country level folds RUSGOV into RUS
    counts = accord.dyads(seed, level="country").groupby(["source", "target"]).size()
    assert counts[("RUS", "PRK")] == 7 and "RUSGOV" not in set(counts.index.get_level_values(0))
    assert set(d["outlet"]) == set(seed["documents"]["source"])
    assert d["doc_date"].eq("2024-06-18").all()


# -- events: one event, many reports ---------------------------------------------

def test_two_articles_reporting_one_visit_are_one_event(fresh):
    ev = accord.events(fresh, level="country")
    assert list(ev.columns) == EVENTS_COLUMNS
    visit = ev[(ev["source"] == "RUS") & (ev["target"] == "PRK") & (ev["event_type"] == "CONSULT")]
    assert list(visit["event_id"]) == ["RUS>PRK:CONSULT:reported:2024-06-19", "RUS>PRK:CONSULT:reported:2024-09-10"]
    june = visit.iloc[0]
    # TASS (one relation, dated by its text) and Yonhap (two relations, a day later): one event
    assert (june["n_reports"], june["n_documents"], june["n_sources"]) == (3, 2, 2)
    assert june["doc_ids"] == ["tass-0619", "yonhap-0620"]
    assert (june["date"], june["last_date"], june["precision"], june["dated"]) == \
        ("2024-06-19", "2024-06-20", "day", "text")
    assert visit.iloc[1]["n_reports"] == 1  # September's visit is another event
    # at the actor level RUSGOV -> PRKGOV is another dyad
    actor_level = accord.events(fresh)
    assert "RUSGOV>PRKGOV:CONSULT:reported:2024-06-20" in set(actor_level["event_id"])


def test_event_grouping_is_deterministic_and_keeps_statuses_and_precision_apart(fresh, seed):
    shuffled = {**fresh, "relations": fresh["relations"].sample(frac=1, random_state=3)}
    pd.testing.assert_frame_equal(accord.events(fresh), accord.events(shuffled))
    ev = accord.events(seed, level="country")
    aid = ev[(ev["source"] == "PRK") & (ev["event_type"] == "AID")].set_index("status")
    assert aid.loc["alleged", "n_reports"] == 2 and aid.loc["denied", "n_reports"] == 1
    sept = ev[ev["event_id"] == "PRK>RUS:CONSULT:reported:2023-09"].iloc[0]  # "last September": a month
    assert (sept["precision"], sept["date"], sept["n_reports"]) == ("month", "2023-09", 2)
    with pytest.raises(ParameterError, match="days"):
        accord.events(seed, days=-1)


def test_charts_can_count_events_instead_of_reports(fresh):
    assert per_event(fresh, "reports")["relations"] is fresh["relations"]
    by_event = per_event(fresh, "events", level="country")
    rel = validate("relations", by_event["relations"])  # still a relations table
    assert len(rel) == len(accord.events(fresh, level="country"))
    june = rel.set_index("relation_id").loc["RUS>PRK:CONSULT:reported:2024-06-19"]
    assert (june["source"], june["target"]) == (["RUS"], ["PRK"])
    assert june["evidence"].endswith("[and 2 more reports of this event, 2 sources]")
    with pytest.raises(ParameterError, match="count: 'mentions'; valid: 'reports'"):
        per_event(fresh, "mentions")


# -- accord.dyad -------------------------------------------------------------------

def test_dyad_by_name_with_evidence_claims_and_contests(fresh, lexicon):
    d = accord.dyad(fresh, "Iran", "Russia", lexicon=lexicon)
    assert (d.a, d.b, d.title) == ("IRN", "RUS", "Iran and Russia")
    rel = d.relations
    # the government of each counts for its country; the treaty "Iran and Russia signed" is a joint act,
    # coded both ways (coding rule joint_acts)
    assert sorted(zip(rel["source"], rel["target"], rel["event_type"], rel["status"])) == [
        ("IRN", "RUS", "AID", "alleged"), ("IRN", "RUS", "SUPPORT", "reported"),
        ("IRNGOV", "RUSGOV", "SUPPORT", "reported"), ("RUS", "IRN", "SUPPORT", "reported")]
    assert set(rel["direction"]) == {"IRN → RUS", "RUS → IRN"}
    assert rel["evidence"].str.contains("drones").any()
    # the accusation reports the alleged flow; Iran's praise of Putin and its denial are Iran's words about Russia
    assert dict(zip(d.claims["cue"], d.claims["why"])) == {
        "praised": "IRN about RUS", "accused": "reports a relation between them", "denied": "IRN about RUS"}
    contest = d.contests.iloc[0]
    assert (contest["proposition"], contest["asserted_by"], contest["denied_by"]) == \
        ("Iran of supplying Russia with drones", ["USA"], ["IRN"])
    assert list(d.sources["doc_id"]) == ["iran-0117"] and d.sources["outlet"].iloc[0] == "Reuters"
    assert "IRN → RUS AID (alleged)" in d.sources["says"].iloc[0]
    assert sorted(d.events["event_id"]) == ["IRN>RUS:AID:alleged:2025-01-17", "IRN>RUS:SUPPORT:reported:2025-01-17",
                                            "RUS>IRN:SUPPORT:reported:2025-01-17"]


def test_dyad_on_the_seed_both_directions_and_a_window(seed, lexicon):
    d = accord.dyad(seed, "RUS", "North Korea", lexicon=lexicon)
    assert set(d.relations["direction"]) == {"RUS → PRK", "PRK → RUS"}
    assert "IGOUNO" not in set(d.relations["target"])  # Russia endorsing UN sanctions is not about North Korea
    assert len(d.relations) == 12 and d.summary().startswith("12 relations (7 reported, 4 alleged, 1 denied)")
    assert list(d.contests["denied_by"]) == [["PRK", "RUS"]]
    # a window: the visit the text dates to September 2023 only
    sept = accord.dyad(seed, "RUS", "PRK", window=("2023-09", "2023-09"), lexicon=lexicon)
    assert set(sept.relations["event_type"]) == {"CONSULT"} and set(sept.relations["date"]) == {"2023-09"}
    with pytest.raises(ParameterError, match="empty date window"):
        accord.dyad(seed, "RUS", "PRK", window=("2030-01-01", None), lexicon=lexicon)


def test_dyad_refuses_unknown_same_or_overlapping_actors(seed, lexicon):
    with pytest.raises(ParameterError, match=r"b: 'Iran' is IRN, which this corpus does not mention; actors in "
                                             r"this corpus: CHN, .*PRK"):
        accord.dyad(seed, "Russia", "Iran", lexicon=lexicon)
    with pytest.raises(ParameterError, match="both are RUSGOV"):
        accord.dyad(seed, "Putin", "the Kremlin", lexicon=lexicon)
    with pytest.raises(ParameterError, match="RUS and RUSGOV overlap"):
        accord.dyad(seed, "RUS", "RUSGOV", lexicon=lexicon)
    with pytest.raises(ParameterError, match="window"):
        accord.dyad(seed, "RUS", "PRK", window="2024", lexicon=lexicon)


def test_notebook_focus_by_a_name_from_the_analyst_lexicon(tmp_path):
    from accord.analysis.notebook import prepare

    extra = tmp_path / "analyst.yaml"
    extra.write_text('actors:\n- {id: "IRNGOV:ayatollahs", kind: state, code: IRNGOV, country: IRN, '
                     'name: the Ayatollahs, names: [Ayatollahs]}\n', encoding="utf-8")
    run = prepare(DATA, focus=["the Ayatollahs", "Russia"], lexicon=str(extra))
    assert run.focus == ["IRNGOV", "RUS"]
    with pytest.raises(ParameterError, match="the Ayatollahs"):
        prepare(DATA, focus=["the Ayatollahs"])  # the packaged lexicon does not know the name


def test_a_notebook_without_a_focus_takes_the_two_most_mentioned_countries_and_says_so():
    # issue 23 item 2: the seed's RUS and PRK are not the default of an Iran corpus
    from accord.analysis.notebook import prepare

    run = prepare(DATA, focus=None)
    assert run.focus == ["RUS", "IRN"]  # Russia 6 mentions; Iran and North Korea 4 each, IRN first
    assert run.title == "Russia and Iran"
    assert "focus: RUS, IRN (by default, the corpus's two most-mentioned countries)" in run.summary()
    assert "by default" not in prepare(DATA, focus=["RUS", "IRN"]).summary()
