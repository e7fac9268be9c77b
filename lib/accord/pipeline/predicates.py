"""The predicates of a parsed sentence and the features the event model reads from them.

A *predicate* is a word that may name an event: a verb, a noun or an adjective by its
PTB tag, or any word a lexicon trigger starts on. Its features are strings (a sparse,
binary bag) drawn from the word itself, the parse around it, the actors the parse links
to it, the modal words that govern it and the lexicon's triggers, which are features here,
not the gate. The same function serves training (``training/train_events.py``) and
annotation (:mod:`accord.pipeline.eventmodel`), so the two cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from spacy.attrs import DEP, HEAD, IS_ALPHA, LEMMA, LOWER, TAG
from spacy.tokens import Doc

from .grammar import PERSON_PRONOUNS

#: PTB tag prefixes of the words that may name an event.
PREDICATE_TAGS = ("VB", "NN", "JJ")
#: Dependency labels of a predicate's arguments whose actor kind is a feature.
ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:arg", "nmod", "nmod:poss", "compound",
                 "amod", "appos"}
#: Dependency labels of function words, read as words ("will", "not", "to").
FUNCTION_DEPS = {"aux", "aux:pass", "cop", "mark", "advmod", "compound:prt", "det", "case"}
WINDOW = 3


@dataclass
class Parsed:
    """A parsed doc's words as plain lists, read once: the features look words up thousands of times,
    and spaCy's token attributes and ``children`` walks cost far more than a list index."""

    lower: list[str]
    lemma: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    alpha: list[bool]
    children: list[list[int]]
    case: dict[int, str]  # nominal -> its preposition ("to" of "to Russia")
    kinds: dict[int, str]  # token -> the kind of the actor mention covering it

    @classmethod
    def of(cls, doc: Doc) -> "Parsed":
        # one C-level read of the attributes (the hashes), then the strings: Token objects are slow to make
        arr = doc.to_array([LOWER, LEMMA, TAG, DEP, HEAD, IS_ALPHA]).tolist()
        strings = doc.vocab.strings
        lower = [strings[r[0]] for r in arr]
        deps = [strings[r[3]] for r in arr]
        heads = [i + (r[4] if r[4] < 2 ** 63 else r[4] - 2 ** 64) for i, r in enumerate(arr)]  # relative, as uint64
        children: list[list[int]] = [[] for _ in heads]
        case = {}
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(i)
                if deps[i] == "case" and h not in case:
                    case[h] = lower[i]
        return cls(lower, [strings[r[1]].lower() for r in arr], [strings[r[2]] for r in arr], deps, heads,
                   [bool(r[5]) for r in arr], children, case, mention_kinds(doc))


def is_predicate(p: Parsed, i: int, lexical: bool = False) -> bool:
    """Whether word ``i`` may name an event (``lexical``: a lexicon trigger starts on it)."""
    return lexical or (p.tag[i].startswith(PREDICATE_TAGS) and p.tag[i] != "NNP" and p.alpha[i])


def actor_kind(codes: Sequence[str], kind: str) -> str:
    """What an actor mention is, coarsely: its sector (GOV, MIL, REB...) or its kind (state, igo...)."""
    sectors = {c[3:6] for c in codes if len(c) >= 6 and not c.startswith("UNK")}
    if len(sectors) == 1:
        return sectors.pop()
    return kind


def mention_kinds(doc: Doc) -> dict[int, str]:
    """Token index -> the kind of the actor mention covering it (see :func:`actor_kind`)."""
    out: dict[int, str] = {}
    for m in doc._.mentions or ():
        k = actor_kind(m.codes, m.kind)
        for i in range(m.start, m.end):
            out[i] = k
    return out


def _arg_kind(p: Parsed, c: int) -> str | None:
    """The actor kind of an argument: the mention on its head word, else on a word at most two
    levels below it ("the Russian army's units")."""
    if c in p.kinds:
        return p.kinds[c]
    for g in p.children[c]:
        if g in p.kinds:
            return p.kinds[g]
        for gg in p.children[g]:
            if gg in p.kinds:
                return p.kinds[gg]
    if p.lower[c] in PERSON_PRONOUNS:
        return "PRON"
    return None


def goods_words(resources: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Word -> the kind of goods it names (the last word of each of the lexicon's resource phrases)."""
    out: dict[str, str] = {}
    for context, phrases in sorted(resources.items()):
        for phrase in phrases:
            out.setdefault(phrase.lower().split()[-1], context)
    return out


def features(p: Parsed, i: int, lexical: Sequence[str], bounds: tuple[int, int], goods: Mapping[str, str]) -> list[str]:
    """The features of word ``i``; ``lexical``: the event categories of the lexicon triggers that
    start on it; ``bounds``: its sentence's [start, end); ``goods``: words naming what an exchange
    carries (:func:`goods_words`), so that "sent shells" and "sent troops" differ."""
    lemma, lower, tag, dep_i, h = p.lemma[i], p.lower[i], p.tag[i], p.dep[i], p.head[i]
    f = ["bias", f"w={lower}", f"l={lemma}", f"t={tag}", f"d={dep_i}", f"suf={lower[-3:]}",
         f"lt={lemma}|{tag[:2]}", f"h={p.lemma[h]}|{dep_i}", f"ht={p.tag[h][:2]}|{dep_i}"]
    if h != i and p.dep[h] in ("xcomp", "ccomp", "advcl"):
        f.append(f"hh={p.lemma[p.head[h]]}")
    for c in p.children[i]:
        dep = p.dep[c]
        f.append(f"cd={dep}")
        if dep in FUNCTION_DEPS:
            f.append(f"c={dep}:{p.lower[c]}")
            continue
        # a nominal's preposition (UD puts it under the nominal: "to/case Russia/obl")
        case = p.case.get(c)
        slot = f"{dep}/{case}" if case else dep
        c_lemma = p.lemma[c]
        f.append(f"c={slot}:{c_lemma}")
        f.append(f"cl={slot}:{c_lemma}|{lemma}")
        if p.lower[c] in goods:
            f.append(f"g={slot}:{goods[p.lower[c]]}")
            f.append(f"gl={slot}:{goods[p.lower[c]]}|{lemma}")
        if dep in ARGUMENT_DEPS:
            k = _arg_kind(p, c)
            f.append(f"a={slot}:{k or '-'}")
            if k:
                f.append(f"al={slot}:{k}|{lemma}")
    if i in p.kinds:
        f.append(f"self={p.kinds[i]}")
    if lower in goods:
        f.append(f"selfg={goods[lower]}")
    for k in range(1, WINDOW + 1):
        for j, side in ((i - k, "-"), (i + k, "+")):
            if bounds[0] <= j < bounds[1]:
                f.append(f"ctx={p.lemma[j]}")
                if k <= 2:
                    f.append(f"w{side}{k}={p.lower[j]}")
    for cat in lexical:
        f.append(f"lex={cat}")
        f.append(f"lexp={cat}|{tag[:2]}")
    if not lexical:
        f.append("lex=-")
    return f
