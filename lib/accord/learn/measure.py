"""Measures of a learned model before it is trusted: cross-validation on the corrections, the dev sets.

- :func:`cross_validate`: the corrected rows' documents split into k folds (no document in both a
  fold's training and its test); for each fold a model is trained on the corpus and the other folds'
  corrections, the fold's documents are annotated with it, and each corrected row is checked field
  by field (event type, source, target, status) against the analyst's value, beside the same check of
  the packaged model.
- :func:`dev_scores`: the PLOVER dev half and the attribution dev set through ``accord evaluate``'s
  own scorers, with a model folder or the packaged one.
- :func:`corpus_scores`: the open corpus's test split, word by word (:func:`.train.score`), overall and
  per category.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Sequence

from ..annotation import doc_rows, iter_documents
from ..evaluate.run import evaluate_all
from ..pipeline.eventmodel import NONE, EventModel
from ..readers import Document
from .teach import FIELDS, Lesson, Target, row_value
from .train import Example, decisions, lemma_of, score

#: the dev metrics the guard reads, per benchmark (each one a share, higher is better)
DEV_METRICS = {
    "plover": ("event_accuracy", "event_macro_f1", "source_country_f1", "target_country_f1"),
    "attribution": ("cue_f1", "source_token_f1", "stance_accuracy"),
}


def folds(documents: Sequence[str], k: int) -> list[list[str]]:
    """``documents`` (sorted) dealt into ``k`` folds in turn: deterministic, each document in one fold."""
    docs = sorted(documents)
    return [docs[n::k] for n in range(k)]


def held(target: Target, rows: list[dict[str, Any]], heads: list[int]) -> dict[str, bool]:
    """Per field the analyst set, whether a row of the target's trigger word now has the analyst's value
    (a dropped row: whether no row is left on that word)."""
    mine = [r for r, h in zip(rows, heads) if h == target.head]
    if target.want.get("drop"):
        return {"event_type": not mine}
    return {key: any(row_value(r, key) == value for r in mine) for key, value in target.want.items()}


def annotate_heads(nlp, corpus: Any, doc_ids: set[str]) -> dict[str, tuple[list[dict], list[int]]]:
    """doc_id -> (its relation rows, each row's trigger head token), for the documents ``doc_ids``."""
    from .train import head_token

    out = {}
    for item in iter_documents(corpus):
        if not isinstance(item, Document) or item.doc_id not in doc_ids:
            continue
        doc = nlp.make_doc(item.text)
        doc._.date = item.date
        doc = nlp(doc)
        rows = doc_rows(doc, item.doc_id)["relations"]
        heads = [head_token(doc, list(range(r.trigger_start, r.trigger_end))) for r in doc._.relations]
        out[item.doc_id] = (rows, heads)
    return out


def tally(results: list[dict[str, bool]]) -> dict[str, dict[str, Any]]:
    """Per field: how many corrected rows set it, and the share that hold."""
    out = {}
    for key in FIELDS:
        oks = [r[key] for r in results if key in r]
        out[key] = {"n": len(oks), "accuracy": round(sum(oks) / len(oks), 3) if oks else None}
    return out


def cross_validate(lesson: Lesson, corpus: Any, nlp, fit: Callable[[list[Example]], EventModel],
                   k: int, relations: dict[str, float] | None = None) -> dict[str, Any]:
    """k-fold cross-validation by document of the corrections (see the module's docstring).

    ``fit`` trains a model on the corpus plus the given teaching examples; ``nlp`` is a pipeline
    whose ``accord_events`` component's model (and the relations component's thresholds, set to
    ``relations`` as the model's card will ask) are swapped per fold, and restored."""
    docs = lesson.documents
    k = min(k, len(docs))
    if k < 2:
        return {"k": k, "skipped": f"{len(docs)} document(s) with corrected rows: cross-validation needs 2"}
    tagger, extractor = nlp.get_pipe("accord_events"), nlp.get_pipe("accord_relations")
    packaged, thresholds = tagger.model, extractor.learned
    before, after = [], []
    extractor.learned = replace(thresholds, **(relations or {}))
    try:
        for fold in folds(docs, k):
            test = set(fold)
            train_docs = [d for d in docs if d not in test]
            tagger.model = fit(lesson.examples(train_docs))
            annotated = annotate_heads(nlp, corpus, test)
            for t in lesson.targets:
                if t.doc_id in test:
                    rows, heads = annotated.get(t.doc_id, ([], []))
                    after.append(held(t, rows, heads))
                    before.append(t_before(t))
    finally:
        tagger.model, extractor.learned = packaged, thresholds
    return {"k": k, "documents": len(docs), "rows": len(after), "before": tally(before), "after": tally(after)}


def t_before(target: Target) -> dict[str, bool]:
    """The packaged engine's row against the analyst's values (a dropped row was there: wrong)."""
    if target.want.get("drop"):
        return {"event_type": False}
    return {key: target.engine.get(key) == value for key, value in target.want.items()}


def dev_scores(events_model: str | Path | None) -> dict[str, dict[str, float]]:
    """The guarded metrics of the PLOVER dev half and the attribution dev set with ``events_model``."""
    results = evaluate_all(benchmarks=tuple(DEV_METRICS), events_model=events_model)
    return {bench: {m: round(float(results[bench]["metrics"][m]["engine"]), 3) for m in names}
            for bench, names in DEV_METRICS.items()}


def corpus_scores(model: EventModel, test: list[Example], min_events: int = 30) -> dict[str, Any]:
    """The corpus test split word by word: overall (:func:`.train.score`) and the F1 of each category with
    at least ``min_events`` gold events."""

    overall = score(model, test)
    pred = decisions(model, test)
    gold = [y for _, y in test]
    per = {}
    for c in sorted(set(gold) - {NONE}):
        gg = sum(g == c for g in gold)
        if gg < min_events:
            continue
        tp = sum(g == p == c for g, p in zip(gold, pred))
        pp = sum(p == c for p in pred)
        per[c] = round(2 * tp / (pp + gg), 3) if pp + gg else 0.0
    return {"f1": overall["f1"], "typing_accuracy": overall["typing_accuracy"], "per_category_f1": per}


def lemma_agreement(model: EventModel, corpus: list[Example], lemmas: set[str], min_examples: int = 10) -> dict[str, Any]:
    """For each lemma the corrections teach, the share of the open corpus's uses of it (both splits) on
    which the model agrees with the corpus's label: a correction set that contradicts the corpus's
    guidelines on a word shows here, even when the dev sets hold few uses of it."""
    out = {}
    for lemma in sorted(lemmas):
        mine = [e for e in corpus if lemma_of(e[0]) == lemma]
        if len(mine) < min_examples:
            continue
        said = decisions(model, mine)
        out[lemma] = {"n": len(mine), "agreement": round(sum(p == y for p, (_, y) in zip(said, mine)) / len(mine), 3)}
    return out
