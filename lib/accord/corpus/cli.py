"""``python -m accord.corpus``: check anchored files, build the published corpus, count it.

- ``check FILE…``: place and check anchored items (what a labeller runs on a batch);
- ``build [--authored DIR] [--out DIR]``: every anchored file -> ``train.jsonl`` and
  ``test.jsonl`` (the split is by writing batch and by treebank document, see :mod:`.split`);
- ``stats [--out DIR]``: the corpus's coverage figures (:mod:`.stats`).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ..lexicon import load_lexicon
from .build import placed_items
from .validate import CorpusIssue, Vocabulary

ROOT = Path("training")


def _report(items: list[tuple[Path, dict]], issues: list[CorpusIssue]) -> int:
    for issue in issues:
        print(issue)
    cats = Counter(ev["category"] for _, it in items for ev in it["events"])
    n_att = sum(len(it["attributions"]) for _, it in items)
    print(f"{len(items)} items placed, {len(issues)} problems; {sum(cats.values())} events, {n_att} attributions")
    print("  " + ", ".join(f"{c} {n}" for c, n in sorted(cats.items())))
    return 1 if issues else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m accord.corpus``."""
    ap = argparse.ArgumentParser(prog="python -m accord.corpus", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    chk = sub.add_parser("check", help="place and check anchored files")
    chk.add_argument("files", nargs="+", type=Path)
    bld = sub.add_parser("build", help="anchored files -> the published corpus")
    bld.add_argument("--authored", type=Path, default=ROOT / "authored")
    bld.add_argument("--out", type=Path, default=ROOT / "corpus")
    sta = sub.add_parser("stats", help="coverage figures of the published corpus")
    sta.add_argument("--out", type=Path, default=ROOT / "corpus")
    sta.add_argument("--json", action="store_true")
    sta.add_argument("--datasheet", type=Path, help="rewrite the figures block of this Markdown file")
    args = ap.parse_args(argv)
    vocab = Vocabulary.from_lexicon(load_lexicon())
    if args.cmd == "check":
        return _report(*placed_items(args.files, vocab))
    if args.cmd == "build":
        from .split import write_corpus
        items, issues = placed_items(sorted(args.authored.rglob("*.jsonl")), vocab)
        if _report(items, issues):
            print("nothing written: fix the problems above", file=sys.stderr)
            return 1
        for name, n in write_corpus(items, args.out).items():
            print(f"wrote {args.out / name}: {n} items")
        return 0
    from .stats import corpus_stats, figures_markdown, replace_block
    figures = corpus_stats(args.out)
    print(json.dumps(figures, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))
    if args.datasheet:
        page = args.datasheet.read_text(encoding="utf-8")
        args.datasheet.write_text(replace_block(page, figures_markdown(figures)), encoding="utf-8")
    return 0
