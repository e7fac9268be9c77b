"""The notebook parameter checks and the selections made with them (analysis/params.py, analysis/select.py)."""
from __future__ import annotations

import pandas as pd
import pytest

from accord.analysis import params, select
from accord.errors import ParameterError

ACTORS = pd.DataFrame({"actor_id": ["RUS", "RUSGOV", "PRK", "PRKMIL", "USA", "IGOUNO"],
                       "country": ["RUS", "RUS", "PRK", "PRK", "USA", "IGOUNO"],
                       "kind": ["state", "state", "state", "state", "state", "igo"]})


@pytest.mark.parametrize("given, code", [("M", "M"), ("monthly", "M"), ("w", "W"), ("week", "W")])
def test_freq_accepts_its_aliases(given: str, code: str) -> None:
    assert params.check_freq(given) == code


@pytest.mark.parametrize("bad", ["D", "year", 3, None])
def test_freq_refuses_anything_else_and_names_the_valid_values(bad) -> None:
    with pytest.raises(ParameterError, match="W"):
        params.check_freq(bad)


def test_level_is_actor_or_country() -> None:
    assert params.check_level("country") == "country"
    with pytest.raises(ParameterError, match="actor"):
        params.check_level("region")


def test_a_window_must_not_end_before_it_starts() -> None:
    lo, hi = params.check_window("2024-01", "2024")
    assert lo <= hi
    with pytest.raises(ParameterError):
        params.check_window("2024-06-01", "2024-05-31")


def test_partial_dates_cover_their_whole_period() -> None:
    lo, hi, precision = params.parse_date("2024-02")
    assert (lo.day, hi.day, precision) == (1, 29, "month")
    assert params.parse_date(None) is None


def test_focus_codes_must_be_known_actors() -> None:
    assert params.check_focus(["RUS", "PRK"], ACTORS) == ["RUS", "PRK"]
    with pytest.raises(ParameterError, match="XYZ"):
        params.check_focus(["XYZ"], ACTORS)


def test_a_country_focus_stands_for_its_government_and_other_sectors() -> None:
    assert select.focus_members(["RUS"], ACTORS) == {"RUS", "RUSGOV"}


def test_node_map_groups_actors_by_country_at_country_level() -> None:
    assert select.node_map(ACTORS, "country")["PRKMIL"] == "PRK"
    assert select.node_map(ACTORS, "actor")["PRKMIL"] == "PRKMIL"
    assert select.node_map(ACTORS, "country")["IGOUNO"] == "IGOUNO"  # an organisation stays itself


NAMED = pd.DataFrame({
    "actor_id": ["RUS", "RUSGOV", "PRK", "USAGOV", "IGOUNO", "WST", "UNK:Foo"],
    "name": ["Russia", "Russia (government)", "North Korea", "United States (government)", "United Nations",
             "the West", "Foo"],
    "kind": ["state", "state", "state", "state", "igo", "bloc", "unresolved"],
    "country": ["RUS", "RUS", "PRK", "USA", "IGOUNO", "WST", None],
    "n_mentions": [2, 3, 4, 4, 40, 30, 50],
})


def test_without_a_focus_the_two_most_mentioned_countries_are_the_focus() -> None:
    # issue 23 item 2: the seed's RUS and PRK are no default for an analyst's own corpus; a country's
    # mentions are summed over its sectors, organisations, blocs and unknown names are not countries,
    # a tie goes to the code first in the alphabet
    assert params.default_focus(NAMED) == ["RUS", "PRK"]
    assert params.check_focus(None, NAMED) == ["RUS", "PRK"]
    assert params.default_focus(NAMED[NAMED["actor_id"] != "RUSGOV"]) == ["PRK", "USA"]
    assert params.default_focus(NAMED[NAMED["actor_id"] == "PRK"]) == ["PRK"]
    with pytest.raises(ParameterError, match="focus: the corpus mentions no country; name the focus"):
        params.check_focus(None, NAMED[NAMED["kind"] != "state"])


def test_an_unknown_focus_name_gets_the_nearest_names_of_the_corpus() -> None:
    with pytest.raises(ParameterError) as err:
        params.check_focus(["Rusia", "Nort Korea", "PRX"], NAMED)
    msg = str(err.value)
    assert msg.startswith("focus: unknown actors 'Rusia', 'Nort Korea', 'PRX'")
    assert "'Rusia': did you mean Russia (RUS)?" in msg
    assert "'Nort Korea': did you mean North Korea (PRK)?" in msg
    assert "'PRX': did you mean PRK" in msg


def test_a_missing_corpus_says_where_it_was_looked_for(tmp_path, monkeypatch) -> None:
    # issue 23 item 1: `accord report` makes a path absolute (relative to where accord runs); the
    # notebook's message then said "relative to the folder the notebook runs in" beside a path that was not
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParameterError) as err:
        params.check_corpus(str(tmp_path / "week"))
    assert str(err.value).startswith(f"corpus: '{tmp_path / 'week'}' does not exist; pass a file, a folder")
    assert "relative" not in str(err.value)
    with pytest.raises(ParameterError) as err:
        params.check_corpus("week")
    assert str(err.value).startswith(
        f"corpus: 'week' does not exist in {tmp_path}, the folder this notebook runs in (accord report reads "
        "a path relative to the folder where accord runs); pass a file, a folder")
    with pytest.raises(ParameterError) as err:
        params.check_lexicon("names.yaml")
    assert str(err.value).startswith(f"lexicon: 'names.yaml' does not exist in {tmp_path}, the folder this notebook "
                                     "runs in (accord report reads a path relative to the folder where accord runs)")
