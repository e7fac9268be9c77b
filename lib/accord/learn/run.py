"""``accord learn``: the open corpus plus an analyst's corrections -> a measured event model folder.

:func:`learn` reads the corrections, turns the rows they name into weighted examples
(:mod:`.teach`), trains on the packaged corpus's train split plus those examples (:mod:`.train`),
measures (:mod:`.measure`: cross-validation on the corrections by document, the PLOVER and
attribution dev sets and the corpus test split, each with the packaged model and the new one) and
writes the model folder only if the guard (:mod:`.guard`) passes. The folder holds the model's
arrays, its card (data used, counts, settings, scores, the corrections that could not teach) and
the corpus's license. The same input gives the same bytes: nothing in the card depends on the
clock or on where the files were.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import AccordError
from ..lexicon import load_lexicon
from ..paths import EVENT_MODEL
from ..pipeline import build_pipeline
from ..pipeline.eventmodel import CARD, EventModel
from ..pipeline.triggers import trigger_categories
from . import guard
from .corpus import PACKED, corpus_examples
from .measure import corpus_scores, cross_validate, dev_scores, lemma_agreement
from .teach import read_all, teach
from .train import DEFAULT_C, Example, lemma_of, train

KIND = "accord learn: event model"


@dataclass(frozen=True)
class Settings:
    """How ``accord learn`` trains and measures."""

    weight: float = 10.0  # each corrected row counts as this many corpus examples
    k: int = 3  # folds of the cross-validation by document
    C: float = DEFAULT_C  # the logistic regression's inverse regularisation, as ``make model``
    # a rule's trigger the learned model reads as no event with this probability gives no relation (the
    # packaged engine keeps the veto off: 1.0); this is how a `drop: true` correction takes effect
    veto: float = 0.95


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def check_out(out: Path) -> None:
    """Refuse an ``--out`` that is a file, or a folder holding something other than a learned model."""
    if out.exists() and not out.is_dir():
        raise AccordError(f"{out}: not a folder")
    if out.is_dir() and any(out.iterdir()):
        card = out / CARD
        if not card.is_file() or KIND not in card.read_text(encoding="utf-8", errors="replace"):
            raise AccordError(f"{out}: folder is not empty and holds no model of accord learn; choose a new folder")


def learn(corpus: Any, corrections: list[str | Path], out: str | Path, settings: Settings = Settings(),
          log: Callable[[str], None] = lambda _msg: None) -> dict[str, Any]:
    """Learn from ``corrections`` (files) on the documents of ``corpus``; write the model to ``out`` if the
    guard passes. Returns the report: counts, refusals, scores, the guard's reasons, ``written``."""
    out = Path(out)
    check_out(out)
    if not corrections:
        raise AccordError("accord learn needs at least one --corrections file")
    if settings.weight <= 0 or settings.k < 1 or settings.C <= 0 or not 0.0 <= settings.veto <= 1.0:
        raise AccordError(f"settings {settings}: weight and C must be positive, k at least 1, veto from 0 to 1")
    lexicon = load_lexicon()
    fixes, refused = read_all(corrections, lexicon)
    nlp = build_pipeline(lexicon)
    categories = trigger_categories(nlp.get_pipe("accord_relations").triggers)
    log("reading the open corpus's examples (the first run computes them: about a CPU minute)")
    items, rows, key = corpus_examples(nlp, categories)
    train_ex = [e for it, exs in zip(items, rows) if it["split"] == "train" for e in exs]
    test_ex = [e for it, exs in zip(items, rows) if it["split"] == "test" for e in exs]
    corpus_categories = {ev["category"] for it in items for ev in it["events"]}
    log(f"annotating the corrected documents ({len(fixes)} corrections)")
    lesson = teach(corpus, fixes, nlp, categories, corpus_categories, refused)

    def fit(extra: list[Example]) -> EventModel:
        weights = [1.0] * len(train_ex) + [settings.weight] * len(extra)
        return train(train_ex + extra, settings.C, weights)

    log(f"cross-validating on the corrections ({settings.k} folds by document)")
    cv = cross_validate(lesson, corpus, nlp, fit, settings.k, {"veto": settings.veto})
    log("training on the corpus and every correction")
    model = fit(lesson.examples())
    packaged = EventModel.load(EVENT_MODEL)
    corpus_before, corpus_after = corpus_scores(packaged, test_ex), corpus_scores(model, test_ex)
    taught = {lemma_of(t.example[0]) for t in lesson.targets if t.example is not None}
    lemmas_before = lemma_agreement(packaged, train_ex + test_ex, taught)
    lemmas_after = lemma_agreement(model, train_ex + test_ex, taught)
    labels: dict[str, int] = {}
    for t in lesson.targets:
        if t.example is not None:
            labels[t.example[1]] = labels.get(t.example[1], 0) + 1
    card: dict[str, Any] = {
        "kind": KIND,
        "trained_on": "the open corpus (train split, packaged in accord/data/corpus) + the analyst's corrections",
        "license": "CC BY-SA 4.0, as the corpus (LICENSE beside this card)",
        "corpus_fingerprint": key,
        "packaged_model": _sha256(EVENT_MODEL / CARD)[:12],
        "corrections": [{"file": Path(p).name, "sha256": _sha256(Path(p))} for p in corrections],
        "counts": {"corrections": lesson.n_corrections, "rows_corrected": len(lesson.targets),
                   "teaching_rows": sum(labels.values()), "teaching_labels": dict(sorted(labels.items())),
                   "documents": len(lesson.documents), "cannot_teach": len(lesson.refused),
                   "corpus_train_words": len(train_ex)},
        "settings": asdict(settings),
        "relations": {"veto": settings.veto},  # the thresholds the relations component takes with this model
        "cannot_teach": lesson.refused,
        "guard": guard.thresholds(),
    }
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        model.save(tmp, {**model.card, **card})
        log("scoring the dev sets with the packaged model and the new one")
        dev_before, dev_after = dev_scores(None), dev_scores(tmp)
        uses: dict[str, Counter] = {}
        for feats, label in train_ex + test_ex:
            uses.setdefault(lemma_of(feats), Counter())[label] += 1
        pairs = Counter((lemma_of(t.example[0]), t.example[1]) for t in lesson.targets if t.example is not None)
        reasons = guard.contradictions(pairs, uses)
        reasons += guard.judge(dev_before, dev_after, corpus_before, corpus_after, lemmas_before, lemmas_after)
        scores = {"cross_validation": cv, "dev_before": dev_before, "dev_after": dev_after,
                  "corpus_test_before": corpus_before, "corpus_test_after": corpus_after,
                  "corpus_words_taught_before": lemmas_before, "corpus_words_taught_after": lemmas_after}
        report = {**card, "scores": scores, "refused_because": reasons, "written": not reasons, "out": str(out)}
        if reasons:
            return report
        model.save(tmp, {**model.card, **card, "scores": scores})
        shutil.copyfile(PACKED / "LICENSE", tmp / "LICENSE")
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

