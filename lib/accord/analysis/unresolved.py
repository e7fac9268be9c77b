"""Curation: the names the lexicon does not know (``UNK:<name>``), by frequency, and a lexicon stub to fill in.

:func:`unresolved_names` lists them with a sample sentence each; :func:`lexicon_stub`
writes them as an analyst's lexicon file (the format ``accord annotate --lexicon``
reads) in which every name is a commented line to uncomment: under ``actors:``
with the code to fill in, or under ``not_actors:``. A stub loads as it is (its
sections hold only comments) and once any of its lines are filled in.
"""
from __future__ import annotations

import bisect
import json
import re
from typing import Mapping

import pandas as pd

from ..lexicon.model import slug
from ..pipeline.actors import UNRESOLVED

COLUMNS = ["name", "actor_id", "n_mentions", "n_docs", "doc_id", "example"]
_SENTENCE_END = re.compile(r"[.!?]\s")


class _Sentences:
    """The sentences of one text: where each ends, found once, so that finding a mention's
    sentence costs a binary search, not a scan from the start (that was quadratic in the text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]  # each just past a [.!?] and a space

    def around(self, start: int, end: int, limit: int = 240) -> str:
        """The sentence around ``[start, end)``, on one line, cut to about ``limit`` characters."""
        i = bisect.bisect_right(self.ends, start)
        a = self.ends[i - 1] if i else 0
        j = bisect.bisect_left(self.ends, end + 2)  # the first end whose [.!?] is at or after ``end``
        b = self.ends[j] - 1 if j < len(self.ends) else len(self.text)
        out = " ".join(self.text[a:b].split())
        return out if len(out) <= limit else out[:limit - 1] + "…"


def unresolved_names(result: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per unresolved name: mentions, documents, and a sample sentence (its first mention's).

    Most mentioned first, then by name; columns :data:`COLUMNS`. Linear in the mentions and the
    documents' text.
    """
    m = result["mentions"]
    m = m[m["actor_id"].str.startswith(UNRESOLVED + ":")]
    if m.empty:
        return pd.DataFrame(columns=COLUMNS)
    by_name = m.groupby("actor_id", sort=False)
    first = m[~m["actor_id"].duplicated()]
    docs = result["documents"]
    texts = dict(zip(docs["doc_id"], docs["text"]))
    sentences: dict[str, _Sentences] = {}
    examples = []
    for doc_id, start, end in zip(first["doc_id"].tolist(), first["start"].tolist(), first["end"].tolist()):
        if doc_id not in sentences:
            sentences[doc_id] = _Sentences(str(texts.get(doc_id, "")))
        examples.append(sentences[doc_id].around(int(start), int(end)))
    codes = first["actor_id"].tolist()
    out = pd.DataFrame({"name": [c.partition(":")[2] for c in codes], "actor_id": codes,
                        "n_mentions": by_name.size().reindex(codes).to_numpy(),
                        "n_docs": by_name["doc_id"].nunique().reindex(codes).to_numpy(),
                        "doc_id": first["doc_id"].tolist(), "example": examples}, columns=COLUMNS)
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
