"""How the relations component uses the event model's predictions (:mod:`accord.pipeline.eventmodel`).

Three things the model may do, each a setting, so that each can be measured on its own
(training/README.md has the table):

- ``retype``: a rule's trigger the model reads as another category, confidently, takes the
  model's category (and the CAMEO code usual for it, unless the lexicon gives that category
  to the same word);
- ``veto``: a rule's trigger the model reads as no event, confidently, gives no relation;
- ``add``: a predicate no lexicon trigger covers, which the model reads as an event, is coded
  with the same argument rules as a lexicon trigger (subject, object, agent, "between").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from .eventmodel import Predicate
from ..lexicon import Lexicon, Trigger


@dataclass(frozen=True)
class LearnedSettings:
    """Thresholds on the model's probabilities (1.0 / 0.0 switch a part off)."""

    retype: float = 0.6  # retype when the model's category is this much more probable than the rule's
    veto: float = 1.0  # drop a rule's relation when NONE has at least this probability
    add: float = 0.5  # code an uncovered predicate when its category has at least this probability


def category_cameo(lexicon: Lexicon) -> dict[str, str]:
    """Each PLOVER category's usual CAMEO code: the root code of the root most of its triggers have."""
    roots: dict[str, Counter] = {}
    for t in lexicon.triggers:
        if t.event_type and t.cameo:
            roots.setdefault(t.event_type, Counter())[t.cameo[:2]] += 1
    out = {}
    for cat, counts in roots.items():
        root = min(counts, key=lambda r: (-counts[r], r))
        out[cat] = root + "0"
    return out


def best(preds: Sequence[Predicate]) -> Predicate | None:
    """The prediction of a multi-word trigger: that of its word most likely an event."""
    return min(preds, key=lambda p: p.p_none) if preds else None


def judge(rel, preds: Sequence[Predicate], settings: LearnedSettings, cameo: Mapping[str, str],
          entries: Sequence[Trigger]) -> bool:
    """Apply ``retype`` to a rule's relation in place; False when ``veto`` drops it."""
    p = best(preds)
    if p is None:
        return True
    if p.p_none >= settings.veto:
        return False
    if p.category != rel.event_type and p.p - p.p_of(rel.event_type) >= settings.retype:
        same = [t for t in entries if t.event_type == p.category]
        rel.event_type = p.category
        rel.mode = same[0].mode or None if same else None
        rel.cameo = same[0].cameo if same else cameo.get(p.category)
    return True


def model_triggers(doc, preds: Mapping[int, Predicate], covered: set[int], settings: LearnedSettings,
                   cameo: Mapping[str, str]) -> list[tuple[int, Trigger]]:
    """(token, a trigger entry made from the model's prediction) for each uncovered predicate it reads as an event."""
    out = []
    for i in sorted(preds):
        p = preds[i]
        if i in covered or p.p < settings.add or p.p <= p.p_none:
            continue
        t = doc[i]
        pos = "verb" if t.tag_.startswith("VB") else "noun"
        out.append((i, Trigger(t.lemma_.lower(), pos, (t.lower_,), cameo.get(p.category), p.category, None, None)))
    return out
