"""The lexicon's records: actors with dated roles, triggers, cues, CAMEO codes, PLOVER classes, and the Lexicon."""
from __future__ import annotations
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Mapping


# --------------------------------------------------------------------------- #
# Public records
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Role:
    """A date-bounded code held by a person; ``end`` is exclusive, None = current."""

    code: str
    start: date | None
    end: date | None
    title: str | None

    def valid_on(self, when: date) -> bool:
        """True when the role is held on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One lexicon actor: a state, IGO, bloc, organisation, metonym or person."""

    id: str
    code: str | None
    kind: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    country: str | None
    roles: tuple[Role, ...]

    def code_at(self, when: date | str | None) -> str:
        """The actor's code on ``when``.

        Entries with a fixed code return it. Otherwise the role valid on ``when``
        (the latest-starting one if several, but an office outranks an ``ELI`` role and a
        plain office its own portfolio held at the same time: a president who is also
        defence minister, ZMBGOV and ZMBGOVMIL, is ZMBGOV); when ``when`` is None or no
        role matches, the open-ended (current) role, else the latest role.
        """
        if self.code is not None:
            return self.code
        if not self.roles:
            return self.country or "UNK"
        day = _as_day(when)
        if day is not None:
            held = [r for r in self.roles if r.valid_on(day)]
            if held:
                held = [r for r in held if not r.code.endswith("ELI")] or held
                held = [r for r in held if not any(
                    len(o.code) < len(r.code) and r.code.startswith(o.code) for o in held)]
                return max(held, key=lambda r: r.start or date.min).code
        current = [r for r in self.roles if r.end is None]
        if current:
            return max(current, key=lambda r: r.start or date.min).code
        return max(self.roles, key=lambda r: (r.end or date.max, r.start or date.min)).code


@dataclass(frozen=True)
class Trigger:
    """An event word: its surface forms and its CAMEO / PLOVER coding."""

    lemma: str
    pos: str
    forms: tuple[str, ...]
    cameo: str | None
    event_type: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class Cue:
    """A word that introduces an attributed claim, with the stance it gives."""

    lemma: str
    pos: str
    forms: tuple[str, ...]
    stance: str
    # a cue only with a clausal complement or a quotation, which only the parse can show (engine v2)
    frame: bool = False
    # a cue that may follow its source ("“...,” said Putin"): the engine then looks for the source after it
    inverts: bool = False


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO code with its Goldstein score and PLOVER category (None for 01x/02x)."""

    code: str
    name: str
    goldstein: float
    event_type: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class PloverClass:
    """A PLOVER category/mode row; ``mode`` is "" for the category's base row."""

    event_type: str
    mode: str
    quad_class: int
    score: float
    requires_recipient: bool = False


@dataclass(frozen=True)
class CodingRules:
    """The coding rules of ``coding_rules.yaml`` (section ``rules``): how the engine turns words into codes.

    They are data, like the rest of the lexicon, so that an analyst file can
    change them; an analyst's rule replaces the packaged one whole.
    """

    # claim stance -> the status of the events inside the claim ("accused X of ..." -> alleged)
    stance_status: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # events that code the act they commit to, refuse or threaten: category -> inner category -> their mode
    subsuming: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    # category -> the CAMEO code of its planned form ("pledged aid": 033, intend to provide aid)
    intent_cameo: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # categories whose recipient may follow "for" ("support for Kyiv", "aid for Gaza")
    benefactive: frozenset[str] = frozenset()
    # categories whose direct object is their recipient: with a non-actor object there is no relation
    object_is_recipient: frozenset[str] = frozenset()
    # material exchanges: their objects name what flows (weapons, technology, aid)
    exchanges: frozenset[str] = frozenset()
    # categories that take a stance on an act: "only" its doer is the recipient, "or" the act's target if no doer
    stance_on_acts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # joint acts coded both ways between the countries of a plural source: category -> trigger lemmas (empty: all)
    joint_acts: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    # claim stances whose content the source asserts as true of others
    alleging: frozenset[str] = frozenset()
    # words where the content of a claim stops: the writer's own clauses
    content_breaks: frozenset[str] = frozenset()
    # sectors of agent nouns that, named with no country ("police", "protesters"), take the one the text gives
    context_country_sectors: frozenset[str] = frozenset()
    # of those, the sectors whose bare nouns take their sentence's country only when it is named before them
    context_country_before: frozenset[str] = frozenset()
    # the categories whose relations are material exchanges in the charts
    material_events: tuple[str, ...] = ()
    # chart category -> word stems of a mode or context naming it, first match wins
    material_categories: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the categories whose relations with the focus make an actor aligned or opposed in the network
    alignment_events: frozenset[str] = frozenset()
    # of those, the ones that only endorse an organisation (igo, bloc) unless the organisation acts
    endorsing_events: frozenset[str] = frozenset()
    # the categories whose act, with no recipient named, falls on the actor's own country
    self_targeted: frozenset[str] = frozenset()
    # the categories whose act, with no recipient named, is received where it happens: a visit's host
    host_targeted: frozenset[str] = frozenset()
    # the categories coded from an agentless passive with a named recipient, with no source
    agentless_events: frozenset[str] = frozenset()
    # the categories that take a recipient named only inside their clausal complement (a warning's)
    content_targeted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Everything the annotation engine looks up, read-only."""

    actors: tuple[ActorEntry, ...]
    agents: Mapping[str, str]
    sectors: Mapping[str, str]
    triggers: tuple[Trigger, ...]
    cues: tuple[Cue, ...]
    modality: Mapping[str, tuple[str, ...]]
    cameo: Mapping[str, CameoCode]
    plover: Mapping[tuple[str, str], PloverClass]
    version: str
    # context name -> words naming what an exchange carries (events.yaml `resources`)
    resources: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # surface form -> what it is (weapon, operation, ...): names that are never actors
    not_actors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # cue words of names that are never actors (not_actors.yaml `things`): ship prefixes ("USS"),
    # vessel nouns ("the frigate X"), operation words ("Operation X"), facility nouns ("X Airport")
    things: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    # the coding rules (coding_rules.yaml `rules`)
    rules: CodingRules = field(default_factory=CodingRules)


def _as_day(when: date | str | None) -> date | None:
    if when is None:
        return None
    if isinstance(when, datetime):
        return when.date()
    if isinstance(when, date):
        return when
    return date.fromisoformat(str(when)[:10])


def slug(text: str) -> str:
    """The id-safe form of a name ("Washington, D.C." -> "washington-d-c"), shared with the build."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
