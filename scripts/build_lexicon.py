#!/usr/bin/env python3
"""Build accord's generated lexicon files from the reference data.

Reads the PETRARCH2 dictionaries, the PLOVER crosswalk and the CAMEO / PLOVER
tables in ``/work/shared/reference`` (or the directory given) and writes
``cameo.yaml``, ``plover.yaml``, ``agents.yaml``, ``verbs_petrarch.yaml``,
``states.yaml``, ``igos.yaml``, ``orgs_petrarch.yaml`` (NGOs and companies) and
``persons_petrarch.yaml`` (persons with date-bounded codes) into
``lib/accord/data/`` (or ``--out``).

The output is deterministic: no timestamps, stable ordering, so running the
script twice gives byte-identical files and a diff shows real data changes.
``states.yaml`` also reads the hand-curated ``actors_curated.yaml`` (which
decides which states are current, their ISO codes and the spelling of names);
the organisations and persons files leave out every surface form of a curated,
state or IGO entry, and persons the curated list already has.

Usage::

    python scripts/build_lexicon.py [REFERENCE_DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import csv
import functools
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "lib" / "accord" / "data"
SCRIPT = "scripts/build_lexicon.py"

PETRARCH_LICENSE = "MIT License, Copyright (c) 2014 Open Event Data Alliance (PETRARCH2)"
ATTRIBUTION = {
    "petrarch": "PETRARCH2 dictionaries (openeventdata/petrarch2), " + PETRARCH_LICENSE,
    "plover": "PLOVER CAMEO-to-PLOVER crosswalk, draft 0.8 (openeventdata/PLOVER), "
    "CC BY-SA 4.0, Open Event Data Alliance",
    "cameo_csv": "cameo_codes.csv (andybega/icews), MIT License, Andreas Beger",
    "plover_csv": "plover_categories.csv, summarised from the PLOVER manual draft 0.8 "
    "(Open Event Data Alliance, CC BY-SA 4.0)",
}

# PLOVER sector names; CAMEO-only codes kept by the agents file are named too.
SECTOR_NAMES: dict[str, str] = {
    "AGR": "agriculture",
    "BUS": "business",
    "COP": "police",
    "CRM": "criminals",
    "CVL": "civilians",
    "EDU": "education",
    "ELI": "elites",
    "GOV": "government",
    "JRN": "journalists and media",
    "JUD": "judiciary",
    "LAB": "labour",
    "LEG": "legislature",
    "MED": "health",
    "MIL": "military",
    "PRM": "paramilitary",
    "PTY": "political party",
    "REB": "rebels",
    "REF": "refugees",
    "SPY": "intelligence services",
    "UAF": "unidentified armed forces",
    "UNK": "unknown",
    # CAMEO sectors with no PLOVER counterpart, kept as PETRARCH codes them.
    "BUD": "Buddhist",
    "CHR": "Christian",
    "DEV": "development",
    "ENV": "environment",
    "HIN": "Hindu",
    "HRI": "human rights",
    "IMG": "international militarised group",
    "JEW": "Jewish",
    "MUS": "Muslim",
    "NGO": "non-governmental organisation",
    "OPP": "opposition",
    "PPL": "people",
    "RAD": "radicals",
    "REL": "religious",
}
# CAMEO and PLOVER disagree on two sector codes: CAMEO MED is media, HLH health.
CAMEO_TO_PLOVER_SECTOR = {"MED": "JRN", "HLH": "MED"}
# Compound agent codes (GOVMED, OPPMED) name a media outlet when the phrase
# says so; for attributing claims the media role matters more than the owner.
MEDIA_WORDS = {
    "media", "news", "agency", "television", "tv", "radio", "newspaper", "daily",
    "press", "journalist", "reporter", "editor", "publisher", "broadcaster",
}


# --------------------------------------------------------------------------- #
# Output helpers
# --------------------------------------------------------------------------- #
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that never emits aliases (entries must stay independent)."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: D401 - yaml API
        return True


class _Code(str):
    """A CAMEO code: always quoted, so no YAML reader takes 090 or 051 for a number."""


_Dumper.add_representer(
    _Code, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))


def _flow(obj: Any) -> str:
    """One YAML flow-style line for ``obj`` (a mapping or list)."""
    text = yaml.dump(
        obj, Dumper=_Dumper, default_flow_style=True, allow_unicode=True,
        sort_keys=False, width=1 << 30,
    )
    return text.strip().removesuffix("...").strip()


def _json(obj: Any) -> str:
    """``obj`` as one line of JSON, which is also YAML (dates as ISO strings).

    The big generated files (persons, organisations) are written this way: the
    loader reads such lines with :mod:`json`, many times faster than YAML.
    """
    return json.dumps(obj, ensure_ascii=False, default=lambda v: v.isoformat())


def _json_meta(sources: Iterable[str]) -> str:
    return "meta: " + _json({"generated_by": SCRIPT, "sources": list(sources)}) + "\n"


def _header(title: str, sources: Iterable[str], attributions: Iterable[str]) -> str:
    lines = [
        f"# {title}",
        f"# GENERATED by {SCRIPT} -- do not edit by hand; edit the script or",
        "# the hand-curated files (actors_curated.yaml, events.yaml, ...) instead.",
        "# Source files (in /work/shared/reference):",
        *[f"#   {s}" for s in sources],
        "# Attribution (see NOTICE):",
        *[f"#   {a}" for a in attributions],
    ]
    return "\n".join(lines) + "\n"


def _meta(sources: Iterable[str]) -> str:
    return "meta: " + _flow({"generated_by": SCRIPT, "sources": list(sources)}) + "\n"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _read_lines(path: Path) -> list[str]:
    # PETRARCH files are mostly ASCII with a few Latin-1 names.
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.splitlines()


# --------------------------------------------------------------------------- #
# CAMEO and PLOVER tables
# --------------------------------------------------------------------------- #
def read_cameo_csv(ref: Path) -> dict[str, dict[str, Any]]:
    """CAMEO code -> {name, goldstein} from cameo_codes.csv, in file order."""
    out: dict[str, dict[str, Any]] = {}
    with open(ref / "cameo_codes.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            out[code] = {"name": row["name"].strip(), "goldstein": float(row["goldstein"])}
    return out


def read_crosswalk(ref: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code -> (PLOVER category, mode, context); first line wins on repeats."""
    out: dict[str, tuple[str, str | None, str | None]] = {}
    for line in _read_lines(ref / "plover-CAMEO2PLOVER-2021.txt"):
        body = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4})\s*:\s*(.*)$", body)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        category = parts[0].upper()
        if not category:
            continue
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        context = None
        if len(parts) > 2 and parts[2]:
            context = "; ".join(c.strip() for c in parts[2].split(";") if c.strip()) or None
        out.setdefault(m.group(1), (category, mode, context))
    return out


