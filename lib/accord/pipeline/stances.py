"""The stance of a claim from what it says, where the cue word alone misleads.

The lexicon gives each cue a stance ("said": assert, "rejected": deny). Two shapes say more:

* a neutral report of the speaker's own stance verb: "Beijing said it firmly opposes ..." is
  opposition, "the ministry said it “strongly condemns” ..." an accusation: the stance is the inner
  verb's when its subject is a pronoun (the speaker speaking of itself);
* a denial verb whose object is no statement: rejecting "Seoul's offer of talks" opposes an
  offer, it denies nothing (the corpus guidelines: deny is "reject a claim", oppose "object").

Word lists: ``data/grammar/english.yaml`` (``statement_objects``, ``opposing_denials``).
"""
from __future__ import annotations

from spacy.tokens import Doc

from .grammar import OPPOSING_DENIALS, PRONOUNS, STATEMENT_OBJECTS


def refine_stance(doc: Doc, cue: int, stance: str, verb_stances: dict[str, str]) -> str:
    """The stance of the claim whose cue is token ``cue`` (``verb_stances``: verb form -> stance of the lexicon)."""
    verb = doc[cue]
    if not verb.tag_.startswith("VB"):
        return stance
    if stance == "assert":
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > verb.i and c.lower_ in verb_stances and verb_stances[c.lower_] != "assert":
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubj:outer")), None)
                if subj is not None and subj.lower_ in PRONOUNS | {"we"}:
                    return verb_stances[c.lower_]  # "said it firmly opposes": the speaker's own stance
        return stance
    if stance == "deny" and verb.lower_ in OPPOSING_DENIALS:
        obj = next((c for c in verb.children if c.dep_ == "obj" and c.i > verb.i), None)
        if obj is not None and obj.lower_ not in STATEMENT_OBJECTS and not any(
                m.dep_ in ("acl", "ccomp") and any(x.lower_ == "that" and x.dep_ == "mark" for x in m.children)
                for m in obj.children):
            return "oppose"  # "rejected the offer": no statement is denied
    return stance
