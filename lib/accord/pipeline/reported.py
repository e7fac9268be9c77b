"""Relations inside the claims that report them: which claim holds an event, denials of one's own
acts, and denied relations completed from what they deny (the last step of the relations component)."""
from __future__ import annotations

from typing import AbstractSet, Callable

from spacy.tokens import Doc

from .claims import Claim, link_denials


def innermost(claims: list[Claim], s: int) -> Claim | None:
    """The claim whose content (or cue) holds token ``s``, the innermost if nested."""
    inside = [c for c in claims if c.content_start <= s < c.content_end or c.cue_start == s]
    return max(inside, key=lambda c: (c.content_start, c.index)) if inside else None


def _self_denials(claims: list[Claim], relations: list, ahead: Callable[[object], bool]) -> None:
    """A source saying it did not do something denies it ("Beijing had never provided weapons"); saying
    it will not (``ahead``: the act's words look forward, "would not withdraw") is a refusal, not a denial."""
    for c in claims:
        speakers = {x[:3] for x in c.source}
        own = [relations[r] for r in c.relations if relations[r].status == "negated"
               and speakers & {x[:3] for x in relations[r].source} and not ahead(relations[r])]
        if own and c.stance in ("assert", "announce"):
            c.stance = "deny"
            for rel in own:
                rel.status = "denied"


def attach_to_claims(doc: Doc, alleging: AbstractSet[str], ahead: Callable[[object], bool] = lambda rel: False) -> None:
    """List each claim's relations, link denials, and complete denied relations from what they deny
    (one that cannot be completed is dropped); ``ahead``: whether a relation's words look forward."""
    claims: list[Claim] = doc._.claims
    relations: list = doc._.relations  # of relations.Relation
    for i, rel in enumerate(relations):
        if rel.claim is not None and claims[rel.claim].cue_start != rel.trigger_start:
            claims[rel.claim].relations.append(i)
    _self_denials(claims, relations, ahead)
    link_denials(doc, alleging)
    keep = []
    for rel in relations:
        if not rel.source and rel.status == "denied":  # (an agentless act keeps its empty source)
            denial = claims[rel.claim] if rel.claim is not None else None
            if denial is None or denial.contests is None:
                continue
            denied = [relations[r] for r in claims[denial.contests].relations if relations[r].event_type == rel.event_type]
            if not denied:
                continue
            rel.source = rel.source or list(denied[0].source)
            rel.target = rel.target or list(denied[0].target)
            rel.context = rel.context or denied[0].context
        keep.append(rel)
    # renumber the claims' relation lists after dropping incomplete ones
    new_index = {id(r): n for n, r in enumerate(keep)}
    for c in claims:
        c.relations = [new_index[id(relations[r])] for r in c.relations if id(relations[r]) in new_index]
    doc._.relations = keep
