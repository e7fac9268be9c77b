"""The statuses, PLOVER categories and quad classes are defined once, from the data (``accord.labels``):
no module lists them again in code (issue 21). Read from the source, as tests/test_architecture.py reads it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from accord import labels
from accord.analysis import figures

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "accord"
SOURCES = {p: p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py")) if p.name != "labels.py"}
# three members of a set of labels in one literal is a list of them: a second definition
LISTS = {"statuses": (set(labels.STATUSES), 3), "PLOVER categories": (set(labels.plover_categories()), 3),
         "quad classes": (set(labels.quad_names().values()), 2)}


def _label_lists(source: str) -> list[tuple[int, str]]:
    """(line, what) of each tuple, list or set literal in ``source`` naming several labels of one kind."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            values = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            found += [(node.lineno, what) for what, (members, least) in LISTS.items() if len(values & members) >= least]
    return found


def test_no_module_lists_the_statuses_categories_or_quad_classes_again():
    found = {str(p.relative_to(PACKAGE)): lines for p, source in SOURCES.items() if (lines := _label_lists(source))}
    assert not found, f"labels listed in code (take them from accord.labels): {found}"


def test_the_check_finds_a_list_of_statuses():
    assert _label_lists('ORDER = ("negated", "hypothetical", "denied")\nx = ["reported"]\n') == [(1, "statuses")]


def test_the_pipeline_ranks_the_statuses_of_a_relation_in_the_data_s_precedence():
    from accord.pipeline import relations

    assert relations.STATUS_ORDER is labels.STATUS_PRECEDENCE


@pytest.mark.parametrize("style", ["STATUS_SYMBOLS", "STATUS_DASH", "STATUS_OPACITY"])
def test_every_status_has_its_drawing_style(style):
    assert list(getattr(figures, style)) == list(labels.STATUSES)  # a status added to the data is drawn


def test_the_charts_show_every_status_but_those_that_did_not_happen_in_the_data_s_order():
    assert figures.SHOWN_STATUSES == tuple(s for s in labels.STATUSES if s not in ("negated", "hypothetical"))


def test_the_material_quad_classes_are_read_from_their_names():
    assert labels.material_quads() == {q for q, name in labels.quad_names().items() if name.startswith("material")}
    assert labels.material_quads() == {2, 4}
