"""Attributions of the open corpus (``training/corpus/*.jsonl``), scored like the dev set.

The dev set (:mod:`.attribution`) is small and written to guide the rules; the corpus's test
split is larger, labelled by other hands (section 7 of ``training/corpus/ANNOTATION.md``) and
mixes news-style passages with treebank sentences (EWT, GUM), so it says more about how the
claims component generalises. Spans are character offsets there; this module turns them into
the verbatim spans :func:`.attribution.score_attributions` reads (a cue of two pieces counts by
its first; a content of several spans is their words joined; attributions repeated once per
actor code over the same words count once), annotates every item as a
document and scores the engine's claims the same way: cue P/R/F1 by overlap, and over the
matched pairs source and content token-F1 and stance accuracy.

Run: ``python -m accord.evaluate.attribution_corpus [path.jsonl] [--details]``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Mapping

from .attribution import engine_claims_of, matched_pairs, score_attributions
from .codes import records_of
from .common import annotate_texts, document_row, documents_frame
from .corpus import load_test_items

CORPUS_TEST = Path("training") / "corpus" / "test.jsonl"


def _first(span: list) -> tuple[int, int]:
    """A cue recorded in two pieces ("said … in a statement") counts by its first."""
    return tuple(span[0]) if span and isinstance(span[0], list) else tuple(span)


def load_corpus_attributions(path: str | Path) -> list[dict[str, Any]]:
    """The corpus items of ``path`` with their attributions as dev-set style verbatim spans."""
    items = []
    for raw in load_test_items(Path(path)):
        text = raw["text"]
        gold = []
        seen = set()
        for a in raw.get("attributions") or []:
            cs, ce = _first(a["cue"])
            src = a.get("source")
            # one attribution per actor code of a phrase naming several ("officials from both governments"):
            # the same words, which the engine reports once, count once
            key = (cs, ce, tuple(src["span"]) if src and src.get("span") else None,
                   tuple(tuple(c) for c in a.get("content") or []))
            if key in seen:
                continue
            seen.add(key)
            source = text[src["span"][0]:src["span"][1]] if src and src.get("span") else None
            content = " ".join(text[s:e] for s, e in (a.get("content") or []))
            gold.append({"cue": text[cs:ce], "cue_span": (cs, ce), "source": source,
                         "content": content or None, "stance": a.get("stance")})
        items.append({"id": raw["id"], "text": text, "date": raw.get("date"), "attributions": gold})
    return items


def engine_claims(items: list[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The engine's claims of every item (annotated as one document each), as scorer rows."""
    rows = [document_row(str(i["id"]), f"corpus#{i['id']}", i["text"], i.get("date"), "corpus") for i in items]
    tables = annotate_texts(documents_frame(rows))
    claims: dict[str, list[Mapping[str, Any]]] = {}
    for r in records_of(tables["claims"]):
        claims.setdefault(str(r["doc_id"]), []).append(r)
    return {str(i["id"]): engine_claims_of(i, claims.get(str(i["id"]), [])) for i in items}


def details(items: list[Mapping[str, Any]], predicted: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    """One line per miss, false alarm and imperfect match (for an error analysis)."""
    out = []
    for item in items:
        gold = item.get("attributions") or []
        pred = [p for p in predicted.get(str(item["id"]), []) if p["cue_span"]]
        pairs = matched_pairs(gold, pred)
        text = item["text"]
        for gi, g in enumerate(gold):
            if gi not in {a for a, _ in pairs}:
                out.append(f"MISS {item['id']} cue={g['cue']!r} src={g['source']!r} | {text}")
        for pi, p in enumerate(pred):
            if pi not in {b for _, b in pairs}:
                cs, ce = p["cue_span"]
                out.append(f"FALSE {item['id']} cue={text[cs:ce]!r} src={p['source']!r} | {text}")
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if (g["source"] or "") != (p["source"] or "") or (g["content"] or "") != (p["content"] or ""):
                out.append(f"SPAN {item['id']} cue={g['cue']!r}\n  gold src={g['source']!r} con={g['content']!r}\n"
                           f"  pred src={p['source']!r} con={p['content']!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(CORPUS_TEST))
    ap.add_argument("--details", action="store_true", help="print misses, false alarms and imperfect spans")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N items")
    ap.add_argument("--origin", default=None, help="score only the items whose id starts so (gum:, ewt:, w)")
    args = ap.parse_args(argv)
    items = load_corpus_attributions(args.path)
    if args.origin:
        items = [i for i in items if str(i["id"]).startswith(args.origin)]
    if args.limit:
        items = items[:args.limit]
    predicted = engine_claims(items)
    scores = score_attributions(items, predicted)
    if args.details:
        print("\n".join(details(items, predicted)))
    n = scores.pop("n")
    for name, value in scores.items():
        print(f"{name:20s} {value:.3f}")
    print(f"gold {n['gold']}  predicted {n['pred']}  matched {n['matched']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
