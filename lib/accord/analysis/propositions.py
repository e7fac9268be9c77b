"""A contested proposition as one thing: its parties and its relation, and a sentence saying it.

Two claims state the same proposition when the relation they report has the same sources,
targets and category (and, for a material exchange, the same kind of goods):
:func:`proposition_of` gives that key and the proposition in words ("North Korea supplies
Russia with weapons"), written from the parties' names and the phrasing of
``data/grammar/propositions.yaml``, never from fragments of the sentence. The contest chart,
the summary and "what changed" group claims by this key
(:func:`accord.analysis.contest.contested_propositions`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import yaml

from ..paths import DATA_DIR
from .figures import shortened
from .exchanges import material_categories

PHRASES_FILE = DATA_DIR / "grammar" / "propositions.yaml"


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrasing of propositions (``data/grammar/propositions.yaml``), checked once."""
    data = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    for key in ("verbs", "what", "goods", "other_verb", "nobody"):
        if key not in data:
            raise ValueError(f"{PHRASES_FILE}: the section {key!r} is missing")
    for category, forms in data["verbs"].items():
        if not (isinstance(forms, list) and len(forms) == 2):
            raise ValueError(f"{PHRASES_FILE}: verbs.{category} must be [one source, several sources]")
    return data


@dataclass(frozen=True)
class Proposition:
    """What a claim states: ``key`` (``"PRK>RUS:AID:weapons & military"``, the same for every
    claim stating it) and ``text`` (``"North Korea supplies Russia with weapons"``)."""

    key: str
    text: str


def _and(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _side(codes: Iterable[str], node_of: Mapping[str, str]) -> list[str]:
    return sorted(dict.fromkeys(node_of.get(c, c) for c in codes))


def content_relation(claim: Mapping[str, Any], relations: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The relation a claim states: the first of its relations that is not the act of claiming
    itself (the relation coded from the cue word: "accused" is US → North Korea ACCUSE, what is
    alleged is North Korea → Russia AID)."""
    cue = str(claim.get("cue") or "").strip().lower()
    for rid in claim.get("relations") or []:
        rec = relations.get(rid)
        if rec is None:
            continue
        if cue and str(rec.get("trigger") or "").strip().lower() == cue:
            continue
        return rec
    return None


def relation_proposition(rec: Mapping[str, Any], node_of: Mapping[str, str],
                         names: Mapping[str, str]) -> Proposition:
    """The proposition a relation states: its parties (at the chart's level) and category, in words."""
    words = phrases()
    sources, targets = _side(rec["source"], node_of), _side(rec["target"], node_of)
    event = str(rec.get("event_type") or "")
    goods = material_categories(event, rec.get("mode"), rec.get("context"))
    good = goods[0] if goods else ""
    key = f"{';'.join(sources)}>{';'.join(targets)}:{event}" + (f":{good}" if good else "")
    one, many = words["verbs"].get(event, words["other_verb"])
    who = _and([names.get(s, s) for s in sources]) if sources else words["nobody"]
    whom = _and([names.get(t, t) for t in targets]) if targets else words["nobody"]
    text = f"{who} {many if len(sources) > 1 else one} {whom}"
    if good and event in words["what"]:
        text += " " + words["what"][event].format(goods=words["goods"].get(good, good))
    return Proposition(key, text)


def claim_proposition(chain: Sequence[Mapping[str, Any]], relations: Mapping[str, Mapping[str, Any]],
                      node_of: Mapping[str, str], names: Mapping[str, str]) -> Proposition:
    """The proposition of a chain of claims (the asserted claim first, then those contesting it):
    that of the first claim stating a relation; with none, the asserted claim's content, quoted
    (its key is then the claim's own id: it is one proposition only with itself)."""
    for claim in chain:
        rec = content_relation(claim, relations)
        if rec is not None:
            return relation_proposition(rec, node_of, names)
    root = chain[0]
    return Proposition(f"claim:{root['claim_id']}", f"“{shortened(root.get('content') or '', 80)}”")
