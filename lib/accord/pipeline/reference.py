"""Reference: the actors that a pronoun, a definite noun phrase or a possessive stands for.

"Putin met Xi. Both leaders signed ..." (RUSGOV, CHNGOV), "Russia and China said their navies
..." (RUSMIL, CHNMIL), "Hamas fired rockets. The group ..." (PSEREB), "Russia's foreign ministry
... The ministry accused ..." (RUSGOV). Which words refer, to which kinds of actor and with
which sector, is language data (``data/grammar/reference.yaml``); this module holds the rules:

* **Pronouns** ("they", "its", "him"): the nearest earlier group of the right number and kind
  in the sentence, else the nearest earlier mention of the document that fits (for "they" and
  "their", the nearest coordinated group: "Russia and China ... their").
* **Possessives** ("their navies", "its army"): the possessive pronoun's antecedent, with the
  head noun's sector.
* **Plural definites** ("both leaders", "the two governments"): a number is required; the
  sentence itself before the phrase, then the previous sentence, must offer exactly that many
  compatible actors, as one coordinated group or as all its compatible actors.
* **Singular definites** ("the group", "the ministry"): an earlier mention with the same head
  noun, else the only compatible actor of the sentence and the two before it.

Conservative throughout: a wrong antecedent is worse than none, so any ambiguity (two
candidate groups, more actors than the number says, an unknown name that could be the
antecedent) leaves the phrase unresolved.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Iterable, Protocol, Sequence

import yaml
from spacy.tokens import Doc, Token

from .actors import UNRESOLVED, Mention
from .grammar import PLURAL_NOUNS, POSSESSIVE_PRONOUNS, SUBJECT_PRONOUN_KINDS
from ..paths import DATA_DIR

_DATA = yaml.safe_load((DATA_DIR / "grammar" / "reference.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class HeadRule:
    """What a referring head noun may stand for, and how its antecedents' codes become its own."""

    takes: frozenset[str]  # mention kinds
    code: str  # "country", "same", or a sector ("GOV", "MIL")
    persons_own: bool  # a person keeps their own code ("both leaders")


def _rules(table: dict) -> dict[str, HeadRule]:
    return {word: HeadRule(frozenset(r["takes"]), r["code"], r.get("persons") == "own") for word, r in table.items()}


NUMBERS: dict[str, int] = {str(k): int(v) for k, v in _DATA["numbers"].items()}
DEFINITE: frozenset[str] = frozenset(_DATA["definite"])
PLURAL: dict[str, HeadRule] = _rules(_DATA["plural"])
SINGULAR: dict[str, HeadRule] = _rules(_DATA["singular"])
BACK: dict[str, int] = dict(_DATA["sentences_back"])
BLOCKING: frozenset[str] = frozenset(_DATA["blocking_modifiers"])
# kinds an unknown name may hide: a phrase that takes them is ambiguous when one is in reach
_NAMED_BODIES = frozenset({"org", "group", "igo", "bloc"})
# a head's dependents that make it a description rather than a reference ("the group of experts")
_RESTRICTIVE = frozenset({"nmod", "appos", "flat", "flat:name"})


class GroupLike(Protocol):
    mentions: list[Mention]


class View(Protocol):
    """What the rules read of a sentence (a :class:`~accord.pipeline.sentence.Sentence`)."""

    doc: Doc
    start: int
    end: int
    groups: Sequence[GroupLike]
    group_at: dict[int, GroupLike]
    history: list[Mention]

    def gap(self, a: Mention, b: Mention) -> str | None: ...


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def is_own(codes: Iterable[str], source: AbstractSet[str] | None) -> bool:
    """Whether a group coded ``codes`` is the ``source``'s own side (itself, its troops or officials,
    sent or sold rather than received), not a recipient.

    The same country is its own side unless the sectors tell the sides apart: police against
    protesters, a court against a minister, a government against the opposition (PLOVER's
    domestic events). A state's own sectors, and a government's or army's troops, stay its own.
    """
    if not source:
        return False
    countries = {c[:3] for c in source}
    sectors = {c[3:6] for c in source}
    for c in codes:
        if c[:3] not in countries:
            return False
        sector = c[3:6]
        if sector and "" not in sectors and sector not in sectors and not (sector == "MIL" and sectors & {"GOV", "MIL"}):
            return False
    return True