def build_cameo(ref: Path) -> str:
    """Text of cameo.yaml."""
    codes = read_cameo_csv(ref)
    walk = read_crosswalk(ref)
    body = []
    for code, row in codes.items():
        entry: dict[str, Any] = {"name": row["name"], "goldstein": row["goldstein"]}
        # CAMEO is hierarchical: a code missing from the crosswalk takes its
        # nearest listed ancestor's category; "via" records that ancestor.
        source = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in walk), None)
        if source is None:
            entry.update(event_type=None, mode=None, context=None)
        else:
            cat, mode, ctx = walk[source]
            entry.update(event_type=cat, mode=mode, context=ctx)
            if source != code:
                entry["via"] = source
        body.append(f"  {_flow(_Code(code))}: {_flow(entry)}\n")
    sources = ["cameo_codes.csv", "plover-CAMEO2PLOVER-2021.txt"]
    return (
        _header("CAMEO codes with Goldstein scores and their PLOVER category.", sources,
                [ATTRIBUTION["cameo_csv"], ATTRIBUTION["plover"]])
        + "# event_type/mode/context are null where the crosswalk gives no PLOVER category\n"
        + "# (01x statements, 02x appeals). Modes are kept as the crosswalk writes them,\n"
        + "# even where plover.yaml has no such mode for the category.\n"
        + _meta(sources) + "cameo:\n" + "".join(body)
    )


def build_plover(ref: Path) -> str:
    """Text of plover.yaml."""
    rows = []
    with open(ref / "plover_categories.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows.append({
                "event_type": row["category"].strip(),
                "mode": row["mode"].strip(),
                "quad_class": int(row["quad_class"]),
                "quad_name": row["quad_name"].strip(),
                "score": float(row["score"]),
                "requires_recipient": row["requires_recipient"].strip() == "yes",
                "meaning": row["meaning"].strip(),
            })
    sources = ["plover_categories.csv"]
    return (
        _header("PLOVER event categories and modes with quad class and score.", sources,
                [ATTRIBUTION["plover_csv"]])
        + '# mode "" is the category\'s base row.\n'
        + _meta(sources) + "plover:\n" + "".join(f"- {_flow(r)}\n" for r in rows)
    )


# --------------------------------------------------------------------------- #
# Agents
# --------------------------------------------------------------------------- #
def _phrase(raw: str) -> str:
    """TABARI phrase -> lowercase words: '_' and stem spaces become one space."""
    return " ".join(raw.replace("_", " ").lower().split())


def _sector(code: str, phrase: str) -> str | None:
    """PLOVER sector for a CAMEO agent code like ~GOV, ~GOVMED, ~MUSRAD."""
    segs = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not segs or any(len(s) != 3 for s in segs):
        return None
    if len(segs) > 1 and "MED" in segs[1:] and MEDIA_WORDS & set(phrase.split()):
        return "JRN"
    first = CAMEO_TO_PLOVER_SECTOR.get(segs[0], segs[0])
    return first if first in SECTOR_NAMES else None


def build_agents(ref: Path) -> tuple[str, int]:
    """Text of agents.yaml and the number of phrases."""
    lines = _read_lines(ref / "petrarch2-Phoenix.agents.txt")
    subs: dict[str, list[str]] = {}
    agents: dict[str, dict[str, Any]] = {}
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body)
        if m:
            subs[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]\s*$", body)
        if not m:
            continue  # no code ([IGO~] prefixes, uncoded lines): not a sector agent
        raw, braces, code = m.group(1), m.group(2), m.group(3)
        if "!MINIST!" in subs:
            # DEFENCE_MINIST is a TABARI stem for minister/ministry: expand it too.
            raw = re.sub(r"(?<![A-Z!])MINIST(?![A-Z!])", "!MINIST!", raw)
        # Substitution sets (!PERSON!, !MINIST!) expand to their members; the
        # set lists plurals itself, so expanded phrases are not re-pluralised.
        # A marker inside a word (AD!MINIST!RATIVE) is an editing accident in the
        # source: restore the plain letters there before expanding the rest.
        for marker in subs:
            raw = re.sub(rf"(?<=[A-Z]){re.escape(marker)}(?=[A-Z])", marker.strip("!"), raw)
        variants = [(raw, None)]
        for marker, words in subs.items():
            if marker in raw:
                variants = [(raw.replace(marker, w.upper()), []) for w in words]
                break
        for text, plural in variants:
            phrase = _phrase(text)
            sector = _sector(code, phrase)
            if not phrase or sector is None or "!" in phrase or not phrase.isascii():
                continue  # non-ASCII phrases are mis-encoded Spanish titles
            entry: dict[str, Any] = {"code": sector}
            if plural is not None:
                entry["plural"] = plural
            elif braces is not None:
                inner = braces.strip("{}").split()
                entry["plural"] = [_phrase(w) for w in inner]
            agents.setdefault(phrase, entry)  # first definition wins, as in PETRARCH
    body = []
    for phrase in sorted(agents):
        e = agents[phrase]
        value = e["code"] if "plural" not in e else e
        body.append(f"  {_flow(phrase)}: {_flow(value)}\n")
    sources = ["petrarch2-Phoenix.agents.txt"]
    sectors = "".join(f"  {k}: {_flow(v)}\n" for k, v in SECTOR_NAMES.items())
    text = (
        _header("Agent nouns -> PLOVER sector codes.", sources, [ATTRIBUTION["petrarch"]])
        + "# Lowercase singular phrases; the loader adds regular plurals unless `plural`\n"
        + "# is given ([] = no plural). CAMEO MED (media) -> JRN, HLH (health) -> MED;\n"
        + "# compound codes keep their first sector, except media outlets (xxxMED) -> JRN.\n"
        + _meta(sources) + "sectors:\n" + sectors + "agents:\n" + "".join(body)
    )
    return text, len(agents)


