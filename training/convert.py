"""CoNLL-U -> spaCy DocBin, and the XPOS -> UPOS table for the attribute_ruler.

Our own small reader (no third-party converter): multiword-token ranges (``1-2``)
and empty nodes (``1.1``) are skipped, the syntactic words are kept; a range's
SpaceAfter=No applies to its last word and the words inside a range are written
without spaces between them, so the doc text is the surface text. Full UD labels
are kept, subtypes included (``nsubj:pass``, ``obl:tmod``). Sentences are grouped
into docs of ``sents_per_doc`` (a new UD document always starts a new doc).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import spacy
from spacy.tokens import Doc, DocBin


@dataclass
class Sentence:
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based within the sentence, root -> itself
    deps: list[str] = field(default_factory=list)
    text: str | None = None
    newdoc: bool = False


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file (syntactic words only)."""
    sent = Sentence()
    range_end = 0          # last word id covered by the current multiword token
    range_space = True     # that token's SpaceAfter
    with open(path, encoding="utf8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent.words:
                    yield sent
                newdoc = False
                sent, range_end, range_space = Sentence(), 0, True
                continue
            if line.startswith("#"):
                if line.startswith("# newdoc"):
                    sent.newdoc = True
                elif line.startswith("# text = "):
                    sent.text = line[len("# text = "):]
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}: bad CoNLL-U line {line!r}")
            tid = cols[0]
            if "." in tid:        # empty node (enhanced graph only)
                continue
            if "-" in tid:        # multiword token range
                start, end = (int(x) for x in tid.split("-"))
                range_end, range_space = end, _space_after(cols[9])
                continue
            i = int(tid)
            if i < range_end:
                space = False
            elif i == range_end:
                space = range_space
            else:
                space = _space_after(cols[9])
            head = int(cols[6])
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.lemmas.append(cols[2])
            sent.upos.append(cols[3])
            sent.xpos.append(cols[4])
            sent.feats.append("" if cols[5] == "_" else cols[5])
            sent.heads.append(i - 1 if head == 0 else head - 1)
            sent.deps.append(cols[7])
    if sent.words:
        yield sent


def sentences_to_doc(vocab, sents: list[Sentence]) -> Doc:
    words, spaces, lemmas, pos, tags, morphs, heads, deps, starts = ([] for _ in range(9))
    for k, s in enumerate(sents):
        offset = len(words)
        words += s.words
        sp = list(s.spaces)
        if k == len(sents) - 1:
            sp[-1] = False
        spaces += sp
        lemmas += s.lemmas
        pos += s.upos
        tags += s.xpos
        morphs += s.feats
        heads += [h + offset for h in s.heads]
        deps += s.deps
        starts += [True] + [False] * (len(s.words) - 1)
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags,
               morphs=morphs, heads=heads, deps=deps, sent_starts=starts)


def conllu_to_docbin(path: str | Path, out: str | Path, sents_per_doc: int = 10) -> dict:
    """Convert one CoNLL-U file; returns counts."""
    nlp = spacy.blank("en")
    db = DocBin(store_user_data=False)
    group: list[Sentence] = []
    n_sents = n_words = n_docs = 0
    for sent in read_conllu(path):
        if group and (sent.newdoc or len(group) >= sents_per_doc):
            db.add(sentences_to_doc(nlp.vocab, group))
            n_docs += 1
            group = []
        group.append(sent)
        n_sents += 1
        n_words += len(sent.words)
    if group:
        db.add(sentences_to_doc(nlp.vocab, group))
        n_docs += 1
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return {"file": str(path), "sentences": n_sents, "words": n_words, "docs": n_docs}


def raw_texts(path: str | Path) -> list[str]:
    """The raw text of each UD document (its sentences' ``# text`` joined by spaces)."""
    docs: list[list[str]] = []
    for sent in read_conllu(path):
        if sent.newdoc or not docs:
            docs.append([])
        text = sent.text if sent.text is not None else " ".join(sent.words)
        docs[-1].append(text)
    return [" ".join(d) for d in docs]


