"""Copy a trained run's model-best into lib/accord/models/en_ud with its meta, licence and attribution.

    python training/package.py training/runs/w96d4h64 [--dest lib/accord/models/en_ud]

meta.json: name accord_en_ud, version, license CC BY-SA 4.0, sources, the settings, and the
dev/test scores from <run>/scores.json (test scores only if that file has them: run
``python training/evaluate_model.py`` or ``train.py --test`` first).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VERSION = "0.1.0"

SOURCES = [
    {"name": "UD English EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
     "commit": "15d613d8 (2025-05-10)", "license": "CC BY-SA 4.0",
     "author": "Silveira et al. (2014); (c) 2013-2021 The Board of Trustees of The Leland Stanford Junior University"},
    {"name": "UD English GUM (news, interview, bio, voyage, speech, textbook genres only)",
     "url": "https://github.com/UniversalDependencies/UD_English-GUM", "commit": "afb41ee (2025-05-10)",
     "license": "per genre: CC BY / CC BY-SA (Wikimedia, OpenStax), public domain (speeches)",
     "author": "Zeldes (2017); Amir Zeldes and the GUM annotators, Georgetown University"},
]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("run", type=Path)
    ap.add_argument("--speed-json", type=Path, help="compare_speed.py output to add to meta.json")
    ap.add_argument("--dest", type=Path, default=ROOT / "lib" / "accord" / "models" / "en_ud")
    a = ap.parse_args(argv)
    import spacy

    scores = json.loads((a.run / "scores.json").read_text())
    nlp = spacy.load(a.run / "model-best")
    nlp.meta.update({
        "name": "accord_en_ud", "version": VERSION, "lang": "en",
        "description": "accord's English tagger (PTB XPOS -> token.tag_, UPOS via attribute_ruler -> token.pos_), "
                       "UD dependency parser and edit-tree lemmatizer, trained on UD English EWT + GUM news/wiki "
                       "genres. CPU, no vectors. Built with training/ of the accord repository.",
        "author": "the accord authors", "license": "CC BY-SA 4.0",
        "sources": SOURCES,
        "url": "", "email": "",
    })
    nlp.meta["accord"] = {
        "settings": scores["settings"], "last_step": scores.get("last_step"),
        "dev": scores.get("dev"), "test": scores.get("test"), "speed": scores.get("speed"),
        "scores_note": "raw = raw text through the model's tokenizer, spaCy Scorer (UAS/LAS leave out punct); "
                       "gold_tok = gold words, every word. Percentages. speed = nlp.pipe words/s, one thread, "
                       "raw GUM news/wiki text.",
    }
    if a.speed_json:
        nlp.meta["accord"]["speed_compare"] = json.loads(a.speed_json.read_text())
    if a.dest.exists():
        shutil.rmtree(a.dest)
    a.dest.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(a.dest)
    for f in ("LICENSE", "ATTRIBUTION.md"):
        shutil.copy(HERE / "model_files" / f, a.dest / f)
    size = sum(p.stat().st_size for p in a.dest.rglob("*") if p.is_file()) / 1e6
    print(f"wrote {a.dest} ({size:.2f} MB)")
    if size > 15:
        sys.exit("model larger than 15 MB")


if __name__ == "__main__":
    main()
