"""PETRARCH's actor dictionaries: their entries and dated codes, and the states and IGOs built from them."""
from __future__ import annotations
import functools
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
import yaml
from accord.lexicon.model import slug
from .output import ATTRIBUTION, DEFAULT_OUT, SafeLoader, flow_line, generated_header, meta_line, read_lines


# --------------------------------------------------------------------------- #
# Actor dictionaries (Countries, International)
# --------------------------------------------------------------------------- #
@dataclass
class _DatedCode:
    code: str
    start: date | None
    end: date | None


@dataclass
class Entry:
    name: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[_DatedCode] = field(default_factory=list)
    inline: bool = False  # a code on the name line: a top-level entry, not a sub-entry
    tagged: bool = False  # "# CountryInfo.txt" on the name line: PETRARCH's person entries


def _tabari_date(text: str) -> date | None:
    """YYMMDD (or YYYYMMDD) -> date; None when it cannot be read.

    Six-digit years 30-99 are 19xx and 00-29 are 20xx: the file is from 2014 and
    writes earlier dates with eight digits. Two typos in the source are read as
    meant: a stray "19" before an eight-digit date (1920030320 -> 2003-03-20) and
    a three-digit day (201005011 -> 2010-05-11, David Cameron taking office).
    """
    text = text.strip()
    if not text.isdigit():
        return None
    if len(text) == 10 and text.startswith("19"):
        text = text[2:]
    try:
        if len(text) == 6:
            yy = int(text[:2])
            year = 1900 + yy if yy >= 30 else 2000 + yy
            return date(year, int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
        if len(text) == 9:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    return None


def parse_code(text: str) -> _DatedCode | None:
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Z]+", parts[0]):
        return None
    start = end = None
    rng = "".join(parts[1:])  # "> 130701": a space after the sign
    if rng.startswith(">"):
        start = _tabari_date(rng[1:])
    elif rng.startswith("<"):
        end = _tabari_date(rng[1:])
    elif "-" in rng:
        a, b = rng.split("-", 1)
        start, end = _tabari_date(a), _tabari_date(b)
    return _DatedCode(parts[0], start, end)


def parse_actor_file(path: Path) -> list[Entry]:
    """Entries of a TABARI actor dictionary: name, +synonyms, [codes]."""
    entries: list[Entry] = []
    cur: Entry | None = None
    for i, line in enumerate(read_lines(path), start=1):
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        codes = [c for c in (parse_code(t) for t in re.findall(r"\[([^\]]*)\]", body)) if c]
        text = re.sub(r"\[[^\]]*\]", " ", body)
        if body[0] in " \t":
            if cur is not None:
                cur.codes.extend(codes)
            continue
        if body.startswith("+"):
            if cur is not None:
                cur.synonyms.append(text.strip().lstrip("+").strip())
                cur.codes.extend(codes)
            continue
        cur = Entry(name=text.strip(), line=i, codes=codes, inline=bool(codes))
        entries.append(cur)
    return entries


def _current_code(entry: Entry) -> str | None:
    """The code valid now: open-ended or undated; None when all have ended."""
    live = [c for c in entry.codes if c.end is None]
    if not live:
        return None
    return max(live, key=lambda c: c.start or date.min).code


