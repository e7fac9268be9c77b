"""How the relations component uses the event model's predictions (:mod:`accord.pipeline.eventmodel`).

Three things the model may do, each a setting, so that each can be measured on its own
(training/README.md has the table):

- ``retype``: a rule's trigger the model reads as another category, confidently, takes the
  model's category (and the CAMEO code usual for it, unless the lexicon gives that category
  to the same word);
- ``veto``: a rule's trigger the model reads as no event, confidently, gives no relation;
- ``add``: a predicate no lexicon trigger covers, which the model reads as an event, is coded
  with the same argument rules as a lexicon trigger (subject, object, agent, "between");
- ``arguments``: a source or target the parse rules leave empty is taken from the argument model
  (:mod:`accord.pipeline.argmodel`) when a mention of the sentence is at least this probably in
  that role; with it on, a verb's event stands without a recipient, as PLOVER codes one-actor acts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from spacy.tokens import Doc

from .argmodel import ArgumentModel, Candidate, candidates, span_head
from .sentence import Arg, Sentence
from .eventmodel import Predicate
from .predicates import Parsed
from ..lexicon import Lexicon, Trigger

#: the event model's probability a verb needs to stand as an act of one actor (training/README.md has the table)
ONE_ACTOR_P = 0.5


@dataclass(frozen=True)
class LearnedSettings:
    """Thresholds on the models' probabilities (1.0 / 0.0 switch a part off)."""

    retype: float = 0.6  # retype when the model's category is this much more probable than the rule's
    veto: float = 1.0  # drop a rule's relation when NONE has at least this probability
    add: float = 0.5  # code an uncovered predicate when its category has at least this probability
    arguments: float = 0.8  # fill a role the rules leave empty with a mention at least this probably in it (1.0: off)


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


class LearnedRoles:
    """The argument model's part in the relations component, for one doc at a time
    (:meth:`begin` ... :meth:`end`): roles the rules leave empty, and acts of one actor."""

    def __init__(self, model: ArgumentModel | None) -> None:
        self.model = model
        self._doc: Doc | None = None
        self._parsed: Parsed | None = None
        self._predicates: dict[int, Predicate] = {}

    def begin(self, doc: Doc) -> None:
        self._doc, self._parsed = doc, None
        self._predicates = {p.i: p for p in doc._.predicates or ()}

    def end(self) -> None:
        self._doc, self._parsed, self._predicates = None, None, {}  # hold nothing of a doc between calls

    def on(self, settings: LearnedSettings) -> bool:
        """Whether the model is there, switched on, and the doc parsed (it reads the parse)."""
        return self.model is not None and settings.arguments < 1.0 and self._doc is not None \
            and self._doc.has_annotation("DEP")

    def one_actor(self, doc: Doc, s: int, settings: LearnedSettings) -> bool:
        """Whether the verb at ``s`` may stand without a recipient: with the argument model, which has
        looked for one among the sentence's actors, a verb's act of one actor is an event as PLOVER
        codes it ("attacked at dawn", "boycotted the summit")."""
        t = doc[s]
        if not self.on(settings) or not t.tag_.startswith("VB") or t.dep_.startswith(("acl", "amod")):
            return False  # a participle describing a noun ("measures imposed by the West") refers to an act
        # and the event model must read the verb as an event: with no second actor to check it against,
        # a misread verb ("inspected", "as long as it takes") would stand alone
        p = self._predicates.get(s)
        return p is not None and p.p >= ONE_ACTOR_P and p.p > p.p_none

    def fill(self, view: Sentence, s: int, e: int, category: str, source: Arg | None, target: Arg | None,
             name_modifier: bool, settings: LearnedSettings) -> tuple[Arg | None, Arg | None]:
        """Fill a role the rules left empty with the model's choice among the sentence's mentions (never
        the phrase already taken for the other role; ``name_modifier``: whether a name compounded with
        the trigger may be its source, as the rules decide)."""
        if not self.on(settings):
            return source, target
        if self._parsed is None:
            self._parsed = Parsed.of(view.doc)
        p = self._parsed
        taken = {a.start for a in (source, target) if a is not None}
        cands = [c for c in candidates(p, view.mentions, (view.start, view.end), (s, e)) if c.start not in taken]
        src, tgt = self.model.roles(p, span_head(p, s, e), cands, category, settings.arguments)
        if src is not None and not name_modifier and p.dep[src.head] == "compound" and s <= p.head[src.head] < e:
            src, tgt = None, tgt or src  # "the Ukraine invasion": a name before an attack noun is its target
        if source is None and src is not None:
            source = _with_group(view, src)
        if target is None and tgt is not None and (source is None or not source.start <= tgt.start < source.end):
            target = _with_group(view, tgt)
            if source is not None and set(target.codes) == set(source.codes):
                target = None  # the same actors in both roles: a misreading, not a domestic event
        return source, target


def _with_group(view: Sentence, cand: Candidate) -> Arg:
    """The argument a chosen mention stands in: its coordinated group ("Russia and China"), if any."""
    g = view.group_at.get(cand.start)
    return Arg(list(g.codes), g.start, g.end) if g is not None else Arg(list(cand.codes), cand.start, cand.end)
