"""Who a short name stands for: a surname after the full name, a title and a surname, a double surname.

News names a person in full once and by a short form after ("Vytautas Landsbergis ... Landsbergis
said"), or by a title and a surname ("President Castro"). :class:`PersonNames` applies three rules
to the lexicon's name matches before :mod:`.actors` composes them into mentions:

1. A short form of a person named in full earlier in the document is that person, even where the
   lexicon gives the bare word to a namesake (Gabrielius Landsbergis owns "Landsbergis").
2. A title and a surname several people share ("President Castro") is the one who held an office
   of the title's sector (a president's GOV, not a portfolio under it such as GOVHLH) at the
   document's date: Fidel in 1990, Raúl in 2010, Xiomara of Honduras in 2023. Where several
   qualify, the country the title or the document names decides, then the office the role's title
   names; else the name stays as it was (unresolved, or the lexicon's own match).
3. Surnames of several words are short forms too: Spanish double surnames and particle surnames
   ("López Obrador", "Sánchez de Lozada", "dos Santos"), and with a title the first of two Spanish
   surnames ("President López").

The forms come from the names themselves and ``data/grammar/names.yaml``. A derived one-word form
that is an ordinary English word or someone's given name is never used: it would match too much.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Container, Mapping, Sequence

import yaml
from spacy.tokens import Doc

from ..errors import LexiconError
from ..lexicon import ActorEntry, Lexicon
from ..lexicon.places import COMMON_WORDS_FILE
from ..lexicon.variants import ascii_form
from ..paths import DATA_DIR
from .grammar import APOSTROPHES
from .normalise import MatchTokens
from .phrases import SplitPhrases

NAMES_FILE = DATA_DIR / "grammar" / "names.yaml"
Match = tuple[int, int, str, str]  # (start, end, kind, key) as :mod:`.actors` matches names
Form = tuple[str, ...]  # a name's tokens, without diacritics
Title = tuple[str, str, "str | None"]  # a title's sector, its words, the entry id of a country before it


@dataclass(frozen=True)
class NameRules:
    """How names are shortened (``data/grammar/names.yaml``)."""

    particles: frozenset[str]
    double_surname_countries: frozenset[str]
    suffixes: frozenset[str]


def read_name_rules(path: Path = NAMES_FILE) -> NameRules:
    """The rules of ``path``; a missing or malformed file raises :class:`~accord.errors.LexiconError` naming it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(path, f"cannot read the name rules: {exc}") from None
    keys = ("surname_particles", "double_surname_countries", "name_suffixes")
    if not isinstance(raw, dict):
        raise LexiconError(path, "top level must be a mapping of " + ", ".join(keys))
    values = []
    for key in keys:
        words = raw.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise LexiconError(path, f"{key!r} must be a list of non-empty strings")
        values.append(frozenset(words))
    return NameRules(*values)


def _surname_words(name: str, rules: NameRules) -> list[str]:
    words = name.replace(",", " ").split()
    while len(words) > 2 and words[-1] in rules.suffixes:
        words.pop()  # "Martin Luther King Jr." is "King"
    return words


def compound_surname(words: Sequence[str], country: str | None, rules: NameRules,
                     given: Container[str] = ()) -> tuple[str, str | None] | None:
    """The surname of several words of a person named ``words`` and its first surname, if it has one.

    "Gonzalo Sánchez de Lozada": ("Sánchez de Lozada", "Sánchez"); "José Eduardo dos Santos" (Eduardo
    is a given name): ("dos Santos", None); "Andrés Manuel López Obrador" (Mexico, two surnames):
    ("López Obrador", "López"). None for a name without one, or where the word before the last may be
    a given name (``given``: folded given names): "Juan Manuel Santos" has no "Manuel Santos".
    """
    n = len(words)
    if n < 3:
        return None
    i = n - 1
    # lowercase particles ("de la Rúa"), and a capitalised one after another ("de Los Heros", not "Lee Do Hoon")
    while i > 1 and (words[i - 1] in rules.particles or (words[i - 1].lower() in rules.particles
                                                         and words[i - 2] in rules.particles)):
        i -= 1
    if i < n - 1:  # particles before the last word
        head = words[i - 1]
        if i - 1 == 0 or _fold(head).lower() in given or not head[:1].isupper():
            return " ".join(words[i:]), None
        return " ".join(words[i - 1:]), head
    head = words[-2]
    if country not in rules.double_surname_countries or not head[:1].isupper() or _fold(head).lower() in given:
        return None
    return " ".join(words[-2:]), head


