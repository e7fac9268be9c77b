"""Checks of published corpus items: offsets, labels and codes, against the lexicon.

Every problem is a :class:`CorpusIssue` naming the file, line, item and label, so that
``make test`` can list all of them at once rather than stop at the first.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..lexicon import Lexicon
from ..tables import RELATION_STATUSES

ORIGINS = re.compile(r"^(written|gum:GUM_[a-z]+_[A-Za-z0-9_-]+#\d+(-\d+)?|ewt:[\w.@-]+-\d{4}(-\d{4})?)$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Middle East", "Oceania")
REQUIRED = ("id", "text", "date", "origin", "events", "attributions")


@dataclass(frozen=True)
class CorpusIssue:
    """One problem of one item."""

    path: str
    line: int
    item: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.item}: {self.problem}"


@dataclass(frozen=True)
class Vocabulary:
    """What a label may say: categories with their modes, statuses, stances and codes."""

    modes: dict[str, frozenset[str]]
    statuses: frozenset[str]
    stances: frozenset[str]
    sectors: frozenset[str]
    bases: frozenset[str]
    codes: frozenset[str]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> "Vocabulary":
        """The vocabulary of ``lexicon``: its PLOVER table, cue stances, sectors and actor codes."""
        modes: dict[str, set[str]] = {}
        for category, mode in lexicon.plover:
            modes.setdefault(category, set()).add(mode)
        codes = {a.code for a in lexicon.actors if a.code} | {r.code for a in lexicon.actors for r in a.roles}
        bases = {c for a in lexicon.actors if a.kind in ("state", "bloc") and a.code and len(c := a.code) == 3}
        bases |= {c for c in codes if c.startswith("IGO")} | {"UNK"}
        return cls(modes={k: frozenset(v) for k, v in modes.items()}, statuses=frozenset(RELATION_STATUSES),
                   stances=frozenset(c.stance for c in lexicon.cues) | {"oppose"},
                   sectors=frozenset(lexicon.sectors), bases=frozenset(bases), codes=frozenset(codes))

    def code_ok(self, code: object) -> bool:
        """A code the lexicon holds, or a country/IGO code followed by sectors (``NGACOP``, ``IGOUNOMIL``)."""
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3,}", code):
            return False
        if code in self.codes:
            return True
        if len(code) % 3:
            return False
        return any(code[:cut] in self.bases and all(code[i:i + 3] in self.sectors for i in range(cut, len(code), 3))
                   for cut in range(3, len(code) + 1, 3))


def read_items(path: Path) -> Iterator[tuple[int, dict | CorpusIssue]]:
    """``(line number, item)`` for each line of a JSONL file; a line that is not a JSON object
    yields a :class:`CorpusIssue` in its place."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as e:
                yield n, CorpusIssue(str(path), n, "?", f"not JSON: {e.msg} at column {e.colno}")
                continue
            yield n, item if isinstance(item, dict) else CorpusIssue(str(path), n, "?", "not a JSON object")


def _span_ok(span: object, size: int) -> bool:
    return (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] < span[1] <= size)


def _pieces(span: object, size: int) -> list[list[int]] | None:
    """A span or a list of spans (discontinuous trigger) as a list of spans, or None if malformed."""
    if _span_ok(span, size):
        return [span]  # type: ignore[list-item]
    if isinstance(span, list) and span and all(_span_ok(p, size) for p in span):
        return span  # type: ignore[return-value]
    return None


def check_item(item: dict, vocab: Vocabulary) -> list[str]:
    """The problems of one published item (an empty list when it is valid)."""
    problems = [f"missing key {k!r}" for k in REQUIRED if k not in item]
    if problems:
        return problems
    text = item["text"]
    if not isinstance(text, str) or not text.strip():
        return ["empty text"]
    size = len(text)
    if not DATE.match(str(item["date"])):
        problems.append(f"date {item['date']!r} is not YYYY-MM-DD")
    if not ORIGINS.match(str(item["origin"])):
        problems.append(f"origin {item['origin']!r} is not 'written', 'gum:<doc>#<n>' or 'ewt:<sent id>'")
    if item.get("region") is not None and item["region"] not in REGIONS:
        problems.append(f"region {item['region']!r} is not one of {', '.join(REGIONS)}")

    def actor(a: object, where: str, nullable_code: bool = False) -> None:
        if not isinstance(a, dict) or not _span_ok(a.get("span"), size):
            problems.append(f"{where}: no span inside the text")
            return
        code = a.get("code")
        if not (code is None and nullable_code) and not vocab.code_ok(code):
            problems.append(f"{where}: code {code!r} is not a lexicon code")

    triggers: dict[tuple, list[dict]] = {}
    for i, ev in enumerate(item["events"], 1):
        where = f"event {i}"
        pieces = _pieces(ev.get("trigger"), size)
        if pieces is None:
            problems.append(f"{where}: trigger is not a span inside the text")
        else:
            triggers.setdefault(tuple(map(tuple, pieces)), []).append(ev)
        cat, mode = ev.get("category"), ev.get("mode") or ""
        if cat not in vocab.modes:
            problems.append(f"{where}: category {cat!r} is not a PLOVER category")
        elif mode not in vocab.modes[cat]:
            problems.append(f"{where}: mode {mode!r} is not a mode of {cat}")
        if ev.get("status") not in vocab.statuses:
            problems.append(f"{where}: status {ev.get('status')!r} is not one of {sorted(vocab.statuses)}")
        for side in ("source", "target"):
            if not isinstance(ev.get(side), list):
                problems.append(f"{where}: {side} is not a list")
                continue
            for j, a in enumerate(ev[side], 1):
                actor(a, f"{where} {side} {j}")
        if ev.get("location") is not None and not _span_ok(ev["location"], size):
            problems.append(f"{where}: location is not a span inside the text")
    for span, evs in triggers.items():
        if len(evs) > 1 and not _joint(evs):
            problems.append(f"trigger {text[span[0][0]:span[-1][1]]!r} is shared by events that are not "
                            "a joint or reciprocal pair (same category, sources and targets swapped)")
    for i, at in enumerate(item["attributions"], 1):
        where = f"attribution {i}"
        if _pieces(at.get("cue"), size) is None:
            problems.append(f"{where}: cue is not a span inside the text")
        if at.get("source") is not None:
            actor(at["source"], f"{where} source", nullable_code=True)
        content = at.get("content")
        if not isinstance(content, list) or not content or not all(_span_ok(c, size) for c in content):
            problems.append(f"{where}: content is not a list of spans inside the text")
        if at.get("stance") not in vocab.stances:
            problems.append(f"{where}: stance {at.get('stance')!r} is not one of {sorted(vocab.stances)}")
    return problems


def _codes(side: list) -> frozenset:
    return frozenset(a.get("code") for a in side if isinstance(a, dict))


def _joint(events: list[dict]) -> bool:
    """Events on one trigger are a joint act: one category, and every source is some event's target
    (the two sides may share a code: two factions of one country's clergy)."""
    if len({e.get("category") for e in events}) != 1:
        return False
    sources = frozenset().union(*(_codes(e.get("source") or []) for e in events))
    targets = frozenset().union(*(_codes(e.get("target") or []) for e in events))
    return bool(sources) and sources == targets
