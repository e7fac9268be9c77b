"""The published corpus: items sorted by id, split into train and test by writing batch.

The test split holds about 15% of the written batches and 15% of the treebank documents. A
group's split is decided by its name alone, so adding batches later never moves an existing
batch between the splits (a batch once trained on never becomes test text):
- a written batch ``wK-bNN`` is test when NN % 7 == 3 (b03, b10, b17, …: one in seven of every
  writer's batches, so each writer's regions and focus are in both splits);
- a treebank document, and any other batch, when its name hashes into the first 15%.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

TEST_SHARE = 0.15


def group_of(item: dict) -> str:
    """The unit that goes whole to one split: a writing batch or a treebank document."""
    ident = item["id"]
    if item["origin"] == "written":
        return ident.rsplit("-", 1)[0]           # w1-b03-017 -> w1-b03
    if ident.startswith("gum:"):
        return ident.split("#", 1)[0]            # gum:GUM_news_x#12 -> gum:GUM_news_x
    return ident.rsplit("-", 1)[0]               # ewt:<doc>-0007 -> ewt:<doc>


_WRITTEN_BATCH = re.compile(r"^w\d+-b(\d+)$")


def is_test(group: str) -> bool:
    """True for the groups kept aside (see the module's docstring)."""
    batch = _WRITTEN_BATCH.match(group)
    if batch:
        return int(batch.group(1)) % 7 == 3
    digest = hashlib.sha256(group.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64 < TEST_SHARE


def write_corpus(items: list[tuple[Path, dict]], out: Path) -> dict[str, int]:
    """Write ``train.jsonl`` and ``test.jsonl`` under ``out`` (atomically each); their item counts."""
    splits: dict[str, list[dict]] = {"train.jsonl": [], "test.jsonl": []}
    for _, item in items:
        group = group_of(item)
        splits["test.jsonl" if is_test(group) else "train.jsonl"].append({**item, "batch": group})
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in splits.items():
        rows.sort(key=lambda r: r["id"])
        tmp = out / f".{name}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        os.replace(tmp, out / name)
    return {name: len(rows) for name, rows in splits.items()}
