"""Train accord's event model on the open corpus (``make model``); score it; write it to the package.

Each predicate of each corpus item (:func:`accord.pipeline.eventmodel.doc_examples`) is one
example: the category of the labelled trigger whose head word it is, else NONE (labelling is
exhaustive, so an unlabelled predicate is a true negative). The other words of a multi-word
trigger are left out, neither event nor NONE. A multinomial logistic regression (scikit-learn,
lbfgs, deterministic) is fitted on the train split and written as plain arrays
(:class:`~accord.pipeline.eventmodel.EventModel`); scikit-learn is not needed to use it.

The features of the corpus are cached in ``training/cache/`` (git-ignored) keyed by the corpus,
the parser and the feature code, so a retraining after a change of settings parses nothing.

    .venv/bin/python training/train_events.py [--out lib/accord/models/events] [--share 0.25]
        [--extra more.jsonl] [--C 0.5] [--json scores.json]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from accord import build_pipeline
from accord.corpus.stats import load_corpus
from accord.pipeline import predicates
from accord.pipeline.cache import cache_key
from accord.pipeline.eventmodel import NONE, EventModel, doc_examples, lexical_categories
from accord.pipeline.triggers import trigger_categories
from accord.paths import EVENT_MODEL

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "training" / "cache"
MIN_COUNT = 2  # a feature seen once in training carries no weight worth shipping


def trigger_tokens(doc, spans) -> list[int]:
    parts = [spans] if isinstance(spans[0], int) else spans
    return [t.i for t in doc if any(s <= t.idx < e for s, e in parts)]


def item_examples(doc, item: dict, lexical: dict, goods: dict) -> list[tuple[list[str], str]]:
    """(features, label) of each predicate of one item."""
    label: dict[int, str] = {}
    skip: set[int] = set()
    for ev in item["events"]:
        toks = trigger_tokens(doc, ev["trigger"])
        if not toks:
            continue
        inside = set(toks)
        heads = [i for i in toks if doc[i].head.i not in inside or doc[i].head.i == i]
        head = heads[0] if heads else toks[0]
        label[head] = ev["category"]
        skip |= inside - {head}
    out = []
    seen = set()
    for i, feats in doc_examples(doc, lexical, goods):
        seen.add(i)
        if i in skip and i not in label:
            continue
        out.append((feats, label.get(i, NONE)))
    # a labelled head the predicate test missed (a proper noun, a number) still teaches
    parsed = predicates.Parsed.of(doc)
    for i in sorted(set(label) - seen):
        out.append((predicates.features(parsed, i, lexical.get(i, ()), (doc[i].sent.start, doc[i].sent.end), goods),
                    label[i]))
    return out


def fingerprint(paths: list[Path]) -> str:
    """The corpus files and everything that reads them: the pipeline's code, data and models
    (the pipeline cache's key, which covers the event model too: a retraining then reparses)."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    h.update(cache_key().encode())
    return h.hexdigest()[:16]


def featurise(items: list[dict], nlp, categories) -> list[list[tuple[list[str], str]]]:
    """Per item, its examples (parsed with the packaged parser and lexicon)."""
    relations = nlp.get_pipe("accord_relations")
    goods = predicates.goods_words(relations.lexicon.resources)
    docs = []
    for it in items:
        doc = nlp.make_doc(it["text"])
        doc._.date = it.get("date")
        docs.append(doc)
    out = []
    with nlp.select_pipes(disable=["accord_claims", "accord_relations"]):
        for it, doc in zip(items, nlp.pipe(docs, batch_size=64)):
            out.append(item_examples(doc, it, lexical_categories(doc, relations.matcher, categories), goods))
    return out


def cached_examples(items: list[dict], key: str, nlp, categories) -> list[list[tuple[list[str], str]]]:
    path = CACHE / f"events-{key}.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        if len(rows) == len(items):
            return [[(f, y) for f, y in r] for r in rows]
    rows = featurise(items, nlp, categories)
    CACHE.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return rows


def fit(examples: list[tuple[list[str], str]], C: float) -> EventModel:
    counts = Counter(f for feats, _ in examples for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: k for k, f in enumerate(names)}
    rows, cols = [], []
    for r, (feats, _) in enumerate(examples):
        for k in sorted({index[f] for f in feats if f in index}):
            rows.append(r)
            cols.append(k)
    X = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(examples), len(names)))
    y = [label for _, label in examples]
    clf = LogisticRegression(C=C, max_iter=300, tol=1e-4)
    clf.fit(X, y)
    classes = list(clf.classes_)
    return EventModel(classes, names, clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32))


