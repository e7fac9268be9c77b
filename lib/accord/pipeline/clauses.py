"""Arguments by word order: engine v1's view of a sentence, and the tree view's fallback.

A predicate's arguments are found with a few ordered heuristics over the tokens of its
sentence (:class:`~accord.pipeline.sentence.Sentence` holds the coordinated groups): the
subject is the group standing before the predicate that is not the object of a preposition,
the object is the first group after it inside the same clause. The heuristics are
deliberately general: they are tuned on grammar, never on given sentences.

The searches are functions of a sentence view, so that :class:`WordOrderView` (engine v1)
answers every question with them, and :class:`~accord.pipeline.syntax.TreeView` calls them
by name where the parse gives no answer: the fallback is explicit, not inherited.
"""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from .grammar import (APOSTROPHES, ARTICLES, AUXILIARIES, BE_FORMS, CONTROL_WORDS, DETERMINERS, IRREGULAR_PARTICIPLES,
                      MODALS, NON_POSSESSIVE_DETERMINERS, OBJECT_POSSESSIVES, OBJECT_PRONOUNS, PARTICIPLE_OPENERS,
                      PASSIVE_FILLERS, POSSESSIVE_PRONOUNS, POSSESSOR_CONTROLS, PRONOUNS, QUOTE_OPEN,
                      SUBJECT_RELATIVES, TARGET_PREPOSITIONS, VERB_COORDINATORS)
from .reference import is_own
from .sentence import Arg, Group, Sentence, arg_of
from .wordlists import ends_with_any


def subject(view: Sentence, i: int) -> Arg | None:
    """The subject of the predicate at token ``i`` (a verb, or a light verb), by word order."""
    # 1. a group or pronoun right before the predicate, with only auxiliaries between
    # (a prepositional group only before an -ing form: "with X allegedly providing")
    k = view.token_before(i, AUXILIARIES | {","} | {w for w in view.lower[view.start:i] if w.endswith("ly")})
    while k is not None and k in view.appositive:
        k = view.token_before(min(view.appositive & set(range(view.start, k + 1))), AUXILIARIES | {","})
    if k is not None:
        g = view.group_at.get(k)
        if g is not None and (not view.is_prepositional(g) or view.lower[i].endswith("ing")):
            return arg_of(g)
        if view.lower[k] in PRONOUNS:
            return view.pronoun_arg(k)
        if view.lower[k] in SUBJECT_RELATIVES:
            g = _group_ending_before(view, k)
            if g is not None:
                return arg_of(g)
            if view.lower[k] != "that":  # "that" may open a reported clause instead
                return None  # "transfers, which would violate ...": the antecedent is not an actor
    prev = view.token_before(i, AUXILIARIES | {w for w in view.lower[view.start:i] if w.endswith("ly")})
    # 2a. a verb coordinated with an earlier one ("X commended Y and emphasized Z"): the sentence's subject
    if prev is not None and view.lower[prev] in VERB_COORDINATORS and not view.lower[i].endswith("ing"):
        g = view.sentence_subject()
        if g is not None and g.start < i:
            return arg_of(g)
    # 2. a participle clause after a comma ("..., effectively blocking X"): the sentence's subject
    if view.doc[i].lower_.endswith("ing") and prev is not None \
            and (view.lower[prev] == "," or view.lower[prev] in PARTICIPLE_OPENERS):
        g = view.sentence_subject()
        if g is not None and g.start < i:
            return arg_of(g)
    # 3. an infinitive or "of/for/by V-ing" complement: the nearest group in its segment controls it
    if prev is not None and view.lower[prev] in CONTROL_WORDS:
        seg = view.segment_start(i)
        near = [g for g in view.groups if seg <= g.start and g.end <= prev
                and (view.lower[prev] in POSSESSOR_CONTROLS or not g.possessive)
                and view.token_before(g.start) is not None and view.lower[view.token_before(g.start)] != "by"]
        if near:
            return arg_of(near[-1])
    # 4. the nearest earlier group that is not the object of a preposition nor in an apposition
    for g in reversed([g for g in view.groups if g.end <= i]):
        if not view.is_prepositional(g) and g.start not in view.appositive:
            return arg_of(g)
    return None


