"""The words of a claim's source phrase: the noun phrase of who is reported, and nothing around it.

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

from .clauses import SentenceView
from .grammar import APOSTROPHES, QUOTE_CLOSE, QUOTE_OPEN, RELATIVE_PRONOUNS

FINITE = {"VBD", "VBZ", "VBP", "MD"}
LEAD = {"according", "to", "by", "from", "despite", "of", "and", "but"}


def clean_span(view: SentenceView, lo: int, hi: int, cue_start: int, cue_end: int) -> tuple[int, int] | None:
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
        if t.lower_ in RELATIVE_PRONOUNS or t.lower_ in ("whose", "where"):
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
                       or doc[lo].lower_ in LEAD):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].text in QUOTE_CLOSE or doc[hi - 1].text in APOSTROPHES
                       or doc[hi - 1].lower_ in RELATIVE_PRONOUNS):
        hi -= 1
    return (lo, hi) if hi > lo else None
