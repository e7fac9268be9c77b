"""The recipient of an act whose sentence names none, where PLOVER's coding gives one anyway.

Two coding rules (``data/coding_rules.yaml``) say which categories take which default:

* ``self_targeted``: coercion falls on the actor's own country ("the government declared martial
  law": ARMGOV -> ARM); an organisation's acts keep none;
* ``host_targeted``: a consultation held in another country than its actor's is a visit to that
  country ("Wang Yi arrived in Pyongyang for a two-day visit": CHNGOV -> PRK), read from the
  relation's ``location_country``.

An act whose sentence names its recipient keeps it; an attack or a sanction with none stays without.
"""
from __future__ import annotations

from typing import AbstractSet, Protocol

from ..lexicon import CodingRules
from .wordlists import unique

__all__ = ["default_recipient"]


class _Act(Protocol):
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