# --------------------------------------------------------------------------- #
# Verbs
# --------------------------------------------------------------------------- #
def _verb_form(raw: str) -> str:
    return " ".join(raw.lstrip("+").replace("_", " ").lower().split())


def build_verbs(ref: Path, cameo: dict[str, Any]) -> tuple[str, int, list[str]]:
    """Text of verbs_petrarch.yaml, the number of verbs and notes on dropped lines."""
    verbs: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    block_code: str | None = None
    in_verbs = False
    for line in _read_lines(ref / "petrarch2-CAMEO.2.0.txt"):
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            block_code = m.group(2).strip()
            continue
        # Patterns (-), synsets (&), transformations (~) and comments are skipped.
        if not line or line[0] in "-&~# \t":
            continue
        body = re.split(r"[#;]", line, maxsplit=1)[0].strip()
        m = re.match(r"^(\+?[A-Z][A-Z0-9_'\-]*)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*$", body)
        if not m:
            notes.append(f"unparsed verb line: {line.strip()!r}")
            continue
        lemma = _verb_form(m.group(1))
        code = (m.group(3) or block_code or "").split(":")[0].strip()
        if not code or code.startswith("-"):
            continue  # [---] or no code: the verb only codes through its patterns
        if code not in cameo:
            notes.append(f"{lemma}: CAMEO {code} not in cameo_codes.csv")
            continue
        if lemma in verbs:
            if verbs[lemma]["cameo"] != code:
                notes.append(f"{lemma}: also [{code}], kept [{verbs[lemma]['cameo']}]")
            continue
        entry: dict[str, Any] = {"lemma": lemma, "cameo": _Code(code)}
        if m.group(2) is not None:
            raw_forms = [w for w in re.split(r"[\s,]+", m.group(2).strip("{}")) if w.strip("+_")]
            forms = list(dict.fromkeys(_verb_form(w) for w in raw_forms))
            entry["forms"] = forms
            entry["inflect"] = False  # braces list the irregular forms in full
        verbs[lemma] = entry
    sources = ["petrarch2-CAMEO.2.0.txt", "cameo_codes.csv"]
    text = (
        _header("Verb triggers derived from the PETRARCH2 CAMEO verb dictionary.", sources,
                [ATTRIBUTION["petrarch"], ATTRIBUTION["cameo_csv"]])
        + "# One entry per verb line with a code (its own or its block's); verbs in\n"
        + "# [---] blocks without their own code, and phrase patterns, are left out.\n"
        + "# `forms` are PETRARCH's irregular forms; with `inflect: false` they replace\n"
        + "# the regular inflections. First occurrence wins for verbs listed twice.\n"
        + _meta(sources) + "triggers:\n" + "".join(f"- {_flow(v)}\n" for v in verbs.values())
    )
    return text, len(verbs), notes


# --------------------------------------------------------------------------- #
# Actor dictionaries (Countries, International)
# --------------------------------------------------------------------------- #
@dataclass
class _DatedCode:
    code: str
    start: date | None
    end: date | None


@dataclass
class _Entry:
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


def _parse_code(text: str) -> _DatedCode | None:
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


def parse_actor_file(path: Path) -> list[_Entry]:
    """Entries of a TABARI actor dictionary: name, +synonyms, [codes]."""
    entries: list[_Entry] = []
    cur: _Entry | None = None
    for i, line in enumerate(_read_lines(path), start=1):
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        codes = [c for c in (_parse_code(t) for t in re.findall(r"\[([^\]]*)\]", body)) if c]
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
        cur = _Entry(name=text.strip(), line=i, codes=codes, inline=bool(codes))
        entries.append(cur)
    return entries


def _current_code(entry: _Entry) -> str | None:
    """The code valid now: open-ended or undated; None when all have ended."""
    live = [c for c in entry.codes if c.end is None]
    if not live:
        return None
    return max(live, key=lambda c: c.start or date.min).code


def _words(raw: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", raw.strip("_ ")) if w]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


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
    words = _words(raw)
    out = []
    for i, w in enumerate(words):
        core = w.strip(",()")
        cased = _case_word(core, vocab, i == 0, acronyms) if core else core
        out.append(w.replace(core, cased, 1) if core else w)
    return " ".join(out)


def _load_curated(out_dir: Path) -> list[dict[str, Any]]:
    path = out_dir / "actors_curated.yaml"
    if not path.exists():
        path = DEFAULT_OUT / "actors_curated.yaml"
    stat = path.stat()
    return list(_read_curated(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)
def _read_curated(path: str, mtime_ns: int, size: int) -> tuple[dict[str, Any], ...]:
    """The curated actor entries, read once per file version (callers do not modify them)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_SafeLoader)
    return tuple(data.get("actors") or [])


def _generated_actors(text: str) -> list[dict[str, Any]]:
    """The actor entries of a generated file's text (JSON lines or YAML)."""
    if '\n- {"' in text:
        return [json.loads(line[2:]) for line in text.splitlines() if line.startswith("- {")]
    return list(yaml.load(text, Loader=_SafeLoader)["actors"])


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]


# PETRARCH2 country codes that differ from ISO 3166-1 alpha-3.
PETRARCH_TO_ISO = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "SER": "SRB"}


