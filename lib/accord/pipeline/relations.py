"""Relations: who did what to whom, coded in PLOVER with CAMEO's nearest code.

A spaCy component matches event triggers (verbs and their nominalisations),
finds their source and target actors, and sets the status from the words
around them (negation, hedges, plans, conditionals) and from the claim they
are reported in. A role the parse rules leave empty falls back to the learned argument model
(:mod:`.argmodel`): an event inside an accusation is alleged, inside a denial
denied. "A supplies B with weapons in exchange for aid" also gives the
reciprocal flow B -> A.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .claims import Claim
from .phrases import PhraseTable, phrase_splitter
from .triggers import trigger_table
from .learned import LearnedRoles, LearnedSettings, category_cameo, judge, model_triggers
from .argmodel import ArgumentModel
from .reported import attach_to_claims, innermost
from .recipients import content_recipient, default_recipient
from .relation import Relation
from .speech import bare_demand, conditional_threat, demand_of, intent_as_agree, refusal, threat_is_made
from .sources import MODIFIER_NOT_DOER, event_source
from .sentence import Arg, Sentence, by_sentence
from .grammar import DETERMINERS, POSSESSIVE_PRONOUNS
from .wordlists import PhraseIndex, ends_with_any, phrases
from ..labels import STATUS_PRECEDENCE, material_quads
from ..lexicon import CodingRules, Lexicon, Trigger

#: when cues give a relation several statuses, the first of these wins (data/labels/statuses.yaml)
STATUS_ORDER = STATUS_PRECEDENCE
MATERIAL_QUADS = material_quads()  # from plover.yaml


class RelationExtractor:
    """spaCy component: sets ``doc._.relations`` (a list of :class:`Relation`) and links claims."""

    def __init__(self, nlp, lexicon: Lexicon, learned: LearnedSettings | None = None,
                 arguments: ArgumentModel | None = None) -> None:
        self.lexicon = lexicon
        self.states = frozenset(a.code for a in lexicon.actors if a.kind == "state" and a.code)
        self.learned = learned or LearnedSettings()
        self.roles = LearnedRoles(arguments)  # the learned fallback for a role the parse rules leave empty
        self.category_cameo = category_cameo(lexicon)
        self.coding: CodingRules = lexicon.rules  # the coding rules (coding_rules.yaml)
        self.matcher, self.triggers = trigger_table(nlp, lexicon)
        split = phrase_splitter(nlp)
        self.resources = PhraseTable(lower=True)
        for context, words in sorted(lexicon.resources.items()):
            self.resources.add(context, split(words))
        mod = lexicon.modality
        self.light_verbs = {p[0] for p in phrases(mod.get("light_verbs", ())) if len(p) == 1}
        self.converse = set(mod.get("converse", ()))
        self.subsumes = set(mod.get("subsumes", ()))
        self.modality = {name: PhraseIndex(phrases(mod.get(name, ())))
                         for name in ("negation", "hedge", "future", "hypothetical", "commitment", "intent")}
        self.reciprocity = phrases(mod.get("reciprocity", ()))
        self.obligation = PhraseIndex(phrases(mod.get("obligation", ())))
        self.takes_document = set(mod.get("takes_document", ()))
        self.unanswered = phrases(mod.get("unanswered", ()))

    def __call__(self, doc: Doc) -> Doc:
        claims: list[Claim] = doc._.claims
        matches = self.matcher.longest(doc)
        resources = self.resources.longest(doc)
        covered = set()
        for m in doc._.mentions:
            covered.update(range(m.start, m.end))
        relations: list[Relation] = []
        matches_by_sent = by_sentence(doc, matches)
        resources_by_sent = by_sentence(doc, resources)
        claims_by_sent: dict[int, list[Claim]] = {}
        for c in claims:
            claims_by_sent.setdefault(c.sent, []).append(c)
        predicates = doc._.predicates
        self.roles.begin(doc)
        preds_by_sent = by_sentence(doc, [(p.i, p.i + 1, p) for p in predicates]) if predicates is not None else None
        for sent_id, view in enumerate(doc._.sentences):
            sent = view.sent
            model = {p.i: p for _, _, p in preds_by_sent[sent_id]} if preds_by_sent is not None else None
            sent_claims = claims_by_sent.get(sent_id, [])
            sent_resources = resources_by_sent[sent_id]
            view.goods_spans = [(r[0], r[1]) for r in sent_resources]
            view.goods = {r[0] for r in sent_resources} | {r[0] - 1 for r in sent_resources if r[0] - 1 >= sent.start
                                                           and doc[r[0] - 1].is_lower}
            exchanged = self._exchanged_spans(view)
            used_reciprocity: set[int] = set()
            sent_matches = [m for m in matches_by_sent[sent_id]
                            if not covered & set(range(m[0], m[1]))
                            and not (m[0] > 0 and doc[m[0] - 1].text == "-")]  # "US-led" is an adjective
            starts = {m[0] for m in sent_matches}
            consumed: set[int] = set()
            for n, (s, e, form) in enumerate(sent_matches):
                if s in consumed or any(a <= s < b for a, b in exchanged):
                    continue  # what is given "in exchange for" is not an event of its own
                if view.lower[s] in self.light_verbs and any(0 <= m[0] - e <= 4 for m in sent_matches[n + 1:]):
                    continue  # "paid a visit", "imposed sanctions": the noun carries the event
                if view.lower[s].endswith("ing") and e in starts:
                    continue  # "sweeping sanctions", "monitoring sanctions": a modifier of the next event
                rel = self._relation(view, sent_id, s, e, form, sent_claims)
                if rel is None:
                    continue
                if model is not None and not judge(rel, [model[k] for k in range(s, e) if k in model], self.learned,
                                                   self.category_cameo, self.triggers[form]):
                    continue
                inner = self._committed(view, rel, sent_matches[n + 1:], sent_id, sent_claims)
                if inner is None and not rel.target and self._requires_recipient(rel.event_type) \
                        and not self.roles.one_actor(doc, rel.trigger_start, self.learned):
                    continue
                if inner is not None:
                    consumed.add(inner.trigger_start)
                    rel.target = rel.target or inner.target
                    rel.context = inner.context or rel.context
                    rel.mode = rel.mode or self.coding.subsuming[rel.event_type].get(inner.event_type)
                    rel.end = max(rel.end, inner.end)
                    self._score(rel)
                relations.extend(self._both_ways(rel, self.triggers[form]))
                demand = demand_of(view, rel, sent_claims, self.obligation)
                if demand is not None:
                    relations.append(demand)
                conditional_threat(view, rel, self.coding)
                if rel.event_type in self.coding.exchanges:
                    lo = view.segment_start(s) if view.is_passive(e - 1) else e
                    rel.context = self._context(view, lo, sent_resources) or rel.context
                    relations.extend(self._reciprocal(view, rel, sent_resources, used_reciprocity))
            for claim in sent_claims:
                demand = bare_demand(view, claim, relations, self.obligation,
                                      self._date(view, claim.cue_start, claim.cue_end, None, ahead=False))
                if demand is not None:
                    relations.append(demand)
            if model is not None and self.learned.add > 0.0:
                matched = {k for s, e, _ in matches_by_sent[sent_id] for k in range(s, e)} | covered
                for i, trig in model_triggers(doc, model, matched, self.learned, self.category_cameo):
                    rel = self._relation(view, sent_id, i, i + 1, trig.forms[0], sent_claims, entries=[trig])
                    if rel is not None:
                        relations.extend(self._both_ways(rel, None))
                        conditional_threat(view, rel, self.coding)
        if doc.has_annotation("DEP"):
            relations = _one_per_event(doc, relations)
        # negated acts whose words look forward ("would not withdraw"): refused, not denied
        ahead = {id(rel) for rel in relations if rel.status == "negated" and self._looks_ahead(doc, rel)}
        for rel in relations:
            intent_as_agree(rel, self.coding.intent_cameo)
            refusal(rel, id(rel) in ahead, self.coding)
            threat_is_made(rel)
            default_recipient(rel, self.coding, self.states)
            content_recipient(doc, rel, self.coding, doc._.mentions)
            self._score(rel)
        doc._.relations = relations
        self.roles.end()
        attach_to_claims(doc, self.coding.alleging, lambda rel: id(rel) in ahead)
        return doc

    def _both_ways(self, rel: Relation, entries: list[Trigger] | None) -> list[Relation]:
        """A joint act of several countries with no other party ("Russia and Iran signed a treaty",
        "Putin and Xi met"): one relation each way between each pair (coding rule ``joint_acts``)."""
        lemmas = self.coding.joint_acts.get(rel.event_type)
        if rel.target or lemmas is None:
            return [rel]
        if lemmas and not any(t.lemma in lemmas for t in entries or () if t.event_type == rel.event_type):
            return [rel]
        by_country: dict[str, list[str]] = {}
        for code in rel.source:
            by_country.setdefault(code[:3], []).append(code)
        if len(by_country) < 2:
            return [rel]
        return [replace(rel, source=list(a), target=list(b))
                for ca, a in by_country.items() for cb, b in by_country.items() if ca != cb]

    def _exchanged_spans(self, view: Sentence) -> list[tuple[int, int]]:
        spans = []
        for k in range(view.start, view.end):
            n = self._reciprocity_at(view, k)
            if n:
                end = k + n
                while end < view.end and view.lower[end] not in (".", ";", ",") and not view.is_break(end):
                    end += 1
                spans.append((k + n, end))
        return spans

    def _committed(self, view: Sentence, rel: Relation, later: list, sent_id: int, claims: list[Claim]) -> Relation | None:
        """The act a commitment, refusal or threat is about ("pledged to step up X", "refused to meet Y").

        PLOVER codes the promised, refused or threatened act inside AGREE, REJECT
        or THREATEN, so the inner act is not a relation of its own.
        """
        if rel.event_type not in self.coding.subsuming or view.lower[rel.trigger_start] not in self.subsumes:
            return None
        k = rel.trigger_end
        if k >= view.end or view.lower[k] != "to":
            return None
        for s, e, form in later:
            if s - k > 4:
                break
            inner = self._relation(view, sent_id, s, e, form, claims, default_source=rel.source)
            if inner is not None:
                return inner
        return None

    # -- one trigger ---------------------------------------------------------
    def _relation(self, view: Sentence, sent_id: int, s: int, e: int, form: str, claims: list[Claim],
                  default_source: list[str] | None = None, entries: list[Trigger] | None = None) -> Relation | None:
        """The relation of the trigger ``form`` over tokens [s, e) (its lexicon ``entries``, or
        the given ones: the event model's), or None when it has no actor or is no event here."""
        entries = entries or self.triggers[form]
        verbs = [t for t in entries if t.pos == "verb"]
        nouns = [t for t in entries if t.pos == "noun"]
        pos = view.reading(s, bool(verbs), bool(nouns), bare=not verbs or any(form == t.lemma for t in verbs))
        if pos is None:
            return None
        trig = (verbs if pos == "verb" else nouns)[0]
        if trig.event_type == "REJECT" and e + 1 < view.end and view.lower[e] == "to" \
                and any(ends_with_any(view.lower, e + 1 + len(p), [p]) for p in self.unanswered):
            return None  # "declined to comment": a refusal to speak is no event
        roles = event_source(view, s, e, pos, trig, self.coding, converse=trig.lemma in self.converse,
                             default_source=default_source)
        source, target, reported = roles.source, roles.target, roles.reported
        name_modifier = trig.event_type not in MODIFIER_NOT_DOER
        if source is None or target is None:
            source, target = self.roles.fill(view, s, e, trig.event_type, source, target,
                                             pos == "verb" or name_modifier, self.learned)
        claim = innermost(claims, s)
        if claim is not None and claim.cue_start == s and claim.content_end <= s and self._material(trig.event_type):
            return None  # "..., a UN monitor found": a word that reports its content is no material act here
        status = self._status(view, s, pos, claim)
        src = source.codes if source else []
        tgt = target.codes if target else []
        if src and set(src) == set(tgt) and (source is None or target is None or source.start == target.start):
            return None  # one phrase taken for both roles; distinct phrases of one country are a domestic event
        agentless = pos == "verb" and bool(tgt) and trig.event_type in self.coding.agentless_events \
            and view.is_passive(e - 1) and source is None
        if not src and status != "denied" and not agentless:
            return None  # an event with no actor is not a relation (a denial may fill it in; see agentless_events)
        if not tgt and claim is not None and claim.cue_start == s and claim.content_end <= s:
            # "X supplied Y, officials alleged": the accused is the content's subject
            subj = view.sentence_subject()
            tgt = list(subj.codes) if subj is not None and subj.start < s else []
        if not tgt and claim is not None and claim.cue_start == s and claim.stance == "deny":
            return None  # "dismissed the accusation as groundless": with no one it answers, a denial is a claim
        if not tgt and pos == "verb" and trig.event_type in self.coding.object_is_recipient and trig.lemma not in self.takes_document \
                and e < view.end and view.lower[e] in DETERMINERS | set(POSSESSIVE_PRONOUNS):
            return None  # "obstruct the establishment of ...": its object is a thing, not an actor
        # a nominal event with no recipient is usually a reference ("its support", "the meeting"), not a report;
        # a commitment, refusal or threat may take its recipient from the act it is about; a verb may be
        # an act of one actor (LearnedRoles.one_actor)
        subsuming = view.lower[s] in self.subsumes and e < view.end and view.lower[e] == "to"
        one_actor = pos == "verb" and self.roles.one_actor(view.doc, s, self.learned)
        if not tgt and not subsuming and not one_actor and status != "denied" \
                and (not reported or self._requires_recipient(trig.event_type)):
            return None
        args = [a for a in (source, target) if a is not None and view.start <= a.start < view.end]
        reported_in = claim if claim is not None and claim.cue_start != s else None
        where, country = self._location(view, s, e, reported_in, args)
        start = min([s] + [a.start for a in args])
        end = max([e] + [a.end for a in args])
        return Relation(sent_id, start, end, s, e, list(src), list(tgt), trig.event_type, trig.mode or None,
                        trig.context or None, trig.cameo, status, claim.index if claim else None,
                        self._date(view, s, e, reported_in, ahead=status == "planned"),
                        location=where, location_country=country)

    def _status(self, view: Sentence, s: int, pos: str, claim: Claim | None) -> str:
        words = view.lower
        lo = max(view.segment_start(s) if pos == "verb" else view.start, s - 6, view.start)
        found = set()
        for k in range(lo, s + 1):
            for name, plist in self.modality.items():
                if ends_with_any(words, k, plist):
                    found.add(name)
        if "commitment" in found or "intent" in found:
            found.add("future")
        candidates = []
        if "negation" in found:
            candidates.append("negated")
        if "hypothetical" in found:
            candidates.append("hypothetical")
        if claim is not None and claim.cue_start != s:
            stance_status = self.coding.stance_status.get(claim.stance, "reported")
            candidates.append(stance_status)
            # "said he would meet": reported speech's "would" is a plan, not a condition
            if "hypothetical" in candidates and stance_status in ("reported", "planned") and self._only_would(view, lo, s):
                candidates.remove("hypothetical")
                candidates.append("planned")
        if "future" in found:
            candidates.append("planned")
        if "hedge" in found:
            candidates.append("alleged")
        candidates.append("reported")
        return min(candidates, key=STATUS_ORDER.index)

    def _looks_ahead(self, doc: Doc, rel: Relation) -> bool:
        """Whether a future or conditional word stands just before the trigger ("would not withdraw")."""
        lo = max(doc[rel.trigger_start].sent.start, rel.trigger_start - 6)
        return any(ends_with_any(doc._.lower, k, self.modality[name]) for name in ("future", "hypothetical")
                   for k in range(lo, rel.trigger_start + 1))

    def _material(self, event_type: str) -> bool:
        """A material act (PLOVER quad classes 2 and 4: :func:`accord.labels.material_quads`), as opposed
        to a verbal one."""
        row = self.lexicon.plover.get((event_type, ""))
        return bool(row and row.quad_class in MATERIAL_QUADS)

    def _requires_recipient(self, event_type: str) -> bool:
        row = self.lexicon.plover.get((event_type, ""))
        return bool(row and row.requires_recipient)

    def _only_would(self, view: Sentence, lo: int, s: int) -> bool:
        words = [w for w in view.lower[lo:s + 1]]
        hypo = [p for p in self.modality["hypothetical"] if len(p) == 1 and p[0] in words]
        return [p[0] for p in hypo] == ["would"]

    def _date(self, view: Sentence, s: int, e: int, claim: Claim | None, ahead: bool) -> str | None:
        """The date of the event over [s, e) (:meth:`_nearest`); a plan's bare weekday read forward."""
        t = self._nearest(view, s, e, claim, [t for t in view.doc._.dates if t.value is not None])
        return None if t is None else (ahead and t.ahead) or t.value

    def _location(self, view: Sentence, s: int, e: int, claim: Claim | None,
                  args: list[Arg]) -> tuple[tuple[int, int] | None, str | None]:
        """Where the event over [s, e) happened: the nearest place named as a location (:meth:`_nearest`),
        and its country; never one of its actors' words."""
        places = [p for p in view.doc._.places if not any(a.start <= p.start < a.end for a in args)]
        p = self._nearest(view, s, e, claim, places)
        return (None, None) if p is None else ((p.start, p.end), p.code or None)

    @staticmethod
    def _nearest(view: Sentence, s: int, e: int, claim: Claim | None, items: list):
        """Of ``items`` (anything with token ``start`` and ``end``), the nearest to the event over [s, e)
        in its clause and within the ``claim`` that reports it: "said on Friday in Asmara that ..." dates
        and places the saying, not what was said."""
        best = None
        for t in items:
            if not (view.start <= t.start < view.end):
                continue
            if claim is not None and (not claim.content_start <= t.start < claim.content_end
                                      or claim.cue_start <= view.doc[t.start].head.i < claim.cue_end):
                continue
            lo, hi = (e, t.start) if t.start >= e else (t.end, s)
            if any(view.is_break(k) or view.lower[k] == ";" for k in range(lo, hi)):
                continue
            dist = abs(t.start - e) if t.start >= e else abs(s - t.end)
            if best is None or dist < best[0]:
                best = (dist, t)
        return best[1] if best else None

    # -- what flows ----------------------------------------------------------------
    def _context(self, view: Sentence, e: int, resources: list) -> str | None:
        """The kind of goods in the object of an exchange ("with weaponry" -> military)."""
        end = self._clause_end(view, e)
        for rs, re_, context in resources:
            if e <= rs < end:
                return context
        return None

    def _clause_end(self, view: Sentence, e: int) -> int:
        k = e
        while k < view.end and not (view.is_break(k) or view.lower[k] in (",", ";")) and not self._reciprocity_at(view, k):
            k += 1
        return k

    def _reciprocity_at(self, view: Sentence, k: int) -> int:
        """Length of a reciprocity phrase ("in exchange for") starting at token ``k``, or 0."""
        for phrase in self.reciprocity:
            if tuple(view.lower[k:k + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def _reciprocal(self, view: Sentence, rel: Relation, resources: list, used: set[int]) -> list[Relation]:
        """The return flow of an exchange: "in exchange for economic aid and technology"."""
        if not rel.source or not rel.target:
            return []
        for k in range(rel.trigger_end, view.end):
            n = self._reciprocity_at(view, k)
            if n and k not in used:
                used.add(k)
                end = k + n
                while end < view.end and view.lower[end] not in (".", ";") and not view.is_break(end):
                    end += 1
                found = [(rs, re_, context) for rs, re_, context in resources if k + n <= rs < end]
                if not found:
                    return []
                # one return flow, with every kind of goods named ("economic aid and technology transfers")
                contexts = ";".join(dict.fromkeys(c for _, _, c in found))
                first, last = found[0], found[-1]
                return [Relation(rel.sent, min(rel.start, k), max(rel.end, last[1]), first[0], last[1], list(rel.target),
                                 list(rel.source), "AID", None, contexts, rel.cameo, rel.status, rel.claim, rel.date,
                                 location=rel.location, location_country=rel.location_country)]
            if view.is_break(k) or view.lower[k] == ";":
                return []
        return []

    def _score(self, rel: Relation) -> None:
        plover = self.lexicon.plover
        row = plover.get((rel.event_type, rel.mode or "")) or plover.get((rel.event_type, ""))
        if row is not None:
            rel.quad_class, rel.score = row.quad_class, row.score
        code = self.lexicon.cameo.get(rel.cameo or "")
        rel.goldstein = code.goldstein if code else None


def _one_per_event(doc: Doc, relations: list[Relation]) -> list[Relation]:
    """A noun that is the object of a verb of the same category names the verb's event, not a second
    one ("delivered food aid", "signed a treaty"): its relation is dropped, its recipient kept."""
    by_trigger = {k: r for r in relations for k in range(r.trigger_start, r.trigger_end)}
    keep = []
    for rel in relations:
        tok = doc[rel.trigger_start]
        verb = by_trigger.get(tok.head.i) if tok.dep_ in ("obj", "nsubj:pass") and tok.head.i != tok.i else None
        if verb is None or verb is rel or verb.event_type != rel.event_type:
            keep.append(rel)
            continue
        verb.target = verb.target or rel.target
    return keep
