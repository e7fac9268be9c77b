"""The word-order view of a sentence (accord.pipeline.clauses: :class:`WordOrderView`, engine v1, whose searches
are the explicit fallback of the tree view): groups of coordinated actors, and the subject, object and passive agent of a predicate.

Each test runs the actors component alone and asks the view directly; the same questions asked of the parse are
tested in ``test_syntax.py``.
"""
from __future__ import annotations

import pytest

from accord.lexicon import load_lexicon
from accord.pipeline.clauses import WordOrderView
from accord.pipeline.sentence import ClauseRules, analyse
from tests.pipeline._alone import run, small_nlp


@pytest.fixture(scope="module")
def view():
    """The view of a one-sentence text, and the index of a word in it."""
    nlp = small_nlp("accord_actors")
    rules = ClauseRules(load_lexicon())

    def make(text: str, word: str) -> tuple[WordOrderView, int]:
        doc = run(nlp, text)
        sentence, = analyse(doc, rules, WordOrderView)
        return sentence, next(t.i for t in doc if t.lower_ == word)

    return make


def test_coordinated_actors_are_one_group_only_when_the_list_closes_with_and(view) -> None:
    v, _ = view("Russia, China and Iran condemned the strikes on Syria.", "condemned")
    assert [g.codes for g in v.groups] == [["RUS", "CHN", "IRN"], ["SYR"]]
    v, _ = view("Russia, China condemned the strikes.", "condemned")
    assert [g.codes for g in v.groups] == [["RUS"], ["CHN"]]


def test_the_subject_stands_before_the_verb_and_the_object_after_it(view) -> None:
    v, i = view("Russia supplied drones to Iran.", "supplied")
    assert v.subject(i).codes == ["RUS"] and v.object(i + 1).codes == ["IRN"]
    assert not v.is_passive(i) and v.agent_after(i) is None
    v, i = view("Russia on Monday supplied drones to Iran.", "supplied")  # not right before it
    assert v.subject(i).codes == ["RUS"]


def test_the_object_stays_inside_its_clause(view) -> None:
    v, i = view("Russia supplied drones, and Iran protested.", "supplied")
    assert v.subject(i).codes == ["RUS"] and v.object(i + 1) is None


def test_an_apposition_is_never_the_subject(view) -> None:
    v, i = view("Iran, a Russian ally, supplied drones to Syria.", "supplied")
    assert v.subject(i).codes == ["IRN"] and v.object(i + 1).codes == ["SYR"]


def test_a_passive_takes_its_agent_after_by(view) -> None:
    v, i = view("The missiles were delivered to North Korea by Russia.", "delivered")
    assert v.is_passive(i)
    assert v.agent_after(i).codes == ["RUS"] and v.object(i + 1).codes == ["PRK"]


def test_word_order_cannot_answer_what_needs_the_parse(view) -> None:
    v, i = view("Analysts said the sanctions would fail.", "said")
    assert not v.parsed and not v.has_complement(i) and v.uncoded_source(i) is None
