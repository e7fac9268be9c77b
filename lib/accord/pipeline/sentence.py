"""The shared analysis of one sentence: its tokens, actor mentions and coordinated groups.

The ``accord_sentences`` component analyses each sentence of a document once
(:func:`analyse`) into a sentence view, and the claims and relations components
both read those same views (``doc._.sentences``). A view answers the questions the
components ask of a sentence (the subject, object, passive agent or possessor of a
predicate): :class:`~accord.pipeline.syntax.TreeView` reads them from the parse
(engine v2/v3), :class:`~accord.pipeline.clauses.WordOrderView` from word order
(engine v1, and the explicit fallback of the tree view). Both are a :class:`Sentence`:
what this module computes is shared, how arguments are searched is theirs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc, Span

from .actors import Mention
from .grammar import ARTICLES, DETERMINERS
from .reference import resolve_pronoun
from .wordlists import PhraseIndex, phrases, unique
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


def arg_of(g: Group) -> Arg:
    """The argument a group fills."""
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


def analyse(doc: Doc, rules: ClauseRules, view: type["Sentence"]) -> list["Sentence"]:
    """One ``view`` (a :class:`Sentence` class) for each sentence of ``doc``, in order; linear in the
    length of the doc. Each sees the mentions of the sentences before it, for pronouns."""
    lower = doc._.lower
    if lower is None:
        lower = doc._.lower = [t.lower_ for t in doc]
    mentions = doc._.mentions
    n = 0
    history: list[Mention] = []
    out: list[Sentence] = []
    for sent in doc.sents:
        mine = []
        while n < len(mentions) and mentions[n].start < sent.end:
            if mentions[n].start >= sent.start:
                mine.append(mentions[n])
            n += 1
        out.append(view(doc, sent, mine, rules, history[-HISTORY:], lower))
        history.extend(mine)
    return out


class Sentence:
    """The tokens, mentions and groups of one sentence, and the questions a view of it answers.

    The analysis (groups, appositions, pronouns, clause segments) is computed here once; the
    argument search (:meth:`subject`, :meth:`object`, ...) is a view's: a subclass answers it
    from the parse or from word order.
    """

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
        self.groups = self._group()
        self.appositive = self._appositives()
        self.group_at = {}
        for g in self.groups:
            for k in range(g.start, g.end):
                self.group_at[k] = g

    # -- groups ----------------------------------------------------------------
    def _group(self) -> list[Group]:
        groups: list[Group] = []
        gaps = [self.gap(a, b) for a, b in zip(self.mentions, self.mentions[1:])]
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
            if self.lower[c] == "," and c in ends and self.lower[c + 1] in ARTICLES:
                k = c + 1
                while k < self.end and self.lower[k] not in (",", ";", ".", "—"):
                    k += 1
                if k < self.end and self.lower[k] == ",":
                    inside.update(range(c + 1, k + 1))
        return inside

    def gap(self, a: Mention, b: Mention) -> str | None:
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

    def resolve_pronoun(self, word: str, before: int, skip_country: set[str] | None = None) -> list[str]:
        """Codes of the nearest earlier mention a pronoun can refer to (not of the side ``skip_country``, see
        :func:`~accord.pipeline.reference.is_own`; the rules are :mod:`.reference`'s)."""
        return resolve_pronoun(self, word, before, skip_country)

    def pronoun_arg(self, k: int, skip_country: set[str] | None = None) -> Arg | None:
        """The argument a pronoun at ``k`` stands for (None when nothing fits)."""
        codes = self.resolve_pronoun(self.lower[k], k, skip_country)
        return Arg(codes, k, k + 1) if codes else None

    # -- the questions a view answers ---------------------------------------------
    parsed = False  # whether the view reads a parse (frame-only cues and uncoded sources need one)
    light_verb_used = False  # set by noun_source: a light verb reports the nominal event ("held talks")
    noun_recipient: Arg | None = None  # set by noun_source: "gave X a grant" -> X

    def subject(self, i: int) -> Arg | None:
        """The subject of the predicate at token ``i`` (a verb, or a light verb)."""
        raise NotImplementedError

    def object(self, i: int, limit: int = 14, skip_country: set[str] | None = None, allow_for: bool = False,
               allow_from: bool = False, stance: str | None = None) -> Arg | None:
        """The recipient of the predicate ending before token ``i``, not of the side ``skip_country``."""
        raise NotImplementedError

    def agent_after(self, i: int, limit: int = 30) -> Arg | None:
        """The agent of a passive predicate ending before token ``i`` (its by-phrase)."""
        raise NotImplementedError

    def is_passive(self, i: int) -> bool:
        """Whether the verb at ``i`` is passive."""
        raise NotImplementedError

    def noun_source(self, i: int, allow_name_modifier: bool) -> Arg | None:
        """The actor of the nominal event at ``i``; sets :attr:`light_verb_used` and :attr:`noun_recipient`."""
        raise NotImplementedError

    def between(self, i: int) -> tuple[Arg, Arg] | None:
        """The two members of "between X and Y" after the noun at ``i``."""
        raise NotImplementedError

    def reading(self, i: int, has_verb: bool, has_noun: bool, bare: bool = True) -> str | None:
        """Whether the word at ``i`` reads as a "verb" or a "noun" here (None: neither entry fits)."""
        raise NotImplementedError

    def governing_subject(self, i: int) -> Arg | None:
        """The subject of the clause a noun at ``i`` stands in (None where the view cannot tell)."""
        return None

    def has_complement(self, i: int) -> bool:
        """Whether the verb at ``i`` takes a clause or a quotation (False where the view cannot tell)."""
        return False

    def uncoded_source(self, i: int) -> Arg | None:
        """The source phrase of a reporting verb at ``i`` that names no actor (None where the view cannot tell)."""
        return None

    def source_phrase(self, arg: Arg) -> tuple[int, int]:
        """The tokens of the whole phrase naming a source (by default the mention itself)."""
        return arg.start, arg.end
