"""The predicates of a parsed sentence and the features the event model reads from them.

A *predicate* is a word that may name an event: a verb, a noun or an adjective by its
PTB tag, or any word a lexicon trigger starts on. Its features are strings (a sparse,
binary bag) drawn from the word itself, the parse around it, the actors the parse links
to it, the modal words that govern it and the lexicon's triggers, which are features here,
not the gate. The same function serves training (``training/train_events.py``) and
annotation (:mod:`accord.pipeline.eventmodel`), so the two cannot drift apart.
"""
from __future__ import annotations

from typing import Mapping, Sequence

from spacy.tokens import Doc, Token

#: PTB tag prefixes of the words that may name an event.
PREDICATE_TAGS = ("VB", "NN", "JJ")
#: Dependency labels of a predicate's arguments whose actor kind is a feature.
ARGUMENT_DEPS = {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:arg", "nmod", "nmod:poss", "compound",
                 "amod", "appos"}
#: Dependency labels of function words, read as words ("will", "not", "to").
FUNCTION_DEPS = {"aux", "aux:pass", "cop", "mark", "advmod", "compound:prt", "det", "case"}
WINDOW = 3


def is_predicate(token: Token, lexical: bool = False) -> bool:
    """Whether ``token`` may name an event (``lexical``: a lexicon trigger starts on it)."""
    return lexical or (token.tag_.startswith(PREDICATE_TAGS) and token.tag_ != "NNP" and token.is_alpha)


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


def _arg_kind(tok: Token, kinds: Mapping[int, str]) -> str | None:
    """The actor kind of an argument: the mention on its head word, else on a word of its phrase."""
    if tok.i in kinds:
        return kinds[tok.i]
    for t in tok.subtree:
        if t.i in kinds and t.head.i in (tok.i, *(c.i for c in tok.children)):
            return kinds[t.i]
    if tok.lower_ in ("he", "she", "they", "we", "i", "who"):
        return "PRON"
    return None


def goods_words(resources: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Word -> the kind of goods it names (the last word of each of the lexicon's resource phrases)."""
    out: dict[str, str] = {}
    for context, phrases in sorted(resources.items()):
        for phrase in phrases:
            out.setdefault(phrase.lower().split()[-1], context)
    return out


def features(doc: Doc, i: int, kinds: Mapping[int, str], lexical: Sequence[str], bounds: tuple[int, int],
             goods: Mapping[str, str]) -> list[str]:
    """The features of the word at ``i`` of a parsed ``doc``; ``lexical``: the event categories
    of the lexicon triggers that start on it; ``bounds``: its sentence's [start, end); ``goods``:
    words naming what an exchange carries (:func:`goods_words`), so that "sent shells" and
    "sent troops" differ."""
    t = doc[i]
    lemma, lower = t.lemma_.lower(), t.lower_
    tag = t.tag_
    f = ["bias", f"w={lower}", f"l={lemma}", f"t={tag}", f"d={t.dep_}", f"suf={lower[-3:]}",
         f"lt={lemma}|{tag[:2]}", f"h={t.head.lemma_.lower()}|{t.dep_}", f"ht={t.head.tag_[:2]}|{t.dep_}"]
    if t.head.i != i and t.head.dep_ in ("xcomp", "ccomp", "advcl"):
        f.append(f"hh={t.head.head.lemma_.lower()}")
    for c in t.children:
        dep = c.dep_
        f.append(f"cd={dep}")
        if dep in FUNCTION_DEPS:
            f.append(f"c={dep}:{c.lower_}")
            continue
        # a nominal's preposition (UD puts it under the nominal: "to/case Russia/obl")
        case = next((g.lower_ for g in c.children if g.dep_ == "case"), None)
        slot = f"{dep}/{case}" if case else dep
        c_lemma = c.lemma_.lower()
        f.append(f"c={slot}:{c_lemma}")
        f.append(f"cl={slot}:{c_lemma}|{lemma}")
        if c.lower_ in goods:
            f.append(f"g={slot}:{goods[c.lower_]}")
            f.append(f"gl={slot}:{goods[c.lower_]}|{lemma}")
        if dep in ARGUMENT_DEPS:
            k = _arg_kind(c, kinds)
            f.append(f"a={slot}:{k or '-'}")
            if k:
                f.append(f"al={slot}:{k}|{lemma}")
    if i in kinds:
        f.append(f"self={kinds[i]}")
    if lower in goods:
        f.append(f"selfg={goods[lower]}")
    for k in range(1, WINDOW + 1):
        for j, side in ((i - k, "-"), (i + k, "+")):
            if bounds[0] <= j < bounds[1]:
                w = doc[j].lower_
                f.append(f"ctx={doc[j].lemma_.lower()}")
                if k <= 2:
                    f.append(f"w{side}{k}={w}")
    for cat in lexical:
        f.append(f"lex={cat}")
        f.append(f"lexp={cat}|{tag[:2]}")
    if not lexical:
        f.append("lex=-")
    return f
