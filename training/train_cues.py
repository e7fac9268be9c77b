"""Train the learned cue detector (:mod:`accord.pipeline.cuemodel`) and measure it against the rules.

Each verb, noun or colon of each corpus item is one example: is it the first word of a labelled
attribution cue (``training/corpus/*.jsonl``, section 7 of ANNOTATION.md)? A logistic regression
(scikit-learn, liblinear, deterministic) over sparse parse features is fitted on the train split
and compared, on the test split, with the cue words of the rules (``doc._.claims``) at the level
of cue tokens: precision, recall and F1 of the rules, of the model, and of their union. The
parses are cached in ``training/cache/`` (git-ignored) so a second run parses nothing.

With ``--out`` the model fitted on the train split is written there (plain arrays and JSON, checked
by sha256, through :class:`~accord.pipeline.eventmodel.EventModel`); features seen once are left out.

    .venv/bin/python training/train_cues.py [--C 0.5] [--threshold 0.5] [--out lib/accord/models/cues]
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from accord.pipeline.cuemodel import features

ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = ROOT / "training" / "cache"


def _cache_path() -> Path:
    """The cache of parsed examples, keyed by the corpus, the parser, the features and the rules' code."""
    import hashlib
    import inspect
    from accord.paths import PARSER_MODEL
    from accord.pipeline import claims, cuemodel, opencues
    digest = hashlib.sha256()
    for split in SPLITS:
        digest.update((ROOT / "training" / "corpus" / f"{split}.jsonl").read_bytes())
    for module in (cuemodel, claims, opencues):
        digest.update(inspect.getsource(module).encode("utf-8"))
    meta = PARSER_MODEL / "meta.json"
    if meta.exists():
        digest.update(meta.read_bytes())
    digest.update(Path(__file__).read_bytes())  # this script, which decides what is parsed and how
    return CACHE_DIR / f"cue_examples-{digest.hexdigest()[:16]}.json.gz"
SPLITS = ("train", "test")


def _cue_starts(item: dict) -> set[int]:
    out = set()
    for a in item.get("attributions") or []:
        span = a["cue"][0] if isinstance(a["cue"][0], list) else a["cue"]
        out.add(span[0])
    return out


def examples(nlp, items: list[dict]) -> list[dict]:
    out = []
    texts = [i["text"] for i in items]
    for item, doc in zip(items, nlp.pipe(texts, batch_size=64)):
        gold = _cue_starts(item)
        rules = {c.cue_start for c in doc._.claims}
        for t in doc:
            if not (t.tag_.startswith(("VB", "NN")) or t.lower_ in (":", "according")):
                continue
            out.append({"id": item["id"], "i": t.i, "y": int(t.idx in gold), "rule": int(t.i in rules),
                        "f": features(doc, t)})
        # gold cues starting on a word that is no candidate count as misses for everyone
        starts = {t.idx for t in doc if t.tag_.startswith(("VB", "NN")) or t.lower_ in (":", "according")}
        for g in gold - starts:
            out.append({"id": item["id"], "i": -1, "y": 1, "rule": int(any(
                t.idx == g and t.i in rules for t in doc)), "f": None})
    return out


def load(nlp_factory) -> dict[str, list[dict]]:
    cache = _cache_path()
    if cache.exists():
        return json.loads(gzip.decompress(cache.read_bytes()))
    nlp = nlp_factory()
    nlp.get_pipe("accord_claims").cue_model = None  # the rules alone, to compare the model with
    data = {}
    for split in SPLITS:
        items = [json.loads(line) for line in (ROOT / "training" / "corpus" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        data[split] = examples(nlp, items)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(gzip.compress(json.dumps(data).encode("utf-8")))
    return data


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & gold).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--out", type=Path, default=None, help="write the model to this folder")
    args = ap.parse_args()
    from accord import build_pipeline
    t0 = time.process_time()
    data = load(lambda: build_pipeline(syntax=True))
    t1 = time.process_time()
    train = [e for e in data["train"] if e["f"] is not None]
    counts: dict[str, int] = {}
    for e in train:
        for f in e["f"]:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}

    def matrix(rows):
        r, c = [], []
        for n, e in enumerate(rows):
            for f in e["f"] or []:
                if f in vocab:
                    r.append(n)
                    c.append(vocab[f])
        return sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(rows), len(vocab)))

    model = LogisticRegression(C=args.C, solver="liblinear", max_iter=200)
    model.fit(matrix(train), np.array([e["y"] for e in train]))
    t2 = time.process_time()
    test = data["test"]
    gold = np.array([e["y"] for e in test], dtype=bool)
    rules = np.array([e["rule"] for e in test], dtype=bool)
    has = np.array([e["f"] is not None for e in test])
    p = np.zeros(len(test))
    p[has] = model.predict_proba(matrix([e for e in test if e["f"] is not None]))[:, 1]
    learned = p >= args.threshold
    report = {"parse_cpu_s": round(t1 - t0, 1), "fit_cpu_s": round(t2 - t1, 1), "features": len(vocab),
              "train_examples": len(train), "test_cues": int(gold.sum())}
    from accord.pipeline.cuemodel import THRESHOLD
    for name, pred in (("rules", rules), ("learned", learned), ("union", rules | learned),
                       ("shipped", rules | (p >= THRESHOLD))):
        pr, rc, f1 = prf(pred, gold)
        report[name] = {"precision": round(pr, 3), "recall": round(rc, 3), "f1": round(f1, 3)}
    print(json.dumps(report, indent=1))
    if args.out is not None:
        from accord.pipeline.eventmodel import NONE, EventModel
        coef = model.coef_[0].astype(np.float32)
        weights = np.stack([np.zeros_like(coef), coef], axis=1)  # softmax over (0, z) is the logistic of z
        bias = np.array([0.0, float(model.intercept_[0])], dtype=np.float32)
        names = sorted(vocab, key=vocab.get)
        card = {"what": "accord cue detector: is a word the cue of an attribution", "C": args.C,
                "trained_on": "training/corpus/train.jsonl (attributions)", "license": "see training/corpus/LICENSE",
                "test": {k: report[k] for k in ("rules", "learned", "union", "shipped")}}
        EventModel([NONE, "CUE"], names, weights, bias).save(args.out, card)


if __name__ == "__main__":
    main()
