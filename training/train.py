"""Train accord's English tagger + parser + lemmatizer on UD English EWT + GUM (news/wiki).

    OMP_NUM_THREADS=1 python training/train.py --out training/runs/w96d4 --width 96 --depth 4

Steps: (1) CoNLL-U -> DocBin under --corpus (rebuilt when the source is newer),
(2) the XPOS -> UPOS attribute_ruler table from the training files, (3) ``spacy train``
with training/config.cfg and the overrides below (seed 0, CPU), (4) model-best evaluated
on every dev file separately + words/s + size -> <out>/scores.json. ``--test`` also scores
the test files (only for the final report).
"""
from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import convert  # noqa: E402
import evaluate_model  # noqa: E402

TREEBANKS = Path("/work/shared/treebanks")
TRAIN = ["en_ewt-train.conllu", "en_gum-news-wiki-train.conllu"]
DEV = ["en_ewt-dev.conllu", "en_gum-news-wiki-dev.conllu"]
TEST = ["en_ewt-test.conllu", "en_gum-news-wiki-test.conllu"]
BASE_ROWS = (5000, 1000, 2500, 2500)  # NORM, PREFIX, SUFFIX, SHAPE at width 96


def scaled_rows(width: int) -> list[int]:
    """MultiHashEmbed rows scaled with the width (spaCy's sm defaults at 96)."""
    return [int(round(r * width / 96 / 50) * 50) or 50 for r in BASE_ROWS]


def convert_all(files: list[Path], out_dir: Path, sents_per_doc: int) -> list[dict]:
    stats = []
    for f in files:
        out = out_dir / (f.stem + ".spacy")
        if not out.exists() or out.stat().st_mtime < f.stat().st_mtime:
            stats.append(convert.conllu_to_docbin(f, out, sents_per_doc))
    return stats


