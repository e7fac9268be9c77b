"""Run the chosen benchmarks and gather their scores (the driver of ``accord evaluate``)."""
from __future__ import annotations
from pathlib import Path
from typing import Any, Sequence
from .common import EVENTS_MODEL, SYNTAX, BENCHMARKS, PLOVER_DEFAULT, RECORDS_DEFAULT, SEED_GOLD_DEFAULT, resolve
from .plover import valid_modes_of, evaluate_plover, load_quad_classes
from .seed import evaluate_seed
from .records import evaluate_records
from .attribution import ATTRIBUTION_DEFAULT, evaluate_attributions
from .probe import PROBE_DEFAULT, evaluate_probe
from .articles import ARTICLES_DEFAULT, evaluate_articles
from .corpus import CORPUS_TEST_DEFAULT, evaluate_corpus
from .cameo import CAMEO_DEFAULT, evaluate_cameo


# ------------------------------------------------------------------- driver


def evaluate_all(plover: str | Path | None = None, records: str | Path | None = None,
                 seed_gold: str | Path | None = None, benchmarks: Sequence[str] = BENCHMARKS,
                 attributions: str | Path | None = None, probe: str | Path | None = None,
                 syntax: bool = True, articles: str | Path | None = None,
                 events_model: str | Path | None = None, cameo: str | Path | None = None) -> dict[str, Any]:
    """Run the chosen benchmarks; returns {benchmark: {path, n, metrics, details}} plus ``notes``.

    ``syntax``: annotate with the trained parser (engine v2, the default); False: engine v1.
    ``events_model``: an event model folder (``accord learn``) in place of the packaged one.
    ``cameo``: the CAMEO probe (default tests/probes/cameo.yaml)."""
    token = SYNTAX.set(syntax)
    events = EVENTS_MODEL.set(events_model)
    try:
        results = _evaluate(plover, records, seed_gold, benchmarks, attributions, probe, syntax, articles, cameo)
        if events_model is not None:
            results["notes"].append(f"event model: {events_model}")
        return results
    finally:
        EVENTS_MODEL.reset(events)
        SYNTAX.reset(token)


def _evaluate(plover, records, seed_gold, benchmarks, attributions, probe, syntax, articles, cameo) -> dict[str, Any]:
    quads, quad_source = load_quad_classes()
    valid_modes = valid_modes_of()
    results: dict[str, Any] = {"notes": [f"quad classes from {quad_source}"]
                               + [f"engine: {'v2, arguments from the trained parser' if syntax else 'v1, word order'}"]}
    if "plover" in benchmarks:
        results["plover"] = evaluate_plover(resolve(plover, PLOVER_DEFAULT, "PLOVER gold file"), quads, valid_modes)
    if "records" in benchmarks:
        folder = resolve(records, RECORDS_DEFAULT, "records folder", required=False)
        if folder is None or not folder.is_dir():
            results["notes"].append("records: tests/records/ not found, skipped")
        else:
            res = evaluate_records(folder, quads, valid_modes)
            if res["n"] == 0:
                results["notes"].append(f"records: no records in {folder}, skipped")
            else:
                results["records"] = res
    if "seed" in benchmarks:
        results["seed"] = evaluate_seed(resolve(seed_gold, SEED_GOLD_DEFAULT, "seed gold file"))
    if "attribution" in benchmarks:
        results["attribution"] = evaluate_attributions(resolve(attributions, ATTRIBUTION_DEFAULT, "attribution set"))
    if "probe" in benchmarks:
        results["probe"] = evaluate_probe(resolve(probe, PROBE_DEFAULT, "actor probe"))
    if "articles" in benchmarks:
        results["articles"] = evaluate_articles(resolve(articles, ARTICLES_DEFAULT, "analyst articles folder"))
    if "corpus" in benchmarks:
        path = resolve(None, CORPUS_TEST_DEFAULT, "corpus test split", required=False)
        if path is None or not path.is_file():
            results["notes"].append("corpus: training/corpus/test.jsonl not found, skipped")
        else:
            results["corpus"] = evaluate_corpus(path)
    if "cameo" in benchmarks:
        results["cameo"] = evaluate_cameo(resolve(cameo, CAMEO_DEFAULT, "CAMEO probe"))
    return results