def build_states(ref: Path, out_dir: Path) -> tuple[str, int]:
    """Text of states.yaml (PETRARCH names of current states) and the state count."""
    curated = [a for a in _load_curated(out_dir) if a.get("kind") == "state" and "code" not in a]
    vocab: dict[str, str] = {}
    anchors: dict[str, set[str]] = {}
    known: dict[str, dict[str, str]] = {}   # ISO -> lowercase form -> curated form
    demonyms: dict[str, set[str]] = {}
    for a in curated:
        iso = a["id"]
        forms = [a["name"], *_as_list(a.get("formal")), *_as_list(a.get("names"))]
        dems = _as_list(a.get("demonyms"))
        caps = _as_list(a.get("capital"))
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
    capitals = {c.lower() for a in curated for c in _as_list(a.get("capital"))}
    name_words = {w.lower() for a in curated
                  for f in [a["name"], *_as_list(a.get("formal")), *_as_list(a.get("names")),
                            *_as_list(a.get("demonyms"))]
                  for w in f.replace(",", " ").split()} | GENERIC_STATE_WORDS
    cap_only = {w for c in capitals for w in c.split()} - name_words
    foreign_demonyms = {iso: {d for other, ds in demonyms.items() if other != iso for d in ds}
                        for iso in demonyms}
    acronyms = {v for v in vocab.values() if v.isupper() and len(v) > 1}

    entries = parse_actor_file(ref / "petrarch2-Phoenix.Countries.actors.txt")
    by_iso: dict[str, list[_Entry]] = {}
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
        body.append(f"- {_flow(entry)}\n")
    sources = ["petrarch2-Phoenix.Countries.actors.txt", "(lib/accord/data/actors_curated.yaml)"]
    text = (
        _header("Current states and their PETRARCH2 names (generated part of the actor list).",
                sources[:1], [ATTRIBUTION["petrarch"]])
        + "# Only states listed in actors_curated.yaml are kept, with its ISO codes; a name\n"
        + "# is kept when every word is a known word of some state's curated names and it\n"
        + "# names this state (drops misspellings, transliterations, cities, regions).\n"
        + "# actors_curated.yaml wins over these entries for any surface form.\n"
        + _meta(sources) + "actors:\n" + "".join(body)
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
        outside = " ".join(w.lower() for w in _words(raw.split("(")[0]))
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
    words = _words(raw)
    if len(words) == 1:
        return words[0].upper()  # single-word IGO synonyms are acronyms (OPEC, WFP)
    text = _proper(raw, {}, acronyms)
    return re.sub(r"^G (\d+)$", r"G\1", text)  # G_7 -> G7


def build_igos(ref: Path) -> tuple[str, int]:
    """Text of igos.yaml (IGOs with IGO-prefixed PETRARCH codes) and the entry count."""
    entries = parse_actor_file(ref / "petrarch2-Phoenix.International.actors.txt")
    acronyms = {" ".join(_words(e.name)) for e in entries if len(_words(e.name)) == 1}
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
        words = [w.lower() for w in _words(e.name)]
        if len(words) > 1 and not (set(words) & ORG_WORDS):
            continue  # multiword name without an organisation word: person or agent
        vocab: dict[str, str] = {}
        name = _proper(e.name, vocab, acronyms)
        names = [name] + [_igo_synonym(s, acronyms) for s in e.synonyms if _words(s)]
        ident = f"{code}:{_slug(name)}"
        if ident in merged:
            for n in names:
                if n not in merged[ident]["names"]:
                    merged[ident]["names"].append(n)
            continue
        merged[ident] = {"id": ident, "kind": "igo", "code": code, "name": name,
                         "names": [n for n in names[1:] if n != name],
                         "source": f"line {e.line}: {e.name}"}
    body = [f"- {_flow(merged[k])}\n" for k in sorted(merged)]
    sources = ["petrarch2-Phoenix.International.actors.txt"]
    text = (
        _header("International organisations with PETRARCH2's IGO codes.", sources,
                [ATTRIBUTION["petrarch"]])
        + "# Entries with undated IGO-prefixed codes whose name is an acronym or contains an\n"
        + "# organisation word; persons (dated codes) and NGOs/companies are left out.\n"
        + "# actors_curated.yaml wins over these entries for any surface form.\n"
        + _meta(sources) + "actors:\n" + "".join(body)
    )
    return text, len(merged)


# --------------------------------------------------------------------------- #
# Persons (Countries file) and non-IGO organisations (International file)
# --------------------------------------------------------------------------- #
COUNTRYINFO_TAG = "countryinfo.txt"
# Kinakuta (KNT) is the fictional country of TABARI's test data; its "leaders" are not real.
FICTIONAL_CODES = {"KNT"}
# Words that name a title or office wherever they stand in a synonym
# (PRESIDENT_X, RUSSIAN_PRESIDENT_X, SECRETARY_OF_STATE_X, X_ADMINISTRATION):
# such synonyms are dropped, the engine reads titles itself.
PERSON_TITLE_WORDS = {
    "president", "president-elect", "vice-president", "vice", "minister", "prime", "premier",
    "secretary", "secretary-general", "secretaty", "undersecretary", "under-secretary",
    "ambassador", "chancellor", "kanzler", "bundeskanzler", "chairman", "chairwoman",
    "spokesman", "spokeswoman", "leader", "chief", "director", "deputy", "governor", "gov.",
    "senator", "sen.", "congressman", "congresswoman", "representative", "rep.",
    "mr", "mr.", "mrs", "mrs.", "ms.", "dr", "dr.", "former", "ex", "ex-president",
    "administration", "government", "regime", "party", "forces", "camp", "supporters",
    "foreign", "defense", "defence", "interior", "finance", "state", "house", "minority",
    "majority", "speaker", "ayatollah", "hojatolislam", "hojatoleslam", "mullah", "emir",
    "soviet", "communist", "of", "the", "and", "general", "gen.", "gen",
}
# Words that are a title only at the start: "King Abdullah" but "Martin Luther King",
# "Prince Saud" but "Richard Prince", "Major X" but "John Major".
PERSON_LEADING_TITLES = {
    "king", "queen", "prince", "princess", "crown", "sheikh", "shaikh", "sheik", "sir",
    "dame", "lord", "lady", "baron", "baroness", "major", "colonel", "col.", "captain",
    "capt.", "lt.", "lieutenant", "marshal", "field", "admiral", "adm.", "brigadier",
    "commander", "judge", "justice", "bishop", "archbishop", "cardinal", "pope", "father",
    "rev.", "reverend", "imam",
}
# Lowercase inside a name ("Charles de Gaulle", "Hamad bin Isa"), never first or last.
NAME_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "van", "von", "der", "den",
                  "ter", "bin", "ibn", "bint", "y", "e", "du"}