def short_forms(name: str, country: str | None, rules: NameRules, given: Container[str] = (),
                common: Container[str] = ()) -> tuple[list[str], list[str]]:
    """(forms by which ``name`` goes after it was given in full, forms by which it goes after a title).

    After the full name: the first and the last word (family name first or last) and a compound
    surname; after a title: the last word, a compound surname and a first surname that is neither a
    given name nor an ordinary word (``common``).
    """
    words = _surname_words(name, rules)
    if len(words) < 2:
        return [], []
    after, titled = [words[0], words[-1]], [words[-1]]
    compound = compound_surname(words, country, rules, given)
    if compound is not None:
        form, first = compound
        after.append(form)
        titled.append(form)
        if first is not None and len(first) > 2 and first.lower() not in common:
            titled.append(first)
    return list(dict.fromkeys(after)), list(dict.fromkeys(titled))


def _one_token(form: str) -> bool:
    """Whether the tokenizer leaves ``form`` whole: one word of letters."""
    return form.isalpha()


def _fold(text: str) -> str:
    return text if text.isascii() else ascii_form(text)


def _with_capital(forms: list[Form]) -> list[Form]:
    """``forms`` and, for one opening with a particle, its capitalised variant ("Dos Santos said")."""
    out = list(forms)
    for f in forms:
        if f[0][:1].islower():
            out.append((f[0][:1].upper() + f[0][1:],) + f[1:])
    return out