# ---------------------------------------------------------------- XPOS -> UPOS table
def _argmax(counter: Counter) -> str:
    # deterministic: highest count, ties broken alphabetically
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def derive_pos_patterns(paths: list[str | Path], min_count: int = 5) -> tuple[list[dict], dict]:
    """AttributeRuler patterns mapping the predicted XPOS (token.tag_) to UPOS (token.pos_).

    Layer 1 (applied first): the most frequent UPOS of each XPOS.
    Layer 2 (overrides, the ruler runs after the parser): for an ambiguous XPOS, the most
    frequent UPOS of each (XPOS, dependency label) pair seen >= min_count times, when it
    differs from the XPOS's default -- e.g. IN+mark -> SCONJ, VB*+aux/cop -> AUX,
    DT+nsubj -> PRON, TO+case -> ADP.
    Layer 3: (XPOS, word) pairs seen >= min_count times whose majority UPOS differs from
    the layer-2 answer for most of their occurrences (e.g. RB "not" -> PART).
    """
    by_tag: dict[str, Counter] = defaultdict(Counter)
    by_tag_dep: dict[tuple, Counter] = defaultdict(Counter)
    by_tag_word: dict[tuple, Counter] = defaultdict(Counter)
    sents = [s for p in paths for s in read_conllu(p)]
    for s in sents:
        for w, x, u, d in zip(s.words, s.xpos, s.upos, s.deps):
            by_tag[x][u] += 1
            by_tag_dep[(x, d)][u] += 1
            by_tag_word[(x, w.lower())][u] += 1
    patterns: list[dict] = []
    default = {x: _argmax(c) for x, c in by_tag.items()}
    for x in sorted(default):
        patterns.append({"patterns": [[{"TAG": x}]], "attrs": {"POS": default[x]}})
    layer2 = {}
    for (x, d) in sorted(by_tag_dep):
        c = by_tag_dep[(x, d)]
        if sum(c.values()) >= min_count and _argmax(c) != default[x]:
            layer2[(x, d)] = _argmax(c)
            # spaCy's parser labels the root "ROOT", not UD's "root"
            patterns.append({"patterns": [[{"TAG": x, "DEP": "ROOT" if d == "root" else d}]],
                             "attrs": {"POS": layer2[(x, d)]}})
    # layer 3: word-level exceptions, judged against what layers 1-2 would say
    wrong: dict[tuple, Counter] = defaultdict(Counter)
    for s in sents:
        for w, x, u, d in zip(s.words, s.xpos, s.upos, s.deps):
            wrong[(x, w.lower())][layer2.get((x, d), default[x]) == u] += 1
    n3 = 0
    for (x, w) in sorted(by_tag_word):
        c = by_tag_word[(x, w)]
        if sum(c.values()) < min_count or len(by_tag[x]) == 1:
            continue
        best = _argmax(c)
        # only when a fixed answer for this word beats the layer-1/2 rules on it
        if c[best] > wrong[(x, w)][True]:
            patterns.append({"patterns": [[{"TAG": x, "LOWER": w}]], "attrs": {"POS": best}})
            n3 += 1
    info = {"xpos": len(default), "tag_dep_overrides": len(layer2), "word_overrides": n3}
    return patterns, info


def apply_patterns_gold(patterns: list[dict], paths: list[str | Path]) -> float:
    """UPOS accuracy of the table given GOLD XPOS and dependency labels (its ceiling)."""
    from spacy.pipeline import AttributeRuler
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    ok = n = 0
    for s in (s for p in paths for s in read_conllu(p)):
        doc = Doc(nlp.vocab, words=s.words, tags=s.xpos,
                  deps=["ROOT" if d == "root" else d for d in s.deps],
                  heads=s.heads)
        doc = ruler(doc)
        for t, u in zip(doc, s.upos):
            ok += t.pos_ == u
            n += 1
    return ok / max(n, 1)


def write_patterns(patterns: list[dict], out: str | Path) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(patterns, indent=0, ensure_ascii=False), encoding="utf8")
