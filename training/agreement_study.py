"""The agreement study: the first labels against a second, independent labelling.

First labels: the anchored files in training/authored (a treebank sentence that a first
labeller listed in a ``*-empty.txt`` file counts as labelled with nothing). Second labels:
training/agreement/second. Figures are given for all paired items, and for the treebank and
written halves apart; every difference is listed for adjudication.

The committed figures (``training/agreement/agreement.json`` and ``differences.md``) were
measured before adjudication. The first labels now include the adjudicator's fixes, so a rerun
measures something else; it writes to ``training/agreement/rerun/`` (not committed) unless
told otherwise.

    .venv/bin/python training/agreement_study.py [--out training/agreement/rerun]
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from accord.corpus import Vocabulary
from accord.corpus.agreement import compare
from accord.corpus import placed_items
from accord.lexicon import load_lexicon

ROOT = Path("training")


def _empties(authored: Path, candidates: Path) -> dict[str, dict]:
    """Treebank sentences a first labeller judged empty, as items with no labels."""
    texts = {}
    for path in candidates.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            c = json.loads(line)
            ident = f"gum:{c['doc']}#{c['n']}" if c["doc"].startswith("GUM") else f"ewt:{c['sent_id']}"
            texts[c["sent_id"]] = (ident, c["text"])
    out = {}
    for path in authored.rglob("*-empty.txt"):
        for sid in path.read_text(encoding="utf-8").split():
            if sid in texts:
                ident, text = texts[sid]
                out[ident] = {"id": ident, "text": text, "events": [], "attributions": []}
    return out


def _clean(figures: dict) -> dict:
    return {k: (round(v, 3) if isinstance(v, float) and not math.isnan(v) else v)
            for k, v in figures.items() if k != "differences"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--authored", type=Path, default=ROOT / "authored")
    ap.add_argument("--second", type=Path, default=ROOT / "agreement" / "second")
    ap.add_argument("--candidates", type=Path, default=ROOT / "candidates")
    ap.add_argument("--out", type=Path, default=ROOT / "agreement" / "rerun")
    a = ap.parse_args()
    vocab = Vocabulary.from_lexicon(load_lexicon())
    first_items, issues = placed_items(sorted(a.authored.rglob("*.jsonl")), vocab)
    second_items, issues2 = placed_items(sorted(a.second.glob("*.jsonl")), vocab)
    for i in issues + issues2:
        print("skipped:", i)
    first = {**_empties(a.authored, a.candidates), **{it["id"]: it for _, it in first_items}}
    second = {it["id"]: it for _, it in second_items}
    report = {}
    for name, keep in (("all", lambda i: True), ("treebank", lambda i: not i.startswith("w")),
                       ("written", lambda i: i.startswith("w"))):
        ids = {i for i in second if keep(i) and i in first}
        figures = compare({i: first[i] for i in ids}, {i: second[i] for i in ids})
        report[name] = _clean(figures)
        if name == "all":
            differences = figures["differences"]
    missing = sorted(set(second) - set(first))
    report["second_items_without_first_labels"] = len(missing)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "agreement.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    lines = ["# Differences between the first and the second labelling", "",
             "One line per event that the two labellings do not give alike (first | second).", ""]
    lines += [f"- `{ident}` {kind}: {f or '—'} | {s or '—'}" for ident, kind, f, s in differences]
    (a.out / "differences.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
