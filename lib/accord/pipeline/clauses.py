"""Shallow clause analysis shared by the claims and relations components.

This is engine v1's view of a sentence, and the word-order fallback of engine v2/v3's
:class:`~accord.pipeline.syntax.TreeView`, which answers the same questions from the
parse: the arguments of a predicate are found with a few ordered heuristics over the
tokens of its sentence: coordinated actors form groups, the subject is the
group standing before the predicate that is not the object of a preposition,
the object is the first group after it inside the same clause. The heuristics
are deliberately general: they are tuned on grammar, never on given sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from .actors import Mention
from .grammar import (APOSTROPHES, AUXILIARIES, BE_FORMS, DETERMINERS, MODALS, OBJECT_PRONOUNS, POSSESSIVE_PRONOUNS,
                      PRONOUNS, QUOTE_OPEN, TARGET_PREPOSITIONS)
from .reference import is_own, resolve_pronoun
from .wordlists import PhraseIndex, ends_with_any, phrases, unique
from ..lexicon import Lexicon



@dataclass
class Group:
    """Coordinated mentions acting as one (compound) actor."""

    mentions: list[Mention]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def codes(self) -> list[str]:
        return unique(c for m in self.mentions for c in m.codes)

    @property
    def possessive(self) -> bool:
        return self.mentions[-1].possessive


@dataclass
class Arg:
    """An argument found for a predicate: actor codes and the tokens [start, end) that name them."""

    codes: list[str]
    start: int
    end: int


def _arg(g: Group) -> Arg:
    return Arg(g.codes, g.start, g.end)


class ClauseRules:
    """The lexicon's word lists the clause analysis uses, prepared once per component."""

    def __init__(self, lexicon: Lexicon) -> None:
        mod = lexicon.modality
        self.coordination = set(mod.get("coordination", ())) | {"", "and", "&"}
        self.prepositions = set(mod.get("prepositions", ()))
        self.clause_breaks = set(mod.get("clause_breaks", ()))
        self.light_verbs = PhraseIndex(phrases(mod.get("light_verbs", ())))
        self.agents = lexicon.agents  # agent noun -> sector ("police" -> COP)
        # nouns that name an event ("sanctions", "invasion"): an act, not an actor
        self.event_nouns = frozenset(f for t in lexicon.triggers if t.pos == "noun" for f in t.forms)


HISTORY = 40  # earlier mentions kept for pronouns: a pronoun refers back a few sentences at most


