"""Attribution of open class: the reports the lexicon's cue words do not find.

The claims component (:mod:`accord.pipeline.claims`) starts from a cue word of the lexicon and
looks for an actor it can code. News reports much of what it tells in other shapes, whose source
is any noun phrase, often one no lexicon knows ("the statistics department", "diplomats in
Yaounde", "a recent poll"):

* a reporting verb after its content: "..., the ministry said in a statement." (:func:`postposed`);
* "according to" + any noun phrase (:func:`according_to`);
* a document or a measurement that reports: "data showed ...", "the report found ..."
  (:func:`document_report`);
* a reporting noun with a that-clause: "the claim that ...", "fears that ..." (:func:`claim_noun`);
* a headline whose colon is the cue: "Kremlin: talks with Kyiv possible" (:func:`headline`);
* a judgement, request or reaction through an object: "called the verdict a vendetta", "asked Manila
  to explain", "welcomed the decision" (:func:`object_report`).

Each finder reads one sentence view (parsed: :class:`~accord.pipeline.syntax.TreeView`) and returns
an :class:`OpenClaim` or None; the words it reads are data (``data/grammar/english.yaml``). The
content is bounded by the parse (the clause or object of the verb, the that-clause of the noun) or by
the punctuation that sets the report off (the comma before a postposed source, the colon of a
headline). Sources keep their whole phrase; their actor codes are the lexicon's mentions inside it,
and a pronoun takes the codes of the antecedent :meth:`Sentence.resolve_pronoun` finds.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .sentence import Arg, Sentence
from .grammar import (AGENT_CASES, APOSTROPHES, CLAIM_NOUNS, COMPLEMENTISERS, CONJUNCTIONS, DOCUMENT_NOUNS,
                      DOCUMENT_VERBS, EXPLETIVES, HEADLINE_LABELS, JUDGEMENT_DENIALS, JUDGEMENT_PARTICLES,
                      JUDGEMENT_PRAISE, JUDGEMENT_VERBS, NON_SOURCE_SUBJECTS, OBJECT_VERBS, OPENING_CONJUNCTIONS,
                      POSTPOSED_FILLERS, POSTPOSED_VERBS, PRONOUNS, QUOTE_CLOSE, QUOTE_OPEN, REQUEST_VERBS,
                      SOURCE_PHRASE_WORDS, SOURCE_RELATIVES, SOURCE_STOPS, SUBJECT_RELATIVES)
from .wordlists import unique

# tags of the words a source noun phrase is made of (Penn tags, which the trained tagger assigns)
NP_TAGS = {"DT", "PRP$", "PRP", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "NFP"}
HEAD_TAGS = {"NN", "NNS", "NNP", "NNPS", "PRP"}
END = {",", ".", ";", "!", "?", ":"}
MAX_SOURCE = 10  # tokens: a longer stretch before a verb is a clause, not a source


@dataclass
class OpenClaim:
    """A report found by shape: cue tokens, stance, source phrase (or None) and content tokens."""

    cue_start: int
    cue_end: int
    stance: str
    source: Arg | None
    content_start: int
    content_end: int


def _trim(view: Sentence, start: int, end: int) -> int:
    """The end of a content span without the punctuation and conjunctions at its end."""
    while end > start and (view.lower[end - 1] in END or view.lower[end - 1] in CONJUNCTIONS
                           or view.doc[end - 1].text in QUOTE_CLOSE or view.doc[end - 1].text in QUOTE_OPEN):
        end -= 1
    return end


def _skip_open(view: Sentence, start: int, end: int) -> int:
    """The start of a content span without an opening quotation mark or a conjunction."""
    while start < end and (view.doc[start].text in QUOTE_OPEN or view.lower[start] in OPENING_CONJUNCTIONS):
        start += 1
    return start


def source_arg(view: Sentence, start: int, end: int) -> Arg:
    """A source phrase over tokens [start, end): the codes of the mentions inside it, or a pronoun's antecedent."""
    if end - start == 1 and view.lower[start] in PRONOUNS:
        return Arg(view.resolve_pronoun(view.lower[start], start), start, end)
    codes = unique(c for g in view.groups if start <= g.start and g.end <= end for c in g.codes)
    return Arg(codes, start, end)


