"""The corpus's coverage figures: what the datasheet reports and what ``tests/corpus/test_corpus.py`` holds to
the corpus issue's floors.

Sentences and lemmas come from accord's own parser (``models/en_ud``), so "distinct trigger
lemmas" counts *attack*, *attacked* and *attacks* once.
"""
from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Iterable

SPLITS = ("train.jsonl", "test.jsonl")
_MASK = [(re.compile(r"\d[\d,.]*"), "0"), (re.compile(r"\b[A-Z][\w'’.-]*"), "N")]


def load_corpus(folder: Path) -> list[dict]:
    """Every item of the published corpus (both splits), with ``split`` added."""
    items = []
    for name in SPLITS:
        path = folder / name
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                items += [{**json.loads(line), "split": name.split(".")[0]} for line in fh if line.strip()]
    return items


def country(code: str | None) -> str | None:
    """The country part of a code (``NGACOP`` -> ``NGA``); None for IGOs and unknown countries."""
    if not code or code.startswith("IGO") or code.startswith("UNK") or len(code) < 3:
        return None
    return code[:3]


def masked(text: str) -> str:
    """The text with names, places and numbers masked: what "repeats another item" compares."""
    for pattern, repl in _MASK:
        text = pattern.sub(repl, text)
    return " ".join(text.lower().split())


def event_figures(items: Iterable[dict]) -> dict:
    """Counts by category, status, region and decade; the domestic share; real-text events."""
    items = list(items)
    events = [(it, ev) for it in items for ev in it["events"]]
    both = [(it, ev) for it, ev in events
            if any(country(a["code"]) for a in ev["source"]) and any(country(a["code"]) for a in ev["target"])]
    domestic = [1 for _, ev in both
                if {country(a["code"]) for a in ev["source"]} & {country(a["code"]) for a in ev["target"]} - {None}]
    decades = Counter(f"{it['date'][:3]}0s" for it, _ in events)
    return {
        "items": len(items),
        "events": len(events),
        "attributions": sum(len(it["attributions"]) for it in items),
        "items_without_labels": sum(1 for it in items if not it["events"] and not it["attributions"]),
        "by_category": dict(sorted(Counter(ev["category"] for _, ev in events).items())),
        "by_status": dict(sorted(Counter(ev["status"] for _, ev in events).items())),
        "by_region": dict(sorted(Counter(it.get("region") or "none" for it, _ in events).items())),
        "by_decade": dict(sorted(decades.items())),
        "real_text_events": sum(1 for it, _ in events if it["origin"] != "written"),
        "real_text_attributions": sum(len(it["attributions"]) for it in items if it["origin"] != "written"),
        "events_with_both_sides": len(both),
        "domestic_share": round(len(domestic) / len(both), 3) if both else 0.0,
        "by_split": dict(Counter(it["split"] for it in items)),
        "written_test_share": _share([it for it in items if it["origin"] == "written"]),
        "treebank_test_share": _share([it for it in items if it["origin"] != "written"]),
        "masked_repeats": _repeats(items),
    }


def _share(items: list[dict]) -> float:
    return round(sum(it["split"] == "test" for it in items) / len(items), 3) if items else 0.0


def _repeats(items: list[dict]) -> float:
    """Share of items whose masked text equals an earlier item's."""
    seen, repeats = set(), 0
    for it in items:
        key = masked(it["text"])
        repeats += key in seen
        seen.add(key)
    return round(repeats / len(items), 4) if items else 0.0


def text_figures(items: list[dict]) -> dict:
    """Distinct trigger lemmas and sentence lengths, from accord's parser."""
    import spacy

    from ..paths import PARSER_MODEL

    nlp = spacy.load(PARSER_MODEL)
    lemmas: set[str] = set()
    lengths: list[int] = []
    for it, doc in zip(items, nlp.pipe((it["text"] for it in items), batch_size=64)):
        lengths += [sum(1 for t in s if not t.is_punct) for s in doc.sents]
        for ev in it["events"]:
            parts = [ev["trigger"]] if isinstance(ev["trigger"][0], int) else ev["trigger"]
            words = [t.lemma_.lower() for s, e in parts for t in doc.char_span(s, e, alignment_mode="expand") or ()]
            if words:
                lemmas.add(" ".join(words))
    return {"distinct_trigger_lemmas": len(lemmas), "sentences": len(lengths),
            "median_sentence_words": statistics.median(lengths) if lengths else 0}


def corpus_stats(folder: Path, with_text: bool = True) -> dict:
    """All figures of the corpus in ``folder``."""
    items = load_corpus(folder)
    figures = event_figures(items)
    if with_text and items:
        figures.update(text_figures(items))
    return figures


BLOCK = ("<!-- figures: begin (python -m accord.corpus stats --datasheet) -->", "<!-- figures: end -->")


def figures_markdown(figures: dict) -> str:
    """The coverage figures as the datasheet's Markdown block (markers included)."""
    f = figures
    rows = [
        ("items (train / test)", f"{f['items']:,} ({f['by_split'].get('train', 0):,} / {f['by_split'].get('test', 0):,})"),
        ("event mentions", f"{f['events']:,}"),
        ("attributions", f"{f['attributions']:,}"),
        ("items with no label (negatives)", f"{f['items_without_labels']:,}"),
        ("event mentions from treebank text / attributions", f"{f['real_text_events']:,} / {f['real_text_attributions']:,}"),
        ("events with both sides coded; share domestic", f"{f['events_with_both_sides']:,}; {f['domestic_share']:.1%}"),
        ("test share of written items / treebank items", f"{f['written_test_share']:.1%} / {f['treebank_test_share']:.1%}"),
        ("items repeating another once names and numbers are masked", f"{f['masked_repeats']:.2%}"),
    ]
    if "distinct_trigger_lemmas" in f:
        rows += [("distinct trigger lemmas", f"{f['distinct_trigger_lemmas']:,}"),
                 ("median sentence length (words)", f"{f['median_sentence_words']}")]
    out = [BLOCK[0], "", "| figure | value |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in rows]
    for title, key in (("category", "by_category"), ("status", "by_status"), ("region", "by_region"),
                       ("decade of the item's date", "by_decade")):
        out += ["", f"| {title} | events |", "|---|---:|"] + [f"| {k} | {v:,} |" for k, v in f[key].items()]
    return "\n".join(out + ["", BLOCK[1]])


def replace_block(markdown: str, block: str) -> str:
    """``markdown`` with its figures block replaced by ``block``."""
    start, end = markdown.index(BLOCK[0]), markdown.index(BLOCK[1]) + len(BLOCK[1])
    return markdown[:start] + block + markdown[end:]


def current_block(markdown: str) -> str:
    """The figures block of ``markdown`` as it stands."""
    return markdown[markdown.index(BLOCK[0]):markdown.index(BLOCK[1]) + len(BLOCK[1])]
