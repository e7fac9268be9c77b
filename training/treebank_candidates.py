"""List the treebank sentences that may hold a political event or an attribution.

Labelling every one of the 21,000 sentences in ../shared/treebanks by hand is not needed: a
sentence with no event word, no reporting word and no political actor holds neither. This
filter keeps, with high recall, every sentence that has at least one of:
- an event trigger or claim cue of the lexicon (any inflected form), and
- in GUM's news, interviews and speeches, nothing more (their sentences are political or
  reported speech more often than not); elsewhere, also a political actor: a state, demonym,
  IGO or organisation of the lexicon, or an agent noun of a political sector (police, troops,
  minister, rebels, protesters…).
Labellers then read each candidate (with its document around it) and label what is there.
A second, wider tier (``--wide``) adds the sentences of GUM's biographies, textbooks and travel
guides and of EWT's weblogs and newsgroups that have an event or cue word but name no
political actor (events told through pronouns, attributions of anyone).

    python training/treebank_candidates.py ../shared/treebanks training/candidates/all.jsonl [--wide]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from accord.lexicon import load_lexicon

GENRES = {"GUM": ("news", "interview", "bio", "speech", "voyage", "textbook"),
          "EWT": ("newsgroup", "weblog", "email", "answers", "reviews")}


def sentences(path: Path):
    """(doc id, sent id, sentence number in its document, text, doc meta) of a CoNLL-U file."""
    doc, meta, n, sid = None, {}, 0, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc, meta, n = line.split("=", 1)[1].strip(), {}, 0
        elif line.startswith("# meta::"):
            k, v = line[8:].split("=", 1)
            meta[k.strip()] = v.strip()
        elif line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
            if doc is None or (not sid.startswith("GUM") and not sid.startswith(doc)):
                doc = sid.rsplit("-", 1)[0]
        elif line.startswith("# text ="):
            n += 1
            yield doc, sid, n, line.split("=", 1)[1].strip(), dict(meta)


POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "PTY", "PRM", "SPY", "UAF", "CVL", "LAB",
                     "REF", "CRM", "NGO", "JRN", "HRI", "ELI", "RAD", "IMG"}
OPEN_GENRES = {"news", "interview", "speech"}
WIDE_GENRES = {"bio", "textbook", "voyage", "weblog", "newsgroup"}


def vocabulary() -> tuple[set[str], set[str], list[str]]:
    """(event and cue words, political agent nouns, actor names longest first)."""
    lx = load_lexicon()
    words = set()
    for t in lx.triggers:
        words.update(f.lower() for f in t.forms if " " not in f)
    for c in lx.cues:
        words.update(f.lower() for f in getattr(c, "forms", ()) if " " not in f)
        words.add(c.lemma.lower())
    agents = {p.lower() for p, sector in lx.agents.items() if " " not in p and sector[:3] in POLITICAL_SECTORS}
    names = set()
    for a in lx.actors:
        if a.kind in ("state", "igo", "bloc") or (a.kind == "org" and len(a.name) > 4):
            names.update(n for n in (a.name, *a.names, *a.demonyms) if len(n) > 2)
    return words, agents, sorted(names, key=len, reverse=True)


def main(root: str, out: str, wide: bool = False) -> None:
    words, agents, names = vocabulary()
    name_re = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    rows = []
    for f in sorted(Path(root).glob("*.conllu")):
        for doc, sid, n, text, meta in sentences(f):
            genre = doc.split("_")[1] if doc.startswith("GUM") else doc.split("-")[0]
            toks = {t.lower() for t in re.findall(r"[A-Za-z][A-Za-z'-]*", text)}
            first = bool(toks & words) and (genre in OPEN_GENRES or bool(toks & agents) or bool(name_re.search(text)))
            second = bool(toks & words) and genre in WIDE_GENRES and not first
            if second if wide else first:
                rows.append({"doc": doc, "sent_id": sid, "n": n, "genre": genre, "file": f.name,
                             "date": meta.get("dateCreated") or meta.get("dateCollected"), "text": text})
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} candidate sentences -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], wide="--wide" in sys.argv[3:])
