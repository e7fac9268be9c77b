"""Short names of people (accord.pipeline.names): a surname after the full name, a title and a surname,
double surnames. Through the actors component over the packaged lexicon, and over an analyst's file of
invented people where the rule should not hang on who is in the packaged data."""
from __future__ import annotations

import pytest

from accord.lexicon import load_lexicon
from accord.pipeline.factories import register_lexicon
from accord.pipeline.names import NameRules, compound_surname, read_name_rules, short_forms
from accord.errors import LexiconError
from tests.pipeline._alone import run, small_nlp

# invented people: two namesakes, two holders of one surname in two countries, a double surname, a particle
PEOPLE = """actors:
  - {id: 'person:aino-tervanen', kind: person, name: Aino Tervanen, names: [Tervanen], country: FIN,
     roles: [{code: FINGOV, start: 2019-01-01, end: null, title: minister}]}
  - {id: 'person:mikko-tervanen', kind: person, name: Mikko Tervanen, country: FIN,
     roles: [{code: FINLEG, start: 2015-01-01, end: null, title: member of parliament}]}
  - {id: 'person:lena-ostrovna', kind: person, name: Lena Ostrovna, country: RUS,
     roles: [{code: RUSGOV, start: 2019-01-01, end: null, title: president}]}
  - {id: 'person:ivo-ostrovna', kind: person, name: Ivo Ostrovna, country: BGR,
     roles: [{code: BGRGOV, start: 2019-01-01, end: null, title: president}]}
  - {id: 'person:tomas-orvalle-quintana', kind: person, name: Tomás Orvalle Quintana, country: BOL,
     roles: [{code: BOLGOV, start: 2001-01-01, end: 2004-01-01, title: president}]}
  - {id: 'person:julio-mavinga-dos-reis', kind: person, name: Júlio Mavinga dos Reis, country: AGO,
     roles: [{code: AGOGOV, start: 2001-01-01, end: 2004-01-01, title: prime minister}]}
"""


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    nlp = small_nlp()
    nlp.add_pipe("accord_actors", config={"lexicon": register_lexicon(load_lexicon(path))})
    return nlp


def people(nlp, text: str, date: str) -> list[tuple[str, list[str], str | None]]:
    doc = run(nlp, text, date)
    return [(doc[m.start:m.end].text, m.codes, m.entity) for m in doc._.mentions]


def person(nlp, text: str, date: str, words: str) -> tuple[list[str], str | None]:
    """The codes and the entity of the last mention whose words are ``words``."""
    found = [(codes, entity) for w, codes, entity in people(nlp, text, date) if w == words]
    assert found, f"no mention {words!r} in {people(nlp, text, date)}"
    return found[-1]


# -- rule 1: a short form after the full name is that person, not a namesake ---------------------------

def test_a_surname_after_the_full_name_is_that_person_not_the_namesake_the_lexicon_gives_it_to(invented) -> None:
    text = "Mikko Tervanen spoke in parliament. Tervanen said the vote would pass."
    assert person(invented, text, "2021-03-01", "Tervanen") == (["FINLEG"], "Mikko Tervanen")
    # without the full name, the bare surname is the lexicon's
    assert person(invented, "Tervanen said the vote would pass.", "2021-03-01", "Tervanen") == (
        ["FINGOV"], "Aino Tervanen")


def test_landsbergis_after_vytautas_landsbergis_in_1991_is_him(nlp) -> None:
    text = ("Vytautas Landsbergis called on Lithuanians to defend the parliament. "
            "Landsbergis said the troops would not break them.")
    assert person(nlp, text, "1991-01-13", "Landsbergis") == (["LTUGOV"], "Vytautas Landsbergis")


# -- rule 2: a title and a shared surname: who held the office at the date ------------------------------

@pytest.mark.parametrize("text, date, code, entity", [
    ("President Castro spoke on the radio.", "1990-05-01", "CUBGOV", "Fidel Castro"),
    ("President Castro spoke on the radio.", "2010-05-01", "CUBGOV", "Raúl Castro"),
    ("President Castro spoke on the radio.", "2023-05-01", "HNDGOV", "Xiomara Castro"),
    ("President Bush spoke on the radio.", "1990-05-01", "USAGOV", "George Bush"),
    ("President Bush spoke on the radio.", "2006-05-01", "USAGOV", "George W. Bush"),
    ("Prime Minister Sharif spoke on the radio.", "2015-05-01", "PAKGOV", "Nawaz Sharif"),
])
def test_a_title_and_a_shared_surname_is_who_held_the_office_at_the_date(nlp, text, date, code, entity) -> None:
    words = text.split(" spoke")[0]
    assert person(nlp, text, date, words) == ([code], entity)


