"""Does the open corpus teach anything? A TF-IDF linear classifier trained on it alone.

Scored on the PLOVER dev half (../shared/benchmarks/plover_gsr_dev.jsonl) for event category,
next to accord's rules (engine v2) on the same sentences. Three settings:

- ``trigger``: one example per labelled event: the trigger's words and a window of words around
  it. On PLOVER the trigger is given (its ``eventText``), so this measures typing alone.
- ``predicate``: one example per verb, noun and adjective of every item (accord's parser tags
  them): a labelled trigger's word gives its category, every other word ``NONE`` (labelling is
  exhaustive, so unlabelled words are true negatives). On PLOVER the sentence's event is the
  word with the most probable category other than ``NONE``. End to end: no gold trigger.
- ``rules+predicate``: the rules' main relation where the rules find one, else ``predicate``.

The same models are also scored on the corpus's own test split (whole writing batches and
treebank documents never trained on): ``trigger`` by category on the gold triggers, and
``predicate`` word by word (a word's category or NONE): F1 of the typed event words.

Then a learning curve: the same at 25/50/100% of the training split (items drawn at random with
a fixed seed). Deterministic. Usage:

    .venv/bin/python training/baseline.py [--corpus training/corpus] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import spacy
from accord import tables
from accord.annotation import annotate
from accord.corpus.stats import load_corpus
from accord.evaluate.codes import main_relation
from accord.evaluate.metrics import accuracy, macro_f1
from accord.evaluate.plover import load_plover
from accord.paths import PARSER_MODEL
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer

PLOVER_DEV = Path("..") / "shared" / "benchmarks" / "plover_gsr_dev.jsonl"
WINDOW = 6
_WORD = re.compile(r"\w+|[^\w\s]")


def _example(text: str, start: int, end: int) -> dict:
    """The trigger's words and the words around it (the features of one event)."""
    left = _WORD.findall(text[:start])[-WINDOW:]
    right = _WORD.findall(text[end:])[:WINDOW]
    return {"trigger": text[start:end].lower(), "context": " ".join(left + ["_T_"] + right).lower()}


def _field(name: str):
    return FunctionTransformer(lambda rows: [r[name] for r in rows])


def _classifier(balanced: bool = True):
    features = make_union(
        make_pipeline(_field("trigger"), TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
        make_pipeline(_field("trigger"), TfidfVectorizer(ngram_range=(1, 1))),
        make_pipeline(_field("context"), TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)))
    return make_pipeline(features, LogisticRegression(max_iter=3000, C=5.0, class_weight="balanced" if balanced else None))


def trigger_examples(items: list[dict]) -> tuple[list[dict], list[str]]:
    xs, ys = [], []
    for it in items:
        for ev in it["events"]:
            parts = [ev["trigger"]] if isinstance(ev["trigger"][0], int) else ev["trigger"]
            xs.append(_example(it["text"], parts[0][0], parts[-1][1]))
            ys.append(ev["category"])
    return xs, ys


CONTENT_POS = {"VERB", "NOUN", "ADJ"}


def predicate_examples(nlp, items: list[dict]) -> tuple[list[dict], list[str]]:
    """One example per content word; its category when a labelled trigger covers it, else NONE."""
    xs, ys = [], []
    for it, doc in zip(items, nlp.pipe((it["text"] for it in items), batch_size=64)):
        labels = {}
        for ev in it["events"]:
            parts = [ev["trigger"]] if isinstance(ev["trigger"][0], int) else ev["trigger"]
            for s, e in parts:
                labels.update({i: ev["category"] for i in range(s, e)})
        for t in doc:
            cat = labels.get(t.idx)
            if t.pos_ in CONTENT_POS or cat:
                xs.append(_token_example(doc, t))
                ys.append(cat or "NONE")
    return xs, ys


def _token_example(doc, t) -> dict:
    ex = _example(doc.text, t.idx, t.idx + len(t))
    ex["trigger"] += " " + t.lemma_.lower()
    return ex


