"""The build's driver: every generated file in order, and its command line."""
from __future__ import annotations
import argparse
import sys
from pathlib import Path
from .output import DEFAULT_OUT, DEFAULT_REFERENCE, write
from .events import build_agents, build_cameo, build_plover, build_verbs, read_cameo_csv
from .states import generated_actors, load_curated, build_igos, build_states
from .persons import forms_of, vocabulary, build_persons
from .orgs import given_names, build_orgs


# --------------------------------------------------------------------------- #
_DESCRIPTION = "Build accord's generated lexicon files from the reference data."


def build(ref: Path, out: Path, verbose: bool = True) -> dict[str, int]:
    """Write all generated files into ``out``; return counts per file."""
    out.mkdir(parents=True, exist_ok=True)
    cameo = read_cameo_csv(ref)
    counts: dict[str, int] = {}
    write(out / "cameo.yaml", build_cameo(ref))
    counts["cameo"] = len(cameo)
    write(out / "plover.yaml", build_plover(ref))
    text, counts["agents"] = build_agents(ref)
    write(out / "agents.yaml", text)
    text, counts["verbs"], notes = build_verbs(ref, cameo)
    write(out / "verbs_petrarch.yaml", text)
    states_text, counts["states"] = build_states(ref, out)
    write(out / "states.yaml", states_text)
    igos_text, counts["igos"] = build_igos(ref)
    write(out / "igos.yaml", igos_text)
    vocab = vocabulary(ref)
    curated = load_curated(out)
    forms = forms_of(a for a in curated if a.get("kind") != "person")
    for generated in (states_text, igos_text):
        forms |= forms_of(generated_actors(generated))
    given = given_names(ref)
    orgs_text, counts["orgs"], org_notes = build_orgs(ref, out, igos_text, forms, vocab, given)
    write(out / "orgs_petrarch.yaml", orgs_text)
    forms |= forms_of(generated_actors(orgs_text))
    text, counts["persons"], person_notes = build_persons(ref, out, forms, vocab)
    write(out / "persons_petrarch.yaml", text)
    notes += org_notes + person_notes
    if verbose:
        for n in notes:
            print("note:", n, file=sys.stderr)
        print(", ".join(f"{k}: {v}" for k, v in counts.items()), file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m lexicon_build", description=_DESCRIPTION)
    ap.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE,
                    help="reference data directory (default: ../shared/reference)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="output directory (default: lib/accord/data)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no notes on stderr")
    args = ap.parse_args(argv)
    if not (args.reference / "cameo_codes.csv").exists():
        ap.error(f"{args.reference}: not a reference directory (no cameo_codes.csv)")
    build(args.reference, args.out, verbose=not args.quiet)
    return 0

