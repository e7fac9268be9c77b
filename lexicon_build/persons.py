"""Persons with date-bounded role codes from PETRARCH's Countries file (and the heads of IGOs of its International file)."""
from __future__ import annotations
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable
from accord.lexicon.model import slug
from accord.lexicon.fileformat import json_line
from .output import ATTRIBUTION, generated_header, json_meta, read_lines
from .states import ORG_WORDS, PETRARCH_TO_ISO, Entry, as_list, load_curated, parse_code, split_words
from .names import (ARABIC_ARTICLES, COMPOUND_GIVEN_FIRST, GROUP_WORDS, NAME_PARTICLES, NAME_SUFFIXES,  # noqa: F401
                    PERSON_LEADING_TITLES, PERSON_TITLE_WORDS, cap_name_part, case_name_word, clean_raw_name,
                    hyphen_variants, loose_key, name_words_key, person_form, person_words, strip_titles)


# --------------------------------------------------------------------------- #
# Persons (Countries file) and non-IGO organisations (International file)
# --------------------------------------------------------------------------- #
COUNTRYINFO_TAG = "countryinfo.txt"
# Kinakuta (KNT) is the fictional country of TABARI's test data; its "leaders" are not real.
FICTIONAL_CODES = {"KNT"}


def vocabulary(ref: Path) -> set[str]:
    """Lowercase English words of the CAMEO verb and agent dictionaries.

    A one-word surname or company name that is also such a word ("Rice", "Shell",
    "Target") would match ordinary capitalised words, so it is not kept alone.
    """
    words: set[str] = set()
    for name in ("petrarch2-CAMEO.2.0.txt", "petrarch2-Phoenix.agents.txt"):
        for line in read_lines(ref / name):
            body = line.split("#", 1)[0]
            words.update(w.lower() for w in re.findall(r"[A-Z][A-Z']+", body))
    return words


