"""What a report's words imply beyond the act they name: demands, threats and intents.

* "X said Y must do Z" is X's demand of Y (PLOVER REQUEST), whether Z is an event of the lexicon
  (:func:`demand_of`) or not ("told Kiev it must pay its debts": :func:`bare_demand`);
* a planned act made conditional ("will withdraw unless ...") is a threat (:func:`conditional_threat`),
  and a threat is made when it is said (:func:`threat_is_made`);
* a planned cooperative act is an agreement to act (:func:`intent_as_agree`), and one refused
  ahead ("would not withdraw the ship") a rejection (:func:`refusal`).
"""
from __future__ import annotations

from typing import Mapping

from .claims import Claim
from .grammar import THREAT_ALTERNATIVE
from .relation import Relation
from .reported import innermost
from .sentence import Sentence
from .wordlists import PhraseIndex, ends_with_any
from ..lexicon import CodingRules


def demand_of(view: Sentence, rel: Relation, claims: list[Claim], obligation: PhraseIndex) -> Relation | None:
    """"X said Y must do Z": X makes a demand of Y (PLOVER REQUEST); Z itself is only hypothetical
    (``rel``'s status is set so). ``obligation``: the modality words "must", "should", ..."""
    claim = innermost(claims, rel.trigger_start)
    if claim is None or claim.cue_start == rel.trigger_start or not rel.source:
        return None
    lo = max(claim.content_start, rel.trigger_start - 4)
    if not any(ends_with_any(view.lower, k, obligation) for k in range(lo, rel.trigger_start + 1)):
        return None
    rel.status = "hypothetical"
    speaker = list(claim.source)
    if {c[:3] for c in speaker} == {c[:3] for c in rel.source}:
        return None  # "we must act": a resolve, not a demand of others
    return Relation(rel.sent, min(claim.cue_start, rel.start), max(claim.cue_end, rel.end), claim.cue_start,
                    claim.cue_end, speaker, list(rel.source), "REQUEST", None, rel.context, "100", "reported",
                    claim.index, rel.date)


def bare_demand(view: Sentence, claim: Claim, relations: list[Relation], obligation: PhraseIndex,
                date: str | None) -> Relation | None:
    """"X told Y it must pay its debts": a demand of Y (REQUEST, dated ``date``) whose act is no event
    of the lexicon; None when the claim already holds a demand or the one obliged is the speaker."""
    if claim.stance == "deny" or not claim.source or any(r.claim == claim.index and r.event_type == "REQUEST"
                                                        for r in relations):
        return None
    for k in range(claim.content_start + 1, claim.content_end):
        if not ends_with_any(view.lower, k, obligation):
            continue
        subject = view.subject(k)
        if subject is None or not subject.codes or not claim.content_start <= subject.start < k \
                or {c[:3] for c in subject.codes} & {c[:3] for c in claim.source}:
            return None  # "we must act", "it should": a resolve, not a demand of others
        return Relation(claim.sent, claim.start, max(claim.end, k + 1), claim.cue_start, claim.cue_end,
                        list(claim.source), list(subject.codes), "REQUEST", None, None, "100", "reported",
                        claim.index, date)
    return None


def conditional_threat(view: Sentence, rel: Relation, coding: CodingRules) -> None:
    """"will withdraw unless ...", "must comply or face sanctions": a planned act made conditional is a
    threat; so is a coercive act held out "if" something happens ("could cut gas deliveries if it joins")."""
    if rel.status not in ("planned", "hypothetical"):
        return
    coercive = rel.event_type in coding.subsuming["THREATEN"]
    for k in range(rel.trigger_end, view.end):
        if view.is_break(k) and view.lower[k] != "unless":
            return
        if view.lower[k] == "unless" or tuple(view.lower[k:k + 2]) == THREAT_ALTERNATIVE \
                or (coercive and view.lower[k] == "if"):
            _as_threat(rel, coding)
            return


def _as_threat(rel: Relation, coding: CodingRules) -> None:
    rel.mode = coding.subsuming["THREATEN"].get(rel.event_type)
    rel.event_type, rel.cameo, rel.status = "THREATEN", "130", "reported"


def threat_is_made(rel: Relation) -> None:
    """A threat is made when it is said: "would respond with force" is a THREATEN reported, its
    future or condition being the threat's own (the corpus's labellers code 554 of 561 threats so)."""
    if rel.event_type == "THREATEN" and rel.status in ("planned", "hypothetical"):
        rel.status = "reported"


def intent_as_agree(rel: Relation, intent_cameo: Mapping[str, str]) -> None:
    """PLOVER codes a planned cooperative act as AGREE ("will provide aid", "is ready to withdraw"),
    with CAMEO's "express intent to ..." code of the intended act's category (``rules.intent_cameo``)."""
    if rel.status == "planned" and rel.event_type in intent_cameo:
        rel.cameo = intent_cameo[rel.event_type]
        rel.event_type, rel.mode = "AGREE", None




def refusal(rel: Relation, ahead: bool, coding: CodingRules) -> None:
    """"will not join the exercise", "would not withdraw the ship": a cooperative act negated ahead
    (``ahead``: its words look forward) is refused, PLOVER's REJECT, the act giving its mode; a
    negated past act ("did not send troops") stays what it is."""
    if rel.status != "negated" or not ahead:
        return
    if rel.event_type in coding.subsuming["REJECT"]:
        rel.mode = coding.subsuming["REJECT"][rel.event_type]
        rel.event_type, rel.cameo, rel.status = "REJECT", "120", "reported"
    elif rel.event_type == "REJECT":
        rel.status = "reported"  # the event model read the refusal in the negation itself