ARABIC_ARTICLES = {"al", "el"}  # AL_ASSAD -> al-Assad (inside a name; "Al Gore" stays)
NAME_SUFFIXES = {"jr.": "Jr.", "jr": "Jr.", "sr.": "Sr.", "sr": "Sr.", "st.": "St."}
_ROMAN_RE = re.compile(r"^(?:ii|iii|iv|vi|vii|viii|ix|xi|xii)$")
_NAME_WORD_RE = re.compile(r"^(?:[^\W\d_](?:[^\W\d_]|['\-])*\.?|(?:[^\W\d_]\.)+)$")
# Not a person: organisation and armed-group words in a name (non-tagged entries only).
GROUP_WORDS = {
    "party", "movement", "army", "brigade", "brigades", "front", "forces", "force", "council",
    "assembly", "authority", "coalition", "observatory", "soviet", "sfsr", "state", "republic",
    "liberation", "islamic", "national", "democratic", "people's", "peoples", "union",
    "jaish", "jaysh", "jabhat", "harakat", "kataib", "liwa", "hizb", "ansar", "government",
    "ministry", "parliament", "court", "police", "krajina", "regime", "opposition",
    "volkskammer", "politburo", "committee", "administration", "rebels", "militia",
}


def _vocabulary(ref: Path) -> set[str]:
    """Lowercase English words of the CAMEO verb and agent dictionaries.

    A one-word surname or company name that is also such a word ("Rice", "Shell",
    "Target") would match ordinary capitalised words, so it is not kept alone.
    """
    words: set[str] = set()
    for name in ("petrarch2-CAMEO.2.0.txt", "petrarch2-Phoenix.agents.txt"):
        for line in _read_lines(ref / name):
            body = line.split("#", 1)[0]
            words.update(w.lower() for w in re.findall(r"[A-Z][A-Z']+", body))
    return words


def parse_person_blocks(path: Path) -> list[_Entry]:
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
def _person_blocks(path_text: str, mtime_ns: int, size: int) -> tuple[_Entry, ...]:
    """Parsed once per file version; callers must not modify the entries."""
    entries: list[_Entry] = []
    cur: _Entry | None = None
    for i, line in enumerate(_read_lines(Path(path_text)), start=1):
        body, _, comment = line.partition("#")
        body = body.rstrip()
        if not body.strip():
            continue
        codes = [c for c in (_parse_code(t) for t in re.findall(r"\[([^\]]*)\]", body)) if c]
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
        cur = _Entry(name=text, line=i, codes=codes, inline=bool(codes), tagged=tagged)
        entries.append(cur)
    return tuple(entries)


def _is_person_block(e: _Entry) -> bool:
    """PETRARCH's person entries: tagged by CountryInfo, or dated codes on a personal name."""
    if not e.codes or any(c.code[:3] in FICTIONAL_CODES for c in e.codes):
        return False
    if e.tagged:
        return True
    if e.inline or not any(c.start or c.end for c in e.codes) or any(
            len(c.code) == 3 for c in e.codes):
        return False  # top-level entries, undated groups (ASSAD_FORCES_), dated states
    words = [w.lower().strip(",") for w in _words(e.name)]
    return 2 <= len(words) <= 6 and words[0] != "the" and not set(words) & GROUP_WORDS


def _clean_raw_name(raw: str) -> str:
    """Drop parenthesised notes and quoted nicknames: X_(ACTING_PM), FERNANDO_"NANDO"_X."""
    raw = re.sub(r"\([^)]*\)?", " ", raw)
    raw = re.sub(r'"[^"]*"?', " ", raw)
    return raw


def _cap_name_part(part: str) -> str:
    """One hyphen-free piece of a name, lowercase in: mcdonald -> McDonald, o'neill -> O'Neill."""
    if part.startswith("mc") and len(part) > 3 and part[2].isalpha():
        return "Mc" + part[2].upper() + part[3:]
    if len(part) > 2 and part[1] == "'":
        return part[0].upper() + "'" + part[2].upper() + part[3:]
    return part[:1].upper() + part[1:]


def _case_name_word(word: str, first: bool, last: bool) -> str:
    low = word.lower()
    if low in NAME_SUFFIXES:
        return NAME_SUFFIXES[low]
    if re.fullmatch(r"(?:[^\W\d_]\.)+", low) or len(low) == 1 or (
            len(low) <= 3 and not re.search(r"[aeiouy]", low) and low != "ng"):
        return word.upper()  # initials: V., H.W., RK
    if not first and _ROMAN_RE.match(low):
        return low.upper()  # Abdullah II (but Xi Jinping)
    if not first and not last and low in NAME_PARTICLES:
        return low
    parts = low.split("-")
    out = [_cap_name_part(p) for p in parts]
    if not first and len(parts) > 1 and parts[0] in ARABIC_ARTICLES:
        out[0] = parts[0]  # al-Assad, el-Sisi
    return "-".join(out)


def _person_words(raw: str) -> list[str] | None:
    """A raw PETRARCH name as words, or None if it holds other than name words."""
    words = _words(_clean_raw_name(raw).strip("+"))
    if not words:
        return None
    for w in words:
        if not _NAME_WORD_RE.match(w.rstrip(",")) or "\x1a" in w:
            return None  # digits, backquotes, encoding damage, stray dots
    return words


def _strip_titles(words: list[str]) -> list[str]:
    """Leading title words off a name: SHEIKH_JABER_... -> JABER_..."""
    i = 0
    while i < len(words) - 1 and (words[i].lower() in PERSON_LEADING_TITLES
                                  or words[i].lower() in PERSON_TITLE_WORDS):
        i += 1
    return words[i:]


def _person_form(words: list[str]) -> str | None:
    """Proper-case surface form of a name's words; None for titled or office forms."""
    low = [w.lower().rstrip(",") for w in words]
    if low[0] in PERSON_LEADING_TITLES or set(low) & PERSON_TITLE_WORDS:
        return None
    if any(w.startswith("ex-") for w in low):
        return None
    out: list[str] = []
    n = len(words)
    i = 0
    while i < n:
        core = words[i].rstrip(",")
        comma = words[i][len(core):]
        if low[i] in ARABIC_ARTICLES and 0 < i < n - 1:
            nxt = words[i + 1].rstrip(",")
            cased = low[i] + "-" + _case_name_word(nxt, False, i + 1 == n - 1)
            out.append(cased + words[i + 1][len(nxt):])
            i += 2
            continue
        out.append(_case_name_word(core, i == 0, i == n - 1) + comma)
        i += 1
    return " ".join(out).rstrip(",")