def parse_person_blocks(path: Path) -> list[Entry]:
    """Entries of the Countries dictionary, read for PETRARCH's person blocks.

    As :func:`parse_actor_file`, and: ``tagged`` marks name lines with the
    ``# CountryInfo.txt`` comment; a name line that follows an entry without
    codes is read as one more synonym of that entry, as PETRARCH reads it (the
    source forgets the "+" in Brezhnev's, Gorbachev's, Yeltsin's and Ford's
    blocks, and splits Medvedev's block in two).
    """
    stat = path.stat()
    return list(_person_blocks(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=2)
def _person_blocks(path_text: str, mtime_ns: int, size: int) -> tuple[Entry, ...]:
    """Parsed once per file version; callers must not modify the entries."""
    entries: list[Entry] = []
    cur: Entry | None = None
    for i, line in enumerate(read_lines(Path(path_text)), start=1):
        body, _, comment = line.partition("#")
        body = body.rstrip()
        if not body.strip():
            continue
        codes = [c for c in (parse_code(t) for t in re.findall(r"\[([^\]]*)\]", body)) if c]
        text = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if body[0] in " \t":
            if cur is not None:
                cur.codes.extend(codes)
            continue
        if body.startswith("+"):
            if cur is not None:
                cur.synonyms.append(text.lstrip("+").strip())
                cur.codes.extend(codes)
            continue
        tagged = COUNTRYINFO_TAG in comment.lower()
        if cur is not None and not cur.codes:
            # PETRARCH gives a name line without codes the codes of the next entry.
            cur.synonyms.append(text)
            cur.codes.extend(codes)
            cur.inline = cur.inline or bool(codes)
            continue
        cur = Entry(name=text, line=i, codes=codes, inline=bool(codes), tagged=tagged)
        entries.append(cur)
    return tuple(entries)


def _is_person_block(e: Entry) -> bool:
    """PETRARCH's person entries: tagged by CountryInfo, or dated codes on a personal name."""
    if not e.codes or any(c.code[:3] in FICTIONAL_CODES for c in e.codes):
        return False
    if e.tagged:
        return True
    if e.inline or not any(c.start or c.end for c in e.codes) or any(
            len(c.code) == 3 for c in e.codes):
        return False  # top-level entries, undated groups (ASSAD_FORCES_), dated states
    words = [w.lower().strip(",") for w in split_words(e.name)]
    return 2 <= len(words) <= 6 and words[0] != "the" and not set(words) & GROUP_WORDS


# Codes of the International file that are no role of a person: bare [ELI] (elite, no country) and
# [---] (no code). The person falls back on the latest role outside the dated ones.
_NO_ROLE_CODES = {"ELI", "---"}
# Words of an organisation's name, never a person's (WARSAW_TREATY_ORGANIZATION_ has dates too).
_NOT_PERSON_WORDS = GROUP_WORDS | ORG_WORDS | {"inc", "corp", "company", "ltd", "bank", "fund",
                                               "institute", "foundation", "trust", "international"}


def _international_person_blocks(path: Path) -> list[Entry]:
    """The persons of PETRARCH's International file: heads of IGOs with dated codes.

    UN secretaries-general (Kofi Annan, Boutros Boutros-Ghali, Javier Perez de Cuellar),
    NATO secretaries-general, IAEA, WHO, IMF and World Bank heads, the EU's presidents and
    envoys: entries with at least one dated IGO code and a personal name ("IGOrulers.txt").
    Their bare [ELI] carries no country and is dropped.
    """
    out: list[Entry] = []
    for e in parse_person_blocks(path):
        codes = [c for c in e.codes if c.code not in _NO_ROLE_CODES]
        if not any(c.code.startswith("IGO") and (c.start or c.end) for c in codes):
            continue
        raw = e.name.split("\t", 1)[0]
        if "," in raw or "(" in raw or ")" in raw:
            continue  # LAMBERTO_DINI,_THEN_ROMANO_PRODI_, HAMMARSKJOLD)
        words = [w.lower().strip(",") for w in split_words(raw)]
        if not 2 <= len(words) <= 6 or set(words) & _NOT_PERSON_WORDS or "then" in words:
            continue
        out.append(Entry(name=raw, line=e.line, synonyms=list(e.synonyms), codes=codes,
                          inline=e.inline, tagged=False))
    return out


@dataclass
class _Person:
    name: str
    country: str
    forms: list[str]
    roles: list[tuple[str, date | None, date | None]]
    line: int
    raw: str


def iso_code(code: str) -> str:
    """A PETRARCH actor code with its country part in ISO alpha-3 (KSVGOV -> XKXGOV)."""
    return PETRARCH_TO_ISO.get(code[:3], code[:3]) + code[3:]


def _without_stale_open_codes(codes: list) -> list:
    """The codes less an open-ended one that repeats a closed one of the same office.

    PETRARCH sometimes lists an office twice, once closed and once left open
    (Bachelet: [CHLGOV 060501-100331] and [CHLGOV >060311]): the open copy was never
    closed when the term ended, and would keep the person in office until 2014.
    """
    # a closed term of two years or more: a short one before an open one is an acting term
    # (Bakiyev: acting president [KGZGOV 050325-050816], then [KGZGOV >050325])
    closed = [c for c in codes if c.start is not None and c.end is not None and (c.end - c.start).days >= 730]
    return [c for c in codes if not (
        c.start is not None and c.end is None
        and any(d.code == c.code and abs((d.start - c.start).days) <= 366 for d in closed))]


SOVIET_END = date(1991, 12, 26)  # the Soviet Union is dissolved; the RSFSR is Russia (RUS) from here on


def _soviet_roles(roles: list[tuple[str, date | None, date | None]]) -> list[tuple[str, date | None, date | None]]:
    """Roles with Russia's code (RUS...) held before 26 December 1991 made Soviet (SUN...).

    PETRARCH files the Soviet leaders under Russia (Brezhnev [RUSGOV 641014-821110],
    Gorbachev [RUSGOV 850311-911225]) while it codes the state itself SUN (and Soviet
    Russia SUNRUS) until 1991-12-25. A role spanning the date is cut there.
    """
    out = []
    for code, start, end in roles:
        if code[:3] != "RUS" or start is None or start >= SOVIET_END:
            out.append((code, start, end))
            continue
        out.append(("SUN" + code[3:], start, end if end is not None and end <= SOVIET_END else SOVIET_END))
        if end is None or end > SOVIET_END:
            out.append((code, SOVIET_END, end))
    return out


def _person_roles(e: Entry, notes: list[str]) -> list[tuple[str, date | None, date | None]]:
    """Roles (code, start, exclusive end) of a person block, in order of start (undated first)."""
    roles: list[tuple[str, date | None, date | None]] = []
    for c in _without_stale_open_codes(e.codes):
        code = iso_code(c.code)
        if not CODE_SHAPE.match(code):
            notes.append(f"line {e.line} {e.name}: code {c.code} dropped (not 3-letter parts)")
            continue
        end = c.end
        if end is not None:
            end = end + timedelta(days=1)  # PETRARCH's A-B and <B include B
        if c.start is not None and end is not None and end <= c.start:
            notes.append(f"line {e.line} {e.name}: [{c.code}] ends before it starts, dropped")
            continue
        if c.start is not None and end is None and c.start < PETRARCH_DATE:
            # The dictionary is of January 2014: an office still open then is not known to be held
            # later (Obama is no longer USAGOV in 2024). It ends there, and an elite role follows.
            later = [] if code[:3] in ("IGO", "NGO", "MNC") else [(code[:3] + "ELI", PETRARCH_DATE, None)]
            for role in [(code, c.start, PETRARCH_DATE), *later]:  # no "IGOELI": the IGO is no country
                if role not in roles:
                    roles.append(role)
            continue
        role = (code, c.start, end)
        if role not in roles:
            roles.append(role)
    roles = _soviet_roles(roles)
    # Stable: undated codes keep file order, PETRARCH's first one is the default.
    roles.sort(key=lambda r: (r[1] or date.min, r[2] or date.max))
    return roles


PETRARCH_DATE = date(2014, 1, 30)  # "Generated at: Thu Jan 30 16:06:18 2014" (the Countries file's header)


CODE_SHAPE = re.compile(r"^(?:[A-Z]{3})+$")


def _person_country(roles: list[tuple[str, date | None, date | None]]) -> str:
    """The country part most of a person's codes have (ties: the earliest role's)."""
    # Soviet roles count for Russia, the successor state (Gorbachev's country stays RUS)
    prefixes = [{"SUN": "RUS"}.get(r[0][:3], r[0][:3]) for r in roles if r[0][:3] not in ("IGO", "NGO", "MNC")]
    if not prefixes:
        return roles[0][0][:3]
    return max(dict.fromkeys(prefixes), key=prefixes.count)



def forms_of(entries: Iterable[dict[str, Any]]) -> set[str]:
    out: set[str] = set()
    for a in entries:
        for key in ("name", "formal", "names", "demonyms", "capital"):
            out.update(as_list(a.get(key)))
    return out


def _first_start(entry: dict[str, Any]) -> date | None:
    """The earliest start of a curated person's roles (None when no role has one)."""
    starts = []
    for r in entry.get("roles") or []:
        s = r.get("start") if isinstance(r, dict) else None
        if isinstance(s, str):
            s = date.fromisoformat(s[:10])
        if isinstance(s, date):
            starts.append(s)
    return min(starts) if starts else None



_SURNAME_RE = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


def _head_surname(p: "_Person", kept: list[str], i: int, word_users: dict[str, set[int]],
                  common: set[str], taken: set[str]) -> str | None:
    """The bare surname of a person who held a country's top-level office (a plain XXXGOV role).

    PETRARCH lists bare surnames for few persons, but news writes "President Brazauskas" or
    "Kocharyan said" after the full name. Kept only when no other person uses the word in any
    name (given names included), it is no ordinary word or other actor's name, and it has five
    letters or more.
    """
    if any(" " not in f for f in kept) or not any(len(c) == 6 and c.endswith("GOV") for c, _, _ in p.roles):
        return None
    words = p.name.replace(",", " ").split()
    words = [w for w in words if w not in ("Jr.", "Sr.") and not _ROMAN_WORD.match(w)]
    if len(words) < 2:
        return None
    last = words[-1]
    key = last.lower()
    if (not _SURNAME_RE.match(last) or len(last) < 5 or word_users.get(key) != {i} or key in common
            or loose_key(last) in taken):
        return None
    return last


_ROMAN_WORD = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")


def build_persons(ref: Path, out_dir: Path, other_forms: set[str],
                  vocab: set[str]) -> tuple[str, int, list[str]]:
    """Text of persons_petrarch.yaml, the person count and notes.

    ``other_forms`` are the surface forms of every other actor entry (curated,
    states, IGOs, organisations); a person never takes one of them.
    """
    notes: list[str] = []
    curated = load_curated(out_dir)
    curated_persons = [a for a in curated if a.get("kind") == "person"]
    curated_ids = {a["id"] for a in curated}
    curated_keys = {loose_key(f) for f in forms_of(curated_persons)}
    taken = {loose_key(f) for f in other_forms}

    blocks = [e for e in parse_person_blocks(ref / "petrarch2-Phoenix.Countries.actors.txt")
              if _is_person_block(e)]
    # Heads of IGOs (UN secretaries-general, ...) are in the International file: merged below
    # with their national careers from the Countries file when the full name is the same.
    blocks += _international_person_blocks(ref / "petrarch2-Phoenix.International.actors.txt")
    persons: list[_Person] = []
    for e in blocks:
        roles = _person_roles(e, notes)
        if not roles:
            continue
        forms: list[str] = []
        display = None
        primary = person_words(e.name)
        if primary is not None:
            bare = strip_titles(primary)
            if len(bare) > 1 or len(primary) == 1:
                display = person_form(bare)  # not LORD_ADONIS_ -> "Adonis"
        for raw in e.synonyms:
            words = person_words(raw)
            form = person_form(words) if words else None
            if form and form not in forms:
                forms.append(form)
        if display is None:
            display = next((f for f in forms if " " in f), None)
            if display is None:
                notes.append(f"line {e.line} {e.name}: no usable name, skipped")
                continue
        if display.endswith((" Jr.", " Sr.")):
            forms.insert(0, display)
            display = display.rsplit(",", 1)[0] if "," in display else display.rsplit(" ", 1)[0]
        forms = [f for f in dict.fromkeys([display, *forms])]
        forms += [v for f in list(forms) for v in hyphen_variants(f) if v not in forms]
        persons.append(_Person(display, _person_country(roles), forms, roles, e.line, e.name))

    # The same person listed twice (BASHAR_AL_ASSAD_ and BASHAR_AL-ASSAD, GUIDO_MANTEGA_
    # and GUIDO_MANT_EGA_; Salva Kiir under Sudan and South Sudan): blocks sharing a
    # full name are merged, the first block giving the name.
    parent = list(range(len(persons)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first_of: dict[str, int] = {}
    for k, p in enumerate(persons):
        for f in p.forms:
            if " " not in f:
                continue
            key = loose_key(f)
            if key in first_of:
                a, b = root(first_of[key]), root(k)
                parent[max(a, b)] = min(a, b)
            else:
                first_of[key] = k
    groups: dict[int, _Person] = {}
    for k, p in enumerate(persons):
        r = root(k)
        if r not in groups:
            groups[r] = p
            continue
        m = groups[r]
        m.forms.extend(f for f in p.forms if f not in m.forms)
        m.roles.extend(x for x in p.roles if x not in m.roles)
        m.roles.sort(key=lambda x: (x[1] or date.min, x[2] or date.max))
        m.country = _person_country(m.roles)
    persons = [groups[r] for r in sorted(groups)]

    # Who uses each form and each name word: a form or bare surname used by two
    # persons is ambiguous and kept by neither.
    users: dict[str, set[int]] = {}
    word_users: dict[str, set[int]] = {}
    for i, p in enumerate(persons):
        for f in p.forms:
            users.setdefault(loose_key(f), set()).add(i)
            for w in name_words_key(f):
                word_users.setdefault(w, set()).add(i)
    curated_words = {w for a in curated_persons for f in forms_of([a])
                     for w in name_words_key(f)}

    curated_by_key: dict[str, dict[str, Any]] = {}
    for a in curated_persons:
        for f in forms_of([a]):
            if " " in f:
                curated_by_key.setdefault(loose_key(f), a)
    history: dict[str, tuple[dict[str, Any], list[tuple[str, date, date]]]] = {}
    body = []
    skipped_curated: list[str] = []
    ids: set[str] = set()
    count = 0
    by_slug: dict[str, int] = {}
    for p in persons:
        by_slug[slug(p.name)] = by_slug.get(slug(p.name), 0) + 1
    for i, p in enumerate(persons):
        # The curated entry wins: a full name in common, or a bare surname only this
        # person has (PETRARCH's "Kim" would be no evidence for Kim Jong Un).
        if any(loose_key(f) in curated_keys and (" " in f or word_users.get(
                (name_words_key(f) or [""])[0]) == {i}) for f in p.forms):
            skipped_curated.append(p.name)
            # Its earlier career stays: the curated files start in 2014 or so, PETRARCH
            # knows the offices before (Bachelet's first presidency, Ouattara's premiership).
            full = next((curated_by_key[loose_key(f)] for f in p.forms
                         if " " in f and loose_key(f) in curated_by_key), None)
            if full is not None:
                earlier = history.setdefault(full["id"], (full, []))[1]
                first = _first_start(full)
                for c, s, t in p.roles:
                    if s is not None and first is not None and s < first:
                        role = (c, s, min(t, first) if t else first)
                        if role not in earlier:
                            earlier.append(role)
            continue
        kept = []
        for f in p.forms:
            key = loose_key(f)
            if users[key] != {i} or key in taken:
                continue
            if " " not in f:
                w = name_words_key(f)
                if (not w or word_users.get(w[0], set()) != {i} or w[0] in vocab
                        or w[0] in curated_words or len(w[0]) < 3):
                    continue  # a bare surname that is ambiguous or an ordinary word
            kept.append(f)
        bare = _head_surname(p, kept, i, word_users, vocab | curated_words, taken)
        if bare:
            kept.append(bare)  # "President Brazauskas": heads of state and government by surname
        if not kept:
            notes.append(f"line {p.line} {p.raw}: every name ambiguous, skipped")
            continue
        name = p.name if p.name in kept else next((f for f in kept if " " in f), kept[0])
        ident = f"person:{slug(name)}"
        if by_slug[slug(p.name)] > 1 or ident in ids or ident in curated_ids:
            ident = f"person:{slug(name)}-{p.country.lower()}"
        if ident in ids or ident in curated_ids:
            notes.append(f"line {p.line} {p.raw}: id {ident} taken, skipped")
            continue
        ids.add(ident)
        entry: dict[str, Any] = {
            "id": ident, "kind": "person", "name": name,
            "names": [f for f in kept if f != name], "country": p.country,
            "roles": [{"code": c, "start": s, "end": t} for c, s, t in p.roles],
            "source": f"line {p.line}: {p.raw}",
        }
        body.append(f"- {json_line(entry)}\n")
        count += 1
    for ident in sorted(history):
        full, earlier = history[ident]
        if not earlier:
            continue
        earlier.sort(key=lambda x: (x[1], x[2]))
        entry = {
            "id": ident, "kind": "person", "name": full["name"], "names": [],
            "country": full.get("country") or _person_country(earlier),
            "roles": [{"code": c, "start": s, "end": t} for c, s, t in earlier],
            "source": "earlier career of the curated entry (load merges it in before the curated roles)",
        }
        body.append(f"- {json_line(entry)}\n")
    notes.append(f"persons: {len(skipped_curated)} skipped for curated entries: "
                 + ", ".join(sorted(skipped_curated)))
    sources = ["petrarch2-Phoenix.Countries.actors.txt", "(the curated actor files: actors_curated.yaml, people_*.yaml, ...)"]
    text = (
        generated_header("Persons with date-bounded codes from PETRARCH2's country and international dictionaries (2014).",
                sources[:1] + ["petrarch2-Phoenix.International.actors.txt"], [ATTRIBUTION["petrarch"]])
        + "# One entry per person block (CountryInfo.txt names and other dated personal\n"
        + "# entries). Roles keep PETRARCH's codes with ISO country parts; `end` is\n"
        + "# exclusive (PETRARCH's ranges include their last day); a role without dates\n"
        + "# is the fallback code_at() uses outside every dated role. A role still open\n"
        + "# in January 2014 ends there and an ELI role follows: later offices are not\n"
        + "# known here; current office holders are curated in people_*.yaml.\n"
        + "# Names are proper-cased; synonyms with a title or office (PRESIDENT_X,\n"
        + "# X_ADMINISTRATION) are dropped; a form used by two persons, a bare surname\n"
        + "# shared with another person or an ordinary English word, and any form of\n"
        + "# another actor entry are dropped. Persons sharing a form with a curated\n"
        + "# person are left out: the curated files (people_*.yaml, ...) win. Their\n"
        + "# earlier career (roles starting before the curated entry's first role, cut\n"
        + "# there) is kept under the curated entry's id, without names: the loader\n"
        + "# puts those roles before the curated ones (lexicon.load, _with_history).\n"
        + json_meta(sources) + "actors:\n" + "".join(body)
    )
    return text, count, notes
