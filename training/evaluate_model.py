"""Accuracy and speed of a trained pipeline on CoNLL-U files.

Accuracy (``raw`` = what the model does on raw text): each gold doc's text is tokenized
by the model's own tokenizer, run through the pipeline and aligned to the gold words by
spaCy's Scorer: UPOS (pos_acc), XPOS (tag_acc), UAS/LAS (dep_uas/dep_las; spaCy leaves
out ``punct`` arcs, and a word whose tokenization differs from gold counts as wrong),
lemma accuracy, sentence F.
``gold_tok``: the same pipeline on the gold words (CoNLL 2018 style, every word incl.
punctuation), for comparison with published UD numbers.
Speed: words (spaCy tokens) per second of ``nlp.pipe`` over the raw document texts,
single thread, best of ``repeats`` after a warm-up; the blank English tokenizer alone as
a reference.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convert  # noqa: E402


def _ref_docs(nlp, conllu: Path, sents_per_doc: int = 10) -> list[Doc]:
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"accord_eval_{os.getpid()}_{conllu.stem}.spacy"
    convert.conllu_to_docbin(conllu, tmp, sents_per_doc)
    docs = list(DocBin().from_disk(tmp).get_docs(nlp.vocab))
    tmp.unlink()
    return docs


def accuracy(nlp, conllu: str | Path) -> dict:
    conllu = Path(conllu)
    refs = _ref_docs(nlp, conllu)
    examples = [Example(nlp.make_doc(d.text), d) for d in refs]
    s = nlp.evaluate(examples)
    raw = {k: round(100 * float(s[k]), 2) for k in
           ("pos_acc", "tag_acc", "dep_uas", "dep_las", "lemma_acc", "sents_f") if s.get(k) is not None}
    # gold tokenization, all words
    n = upos = xpos = uas = las = lem = 0
    for ref in refs:
        doc = Doc(nlp.vocab, words=[t.text for t in ref], spaces=[bool(t.whitespace_) for t in ref])
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        for p, g in zip(doc, ref):
            n += 1
            upos += p.pos_ == g.pos_
            xpos += p.tag_ == g.tag_
            lem += p.lemma_ == g.lemma_
            if p.head.i == g.head.i:
                uas += 1
                las += p.dep_.lower() == g.dep_.lower()  # spaCy's parser names the root ROOT
    gold_tok = {k: round(100 * v / n, 2) for k, v in
                (("upos", upos), ("xpos", xpos), ("uas", uas), ("las", las), ("lemma", lem))}
    return {"raw": raw, "gold_tok": gold_tok, "words": n}


def _wps(nlp, texts: list[str], repeats: int) -> float:
    list(nlp.pipe(texts[:2]))  # warm-up
    best = 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        words = sum(len(d) for d in nlp.pipe(texts))
        best = max(best, words / (time.perf_counter() - t0))
    return best


def speed(nlp, conllu: str | Path, repeats: int = 3) -> dict:
    texts = convert.raw_texts(conllu)
    model = _wps(nlp, texts, repeats)
    blank = _wps(spacy.blank("en"), texts, repeats)  # tokenizer cache warm, like the model's
    return {"words_per_sec": round(model), "blank_tokenizer_words_per_sec": round(blank),
            "ratio_to_blank": round(model / blank, 3)}


def size_mb(path: str | Path) -> float:
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return round(total / 1e6, 2)


def main(argv=None) -> None:
    import argparse
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("conllu", nargs="+")
    ap.add_argument("--speed", help="CoNLL-U file whose raw text is used for words/s")
    ap.add_argument("--out", help="write the scores as JSON here")
    a = ap.parse_args(argv)
    nlp = spacy.load(a.model)
    res = {"model": a.model, "size_mb": size_mb(a.model)}
    for c in a.conllu:
        res[Path(c).stem] = accuracy(nlp, c)
    if a.speed:
        res["speed"] = speed(nlp, a.speed)
    print(json.dumps(res, indent=2))
    if a.out:
        Path(a.out).write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
