"""Curation: the names the lexicon does not know (``UNK:<name>``), by frequency.

:func:`unresolved_names` lists them with a sample sentence each and what the text
suggests for them; :func:`accord.analysis.stub.lexicon_stub` writes them as an analyst's
lexicon file to fill in.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Mapping

import pandas as pd

from ..pipeline.actors import UNRESOLVED
from .stub import guess

COLUMNS = ["name", "actor_id", "n_mentions", "n_docs", "doc_id", "example", "phrase", "kind", "code"]
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


def _sentence_mentions(mentions: pd.DataFrame, keys: set[tuple[Any, Any]]) -> dict[tuple[Any, Any], list]:
    """(doc_id, sent_id) -> the mentions of that sentence, ``(start, end, actor_id, kind)``, for ``keys`` only."""
    out: dict[tuple[Any, Any], list] = {}
    for row in zip(mentions["doc_id"].tolist(), mentions["sent_id"].tolist(), mentions["start"].tolist(),
                   mentions["end"].tolist(), mentions["actor_id"].tolist(), mentions["kind"].tolist()):
        if row[:2] in keys:
            out.setdefault(row[:2], []).append((int(row[2]), int(row[3]), row[4], row[5]))
    return out


def unresolved_names(result: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per unresolved name: mentions, documents, and a sample sentence (its first mention's).

    Most mentioned first, then by name; columns :data:`COLUMNS`: ``phrase``, ``kind`` and
    ``code`` are what the text around the first mention suggests (:func:`accord.analysis.stub.guess`).
    Linear in the mentions and the documents' text.
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
    nearby = _sentence_mentions(result["mentions"], set(zip(first["doc_id"], first["sent_id"])))
    examples, guesses = [], []
    for doc_id, sent, start, end in zip(first["doc_id"].tolist(), first["sent_id"].tolist(), first["start"].tolist(),
                                        first["end"].tolist()):
        if doc_id not in sentences:
            sentences[doc_id] = _Sentences(str(texts.get(doc_id, "")))
        examples.append(sentences[doc_id].around(int(start), int(end)))
        guesses.append(guess(sentences[doc_id].text, int(start), int(end), nearby.get((doc_id, sent), [])))
    codes = first["actor_id"].tolist()
    out = pd.DataFrame({"name": [c.partition(":")[2] for c in codes], "actor_id": codes,
                        "n_mentions": by_name.size().reindex(codes).to_numpy(),
                        "n_docs": by_name["doc_id"].nunique().reindex(codes).to_numpy(),
                        "doc_id": first["doc_id"].tolist(), "example": examples,
                        "phrase": [g.phrase for g in guesses], "kind": [g.kind for g in guesses],
                        "code": [g.code for g in guesses]}, columns=COLUMNS)
    return out.sort_values(["n_mentions", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
