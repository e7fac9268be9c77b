"""Training the event model: labelled items -> examples -> a fitted :class:`EventModel`, and its scores.

Each predicate of each labelled item (:func:`accord.pipeline.eventmodel.doc_examples`) is one
example: the category of the labelled trigger whose head word it is, else NONE (labelling is
exhaustive, so an unlabelled predicate is a true negative). The other words of a multi-word
trigger are left out, neither event nor NONE. A multinomial logistic regression (scikit-learn,
lbfgs, deterministic) is fitted and written as plain arrays
(:class:`~accord.pipeline.eventmodel.EventModel`); scikit-learn is not needed to use it.

``training/train_events.py`` (``make model``) and ``accord learn`` both train through here.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from scipy import sparse

from ..pipeline import predicates
from ..pipeline.cache import cache_key
from ..pipeline.eventmodel import NONE, EventModel, doc_examples, lexical_categories

MIN_COUNT = 2  # a feature seen once in training carries no weight worth shipping
DEFAULT_C = 0.5

Example = tuple[list[str], str]


def trigger_tokens(doc, spans) -> list[int]:
    """The token indices of a trigger given as one ``[start, end]`` span or a list of them."""
    parts = [spans] if isinstance(spans[0], int) else spans
    return [t.i for t in doc if any(s <= t.idx < e for s, e in parts)]


def head_token(doc, toks: list[int]) -> int:
    """The word of a multi-word trigger whose head lies outside it (the first such word)."""
    inside = set(toks)
    heads = [i for i in toks if doc[i].head.i not in inside or doc[i].head.i == i]
    return heads[0] if heads else toks[0]


def item_examples(doc, item: dict, lexical: dict, goods: dict) -> list[Example]:
    """(features, label) of each predicate of one item."""
    label: dict[int, str] = {}
    skip: set[int] = set()
    for ev in item["events"]:
        toks = trigger_tokens(doc, ev["trigger"])
        if not toks:
            continue
        head = head_token(doc, toks)
        label[head] = ev["category"]
        skip |= set(toks) - {head}
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


def fingerprint(paths: Sequence[Path]) -> str:
    """The corpus files and everything that reads them: the pipeline's code, data and models
    (the pipeline cache's key, which covers the event model too: a retraining then reparses)."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    h.update(cache_key().encode())
    return h.hexdigest()[:16]


def featurise(items: list[dict], nlp, categories) -> list[list[Example]]:
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


def read_examples(path: Path, n_items: int) -> list[list[Example]] | None:
    """The cached examples of ``n_items`` items in ``path`` (gzipped JSON lines), or None when absent or
    of another size. The file holds only lists of strings: nothing in it runs."""
    if not path.is_file():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    if len(rows) != n_items:
        return None
    return [[(list(f), str(y)) for f, y in r] for r in rows]


def write_examples(path: Path, rows: list[list[Example]]) -> None:
    """Write examples for :func:`read_examples` (to a temporary name, renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    tmp.replace(path)


def cached(path: Path, n_items: int, make: Callable[[], list[list[Example]]]) -> list[list[Example]]:
    """The examples of ``n_items`` items, from ``path`` when it holds them, else made and written there."""
    rows = read_examples(path, n_items)
    if rows is None:
        rows = make()
        write_examples(path, rows)
    return rows


def cached_examples(items: list[dict], path: Path, nlp, categories) -> list[list[Example]]:
    """The event model's examples of ``items``, from ``path`` when it holds them, else featurised there."""
    return cached(path, len(items), lambda: featurise(items, nlp, categories))


def candidate(feats: list[str], lemmas: frozenset[str] | None) -> bool:
    """Whether the annotator reads this predicate at all (see ``lemmas`` of ``doc_examples``)."""
    return lemmas is None or "lex=-" not in feats or next(f[2:] for f in feats if f.startswith("l=")) in lemmas


def lemma_of(feats: list[str]) -> str:
    """The lemma feature of an example."""
    return next(f[2:] for f in feats if f.startswith("l="))


def fit(examples: list[Example], C: float, weights: Sequence[float] | None = None) -> EventModel:
    """A logistic regression on ``examples`` (each weighted by ``weights`` when given)."""
    from sklearn.linear_model import LogisticRegression  # only training needs scikit-learn

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
    clf.fit(X, y, sample_weight=None if weights is None else np.asarray(weights, dtype=np.float64))
    classes = list(clf.classes_)
    return EventModel(classes, names, clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32))


def train(examples: list[Example], C: float = DEFAULT_C, weights: Sequence[float] | None = None,
          all_words: bool = False) -> EventModel:
    """Fit the model as the annotator reads it: unless ``all_words``, only predicates of the lemmas the
    examples label as events (or with a lexicon trigger) are read, and the model records those lemmas."""
    lemmas = None
    if not all_words:
        lemmas = frozenset(lemma_of(feats) for feats, y in examples if y != NONE)
        keep = [k for k, e in enumerate(examples) if candidate(e[0], lemmas)]
        examples = [examples[k] for k in keep]
        weights = None if weights is None else [weights[k] for k in keep]
    model = fit(examples, C, weights)
    if lemmas is not None:
        model.lemmas = lemmas
        model.card["event_lemmas"] = sorted(lemmas)
    return model


def save_trained(model: EventModel, out: Path, scores: dict, trained_on: str, fingerprint_: str) -> None:
    """Write a model trained on the open corpus with its card: what it was trained on, the corpus's
    license, the corpus fingerprint and the scores (times are printed, never stored: the card stays
    byte-identical run to run)."""
    model.save(out, {**model.card, "trained_on": trained_on,
                     "license": "CC BY-SA 4.0, as the corpus (training/corpus/LICENSE)",
                     "corpus_fingerprint": fingerprint_,
                     "scores": {k: v for k, v in scores.items() if k != "cpu_seconds"}})


def readings(model: EventModel, examples: list[Example]) -> list[tuple[str, float]]:
    """For each example: the most probable category other than NONE (NONE when the annotator does
    not read the word at all), and NONE's probability."""
    if not examples:
        return []
    probs = model.probabilities([f for f, _ in examples])
    none = model.none
    out = []
    for (feats, _), row in zip(examples, probs):
        masked = row.copy()
        masked[none] = -1
        category = model.classes[int(masked.argmax())] if candidate(feats, model.lemmas) else NONE
        out.append((category, float(row[none])))
    return out


def decisions(model: EventModel, examples: list[Example], threshold: float = 0.5) -> list[str]:
    """The model's word for each example as the annotator takes it: a category, or NONE."""
    return [c if p_none < threshold else NONE for c, p_none in readings(model, examples)]


def score(model: EventModel, examples: list[Example], threshold: float = 0.5) -> dict:
    """Typed event words (category and NONE decided as at annotation; a word the annotator does not
    read is NONE), and typing of the gold events."""
    read = readings(model, examples)
    best = [c for c, _ in read]
    pred = [c if p_none < threshold else NONE for c, p_none in read]
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
