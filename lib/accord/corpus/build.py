"""Anchored files -> placed, checked items: what ``build`` publishes and every study reads."""
from __future__ import annotations

from pathlib import Path

from .anchors import AnchorError, place_item
from .validate import CorpusIssue, Vocabulary, check_item, read_items


def placed_items(paths: list[Path], vocab: Vocabulary) -> tuple[list[tuple[Path, dict]], list[CorpusIssue]]:
    """Every anchored item of ``paths`` placed and checked: ``(items, issues)``; ids must be unique."""
    items: list[tuple[Path, dict]] = []
    issues: list[CorpusIssue] = []
    seen: dict[str, str] = {}
    for path in paths:
        for n, raw in read_items(path):
            if isinstance(raw, CorpusIssue):
                issues.append(raw)
                continue
            ident = str(raw.get("id", "?"))
            try:
                item = place_item(raw)
            except AnchorError as e:
                issues.append(CorpusIssue(str(path), n, ident, str(e)))
                continue
            problems = check_item(item, vocab)
            if ident in seen:
                problems.append(f"id also used at {seen[ident]}")
            seen.setdefault(ident, f"{path}:{n}")
            issues.extend(CorpusIssue(str(path), n, ident, p) for p in problems)
            if not problems:
                items.append((path, item))
    return items, issues