def _has_verb(view: Sentence, start: int, end: int) -> bool:
    return any(view.doc[k].tag_.startswith("VB") or view.doc[k].tag_ == "MD" for k in range(start, end))


def _np_word(t: Token) -> bool:
    return t.tag_ in NP_TAGS or t.lower_ in SOURCE_PHRASE_WORDS or t.lower_ in ("'s", "’s", "-", "&")


def postposed(view: Sentence, k: int) -> OpenClaim | None:
    """"X did Y, officials said (on Tuesday)." / "..., said the minister.": the report after its content."""
    stance = POSTPOSED_VERBS.get(view.lower[k])
    if stance is None or not view.doc[k].tag_.startswith("VB"):
        return None
    doc = view.doc
    # after the verb only adjuncts up to the end of the sentence or a comma ("in a statement", "on Tuesday")
    j = k + 1
    while j < view.end and view.lower[j] not in END:
        t = doc[j]
        if t.tag_.startswith("VB") or t.tag_ == "MD" or t.lower_ in COMPLEMENTISERS or t.text in QUOTE_OPEN:
            inverted = j == k + 1 and k > view.start and view.lower[k - 1] == ","
            if not inverted:
                return None
            break
        j += 1
    if j - k > 9:
        return None
    i = k - 1
    while i > view.start and view.lower[i] in POSTPOSED_FILLERS:
        i -= 1
    np_end = i + 1
    while i >= view.start and _np_word(doc[i]) and np_end - i <= MAX_SOURCE:
        i -= 1
    np_start = i + 1
    if np_start < np_end and doc[np_start].tag_ == "IN":
        return None
    if np_start < np_end and i >= view.start and (view.lower[i] == "," or doc[i].text in QUOTE_CLOSE) \
            and doc[np_end - 1].tag_ in HEAD_TAGS:
        source = source_arg(view, np_start, np_end)
        before = i
    elif k > view.start and view.lower[k - 1] == "," and k + 1 < j and doc[j - 1].tag_ in HEAD_TAGS \
            and all(_np_word(doc[m]) for m in range(k + 1, j)):
        source = source_arg(view, k + 1, j)  # "..., said the minister."
        before = k - 1
    else:
        return None
    c_start = _skip_open(view, view.start, before)
    c_end = _trim(view, c_start, before)
    if c_end - c_start < 3 or not _has_verb(view, c_start, c_end):
        return None
    return OpenClaim(k, k + 1, stance, source, c_start, c_end)


def according_to(view: Sentence, s: int, e: int, stance: str) -> OpenClaim | None:
    """"according to X" with any noun phrase X (the lexicon's rule wants an actor it knows)."""
    j = e
    final = s > view.start + 1  # "..., according to X": the phrase may run on with an apposition
    while j < view.end and j - e < 14:
        if view.lower[j] in SOURCE_STOPS and not (final and view.lower[j] == "," and j + 1 < view.end
                                                   and view.doc[j + 1].tag_ in ("DT", "JJ", "NN", "NNS", "PRP$")):
            break
        t = view.doc[j]
        if (t.tag_.startswith("VB") and t.tag_ != "VBN") or t.tag_ == "MD":
            break
        j += 1
    if j == e:
        return None
    if j + 1 < view.end and view.lower[j] == "," and view.lower[j + 1] in SOURCE_RELATIVES:
        # "according to the commission, which has been accused of ...": the relative clause is the source's
        j += 2
        while j < view.end and view.lower[j] not in END:
            j += 1
    src_end = j
    while src_end > e and view.doc[src_end - 1].is_punct:
        src_end -= 1
    source = source_arg(view, e, src_end)
    if s <= view.start + 1:
        c_start = _skip_open(view, j + 1 if j < view.end and view.lower[j] == "," else j, view.end)
        c_end = _trim(view, c_start, view.end)
    else:
        c_start = _skip_open(view, view.start, s)
        c_end = _trim(view, c_start, s)
    if c_end <= c_start:
        return None
    return OpenClaim(s, e, stance, source, c_start, c_end)