# -- pronouns ---------------------------------------------------------------------------
def _fits_pronoun(mentions: list[Mention], want: str, doc: Doc) -> bool:
    if any(m.kind == "unresolved" for m in mentions):
        return False
    if want == "person":
        return len(mentions) == 1 and mentions[0].kind == "person"
    if want == "single":
        return len(mentions) == 1 and mentions[0].kind in ("state", "igo", "bloc", "org")
    # "they" / "them": a coordinated group, a state or bloc, or people named by a plural noun
    # ("protesters ... dozens of them"; not "the government")
    return len(mentions) > 1 or mentions[0].kind in ("bloc", "state", "igo") or _plural_group(mentions[0], doc)


def _plural_group(m: Mention, doc: Doc) -> bool:
    head = doc[m.end - 1]
    return m.kind == "group" and (head.tag_ in ("NNS", "NNPS") or head.lower_ in PLURAL_NOUNS)


def pronoun_antecedent(view: View, word: str, before: int, skip_country: set[str] | None = None) -> list[Mention]:
    """The mentions a pronoun at ``before`` refers to: the nearest earlier group of the sentence that
    fits its number and kind, else the nearest fitting mention of earlier sentences (not of the side
    ``skip_country``, see :func:`is_own`); empty when none fits."""
    want = POSSESSIVE_PRONOUNS.get(word) or SUBJECT_PRONOUN_KINDS.get(word)
    if want is None:
        return []
    skip = skip_country or set()
    for g in reversed(view.groups):
        codes = unique(c for m in g.mentions for c in m.codes)
        if g.mentions[-1].end <= before and not is_own(codes, skip) and _fits_pronoun(g.mentions, want, view.doc):
            return list(g.mentions)
    # earlier sentences: "they" and "their" stand for a whole coordinated group ("Russia and China ...
    # Their navies"), "it" and "he" for one mention
    earlier = _coordinated(view, view.history) if want == "plural" else [[m] for m in view.history]
    for g in reversed(earlier):
        codes = unique(c for m in g for c in m.codes)
        if _fits_pronoun(g, want, view.doc) and not is_own(codes, skip):
            return g
    return []


def resolve_pronoun(view: View, word: str, before: int, skip_country: set[str] | None = None) -> list[str]:
    """Codes of :func:`pronoun_antecedent`."""
    return unique(c for m in pronoun_antecedent(view, word, before, skip_country) for c in m.codes)


# -- definite noun phrases -----------------------------------------------------------------
def _fits(m: Mention, rule: HeadRule) -> bool:
    return m.kind in rule.takes and bool(m.codes) and not any(c.startswith(UNRESOLVED) for c in m.codes)


def _key(m: Mention) -> str:
    """What makes two antecedents distinct: a state and its leader are one country."""
    code = m.codes[0]
    return code[:3] if m.kind in ("state", "person") and not code.startswith("IGO") else "|".join(m.codes)


def _codes(mentions: list[Mention], rule: HeadRule) -> list[str]:
    out: list[str] = []
    for m in mentions:
        for c in m.codes:
            if rule.code == "same" or c.startswith("IGO") or m.kind not in ("state", "person") or \
                    (m.kind == "person" and rule.persons_own):
                out.append(c)
            elif rule.code == "country":
                out.append(c[:3])
            else:
                out.append(c[:3] + rule.code)
    return unique(out)