def candidate(feats: list[str], lemmas: frozenset[str] | None) -> bool:
    """Whether the annotator reads this predicate at all (see ``lemmas`` of ``doc_examples``)."""
    return lemmas is None or "lex=-" not in feats or next(f[2:] for f in feats if f.startswith("l=")) in lemmas


def score(model: EventModel, examples: list[tuple[list[str], str]], threshold: float = 0.5) -> dict:
    """Typed event words (category and NONE decided as at annotation; a word the annotator does not
    read is NONE), and typing of the gold events."""
    probs = model.probabilities([f for f, _ in examples])
    none = model.none
    pred, best = [], []
    for (feats, _), row in zip(examples, probs):
        masked = row.copy()
        masked[none] = -1
        k = int(masked.argmax())
        read = candidate(feats, model.lemmas)
        best.append(model.classes[k] if read else NONE)
        pred.append(model.classes[k] if read and row[none] < threshold else NONE)
    gold = [y for _, y in examples]
    tp = sum(g == p != NONE for g, p in zip(gold, pred))
    n_pred, n_gold = sum(p != NONE for p in pred), sum(g != NONE for g in gold)
    prec, rec = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    typed = [(g, b) for (_, g), b in zip(examples, best) if g != NONE]
    cats = sorted({g for g, _ in typed})
    f1s = []
    for c in cats:
        tp_c = sum(g == p == c for g, p in zip(gold, pred))
        pp, gg = sum(p == c for p in pred), sum(g == c for g in gold)
        f1s.append(2 * tp_c / (pp + gg) if pp + gg else 0.0)
    return {"words": len(examples), "events": n_gold,
            "precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0,
            "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
            "typing_accuracy": round(sum(g == p for g, p in typed) / len(typed), 3) if typed else 0.0}


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
    examples = cached_examples(items, key, nlp, categories)
    if extra:
        examples += featurise(extra, nlp, categories)
        items += extra
    t_feat = time.process_time() - t0
    train = [ex for it, exs in zip(items, examples) if it["split"] == "train" for ex in [exs]]
    test = [ex for it, exs in zip(items, examples) if it["split"] == "test" for ex in [exs]]
    if a.share < 1.0:
        train = random.Random(20).sample(train, round(len(train) * a.share))
    flat_train = [e for exs in train for e in exs]
    flat_test = [e for exs in test for e in exs]
    lemmas = None
    if not a.all_words:
        lemmas = frozenset(next(f[2:] for f in feats if f.startswith("l=")) for feats, y in flat_train if y != NONE)
        flat_train = [e for e in flat_train if candidate(e[0], lemmas)]
    model = fit(flat_train, a.C)
    if lemmas is not None:
        model.lemmas = lemmas
        model.card["event_lemmas"] = sorted(lemmas)
    t_all = time.process_time() - t0
    scores = {"train_items": len(train), "train_words": len(flat_train), "features": len(model.index),
              "C": a.C, "cpu_seconds": {"features": round(t_feat, 1), "total": round(t_all, 1)},
              "corpus_test": score(model, flat_test)}
    print(json.dumps(scores, indent=1))
    if a.out:
        model.save(a.out, {**model.card, "trained_on": "training/corpus (train split)" + (f" + {len(extra)} extra items" if extra else ""),
                           "license": "CC BY-SA 4.0, as the corpus (training/corpus/LICENSE)",
                           "corpus_fingerprint": key,
                           # the card stays byte-identical run to run: times are printed, not stored
                           "scores": {k: v for k, v in scores.items() if k != "cpu_seconds"}})
    if a.json:
        a.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