def _limit_training_time(minutes: float) -> dict:
    """Wrap spaCy's training generator: end training cleanly at the first evaluation after
    ``minutes`` (model-best/model-last are then written by spaCy as usual). Records the step."""
    import spacy.training.loop as loop

    orig = getattr(loop.train_while_improving, "__wrapped__", loop.train_while_improving)
    last: dict = {}

    def wrapped(*args, **kwargs):
        t0 = time.time()
        for batch, info, is_best in orig(*args, **kwargs):
            last["step"] = info["step"]
            yield batch, info, is_best
            if minutes and is_best is not None and time.time() - t0 > minutes * 60:
                last["timed_out"] = True
                return

    wrapped.__wrapped__ = orig
    loop.train_while_improving = wrapped
    return last


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="run directory (model-best, model-last, scores.json)")
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--train", nargs="+", type=Path, help="CoNLL-U training files")
    ap.add_argument("--dev", nargs="+", type=Path, help="CoNLL-U dev files")
    ap.add_argument("--test", nargs="*", type=Path, default=None,
                    help="also score these test files (no value = the EWT and GUM test splits)")
    ap.add_argument("--corpus", type=Path, default=HERE / "ud", help="converted DocBins go here")
    ap.add_argument("--speed-file", type=Path, help="raw text for words/s (default: the last dev file)")
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--rows", type=int, nargs=4, help="MultiHashEmbed rows (default: scaled with width)")
    ap.add_argument("--hidden", type=int, default=64, help="parser hidden width")
    ap.add_argument("--max-steps", type=int, default=20000)
    ap.add_argument("--patience", type=int, default=1600)
    ap.add_argument("--eval-frequency", type=int, default=200)
    ap.add_argument("--batch-start", type=int, default=200, help="words per batch at the start")
    ap.add_argument("--batch-stop", type=int, default=1000, help="max words per batch (compounding x1.002 per step)")
    ap.add_argument("--sents-per-doc", type=int, default=10)
    ap.add_argument("--time-limit", type=float, default=0,
                    help="stop at the first dev evaluation after this many minutes of training (0 = none); "
                         "the step reached is recorded, and --max-steps <that step> reproduces the run exactly")
    ap.add_argument("--resume-from", type=Path,
                    help="continue training this trained pipeline (e.g. <run>/model-last) instead of starting "
                         "from scratch: its weights and settings, a fresh optimizer, the same data and seed")
    ap.add_argument("--no-eval", action="store_true", help="train only")
    a = ap.parse_args(argv)

    train_files = a.train or [TREEBANKS / f for f in TRAIN]
    dev_files = a.dev or [TREEBANKS / f for f in DEV]
    test_files = ([TREEBANKS / f for f in TEST] if a.test == [] else a.test) or []
    rows = a.rows or scaled_rows(a.width)

    t0 = time.time()
    conv = convert_all(train_files, a.corpus / "train", a.sents_per_doc)
    conv += convert_all(dev_files, a.corpus / "dev", a.sents_per_doc)
    for s in conv:
        print("converted", json.dumps(s), flush=True)
    patterns, info = convert.derive_pos_patterns(train_files)
    pat_path = a.corpus / "pos_patterns.json"
    convert.write_patterns(patterns, pat_path)
    print("pos table", json.dumps(info), flush=True)

    from spacy.cli.train import train as spacy_train

    overrides = {
        "paths.train": str(a.corpus / "train"),
        "paths.dev": str(a.corpus / "dev"),
        "paths.pos_patterns": str(pat_path),
        "components.tok2vec.model.encode.width": a.width,
        "components.tok2vec.model.encode.depth": a.depth,
        "components.tok2vec.model.embed.rows": rows,
        "components.parser.model.hidden_width": a.hidden,
        "training.max_steps": a.max_steps,
        "training.patience": a.patience,
        "training.eval_frequency": a.eval_frequency,
        "training.batcher.size.start": a.batch_start,
        "training.batcher.size.stop": a.batch_stop,
    }
    # the training/dev directories must hold only this run's files
    for sub, files in (("train", train_files), ("dev", dev_files)):
        keep = {f.stem + ".spacy" for f in files}
        for p in (a.corpus / sub).glob("*.spacy"):
            if p.name not in keep:
                p.unlink()
    print("settings", json.dumps({"width": a.width, "depth": a.depth, "rows": rows, "hidden": a.hidden,
                                  "max_steps": a.max_steps, "patience": a.patience,
                                  "time_limit_min": a.time_limit}), flush=True)
    a.out.mkdir(parents=True, exist_ok=True)
    last = _limit_training_time(a.time_limit)
    if a.resume_from:
        import spacy
        from spacy.training.loop import train as loop_train
        from spacy.util import fix_random_seed

        nlp = spacy.load(a.resume_from, config={
            "paths": {"train": str(a.corpus / "train"), "dev": str(a.corpus / "dev"),
                      "pos_patterns": str(pat_path)},
            "training": {"max_steps": a.max_steps, "patience": a.patience,
                         "eval_frequency": a.eval_frequency}})
        lem = nlp.get_pipe("trainable_lemmatizer")
        # spaCy 3.8's EditTreeLemmatizer.from_disk restores the trees and labels but not the
        # tree -> label index used by get_loss: without it every gold lemma would count as label 0
        lem.tree2label = {tree: label for label, tree in enumerate(lem.cfg["labels"])}
        ruler = nlp.get_pipe("attribute_ruler")  # the table of this code version
        ruler.clear()
        ruler.add_patterns(patterns)
        cfg = nlp.config["components"]["tok2vec"]["model"]
        a.width, a.depth = cfg["encode"]["width"], cfg["encode"]["depth"]
        rows, a.hidden = cfg["embed"]["rows"], nlp.config["components"]["parser"]["model"]["hidden_width"]
        fix_random_seed(nlp.config.interpolate()["training"]["seed"])
        loop_train(nlp, a.out, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    else:
        spacy_train(a.config, output_path=a.out, use_gpu=-1, overrides=overrides)
    train_min = round((time.time() - t0) / 60, 1)

    result = {"settings": {"width": a.width, "depth": a.depth, "rows": rows, "hidden": a.hidden,
                           "max_steps": a.max_steps, "patience": a.patience, "time_limit_min": a.time_limit,
                           "resumed_from": str(a.resume_from) if a.resume_from else None},
              "pos_table": info, "train_minutes": train_min, "last_step": last.get("step"),
              "stopped_by_time_limit": last.get("timed_out", False)}
    best = a.out / "model-best"
    if not a.no_eval:
        import spacy
        nlp = spacy.load(best)
        meta = json.loads((best / "meta.json").read_text())
        result["best_step_score"] = meta.get("performance", {})
        result["size_mb"] = evaluate_model.size_mb(best)
        result["dev"] = {f.stem: evaluate_model.accuracy(nlp, f) for f in dev_files}
        if test_files:
            result["test"] = {f.stem: evaluate_model.accuracy(nlp, f) for f in test_files}
        result["speed"] = evaluate_model.speed(nlp, a.speed_file or dev_files[-1])
    (a.out / "scores.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2), flush=True)
    return result


if __name__ == "__main__":
    main()