def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per antecedent, a person preferred to their state (their own code is more precise)."""
    chosen: dict[str, Mention] = {}
    for m in mentions:
        k = _key(m)
        if k not in chosen or (m.kind == "person" and chosen[k].kind != "person"):
            chosen[k] = m
    return list(chosen.values())


def _coordinated(view: View, mentions: list[Mention]) -> list[list[Mention]]:
    """``mentions`` (of one sentence, in order) in coordinated groups ("Russia and China")."""
    groups: list[list[Mention]] = []
    gaps = [view.gap(a, b) for a, b in zip(mentions, mentions[1:])]
    for n, m in enumerate(mentions):
        # as the sentence view groups: a bare comma joins a list only when the list closes with "and"
        gap = gaps[n - 1] if n else None
        if groups and not groups[-1][-1].possessive and gap is not None and (
                gap != "," or (n < len(gaps) and gaps[n] not in (None, ","))):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _earlier_sentences(view: View, n: int) -> list[tuple[int, int]]:
    """(start, end) of up to ``n`` sentences before the view's, nearest first."""
    out = []
    start = view.start
    while len(out) < n and start > 0:
        sent = view.doc[start - 1].sent
        out.append((sent.start, sent.end))
        start = sent.start
    return out


# dependents inside a noun phrase: a mention's token climbs them to the phrase's head
_INSIDE_PHRASE = frozenset({"amod", "compound", "conj", "cc", "nmod:poss", "det", "det:poss", "flat", "flat:name",
                            "nummod", "appos", "case"})
_CORE = frozenset({"nsubj", "nsubj:pass", "obj", "iobj"})


def _core_argument(t: Token) -> tuple[int, str] | None:
    """(verb, relation) when the noun phrase holding ``t`` is a subject or object of a verb, else None."""
    while t.dep_ in _INSIDE_PHRASE and t.head.i != t.i:
        t = t.head
    return (t.head.i, t.dep_) if t.dep_ in _CORE else None


def _sentences(view: View, before: int, back: int, head: Token | None = None) -> list[list[list[Mention]]]:
    """The coordinated groups of mentions within reach, one list per sentence, nearest sentence first:
    the view's own before token ``before``, then ``back`` earlier sentences. Given the referring
    ``head``, the own sentence's groups that are the subject or object of its own verb are left
    out: "envoys pressed both sides" never means the envoys."""
    own = [list(g.mentions) for g in view.groups if g.mentions[-1].end <= before]
    mine = _core_argument(head) if head is not None else None
    if mine is not None:
        own = [g for g in own if (_core_argument(view.doc[g[0].start]) or (None, ""))[0] != mine[0]]
    out = [own]
    for lo, hi in _earlier_sentences(view, back):
        out.append(_coordinated(view, [m for m in view.history if lo <= m.start < hi]))
    return out


def _plural(view: View, before: int, rule: HeadRule, n: int, head: Token) -> list[Mention]:
    """The ``n`` antecedents of a numbered plural phrase ("both leaders"), or none when it is ambiguous."""
    for groups in _sentences(view, before, BACK["plural"], head):
        whole = [g for g in groups if len(_distinct(g)) == n and all(_fits(m, rule) for m in g)]
        if len(whole) == 1:
            return _distinct(whole[0])
        if len(whole) > 1:
            return []  # "Russia and China met Iran and Turkey. Both countries ...": which two?
        actors = _distinct(m for g in groups for m in g if _fits(m, rule))
        # an unknown name may be one of "both sides" ("Guatemala's government and URNG rebels")
        hidden = rule.takes & _NAMED_BODIES and any(m.kind == "unresolved" for g in groups for m in g)
        if len(actors) == n and not hidden:
            return actors
        if actors or any(_fits(m, rule) for g in groups for m in g):
            return []  # too few or too many: the count does not tell which
    return []


def _singular(view: View, before: int, rule: HeadRule, head: str) -> list[str]:
    """The codes of a singular definite phrase's antecedent ("the ministry", "the group")."""
    sentences = _sentences(view, before, BACK["singular"])
    nearest = [m for groups in sentences for g in reversed(groups) for m in reversed(g)]
    # "Russia's foreign ministry ... the ministry": the same head noun names the same body
    for m in nearest:
        if view.doc[m.end - 1].lower_ == head and m.kind != "unresolved":
            return list(m.codes)
    fitting = _distinct(m for m in nearest if _fits(m, rule))
    hidden = rule.takes & _NAMED_BODIES and any(m.kind == "unresolved" for m in nearest)
    if len(fitting) != 1 or hidden:
        return []
    return _codes(fitting, rule)