def split_words(raw: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", raw.strip("_ ")) if w]


def _norm(text: str) -> str:
    """Comparison key: lowercase, hyphens and underscores as spaces (Guinea-Bissau)."""
    return " ".join(re.split(r"[\s_\-]+", text.lower().strip("_ ")))


SMALL_WORDS = {"of", "the", "and", "de", "da", "du", "la", "le", "des", "for", "on", "in",
               "to", "et", "al", "el"}
GENERIC_STATE_WORDS = {
    "the", "of", "and", "republic", "democratic", "people's", "peoples", "peoples'",
    "kingdom", "state", "states", "federation", "federal", "islamic", "arab", "socialist",
    "united", "union", "commonwealth", "principality", "grand", "duchy", "independent",
    "plurinational", "bolivarian", "co-operative", "cooperative", "hashemite", "sultanate",
    "emirate", "emirates", "federated", "oriental", "popular", "great", "northern",
    "north", "south", "east", "west", "central", "new", "n.", "s.", "dpr", "pdr",
}


def _case_word(word: str, vocab: dict[str, str], first: bool, acronyms: set[str]) -> str:
    low = word.lower()
    if low in vocab:
        return vocab[low]
    if "." in word or word.upper() in acronyms:
        return word.upper()
    if low in SMALL_WORDS and not first:
        return low
    return "-".join(p[:1].upper() + p[1:].lower() for p in low.split("-"))


def _proper(raw: str, vocab: dict[str, str], acronyms: set[str]) -> str:
    """NORTH_KOREA_ -> North Korea, using curated spellings where known."""
    words = split_words(raw)
    out = []
    for i, w in enumerate(words):
        core = w.strip(",()")
        cased = _case_word(core, vocab, i == 0, acronyms) if core else core
        out.append(w.replace(core, cased, 1) if core else w)
    return " ".join(out)


# The hand-curated actor files: generated entries give way to every form they list.
CURATED_ACTOR_FILES = ("actors_curated.yaml", "groups.yaml", "states_past.yaml", "people_*.yaml")


def load_curated(out_dir: Path) -> list[dict[str, Any]]:
    folder = out_dir if (out_dir / "actors_curated.yaml").exists() else DEFAULT_OUT
    entries: list[dict[str, Any]] = []
    for pattern in CURATED_ACTOR_FILES:
        for path in sorted(folder.glob(pattern)):
            stat = path.stat()
            entries.extend(_read_curated(str(path), stat.st_mtime_ns, stat.st_size))
    return entries


@functools.lru_cache(maxsize=16)
def _read_curated(path: str, mtime_ns: int, size: int) -> tuple[dict[str, Any], ...]:
    """The curated actor entries, read once per file version (callers do not modify them)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=SafeLoader)
    return tuple(data.get("actors") or [])


def generated_actors(text: str) -> list[dict[str, Any]]:
    """The actor entries of a generated file's text (JSON lines or YAML)."""
    if '\n- {"' in text:
        return [json.loads(line[2:]) for line in text.splitlines() if line.startswith("- {")]
    return list(yaml.load(text, Loader=SafeLoader)["actors"])


def as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]


# PETRARCH2 country codes that differ from ISO 3166-1 alpha-3.
PETRARCH_TO_ISO = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "SER": "SRB"}


