"""The actors component (accord.pipeline.actors, ``accord_actors``): who is mentioned, and the code of each.

The component alone (``doc._.mentions`` and ``doc._.places``, nothing else), then the rules of
:class:`~accord.pipeline.actors.ActorRecognizer` through the pipeline and the engine: unknown names kept
as unresolved actors, codes at the document's date, surnames, titles, case. The lexicon's data itself
(people of today, variants, things that are not actors) is tested in ``tests/lexicon/test_gazetteer.py``.
"""
from __future__ import annotations


import accord
from accord.lexicon import load_lexicon
from accord.pipeline.actors import with_sector
from accord.pipeline.factories import register_lexicon
from accord.readers import Document
from tests.pipeline._alone import run, small_nlp, mention_codes as coded


# -- the component alone --------------------------------------------------------------------------

def test_actors_assign_mentions_with_codes_and_nothing_else() -> None:
    doc = run(small_nlp("accord_actors"))
    assert [(doc[m.start:m.end].text, m.codes) for m in doc._.mentions] == [
        ("Russia", ["RUS"]), ("North Korea", ["PRK"]), ("North Korea", ["PRK"]), ("Russia", ["RUS"])]
    assert doc._.dates is None and doc._.claims is None and doc._.relations is None


def test_a_city_where_something_happens_is_a_place_not_an_actor() -> None:
    doc = run(small_nlp("accord_actors"), "Russian and Chinese envoys held talks in Beijing.")
    assert [(doc[p.start:p.end].text, p.code) for p in doc._.places] == [("Beijing", "CHN")]
    assert "Beijing" not in [doc[m.start:m.end].text for m in doc._.mentions]


def test_a_surname_after_the_full_name_is_that_person_and_not_before(tmp_path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("actors:\n  - {id: 'person:ilsa-varnokova', kind: person, name: Ilsa Varnokova, country: RUS,\n"
                    "     roles: [{code: RUSGOV, start: 2020-01-01, end: null, title: minister}]}\n", encoding="utf-8")
    nlp = small_nlp()
    nlp.add_pipe("accord_actors", config={"lexicon": register_lexicon(load_lexicon(mine))})
    doc = run(nlp, "Varnokova spoke first. Ilsa Varnokova arrived on Monday. Varnokova said the talks went well.")
    assert [(doc[m.start:m.end].text, m.codes, m.via) for m in doc._.mentions] == [
        ("Ilsa Varnokova", ["RUSGOV"], "name"), ("Varnokova", ["RUSGOV"], "alias")]


def test_a_sector_is_added_to_a_country_code_only() -> None:
    assert with_sector("RUS", "GOV") == "RUSGOV"
    assert with_sector("RUSMIL", "GOV") == "RUSMIL"  # it has a sector already
    assert with_sector("UNK:Ilya Vedernikov", "GOV") == "UNK:Ilya Vedernikov"
    assert with_sector("RUS", None) == "RUS"


# -- unknown names, dates and titles --------------------------------------------------------------

def test_unknown_proper_name_is_kept_as_unresolved():
    result = accord.annotate([Document("d", "mem", "Ilya Vedernikov met Kim Jong Un.", date="2024-06-18")])
    ids = set(result["mentions"].actor_id)
    assert "UNK:Ilya Vedernikov" in ids and "PRKGOV" in ids
    assert result["actors"].set_index("actor_id").loc["UNK:Ilya Vedernikov", "kind"] == "unresolved"


def test_leader_codes_follow_the_document_date():
    docs = [Document("old", "mem", "Biden visited Seoul.", date="2023-04-01"),
            Document("new", "mem", "Biden visited Seoul.", date="2026-04-01")]
    m = accord.annotate(docs)["mentions"]
    assert m.loc[m.doc_id == "old", "actor_id"].iloc[0] == "USAGOV"
    assert m.loc[m.doc_id == "new", "actor_id"].iloc[0] != "USAGOV"


def test_an_unknown_given_name_before_a_known_surname_is_someone_else(nlp):
    assert coded(nlp, "Pavel Grushko said the talks failed.", "2024-06-01") == {"Pavel Grushko": ["UNK:Pavel Grushko"]}


def test_an_unknown_person_with_a_title_takes_the_country_the_document_is_about(nlp):
    text = ("Angola's parliament met on Monday. Angola's economy grew. "
            "President Dos Sontas has conceded to demands from the opposition in Angola.")
    assert coded(nlp, text, "1991-05-31")["President Dos Sontas"] == ["AGOGOV"]
    # one passing mention does not make a document about that country
    assert coded(nlp, "President Dos Vantas threatened Russia.", "1991-05-31")["President Dos Vantas"][0].startswith("UNK:")


# -- case: names of several words in any case, but not all -----------------------------------------

def test_a_lowercase_phrase_without_a_capital_is_no_name():
    """"the west of the city" is not the West: a name matched without case needs a capital in the text."""
    out = accord.annotate([accord.readers.Document(doc_id="d", path="m", date="2024-03-05",
                                                   text="Troops moved to the west of the city. The west bank "
                                                        "of the river flooded.")])
    assert out["mentions"].empty or "WST" not in set(out["mentions"].actor_id)


def test_a_name_opening_with_an_article_or_in_capitals_matches_only_as_written():
    """"The Ukraine" (a name the lexicon lists) matched in any case took "the" of "the Ukraine" into the seed's
    mention; stripped of its article, "the Air Force" (the US's) coded the Indian Air Force; a dateline in
    capitals became an actor. Names opening with a function word, and text in capitals, keep their case."""
    out = accord.annotate([accord.readers.Document(
        doc_id="d", path="m", date="2024-03-05",
        text="NEW DELHI, March 5 - Russia shelled towns in the Ukraine on Monday. Three jets will be handed over "
             "to the Indian Air Force later this month.")])
    m = out["mentions"]
    assert list(m[m.actor_id == "UKR"].text) == ["Ukraine"]
    assert "NEW DELHI" not in set(m.text)
    assert not m.actor_id.str.startswith("USA").any()


def test_an_abbreviated_month_is_no_unknown_actor(nlp):
    doc = nlp.make_doc("BOGOTÁ, Aug 27 - Colombia recalled its ambassador. On Sept. 3 it protested.")
    doc._.date = "2015-08-27"
    doc = nlp(doc)
    assert not [m for m in doc._.mentions if doc[m.start].text in ("Aug", "Sept.", "Sept")]
