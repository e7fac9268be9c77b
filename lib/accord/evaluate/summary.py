"""The scores as a table, Markdown, details of the misses, or JSON."""
from __future__ import annotations
from typing import Any, Mapping
from ..paths import REPO_DIR
from .common import BENCHMARKS
from .codes import NONE, as_list


def flatten(results: Mapping[str, Any]) -> dict[str, float]:
    """{"benchmark.metric": engine score} of every metric that has one."""
    out = {}
    for bench in BENCHMARKS:
        for name, m in results.get(bench, {}).get("metrics", {}).items():
            if m["engine"] is not None:
                out[f"{bench}.{name}"] = m["engine"]
    return out


def _fmt(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}"


def format_table(results: Mapping[str, Any]) -> str:
    lines = [f"{'benchmark':<9} {'metric':<28} {'n':>5} {'engine':>7} {'baseline':>8}"]
    lines.append("-" * len(lines[0]))
    for bench in BENCHMARKS:
        if bench not in results:
            continue
        for name, m in results[bench]["metrics"].items():
            lines.append(f"{bench:<9} {name:<28} {m['n']:>5} {_fmt(m['engine']):>7} {_fmt(m['baseline']):>8}")
    for note in results.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _commit() -> str:
    try:
        import subprocess

        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def format_markdown(results: Mapping[str, Any], stamp: str | None = None) -> str:
    """The scores as a markdown section for the README, stamped with the date and commit."""
    if stamp is None:
        import datetime as _dt

        stamp = f"{_dt.date.today().isoformat()}, commit {_commit()}"
    titles = {"plover": "PLOVER gold standard, development half", "records": "sentence records (tests/records)",
              "seed": "seed gold (tests/gold/seed.yaml)",
              "attribution": "attribution development set (tests/gold/attributions_dev.yaml; guides, does not judge)",
              "probe": "actor probe (tests/probes/actors.yaml; guides, does not judge)",
              "articles": "analyst articles (tests/articles; checks written before the engine ran)",
              "corpus": "open corpus, test split (training/corpus/test.jsonl)",
              "cameo": "CAMEO probe (tests/probes/cameo.yaml; written blind, guides, does not judge)"}
    out = [f"### Extraction quality ({stamp})", "",
           "`accord evaluate` (engine beside a trivial baseline; definitions in `lib/accord/evaluate/__init__.py`).", ""]
    for bench in BENCHMARKS:
        if bench not in results:
            continue
        unit = {"plover": "sentences", "records": "records", "seed": "document", "attribution": "items",
                "probe": "names", "articles": "checks", "corpus": "items", "cameo": "items"}[bench]
        out += [f"**{titles[bench]}** ({results[bench]['n']} {unit})", "",
                "| metric | n | engine | baseline |", "|---|---:|---:|---:|"]
        for name, m in results[bench]["metrics"].items():
            out.append(f"| {name} | {m['n']} | {_fmt(m['engine'])} | {_fmt(m['baseline'])} |")
        out.append("")
    out += [f"_{note}_" for note in results.get("notes", [])]
    return "\n".join(out).rstrip() + "\n"


def _short_rel(r: Mapping[str, Any]) -> str:
    src = ",".join(as_list(r.get("source"))) or "?"
    tgt = ",".join(as_list(r.get("target"))) or "?"
    rid = r.get("id", r.get("relation_id", ""))
    return f"{rid} s{r.get('sent')} {src} -{r.get('event_type')}/{r.get('status')}-> {tgt} [{r.get('trigger', '')}]"


def _short_claim(c: Mapping[str, Any]) -> str:
    src = ",".join(as_list(c.get("source"))) or "?"
    return f"{c.get('id', c.get('claim_id', ''))} s{c.get('sent')} {src} {c.get('stance')} [{c.get('cue', '')}]"


