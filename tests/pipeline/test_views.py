"""The ``accord_sentences`` component (accord.pipeline.views): each sentence analysed once, into the view
that the claims and relations components both read."""
from __future__ import annotations

import inspect

import pytest

from accord import build_pipeline
from accord.pipeline import sentence as sentence_module
from accord.pipeline.clauses import WordOrderView
from accord.pipeline.sentence import Sentence
from accord.pipeline.syntax import TreeView
from tests.pipeline._alone import run, small_nlp

TEXT = "Russia sent troops to Syria. Officials in Damascus said the troops arrived on Monday."


def test_the_component_gives_one_view_per_sentence_by_word_order_without_a_parse() -> None:
    doc = run(small_nlp("accord_actors", "accord_sentences"), TEXT)
    views = doc._.sentences
    assert [type(v) for v in views] == [WordOrderView, WordOrderView]
    assert [(v.start, v.end) for v in views] == [(s.start, s.end) for s in doc.sents]
    assert [g.codes for g in views[0].groups] == [["RUS"], ["SYR"]]


def test_a_parsed_document_gets_tree_views(nlp) -> None:
    doc = run(nlp, TEXT)
    assert [type(v) for v in doc._.sentences] == [TreeView, TreeView]


def test_claims_and_relations_read_the_same_analysis_of_each_sentence(nlp, monkeypatch) -> None:
    """The whole engine analyses each sentence once: a component that built its own views would
    construct more than one :class:`Sentence` per sentence."""
    built: list[int] = []
    original = Sentence.__init__

    def counting(self, *args, **kwargs):
        built.append(args[1].start)
        original(self, *args, **kwargs)

    monkeypatch.setattr(sentence_module.Sentence, "__init__", counting)
    doc = run(nlp, TEXT)
    assert doc._.claims and doc._.relations  # both components ran on it
    assert built == [s.start for s in doc.sents]


def test_the_tree_view_falls_back_to_word_order_by_call_not_by_inheritance() -> None:
    assert not issubclass(TreeView, WordOrderView) and not issubclass(WordOrderView, TreeView)
    asked = [name for name, member in vars(Sentence).items()
             if inspect.isfunction(member) and "raise NotImplementedError" in inspect.getsource(member)]
    assert {"subject", "object", "agent_after", "is_passive", "noun_source", "between", "reading"} <= set(asked)
    for view in (TreeView, WordOrderView):
        missing = [name for name in asked if name not in vars(view)]
        assert not missing, f"{view.__name__} does not answer {missing}"


def test_the_base_analysis_answers_no_question_itself() -> None:
    doc = run(small_nlp("accord_actors"), "Russia sent troops to Syria.")
    from accord.lexicon import load_lexicon
    from accord.pipeline.sentence import ClauseRules, analyse
    base, = analyse(doc, ClauseRules(load_lexicon()), Sentence)
    with pytest.raises(NotImplementedError):
        base.subject(1)
    assert base.sentence_subject().codes == ["RUS"]


def test_engine_v1_uses_the_same_components_with_word_order_views() -> None:
    nlp = build_pipeline(syntax=False)
    assert "accord_sentences" in nlp.pipe_names
    doc = run(nlp, TEXT)
    assert {type(v) for v in doc._.sentences} == {WordOrderView}
    assert ("AID", ["RUS"], ["SYR"]) in [(r.event_type, r.source, r.target) for r in doc._.relations]
