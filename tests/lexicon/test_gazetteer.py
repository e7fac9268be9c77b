"""Actors of today: people in office with dated roles, groups, past states, spelling variants and
names that are never actors (issue 14). Real pipeline, packaged lexicon."""
from __future__ import annotations

import pytest

from accord import build_pipeline
from accord.errors import LexiconError
from accord.lexicon import load_lexicon
from accord.lexicon.variants import ascii_form, name_variants
from tests.pipeline._alone import mention_codes as coded


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.mark.parametrize("text, date, name, code", [
    ("Donald Trump spoke in Ohio.", "2019-05-01", "Donald Trump", "USAGOV"),
    ("Donald Trump spoke in Ohio.", "2023-05-01", "Donald Trump", "USAELI"),
    ("Donald Trump spoke in Ohio.", "2025-05-01", "Donald Trump", "USAGOV"),
    ("Abbas Araghchi met his Omani counterpart.", "2025-04-13", "Abbas Araghchi", "IRNGOV"),
    ("Hezbollah fired rockets.", "2024-07-01", "Hezbollah", "LBNREB"),
    ("The Soviet Union withdrew its troops.", "1988-05-15", "The Soviet Union", "SUN"),
    ("Erdoğan spoke to reporters.", "2024-03-01", "Erdoğan", "TURGOV"),
    ("Erdogan spoke to reporters.", "2024-03-01", "Erdogan", "TURGOV"),
])
def test_names_are_coded_at_the_document_date(nlp, text, date, name, code):
    assert coded(nlp, text, date)[name] == [code]


def test_weapons_operations_and_designations_are_not_actors(nlp):
    found = coded(nlp, "Iran supplied Shahed drones and Su-35 jets to Russia before the Zapad exercise.", "2024-10-01")
    assert set(found) == {"Iran", "Russia"}
    found = coded(nlp, "Pyongyang tested a Hwasong-99 missile.", "2024-10-01")
    assert set(found) == {"Pyongyang"}  # a designation the list lacks is still equipment, not UNK


def test_spelling_variants():
    assert ascii_form("Sinirlioğlu") == "Sinirlioglu"
    assert name_variants("Omar Hassan al-Bashir") == ["Omar Hassan el-Bashir", "Omar Hassan Bashir"]
    assert name_variants("Kim Jong-un") == ["Kim Jong Un"]
    assert name_variants("Lavrov") == []


def test_an_analyst_can_declare_a_name_not_an_actor(tmp_path, nlp):
    mine = tmp_path / "mine.yaml"
    mine.write_text("not_actors:\n  - {name: Grushko, kind: other, note: a ship in our corpus}\n", encoding="utf-8")
    lexicon = load_lexicon(mine)
    assert lexicon.not_actors["Grushko"] == "other"
    assert "Grushko" not in coded(build_pipeline(lexicon), "Grushko sailed on Monday.", "2024-06-01")


def test_a_malformed_not_actor_entry_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("not_actors:\n  - {name: Shahed, kind: drone}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yaml, line 2: not_actors 'Shahed': kind must be one of"):
        load_lexicon(bad)


@pytest.mark.parametrize("text, date, name, code", [
    # PETRARCH writes names in ASCII; news writes them with their diacritics
    ("Hugo Chávez nationalised the oil fields.", "2007-05-01", "Hugo Chávez", "VENGOV"),
    ("Horst Köhler signed the law.", "2006-12-08", "Horst Köhler", "DEUGOV"),
    ("Javier Pérez de Cuéllar named his cabinet.", "2001-03-15", "Javier Pérez de Cuéllar", "PERGOV"),
])
def test_names_with_diacritics_match_their_ascii_entries(nlp, text, date, name, code):
    assert coded(nlp, text, date)[name] == [code]


@pytest.mark.parametrize("text, date, kept", [
    ("The USS Ronald Reagan sailed into Busan.", "2024-06-22", {"Busan"}),
    ("USS Mitscher fired on the drones.", "2024-01-10", set()),  # a ship the list lacks
    ("The aircraft carrier Charles de Gaulle began strikes.", "2015-11-23", set()),
    ("The frigate Admiral Gorshkov test-fired a missile.", "2020-10-07", set()),
    ("Russia sent the Admiral Kuznetsov aircraft carrier to Syria.", "2016-10-15", {"Russia", "Syria"}),
    ("Operation Solomon airlifted Ethiopian Jews to Israel.", "1991-05-25", {"Ethiopian Jews", "Israel"}),
    ("Iran unveiled a missile named Haj Qassem.", "2020-08-20", {"Iran"}),
    ("Airlines suspended flights to Ben Gurion Airport.", "2024-10-02", set()),
    ("The James Webb Space Telescope lifted off.", "2021-12-25", set()),
])
def test_ships_operations_and_facilities_named_after_people_are_not_those_people(nlp, text, date, kept):
    assert set(coded(nlp, text, date)) == kept


def test_a_vessel_noun_before_a_state_or_its_fleet_keeps_the_actor(nlp):
    found = coded(nlp, "The Russian warship and the Black Sea Fleet flagship left port.", "2022-04-10")
    assert found["Russian warship"] == ["RUSMIL"] and found["Black Sea Fleet"] == ["RUSMIL"]


def test_protesters_are_civilians_and_militants_rebels(nlp):
    assert coded(nlp, "Georgian protesters marched on parliament.", "2024-12-01")["Georgian protesters"] == ["GEOCVL"]
    assert coded(nlp, "Pakistani militants attacked a checkpoint.", "2024-12-01")["Pakistani militants"] == ["PAKREB"]


def test_slavic_spelling_variants():
    assert name_variants("Sergei Lavrov") == ["Sergey Lavrov"]
    assert name_variants("Heydar Aliyev") == ["Heydar Aliev"]
    assert name_variants("Kurmanbek Bakiyev") == ["Kurmanbek Bakiev"]
    assert name_variants("Aliyev") == [] and name_variants("Vladimir Putin") == []


def test_a_ship_named_after_a_person_the_article_names_is_still_the_ship(nlp):
    found = coded(nlp, "Ronald Reagan visited the fleet. The USS Ronald Reagan later sailed to Busan.", "1985-06-01")
    assert found["Ronald Reagan"] == ["USAGOV"]
    assert set(found) == {"Ronald Reagan", "Busan"}
