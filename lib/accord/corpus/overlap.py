"""Shared 10-word sequences between corpus items and texts kept aside (gold sets, the seed).

Words are lowercased runs of letters and digits, so punctuation and case do not hide a copy.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

N = 10
_WORD = re.compile(r"[a-z0-9]+")


def ngrams(text: str, n: int = N) -> set[tuple[str, ...]]:
    """The word n-grams of ``text``."""
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def reference_texts(paths: Iterable[Path]) -> Iterable[tuple[str, str]]:
    """``(where, text)`` of every reference file: a JSONL file gives each record's ``text``;
    any other file is read whole (YAML gold files, the seed, the PLOVER manual)."""
    for path in paths:
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    yield f"{path.name}:{n}", json.loads(line).get("text", "")
        else:
            yield path.name, path.read_text(encoding="utf-8", errors="replace")


def shared_sequences(items: Iterable[dict], references: Iterable[tuple[str, str]], n: int = N) -> dict[str, list[str]]:
    """Item id -> the references it shares an n-word sequence with (only items that share one)."""
    index: dict[tuple[str, ...], str] = {}
    for where, text in references:
        for gram in ngrams(text, n):
            index.setdefault(gram, where)
    hits: dict[str, list[str]] = {}
    for item in items:
        found = sorted({index[g] for g in ngrams(item["text"], n) if g in index})
        if found:
            hits[item["id"]] = found
    return hits
