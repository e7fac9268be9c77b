"""Train accord's event model on the open corpus (``make model``); score it; write it to the package.

A thin caller of :mod:`accord.learn.train` (the same code ``accord learn`` trains with): each
predicate of each corpus item is one example, a multinomial logistic regression is fitted on the
train split and written as plain arrays (:class:`~accord.pipeline.eventmodel.EventModel`).

The features of the corpus are cached in ``training/cache/`` (git-ignored) keyed by the corpus,
the parser and the feature code, so a retraining after a change of settings parses nothing.

    .venv/bin/python training/train_events.py [--out lib/accord/models/events] [--share 0.25]
        [--extra more.jsonl] [--C 0.5] [--json scores.json]
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from accord import build_pipeline
from accord.corpus.stats import load_corpus
from accord.learn.train import candidate, cached_examples, featurise, fingerprint, save_trained, score, train
from accord.pipeline.triggers import trigger_categories
from accord.paths import EVENT_MODEL

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "training" / "cache"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "training" / "corpus")
    ap.add_argument("--out", type=Path, help=f"write the model here (make model: {EVENT_MODEL})")
    ap.add_argument("--share", type=float, default=1.0, help="train on this share of the train split")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="more labelled items (corpus format)")
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--all-words", action="store_true",
                    help="read every predicate, not only lemmas the corpus labels as events (slower)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    t0 = time.process_time()
    items = load_corpus(a.corpus)
    extra = [json.loads(line) | {"split": "train"} for p in a.extra for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = build_pipeline(events=False)  # the model being trained is not needed to read its features
    categories = trigger_categories(nlp.get_pipe("accord_relations").triggers)
    key = fingerprint([a.corpus / "train.jsonl", a.corpus / "test.jsonl"])
    examples = cached_examples(items, CACHE / f"events-{key}.jsonl.gz", nlp, categories)
    if extra:
        examples += featurise(extra, nlp, categories)
        items += extra
    t_feat = time.process_time() - t0
    train_items = [exs for it, exs in zip(items, examples) if it["split"] == "train"]
    test_items = [exs for it, exs in zip(items, examples) if it["split"] == "test"]
    if a.share < 1.0:
        train_items = random.Random(20).sample(train_items, round(len(train_items) * a.share))
    flat_train = [e for exs in train_items for e in exs]
    flat_test = [e for exs in test_items for e in exs]
    model = train(flat_train, a.C, all_words=a.all_words)
    n_words = sum(candidate(f, model.lemmas) for f, _ in flat_train)  # the words it was fitted on
    t_all = time.process_time() - t0
    scores = {"train_items": len(train_items), "train_words": n_words, "features": len(model.index),
              "C": a.C, "cpu_seconds": {"features": round(t_feat, 1), "total": round(t_all, 1)},
              "corpus_test": score(model, flat_test)}
    print(json.dumps(scores, indent=1))
    if a.out:
        save_trained(model, a.out, scores, "training/corpus (train split)" + (f" + {len(extra)} extra items" if extra else ""), key)
    if a.json:
        a.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