@dataclass
class _Person:
    name: str
    country: str
    forms: list[str]
    roles: list[tuple[str, date | None, date | None]]
    line: int
    raw: str


def _iso_code(code: str) -> str:
    """A PETRARCH actor code with its country part in ISO alpha-3 (KSVGOV -> XKXGOV)."""
    return PETRARCH_TO_ISO.get(code[:3], code[:3]) + code[3:]


def _person_roles(e: _Entry, notes: list[str]) -> list[tuple[str, date | None, date | None]]:
    """Roles (code, start, exclusive end) of a person block, in order of start (undated first)."""
    roles: list[tuple[str, date | None, date | None]] = []
    for c in e.codes:
        code = _iso_code(c.code)
        if not _CODE_SHAPE.match(code):
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
            for role in ((code, c.start, PETRARCH_DATE), (code[:3] + "ELI", PETRARCH_DATE, None)):
                if role not in roles:
                    roles.append(role)
            continue
        role = (code, c.start, end)
        if role not in roles:
            roles.append(role)
    # Stable: undated codes keep file order, PETRARCH's first one is the default.
    roles.sort(key=lambda r: (r[1] or date.min, r[2] or date.max))
    return roles


PETRARCH_DATE = date(2014, 1, 30)  # "Generated at: Thu Jan 30 16:06:18 2014" (the Countries file's header)


_CODE_SHAPE = re.compile(r"^(?:[A-Z]{3})+$")


def _person_country(roles: list[tuple[str, date | None, date | None]]) -> str:
    """The country part most of a person's codes have (ties: the earliest role's)."""
    prefixes = [r[0][:3] for r in roles if r[0][:3] not in ("IGO", "NGO", "MNC")]
    if not prefixes:
        return roles[0][0][:3]
    return max(dict.fromkeys(prefixes), key=prefixes.count)


_SUFFIX_WORDS = {"Jr.", "Sr."} | {r.upper() for r in ("ii", "iii", "iv", "vi")}


def _name_words_key(form: str) -> list[str]:
    """Lowercase words of a form without articles and suffixes: al-Assad -> assad."""
    out = []
    for w in form.replace(",", " ").split():
        if w in _SUFFIX_WORDS:
            continue
        low = w.lower()
        for art in ARABIC_ARTICLES:
            if low.startswith(art + "-"):
                low = low[len(art) + 1:]
        if low not in NAME_PARTICLES:
            out.append(low)
    return out


def _forms_of(entries: Iterable[dict[str, Any]]) -> set[str]:
    out: set[str] = set()
    for a in entries:
        for key in ("name", "formal", "names", "demonyms", "capital"):
            out.update(_as_list(a.get(key)))
    return out


def _loose(form: str) -> str:
    """Loose comparison key for names: case, hyphens, dots and spaces ignored."""
    return re.sub(r"[\s.\-_']+", "", form.lower())


def build_persons(ref: Path, out_dir: Path, other_forms: set[str],
                  vocab: set[str]) -> tuple[str, int, list[str]]:
    """Text of persons_petrarch.yaml, the person count and notes.

    ``other_forms`` are the surface forms of every other actor entry (curated,
    states, IGOs, organisations); a person never takes one of them.
    """
    notes: list[str] = []
    curated = _load_curated(out_dir)
    curated_persons = [a for a in curated if a.get("kind") == "person"]
    curated_ids = {a["id"] for a in curated}
    curated_keys = {_loose(f) for f in _forms_of(curated_persons)}
    taken = {_loose(f) for f in other_forms}

    blocks = [e for e in parse_person_blocks(ref / "petrarch2-Phoenix.Countries.actors.txt")
              if _is_person_block(e)]
    persons: list[_Person] = []
    for e in blocks:
        roles = _person_roles(e, notes)
        if not roles:
            continue
        forms: list[str] = []
        display = None
        primary = _person_words(e.name)
        if primary is not None:
            bare = _strip_titles(primary)
            if len(bare) > 1 or len(primary) == 1:
                display = _person_form(bare)  # not LORD_ADONIS_ -> "Adonis"
        for raw in e.synonyms:
            words = _person_words(raw)
            form = _person_form(words) if words else None
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
            key = _loose(f)
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
            users.setdefault(_loose(f), set()).add(i)
            for w in _name_words_key(f):
                word_users.setdefault(w, set()).add(i)
    curated_words = {w for a in curated_persons for f in _forms_of([a])
                     for w in _name_words_key(f)}

    body = []
    skipped_curated: list[str] = []
    ids: set[str] = set()
    count = 0
    by_slug: dict[str, int] = {}
    for p in persons:
        by_slug[_slug(p.name)] = by_slug.get(_slug(p.name), 0) + 1
    for i, p in enumerate(persons):
        # The curated entry wins: a full name in common, or a bare surname only this
        # person has (PETRARCH's "Kim" would be no evidence for Kim Jong Un).
        if any(_loose(f) in curated_keys and (" " in f or word_users.get(
                (_name_words_key(f) or [""])[0]) == {i}) for f in p.forms):
            skipped_curated.append(p.name)
            continue
        kept = []
        for f in p.forms:
            key = _loose(f)
            if users[key] != {i} or key in taken:
                continue
            if " " not in f:
                w = _name_words_key(f)
                if (not w or word_users.get(w[0], set()) != {i} or w[0] in vocab
                        or w[0] in curated_words or len(w[0]) < 3):
                    continue  # a bare surname that is ambiguous or an ordinary word
            kept.append(f)
        if not kept:
            notes.append(f"line {p.line} {p.raw}: every name ambiguous, skipped")
            continue
        name = p.name if p.name in kept else next((f for f in kept if " " in f), kept[0])
        ident = f"person:{_slug(name)}"
        if by_slug[_slug(p.name)] > 1 or ident in ids or ident in curated_ids:
            ident = f"person:{_slug(name)}-{p.country.lower()}"
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
        body.append(f"- {_json(entry)}\n")
        count += 1
    notes.append(f"persons: {len(skipped_curated)} skipped for curated entries: "
                 + ", ".join(sorted(skipped_curated)))
    sources = ["petrarch2-Phoenix.Countries.actors.txt", "(lib/accord/data/actors_curated.yaml)"]
    text = (
        _header("Persons with date-bounded codes from PETRARCH2's country dictionary (2014).",
                sources[:1], [ATTRIBUTION["petrarch"]])
        + "# One entry per person block (CountryInfo.txt names and other dated personal\n"
        + "# entries). Roles keep PETRARCH's codes with ISO country parts; `end` is\n"
        + "# exclusive (PETRARCH's ranges include their last day); a role without dates\n"
        + "# is the fallback code_at() uses outside every dated role. A role still open\n"
        + "# in January 2014 ends there and an ELI role follows: later offices are not\n"
        + "# known here; curate current office holders in actors_curated.yaml.\n"
        + "# Names are proper-cased; synonyms with a title or office (PRESIDENT_X,\n"
        + "# X_ADMINISTRATION) are dropped; a form used by two persons, a bare surname\n"
        + "# shared with another person or an ordinary English word, and any form of\n"
        + "# another actor entry are dropped. Persons sharing a form with a curated\n"
        + "# person are left out: actors_curated.yaml wins.\n"
        + _json_meta(sources) + "actors:\n" + "".join(body)
    )
    return text, count, notes


