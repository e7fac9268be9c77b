"""The open corpus as the package ships it, and its examples for training, cached per parser and lexicon.

``accord learn`` trains on the open corpus (``training/corpus/``, CC BY-SA 4.0) plus the analyst's
corrections, so the package carries the corpus: its two splits gzipped (written deterministically
by :func:`pack`, ``make corpus``) with their license, in ``accord/data/corpus/``. The examples of the
corpus (the features of each predicate, :mod:`.train`) take about a CPU minute to compute; they
are kept in the accord cache folder under a key of the corpus, the parser, the lexicon and the
feature code, as JSON lines (lists of strings: nothing in them runs).
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

from ..errors import AccordError
from ..paths import DATA_DIR
from ..pipeline.cache import cache_dir, cache_key
from .train import Example, cached_examples

PACKED = DATA_DIR / "corpus"
SPLITS = ("train", "test")


def packed_path(split: str, folder: Path = PACKED) -> Path:
    """The gzipped JSON lines of one split of the packaged corpus."""
    return folder / f"{split}.jsonl.gz"


def pack(source: Path, folder: Path = PACKED) -> list[Path]:
    """Write ``source``'s ``train.jsonl`` and ``test.jsonl`` gzipped into ``folder``, byte for byte the same
    for the same corpus (no time or name in the gzip header); the corpus's LICENSE goes beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for split in SPLITS:
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
            gz.write((source / f"{split}.jsonl").read_bytes())
        path = packed_path(split, folder)
        path.write_bytes(buf.getvalue())
        out.append(path)
    (folder / "LICENSE").write_bytes((source / "LICENSE").read_bytes())
    return out


def load_packed(folder: Path = PACKED) -> list[dict]:
    """Every item of the packaged corpus, train split first, each with its ``split``."""
    items = []
    for split in SPLITS:
        path = packed_path(split, folder)
        if not path.is_file():
            raise AccordError(f"{path}: the packaged open corpus is missing (`make corpus` writes it)")
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            items += [{**json.loads(line), "split": split} for line in text.splitlines() if line.strip()]
        except (OSError, ValueError) as exc:
            raise AccordError(f"{path}: not the gzipped JSON lines of the open corpus ({exc})") from exc
    return items


def corpus_key(folder: Path = PACKED) -> str:
    """The key of the corpus's examples: the corpus's bytes and the pipeline that reads them."""
    h = hashlib.sha256()
    for split in SPLITS:
        h.update(packed_path(split, folder).read_bytes())
    h.update(cache_key().encode())
    return h.hexdigest()[:16]


def corpus_examples(nlp, categories, folder: Path = PACKED) -> tuple[list[dict], list[list[Example]], str]:
    """The packaged corpus's items, the examples of each (from the cache when there), and their key."""
    items = load_packed(folder)
    key = corpus_key(folder)
    rows = cached_examples(items, cache_dir() / f"learn-events-{key}.jsonl.gz", nlp, categories)
    return items, rows, key