def build_states(ref: Path, out_dir: Path) -> tuple[str, int]:
    """Text of states.yaml (PETRARCH names of current states) and the state count."""
    curated = [a for a in load_curated(out_dir) if a.get("kind") == "state" and "code" not in a]
    vocab: dict[str, str] = {}
    anchors: dict[str, set[str]] = {}
    known: dict[str, dict[str, str]] = {}   # ISO -> lowercase form -> curated form
    demonyms: dict[str, set[str]] = {}
    for a in curated:
        iso = a["id"]
        forms = [a["name"], *as_list(a.get("formal")), *as_list(a.get("names"))]
        dems = as_list(a.get("demonyms"))
        caps = as_list(a.get("capital"))
        known[iso] = {_norm(f): f for f in forms + dems}
        demonyms[iso] = {_norm(d) for d in dems}
        anchors[iso] = set()
        for f in forms + dems + caps:
            for w in re.split(r"[\s,\-]+", f):
                if not w:
                    continue
                vocab.setdefault(w.lower(), w)
                if f not in caps and w.lower() not in GENERIC_STATE_WORDS:
                    anchors[iso].add(w.lower())
    for w in GENERIC_STATE_WORDS:
        cased = w if w in SMALL_WORDS else (w.upper() if w in ("dpr", "pdr") else w.capitalize())
        vocab.setdefault(w, cased)
    for w in SMALL_WORDS:
        vocab[w] = w  # "of", "the" stay lowercase inside a name
    capitals = {c.lower() for a in curated for c in as_list(a.get("capital"))}
    name_words = {w.lower() for a in curated
                  for f in [a["name"], *as_list(a.get("formal")), *as_list(a.get("names")),
                            *as_list(a.get("demonyms"))]
                  for w in f.replace(",", " ").split()} | GENERIC_STATE_WORDS
    cap_only = {w for c in capitals for w in c.split()} - name_words
    foreign_demonyms = {iso: {d for other, ds in demonyms.items() if other != iso for d in ds}
                        for iso in demonyms}
    acronyms = {v for v in vocab.values() if v.isupper() and len(v) > 1}

    entries = parse_actor_file(ref / "petrarch2-Phoenix.Countries.actors.txt")
    by_iso: dict[str, list[Entry]] = {}
    for e in entries:
        code = _current_code(e)
        if code is None or len(code) != 3:
            continue
        iso = PETRARCH_TO_ISO.get(code, code)
        # Only the state's own entry, not its regions or cities: its name is one
        # of the state's curated names, or it is a top-level entry (code on the
        # name line) with such a synonym (MADAGASKAR_ [MDG] +MADAGASCAR_).
        if iso not in known:
            continue
        if _norm(e.name) in known[iso] or (
                e.inline and any(_norm(s) in known[iso] for s in e.synonyms)):
            by_iso.setdefault(iso, []).append(e)

    body = []
    for iso in sorted(by_iso):
        group = by_iso[iso]
        names: list[str] = []
        dems: list[str] = []
        for e in group:
            for raw in [e.name, *e.synonyms]:
                words = [w.strip(",()") for w in re.split(r"[\s_\-]+", raw.strip("_ +"))]
                low = [w.lower() for w in words if w]
                if not low or any(w not in vocab for w in low):
                    continue  # misspellings, transliterations, unknown cities
                if _norm(raw) not in known[iso] and not _plausible_state_name(
                        low, raw, iso, anchors, known, capitals, cap_only, foreign_demonyms):
                    continue
                form = _proper(raw, vocab, acronyms)
                target = dems if _norm(raw) in demonyms[iso] else names
                if form not in target:
                    target.append(form)
        # Truncations ("Zealand", "States of America"): a suffix of a longer name.
        names = [n for n in names if not any(
            o != n and o.endswith(" " + n) and (len(n.split()) == 1 or
                                               n.split()[0].lower() in GENERIC_STATE_WORDS)
            for o in names) or _norm(n) in known[iso]]
        display = next((known[iso][_norm(r)] for e in group for r in [e.name, *e.synonyms]
                        if _norm(r) in known[iso] and _norm(r) not in demonyms[iso]),
                       _proper(group[0].name, vocab, acronyms))
        entry: dict[str, Any] = {
            "id": f"{iso}:petrarch", "kind": "state", "code": iso,
            "name": display, "names": names,
        }
        if dems:
            entry["demonyms"] = dems
        entry["source"] = f"line {group[0].line}: {group[0].name}"
        body.append(f"- {flow_line(entry)}\n")
    sources = ["petrarch2-Phoenix.Countries.actors.txt", "(lib/accord/data/actors_curated.yaml)"]
    text = (
        generated_header("Current states and their PETRARCH2 names (generated part of the actor list).",
                sources[:1], [ATTRIBUTION["petrarch"]])
        + "# Only states listed in actors_curated.yaml are kept, with its ISO codes; a name\n"
        + "# is kept when every word is a known word of some state's curated names and it\n"
        + "# names this state (drops misspellings, transliterations, cities, regions).\n"
        + "# actors_curated.yaml wins over these entries for any surface form.\n"
        + meta_line(sources) + "actors:\n" + "".join(body)
    )
    return text, len(by_iso)


COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "n.", "s."}
# Misspellings and oddities whose every word is a real word of some state name.
STATE_NAME_JUNK = {"united state of america", "united states of mexicans", "new guinea papua"}


