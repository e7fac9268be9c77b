"""The code tables and the event vocabulary: CAMEO, PLOVER, agents and PETRARCH verbs."""
from __future__ import annotations
import csv
import re
from pathlib import Path
from typing import Any
from .output import ATTRIBUTION, CAMEO_TO_PLOVER_SECTOR, MEDIA_WORDS, SECTOR_NAMES, Code, flow_line, generated_header, meta_line, read_lines


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
    for line in read_lines(ref / "plover-CAMEO2PLOVER-2021.txt"):
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
        body.append(f"  {flow_line(Code(code))}: {flow_line(entry)}\n")
    sources = ["cameo_codes.csv", "plover-CAMEO2PLOVER-2021.txt"]
    return (
        generated_header("CAMEO codes with Goldstein scores and their PLOVER category.", sources,
                [ATTRIBUTION["cameo_csv"], ATTRIBUTION["plover"]])
        + "# event_type/mode/context are null where the crosswalk gives no PLOVER category\n"
        + "# (01x statements, 02x appeals). Modes are kept as the crosswalk writes them,\n"
        + "# even where plover.yaml has no such mode for the category.\n"
        + meta_line(sources) + "cameo:\n" + "".join(body)
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
        generated_header("PLOVER event categories and modes with quad class and score.", sources,
                [ATTRIBUTION["plover_csv"]])
        + '# mode "" is the category\'s base row.\n'
        + meta_line(sources) + "plover:\n" + "".join(f"- {flow_line(r)}\n" for r in rows)
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
    lines = read_lines(ref / "petrarch2-Phoenix.agents.txt")
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
        body.append(f"  {flow_line(phrase)}: {flow_line(value)}\n")
    sources = ["petrarch2-Phoenix.agents.txt"]
    sectors = "".join(f"  {k}: {flow_line(v)}\n" for k, v in SECTOR_NAMES.items())
    text = (
        generated_header("Agent nouns -> PLOVER sector codes.", sources, [ATTRIBUTION["petrarch"]])
        + "# Lowercase singular phrases; the loader adds regular plurals unless `plural`\n"
        + "# is given ([] = no plural). CAMEO MED (media) -> JRN, HLH (health) -> MED;\n"
        + "# compound codes keep their first sector, except media outlets (xxxMED) -> JRN.\n"
        + meta_line(sources) + "sectors:\n" + sectors + "agents:\n" + "".join(body)
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
    for line in read_lines(ref / "petrarch2-CAMEO.2.0.txt"):
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
        entry: dict[str, Any] = {"lemma": lemma, "cameo": Code(code)}
        if m.group(2) is not None:
            raw_forms = [w for w in re.split(r"[\s,]+", m.group(2).strip("{}")) if w.strip("+_")]
            forms = list(dict.fromkeys(_verb_form(w) for w in raw_forms))
            entry["forms"] = forms
            entry["inflect"] = False  # braces list the irregular forms in full
        verbs[lemma] = entry
    sources = ["petrarch2-CAMEO.2.0.txt", "cameo_codes.csv"]
    text = (
        generated_header("Verb triggers derived from the PETRARCH2 CAMEO verb dictionary.", sources,
                [ATTRIBUTION["petrarch"], ATTRIBUTION["cameo_csv"]])
        + "# One entry per verb line with a code (its own or its block's); verbs in\n"
        + "# [---] blocks without their own code, and phrase patterns, are left out.\n"
        + "# `forms` are PETRARCH's irregular forms; with `inflect: false` they replace\n"
        + "# the regular inflections. First occurrence wins for verbs listed twice.\n"
        + meta_line(sources) + "triggers:\n" + "".join(f"- {flow_line(v)}\n" for v in verbs.values())
    )
    return text, len(verbs), notes