def _group_ending_before(view: Sentence, k: int) -> Group | None:
    """The actor a relative pronoun at ``k`` refers to: the group before it, or modifying the noun before it."""
    j = view.token_before(k, {","})
    if j is None:
        return None
    if j in view.group_at:
        return view.group_at[j]
    # "UN Security Council sanctions that ...": the head noun's actor modifier
    if view.doc[j].is_lower and view.doc[j].is_alpha and j - 1 in view.group_at:
        return view.group_at[j - 1]
    return None


def object_after(view: Sentence, i: int, limit: int = 14, skip_country: set[str] | None = None, allow_for: bool = False,
                 allow_from: bool = False) -> Arg | None:
    """Codes of the first group after token ``i`` inside the same clause.

    Groups of the side of ``skip_country`` (the source's codes: its own troops or officials,
    sent or sold rather than received; see :func:`is_own`) are passed over.
    """
    k = i
    stop = min(view.end, i + limit)
    while k < stop:
        w = view.lower[k]
        if k in view.group_at:
            g = view.group_at[k]
            own = is_own(g.codes, skip_country)
            # "North Korean missiles" are goods, not a recipient
            goods = len(g.mentions) == 1 and g.mentions[0].via == "demonym" and g.end in view.goods
            if own or goods:
                k = g.end
                continue
            return arg_of(g)
        if w in OBJECT_PRONOUNS:
            codes = view.resolve_pronoun(OBJECT_POSSESSIVES[w], k, skip_country)
            if codes:
                return Arg(codes, k, k + 1)
        if w in (",", ".", "!", "?") or view.is_break(k) or w in QUOTE_OPEN:
            return None
        if w in view.prepositions and w != "than" and not (w == "from" and allow_from) \
                and (w not in TARGET_PREPOSITIONS or (w == "for" and not allow_for)):
            return None
        if w in POSSESSIVE_PRONOUNS and w != "their":
            # "withdraw its troops": a possessive naming the source itself is not a recipient
            own = view.resolve_pronoun(w, k)
            if own and is_own(own, skip_country):
                k += 1
                continue
            arg = view.pronoun_arg(k, skip_country)
            if arg is not None:
                return arg
        k += 1
    return None


def agent_after(view: Sentence, i: int, limit: int = 30) -> Arg | None:
    """Codes of the group after "by" following token ``i`` (the agent of a passive)."""
    stop = min(view.end, i + limit)
    for k in range(i, stop):
        if view.lower[k] == "by" and k + 1 < view.end:
            j = k + 1
            while j < view.end and view.lower[j] in DETERMINERS:
                j += 1
            return arg_of(view.group_at[j]) if j in view.group_at else None
        if view.is_break(k) or view.lower[k] in (".", ";"):
            return None
    return None


def is_passive(view: Sentence, i: int) -> bool:
    """A past participle after a form of "be" ("was accused", "have been supplied")."""
    word = view.lower[i]
    if not (word.endswith("ed") or word.endswith("en") or word in IRREGULAR_PARTICIPLES):
        return False
    k = view.token_before(i, PASSIVE_FILLERS | {w for w in view.lower[view.start:i] if w.endswith("ly")})
    return k is not None and view.lower[k] in BE_FORMS - APOSTROPHES


