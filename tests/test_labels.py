"""Statuses, PLOVER categories and quad classes are defined once, from the data (accord.labels)."""
from __future__ import annotations

from accord import labels, tables
from accord.analysis import figures, params
from accord.evaluate import codes
from accord.lexicon import load_lexicon


def test_every_list_of_statuses_is_the_one_from_the_data():
    assert labels.STATUSES == ("reported", "alleged", "planned", "denied", "negated", "hypothetical")
    assert tables.RELATION_STATUSES is labels.STATUSES and params.STATUSES is labels.STATUSES
    assert set(tables.SCHEMAS["relations"].columns["status"].checks[0].statistics["allowed_values"]) \
        == set(labels.STATUSES)


def test_the_pipeline_ranks_statuses_as_the_data_does():
    """pipeline/relations.py keeps its own tuple until the engine issue's rebuild; this keeps them equal."""
    from accord.pipeline.relations import STATUS_ORDER

    assert STATUS_ORDER == labels.STATUS_PRECEDENCE


def test_categories_and_quad_classes_are_the_lexicon_s():
    lex = load_lexicon()
    assert set(labels.plover_categories()) == {event for event, _ in lex.plover} == set(codes.CATEGORIES)
    assert len(codes.CATEGORIES) == 16 and codes.CATEGORIES[0] == "AGREE" and codes.CATEGORIES[-1] == "ASSAULT"
    assert {p.quad_class for p in lex.plover.values()} == set(labels.quad_names()) == {1, 2, 3, 4}
    assert figures.QUAD_NAMES == {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                                  4: "material conflict"}