def predicate_predictions(nlp, model, texts: list[str]) -> list[str]:
    """The category of each text's most probable event word, or NONE."""
    out = []
    none = list(model.classes_).index("NONE")
    for doc in nlp.pipe(texts, batch_size=64):
        toks = [t for t in doc if t.pos_ in CONTENT_POS]
        if not toks:
            out.append("NONE")
            continue
        probs = model.predict_proba([_token_example(doc, t) for t in toks])
        best, best_p = "NONE", 0.0
        for row in probs:
            for k, p in enumerate(row):
                if k != none and p > best_p and p > row[none]:
                    best, best_p = model.classes_[k], p
        out.append(best)
    return out


def plover_trigger_examples(gold: list[dict], raw: dict[str, dict]) -> list[dict]:
    """PLOVER's eventText as the trigger: the span from its first to its last word found in the text."""
    out = []
    for g in gold:
        text = g["text"]
        words = (raw[g["id"]].get("eventText") or "").split()
        spans = [m.span() for w in words for m in [re.search(r"\b" + re.escape(w) + r"\b", text)] if m]
        start, end = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else (0, 0)
        out.append(_example(text, start, end))
    return out


def rules_predictions(gold: list[dict]) -> list[str]:
    docs = tables.frame("documents", [{"doc_id": g["id"], "path": "plover", "title": None, "date": g["date"],
                                        "source": "PLOVER GSR", "url": None, "n_chars": len(g["text"]),
                                        "text": g["text"]} for g in gold])
    rels = annotate(docs)["relations"]
    by_doc: dict[str, list[dict]] = {}
    for r in rels.to_dict("records"):
        by_doc.setdefault(r["doc_id"], []).append(r)
    preds = []
    for g in gold:
        m = main_relation(by_doc.get(g["id"], []), g["text"])
        preds.append(str(m["event_type"]) if m is not None else "NONE")
    return preds


def _scores(gold: list[str], pred: list[str]) -> dict:
    return {"macro_f1": round(macro_f1(gold, pred), 3), "accuracy": round(accuracy(gold, pred), 3)}


def _word_scores(gold: list[str], pred: list[str]) -> dict:
    """Typed event words: precision, recall and F1 of the words whose category is not NONE."""
    tp = sum(g == p != "NONE" for g, p in zip(gold, pred))
    n_pred, n_gold = sum(p != "NONE" for p in pred), sum(g != "NONE" for g in gold)
    prec, rec = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return {"precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("training") / "corpus")
    ap.add_argument("--plover", type=Path, default=PLOVER_DEV)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    corpus = load_corpus(a.corpus)
    train = [it for it in corpus if it["split"] == "train"]
    test = [it for it in corpus if it["split"] == "test"]
    gold = load_plover(a.plover)
    raw = {}
    for n, line in enumerate(a.plover.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        raw[next(g["id"] for g in gold if g["line"] == n)] = rec
    y_gold = [g["event"] for g in gold]
    rules = rules_predictions(gold)
    results = {"n_plover": len(gold), "rules": _scores(y_gold, rules), "curve": {}}
    x_trig = plover_trigger_examples(gold, raw)
    nlp = spacy.load(PARSER_MODEL)
    xt_test, yt_test = trigger_examples(test)
    xp_test, yp_test = predicate_examples(nlp, test)
    results["corpus_test"] = {"items": len(test), "events": len(yt_test), "words": len(yp_test)}
    rng = random.Random(19)
    order = rng.sample(train, len(train))
    for share in (0.25, 0.5, 1.0):
        part = order[: round(len(order) * share)]
        xt, yt = trigger_examples(part)
        xp, yp = predicate_examples(nlp, part)
        trigger_model = _classifier().fit(xt, yt)
        predicate_model = _classifier(balanced=False).fit(xp, yp)
        by_trigger = trigger_model.predict(x_trig)
        by_predicate = predicate_predictions(nlp, predicate_model, [g["text"] for g in gold])
        combined = [r if r != "NONE" else p for r, p in zip(rules, by_predicate)]
        results["curve"][f"{int(share * 100)}%"] = {
            "items": len(part), "events": len(yt), "words": len(yp),
            "plover_dev": {"trigger": _scores(y_gold, list(by_trigger)),
                           "predicate": _scores(y_gold, by_predicate),
                           "rules+predicate": _scores(y_gold, combined)},
            "corpus_test": {"trigger": _scores(yt_test, list(trigger_model.predict(xt_test))),
                            "predicate_words": _word_scores(yp_test, list(predicate_model.predict(xp_test)))}}
    print(json.dumps(results, indent=1))
    if a.json:
        a.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