def _np_span(view: Sentence, head: Token) -> tuple[int, int]:
    lo, hi = max(head.left_edge.i, view.start), min(head.right_edge.i + 1, view.end)
    while hi > lo + 1 and view.doc[hi - 1].is_punct:
        hi -= 1
    return lo, hi


def _complement(verb: Token) -> Token | None:
    """What a reporting verb reports, after it: its clause, else its object or open complement."""
    after = [c for c in verb.children if c.i > verb.i]
    return next((c for c in after if c.dep_ in ("ccomp", "parataxis")), None) \
        or next((c for c in after if c.dep_ in ("obj", "xcomp")), None)


def _clause_span(view: Sentence, head: Token, after: int) -> tuple[int, int]:
    """The tokens of the complement headed by ``head`` that stand after token ``after``."""
    lo = max(min(head.left_edge.i, head.i), after + 1, view.start)
    hi = min(head.right_edge.i + 1, view.end)
    lo = _skip_open(view, lo, hi)
    while lo < hi and view.lower[lo] in ("that", ",", ":"):
        lo += 1
    return lo, _trim(view, lo, hi)


def document_report(view: Sentence, k: int) -> OpenClaim | None:
    """"data showed ...", "the report found ...", "a poll suggested ...": a document or figures report."""
    verb = view.doc[k]
    stance = DOCUMENT_VERBS.get(view.lower[k])
    if stance is None or not verb.tag_.startswith("VB"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:outer")), None)
    if subj is None or subj.lower_ not in DOCUMENT_NOUNS:
        return None
    comp = _complement(verb)
    if comp is None:
        return None
    c_start, c_end = _clause_span(view, comp, k)
    if comp.dep_ in ("obj", "xcomp"):
        # an object's modifiers may hang from the verb ("showed a rise in exports"): to the verb's last argument
        last = max((c.right_edge.i for c in verb.children if c.i > k and c.dep_ in ("obj", "obl", "xcomp", "advmod")),
                   default=c_end - 1)
        c_end = _trim(view, c_start, min(max(c_end, last + 1), view.end))
    if c_end <= c_start:
        return None
    lo, hi = _np_span(view, subj)
    return OpenClaim(k, k + 1, stance, source_arg(view, lo, hi), c_start, c_end)


def claim_noun(view: Sentence, k: int) -> OpenClaim | None:
    """"the claim that ...", "Manila's assertion that ...", "fears that ...": a reporting noun and its clause."""
    noun = view.doc[k]
    stance = CLAIM_NOUNS.get(view.lower[k])
    if stance is None or not noun.tag_.startswith("NN") or k + 1 >= view.end:
        return None
    # the clause of the noun, opened by "that" as a conjunction ("the claim that ...", "warnings from X that
    # ..."); in "the report that he wrote" "that" is the relative clause's own argument, not its mark
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "acl:relcl", "dep") and c.i > k and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    mark = next(m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that")
    if mark.i - k > 8:
        return None
    c_start, c_end = _clause_span(view, clause, mark.i)
    if c_end - c_start < 2:
        return None
    source = None
    for c in noun.children:
        if c.dep_ in ("nmod:poss", "det:poss") or (c.dep_ == "nmod" and any(
                m.lower_ in AGENT_CASES for m in c.children if m.dep_ == "case")):
            lo, hi = _np_span(view, c)
            while hi > lo and view.lower[hi - 1] in APOSTROPHES:
                hi -= 1
            while lo < hi and view.lower[lo] in AGENT_CASES:
                lo += 1
            if hi > lo:
                source = source_arg(view, lo, hi)
            break
    return OpenClaim(k, k + 1, stance, source, c_start, c_end)


def headline(view: Sentence) -> OpenClaim | None:
    """"Kremlin: talks with Kyiv possible": a short source before a colon that opens the sentence."""
    colon = next((k for k in range(view.start + 1, min(view.end, view.start + 7)) if view.lower[k] == ":"), None)
    if colon is None or view.lower[view.start] in HEADLINE_LABELS:
        return None
    before = range(view.start, colon)
    if _has_verb(view, view.start, colon) or not any(view.doc[k].tag_ in HEAD_TAGS or k in view.group_at for k in before) \
            or any(view.doc[k].like_num or view.doc[k].is_punct for k in before):
        return None
    c_start = _skip_open(view, colon + 1, view.end)
    c_end = _trim(view, c_start, view.end)
    if c_end - c_start < 3:
        return None
    return OpenClaim(colon, colon + 1, "assert", source_arg(view, view.start, colon), c_start, c_end)


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, through the verbs it hangs from ("..., calling X Y": the main verb's)."""
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubj:outer")), None)
        if subj is not None:
            return subj
        if any(c.dep_ == "nsubj:pass" for c in v.children) or v.head is v:
            return None  # "was called a hero": the source is not named
        if v.dep_ not in ("advcl", "conj", "xcomp", "parataxis") and not (v.dep_ == "ccomp" and v.tag_ == "VBG"):
            return None  # a participle set off after its main verb ("said, calling X Y") shares its subject
        v = v.head
    return None


def object_report(view: Sentence, k: int) -> OpenClaim | None:
    """"called the verdict a vendetta", "described it as a milestone", "asked Manila to explain",
    "welcomed the decision": the content is the object with its predicate (or the object alone)."""
    verb = view.doc[k]
    w = view.lower[k]
    if not verb.tag_.startswith("VB") or verb.dep_ in ("acl", "amod") or k + 1 >= view.end \
            or view.lower[k + 1] in JUDGEMENT_PARTICLES:
        return None  # "a town called X"; "called for", "called on": the lexicon's own cues
    kids = [c for c in verb.children if c.i > k]
    obj = next((c for c in kids if c.dep_ in ("obj", "iobj")), None)
    if w in JUDGEMENT_VERBS:
        stance = JUDGEMENT_VERBS[w]
        pred = next((c for c in kids if c.dep_ == "xcomp" or (c.dep_ in ("obl", "advcl") and any(
            m.lower_ == "as" for m in c.children if m.dep_ in ("case", "mark")))), None)
        objs = [c for c in kids if c.dep_ in ("obj", "iobj")]
        if pred is None and len(objs) == 2:
            pred = objs[1]  # "calling China a true friend": the parser may take the predicate for a second object
        elif pred is None and obj is not None and verb.dep_ == "acl:relcl":
            pred, obj = obj, None  # "exercises, which Pyongyang calls rehearsals for invasion": the object is extracted
        if pred is None or (obj is None and verb.dep_ != "acl:relcl"):
            return None
        lo = obj.left_edge.i if obj is not None else pred.left_edge.i
        hi = pred.right_edge.i + 1
        words = {view.lower[m] for m in range(pred.left_edge.i, min(hi, view.end))}
        if words & JUDGEMENT_DENIALS:
            stance = "deny"  # "called the report a fabrication"
        elif words & JUDGEMENT_PRAISE:
            stance = "praise"  # "calling China a true friend"
    elif w in REQUEST_VERBS:
        stance = REQUEST_VERBS[w]
        comp = next((c for c in kids if c.dep_ in ("xcomp", "ccomp")), None)
        if comp is None or obj is None and comp.dep_ == "xcomp":
            return None
        lo = obj.left_edge.i if obj is not None else comp.left_edge.i
        hi = comp.right_edge.i + 1
    elif w in OBJECT_VERBS:
        stance = OBJECT_VERBS[w]
        if obj is None:
            return None
        lo, hi = obj.left_edge.i, obj.right_edge.i + 1
    else:
        return None
    lo, hi = max(lo, k + 1), min(hi, view.end)
    hi = _trim(view, lo, hi)
    if hi <= lo:
        return None
    subj = _subject_of(verb)
    if subj is None or subj.lower_ in EXPLETIVES or subj.lower_ in SUBJECT_RELATIVES:
        if verb.dep_ != "acl:relcl" or subj is None:
            return None
    slo, shi = _np_span(view, subj)
    if shi - slo > MAX_SOURCE + 4:
        return None  # a clause, not a phrase
    phrase = getattr(view, "phrase", None)  # the parse's actor search (TreeView), richer than the span's mentions
    found = phrase(subj) if phrase is not None else None
    source = Arg(list(found.codes), slo, shi) if found is not None else source_arg(view, slo, shi)
    return OpenClaim(k, k + 1, stance, source, lo, hi)


def object_subject(view: Sentence, k: int) -> Arg | None:
    """The subject phrase of a reporting verb whose content is its object ("his supporters accused X of Y",
    "protesters denounced the deal"), when the lexicon knows no actor in it; None without an object."""
    verb = view.doc[k]
    while verb.dep_ in ("compound:prt", "fixed") and verb.head is not verb:
        verb = verb.head
    if not verb.tag_.startswith("VB") or not any(c.dep_ in ("obj", "xcomp", "ccomp") and c.i > verb.i for c in verb.children):
        return None
    subj = _subject_of(verb)
    if subj is None or subj.lower_ in NON_SOURCE_SUBJECTS:
        return None
    lo, hi = _np_span(view, subj)
    if hi - lo > MAX_SOURCE + 4 or hi > k:
        return None
    phrase = getattr(view, "phrase", None)
    found = phrase(subj) if phrase is not None else None
    return Arg(list(found.codes), lo, hi) if found is not None else source_arg(view, lo, hi)


def can_report(view: Sentence, k: int) -> bool:
    """Whether :func:`learned_claim` could build a claim on token ``k`` (a cheap test of its shapes, so that the
    learned detector is asked only about such words): a verb with a complement or of the postposed shape, a noun
    with a that-clause, a headline's colon."""
    t = view.doc[k]
    if t.tag_.startswith("VB"):
        return view.lower[k] in POSTPOSED_VERBS or any(c.dep_ in ("ccomp", "parataxis", "xcomp", "obj") and c.i > k
                                                       for c in t.children)
    if t.tag_.startswith("NN"):
        return any(c.dep_ in ("acl", "ccomp", "acl:relcl", "dep") and c.i > k for c in t.children)
    return view.lower[k] == ":" and k < view.start + 7


def learned_claim(view: Sentence, k: int, stance: str) -> OpenClaim | None:
    """The source and content of a cue the learned detector found at ``k`` (:mod:`.cuemodel`): for a
    verb its subject and its clause or object (or, set off after its content, the statement before);
    for a noun its possessor and its that-clause; for a colon the headline's parts."""
    t = view.doc[k]
    if view.lower[k] == ":":
        return headline(view)
    if t.tag_.startswith("NN"):
        found = claim_noun(view, k)
        if found is not None:
            found.stance = stance if view.lower[k] not in CLAIM_NOUNS else found.stance
        return found
    if not t.tag_.startswith("VB"):
        return None
    after = postposed(view, k)
    if after is not None:
        return after
    comp = _complement(t)
    if comp is None:
        return None
    c_start, c_end = _clause_span(view, comp, k)
    if c_end <= c_start:
        return None
    subj = _subject_of(t)
    source = None
    if subj is not None and subj.lower_ not in NON_SOURCE_SUBJECTS:
        lo, hi = _np_span(view, subj)
        if hi - lo <= MAX_SOURCE + 4 and hi <= k:
            phrase = getattr(view, "phrase", None)
            found = phrase(subj) if phrase is not None else None
            source = Arg(list(found.codes), lo, hi) if found is not None else source_arg(view, lo, hi)
    if source is None:
        found = view.subject(k)  # the component's own search (word order where the parse has no subject)
        if found is not None and view.start <= found.start < k:
            source = found
    if source is None and t.tag_ == "VBN" and k == view.start:
        return None  # "Asked whether ...,": a circumstance of another report, not a report
    return OpenClaim(k, k + 1, stance, source, c_start, c_end)
