"""Organisations that are not IGOs (NGOs, companies) from PETRARCH's International file."""
from __future__ import annotations
import re
from pathlib import Path
from typing import Any
from accord.lexicon.model import slug
from accord.lexicon.fileformat import json_line
from .output import ATTRIBUTION, generated_header, json_meta, read_lines
from .states import ORG_WORDS, PETRARCH_TO_ISO, SMALL_WORDS, generated_actors, load_curated, split_words, parse_actor_file
from .persons import ARABIC_ARTICLES, GROUP_WORDS, NAME_PARTICLES, PERSON_LEADING_TITLES, PERSON_TITLE_WORDS, CODE_SHAPE, cap_name_part, iso_code, loose_key, parse_person_blocks


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
    words = split_words(raw)
    if not words or any(not _ORG_WORD_RE.match(w) or "_" in w for w in words):
        return None
    return words


def _org_name(words: list[str], code: str, acronyms: set[str]) -> list[str]:
    """Surface forms of an organisation's name words (the first is the display name)."""
    if len(words) == 1:
        w = words[0].strip(".,")
        letters = re.sub(r"[^A-Za-z]", "", w)
        title = re.sub(r"[^/\-]+", lambda m: cap_name_part(m.group()), w.lower())
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
            cased = re.sub(r"[^/\-]+", lambda m: cap_name_part(m.group()), low)  # Korn/Ferry
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


def given_names(ref: Path) -> set[str]:
    """First words of PETRARCH's person names used by three or more persons (john, mohammed)."""
    counts: dict[str, int] = {}
    for e in parse_person_blocks(ref / "petrarch2-Phoenix.Countries.actors.txt"):
        if e.tagged:
            words = split_words(e.name)
            if len(words) > 1:
                w = words[0].lower()
                counts[w] = counts.get(w, 0) + 1
    skip = ARABIC_ARTICLES | NAME_PARTICLES | PERSON_LEADING_TITLES | PERSON_TITLE_WORDS
    return {w for w, n in counts.items() if n >= 3 and w not in skip}


def build_orgs(ref: Path, out_dir: Path, igo_text: str, other_forms: set[str],
               vocab: set[str], given: set[str]) -> tuple[str, int, list[str]]:
    """Text of orgs_petrarch.yaml (NGOs, companies and other non-IGO groups), count, notes."""
    notes: list[str] = []
    igo_codes = {a["code"] for a in generated_actors(igo_text)}
    curated = load_curated(out_dir)
    igo_codes |= {a.get("code") or a["id"] for a in curated if a.get("kind") in ("igo", "bloc")}
    states = {a["id"] for a in curated if a.get("kind") == "state" and "code" not in a}
    states |= set(PETRARCH_TO_ISO)
    path = ref / "petrarch2-Phoenix.International.actors.txt"
    lines = read_lines(path)
    acronyms = {"UN", "EU", "USA", "UK", "US", "AIDS", "HIV", "IBM", "BP", "BHP", "ICRC", "IFRC"}
    taken = {loose_key(f) for f in other_forms}
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
        if not CODE_SHAPE.match(code) or not (code.startswith(ORG_PREFIXES)
                                               or code[:3] in states):
            skipped[code] = skipped.get(code, 0) + 1
            continue  # MED (outlets without a country), HINRAD, BAH, MOS: no actor code
        code = iso_code(code) if code[:3] in states else code
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
        ident = f"{code}:{slug(names[0])}"
        ent = merged.setdefault(ident, {"id": ident, "kind": "org", "code": code,
                                        "name": names[0], "names": [],
                                        "source": f"line {e.line}: {raw.strip()}"})
        for f in names:
            key = loose_key(f)
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
        forms = [f for f in [ent["name"], *ent["names"]] if owner.get(loose_key(f)) == ident]
        if not forms:
            continue
        ent["name"], ent["names"] = forms[0], forms[1:]
        body.append(f"- {json_line(ent)}\n")
    for code, n in sorted(skipped.items()):
        notes.append(f"orgs: {n} entries coded [{code}] skipped (not an NGO, MNC or state code)")
    sources = ["petrarch2-Phoenix.International.actors.txt"]
    text = (
        generated_header("Non-governmental organisations and companies with PETRARCH2 codes.", sources,
                [ATTRIBUTION["petrarch"]])
        + "# Entries with one undated NGO-, MNC- or country-prefixed code (IGOs are in\n"
        + "# igos.yaml; persons, generic placeholders and outlets coded bare [MED] are left\n"
        + "# out). A form of another actor entry or an ordinary English word alone is\n"
        + "# dropped; a name listed twice with different codes keeps its first listing.\n"
        + "# the curated actor files (actors_curated.yaml, people_*.yaml, ...) win over these entries for any surface form.\n"
        + json_meta(sources) + "actors:\n" + "".join(body)
    )
    return text, len(body), notes