# International file: organisations that are not IGOs.
ORG_PREFIXES = ("NGO", "MNC")
# Generic placeholders in the International file, not organisations.
ORG_JUNK = {"mnc", "mncs", "ngo", "ngos", "foreign owned vessel", "dc journalist", "dc reporter"}
# An office, not an organisation: CHIEF_EXECUTIVE_OF_MCC_.
ORG_OFFICE_WORDS = {"president", "minister", "secretary", "ambassador", "chairman", "chief",
                    "spokesman", "spokeswoman", "director", "deputy", "senator", "mr", "mr.",
                    "mrs", "mrs.", "ms."}
ORG_SUFFIXES = {"inc": "Inc.", "corp": "Corp.", "ltd": "Ltd.", "co": "Co."}
COMPANY_WORDS = {"inc", "inc.", "corp", "corp.", "corporation", "company", "co", "co.", "ltd",
                 "ltd.", "plc", "llc", "holdings", "bancorp", "bank", "trust", "international",
                 "industries", "technologies", "systems", "group", "partners", "energy", "oil",
                 "foundation", "fund", "institute", "society", "airlines", "motors", "financial",
                 "productions", "resources", "living"}
_ORG_WORD_RE = re.compile(r"^[^\W_][\w'&.,!*+/\-]*$")


def _org_words(raw: str) -> list[str] | None:
    words = _words(raw)
    if not words or any(not _ORG_WORD_RE.match(w) or "_" in w for w in words):
        return None
    return words


def _org_name(words: list[str], code: str, acronyms: set[str]) -> list[str]:
    """Surface forms of an organisation's name words (the first is the display name)."""
    if len(words) == 1:
        w = words[0].strip(".,")
        letters = re.sub(r"[^A-Za-z]", "", w)
        title = re.sub(r"[^/\-]+", lambda m: _cap_name_part(m.group()), w.lower())
        if len(letters) <= 3 or not re.search(r"[AEIOUYaeiouy]", letters):
            return [w.upper()]  # AFP, RDRS
        if code.startswith("NGO") and len(letters) <= 6:
            return [w.upper(), title]  # AAPSO, AIESEC -- but Oxfam
        return [title]  # Chevron, Halliburton, Afghanaid
    out = []
    for k, w in enumerate(words):
        core = w.strip(",")
        low = core.lower()
        letters = re.sub(r"[^A-Za-z]", "", core)
        if core.upper() in acronyms or (len(letters) > 1
                                        and not re.search(r"[AEIOUYaeiouy]", letters)):
            cased = core.upper()  # RDRS Bangladesh, BHP Billiton
        elif k > 0 and low in SMALL_WORDS:
            cased = low
        else:
            cased = re.sub(r"[^/\-]+", lambda m: _cap_name_part(m.group()), low)  # Korn/Ferry
        out.append(w.replace(core, cased, 1))
    forms = [" ".join(out)]
    last = forms[0].rsplit(" ", 1)
    if last[1].lower() in ORG_SUFFIXES:
        forms.append(f"{last[0]} {ORG_SUFFIXES[last[1].lower()]}")  # Zumiez Inc -> Inc.
    return forms


def _personal_name(words: list[str], given: set[str]) -> bool:
    """A person's name in the organisation lists (company spokesmen, activists)."""
    low = [w.lower().strip(".,") for w in words]
    if 1 < len(low) <= 4 and all(len(w) == 1 for w in low[:-1]) and len(low[-1]) > 1:
        return True  # initials and a surname: E._SLACK_, R_S_BUTOLA_
    return (len(low) == 2 and low[0] in given and low[1] not in given
            and not set(low) & (ORG_WORDS | GROUP_WORDS | COMPANY_WORDS))


def _given_names(ref: Path) -> set[str]:
    """First words of PETRARCH's person names used by three or more persons (john, mohammed)."""
    counts: dict[str, int] = {}
    for e in parse_person_blocks(ref / "petrarch2-Phoenix.Countries.actors.txt"):
        if e.tagged:
            words = _words(e.name)
            if len(words) > 1:
                w = words[0].lower()
                counts[w] = counts.get(w, 0) + 1
    skip = ARABIC_ARTICLES | NAME_PARTICLES | PERSON_LEADING_TITLES | PERSON_TITLE_WORDS
    return {w for w, n in counts.items() if n >= 3 and w not in skip}


