"""Actor recognition: a spaCy component that finds who is mentioned and codes it.

It matches the lexicon's names (case-sensitive; a name of several words also in any
case, where the text capitalises one of its words: "the Philippine coast guard"),
demonyms and agent nouns (case-insensitive) with phrase tables, then composes them into mentions:
"US and South Korean officials" gives USAGOV and KORGOV, "North Korean leader
Kim Jong Un" gives the person's date-bounded code (PRKGOV). Surnames of people
named in full earlier in the document are resolved to them, and a proper name
the lexicon does not know is kept as an unresolved actor ``UNK:<name>``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from .agents import bare_agents, context_country, dateline_country
from .dates import MONTHS, WEEKDAYS
from .names import PersonNames, later_surnames
from .grammar import APOSTROPHES, ARTICLES, LOCATIVES, POSSESSIVE_PRONOUNS, REFERRING_QUANTIFIERS, SPEAKER_NOUNS, TITLES
from .normalise import MatchTokens, match_tokens, title_candidates
from .phrases import PhraseTable, phrase_splitter
from ..lexicon import ActorEntry, Lexicon, place_country
from ..lexicon.things import thing_spans
from ..lexicon.variants import ascii_form

UNRESOLVED = "UNK"
# capitalised calendar words that are never an unknown actor's name
_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
# the possessive marks ("Russia's", "Russia’s", "the allies'"), as the tokenizer splits them


@dataclass
class Place:
    """A place named as where something happens ("talks in Beijing"): not an actor, but its country."""

    start: int
    end: int
    code: str


@dataclass
class Mention:
    """One actor mention: tokens [start, end) of the doc and the codes they stand for."""

    start: int
    end: int
    codes: list[str]
    kind: str  # state | igo | bloc | org | person | group | unresolved
    entity: str | None = None  # lexicon entry name, e.g. the person named
    via: str = "name"  # name | demonym | agent | alias | unresolved
    possessive: bool = False  # followed by 's
    members: list["Mention"] = field(default_factory=list)


def with_sector(code: str, sector: str | None) -> str:
    """``code`` with ``sector`` appended, unless it already has a sector."""
    if not sector or len(code) > 3 or code.startswith(UNRESOLVED):
        return code
    return code + sector


class ActorRecognizer:
    """spaCy component: sets ``doc._.mentions`` (a list of :class:`Mention`)."""

    def __init__(self, nlp, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.entries: dict[str, ActorEntry] = {e.id: e for e in lexicon.actors}
        split = phrase_splitter(nlp)
        self.person_names = PersonNames(lexicon, split)  # short forms: surnames, titles and surnames
        self.names = PhraseTable()
        # names of several words, in any case: "Philippine Coast Guard" is "the Philippine coast guard"; one word
        # keeps its case, or "US" would be "us" and "China" "china"
        self.long_names = PhraseTable(lower=True)
        self.demonyms = PhraseTable()
        self.agents = PhraseTable(lower=True)
        for entry in lexicon.actors:
            phrases = split(_case_variants(entry.names))
            self.names.add(entry.id, phrases)
            self.long_names.add(entry.id, [p for p in phrases if _any_case(p)])
            if entry.demonyms:
                self.demonyms.add(entry.id, split(_case_variants(entry.demonyms)))
        for phrase, sector in sorted(lexicon.agents.items()):
            self.agents.add(sector, split([phrase]))
        self.agent_words = {w for phrase in lexicon.agents for w in phrase.split()}
        self.title_words = set(TITLES)
        # names the lexicon declares never to be actors (weapons, operations, ...)
        self.things = PhraseTable()
        self.things.add("THING", split(_case_variants(lexicon.not_actors)))
        self.places = PhraseTable()
        self.places.add("PLACE", split(sorted(lexicon.modality.get("places", ()))))
        self.place_nouns = set(lexicon.modality.get("place_nouns", ()))
        self._tokens: MatchTokens | None = None  # the document being annotated, as matching reads it

    def __call__(self, doc: Doc) -> Doc:
        # names are matched on a normalised copy of the tokens (NFC, no invisible characters, across
        # stray whitespace tokens); the Doc and its offsets stay the original text's (see .normalise)
        tokens = self._tokens = match_tokens(doc)
        doc._.lower = tokens.lower  # the lowercased tokens, read by the later components
        when = _doc_date(doc)
        things = [(s, e) for _, s, e in tokens.find(self.things)] + thing_spans(tokens.texts, self.lexicon)
        raw = [r for r in self._raw_matches(doc, tokens) if not _inside_thing(r, things) and not self._other_given_name(doc, r)]
        raw = self.person_names.resolve(doc, tokens, raw, when, self.entries, self.lexicon.agents)
        kept, dropped_end, places = [], -1, []
        for r in raw:
            # "in Seoul and Pyongyang": a name coordinated with a place is a place too
            coordinated = r[0] - dropped_end == 1 and doc[dropped_end].lower_ in ("and", ",", "or")
            if self._is_place(doc, r) or (coordinated and r[2] == "name" and ":" in r[3]):
                dropped_end = r[1]
                places.append(Place(r[0], r[1], self.entries[r[3]].code_at(when)))
                continue
            kept.append(r)
        doc._.places = places
        raw = kept
        mentions = self._compose(doc, raw, when)
        mentions = self._add_aliases(doc, mentions, when, things)
        titles = {e: (s, key) for s, e, kind, key in raw if kind == "agent"}
        no_actor = things + [(s, e) for _, s, e in tokens.find(self.places)] + [(p.start, p.end) for p in places]
        mentions = self._add_later_surnames(doc, self._add_unresolved(doc, mentions, no_actor, titles))
        mentions += self._context_agents(doc, raw, mentions, places)
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            m.possessive = m.end < len(doc) and doc[m.end].text in APOSTROPHES
        doc._.mentions = mentions
        self._tokens = None  # per-document state: never kept (nor pickled into the pipeline cache)
        return doc

    def _context_agents(self, doc: Doc, raw: list, mentions: list[Mention], places: list[Place]) -> list[Mention]:
        """Bare agent nouns ("riot police", "students") coded with the country the text gives (see :mod:`.agents`)."""
        taken = {k for m in mentions for k in range(m.start, m.end)}
        bare = bare_agents(((s, e, key) for s, e, kind, key in raw if kind == "agent"), taken.__contains__,
                           self.lexicon.rules.context_country_sectors)
        if not bare:
            return []
        coded = sorted({(m.start, m.end, c[:3]) for m in mentions for c in m.codes
                        if not c.startswith((UNRESOLVED, "IGO"))} | {(p.start, p.end, p.code[:3]) for p in places if p.code})
        document_country = _sole_country(mentions) or dateline_country(doc)
        before_sectors = self.lexicon.rules.context_country_before
        out = []
        for s, e, sector in bare:
            if doc[e - 1].dep_ == "amod":
                continue  # "its military campaign", "military exchanges": a modifier, not a side
            if doc[e - 1].lower_ in SPEAKER_NOUNS:
                continue  # "officials said" names nobody
            if e + 2 < len(doc) and doc[e].lower_ == "of" and (doc[e + 1].lower_ in REFERRING_QUANTIFIERS
                                                                or (doc[e + 1].lower_ == "the" and doc[e + 2].like_num)):
                continue  # "the foreign ministers of the two countries": reference resolves them
            before = doc[s - 1].lower_ if s > 0 else ""
            if before in POSSESSIVE_PRONOUNS or before in REFERRING_QUANTIFIERS \
                    or (s > 1 and doc[s - 1].like_num and doc[s - 2].lower_ == "the"):
                continue  # "her government", "both armies", "the two leaders": reference resolves them
            sent = doc[s].sent
            country = context_country(s, e, (sent.start, sent.end), coded, doc._.lower, document_country,
                                      doc[e - 1].dep_ in ("nsubj", "nsubj:pass"), sector in before_sectors)
            if country is not None:
                out.append(Mention(s, e, [country + sector], "group", None, "agent"))
        return out

    def _titles_person(self, raw: list, j: int) -> bool:
        """Whether the agent after the modifiers from ``j`` is a person's title ("Palestinian leader Yasser Arafat")."""
        k = j
        while k < len(raw) and raw[k][2] != "agent":
            k += 1
        while k < len(raw) and raw[k][2] == "agent":
            k += 1
        return k < len(raw) and raw[k][2] == "name" and raw[k][0] == raw[k - 1][1] \
            and self.entries[raw[k][3]].kind == "person"

    def _other_given_name(self, doc: Doc, match: tuple[int, int, str, str]) -> bool:
        """A known surname after an unknown given name names someone else ("Pavel Grushko" is not Alexander)."""
        start, end, kind, key = match
        if kind != "name" or end - start != 1 or start == 0 or self.entries[key].kind != "person":
            return False
        prev = start - 1
        while prev > 0 and self._tokens.skip[prev]:
            prev -= 1
        text = self._tokens.texts[prev]
        return _is_name_token(text, self.agent_words) and text not in self.title_words

    def _is_place(self, doc: Doc, match: tuple[int, int, str, str]) -> bool:
        """A capital or seat named as where something happened ("talks in Beijing") is a place, not an actor."""
        start, end, kind, key = match
        if kind != "name" or ":" not in key or self.entries[key].kind == "person":
            return False
        # "the foreign ministry in Tokyo" names the government, not a place
        k = start - 1
        if k >= 1 and doc[k].lower_ == "in" and doc[k - 1].lower_ in self.lexicon.agents:
            return False
        return _after_locative(doc, start)

    # -- matching ------------------------------------------------------------
    def _raw_matches(self, doc: Doc, tokens: MatchTokens) -> list[tuple[int, int, str, str]]:
        """Non-overlapping (start, end, kind, key) matches, longest first, names before demonyms before agents."""
        found = []
        for rank, (table, kind) in enumerate(((self.names, "name"), (self.demonyms, "demonym"), (self.agents, "agent"))):
            hits = tokens.find(table)
            if kind == "name" and not all(w.isascii() for w in tokens.texts):
                # "Hugo Chávez", "Franjo Tuđman": PETRARCH's names are ASCII; match the text without diacritics too
                plain = replace(tokens, texts=[ascii_form(w) for w in tokens.texts])
                hits = list(dict.fromkeys(hits + plain.find(table)))
            if kind == "name":
                hits = list(dict.fromkeys(hits + [h for h in tokens.find(self.long_names)
                                                  if _capitalised(doc, tokens, h[1], h[2])]))
            for key, start, end in hits:
                # a longer span of words first; whitespace tokens inside a match do not make it longer
                words = len(tokens.kept(start, end)) if tokens.changed else end - start
                found.append((-words, rank, start, end, kind, key))
        found.sort()
        taken = [False] * len(doc)
        chosen = []
        for _, _, start, end, kind, key in found:
            if any(taken[start:end]) or any(doc[k].is_sent_start for k in range(start + 1, end)):
                continue  # overlapping a longer match, or across a sentence boundary ("Nicholas Deb. Katzenbach")
            for i in range(start, end):
                taken[i] = True
            chosen.append((start, end, kind, key))
        chosen.sort()
        return chosen

    def _compose(self, doc: Doc, raw: list[tuple[int, int, str, str]], when: date | None) -> list[Mention]:
        """Join modifiers, agents and names that stand together into mentions."""
        mentions: list[Mention] = []
        i = 0
        while i < len(raw):
            start, end, kind, key = raw[i]
            # a run of adjacent matches: [demonym|name] (and|,) ... [agent]* [person]
            run = [raw[i]]
            j = i + 1
            while j < len(raw):
                prev_end = run[-1][1]
                nxt = raw[j]
                gap = self._gap(doc, prev_end, nxt[0])
                possessive_agent = (run[-1][2] in ("name", "demonym") and nxt[2] == "agent"
                                    and [t.text for t in gap] in (["'s"], ["’s"]))
                modified_agent = run[-1][2] == "demonym" and nxt[2] == "agent" and _is_modifier_gap(gap)
                # "the foreign ministers of China and Russia"
                agent_of = (all(r[2] == "agent" for r in run) and nxt[2] in ("name", "demonym")
                            and [t.lower_ for t in gap] in (["of"], ["of", "the"], ["for"], ["for", "the"], ["in"], ["in", "the"]))
                coordinated_after_of = (run[0][2] == "agent" and run[-1][2] == "name" and nxt[2] == "name"
                                        and _is_coordination(gap))
                has_person = any(r[2] == "name" and self.entries[r[3]].kind == "person" for r in run)
                if not gap or possessive_agent or modified_agent or agent_of or coordinated_after_of or (
                    not has_person and run[-1][2] in ("demonym", "name") and nxt[2] in ("demonym", "name")
                    and _is_coordination(gap) and self._run_ends_in_agent(doc, raw, j)
                    and not self._titles_person(raw, j)
                ):
                    run.append(nxt)
                    j += 1
                    continue
                break
            mentions.extend(self._mentions_of_run(doc, run, when))
            i = j
        return mentions

    def _gap(self, doc: Doc, start: int, end: int) -> list:
        """The tokens between two matches that matching reads (stray whitespace tokens left out)."""
        return [doc[k] for k in self._tokens.kept(start, end)] if self._tokens.changed else list(doc[start:end])

    def _run_ends_in_agent(self, doc: Doc, raw: list, j: int) -> bool:
        """Coordinated modifiers share an agent noun only when one follows ("US and South Korean officials")."""
        k = j
        while k < len(raw) and raw[k][2] in ("demonym", "name"):
            k += 1
        if k >= len(raw) or raw[k][2] != "agent":
            return False
        gap = self._gap(doc, raw[k - 1][1], raw[k][0])
        return len(gap) == 0 or (raw[k - 1][2] == "demonym" and _is_modifier_gap(gap))

    def _mentions_of_run(self, doc: Doc, run: list, when: date | None) -> list[Mention]:
        # an agent match's key is its sector (the text differs from the lexicon's phrase when normalised)
        sectors = [self.lexicon.agents.get(doc[s:e].text.lower(), key) for s, e, k, key in run if k == "agent"]
        sector = sectors[-1] if sectors else None
        people = [r for r in run if r[2] == "name" and self.entries[r[3]].kind == "person"]
        if people:
            s, e, _, key = people[-1]
            entry = self.entries[key]
            code = entry.code_at(when)
            if sector and code.endswith("ELI"):
                code = code[:3] + sector  # "Israeli President Moshe Katsav": the title in the text outranks the dates
            return [Mention(run[0][0], run[-1][1], [code], "person", entry.name, "name")]
        heads = [r for r in run if r[2] != "agent"]
        if not heads:
            return []  # an agent noun with no country ("officials said") names nobody
        out = []
        for s, e, kind, key in heads:
            entry = self.entries[key]
            code = entry.code_at(when)
            # a sector applies to modifiers before the agent noun, not to names after it
            applies = sector and (run[0][2] == "agent" or any(r[2] == "agent" and r[0] >= e for r in run))
            out.append(Mention(s, e, [with_sector(code, sector if applies else None)], entry.kind, entry.name, kind))
        # the agent noun belongs to the last modifier's mention: extend it to cover the whole phrase
        if sectors and run[0][2] == "agent":
            out[0].start = run[0][0]
        elif sectors:
            out[-1].end = run[-1][1]
        return out

    def _add_aliases(self, doc: Doc, mentions: list[Mention], when: date | None,
                     things: list[tuple[int, int]] = ()) -> list[Mention]:
        """Resolve a short form of a person named in full earlier in the doc to that person (see :mod:`.names`;
        not inside a thing's name: "Reagan" of "the USS Ronald Reagan" is the ship)."""
        covered = [False] * len(doc)
        for s, e in things:
            covered[s:e] = [True] * (e - s)
        for m in mentions:
            covered[m.start:m.end] = [True] * (m.end - m.start)
        persons = [(m.start, m.entity) for m in sorted(mentions, key=lambda m: m.start) if m.kind == "person"]
        return list(mentions) + [Mention(s, e, [entry.code_at(when)], "person", entry.name, "alias")
                                 for s, e, entry in self.person_names.alias_spans(doc, self._tokens, persons, covered)]

    def _add_later_surnames(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A bare surname after a person the text names in full by title or apposition (the lexicon's
        people are :meth:`_add_aliases`'s) is that person: "Venezuelan President Jaime Lusinchi ...
        Lusinchi said", "his Colombian counterpart, Virgilio Barco ... Barco" (see :func:`later_surnames`)."""
        ordered = sorted(mentions, key=lambda m: m.start)
        for a, b in zip(ordered, ordered[1:]):
            # "his Colombian counterpart, Virgilio Barco,": an unknown name in apposition takes the title's codes
            if b.start == a.end + 1 and doc[a.end].text == "," and a.kind != "unresolved" and b.kind == "unresolved" \
                    and b.end - b.start >= 2 and all(len(c) > 3 for c in a.codes) and doc[a.end - 1].is_lower \
                    and (b.end == len(doc) or doc[b.end].text in (",", ".", ";")):
                b.codes, b.kind, b.entity, b.via = list(a.codes), "person", doc[b.start:b.end].text, "apposition"
        lone = {m.start for m in mentions if m.kind == "unresolved" and m.end - m.start == 1}
        covered = [False] * len(doc)
        for m in mentions:
            if m.start not in lone:
                covered[m.start:m.end] = [True] * (m.end - m.start)
        persons = [m for m in ordered if m.kind == "person" and m.via in ("demonym", "title", "apposition") and m.entity]
        found = later_surnames(self._tokens.texts, [(m.start, m.end, m.entity) for m in persons], covered)
        taken = {s for s, _e, _n in found}
        return [m for m in mentions if m.start not in taken] + [
            Mention(s, e, list(persons[n].codes), "person", persons[n].entity, "alias") for s, e, n in found]

    def _add_unresolved(self, doc: Doc, mentions: list[Mention], no_actor: list[tuple[int, int]],
                        titles: dict[int, tuple[int, str]]) -> list[Mention]:
        """Keep capitalised names the lexicon does not know as unresolved actors.

        An unknown person after a bare office title ("President Dos Sontas") in a
        document about one country takes that country with the title's sector,
        as PLOVER's coders do; ``titles`` maps the end of each agent match to its
        start and sector; ``no_actor`` spans (things, places) are never names.
        """
        covered = [False] * len(doc)
        for s, e in no_actor:
            for k in range(s, e):
                covered[k] = True
        for m in mentions:
            for k in range(m.start, m.end):
                covered[k] = True
        out = list(mentions)
        # mentions ending in a title ("Bulgarian President") that an unknown name may follow
        by_end = {m.end: m for m in mentions if m.via in ("demonym", "name") and m.kind != "person"
                  and any(len(c) > 3 for c in m.codes) and doc[m.end - 1].is_title}
        n = len(doc)
        titled_unknown: list[tuple[Mention, str]] = []
        support: set[str] | None = None  # the countries the document names, for places (built when needed)
        # only capitalised tokens can start a name: find them in C, then look closer in Python
        tokens = self._tokens
        texts, skip = tokens.texts, tokens.skip
        next_i = 0
        for i in title_candidates(doc, tokens):
            if i < next_i:
                continue
            tok = doc[i]
            if covered[i] or not _is_name_token(texts[i], self.agent_words):
                continue
            j = i + 1
            # a name runs on over name tokens, and over a stray whitespace token between two of them
            while j < n and not covered[j] and (_is_name_token(texts[j], self.agent_words) or (
                    skip[j] and j + 1 < n and not covered[j + 1] and _is_name_token(texts[j + 1], self.agent_words))):
                j += 1
            # a single capitalised word opening a sentence is usually not a name; a place is not an actor
            place = _after_locative(doc, i) or (j < n and doc[j].lower_ in self.place_nouns)
            titled = by_end.get(i)
            if titled is not None and not place:
                # "Georgian President Eduard Shevardnadze": the person takes the title's code
                titled.end, titled.entity, titled.kind = j, tokens.span_text(doc, i, j), "person"
            elif i in titles and not covered[i - 1] and not place:
                start, sector = titles[i]
                titled_unknown.append((Mention(start, j, [f"{UNRESOLVED}:{tokens.span_text(doc, i, j)}"], "unresolved", None,
                                               "unresolved"), sector))
            elif not (j - i == 1 and tok.is_sent_start):
                text = tokens.span_text(doc, i, j)  # one name in two spellings is one actor
                if support is None:
                    support = {c[:3] for m in mentions for c in m.codes if not c.startswith((UNRESOLVED, "IGO"))}
                found = place_country(text, support)
                if found is not None and place:  # "talks in Bamako": where it happened, never an actor
                    doc._.places.append(Place(i, j, found.country))
                elif found is not None:  # "strikes on Hodeidah": the place stands for its country
                    out.append(Mention(i, j, [found.country], "place", found.name, "place"))
                elif not place:
                    out.append(Mention(i, j, [f"{UNRESOLVED}:{text}"], "unresolved", None, "unresolved"))
            next_i = j
        country = _sole_country(mentions)
        for m, sector in titled_unknown:
            if country is not None:
                m.codes, m.kind, m.entity, m.via = [country + sector], "person", tokens.span_text(doc, m.start, m.end), "title"
            out.append(m)
        return out


def _sole_country(mentions: list[Mention]) -> str | None:
    """The country a document is about: the one its states and people are most often of, when it is named
    at least twice and more than twice as often as any other (one passing mention does not make a subject)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind in ("state", "person") and m.codes and not m.codes[0].startswith(UNRESOLVED):
            c = m.codes[0][:3]
            counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] <= 2 * ranked[1][1]):
        return None
    return ranked[0][0]




def _after_locative(doc: Doc, start: int) -> bool:
    k = start - 1
    while k >= 0 and doc[k].lower_ in ARTICLES:
        k -= 1
    return k >= 0 and doc[k].lower_ in LOCATIVES


# a model designation ("Su-35", "Hwasong-18", "Kh-101"): equipment, not a name
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]*-\d")


def _inside_thing(match: tuple[int, int, str, str], things: list[tuple[int, int]]) -> bool:
    """Whether an actor match lies within a not-actor name ("Minsk" in "the Minsk agreements")."""
    return any(s <= match[0] and match[1] <= e for s, e in things)


def _any_case(phrase: tuple[str, ...]) -> bool:
    """Whether a name may match in any case: several words, not opening with a function word. "The Ukraine"
    would take the article of "the Ukraine" into the mention, and "the Air Force" (the US's) would lose its
    article; those stay as written."""
    return len(phrase) > 1 and phrase[0].lower() not in STOP_WORDS


def _capitalised(doc: Doc, tokens: MatchTokens, start: int, end: int) -> bool:
    """Whether the text capitalises a word of tokens [start, end) other than a function word opening a sentence,
    and is not in capitals throughout: a name matched in any case needs a capital ("west bank" of a river is no
    West Bank), and a dateline or headline in capitals ("NEW DELHI/PARIS") no more names an actor than "RUSSIA"."""
    words = [tokens.texts[k] for k in range(start, end) if not tokens.skip[k]]
    if all(w.isupper() for w in words if any(c.isalpha() for c in w)):
        return False
    return any(any(c.isupper() for c in tokens.texts[k])
               and not (doc[k].is_sent_start and tokens.texts[k].lower() in STOP_WORDS) for k in range(start, end))


def _is_name_token(text: str, agent_words: set[str]) -> bool:
    if not (text[:1].isupper() and text[1:2].islower()) or len(text) < 2 or _DESIGNATION.match(text):
        return False
    low = text.lower()
    return low not in STOP_WORDS and low not in _CALENDAR_WORDS and low not in agent_words


def _is_coordination(gap) -> bool:
    words = [t.lower_ for t in gap]
    return words in (["and"], [",", "and"], ["&"], ["or"])


def _is_modifier_gap(gap) -> bool:
    """One or two plain lowercase words between a demonym and its agent ("Russian defence officials")."""
    return 0 < len(gap) <= 2 and all(t.is_alpha and t.is_lower and t.lower_ not in STOP_WORDS for t in gap)


def _case_variants(names: Iterable[str]) -> list[str]:
    """Names as given, plus a sentence-initial variant for those opening with a lowercase article."""
    out = []
    for name in names:
        out.append(name)
        if name[:1].islower():
            out.append(name[:1].upper() + name[1:])
    return sorted(set(out))


def _doc_date(doc: Doc) -> date | None:
    value = doc._.date
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