def by_sentence(doc: Doc, items: Sequence[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Matches (sorted by start token) bucketed by the sentence they start in."""
    bounds = [s.end for s in doc.sents]
    buckets: list[list[tuple[int, int, str]]] = [[] for _ in bounds]
    b = 0
    for item in items:
        while b < len(bounds) - 1 and item[0] >= bounds[b]:
            b += 1
        buckets[b].append(item)
    return buckets


def sentence_views(doc: Doc, rules: ClauseRules, view: type | None = None) -> Iterator[tuple[int, "SentenceView"]]:
    """(sentence number, view) for each sentence of ``doc``; linear in the length of the doc.

    ``view`` is the class of the views (default :class:`SentenceView`; a parsed
    document gets :class:`~accord.pipeline.syntax.TreeView` from its caller).
    """
    view_class = view or SentenceView
    lower = doc._.lower
    if lower is None:
        lower = doc._.lower = [t.lower_ for t in doc]
    mentions = doc._.mentions
    n = 0
    history: list[Mention] = []
    for sent_id, sent in enumerate(doc.sents):
        mine = []
        while n < len(mentions) and mentions[n].start < sent.end:
            if mentions[n].start >= sent.start:
                mine.append(mentions[n])
            n += 1
        yield sent_id, view_class(doc, sent, mine, rules, history[-HISTORY:], lower)
        history.extend(mine)


class SentenceView:
    """The tokens, mentions and groups of one sentence, with argument search."""

    def __init__(self, doc: Doc, sent: Span, mentions: list[Mention], rules: ClauseRules, history: list[Mention],
                 lower: list[str]) -> None:
        self.doc = doc
        self.sent = sent
        self.start, self.end = sent.start, sent.end
        self.lower = lower  # lowercased tokens of the whole doc
        self.mentions = mentions  # this sentence's, in order
        self.history = history  # mentions of earlier sentences, for pronouns
        self.coordination = rules.coordination
        self.prepositions = rules.prepositions
        self.clause_breaks = rules.clause_breaks
        self.light_verbs = rules.light_verbs
        self.agents = rules.agents
        self.event_nouns = rules.event_nouns
        self.goods: set[int] = set()  # token indices where a resource word starts (set by the relations component)
        self.goods_spans: list[tuple[int, int]] = []  # the resource words' token spans (idem)
        self.light_verb_used = False  # set by noun_source
        self.noun_recipient: Arg | None = None  # set by noun_source
        self.groups = self._group()
        self.appositive = self._appositives()
        self.group_at = {}
        for g in self.groups:
            for k in range(g.start, g.end):
                self.group_at[k] = g

    # -- groups ----------------------------------------------------------------
    def _group(self) -> list[Group]:
        groups: list[Group] = []
        gaps = [self._gap(a, b) for a, b in zip(self.mentions, self.mentions[1:])]
        for n, m in enumerate(self.mentions):
            if groups and not groups[-1].possessive:
                gap = gaps[n - 1]
                # a bare comma joins a list only when the list closes with "and" ("X, Y and Z")
                if gap is not None and (gap != "," or (n < len(gaps) and gaps[n] not in (None, ","))):
                    groups[-1].mentions.append(m)
                    continue
            groups.append(Group([m]))
        return groups

    def _appositives(self) -> set[int]:
        """Tokens of appositions after a name (", a key U.S. ally in the war,"): never a subject."""
        inside: set[int] = set()
        ends = {g.end for g in self.groups}
        for c in range(self.start, self.end - 1):
            if self.lower[c] == "," and c in ends and self.lower[c + 1] in ("a", "an", "the"):
                k = c + 1
                while k < self.end and self.lower[k] not in (",", ";", ".", "—"):
                    k += 1
                if k < self.end and self.lower[k] == ",":
                    inside.update(range(c + 1, k + 1))
        return inside

    def _gap(self, a: Mention, b: Mention) -> str | None:
        """The coordination between two mentions ("and", "along with", ","), or None if they are not joined."""
        if b.start - a.end > 4:
            return None
        words = self.lower[a.end:b.start]
        text = " ".join(w for w in words if w not in (",", "the")).removeprefix("both ").strip()
        if text == "":
            return "," if words else None
        return text if text in self.coordination else None

    # -- helpers ---------------------------------------------------------------
    def token_before(self, i: int, skip: set[str] = DETERMINERS) -> int | None:
        """Index of the nearest token before ``i`` in the sentence that is not in ``skip``."""
        k = i - 1
        while k >= self.start and self.lower[k] in skip:
            k -= 1
        return k if k >= self.start else None

    def is_prepositional(self, g: Group) -> bool:
        k = self.token_before(g.start)
        return k is not None and self.lower[k] in self.prepositions

    def is_break(self, k: int) -> bool:
        return self.lower[k] in self.clause_breaks or self.lower[k] in (";", ":", "—", "–")

    def segment_start(self, i: int) -> int:
        """Start of the comma/clause segment that holds token ``i``."""
        k = i - 1
        while k >= self.start and not (self.lower[k] == "," or self.is_break(k)):
            k -= 1
        return k + 1

    def sentence_subject(self) -> Group | None:
        """The first group of the sentence that is not the object of a preposition."""
        for g in self.groups:
            if not self.is_prepositional(g):
                return g
        return None

    def governing_subject(self, i: int) -> Arg | None:
        """The subject of the clause a noun at ``i`` stands in (read from the parse; none by word order)."""
        return None

    def resolve_pronoun(self, word: str, before: int, skip_country: set[str] | None = None) -> list[str]:
        """Codes of the nearest earlier mention a pronoun can refer to (not of the side ``skip_country``, see
        :func:`~accord.pipeline.reference.is_own`; the rules are :mod:`.reference`'s)."""
        return resolve_pronoun(self, word, before, skip_country)

    def reading(self, i: int, has_verb: bool, has_noun: bool, bare: bool = True) -> str | None:
        """Whether the word at ``i`` reads as a "verb" or a "noun" here (see :func:`reading`)."""
        return reading(self, i, has_verb, has_noun, bare)

    parsed = False  # word order only: frame-only cues and uncoded sources need the parse

    def has_complement(self, i: int) -> bool:
        """Whether the verb at ``i`` takes a clause or a quotation (word order cannot tell)."""
        return False

    def uncoded_source(self, i: int) -> Arg | None:
        """The source phrase of a reporting verb at ``i`` that names no actor (word order cannot tell: None)."""
        return None

    def source_phrase(self, arg: Arg) -> tuple[int, int]:
        """The tokens of the whole phrase naming a source (word order: the mention itself)."""
        return arg.start, arg.end

    # -- arguments ---------------------------------------------------------------
    def subject(self, i: int) -> Arg | None:
        """Codes of the subject of the predicate at token ``i`` (a verb, or a light verb)."""
        # 1. a group or pronoun right before the predicate, with only auxiliaries between
        # (a prepositional group only before an -ing form: "with X allegedly providing")
        k = self.token_before(i, AUXILIARIES | {","} | {w for w in self.lower[self.start:i] if w.endswith("ly")})
        while k is not None and k in self.appositive:
            k = self.token_before(min(self.appositive & set(range(self.start, k + 1))), AUXILIARIES | {","})
        if k is not None:
            g = self.group_at.get(k)
            if g is not None and (not self.is_prepositional(g) or self.lower[i].endswith("ing")):
                return _arg(g)
            if self.lower[k] in PRONOUNS:
                return self._pronoun_arg(k)
            if self.lower[k] in ("who", "which", "that"):
                g = self._group_ending_before(k)
                if g is not None:
                    return _arg(g)
                if self.lower[k] != "that":  # "that" may open a reported clause instead
                    return None  # "transfers, which would violate ...": the antecedent is not an actor
        prev = self.token_before(i, AUXILIARIES | {w for w in self.lower[self.start:i] if w.endswith("ly")})
        # 2a. a verb coordinated with an earlier one ("X commended Y and emphasized Z"): the sentence's subject
        if prev is not None and self.lower[prev] in ("and", "but", "or", "then") and not self.lower[i].endswith("ing"):
            g = self.sentence_subject()
            if g is not None and g.start < i:
                return _arg(g)
        # 2. a participle clause after a comma ("..., effectively blocking X"): the sentence's subject
        if self.doc[i].lower_.endswith("ing") and prev is not None and self.lower[prev] in (",", "while", "before", "after", "thereby", "thus", "when"):
            g = self.sentence_subject()
            if g is not None and g.start < i:
                return _arg(g)
        # 3. an infinitive or "of/for/by V-ing" complement: the nearest group in its segment controls it
        if prev is not None and self.lower[prev] in ("to", "of", "for", "by"):
            seg = self.segment_start(i)
            near = [g for g in self.groups if seg <= g.start and g.end <= prev
                    and (self.lower[prev] in ("to", "of") or not g.possessive)
                    and self.token_before(g.start) is not None and self.lower[self.token_before(g.start)] != "by"]
            if near:
                return _arg(near[-1])
        # 4. the nearest earlier group that is not the object of a preposition nor in an apposition
        for g in reversed([g for g in self.groups if g.end <= i]):
            if not self.is_prepositional(g) and g.start not in self.appositive:
                return _arg(g)
        return None

    def _pronoun_arg(self, k: int, skip_country: set[str] | None = None) -> Arg | None:
        codes = self.resolve_pronoun(self.lower[k], k, skip_country)
        return Arg(codes, k, k + 1) if codes else None

    def _group_ending_before(self, k: int) -> Group | None:
        """The actor a relative pronoun at ``k`` refers to: the group before it, or modifying the noun before it."""
        j = self.token_before(k, {","})
        if j is None:
            return None
        if j in self.group_at:
            return self.group_at[j]
        # "UN Security Council sanctions that ...": the head noun's actor modifier
        if self.doc[j].is_lower and self.doc[j].is_alpha and j - 1 in self.group_at:
            return self.group_at[j - 1]
        return None

    def object(self, i: int, limit: int = 14, skip_country: set[str] | None = None, allow_for: bool = False,
               allow_from: bool = False, stance: str | None = None) -> Arg | None:
        """Codes of the first group after token ``i`` inside the same clause.

        ``stance``: the predicate takes a stance on an act ("welcomed the sanctions"): "only" its
        doer is the recipient, or "or" the object otherwise; only the parse can tell the act's doer
        from its patient, so word order ignores it.

        Groups of the side of ``skip_country`` (the source's codes: its own troops or officials,
        sent or sold rather than received; see :func:`is_own`) are passed over.
        """
        k = i
        stop = min(self.end, i + limit)
        while k < stop:
            w = self.lower[k]
            if k in self.group_at:
                g = self.group_at[k]
                own = is_own(g.codes, skip_country)
                # "North Korean missiles" are goods, not a recipient
                goods = len(g.mentions) == 1 and g.mentions[0].via == "demonym" and g.end in self.goods
                if own or goods:
                    k = g.end
                    continue
                return _arg(g)
            if w in OBJECT_PRONOUNS:
                codes = self.resolve_pronoun({"it": "its", "them": "their", "him": "his", "her": "her"}[w], k, skip_country)
                if codes:
                    return Arg(codes, k, k + 1)
            if w in (",", ".", "!", "?") or self.is_break(k) or w in QUOTE_OPEN:
                return None
            if w in self.prepositions and w != "than" and not (w == "from" and allow_from) \
                    and (w not in TARGET_PREPOSITIONS or (w == "for" and not allow_for)):
                return None
            if w in POSSESSIVE_PRONOUNS and w != "their":
                # "withdraw its troops": a possessive naming the source itself is not a recipient
                own = self.resolve_pronoun(w, k)
                if own and is_own(own, skip_country):
                    k += 1
                    continue
                arg = self._pronoun_arg(k, skip_country)
                if arg is not None:
                    return arg
            k += 1
        return None

    def agent_after(self, i: int, limit: int = 30) -> Arg | None:
        """Codes of the group after "by" following token ``i`` (the agent of a passive)."""
        stop = min(self.end, i + limit)
        for k in range(i, stop):
            if self.lower[k] == "by" and k + 1 < self.end:
                j = k + 1
                while j < self.end and self.lower[j] in DETERMINERS:
                    j += 1
                return _arg(self.group_at[j]) if j in self.group_at else None
            if self.is_break(k) or self.lower[k] in (".", ";"):
                return None
        return None

    def is_passive(self, i: int) -> bool:
        """A past participle after a form of "be" ("was accused", "have been supplied")."""
        word = self.lower[i]
        if not (word.endswith("ed") or word.endswith("en") or word in ("sent", "struck", "met", "held", "told", "shot", "fought", "built", "hit", "cut", "seen")):
            return False
        k = self.token_before(i, {"also", "not", "n't", "previously", "reportedly", "allegedly", "already", "repeatedly", "recently"} | {w for w in self.lower[self.start:i] if w.endswith("ly")})
        return k is not None and self.lower[k] in BE_FORMS - {"'s", "’s"}

    def noun_source(self, i: int, allow_name_modifier: bool) -> Arg | None:
        """The actor of a nominal event: possessor, modifier, or a light verb's subject.

        Sets ``light_verb_used`` when a light verb reports the event ("held talks").
        """
        self.light_verb_used = False
        self.noun_recipient = None
        if self.doc.has_annotation("DEP"):
            found = self._parsed_noun_source(i)
            if found is not None:
                return found
        k = self.token_before(i, DETERMINERS - {"'s", "’s", "his", "her", "its", "their"} | {w for w in self.lower[self.start:i] if w.endswith("ly")})
        article = k is not None and k + 1 < i and self.lower[k + 1] in ("a", "an", "the")
        # adjectives between possessor and noun ("Putin's rare visit"): allow two lowercase words
        for _ in range(3):
            if k is None:
                break
            w = self.lower[k]
            if w in APOSTROPHES:
                g = self.group_at.get(k - 1)
                return _arg(g) if g else None
            if w in POSSESSIVE_PRONOUNS:
                return self._pronoun_arg(k)
            if k in self.group_at:
                g = self.group_at[k]
                j = self.token_before(g.start, set())
                if article and j is not None and ends_with_any(self.lower, j + 1, self.light_verbs):
                    # "gave Tanzania a grant": the light verb's subject gives, the first object receives
                    self.light_verb_used, self.noun_recipient = True, _arg(g)
                    return self.subject(j)
                if article:
                    return None  # "... Tanzania a grant": a separate noun phrase, not a modifier
                if allow_name_modifier or all(x.via in ("demonym", "agent") or x.kind == "bloc" for x in g.mentions):
                    return _arg(g)
                return None
            if ends_with_any(self.lower, k + 1, self.light_verbs):
                self.light_verb_used = True
                return self.subject(k)
            if w in self.prepositions:
                # "embarked on a visit", "carried out an attack": the light verb's subject
                j = self.token_before(k, set())
                if j is not None and ends_with_any(self.lower, j + 1, self.light_verbs):
                    self.light_verb_used = True
                    return self.subject(j)
                break
            # walk back over modifiers only ("Putin's rare visit"), never over a verb or function word
            if not self.doc[k].is_alpha or self.doc[k].is_upper or w in STOP_WORDS:
                break
            k = self.token_before(k, DETERMINERS - {"'s", "’s", "his", "her", "its", "their"})
        return None

    def _parsed_noun_source(self, i: int) -> Arg | None:
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
        self.light_verb_used = True
        return subj

    def between(self, i: int) -> tuple[Arg, Arg] | None:
        """("alliance between X and Y") the two members of the group after "between"."""
        if i + 1 < self.end and self.lower[i + 1] == "between":
            j = i + 2
            while j < self.end and self.lower[j] in DETERMINERS:
                j += 1
            g = self.group_at.get(j)
            if g and len(g.mentions) == 2:
                a, b = g.mentions
                return Arg(list(a.codes), a.start, a.end), Arg(list(b.codes), b.start, b.end)
        return None


def _takes_base_form(g: Group) -> bool:
    """A plural or compound subject ("Russia and China", "officials") takes a bare verb."""
    m = g.mentions[-1]
    return len(g.mentions) > 1 or (m.kind != "person" and (m.via != "name" or any(len(c) > 3 for c in m.codes)))


def reading(view: SentenceView, i: int, has_verb: bool, has_noun: bool, bare: bool = True) -> str | None:
    """Whether the word at ``i`` reads as a "verb" or a "noun" here (None: neither entry fits).

    Without a tagger the previous word decides: a determiner or possessive before
    it makes a noun, "to", a modal, a pronoun or an actor before it makes a verb
    (a singular actor only for inflected forms: "Russia supplies", but "a U.S.
    ally"); otherwise inflected forms ("said", "supplying") are verbs and bare or
    -s forms nouns. ``bare``: the word is a verb's lemma.
    """
    word = view.lower[i]
    k = view.token_before(i, {w for w in view.lower[view.start:i] if w.endswith("ly")})
    prev = view.lower[k] if k is not None else ""
    inflected = not bare and not word.endswith("s")
    if prev in DETERMINERS or prev in POSSESSIVE_PRONOUNS or prev in APOSTROPHES:
        guess = "noun"
    elif k is not None and k in view.group_at and bare and not _takes_base_form(view.group_at[k]):
        guess = "noun"
    elif prev in MODALS or prev in PRONOUNS or prev in AUXILIARIES or (k is not None and k in view.group_at) or prev in ("who", "which", "that"):
        guess = "verb"
    else:
        guess = "verb" if inflected else "noun"
    if guess == "verb" and has_verb:
        return "verb"
    if guess == "noun" and has_noun:
        return "noun"
    if inflected and has_verb:
        return "verb"
    return None
