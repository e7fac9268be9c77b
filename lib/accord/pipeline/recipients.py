"""The recipient of an act whose sentence names none, where PLOVER's coding gives one anyway.

Two coding rules (``data/coding_rules.yaml``) say which categories take which default:

* ``self_targeted``: coercion falls on the actor's own country ("the government declared martial
  law": ARMGOV -> ARM); an organisation's acts keep none;
* ``host_targeted``: a consultation held in another country than its actor's is a visit to that
  country ("Wang Yi arrived in Pyongyang for a two-day visit": CHNGOV -> PRK), read from the
  relation's ``location_country``.

A third, :func:`content_recipient`, reads the parse: a warning or threat whose recipient is named
only inside what is threatened ("warned that it would respond with force to any Indian
aggression") takes the first actor of that clause who is not on its own side (coding rule
``content_targeted``).

An act whose sentence names its recipient keeps it; an attack or a sanction with none stays without.
"""
from __future__ import annotations

from typing import AbstractSet, Protocol, Sequence

from spacy.tokens import Doc

from ..lexicon import CodingRules
from .actors import UNRESOLVED, Mention
from .reference import is_own
from .wordlists import unique

__all__ = ["default_recipient", "content_recipient"]

CONTENT_DEPS = ("ccomp", "xcomp", "advcl")


class _Act(Protocol):
    trigger_start: int
    event_type: str
    source: list[str]
    target: list[str]
    location_country: str | None


def default_recipient(rel: _Act, coding: CodingRules, states: AbstractSet[str]) -> None:
    """Give ``rel`` the recipient its category's coding rule implies, when it has none.

    ``states``: the codes of the lexicon's states (an actor's own country must be one).
    """
    if rel.target:
        return
    if rel.event_type in coding.self_targeted:
        rel.target = unique(c[:3] for c in rel.source if c[:3] in states)
    elif rel.event_type in coding.host_targeted and rel.location_country \
            and rel.location_country not in {c[:3] for c in rel.source}:
        rel.target = [rel.location_country]


def content_recipient(doc: Doc, rel: _Act, coding: CodingRules, mentions: Sequence[Mention]) -> None:
    """Give a content-targeted act with no recipient the first actor of its clausal complement that is
    not on its source's side (needs the parse; unresolved names are no recipient)."""
    if rel.target or rel.event_type not in coding.content_targeted or not doc.has_annotation("DEP"):
        return
    verb = doc[rel.trigger_start]
    for clause in (c for c in verb.children if c.dep_ in CONTENT_DEPS):
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        for m in mentions:
            if lo <= m.start < hi and not any(c.startswith(UNRESOLVED) for c in m.codes) \
                    and not is_own(m.codes, set(rel.source)):
                rel.target = list(m.codes)
                return