class PersonNames:
    """The short forms of the lexicon's people and the rules that resolve them (see the module)."""

    def __init__(self, lexicon: Lexicon, split: SplitPhrases) -> None:
        self.rules = read_name_rules()
        people = [e for e in lexicon.actors if e.kind == "person"]
        self.people: dict[str, ActorEntry] = {e.id: e for e in people}
        self.by_name: dict[str, ActorEntry] = {e.name: e for e in people}
        # given names: the first words of the full names (not of short names listed, "López Obrador")
        given = {_fold(e.name.split()[0]).lower() for e in people if " " in e.name}
        common = _common_words()
        after: dict[str, list[str]] = {}
        titled: dict[str, set[str]] = {}  # form -> the people it may stand for after a title
        for e in people:
            forms_after, forms_titled = short_forms(e.name, e.country, self.rules, given, common)
            if len(forms_after) > 2 or not all(_one_token(f) for f in forms_after):
                after[e.id] = forms_after  # the others' are their first and last word, derived when needed
            for n in e.names:
                if " " in n:
                    forms_titled += short_forms(n, e.country, self.rules, given, common)[1]
            for f in forms_titled:
                titled.setdefault(_fold(f), set()).add(e.id)
        # token tuples as the tokenizer splits the text ("al-Assad" is three tokens), without diacritics
        forms = sorted({f for fs in after.values() for f in fs} | set(titled))
        tokens = dict(zip(forms, (tuple(_fold(w) for w in t) for t in split(forms))))
        self.after: dict[str, list[Form]] = {k: _with_capital([tokens[f] for f in v]) for k, v in after.items()}
        self.titled: dict[Form, tuple[str, ...]] = {}
        self.compound: set[Form] = set()  # the forms of several words ("Sánchez de Lozada", not "al-Assad")
        for f, ids in titled.items():
            for t in _with_capital([tokens[f]]):
                self.titled[t] = tuple(sorted(set(self.titled.get(t, ())) | ids))
                if " " in f:
                    self.compound.add(t)
        self.reach = max((len(t) for t in self.titled), default=1)

    def forms_after(self, person: ActorEntry) -> list[Form]:
        """The short forms by which ``person`` goes after the full name, as token tuples (see :func:`short_forms`)."""
        forms = self.after.get(person.id)
        if forms is None:
            words = _surname_words(person.name, self.rules)
            forms = [(_fold(w),) for w in dict.fromkeys((words[0], words[-1]))] if len(words) > 1 else []
        return forms

    # -- rules 1 to 3 over the name matches ----------------------------------------------------------------
    def resolve(self, doc: Doc, tokens: MatchTokens, raw: list[Match], when: date | None,
                entries: Mapping[str, ActorEntry], agents: Mapping[str, str]) -> list[Match]:
        """``raw`` (the matches of :mod:`.actors`, in text order) with short forms resolved by rules 1 to 3.

        ``entries``: every actor entry by id; ``agents``: agent phrase -> sector (the lexicon's).
        """
        texts = self._texts(doc, tokens)
        countries = {c for s, e, kind, key in raw if kind in ("name", "demonym")
                     for c in [_country(entries[key], when)] if c and entries[key].kind != "person"}
        taken = [False] * len(doc)
        for s, e, _, _ in raw:
            taken[s:e] = [True] * (e - s)
        named: dict[Form, str] = {}  # short form -> the person first named in full
        out: list[Match] = []
        for k, (s, e, kind, key) in enumerate(raw):
            title = self._title(doc, out, s, agents)
            if kind == "name" and key in self.people:
                form = tuple(texts[i] for i in (tokens.kept(s, e) if tokens.changed else range(s, e)))
                # a short form that runs on past the match, after the full name or a title: "Mavinga dos Reis",
                # where "Mavinga" is a namesake's
                longer = _longer_form(texts, taken, s, e, named) or (
                    _longer_form(texts, taken, s, e, self.titled, self.reach) if title is not None else None)
                found = self._short(longer[1], None, title, named, when, countries, entries) if longer else None
                if found is not None:
                    (e, form), key = longer, found
                    taken[s:e] = [True] * (e - s)
                else:
                    key = self._short(form, key, title, named, when, countries, entries)
                earlier = named.get(form)
                if earlier is None and len(form) > 1:
                    for f in self.forms_after(self.people[key]):
                        named.setdefault(f, key)
            out.append((s, e, kind, key))
            # a capitalised title ("President Castro"; "the ministry Monday" is no title and surname)
            if kind == "agent" and (k + 1 == len(raw) or raw[k + 1][0] != e) and doc[e - 1].text[:1].isupper():
                hit = self._titled_hit(texts, taken, e, self._title(doc, out, e, agents), named, when, countries,
                                       entries)
                if hit is not None:
                    out.append(hit)
        return out

    def _texts(self, doc: Doc, tokens: MatchTokens) -> list[str]:
        """The tokens as the forms are written: normalised, without diacritics."""
        return tokens.texts if doc.text.isascii() else [_fold(w) for w in tokens.texts]

    def _title(self, doc: Doc, out: list[Match], start: int, agents: Mapping[str, str]) -> Title | None:
        """(sector, title words, the country of a modifier before it) of a title ending at ``start``, or None."""
        if not out or out[-1][2] != "agent" or out[-1][1] != start:
            return None
        s, e, _, sector = out[-1]
        words = doc[s:e].text.lower()
        country = None
        if len(out) > 1 and out[-2][2] in ("name", "demonym") and (
                s == out[-2][1] or (s - out[-2][1] == 1 and doc[s - 1].text in APOSTROPHES)):
            country = out[-2][3]  # "Cuban President Castro", "Cuba's President Castro": the entry's id
        return agents.get(words, sector), words, country

    def _titled_hit(self, texts: list[str], taken: list[bool], start: int, title: Title | None, named: dict[Form, str],
                    when: date | None, countries: set[str], entries: Mapping[str, ActorEntry]) -> Match | None:
        """A short form no name matched right after a title ("President Sánchez de Lozada"), resolved."""
        n = len(texts)
        for length in range(min(self.reach, n - start), 0, -1):
            form = tuple(texts[start:start + length])
            if any(taken[start:start + length]) or (form not in self.titled and form not in named):
                continue
            end = start + length
            if self._goes_on(texts, end):
                return None  # "President Manuel Foo" is not "Manuel", nor "President Ortiz-Foo" "Ortiz"
            key = self._short(form, None, title, named, when, countries, entries)
            return (start, end, "name", key) if key is not None else None
        return None

    def _goes_on(self, texts: list[str], end: int) -> bool:
        """Whether a name runs on at token ``end``: a capitalised word, a hyphen, a particle before one."""
        def name(k: int) -> bool:
            return k < len(texts) and texts[k][:1].isupper() and texts[k][1:2].islower()
        if end >= len(texts):
            return False
        return name(end) or (texts[end] == "-" and name(end + 1)) or (
            texts[end] in self.rules.particles and name(end + 1))

    def _short(self, form: Form, current: str | None, title: Title | None, named: dict[Form, str], when: date | None,
               countries: set[str], entries: Mapping[str, ActorEntry]) -> str | None:
        """Who a short form stands for: rule 1, then rule 2 after a title; else ``current`` (the lexicon's)."""
        earlier = named.get(form)
        if earlier is not None:
            return earlier  # rule 1: the person named in full before, not a namesake
        ids = self.titled.get(form, ())
        if title is None or not ids or (current is not None and len(form) > 1 and current not in ids):
            return current  # (a full name that is another's short form stays the full name's)
        key = self._titled(form, current, title, when, countries, entries)
        if key is None and current is None and form in self.compound and len(ids) == 1:
            key = ids[0]  # a surname of several words only one person has
        return key or current

    def _titled(self, form: Form, current: str | None, title: Title, when: date | None, countries: set[str],
                entries: Mapping[str, ActorEntry]) -> str | None:
        """Rule 2: the one of the people ``form`` may stand for who held the title's office at ``when``."""
        sector, words, modifier = title
        if when is None:
            return None
        candidates = set(self.titled.get(form, ())) | ({current} if current else set())
        holders = [(self.people[i], roles) for i in sorted(candidates)
                   for roles in [_held(self.people[i], sector, when)] if roles]
        if current is not None and any(p.id == current for p, _ in holders):
            return current
        if modifier is not None and entries[modifier].kind != "person":
            country = _country(entries[modifier], when)
            holders = [h for h in holders if h[0].country == country]
        narrowing = (lambda p, roles: p.country in countries,
                     lambda p, roles: any(words in (r.title or "") for r in roles))
        for keep in narrowing:
            if len(holders) <= 1:
                break
            holders = [h for h in holders if keep(*h)] or holders
        return holders[0][0].id if len(holders) == 1 else None

    # -- short forms after the full name, where no name matched ------------------------------------------
    def alias_spans(self, doc: Doc, tokens: MatchTokens, persons: list[tuple[int, str]],
                    covered: list[bool]) -> list[tuple[int, int, ActorEntry]]:
        """(start, end, person) of the short forms of ``persons`` (start, entry name: the people mentioned,
        in text order) found after the first mention of each, on tokens not ``covered`` (which it marks)."""
        aliases: dict[Form, tuple[ActorEntry, int]] = {}
        for start, name in persons:
            entry = self.by_name.get(name)
            if entry is not None:
                for f in self.forms_after(entry):
                    aliases.setdefault(f, (entry, start))
        if not aliases:
            return []
        texts = self._texts(doc, tokens)
        firsts = {f[0] for f in aliases}
        reach = max(len(f) for f in aliases)
        n = len(texts)
        out = []
        for i in range(n):
            if covered[i] or texts[i] not in firsts:
                continue
            for length in range(min(reach, n - i), 0, -1):
                hit = aliases.get(tuple(texts[i:i + length]))
                if hit is not None and hit[1] <= i and not any(covered[i:i + length]):
                    out.append((i, i + length, hit[0]))
                    covered[i:i + length] = [True] * length
                    break
        return out


