"""Arguments from the dependency tree: the sentence view of a parsed document.

:class:`TreeView` answers the questions the claims and relations components ask
of a sentence (the subject, object, passive agent or possessor of a predicate)
from the parse that the trained tagger and parser (``accord.models``) assign,
instead of from word order. The tree decides which phrase fills a role; the
phrase's actors are the mentions it contains. When the tree gives a role to a
phrase without an actor ("the weapons", "talks"), the role stays empty rather
than borrowing a neighbouring actor; only when the parse has no such argument
at all does the view fall back, by an explicit call, to the word-order search of
:mod:`~accord.pipeline.clauses` (``word_order.subject(self, i)``, ...).
"""
from __future__ import annotations

from spacy.tokens import Token

from . import clauses as word_order
from .grammar import (ACT_PARTNER_CASES, AGENT_CASES, AUTHORED_DOCUMENTS, CIRCUMSTANCE_CASES, CONTROL_CASES, EXPLETIVES,
                      OBJECT_POSSESSIVES, OBJECT_PRONOUNS, OBJECT_SUBJECTS,
                      PARTNER_CASES, POSSESSIVE_PRONOUNS, PRONOUNS, QUOTE_CLOSE, QUOTE_OPEN, RECIPIENT_CASES,
                      RELATIVE_PRONOUNS)
from .reference import is_own, resolve_phrase
from .sentence import Arg, Group, Sentence
from .wordlists import ends_with_any, unique

SUBJECTS = {"nsubj", "nsubj:pass", "csubj", "nsubj:outer"}
# children whose mentions belong to a noun phrase's actors ("US and South Korean officials",
# "the foreign ministers of China and Russia", "Russia's defence minister")
PHRASE_DEPS = {"compound", "amod", "nmod:poss", "flat", "flat:name", "appos", "nmod", "det:poss", "conj", "cc",
               "case", "det", "nummod", "punct"}
CLAUSAL = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "dep", "list"}
# an argument's own nmod ("officials of Iran") counts, but not a deeper clause's
OBJECT_DEPS = ("iobj", "obj", "obl", "obl:arg", "nmod")
# the prepositions of the cases (RECIPIENT_CASES, PARTNER_CASES, ...) are data: data/grammar/english.yaml. A
# noun's prepositional modifier names its members or place ("leaders of Romania", "officials from Iran",
# "rebels in the Ivory Coast") unless its case is a partner's ("ties between X and Y")


def _head_of(t: Token) -> Token:
    """The token a function word or particle belongs to ("set up" -> "set")."""
    while t.dep_ in ("compound:prt", "fixed", "flat", "compound") and t.head is not t:
        t = t.head
    return t


def _case(t: Token) -> str:
    """The preposition of an oblique or nominal modifier ("to", "against", "according to")."""
    words = [c.lower_ for c in t.children if c.dep_ in ("case", "mark") and c.i < t.i]
    return " ".join(words)


def _has_clause(verb: Token) -> bool:
    """A clausal complement: ccomp or parataxis, or any clause opened by "that" (a parser may call it advcl)."""
    return any(c.dep_ in ("ccomp", "parataxis") or (c.dep_ in CLAUSAL and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)) for c in verb.children)