def _their(view: View, mentions: list[Mention]) -> bool:
    """Whether "their" may stand for ``mentions``: two actors or more, or one plural group of people
    ("Burundian refugees ... their government"); a lone state is "it" ("Congolese soil" is not "their")."""
    if len(_distinct(mentions)) >= 2:
        return True
    return len(mentions) == 1 and mentions[0].kind == "state" and view.doc[mentions[0].end - 1].tag_ in ("NNS", "NNPS")


def _possessor(view: View, pronoun: Token) -> list[Mention]:
    """The antecedent of a possessive pronoun before a referring noun ("its army", "their navies").

    Stricter than a pronoun alone: when the sentence before the pronoun offers two different
    antecedents that fit ("Mexico broke off relations with Ecuador, its foreign ministry said"),
    recency does not decide and the phrase stays unresolved.
    """
    word = pronoun.lower_
    want = POSSESSIVE_PRONOUNS[word]
    # "Caracas put its forces on alert": the possessor is the clause's own subject; when that names
    # no actor we know, an actor named elsewhere in the sentence is not the possessor
    head = pronoun.head
    verb = head.head if head.dep_ in ("obj", "iobj", "obl") else None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None) if verb is not None else None
    if subject is not None and subject.i < pronoun.i and not any(
            k in view.group_at for k in range(subject.left_edge.i, subject.right_edge.i + 1)):
        return []
    own = [list(g.mentions) for g in view.groups if g.mentions[-1].end <= pronoun.i
           and _fits_pronoun(list(g.mentions), want, view.doc) and (word != "their" or _their(view, list(g.mentions)))]
    if len({tuple(sorted({_key(m) for m in g})) for g in own}) > 1:
        return []
    mentions = own[-1] if own else pronoun_antecedent(view, word, pronoun.i)
    return mentions if mentions and (word != "their" or _their(view, mentions)) else []


def resolve_phrase(view: View, head: Token) -> tuple[list[str], int, int] | None:
    """(codes, start, end) of the actors a referring noun phrase headed by ``head`` stands for.

    None when ``head`` is no referring head, its phrase is a description of its own ("the group
    of experts", "a group"), or the antecedent is missing or ambiguous.
    """
    word = head.lower_
    plural, singular = PLURAL.get(word), SINGULAR.get(word)
    if plural is None and singular is None:
        return None
    before = [c for c in head.children if c.i < head.i]
    if any(c.dep_ in _RESTRICTIVE for c in head.children) or any(
            (c.dep_ == "compound" and c.tag_.startswith("NNP")) or c.lower_ in BLOCKING for c in before):
        return None  # "the group of experts", "the Wagner group", "the city government": another body
    words = {c.lower_ for c in before if c.dep_ in ("det", "det:predet", "nummod", "cc:preconj")}
    possessor = next((c for c in before if c.dep_ in ("nmod:poss", "det:poss") and c.lower_ in POSSESSIVE_PRONOUNS), None)
    start = max(min([head.i] + [c.left_edge.i for c in before]), view.start)
    rule = plural or singular
    if possessor is not None:  # "their navies", "its army"
        mentions = _possessor(view, possessor)
        if not mentions or not all(_fits(m, rule) for m in mentions):
            return None
        codes = _codes(mentions, rule)
    elif plural is not None:
        numbers = {NUMBERS[w] for w in words if w in NUMBERS}
        if len(numbers) != 1 or not words & DEFINITE:
            return None  # "the leaders", "two leaders": no definite count of antecedents
        codes = _codes(_plural(view, start, plural, numbers.pop(), head), plural)
    elif "the" in words and not words & set(NUMBERS):
        codes = _singular(view, start, singular, word)
    else:
        return None
    return (codes, start, head.i + 1) if codes else None
