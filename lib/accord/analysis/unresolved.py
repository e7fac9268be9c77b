"""Curation: the names the lexicon does not know (``UNK:<name>``), by frequency, and a lexicon stub to fill in.

:func:`unresolved_names` lists them with a sample sentence each; :func:`lexicon_stub`
writes them as an analyst's lexicon file (the format ``accord annotate --lexicon``
reads) in which every name is a commented line to uncomment: under ``actors:``
with the code to fill in, or under ``not_actors:``. A stub loads as it is (its
sections hold only comments) and once any of its lines are filled in.
"""
from __future__ import annotations

import json
import re
from typing import Mapping

import pandas as pd

from ..lexicon.model import slug
from ..pipeline.actors import UNRESOLVED

COLUMNS = ["name", "actor_id", "n_mentions", "n_docs", "doc_id", "example"]
_SENTENCE_END = re.compile(r"[.!?]\s")


def _sentence(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence of ``text`` around ``[start, end)``, on one line, cut to about ``limit`` characters."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    a = ends[-1] if ends else 0
    m = _SENTENCE_END.search(text, end)
    b = m.start() + 1 if m else len(text)
    out = " ".join(text[a:b].split())
    return out if len(out) <= limit else out[:limit - 1] + "…"


def unresolved_names(result: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per unresolved name: mentions, documents, and a sample sentence (its first mention's).

    Most mentioned first, then by name; columns :data:`COLUMNS`.
    """
    m = result["mentions"]
    m = m[m["actor_id"].str.startswith(UNRESOLVED + ":")]
    if m.empty:
        return pd.DataFrame(columns=COLUMNS)
    texts = result["documents"].set_index("doc_id")["text"]
    rows = []
    for code, group in m.groupby("actor_id", sort=False):
        first = group.iloc[0]
        rows.append({"name": code.partition(":")[2], "actor_id": code, "n_mentions": len(group),
                     "n_docs": group["doc_id"].nunique(), "doc_id": first["doc_id"],
                     "example": _sentence(str(texts.get(first["doc_id"], "")), int(first["start"]), int(first["end"]))})
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["n_mentions", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _q(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (JSON's quoting is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def lexicon_stub(names: pd.DataFrame, source: str = "") -> str:
    """An analyst's lexicon file for ``names`` (from :func:`unresolved_names`), every entry commented out.

    To code a name, uncomment its line under ``actors:`` and fill in ``code`` (and the
    kind: person, org, state, igo or bloc); to rule it out, uncomment its line under
    ``not_actors:`` and set the kind (weapon, equipment, place, other, ...).
    """
    head = [
        f"# Lexicon stub: {len(names)} name(s) the lexicon does not know"
        + (f", from {_comment(source)}" if source else "") + ", most mentioned first.",
        "# For each name, uncomment ONE line: under `actors:` fill in its code (CAMEO-style: RUSGOV, PRKMIL,",
        "# IRNBUS, or a country and sector) and its kind (person, org, state, igo, bloc); or under",
        "# `not_actors:` say what it is instead (weapon, equipment, vehicle, ship, operation, event,",
        "# agreement, programme, place, other). Then re-run: accord annotate CORPUS --lexicon THIS_FILE ...",
        "actors:",
    ]
    actors, not_actors = [], ["not_actors:"]
    for r in names.itertuples():
        ident = f"analyst:{slug(r.name) or 'name'}"
        actors.append(f"  # {_comment(r.name)}: {r.n_mentions} mention(s) in {r.n_docs} document(s); "
                      f"e.g. ({_comment(str(r.doc_id))}) {_comment(r.example)}")
        actors.append(f"  # - {{id: {_q(ident)}, kind: person, name: {_q(r.name)}, code: \"\"}}")
        not_actors.append(f"  # - {{name: {_q(r.name)}, kind: other, note: \"\"}}")
    return "\n".join(head + actors + not_actors) + "\n"