def test_a_title_and_a_surname_two_office_holders_share_needs_the_country(invented) -> None:
    text = "President Ostrovna spoke on the radio."
    assert person(invented, text, "2021-03-01", "President Ostrovna")[1] is None  # two presidents: unresolved
    assert person(invented, "Bulgarian President Ostrovna spoke on the radio.", "2021-03-01",
                  "Bulgarian President Ostrovna") == (["BGRGOV"], "Ivo Ostrovna")
    # a country coordinated with the title does not modify it: with both countries named, still two presidents
    assert person(invented, "Russia and President Ostrovna disagreed. Bulgaria's parliament met.",
                  "2021-03-01", "President Ostrovna")[1] is None
    assert person(invented, "Bulgaria held a vote. Bulgaria's parliament met. President Ostrovna spoke.",
                  "2021-03-01", "President Ostrovna") == (["BGRGOV"], "Ivo Ostrovna")


def test_a_title_does_not_outrank_the_person_named_in_full_before(invented) -> None:
    text = "Ivo Ostrovna arrived in Moscow. President Ostrovna said the talks went well."
    assert person(invented, text, "2021-03-01", "President Ostrovna") == (["BGRGOV"], "Ivo Ostrovna")


# -- rule 3: double surnames and particle surnames ------------------------------------------------------

def test_a_double_surname_after_the_full_name_or_a_title_is_the_person(invented) -> None:
    full = "Tomás Orvalle Quintana arrived in La Paz. Orvalle Quintana said the mines would reopen."
    assert person(invented, full, "2002-05-01", "Orvalle Quintana") == (["BOLGOV"], "Tomás Orvalle Quintana")
    for words in ("President Orvalle Quintana", "President Orvalle"):
        text = f"{words} said the mines would reopen."
        assert person(invented, text, "2002-05-01", words) == (["BOLGOV"], "Tomás Orvalle Quintana")
    # a longer name that opens with the surname is someone else
    for words in ("President Orvalle Rocha", "President Orvalle-Rocha", "President Orvalle de Rocha"):
        assert "Tomás Orvalle Quintana" not in [p[2] for p in people(invented, f"{words} said no.", "2002-05-01")]
    # the first surname alone, without a title, is nobody known
    assert person(invented, "On Monday, Orvalle said the mines would reopen.", "2002-05-01", "Orvalle")[1] is None


def test_a_particle_surname_is_the_person_after_a_title_or_the_full_name(invented, nlp) -> None:
    text = "Júlio Mavinga dos Reis arrived. Mavinga dos Reis said the budget would pass."
    assert person(invented, text, "2002-05-01", "Mavinga dos Reis") == (["AGOGOV"], "Júlio Mavinga dos Reis")
    assert person(invented, "Prime Minister Mavinga dos Reis spoke.", "2002-05-01",
                  "Prime Minister Mavinga dos Reis") == (["AGOGOV"], "Júlio Mavinga dos Reis")
    # PETRARCH's and the curated names, without diacritics in the text
    assert person(nlp, "President dos Santos met the rebel leader.", "1991-05-31", "President dos Santos") == (
        ["AGOGOV"], "Jose Eduardo dos Santos")
    assert person(nlp, "President Sanchez de Lozada said the sale would go ahead.", "1995-06-07",
                  "President Sanchez de Lozada")[0] == ["BOLGOV"]