def _longer_form(texts: list[str], taken: list[bool], start: int, end: int, forms: Mapping[Form, object],
                 reach: int | None = None) -> tuple[int, Form] | None:
    """(end, form) of the longest of ``forms`` from ``start`` that runs on past a match [start, end) over free tokens."""
    if not forms:
        return None
    reach = reach or max(len(f) for f in forms)
    for stop in range(min(start + reach, len(texts)), end, -1):
        form = tuple(texts[start:stop])
        if form in forms and not any(taken[end:stop]):
            return stop, form
    return None


def _held(person: ActorEntry, sector: str, when: date):
    """The dated roles of ``person`` on ``when`` in ``sector`` (ELI: out of the offices it held)."""
    dated = [r for r in person.roles if r.start is not None or r.end is not None]
    held = [r for r in dated if r.valid_on(when)]
    if sector == "ELI" and not held and any(r.end is not None and r.end <= when for r in dated):
        return [r for r in dated if r.end is not None and r.end <= when][-1:]
    # the office itself, not a portfolio under it: "President Al-Nasser" is no health minister (GOVHLH)
    return [r for r in held if r.code[3:] in (sector, sector[:3])]


def _country(entry: ActorEntry, when: date | None) -> str | None:
    code = entry.code_at(when)
    return code[:3] if code and not code.startswith("UNK") else entry.country


def _common_words() -> frozenset[str]:
    raw = yaml.load(COMMON_WORDS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return frozenset(str(w) for w in raw["words"])


def later_surnames(texts: Sequence[str], persons: Sequence[tuple[int, int, str]],
                   covered: Sequence[bool]) -> list[tuple[int, int, int]]:
    """(start, end, index into ``persons``) of each later bare surname of a person the text names in
    full without the lexicon ("Venezuelan President Jaime Lusinchi ... Lusinchi said"): the last word
    of the full name (``persons``: (start, end, full name)), as written, on a token no mention
    ``covered``, after the full mention. A surname two such persons share is left alone."""
    owner: dict[str, int | None] = {}
    for n, (_s, _e, name) in enumerate(persons):
        words = name.split()
        if len(words) >= 2:
            last = words[-1]
            owner[last] = n if owner.get(last, n) == n else None
    out = []
    for k, text in enumerate(texts):
        n = owner.get(text)
        if n is not None and not covered[k] and k >= persons[n][1]:
            out.append((k, k + 1, n))
    return out
