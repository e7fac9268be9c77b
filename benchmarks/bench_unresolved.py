"""Issue 22, item 11 benchmark: ``accord actors --unresolved`` on one long document is linear in its length.

Builds tables holding one document of ``--mb`` megabytes (and of twice that), a news-like
sentence of about 75 characters each naming a different unknown person (an ``UNK:`` mention
per sentence: the worst case for finding each name's sample sentence), writes them as a
Parquet tables folder, and times ``accord actors --unresolved FOLDER`` end to end in a fresh
process (reading and validating the tables included), and ``unresolved_names`` alone.

    .venv/bin/python benchmarks/bench_unresolved.py [--mb 2.2]
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Officials said on Tuesday that {name} met the delegation in the capital. "


def build(n_names: int) -> dict:
    """Validated documents and mentions tables: one document of ``n_names`` sentences, one unknown name each."""
    from accord import tables

    sentences, mentions, offset = [], [], 0
    for i in range(n_names):
        name = f"Zorbania Kladovsk{i}"
        sentence = SENTENCE.format(name=name)
        start = offset + sentence.index(name)
        mentions.append({"doc_id": "long", "sent_id": i, "start": start, "end": start + len(name), "text": name,
                         "actor_id": f"UNK:{name}", "entity": None, "kind": "unresolved"})
        sentences.append(sentence)
        offset += len(sentence)
    text = "".join(sentences)
    doc = {"doc_id": "long", "path": "long.txt", "title": None, "date": None, "source": None, "url": None,
           "n_chars": len(text), "text": text}
    empty = {name: tables.frame(name, []) for name in tables.TABLE_NAMES}
    return {**empty, "documents": tables.frame("documents", [doc]), "mentions": tables.frame("mentions", mentions)}


def names_for(mb: float) -> int:
    return int(mb * 1e6 / len(SENTENCE.format(name="Zorbania Kladovsk10000")))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=2.2, help="size of the smaller document (default 2.2 MB; also 2x)")
    a = p.parse_args(argv)
    from accord.analysis.unresolved import unresolved_names
    from accord.dataset.source import write_tables

    print("| document | unresolved names | `accord actors --unresolved` wall | CPU | `unresolved_names` CPU |")
    print("|---:|---:|---:|---:|---:|")
    for mb in (a.mb, 2 * a.mb):
        result = build(names_for(mb))
        t = time.process_time()
        unresolved_names(result)
        alone = time.process_time() - t
        with tempfile.TemporaryDirectory(prefix="accord-unresolved-") as tmp:
            write_tables(result, Path(tmp) / "tables", "parquet")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            subprocess.run([sys.executable, "-m", "accord.cli", "actors", "--unresolved", str(Path(tmp) / "tables"),
                            "--limit", "5"], check=True, capture_output=True)
            wall = time.perf_counter() - wall
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        size = len(result["documents"]["text"].iloc[0]) / 1e6
        print(f"| {size:.1f} MB | {len(result['mentions']):,} | {wall:.1f} s | {cpu:.1f} s | {alone:.2f} s |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
