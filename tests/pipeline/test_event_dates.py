"""Dates of events, not of sentences (issue 23, item 7): an event takes the date its own clause gives."""
from __future__ import annotations


FRIDAY = "2024-06-14"


def _dated(nlp, text: str, when: str = FRIDAY) -> list[tuple[str, str | None]]:
    doc = nlp.make_doc(text)
    doc._.date = when
    doc = nlp(doc)
    return [(doc[r.trigger_start].text, r.date) for r in doc._.relations]


def test_a_weekday_of_a_planned_act_is_the_coming_one(nlp):
    # Friday's article: "on Monday" of what will happen is the Monday after it, not before
    assert ("visit", "2024-06-17") in _dated(nlp, "Chile's president will visit Peru on Monday.")
    assert ("visited", "2024-06-10") in _dated(nlp, "Chile's president visited Peru on Monday.")


def test_the_same_weekday_as_the_article_is_that_day_for_a_plan(nlp):
    assert ("visit", FRIDAY) in _dated(nlp, "Chile's president will visit Peru on Friday.")


def test_the_reporting_clauses_date_is_not_the_events(nlp):
    # Friday is when officials spoke; when the troops were sent, the sentence does not say
    rels = _dated(nlp, "Peruvian officials said on Friday that Chile had sent troops to Bolivia.")
    assert [d for w, d in rels if w == "sent"] == [None]
    # a date inside the reported clause is the event's own
    rels = _dated(nlp, "Peruvian officials said that Chile had sent troops to Bolivia on Tuesday.")
    assert [d for w, d in rels if w == "sent"] == ["2024-06-11"]
