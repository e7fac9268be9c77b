"""Where an event happened: the relations table's `location` and `location_country` (issue 20, part 2)."""
from __future__ import annotations

import pandas as pd
import pytest

import accord
from accord.readers import Document


@pytest.fixture(scope="module")
def relations():
    texts = {
        "met": "The presidents of Mali and Niger met in Bamako on Tuesday.",
        "arrived": "Ethiopia's prime minister arrived in Asmara for talks with Eritrea's president.",
        "said": "Officials in Asmara said that Ethiopia had sent troops to Somalia.",
        "none": "Chile recalled its ambassador from Peru.",
    }
    docs = [Document(doc_id=k, path=f"{k}.txt", date="2024-06-14", text=v) for k, v in texts.items()]
    return accord.annotate(docs)["relations"]


def _where(relations, doc_id: str) -> set[tuple]:
    rows = relations[relations.doc_id == doc_id]
    return {(r.trigger, *(None if pd.isna(v) else v for v in (r.location, r.location_country)))
            for r in rows.itertuples()}


def test_a_place_where_an_event_happens_is_its_location_not_an_actor(relations):
    assert _where(relations, "met") == {("met", "Bamako", "MLI")}
    rows = relations[relations.doc_id == "met"]
    assert all("MLI" not in set(t) - {"MLIGOV"} for t in rows.target)  # Bamako is no target


def test_each_event_of_the_clause_takes_it(relations):
    assert {w for _, w, _ in _where(relations, "arrived")} == {"Asmara"}


def test_the_place_of_the_saying_is_not_the_events(relations):
    assert {(w, c) for t, w, c in _where(relations, "said") if t == "sent"} == {(None, None)}


def test_an_event_with_no_place_has_none(relations):
    assert _where(relations, "none") == {("recalled", None, None)}


def test_the_columns_are_in_the_schema():
    from accord.tables import frame

    empty = frame("relations", [])
    assert {"location", "location_country"} <= set(empty.columns)
