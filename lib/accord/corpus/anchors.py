"""Anchored items -> items with character offsets.

A labeller names a span by its words as they stand in the text (whole words, exact case),
with ``#k`` for the k-th occurrence. Triggers and cues must be unambiguous; an argument,
location or content span without ``#k`` takes the occurrence nearest to its trigger or cue,
which is what a reader means by "the Russia in this clause".
"""
from __future__ import annotations

import re
from typing import Any

Span = list[int]


class AnchorError(ValueError):
    """An anchor that does not occur in the text, or occurs more than once where that matters."""


_INDEXED = re.compile(r"^(.*)#(\d+)$", re.S)


def _occurrences(text: str, words: str) -> list[Span]:
    if not words or words != words.strip():
        raise AnchorError(f"empty or space-padded anchor {words!r}")
    # whole words: no letter or digit directly before or after (punctuation anchors stand alone)
    left = r"(?<![\w])" if words[0].isalnum() else ""
    right = r"(?![\w])" if words[-1].isalnum() else ""
    return [[m.start(), m.end()] for m in re.finditer(left + re.escape(words) + right, text)]


def locate(text: str, anchor: str, near: Span | None = None) -> Span:
    """The span ``[start, end]`` of ``anchor`` (``"words"`` or ``"words#k"``) in ``text``.

    Without ``#k`` an anchor that occurs more than once is resolved to the occurrence nearest
    to ``near``; with no ``near`` it is refused as ambiguous.
    """
    if not isinstance(anchor, str):
        raise AnchorError(f"an anchor is a string, not {type(anchor).__name__}: {anchor!r}")
    m = _INDEXED.match(anchor)
    words, k = (m.group(1), int(m.group(2))) if m else (anchor, None)
    found = _occurrences(text, words)
    if not found:
        raise AnchorError(f"{words!r} does not occur in the text as whole words")
    if k is not None:
        if not 1 <= k <= len(found):
            raise AnchorError(f"{anchor!r}: {words!r} occurs {len(found)} time(s)")
        return found[k - 1]
    if len(found) == 1:
        return found[0]
    if near is None:
        raise AnchorError(f"{words!r} occurs {len(found)} times: add #k to say which")
    return min(found, key=lambda s: (_distance(s, near), s[0]))


def _distance(a: Span, b: Span) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _trigger(text: str, raw: Any) -> list:
    if isinstance(raw, list):
        if not raw:
            raise AnchorError("an empty trigger")
        first = locate(text, raw[0])
        parts = [first] + [locate(text, a, near=first) for a in raw[1:]]
        return sorted(parts) if len(parts) > 1 else parts[0]
    return locate(text, raw)


def _head(span: list) -> Span:
    return span if isinstance(span[0], int) else span[0]


def _actor(text: str, raw: Any, near: Span) -> dict:
    if not isinstance(raw, dict) or set(raw) - {"text", "code"} or "text" not in raw:
        raise AnchorError(f"an actor is {{'text': ..., 'code': ...}}, not {raw!r}")
    return {"span": locate(text, raw["text"], near), "code": raw.get("code")}


def place_item(raw: dict) -> dict:
    """One anchored item -> the published item with character offsets.

    Keys other than ``events`` and ``attributions`` are copied; each label keeps its keys
    with anchors replaced by spans. Raises :class:`AnchorError` naming the label.
    """
    text = raw.get("text")
    if not isinstance(text, str) or not text:
        raise AnchorError("the item has no text")
    item = {k: v for k, v in raw.items() if k not in ("events", "attributions")}
    item["events"], item["attributions"] = [], []
    for i, ev in enumerate(raw.get("events") or []):
        try:
            out = dict(ev)
            out["trigger"] = _trigger(text, ev.get("trigger"))
            head = _head(out["trigger"])
            out["source"] = [_actor(text, a, head) for a in ev.get("source") or []]
            out["target"] = [_actor(text, a, head) for a in ev.get("target") or []]
            loc = ev.get("location")
            out["location"] = locate(text, loc, head) if loc else None
        except AnchorError as e:
            raise AnchorError(f"event {i + 1} ({ev.get('trigger')!r}): {e}") from None
        item["events"].append(out)
    for i, at in enumerate(raw.get("attributions") or []):
        try:
            out = dict(at)
            out["cue"] = _trigger(text, at.get("cue"))
            head = _head(out["cue"])
            src = at.get("source")
            out["source"] = _actor(text, src, head) if src else None
            content = at.get("content") or []
            out["content"] = [locate(text, c, head) for c in ([content] if isinstance(content, str) else content)]
        except AnchorError as e:
            raise AnchorError(f"attribution {i + 1} ({at.get('cue')!r}): {e}") from None
        item["attributions"].append(out)
    return item