def format_details(results: Mapping[str, Any], top: int = 12) -> str:
    """Aggregated error analysis: PLOVER confusions and argument errors; seed misses and spurious rows."""
    out = []
    if "plover" in results:
        d = results["plover"]["details"]
        out.append("PLOVER dev, per category (gold -> engine main relation):")
        out.append(f"  {'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
        for cat, s in d["per_category"].items():
            out.append(f"  {cat:<10} {s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>5}")
        out.append(f"  no relation at all: {d['predicted'].get(NONE, 0)} sentences")
        out.append("  top confusions (gold -> predicted: count): " + ", ".join(
            f"{g}->{p}: {n}" for (g, p), n in sorted(d["confusions"].items(), key=lambda kv: (-kv[1], kv[0]))[:top]))
        for key in ("source_missed", "source_spurious", "target_missed", "target_spurious"):
            items = sorted(d[key].items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            out.append(f"  {key}: total {sum(d[key].values())}; " + ", ".join(f"{c}: {n}" for c, n in items))
        out.append(f"  gold source given, engine source empty: {d['source_empty']}; gold target given, engine target empty: {d['target_empty']}")
        out.append(f"  source and target swapped: {d['source_target_swapped']}; quad_class inconsistent with event_type: {d['quad_inconsistent']}")
    if "seed" in results:
        d = results["seed"]["details"]
        out.append("Seed gold:")
        out.append("  missed relations: " + ("; ".join(_short_rel(r) for r in d["missed_relations"]) or "none"))
        out.append("  spurious relations: " + ("; ".join(_short_rel(r) for r in d["spurious_relations"]) or "none"))
        out.append("  wrong status: " + ("; ".join(f"{g['id']} gold {g['status']} engine {p.get('status')}" for g, p in d["wrong_status"]) or "none"))
        out.append("  missed claims: " + ("; ".join(_short_claim(c) for c in d["missed_claims"]) or "none"))
        out.append("  spurious claims: " + ("; ".join(_short_claim(c) for c in d["spurious_claims"]) or "none"))
        out.append(f"  actors missed: {d['actors_missed']}; actors spurious: {d['actors_spurious']}")
    if "probe" in results:
        failures = results["probe"]["details"]["failures"]
        out.append(f"Actor probe, {len(failures)} names not coded as expected:")
        out += [f"  {f['id']} {f['kind']} {f['name']!r} at {f['date']}: expected {f['expect']}, found {f['found']}"
                for f in failures]
    if "cameo" in results:
        out += _cameo_details(results["cameo"]["details"], top)
    if "articles" in results:
        failures = results["articles"]["details"]["failures"]
        out.append(f"Analyst articles, {len(failures)} checks that do not hold:")
        out += [f"  {f['id']} {f['doc']}: {f['want']} ({f['note']})" for f in failures]
    return "\n".join(out)


def _cameo_details(d: Mapping[str, Any], top: int) -> list[str]:
    out = ["CAMEO probe, per root (gold -> engine main relation's CAMEO root):",
           f"  {'root':<4} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for root, s in d["per_root"].items():
        out.append(f"  {root:<4} {s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>5}")
    out.append(f"  no relation at all: {d['no_relation']} items")
    out.append("  top confusions (gold -> predicted: count): " + ", ".join(
        f"{g}->{p}: {n}" for (g, p), n in sorted(d["confusions"].items(), key=lambda kv: (-kv[1], kv[0]))[:top]))
    out += [f"  {m['id']}: gold {m['gold']} engine {m['engine']} (quad {m['quad'][0]} -> {m['quad'][1]}) "
            f"[{m['trigger']}] {m['cameo']} {','.join(map(str, m['source'])) or '?'} -> {','.join(map(str, m['target'])) or '?'}"
            for m in d["misses"]]
    return out


def to_json(results: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON-serialisable part of the results (paths relative where possible, no details)."""
    out: dict[str, Any] = {"notes": list(results.get("notes", []))}
    for bench in BENCHMARKS:
        if bench in results:
            out[bench] = {"n": results[bench]["n"], "metrics": results[bench]["metrics"]}
    return out