def build_orgs(ref: Path, out_dir: Path, igo_text: str, other_forms: set[str],
               vocab: set[str], given: set[str]) -> tuple[str, int, list[str]]:
    """Text of orgs_petrarch.yaml (NGOs, companies and other non-IGO groups), count, notes."""
    notes: list[str] = []
    igo_codes = {a["code"] for a in _generated_actors(igo_text)}
    curated = _load_curated(out_dir)
    igo_codes |= {a.get("code") or a["id"] for a in curated if a.get("kind") in ("igo", "bloc")}
    states = {a["id"] for a in curated if a.get("kind") == "state" and "code" not in a}
    states |= set(PETRARCH_TO_ISO)
    path = ref / "petrarch2-Phoenix.International.actors.txt"
    lines = _read_lines(path)
    acronyms = {"UN", "EU", "USA", "UK", "US", "AIDS", "HIV", "IBM", "BP", "BHP", "ICRC", "IFRC"}
    taken = {_loose(f) for f in other_forms}
    merged: dict[str, dict[str, Any]] = {}
    owner: dict[str, str] = {}  # loose form -> the entry that has it (first in the file)
    skipped: dict[str, int] = {}
    for e in parse_actor_file(path):
        if not e.codes or any(c.start or c.end for c in e.codes):
            continue  # no code, or a person's dated career
        codes = {c.code for c in e.codes}
        if len(codes) != 1:
            continue
        code = codes.pop()
        if code.startswith("IGO"):
            continue  # igos.yaml
        if not _CODE_SHAPE.match(code) or not (code.startswith(ORG_PREFIXES)
                                               or code[:3] in states):
            skipped[code] = skipped.get(code, 0) + 1
            continue  # MED (outlets without a country), HINRAD, BAH, MOS: no actor code
        code = _iso_code(code) if code[:3] in states else code
        if code in igo_codes:
            notes.append(f"line {e.line} {e.name}: code {code} belongs to an IGO, skipped")
            continue
        # The company lists put industry and market value after a tab, without "#".
        raw, tab, rest = e.name.partition("\t")
        listed = "$" in rest or "$" in lines[e.line - 1].partition("#")[2]
        m = re.fullmatch(r"(.*?)_*\(([^)]*)\)_*", raw.strip())
        raws = [m.group(1), m.group(2)] if m else [raw]  # HUMAN_RIGHTS_IN_CHINA_(HRIC)
        words = _org_words(raws[0])
        if words is None or ":" in raw:
            continue  # UNOG:_NGO_DATABASE_, stray characters
        low = [w.lower() for w in words]
        if " ".join(low) in ORG_JUNK or (len(low) > 1 and set(low) & ORG_OFFICE_WORDS):
            continue
        if not listed and _personal_name(words, given):
            continue  # a spokesman or activist filed under the organisation
        names = _org_name(words, code, acronyms)
        for k, s in enumerate(raws[1:] + e.synonyms):
            sw = _org_words(s)
            if sw:
                forms = _org_name(sw, code, acronyms)
                if k < len(raws) - 1 and len(sw) == 1:
                    forms = [sw[0].upper()]  # (HRIC): an acronym
                names.extend(f for f in forms if f not in names)
        ident = f"{code}:{_slug(names[0])}"
        ent = merged.setdefault(ident, {"id": ident, "kind": "org", "code": code,
                                        "name": names[0], "names": [],
                                        "source": f"line {e.line}: {raw.strip()}"})
        for f in names:
            key = _loose(f)
            if key in taken:
                continue  # a form of a curated, state or IGO entry
            if " " not in f and not f.isupper() and f.lower() in vocab:
                continue  # Shell, Target: ordinary words
            if owner.setdefault(key, ident) != ident:
                continue  # listed twice with another code: the first listing wins
            if f != ent["name"] and f not in ent["names"]:
                ent["names"].append(f)
    body = []
    for ident in sorted(merged):
        ent = merged[ident]
        forms = [f for f in [ent["name"], *ent["names"]] if owner.get(_loose(f)) == ident]
        if not forms:
            continue
        ent["name"], ent["names"] = forms[0], forms[1:]
        body.append(f"- {_json(ent)}\n")
    for code, n in sorted(skipped.items()):
        notes.append(f"orgs: {n} entries coded [{code}] skipped (not an NGO, MNC or state code)")
    sources = ["petrarch2-Phoenix.International.actors.txt"]
    text = (
        _header("Non-governmental organisations and companies with PETRARCH2 codes.", sources,
                [ATTRIBUTION["petrarch"]])
        + "# Entries with one undated NGO-, MNC- or country-prefixed code (IGOs are in\n"
        + "# igos.yaml; persons, generic placeholders and outlets coded bare [MED] are left\n"
        + "# out). A form of another actor entry or an ordinary English word alone is\n"
        + "# dropped; a name listed twice with different codes keeps its first listing.\n"
        + "# actors_curated.yaml wins over these entries for any surface form.\n"
        + _json_meta(sources) + "actors:\n" + "".join(body)
    )
    return text, len(body), notes


# --------------------------------------------------------------------------- #
def build(ref: Path, out: Path, verbose: bool = True) -> dict[str, int]:
    """Write all generated files into ``out``; return counts per file."""
    out.mkdir(parents=True, exist_ok=True)
    cameo = read_cameo_csv(ref)
    counts: dict[str, int] = {}
    _write(out / "cameo.yaml", build_cameo(ref))
    counts["cameo"] = len(cameo)
    _write(out / "plover.yaml", build_plover(ref))
    text, counts["agents"] = build_agents(ref)
    _write(out / "agents.yaml", text)
    text, counts["verbs"], notes = build_verbs(ref, cameo)
    _write(out / "verbs_petrarch.yaml", text)
    states_text, counts["states"] = build_states(ref, out)
    _write(out / "states.yaml", states_text)
    igos_text, counts["igos"] = build_igos(ref)
    _write(out / "igos.yaml", igos_text)
    vocab = _vocabulary(ref)
    curated = _load_curated(out)
    forms = _forms_of(a for a in curated if a.get("kind") != "person")
    for generated in (states_text, igos_text):
        forms |= _forms_of(_generated_actors(generated))
    given = _given_names(ref)
    orgs_text, counts["orgs"], org_notes = build_orgs(ref, out, igos_text, forms, vocab, given)
    _write(out / "orgs_petrarch.yaml", orgs_text)
    forms |= _forms_of(_generated_actors(orgs_text))
    text, counts["persons"], person_notes = build_persons(ref, out, forms, vocab)
    _write(out / "persons_petrarch.yaml", text)
    notes += org_notes + person_notes
    if verbose:
        for n in notes:
            print("note:", n, file=sys.stderr)
        print(", ".join(f"{k}: {v}" for k, v in counts.items()), file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE,
                    help="reference data directory (default: ../shared/reference)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="output directory (default: lib/accord/data)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr")
    args = ap.parse_args(argv)
    if not (args.reference / "cameo_codes.csv").exists():
        ap.error(f"{args.reference}: not a reference directory (no cameo_codes.csv)")
    build(args.reference, args.out, verbose=not args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
