"""The learned argument model: which actor mention of a sentence is an event's source, which its target.

For an event word (the head of a trigger) and each actor mention of its sentence, a
multinomial logistic regression over sparse parse features (the dependency path between
them, the mention's preposition, which side it stands on, the voice, the kind of actor and
the event's category) gives the probabilities of SOURCE, TARGET and NONE. It is trained on
the open corpus's labelled events (``training/train_arguments.py``) and ships as checked
arrays like the event model (:class:`~accord.pipeline.eventmodel.EventModel`).

The relations component asks it only for a role its parse rules left empty: the rules keep
what they find, and the model is their explicit fallback.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..errors import AccordError
from .eventmodel import NONE, EventModel
from .predicates import Parsed, actor_kind

SOURCE, TARGET = "SOURCE", "TARGET"
ROLES = (NONE, SOURCE, TARGET)
PATH_STEPS = 4  # dependency steps kept on each side of the path; longer paths are cut


@dataclass(frozen=True)
class Candidate:
    """An actor mention of the event's sentence: tokens [start, end), its head word and what it is."""

    start: int
    end: int
    head: int
    codes: tuple[str, ...]
    kind: str


def span_head(p: Parsed, start: int, end: int) -> int:
    """The word of [start, end) whose head lies outside it (the first such), else ``start``."""
    for k in range(start, end):
        if not start <= p.head[k] < end or p.head[k] == k:
            return k
    return start


def _ancestors(p: Parsed, i: int) -> list[int]:
    chain = [i]
    while p.head[chain[-1]] != chain[-1] and len(chain) < 64:
        chain.append(p.head[chain[-1]])
    return chain


def dep_path(p: Parsed, a: int, b: int) -> tuple[str, str, bool]:
    """The path from ``a`` up to the common ancestor and down to ``b``, as dependency labels
    (each side cut at :data:`PATH_STEPS`), and whether ``b`` lies under ``a``."""
    up = _ancestors(p, a)
    down = _ancestors(p, b)
    on_up = {x: k for k, x in enumerate(up)}
    for k, x in enumerate(down):
        if x in on_up:
            top = x
            down_part = down[:k]
            break
    else:  # different trees (a sentence split the parser did not see)
        return "?", "?", False
    up_part = up[:on_up[top]]
    ups = "^".join(p.dep[x] for x in up_part[:PATH_STEPS])
    downs = "v".join(p.dep[x] for x in reversed(down_part[-PATH_STEPS:]))
    return ups, downs, top == a


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def arg_features(p: Parsed, i: int, cand: Candidate, category: str, between: int, nearest: bool) -> list[str]:
    """The features of mention ``cand`` as an argument of the event word ``i`` of ``category``
    (``between``: how many other mentions lie between them; ``nearest``: none does on its side)."""
    m = cand.head
    ups, downs, under = dep_path(p, i, m)
    path = f"{ups}|{downs}"
    lemma, pos = p.lemma[i], p.tag[i][:2]
    passive = any(p.dep[c] in ("aux:pass", "nsubj:pass") for c in p.children[i])
    voice = "pass" if passive else pos
    case = p.case.get(m, "-")
    side = "L" if cand.end <= i else "R"
    kind = actor_kind(list(cand.codes), cand.kind)
    return ["bias", f"p={path}", f"pc={path}|{category}", f"pv={path}|{voice}", f"pl={path}|{lemma}",
            f"u={ups}|{voice}", f"dn={downs}", f"under={under}|{voice}",
            f"case={case}", f"cc={case}|{category}", f"cv={case}|{voice}", f"cl={case}|{lemma}",
            f"md={p.dep[m]}|{voice}", f"mdc={p.dep[m]}|{category}",
            f"side={side}|{voice}", f"sc={side}|{category}", f"dist={_bucket(abs(m - i))}|{side}",
            f"btw={_bucket(between)}", f"near={nearest}|{side}", f"k={kind}", f"kc={kind}|{category}",
            f"kp={kind}|{path}", f"c={category}", f"cat_pos={category}|{voice}"]


def candidates(p: Parsed, mentions: Sequence, bounds: tuple[int, int], trigger: tuple[int, int]) -> list[Candidate]:
    """The actor mentions of the sentence [bounds) outside the trigger's words, in text order."""
    out = []
    for m in mentions:
        if not bounds[0] <= m.start < bounds[1] or (m.start < trigger[1] and trigger[0] < m.end) or not m.codes:
            continue
        out.append(Candidate(m.start, m.end, span_head(p, m.start, m.end), tuple(m.codes), m.kind))
    return out


def examples(p: Parsed, i: int, cands: list[Candidate], category: str) -> list[list[str]]:
    """The features of each candidate as an argument of event word ``i``."""
    out = []
    for k, c in enumerate(cands):
        if c.end <= i:
            between = sum(1 for d in cands[k + 1:] if d.end <= i)
        else:
            between = sum(1 for d in cands[:k] if d.start > i)
        out.append(arg_features(p, i, c, category, between, between == 0))
    return out


class ArgumentModel:
    """The role of each candidate mention for an event word (a checked :class:`EventModel` over :data:`ROLES`)."""

    def __init__(self, model: EventModel) -> None:
        if set(model.classes) != set(ROLES):
            raise AccordError(f"argument model: classes {model.classes}, expected {ROLES}")
        self.model = model
        self.col = {r: model.classes.index(r) for r in ROLES}

    def roles(self, p: Parsed, i: int, cands: list[Candidate], category: str, threshold: float
              ) -> tuple[Candidate | None, Candidate | None]:
        """The most probable source and target among ``cands`` (each at least ``threshold``
        probable and more probable than its other roles; one mention never takes both)."""
        if not cands:
            return None, None
        probs = self.model.probabilities(examples(p, i, cands, category))
        best: dict[str, tuple[float, int]] = {}
        for k, row in enumerate(probs.tolist()):
            for role in (SOURCE, TARGET):
                x = row[self.col[role]]
                if x >= threshold and x == max(row) and x > best.get(role, (0.0, -1))[0]:
                    best[role] = (x, k)
        src = cands[best[SOURCE][1]] if SOURCE in best else None
        tgt = cands[best[TARGET][1]] if TARGET in best else None
        return src, tgt
