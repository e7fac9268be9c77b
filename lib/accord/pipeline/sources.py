"""Sources: who makes a claim (:func:`claim_source`), who does an event (:func:`event_source`), and
the words that name a claim's source (:func:`clean_span`).

The two sources are separate functions on purpose: the claims and relations components each call
their own, so a change to how claims find their speaker cannot move the doers of events. Both ask
the sentence view (:class:`~accord.pipeline.sentence.Sentence`) for grammatical roles, which the
tree view reads from the parse and falls back to word order for.

The words of a claim's source phrase: the noun phrase of who is reported, and nothing around it.

The parse gives the source's tokens as the subtree of its head, which sometimes takes in more than
the phrase: the punctuation or the "according to" before it, the cue itself when the source is a
possessor ("Israel's warning that ..." -> "Israel"), the verb that follows a misparsed subject ("the
city's mayor posted on Telegram"), a circumstantial participle ("two diplomats, speaking on
condition of anonymity") or an adjunct set off by a comma ("Fatoumata Diallo, a researcher, in a new
report"). :func:`clean_span` cuts those away and keeps appositions, titles, prepositional modifiers
and relative clauses, which belong to the phrase (the dev set's guideline 3 and the corpus's section 7).
Only the span is cut: the actor codes of the source are the component's.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import opencues
from .grammar import APOSTROPHES, ARTICLES, OTHER_RELATIVES, QUOTE_CLOSE, QUOTE_OPEN, RELATIVE_PRONOUNS, SOURCE_LEADS
from .quotes import quote_before
from .sentence import Arg, Sentence
from ..lexicon import CodingRules, Trigger

FINITE = {"VBD", "VBZ", "VBP", "MD"}
# events whose name modifier is where or whom they strike ("the Kyiv attack"), not who does them
MODIFIER_NOT_DOER = frozenset({"ASSAULT", "MOBILIZE"})


@dataclass
class ClaimSource:
    """Who makes a claim: ``arg``, and how the sentence says so."""

    arg: Arg
    inverted: bool = False  # the source follows its verb ("“...,” said the minister")
    about: Arg | None = None  # the subject of a passive cue ("X was accused by Y"): whom the claim is about


def claim_source(view: Sentence, s: int, e: int, pos: str, inverts: bool) -> ClaimSource | None:
    """The source of the claim whose cue is tokens [s, e), read as a ``pos`` ("verb" or "noun").

    In order: a passive cue's by-agent ("X was accused by Y"); a verb's subject, or for a verb
    that may follow its source (``inverts``) the phrase right after it ("..., said Putin"); a
    noun cue's possessor, modifier or light verb's subject ("Russia's accusation"); and for a verb
    whose source the lexicon cannot code, the tree's subject phrase ("analysts said") or object
    ("his supporters accused X of Y"). None: no one makes this claim here.
    """
    about = None
    inverted = False
    if pos == "verb" and view.is_passive(e - 1):
        source = view.agent_after(e)
        about = view.subject(s)
    elif pos == "verb":
        source = view.subject(s)
        if inverts and (source is None or quote_before(view, s, right_before=True)):
            after = _phrase_after(view, e)
            if after is not None:
                source, inverted = after, True
    else:
        source = view.noun_source(s, allow_name_modifier=True)
    if (source is None or not source.codes) and pos == "verb" and not about:
        source = view.uncoded_source(s)
        if source is None and view.parsed:
            source = opencues.object_subject(view, s)
    return ClaimSource(source, inverted, about) if source is not None else None


def _phrase_after(view: Sentence, e: int) -> Arg | None:
    """The group right after token ``e`` (past articles and "by"): an inverted source."""
    j = e
    while j < view.end and (view.lower[j] in ARTICLES or view.lower[j] == "by"):
        j += 1
    g = view.group_at.get(j)
    return Arg(g.codes, g.start, g.end) if g else None


@dataclass
class EventRoles:
    """The source and target of an event as the sentence gives them."""

    source: Arg | None
    target: Arg | None
    reported: bool  # the words report the event (a verb, "held talks"), rather than refer to it ("the talks")


def event_source(view: Sentence, s: int, e: int, pos: str, trigger: Trigger, coding: CodingRules,
                 converse: bool = False, default_source: list[str] | None = None) -> EventRoles:
    """The source of the event whose trigger is tokens [s, e), read as a ``pos`` ("verb" or "noun"),
    with the target the same reading gives (a passive or "between X and Y" fixes both at once).

    A verb: a passive's by-agent, else its subject (else ``default_source``, the doer of the act
    that governs it: "agreed to supply"); a ``converse`` verb swaps the two ("X hosted Y": Y
    visits). A noun: its possessor, modifier or light verb's subject; "between X and Y" gives
    both sides; else a by-agent nearby, and for a joint act ("talks with X") the subject of the
    clause it stands in. The roles left empty are the learned argument model's to fill.
    """
    event_type = trigger.event_type
    recipient = dict(allow_for=event_type in coding.benefactive, allow_from=event_type == "RETREAT")
    if pos == "verb":
        if view.is_passive(e - 1):
            source, target = view.agent_after(e), view.subject(s) or view.object(e)
        else:
            source = view.subject(s)
            if source is None and default_source:
                source = Arg(list(default_source), -1, -1)
            target = view.object(e, skip_country=set(source.codes) if source else None,
                                 stance=coding.stance_on_acts.get(event_type), **recipient)
        if converse:
            source, target = target, source
        return EventRoles(source, target, True)
    source = view.noun_source(s, allow_name_modifier=event_type not in MODIFIER_NOT_DOER)
    reported = view.light_verb_used
    target = None
    pair = view.between(e - 1)
    if pair is not None and (source is None or set(source.codes) <= set(pair[0].codes + pair[1].codes)):
        source, target = pair  # "the alliance between X and Y" (a source among the pair is the pair)
    elif pair is not None:
        target = Arg(pair[0].codes + pair[1].codes, pair[0].start, pair[1].end)  # "mediation between X and Y"
    elif view.noun_recipient is not None:
        target = view.noun_recipient
    else:
        source = source or view.agent_after(e, limit=4)
        target = view.object(e, skip_country=set(source.codes) if source else None, **recipient)
        if source is None and target is not None and event_type in coding.joint_acts:
            source = view.governing_subject(s)  # "X scrapped the decree after talks with Y"
    return EventRoles(source, target, reported)


def clean_span(view: Sentence, lo: int, hi: int, cue_start: int, cue_end: int) -> tuple[int, int] | None:
    """Tokens [lo, hi) of a source phrase without what does not belong to it (None when nothing is left)."""
    doc = view.doc
    while lo < hi and doc[lo].is_punct:
        lo += 1
    if lo < cue_start < hi:
        hi = cue_start  # a possessor or a subject whose subtree reaches the cue: the phrase stops before it
    elif lo < cue_end <= hi and lo >= cue_start:
        lo = cue_end  # "according to X", "said X": the phrase starts after the cue
    # the phrase's head: the token whose own head lies outside the span; what is cut before it goes
    # with the words before the phrase ("Despite the minister's denial, leaked documents")
    roots = [k for k in range(lo, hi) if not lo <= doc[k].head.i < hi or doc[k].head.i == k]
    root = roots[0] if roots else lo
    relative = False
    for k in range(lo + 1, hi):
        t = doc[k]
        if t.lower_ in RELATIVE_PRONOUNS or t.lower_ in OTHER_RELATIVES:
            relative = True  # a relative clause belongs to the phrase, with its verbs
            continue
        comma_cut = doc[k - 1].text == "," and (t.tag_ == "VBG" or (t.tag_ == "IN" and t.lower_ != "of"))
        if (not relative and t.tag_ in FINITE) or comma_cut:
            if k <= root:
                lo = k  # an opening phrase before the head: the source starts after it
                continue
            hi = k - 1 if comma_cut else k  # a verb of its own, or circumstances set off by a comma
            break
    while lo < hi and (doc[lo].is_punct or doc[lo].text in QUOTE_OPEN or doc[lo].text in QUOTE_CLOSE
                       or doc[lo].lower_ in SOURCE_LEADS):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].text in QUOTE_CLOSE or doc[hi - 1].text in APOSTROPHES
                       or doc[hi - 1].lower_ in RELATIVE_PRONOUNS):
        hi -= 1
    return (lo, hi) if hi > lo else None