def _plausible_state_name(low: list[str], raw: str, iso: str, anchors: dict[str, set[str]],
                          known: dict[str, dict[str, str]], capitals: set[str],
                          cap_only: set[str], foreign_demonyms: dict[str, set[str]]) -> bool:
    """Whether a PETRARCH synonym (lowercase words) is a usable name of state ``iso``."""
    joined = " ".join(low)
    if not set(low) & anchors[iso]:
        return False  # real words, but none of them names this state
    if joined in capitals or set(low) & cap_only or joined in STATE_NAME_JUNK:
        return False  # capitals are curated metonyms; other cities are not actors
    if low[0] in COMPASS and not any(k.split()[0] == low[0] for k in known[iso]):
        return False  # a region: South Australia, West New Britain, West Germany
    if any(w in foreign_demonyms[iso] for w in low):
        return False  # a colony or dependency: British South Africa, Spanish Guinea
    if "(" in raw:
        outside = " ".join(w.lower() for w in split_words(raw.split("(")[0]))
        if outside in known[iso]:
            return False  # "America (US)": a disambiguated duplicate
    return True


ORG_WORDS = {
    "organization", "organisation", "union", "council", "agency", "fund", "bank",
    "commission", "committee", "court", "tribunal", "assembly", "league", "association",
    "community", "conference", "group", "forum", "programme", "program", "secretariat",
    "mission", "office", "department", "authority", "partnership", "federation",
    "institute", "centre", "center", "panel", "cooperation", "co-operation", "nations",
    "treaty", "alliance", "parliament", "board", "bureau", "area", "initiative",
    "settlements", "states", "countries", "bodies", "operations",
}


def _igo_synonym(raw: str, acronyms: set[str]) -> str:
    words = split_words(raw)
    if len(words) == 1:
        return words[0].upper()  # single-word IGO synonyms are acronyms (OPEC, WFP)
    text = _proper(raw, {}, acronyms)
    return re.sub(r"^G (\d+)$", r"G\1", text)  # G_7 -> G7


def build_igos(ref: Path) -> tuple[str, int]:
    """Text of igos.yaml (IGOs with IGO-prefixed PETRARCH codes) and the entry count."""
    entries = parse_actor_file(ref / "petrarch2-Phoenix.International.actors.txt")
    acronyms = {" ".join(split_words(e.name)) for e in entries if len(split_words(e.name)) == 1}
    acronyms |= {"UN", "U.N.", "EU", "NATO", "ASEAN", "UNESCO", "WHO", "ICC", "IAEA"}
    merged: dict[str, dict[str, Any]] = {}
    for e in entries:
        if not e.codes or any(c.start or c.end for c in e.codes):
            continue  # dated codes: a person's career
        codes = {c.code for c in e.codes}
        if len(codes) != 1:
            continue  # several codes ([ELI] next to an office): a person
        code = codes.pop()
        if not code.startswith("IGO") or len(code) % 3:
            continue
        words = [w.lower() for w in split_words(e.name)]
        if len(words) > 1 and not (set(words) & ORG_WORDS):
            continue  # multiword name without an organisation word: person or agent
        vocab: dict[str, str] = {}
        name = _proper(e.name, vocab, acronyms)
        names = [name] + [_igo_synonym(s, acronyms) for s in e.synonyms if split_words(s)]
        ident = f"{code}:{slug(name)}"
        if ident in merged:
            for n in names:
                if n not in merged[ident]["names"]:
                    merged[ident]["names"].append(n)
            continue
        merged[ident] = {"id": ident, "kind": "igo", "code": code, "name": name,
                         "names": [n for n in names[1:] if n != name],
                         "source": f"line {e.line}: {e.name}"}
    body = [f"- {flow_line(merged[k])}\n" for k in sorted(merged)]
    sources = ["petrarch2-Phoenix.International.actors.txt"]
    text = (
        generated_header("International organisations with PETRARCH2's IGO codes.", sources,
                [ATTRIBUTION["petrarch"]])
        + "# Entries with undated IGO-prefixed codes whose name is an acronym or contains an\n"
        + "# organisation word; persons (dated codes) and NGOs/companies are left out.\n"
        + "# actors_curated.yaml wins over these entries for any surface form.\n"
        + meta_line(sources) + "actors:\n" + "".join(body)
    )
    return text, len(merged)