def noun_source(view: Sentence, i: int, allow_name_modifier: bool) -> Arg | None:
    """The actor of a nominal event: possessor, modifier, or a light verb's subject.

    Sets ``light_verb_used`` when a light verb reports the event ("held talks").
    """
    view.light_verb_used = False
    view.noun_recipient = None
    k = view.token_before(i, NON_POSSESSIVE_DETERMINERS | {w for w in view.lower[view.start:i] if w.endswith("ly")})
    article = k is not None and k + 1 < i and view.lower[k + 1] in ARTICLES
    # adjectives between possessor and noun ("Putin's rare visit"): allow two lowercase words
    for _ in range(3):
        if k is None:
            break
        w = view.lower[k]
        if w in APOSTROPHES:
            g = view.group_at.get(k - 1)
            return arg_of(g) if g else None
        if w in POSSESSIVE_PRONOUNS:
            return view.pronoun_arg(k)
        if k in view.group_at:
            g = view.group_at[k]
            j = view.token_before(g.start, set())
            if article and j is not None and ends_with_any(view.lower, j + 1, view.light_verbs):
                # "gave Tanzania a grant": the light verb's subject gives, the first object receives
                view.light_verb_used, view.noun_recipient = True, arg_of(g)
                return view.subject(j)
            if article:
                return None  # "... Tanzania a grant": a separate noun phrase, not a modifier
            if allow_name_modifier or all(x.via in ("demonym", "agent") or x.kind == "bloc" for x in g.mentions):
                return arg_of(g)
            return None
        if ends_with_any(view.lower, k + 1, view.light_verbs):
            view.light_verb_used = True
            return view.subject(k)
        if w in view.prepositions:
            # "embarked on a visit", "carried out an attack": the light verb's subject
            j = view.token_before(k, set())
            if j is not None and ends_with_any(view.lower, j + 1, view.light_verbs):
                view.light_verb_used = True
                return view.subject(j)
            break
        # walk back over modifiers only ("Putin's rare visit"), never over a verb or function word
        if not view.doc[k].is_alpha or view.doc[k].is_upper or w in STOP_WORDS:
            break
        k = view.token_before(k, NON_POSSESSIVE_DETERMINERS)
    return None


def between(view: Sentence, i: int) -> tuple[Arg, Arg] | None:
    """("alliance between X and Y") the two members of the group after "between"."""
    if i + 1 < view.end and view.lower[i + 1] == "between":
        j = i + 2
        while j < view.end and view.lower[j] in DETERMINERS:
            j += 1
        g = view.group_at.get(j)
        if g and len(g.mentions) == 2:
            a, b = g.mentions
            return Arg(list(a.codes), a.start, a.end), Arg(list(b.codes), b.start, b.end)
    return None


def _takes_base_form(g: Group) -> bool:
    """A plural or compound subject ("Russia and China", "officials") takes a bare verb."""
    m = g.mentions[-1]
    return len(g.mentions) > 1 or (m.kind != "person" and (m.via != "name" or any(len(c) > 3 for c in m.codes)))


def reading(view: Sentence, i: int, has_verb: bool, has_noun: bool, bare: bool = True) -> str | None:
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
    elif prev in MODALS or prev in PRONOUNS or prev in AUXILIARIES or (k is not None and k in view.group_at) \
            or prev in SUBJECT_RELATIVES:
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


class WordOrderView(Sentence):
    """A sentence view that answers every question by word order (engine v1: no parse)."""

    def subject(self, i: int) -> Arg | None:
        return subject(self, i)

    def object(self, i: int, limit: int = 14, skip_country: set[str] | None = None, allow_for: bool = False,
               allow_from: bool = False, stance: str | None = None) -> Arg | None:
        # only the parse tells an act's doer from its patient: word order ignores ``stance``
        return object_after(self, i, limit, skip_country, allow_for, allow_from)

    def agent_after(self, i: int, limit: int = 30) -> Arg | None:
        return agent_after(self, i, limit)

    def is_passive(self, i: int) -> bool:
        return is_passive(self, i)

    def noun_source(self, i: int, allow_name_modifier: bool) -> Arg | None:
        return noun_source(self, i, allow_name_modifier)

    def between(self, i: int) -> tuple[Arg, Arg] | None:
        return between(self, i)

    def reading(self, i: int, has_verb: bool, has_noun: bool, bare: bool = True) -> str | None:
        return reading(self, i, has_verb, has_noun, bare)