def test_short_forms_leave_out_given_names_common_words_and_single_surnames() -> None:
    rules = read_name_rules()
    assert compound_surname("Andrés Manuel López Obrador".split(), "MEX", rules) == ("López Obrador", "López")
    assert compound_surname("Gonzalo Sánchez de Lozada".split(), "BOL", rules) == ("Sánchez de Lozada", "Sánchez")
    assert compound_surname("Fernando de la Rúa".split(), "ARG", rules) == ("de la Rúa", None)
    assert compound_surname("José Eduardo dos Santos".split(), "AGO", rules, {"eduardo"}) == ("dos Santos", None)
    # "Manuel" may be a given name: "Juan Manuel Santos" has no double surname
    assert compound_surname("Juan Manuel Santos".split(), "COL", rules, {"manuel"}) is None
    # Liberia does not name people by two surnames
    assert compound_surname("Ellen Johnson Sirleaf".split(), "LBR", rules) is None
    after, titled = short_forms("Carla Rice Alvarado", "MEX", rules, common={"rice"})
    assert after == ["Carla", "Alvarado", "Rice Alvarado"] and titled == ["Alvarado", "Rice Alvarado"]
    assert short_forms("Martin Luther King Jr.", "USA", rules)[1] == ["King"]


def test_a_malformed_name_rules_file_is_named(tmp_path) -> None:
    bad = tmp_path / "names.yaml"
    bad.write_text("surname_particles: de\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="names.yaml.*surname_particles"):
        read_name_rules(bad)
    assert isinstance(read_name_rules(), NameRules)


def test_a_portfolio_is_not_the_office_of_a_title(tmp_path) -> None:
    """"President Al-Nasser" (2011) was resolved to a namesake who was then a health minister (GOVHLH)."""
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n  - {id: 'person:rami-talvera', kind: person, name: Rami Talvera, country: JOR,\n"
                    "     roles: [{code: JORGOVHLH, start: 2010-01-01, end: null, title: health minister}]}\n",
                    encoding="utf-8")
    nlp = small_nlp()
    nlp.add_pipe("accord_actors", config={"lexicon": register_lexicon(load_lexicon(mine))})
    assert person(nlp, "President Talvera opened the debate.", "2011-09-24", "President Talvera")[1] is None
    # a one-word surname the tokenizer splits is no surname of several words: it needs the office too
    mine.write_text("actors:\n  - {id: 'person:rami-al-talvera', kind: person, name: Rami al-Talvera, country: JOR,\n"
                    "     roles: [{code: JORGOVHLH, start: 2010-01-01, end: null, title: health minister}]}\n",
                    encoding="utf-8")
    nlp = small_nlp()
    nlp.add_pipe("accord_actors", config={"lexicon": register_lexicon(load_lexicon(mine))})
    assert "Rami al-Talvera" not in [p[2] for p in people(nlp, "President Al-Talvera opened the debate.", "2011-09-24")]


def test_a_person_named_in_full_by_title_or_apposition_keeps_their_code_by_surname(nlp) -> None:
    """Names the lexicon does not know: "Venezuelan President Jaime Lusinchi ... Lusinchi", and an unknown
    name in apposition to a coded title ("his Colombian counterpart, Virgilio Barco, ... Barco")."""
    doc = nlp.make_doc("Venezuelan President Jaime Lusinchi met his Colombian counterpart, Virgilio Barco, in Caracas. "
                       "Barco said the talks went well. Lusinchi agreed to reopen the border.")
    doc._.date = "1987-07-22"
    doc = nlp(doc)
    codes = {doc[m.start:m.end].text: m.codes for m in doc._.mentions}
    assert codes["Virgilio Barco"] == ["COLGOV"] and codes["Barco"] == ["COLGOV"] and codes["Lusinchi"] == ["VENGOV"]


def test_a_surname_two_unknown_people_share_stays_unresolved() -> None:
    from accord.pipeline.names import later_surnames
    texts = "A B Perez and C D Perez met . Perez spoke".split()
    persons = [(0, 3, "B Perez"), (4, 7, "D Perez")]
    assert later_surnames(texts, persons, [False] * len(texts)) == []
    assert later_surnames(texts, persons[:1], [False] * len(texts)) == [(6, 7, 0), (9, 10, 0)]


def test_an_unknown_name_in_apposition_to_a_possessive_title_takes_its_code(nlp) -> None:
    doc = nlp.make_doc("Colombia's ambassador, Luis Alfonso Hoyos, showed photographs. Hoyos asked for a commission.")
    doc._.date = "2010-07-22"
    doc = nlp(doc)
    codes = {doc[m.start:m.end].text: m.codes for m in doc._.mentions}
    assert codes["Luis Alfonso Hoyos"] == ["COLGOV"] and codes["Hoyos"] == ["COLGOV"]
