"""Claims: who said what about whom, with stance, quotes and the denials they draw.

A spaCy component finds claim cues (said, accused, denied, pledged, "according
to", "accusations" ...), the source actors, the content span and any quoted
words. After relations are extracted, :func:`link_denials` links each denial to
the claim it denies, so contested propositions can be listed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import AbstractSet

from spacy.tokens import Doc

from .phrases import PhraseTable, phrase_splitter
from .sentence import Arg, Sentence, by_sentence
from .grammar import (ARTICLES, CONJUNCTIONS, CONTENT_BREAKS_AFTER_COMMA, NEGATION_FILLERS, NEGATIONS,
                      PERFECT_AND_PASSIVE_AUXILIARIES, QUOTE_CLOSE, QUOTE_OPEN, TIME_OPENERS)
from .quotes import quote_before, quote_in, trim
from . import opencues
from .opencues import OpenClaim
from .stances import refine_stance
from .sources import claim_source, clean_span
from .cuemodel import THRESHOLD, cue_probabilities, load_cue_model
from .wordlists import unique
from ..lexicon import Cue, Lexicon



@dataclass
class Claim:
    """An attributed statement over tokens [start, end) of the doc."""

    index: int
    sent: int  # sentence number
    start: int
    end: int
    cue_start: int
    cue_end: int
    cue: str
    stance: str
    source: list[str]
    source_span: tuple[int, int] | None
    content_start: int
    content_end: int
    quote: str | None
    about: list[str] = field(default_factory=list)
    relations: list[int] = field(default_factory=list)
    contests: int | None = None


class ClaimExtractor:
    """spaCy component: sets ``doc._.claims`` (a list of :class:`Claim`)."""

    def __init__(self, nlp, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.matcher = PhraseTable(lower=True)
        self.cues: dict[str, list[Cue]] = {}
        for cue in lexicon.cues:
            for form in cue.forms:
                if any(ch.isalpha() for ch in form):
                    self.cues.setdefault(form, []).append(cue)
        split = phrase_splitter(nlp)
        for form in sorted(self.cues):
            self.matcher.add(form, split([form]))
        # forms that are cues only when the parse shows a complement ("assured that ...", "tweeted: ...")
        self.frame_only = {form for form, cues in self.cues.items() if all(c.frame for c in cues)}
        # lemmas that may follow their source ("“...,” said Putin"), by lemma whatever the part of speech
        self.inverting = frozenset(c.lemma for c in lexicon.cues if c.inverts)
        # verb forms of the lexicon's cues with their stance, for the stance of a speaker's own verb ("said it opposes")
        self.verb_stances = {form: cues[0].stance for form, cues in self.cues.items()
                             if " " not in form and cues[0].pos == "verb"}
        # the learned cue detector (None when the package ships none): asked about the words the rules leave
        self.cue_model = load_cue_model()
        # where the content of a claim stops: the writer's own clauses
        self.content_breaks = lexicon.rules.content_breaks

    def __call__(self, doc: Doc) -> Doc:
        covered = {k for m in doc._.mentions for k in range(m.start, m.end)}
        matches = [m for m in self.matcher.longest(doc) if not covered & set(range(m[0], m[1]))]
        claims: list[Claim] = []
        buckets = by_sentence(doc, matches)
        for sent_id, view in enumerate(doc._.sentences):
            found = [m for m in buckets[sent_id] if view.parsed or m[2] not in self.frame_only]
            here: list[Claim] = []  # this sentence's claims
            for n, (s, e, form) in enumerate(found):
                claim = self._claim(view, sent_id, s, e, form, found[n + 1:], len(claims))
                if claim is None:
                    continue
                # a noun cue inside another claim ("denied accusations of ...") is what that claim is about
                if any(c.content_start <= s < c.content_end for c in here) and _is_noun_cue(self.cues[form]):
                    continue
                claims.append(claim)
                here.append(claim)
            if view.parsed:
                for found_open in self._open_claims(view, here):
                    claim = self._from_open(view, sent_id, len(claims), found_open)
                    claims.append(claim)
                    here.append(claim)
        doc._.claims = claims
        return doc

    def _claim(self, view: Sentence, sent_id: int, s: int, e: int, form: str, later: list, index: int) -> Claim | None:
        entries = self.cues[form]
        preps = [c for c in entries if c.pos == "prep"]
        if preps:
            claim = self._according_to(view, sent_id, s, e, preps[0], index)
            if claim is None and view.parsed:  # a source the lexicon does not know ("according to analysts")
                found_open = opencues.according_to(view, s, e, preps[0].stance)
                claim = self._from_open(view, sent_id, index, found_open) if found_open else None
            return claim
        verbs = [c for c in entries if c.pos in ("verb", "adj")]
        nouns = [c for c in entries if c.pos == "noun"]
        adjective = any(c.pos == "adj" for c in entries)  # "concerned", "wary": predicates, never nouns
        pos = "verb" if (len(form.split()) > 1 or adjective) and verbs else \
            view.reading(s, bool(verbs), bool(nouns), bare=not verbs or any(form == c.lemma for c in verbs))
        if pos is None:
            return None
        cue = (verbs if pos == "verb" else nouns)[0]
        if cue.frame and not view.has_complement(s):
            return None  # "added a clause", "noted for its ...": no statement
        if pos == "verb" and _negated(view, s):
            return None  # "has not condemned": no statement was made
        if pos == "verb" and _reduced_passive(view, s, e):
            return None  # "companies accused of ...": an accusation without an accuser here
        found = claim_source(view, s, e, pos, cue.lemma in self.inverting)
        if found is None:
            return None
        source, inverted, passive_subject = found.arg, found.inverted, found.about
        c_start, c_end = self._content(view, source.end if inverted or passive_subject else e, later)
        after = opencues.postposed(view, s) if pos == "verb" and not passive_subject else None
        if after is not None and after.source is not None and after.source.start <= source.start < after.source.end:
            # "X did Y, the ministry said on Monday, calling it ...": the statement is before, whatever follows
            c_start, c_end = after.content_start, after.content_end
        quote = quote_in(view, c_start, c_end)
        lead = quote_before(view, min(s, source.start) if source.start >= view.start else s, right_before=True)
        if lead is not None and lead[0] <= view.start + 1:
            c_start, c_end, quote = lead  # "“We will ...,” the leaders pledged in a statement"
        elif c_end > c_start and s > view.start + 3 and not any(c_start <= g.start < c_end for g in view.groups) \
                and (source.start > view.start or inverted) and c_end - c_start <= 4 \
                and (view.lower[c_start] in view.prepositions or view.lower[c_start] in TIME_OPENERS):
            c_end = c_start  # "..., the Kremlin said on Tuesday": the statement is before
        if c_end <= c_start:
            # the statement stands before its attribution: "“...,” X said", "X did Y, officials said"
            q = quote_before(view, s)
            if q is not None:
                c_start, c_end, quote = q
            else:
                c_start, c_end = view.start, trim(view, view.start, min(s, source.start) if source.start >= view.start else s)
        if c_end <= c_start:
            return None
        claim = self._make(view, sent_id, index, s, e, cue, source, c_start, c_end, quote)
        if pos == "verb" and view.parsed and e == s + 1:
            claim.stance = refine_stance(view.doc, s, claim.stance, self.verb_stances)
        if after is not None and (c_start, c_end) == (after.content_start, after.content_end):
            claim.source_span = (after.source.start, after.source.end)  # the phrase between the comma and the verb
            claim.start = min(s, after.source.start)
        if passive_subject is not None:
            claim.about = [c for c in passive_subject.codes if c not in claim.about] + claim.about
        return claim

    def _according_to(self, view: Sentence, sent_id: int, s: int, e: int, cue: Cue, index: int) -> Claim | None:
        j = e
        while j < view.end and view.lower[j] in ARTICLES:
            j += 1
        g = view.group_at.get(j)
        if g is None:
            return None
        source = Arg(g.codes, g.start, g.end)
        if s == view.start:
            c_start = g.end + (1 if g.end < view.end and view.lower[g.end] == "," else 0)
            c_end = trim(view, c_start, view.end)
        else:
            c_start, c_end = view.start, trim(view, view.start, s)
        if c_end <= c_start:
            return None
        return self._make(view, sent_id, index, s, e, cue, source, c_start, c_end, quote_in(view, c_start, c_end))

    def _make(self, view, sent_id, index, s, e, cue, source: Arg, c_start, c_end, quote) -> Claim:
        about = unique(c for g in view.groups if c_start <= g.start < c_end for c in g.codes)
        span = view.source_phrase(source) if view.start <= source.start < view.end else None
        if span is not None:
            span = clean_span(view, span[0], span[1], s, e) or (source.start, source.end)
        start = min(s, span[0]) if span else s
        return Claim(index, sent_id, start, max(c_end, e), s, e, view.doc[s:e].text, cue.stance,
                     list(source.codes), span, c_start, c_end, quote, about)

    def _open_claims(self, view: Sentence, here: list[Claim]) -> list[OpenClaim]:
        """The reports of open class in a parsed sentence whose cue no claim of the lexicon's cues holds."""
        taken = {k for c in here for k in range(c.cue_start, c.cue_end)}
        out: list[OpenClaim] = []
        first = opencues.headline(view) if not here else None
        if first is not None:
            out.append(first)
            taken.update(range(first.cue_start, first.cue_end))
        for k in range(view.start, view.end):
            if k in taken:
                continue
            found = opencues.document_report(view, k) or opencues.postposed(view, k) or opencues.claim_noun(view, k) \
                or opencues.object_report(view, k)
            if found is not None and _own_words(found, here):
                continue  # "X rejected the offer, calling it a ploy": X's own words inside X's claim
            if found is not None:
                out.append(found)
                taken.update(range(found.cue_start, found.cue_end))
        if self.cue_model is not None:
            # the words the rules leave that the learned detector is sure of (measured: more cues, same precision)
            asked = [k for k in range(view.start, view.end) if k not in taken and opencues.can_report(view, k)]
            probs = cue_probabilities(self.cue_model, view.doc, asked)
            for k, p in sorted(probs.items()):
                if p < THRESHOLD or k in taken:
                    continue
                found = opencues.learned_claim(view, k, self.verb_stances.get(view.lower[k], "assert"))
                if found is None or found.cue_start in taken or _own_words(found, here):
                    continue
                out.append(found)
                taken.update(range(found.cue_start, found.cue_end))
        return out

    def _from_open(self, view: Sentence, sent_id: int, index: int, oc: OpenClaim) -> Claim:
        """A :class:`Claim` of a report found by shape (its source phrase is kept whole, as found)."""
        s, e = oc.cue_start, oc.cue_end
        c_start, c_end = oc.content_start, oc.content_end
        about = unique(c for g in view.groups if c_start <= g.start < c_end for c in g.codes)
        span = (oc.source.start, oc.source.end) if oc.source is not None else None
        if span is not None:
            span = clean_span(view, span[0], span[1], s, e)
        codes = list(oc.source.codes) if oc.source is not None else []
        start = min(s, span[0]) if span else s
        return Claim(index, sent_id, start, max(c_end, e), s, e, view.doc[s:e].text, oc.stance, codes, span,
                     c_start, c_end, quote_in(view, c_start, c_end), about)

    def _content(self, view: Sentence, e: int, later: list) -> tuple[int, int]:
        start = e
        while start < view.end and view.lower[start] in ("that", ",", ":"):
            start += 1
        first = start  # a break word opening the content belongs to it ("alarm after Moscow signed")
        later_starts = {s for s, _, _ in later}
        k = start
        in_quote = False
        while k < view.end:
            w = view.lower[k]
            if w in QUOTE_OPEN and not in_quote:
                in_quote = True
            elif w in QUOTE_CLOSE and in_quote:
                in_quote = False
            elif not in_quote and k > first:
                if w in self.content_breaks or w in (";", "—", "–"):
                    break
                if w == "," and k + 1 < view.end and view.lower[k + 1] in CONTENT_BREAKS_AFTER_COMMA:
                    break
                # a second cue coordinated with this one starts its own claim
                if k in later_starts and (view.lower[k - 1] == "," or view.lower[k - 1] in CONJUNCTIONS):
                    k -= 1
                    break
            k += 1
        return start, trim(view, start, k)


