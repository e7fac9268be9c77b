"""Train accord's argument model on the open corpus (``make model``); score it; write it to the package.

Each labelled event of each corpus item, with each actor mention the pipeline finds in its
sentence (:func:`accord.pipeline.argmodel.candidates`), is one example: SOURCE when the mention
overlaps a labelled source, TARGET when it overlaps a labelled target, else NONE. The event word
is the trigger's head, as for the event model; the category is the labelled one. A multinomial
logistic regression (the event model's :func:`accord.learn.train.fit`) is written as plain arrays.

    .venv/bin/python training/train_arguments.py [--out lib/accord/models/arguments] [--C 0.5]
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from accord import build_pipeline
from accord.corpus.stats import load_corpus
from accord.paths import ARGUMENT_MODEL
from accord.pipeline import argmodel
from accord.learn.train import cached, fingerprint, fit, head_token, save_trained, trigger_tokens
from accord.pipeline.predicates import Parsed

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "training" / "cache"


def _overlaps(span: tuple[int, int], args: list[dict]) -> bool:
    return any(a.get("span") and span[0] < a["span"][1] and a["span"][0] < span[1] for a in args)


def item_examples(doc, item: dict) -> list[tuple[list[str], str]]:
    """(features, role) of each mention of each labelled event's sentence."""
    parsed = Parsed.of(doc)
    out = []
    for ev in item["events"]:
        toks = trigger_tokens(doc, ev["trigger"])
        if not toks:
            continue
        i = head_token(doc, toks)
        sent = doc[i].sent
        cands = argmodel.candidates(parsed, doc._.mentions, (sent.start, sent.end), (min(toks), max(toks) + 1))
        for cand, feats in zip(cands, argmodel.examples(parsed, i, cands, ev["category"])):
            chars = (doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1]))
            role = argmodel.SOURCE if _overlaps(chars, ev["source"]) else \
                argmodel.TARGET if _overlaps(chars, ev["target"]) else argmodel.NONE
            out.append((feats, role))
    return out


def featurise(items: list[dict], nlp) -> list[list[tuple[list[str], str]]]:
    docs = []
    for it in items:
        doc = nlp.make_doc(it["text"])
        doc._.date = it.get("date")
        docs.append(doc)
    with nlp.select_pipes(disable=["accord_claims", "accord_relations"]):
        return [item_examples(doc, it) for it, doc in zip(items, nlp.pipe(docs, batch_size=64))]


def score(model, examples: list[tuple[list[str], str]]) -> dict:
    """Per role: precision, recall and F1 of the mentions given that role (argmax)."""
    probs = model.probabilities([f for f, _ in examples])
    pred = [model.classes[int(row.argmax())] for row in probs]
    gold = [y for _, y in examples]
    out = {"mentions": len(examples)}
    for role in (argmodel.SOURCE, argmodel.TARGET):
        tp = sum(g == p == role for g, p in zip(gold, pred))
        n_p, n_g = pred.count(role), gold.count(role)
        prec, rec = (tp / n_p if n_p else 0.0), (tp / n_g if n_g else 0.0)
        out[role.lower()] = {"precision": round(prec, 3), "recall": round(rec, 3),
                             "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0, "n": n_g}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "training" / "corpus")
    ap.add_argument("--out", type=Path, help=f"write the model here (make model: {ARGUMENT_MODEL})")
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    t0 = time.process_time()
    items = load_corpus(a.corpus)
    nlp = build_pipeline(events=False)
    key = fingerprint([a.corpus / "train.jsonl", a.corpus / "test.jsonl"])
    examples = cached(CACHE / f"arguments-{key}.jsonl.gz", len(items), lambda: featurise(items, nlp))
    train = [e for it, exs in zip(items, examples) if it["split"] == "train" for e in exs]
    test = [e for it, exs in zip(items, examples) if it["split"] == "test" for e in exs]
    model = fit(train, a.C)
    scores = {"train_mentions": len(train), "roles": dict(sorted(Counter(y for _, y in train).items())),
              "features": len(model.index), "C": a.C, "cpu_seconds": round(time.process_time() - t0, 1),
              "corpus_test": score(model, test)}
    print(json.dumps(scores, indent=1))
    if a.out:
        save_trained(model, a.out, scores, "training/corpus (train split)", key)
    if a.json:
        a.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