class TreeView(Sentence):
    """A sentence view whose argument search reads the dependency tree, and falls back to word order
    (:mod:`~accord.pipeline.clauses`) where the tree has no answer."""

    # -- noun phrases --------------------------------------------------------------
    def phrase(self, head: Token) -> Arg | None:
        """The actors of the noun phrase headed by ``head`` and its conjuncts.

        For each conjunct: the mention it is part of; else its compound or
        adjectival modifier ("al-Qaeda terror network", "Russian troops"); else
        its possessor ("Russia's defence minister"); else an apposition ("Kenzo
        Oshima, the UN relief coordinator", also when the name itself is
        unknown); else a prepositional modifier ("leaders of Romania", "rebels
        in the Ivory Coast"). A phrase naming no actor may refer to one named before
        (:func:`~accord.pipeline.reference.resolve_phrase`).
        """
        if head.lower_ in PRONOUNS or head.lower_ in OBJECT_SUBJECTS:
            codes = self.resolve_pronoun(OBJECT_SUBJECTS.get(head.lower_, head.lower_), head.i)
            return Arg(codes, head.i, head.i + 1) if codes else None
        chosen: list[Group] = []
        for h in self._conjuncts(head):
            chosen.extend(g for g in self._actor_of(h) if all(g is not c for c in chosen))
        if not chosen:
            # no actor named here: a phrase that refers back ("both leaders", "their navies", "the group")
            found = resolve_phrase(self, head) or self._members_referred(head) or self._author(head)
            return Arg(*found) if found is not None else None
        codes = unique(c for g in chosen for c in g.codes)
        return Arg(codes, min(g.start for g in chosen), max(g.end for g in chosen))

    def _members_referred(self, head: Token) -> tuple[list[str], int, int] | None:
        """"the foreign ministers of the two countries": the countries a referring "of" phrase stands
        for, in the sector the head noun names (GOV for ministers); None when there is none."""
        for c in head.children:
            found = resolve_phrase(self, c) if c.dep_ == "nmod" and _case(c) == "of" else None
            if found is not None:
                sector = self.agents.get(head.lower_) or self.agents.get(head.lemma_.lower()) or ""
                codes = unique(x[:3] + sector if len(x) == 3 else x for x in found[0])
                return codes, max(head.left_edge.i, self.start), found[2]
        return None

    def _author(self, head: Token) -> tuple[list[str], int, int] | None:
        """"... the defence ministry said. The statement accused Colombia": "the statement" is the words of
        the last claim reported before its sentence, and its author that claim's source."""
        if head.lower_ not in AUTHORED_DOCUMENTS or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        earlier = [c for c in self.doc._.claims or () if c.cue_end <= self.start and c.source]
        return (list(earlier[-1].source), head.i, head.i + 1) if earlier else None

    def _conjuncts(self, head: Token) -> list[Token]:
        out, stack = [], [head]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ == "conj" and self.start <= c.i < self.end)
        return sorted(out, key=lambda t: t.i)

    def _groups_in(self, t: Token, deps: tuple[str, ...]) -> list[Group]:
        """Groups of the children of ``t`` with one of ``deps`` (each child's own subtree, without clauses)."""
        found: list[Group] = []
        for c in t.children:
            if c.dep_ in deps:
                for k in sorted(self._np_tokens(c)):
                    g = self.group_at.get(k)
                    if g is not None and all(g is not f for f in found):
                        found.append(g)
        return found

    def _actor_of(self, h: Token, depth: int = 0) -> list[Group]:
        candidates: list[list[Group]] = []
        own = self.group_at.get(h.i)
        if own is not None:
            candidates.append([own])
        for deps in (("compound", "amod", "flat", "flat:name"), ("nmod:poss", "det:poss"), ("appos",)):
            candidates.append(self._groups_in(h, deps))
        if depth < 3:
            candidates += [self._actor_of(c, depth + 1) for c in h.children
                           if c.dep_ == "nmod" and _case(c) not in PARTNER_CASES]
        candidates = [c for c in candidates if c]
        # a name the lexicon does not know gives way to a known actor the phrase names
        known = [c for c in candidates if not all(m.kind == "unresolved" for g in c for m in g.mentions)]
        return (known or candidates or [[]])[0]

    def _np_tokens(self, head: Token) -> set[int]:
        out = {head.i}
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in PHRASE_DEPS and c.dep_ not in CLAUSAL and self.start <= c.i < self.end:
                    out.add(c.i)
                    stack.append(c)
        return out

    # -- predicates ------------------------------------------------------------------
    def _predicate(self, i: int) -> Token:
        return _head_of(self.doc[i])

    def _subject_token(self, verb: Token) -> Token | None:
        seen = set()
        v = verb
        while v.i not in seen:
            seen.add(v.i)
            # a verb has one subject; given two (a misparse), the nearer one before the verb
            subj = sorted((c for c in v.children if c.dep_ in SUBJECTS), key=lambda c: (c.i > v.i, -c.i if c.i < v.i else c.i))
            if subj and subj[0].lower_ in RELATIVE_PRONOUNS and v.dep_ == "acl:relcl":
                return v.head  # "sanctions that were endorsed by X", "the country which supplied"
            if subj:
                return subj[0]
            if v.dep_ == "acl:relcl":
                return v.head  # "the country that supplied ...": the modified noun
            if v.dep_ in ("xcomp", "conj") and v.head is not v:
                v = v.head  # control ("agreed to set up") and shared subjects ("met and signed")
                continue
            controller = self._controller(v)
            if controller is not None:
                return controller
            if v.dep_ == "acl" and v.tag_ in ("VBG", "VBN"):
                if v.tag_ == "VBG" and self.phrase(v.head) is None and v.head.dep_ == "obj" and v.head.head is not v.head:
                    v = v.head.head  # "adopted a resolution demanding ...": the document's author
                    continue
                return v.head  # "forces attacking the town"; "sanctions imposed by the EU" (the patient)
            break
        return None

    def _verb_reading(self, i: int) -> bool:
        """Whether the relations component reads the word at ``i`` as a verb despite its tag."""
        return self.lower[i].endswith(("ing", "ed"))

    def _gerund_subject(self, i: int) -> Arg | None:
        """Subject of a mis-tagged gerund: "criticised X for supplying" -> X; "denied supplying" -> the denier."""
        if i <= self.start:
            return None
        prev = self.doc[i - 1]
        if prev.lower_ in CONTROL_CASES:
            governor = next((self.doc[k] for k in range(i - 2, self.start - 1, -1) if self.doc[k].tag_.startswith("VB")), None)
            if governor is None:
                return None
            if any(c.dep_ == "nsubj:pass" for c in governor.children):
                return self.subject(governor.i)  # "X was accused by Y of supplying": X
            obj = next((c for c in governor.children if c.dep_ in ("obj", "iobj") and c.i < i), None)
            return self.phrase(obj) if obj is not None else None
        if prev.tag_.startswith("VB") and not prev.lower_.endswith("ing"):
            return self.subject(prev.i)  # "began shipping", "denied supplying"
        return None

    @staticmethod
    def _controller(v: Token) -> Token | None:
        """The object that controls a gerund's subject: "accused X of supplying Y" -> X.

        Also the subject of a passive ("X was accused by Y of supplying" -> X), and when the
        parser attaches the gerund to a noun of the governing verb instead of the verb itself
        ("X" <-nmod- "supplying"), a common mistake on such sentences.
        """
        if not v.lower_.endswith("ing") or (_case(v) not in CONTROL_CASES and not any(
                c.dep_ == "mark" and c.lower_ in CONTROL_CASES for c in v.children)):
            return None
        head = v.head
        attached_to_noun = v.dep_ in ("nmod", "acl") and head.dep_ in ("obj", "iobj", "obl:agent", "obl") \
            and head.head.tag_.startswith("VB")
        governor = head.head if attached_to_noun else head
        passive = next((c for c in governor.children if c.dep_ == "nsubj:pass"), None)
        if passive is not None:
            return passive
        if attached_to_noun and head.dep_ in ("obj", "iobj"):
            return head
        return next((c for c in governor.children if c.dep_ in ("obj", "iobj") and c.i < v.i), None)

    parsed = True

    def has_complement(self, i: int) -> bool:
        """A clausal complement, a quotation it introduces or closes, or a parenthetical report ("…, she added")."""
        verb = self._predicate(i)
        if _has_clause(verb) or verb.dep_ == "parataxis":
            return True
        near = self.lower[max(self.start, i - 3):min(self.end, i + 4)]
        return any(w in QUOTE_OPEN or w in QUOTE_CLOSE or w == ":" for w in near)

    def uncoded_source(self, i: int) -> Arg | None:
        """The subject phrase of a reporting verb with a clausal complement or quotation, even without actors."""
        verb = self._predicate(i)
        if not (_has_clause(verb) or any(c.dep_ == "xcomp" for c in verb.children)) and verb.dep_ != "parataxis":
            return None
        subj = self._subject_token(verb)
        if subj is None or subj.lower_ in EXPLETIVES:
            return None
        codes = self.phrase(subj).codes if self.phrase(subj) else []
        lo, hi = self._np_span(subj)
        return Arg(list(codes), lo, hi)

    def _np_span(self, head: Token) -> tuple[int, int]:
        """The tokens of the noun phrase of ``head`` with its titles and appositions, within the sentence."""
        lo = max(head.left_edge.i, self.start)
        hi = min(head.right_edge.i + 1, self.end)
        while hi > lo + 1 and self.doc[hi - 1].is_punct:
            hi -= 1
        return lo, hi

    def source_phrase(self, arg: Arg) -> tuple[int, int]:
        """The whole noun phrase around a source's mention ("Maria Zakharova, the ministry's spokeswoman")."""
        if not (self.start <= arg.start < self.end):
            return arg.start, arg.end
        t = self.doc[arg.start]
        while t.head is not t and t.dep_ in ("compound", "flat", "flat:name", "amod", "nmod:poss", "appos", "conj",
                                                 "det", "nmod") and t.head.tag_.startswith(("NN", "PRP")):
            t = t.head
        lo, hi = self._np_span(t)
        return (lo, hi) if lo <= arg.start and arg.end <= hi else (arg.start, arg.end)

    def subject(self, i: int) -> Arg | None:
        if self._misparsed(self.doc[i]) and self._verb_reading(i):
            return self._gerund_subject(i) or word_order.subject(self, i)
        verb = self._predicate(i)
        if verb.dep_ in ("cop", "aux", "aux:pass"):
            verb = verb.head
        subj = self._subject_token(verb)
        if subj is None:
            return word_order.subject(self, i)
        return self.phrase(subj)

    def object(self, i: int, limit: int = 14, skip_country: set[str] | None = None, allow_for: bool = False,
               allow_from: bool = False, stance: str | None = None) -> Arg | None:
        verb = self._predicate(i - 1)
        gap = self._relative_object(verb, skip_country)
        if gap is not None:
            return gap
        args = [c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i > verb.i]
        if not args and not any(c.dep_ == "ccomp" for c in verb.children):
            return word_order.object_after(self, i, limit, skip_country, allow_for, allow_from)
        if stance:
            act = next((c for c in sorted(args, key=lambda c: c.i) if c.dep_ == "obj"
                        and c.lower_ in self.event_nouns and self.group_at.get(c.i) is None), None)
            partner = next((c for c in [*act.children, *verb.children] if c.dep_ in ("nmod", "obl")
                            and _case(c) in ACT_PARTNER_CASES), None) if act is not None else None
            if partner is not None and self.phrase(partner) is not None:
                return self.phrase(partner)  # "signed a treaty with X": the act's partner
            doer = self.doer(act) if act is not None else None
            if doer is not None or (act is not None and stance == "only"):
                return doer  # "welcomed the sanctions imposed by the EU": the EU, never Iran
        args = self._past_goods(args)
        for c in args:
            case = _case(c)
            if c.dep_ in ("obl", "nmod") and case and (case in CIRCUMSTANCE_CASES
                                                        or (case == "for" and not allow_for)
                                                        or (case == "from" and not allow_from)):
                continue
            if c.dep_ == "obl" and not case:
                continue  # a bare time or measure ("Friday", "this month")
            if c.lower_ in OBJECT_PRONOUNS:  # "Colombia accused it": not Colombia itself, named just before
                codes = self.resolve_pronoun(OBJECT_POSSESSIVES[c.lower_], c.i, skip_country)
                arg = Arg(codes, c.i, c.i + 1) if codes else None
            else:
                arg = self.phrase(c)
            if arg is None or not arg.codes:
                continue
            if is_own(arg.codes, skip_country):
                continue
            return arg
        # no argument names an actor: the country the object's phrase is placed in ("refugees fleeing
        # the war in Liberia", "settlements in the Gaza Strip"), as PLOVER's coders take it; else a
        # group named by a common noun ("demonstrators", "rebels") is of the source's own country
        targets = [c for c in sorted(args, key=lambda c: c.i)
                   if c.dep_ in ("obj", "iobj") or (c.dep_ in ("obl", "nmod") and _case(c) in RECIPIENT_CASES)]
        for c in targets:
            arg = self.within(c)
            if arg is not None and not (is_own(arg.codes, skip_country)):
                return arg
        # "demanded that the United States match ...": the complement's subject is asked
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > verb.i:
                subj = next((d for d in c.children if d.dep_ in SUBJECTS), None)
                arg = self.phrase(subj) if subj is not None else None
                if arg is not None and arg.codes and not (is_own(arg.codes, skip_country)):
                    return arg
        for c in targets:
            sector = self.agents.get(c.lower_) or self.agents.get(c.lemma_.lower())
            countries = {x[:3] for x in skip_country or ()}
            if sector and sector != "MIL" and len(countries) == 1:  # own troops are sent, not targets
                return Arg([next(iter(countries)) + sector], c.i, c.i + 1)
        return None

    def governing_subject(self, i: int) -> Arg | None:
        """The subject of the nearest verb above the noun at ``i`` (at most three steps up) that is not
        inside the noun's own phrase ("scrapped the decree after talks with X": the one who scrapped),
        for a noun in an oblique or subject position with no possessor."""
        t, noun = self.doc[i], self.doc[i]
        if noun.dep_ not in ("obl", "nsubj", "nmod") or any(c.dep_ in ("nmod:poss", "det:poss") for c in noun.children):
            return None  # an object names its verb's own event ("signed a treaty with X"); "our talks" are ours
        for _ in range(3):
            if t.head is t:
                return None
            t = t.head
            if t.tag_.startswith("VB"):
                subj = self._subject_token(t)
                if subj is not None and not subj.left_edge.i <= noun.i <= subj.right_edge.i:
                    return self.phrase(subj)
        return None

    def _relative_object(self, verb: Token, skip_country: set[str] | None) -> Arg | None:
        """The object of a relative clause is its antecedent ("Iraqi intelligence, which Washington
        accused of plotting"; "a concession that opposition lawmakers denounced": the concession's
        maker): a clause with its own subject, no object, and its relative pronoun, if any, the object."""
        if verb.dep_ != "acl:relcl" or any(c.dep_ == "obj" and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subj is None or subj.lower_ in RELATIVE_PRONOUNS:
            return None
        arg = self.phrase(verb.head) or self.doer(verb.head)
        return arg if arg is not None and arg.codes and not is_own(arg.codes, skip_country) else None

    def _past_goods(self, args: list[Token]) -> list[Token]:
        """Arguments in order, a shipment replaced by where it goes: "fired North Korean missiles at
        Ukraine", "supplied drones to Russia" (the parser often hangs "to/at X" on the goods)."""
        out: list[Token] = []
        for c in sorted(args, key=lambda c: c.i):
            onward = [d for d in c.children if d.dep_ == "nmod" and _case(d) in RECIPIENT_CASES]
            if any(a <= c.i < b for a, b in self.goods_spans):
                out.extend(onward)  # the goods' own modifiers say where they come from, not who gets them
            else:
                out.append(c)
                out.extend(d for d in onward if d.i > c.i and self.group_at.get(d.i) is not None)
        return out

    def doer(self, act: Token) -> Arg | None:
        """Who did the act an event noun names: its possessor or adjectival modifier ("US sanctions"),
        a by-phrase ("sanctions by the EU") or the agent of a participle ("sanctions imposed by the EU")."""
        found = self._groups_in(act, ("nmod:poss", "det:poss", "amod", "compound"))
        for c in act.children:
            if not found and c.dep_ in ("nmod", "obl") and _case(c) in AGENT_CASES:
                found = self._actor_of(c)
            if not found and c.dep_ == "acl":
                agent = next((d for d in c.children if d.dep_ in ("obl:agent", "obl") and _case(d) == "by"), None)
                found = self._actor_of(agent) if agent is not None else []
        if not found:
            return None
        return Arg(unique(x for g in found for x in g.codes), min(g.start for g in found), max(g.end for g in found))

    def within(self, head: Token) -> Arg | None:
        """The first actor anywhere in the subtree of ``head``, clauses included."""
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        # a relative clause is another event with its own actors ("the agreement, which Russia signed")
        skip = {k for c in head.subtree if c.dep_ == "acl:relcl" for k in range(c.left_edge.i, c.right_edge.i + 1)}
        for g in self.groups:
            if lo <= g.start and g.end <= hi and g.start not in skip:
                return Arg(list(g.codes), g.start, g.end)
        for p in self.doc._.places or ():
            if lo <= p.start and p.end <= hi and p.start not in skip:
                return Arg([p.code], p.start, p.end)  # "ban voting in East Jerusalem"
        return None

    def agent_after(self, i: int, limit: int = 30) -> Arg | None:
        verb = self._predicate(i - 1)
        for c in verb.children:
            if c.dep_ in ("obl:agent", "obl", "nmod:agent", "nmod") and _case(c) == "by":
                return self.phrase(c)
        return None if any(c.dep_.startswith("nsubj") for c in verb.children) else word_order.agent_after(self, i, limit)

    def is_passive(self, i: int) -> bool:
        verb = self._predicate(i)
        # a passive subject with no passive auxiliary is a misread past tense ("the minister apologised
        # to X" tagged VBN): in the corpus's training items such subjects are the sources
        return any(c.dep_ in ("aux:pass", "csubj:pass") for c in verb.children) or \
            (verb.dep_ == "acl" and verb.tag_ == "VBN")

    def noun_source(self, i: int, allow_name_modifier: bool) -> Arg | None:
        """The actor of a nominal event: the parse's reading of a light verb far from its noun, else the
        word-order walk over possessor, modifier and light verb (:func:`~accord.pipeline.clauses.noun_source`)."""
        self.light_verb_used, self.noun_recipient = False, None
        found = self._light_verb_source(i)
        if found is not None:
            self.light_verb_used = True
            return found
        return word_order.noun_source(self, i, allow_name_modifier)

    def _light_verb_source(self, i: int) -> Arg | None:
        """The parse's reading of a nominal event's actor, where the word-order walk cannot reach it:
        the possessor of "held their first joint amphibious exercise", the subject of the light verb
        whose object the noun is. None: the word-order walk decides."""
        tok = self.doc[i]
        of = tok.dep_ == "nmod" and tok.head.dep_ == "obj" and any(c.dep_ == "case" and c.lower_ == "of" for c in tok.children)
        obj = tok.head if of else tok  # "held three rounds of talks"
        verb = obj.head
        if obj.dep_ != "obj" or verb.i == obj.i or not ends_with_any(self.lower, verb.i + 1, self.light_verbs):
            return None
        owners = [c for c in tok.children if c.dep_ == "nmod:poss"]
        if any(self.lower[c.i] not in POSSESSIVE_PRONOUNS for c in owners):
            return None  # "China's support": a named possessor is the actor, as the walk reads it
        poss = owners
        subj = self.subject(verb.i)
        if subj is None or not (poss or i - verb.i > 3):  # nearer ones the word-order walk reads
            return None
        return subj

    def between(self, i: int) -> tuple[Arg, Arg] | None:
        noun = self._predicate(i)
        for c in noun.children:
            if c.dep_ in ("nmod", "obl") and _case(c) == "between":
                conj = [d for d in c.children if d.dep_ == "conj"]
                a = self.phrase_single(c)
                b = self.phrase_single(conj[0]) if conj else None
                if a is not None and b is not None and a.codes and b.codes:
                    return a, b
        return word_order.between(self, i)

    def phrase_single(self, head: Token) -> Arg | None:
        g = self.group_at.get(head.i)
        if g is None:
            return None
        m = next((m for m in g.mentions if m.start <= head.i < m.end), g.mentions[0])
        return Arg(list(m.codes), m.start, m.end)

    def reading(self, i: int, has_verb: bool, has_noun: bool, bare: bool = True) -> str | None:
        """Verb or noun, from the tagger: "VB*" reads as a verb, a noun tag as a noun.

        An inflected form the lexicon knows only as a verb ("supplying", "vetoed") that the tagger
        calls a noun or adjective is read by word order instead (:func:`clauses.reading`): the
        tagger's commonest mistakes on news are exactly these ("criticised X for supplying/NN").
        """
        tag = self.doc[i].tag_
        if tag.startswith("VB") or tag == "MD":
            return "verb" if has_verb else None
        if has_verb and not has_noun and not bare:
            return word_order.reading(self, i, has_verb, has_noun, bare)
        if tag.startswith("NN"):
            return "noun" if has_noun else None
        # an adjective ("alleged bombers") or adverb is no predicate, unless a determiner makes it a noun
        # the tagger missed ("an ultimatum")
        det = any(c.dep_ == "det" for c in self.doc[i].children) or (i > self.start and self.doc[i - 1].tag_ in ("DT", "PRP$", "POS"))
        return "noun" if det and has_noun else None

    def _misparsed(self, t: Token) -> bool:
        """A verb form the tagger did not take for a verb (see :meth:`reading`): its tree is not to be trusted."""
        return not (t.tag_.startswith("VB") or t.tag_ == "MD")


def unique_groups(groups) -> list[Group]:
    """Groups in first-seen order, without repeats or Nones."""
    out: list[Group] = []
    for g in groups:
        if g is not None and all(g is not h for h in out):
            out.append(g)
    return out