def _own_words(found: OpenClaim, here: list[Claim]) -> bool:
    """Whether a report found by shape lies inside the content of a claim of the same source."""
    if found.source is None or not found.source.codes:
        return False
    codes = set(found.source.codes)
    return any(c.content_start <= found.cue_start < c.content_end and codes == set(c.source) for c in here)


def _reduced_passive(view: Sentence, s: int, e: int) -> bool:
    """"diplomats accused of spying": a participle after a noun, with no form of "be" or "have"."""
    word = view.lower[s]
    if not word.endswith("ed") or e >= view.end or view.lower[e] != "of":
        return False
    k = s - 1
    if k < view.start:
        return False
    prev = view.doc[k]
    return prev.is_alpha and prev.lower_ not in PERFECT_AND_PASSIVE_AUXILIARIES \
        and not prev.lower_.endswith("ly") and (k in view.group_at or prev.is_lower)


def _negated(view: Sentence, s: int) -> bool:
    k = s - 1
    while k >= view.start and view.lower[k] in NEGATION_FILLERS:
        k -= 1
    return k >= view.start and view.lower[k] in NEGATIONS


def _is_noun_cue(cues: list[Cue]) -> bool:
    return any(c.pos == "noun" for c in cues)


def link_denials(doc: Doc, alleging: AbstractSet[str]) -> None:
    """Set ``contests`` of each denial to the earlier claim it denies.

    The denied claim is the most recent earlier claim that alleges something
    about the denier (the denier is among what it is about), preferring one
    that asserts a relation of the same event type, then one whose stance is
    in ``alleging`` (the lexicon's ``rules.alleging``).
    """
    claims: list[Claim] = doc._.claims
    relations = doc._.relations
    for d in claims:
        if d.stance != "deny":
            continue
        d_types = {relations[r].event_type for r in d.relations}
        best, best_key = None, None
        for c in claims:
            if c.index >= d.index or c.stance == "deny":
                continue
            overlap = set(c.about) | {x for r in c.relations for x in relations[r].source + relations[r].target}
            deniers = {x[:3] for x in d.source}
            if not deniers & {x[:3] for x in overlap} or (c.source and {x[:3] for x in c.source} <= deniers):
                continue  # a denial answers another's claim, never the denier's own
            c_types = {relations[r].event_type for r in c.relations}
            key = (bool(d_types & c_types), c.stance in alleging, c.index)
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is not None:
            d.contests = best.index
            if not d.about:
                d.about = list(best.about)
