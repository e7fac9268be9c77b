"""The built pipeline, cached on disk: build it once per lexicon and engine, load it afterwards.

Building the pipeline tokenizes ~35,000 lexicon names into phrase tables and
takes seconds; loading a pickle of the built pipeline (with its lexicon) takes
about half as long and needs no YAML parsing. An entry is keyed by the content
of everything that shapes the pipeline: every packaged lexicon file and the
analyst's files (bytes, not mtimes), the engine (``syntax``) and the trained
model's files, the source of :mod:`accord.pipeline` and :mod:`accord.lexicon`
(whose classes the pickle holds), accord's ``__init__`` (its version) and the spaCy and Python versions.

Where: ``$ACCORD_CACHE_DIR``, else ``$XDG_CACHE_HOME/accord``, else
``~/.cache/accord``. An entry is a folder written under a temporary name and
renamed into place, so that two processes building at once never see half an
entry (the second rename loses and its copy is dropped); the :data:`MAX_ENTRIES` most recently
used entries are kept. An entry that does not
load (truncated, checksum mismatch, unpicklable) is rebuilt, not fatal. A cache
folder that cannot be written costs only the speed. The cache holds pickles:
only a folder the user owns should be used as ``ACCORD_CACHE_DIR``.
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import json
import os
import pickle
import shutil
import sys
import uuid
from pathlib import Path
from types import MappingProxyType
from typing import Sequence

import spacy
from spacy.language import Language

from ..lexicon import Lexicon, load_lexicon
from ..lexicon.load import gc_paused, preload_default
from ..paths import DATA_DIR, EVENT_MODEL, PACKAGE_DIR, PARSER_MODEL
from .cuemodel import CUE_MODEL
from .factories import build_pipeline, register_lexicon

ENTRY_FILE = "pipeline.pickle"
META_FILE = "entry.json"
# the modules whose classes and behaviour a pickled pipeline carries
SOURCE_DIRS = (PACKAGE_DIR / "pipeline", PACKAGE_DIR / "lexicon")
VERSION_FILE = PACKAGE_DIR / "__init__.py"  # holds accord's __version__ (importing the package is above this layer)

MAX_ENTRIES = 8  # entries kept (12-20 MB each); the least recently used go when a new one is written
_LOADED: dict[str, Language] = {}  # key -> pipeline, once per process

Extra = str | Path | Sequence[str | Path] | None


def cache_dir() -> Path:
    """The folder of the pipeline cache (``$ACCORD_CACHE_DIR``, ``$XDG_CACHE_HOME/accord`` or ``~/.cache/accord``)."""
    if os.environ.get("ACCORD_CACHE_DIR"):
        return Path(os.environ["ACCORD_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "accord"


def _extra_paths(extra: Extra) -> list[Path]:
    if extra is None:
        return []
    return [Path(extra)] if isinstance(extra, (str, Path)) else [Path(p) for p in extra]


def _files(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and (suffixes is None or p.suffix in suffixes)
                  and "__pycache__" not in p.parts)


def cache_key(extra: Extra = None, syntax: bool = True, model: str | Path | None = None) -> str:
    """The cache key of the pipeline over the packaged lexicon plus ``extra``, for this engine and code.

    Raises OSError when an analyst file cannot be read (the caller then builds, which names the problem).
    """
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode() + data)

    add("versions", f"spacy {spacy.__version__} python {sys.version_info[:2]}".encode())
    add("accord", VERSION_FILE.read_bytes())
    add("engine", f"syntax={bool(syntax or model is not None)}".encode())
    for folder in SOURCE_DIRS:
        for p in _files(folder, (".py",)):
            add(f"source:{p.relative_to(PACKAGE_DIR)}", p.read_bytes())
    for p in _files(DATA_DIR, (".yaml", ".yml")):
        add(f"data:{p.name}", p.read_bytes())
    for p in _extra_paths(extra):
        add(f"analyst:{p.name}", p.read_bytes())  # the name is part of the lexicon version too
    if syntax or model is not None:
        folder = Path(model) if model is not None else PARSER_MODEL
        for p in _files(folder):
            add(f"model:{p.relative_to(folder)}", p.read_bytes())
        for p in _files(EVENT_MODEL):
            add(f"events:{p.relative_to(EVENT_MODEL)}", p.read_bytes())
    for p in _files(CUE_MODEL):  # the learned cue detector, which the claims component holds
        add(f"cues:{p.relative_to(CUE_MODEL)}", p.read_bytes())
    return digest.hexdigest()


def _proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _dumps(obj: object) -> bytes:
    # the Lexicon's read-only mappings do not pickle by themselves; a private table keeps this local
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda m: (_proxy, (dict(m),))
    pickler.dump(obj)
    return buf.getvalue()


def lexicon_of(nlp: Language) -> Lexicon:
    """The lexicon a pipeline from :func:`load_or_build` (or :func:`build_pipeline`) codes with."""
    return nlp.get_pipe("accord_actors").lexicon


def _read_entry(folder: Path, key: str) -> Language:
    meta = json.loads((folder / META_FILE).read_text("utf-8"))
    data = (folder / ENTRY_FILE).read_bytes()
    if meta.get("key") != key or meta.get("sha256") != hashlib.sha256(data).hexdigest():
        raise ValueError("checksum or key mismatch")
    with gc_paused():  # the load makes ~10^6 objects, none of them garbage: collecting meanwhile tripled its time
        nlp = pickle.loads(data)
    if not isinstance(nlp, Language):
        raise ValueError(f"holds a {type(nlp).__name__}, not a spaCy pipeline")
    # components that build parts lazily (the long-sentence splitter) look their lexicon up by key
    register_lexicon(lexicon_of(nlp))
    return nlp


def _write_entry(root: Path, folder: Path, key: str, nlp: Language, syntax: bool) -> None:
    data = _dumps(nlp)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{os.getpid()}-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        (tmp / ENTRY_FILE).write_bytes(data)
        meta = {"key": key, "sha256": hashlib.sha256(data).hexdigest(), "spacy": spacy.__version__,
                "syntax": syntax, "lexicon": lexicon_of(nlp).version}
        (tmp / META_FILE).write_text(json.dumps(meta, indent=1), "utf-8")
        try:
            os.rename(tmp, folder)  # atomic; fails if another process renamed its copy first
        except OSError:
            if not (folder / META_FILE).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _discard(folder: Path) -> None:
    """Move a bad entry aside first (atomic), so that no reader sees it half deleted."""
    aside = folder.with_name(f".bad-{os.getpid()}-{uuid.uuid4().hex}")
    try:
        os.rename(folder, aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def _prune(root: Path, keep: Path) -> None:
    """Drop the least recently used entries beyond :data:`MAX_ENTRIES` (a load marks an entry used)."""
    entries = sorted((p for p in root.glob("pipeline-*") if p != keep), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    for old in entries[MAX_ENTRIES - 1:]:
        _discard(old)


def load_or_build(lexicon: Extra = None, syntax: bool = True, model: str | Path | None = None) -> Language:
    """accord's pipeline over the packaged lexicon plus the analyst file(s) ``lexicon``, from the cache.

    ``syntax``: engine v2 (the default, with the trained parser) or v1 (False), as for
    :func:`accord.pipeline.build_pipeline`.

    The first call for a given lexicon, engine and code builds the pipeline with
    :func:`accord.pipeline.build_pipeline` and stores it; later calls, in this
    process or another, load it. :func:`lexicon_of` gives its Lexicon. A bad
    analyst file raises :class:`accord.errors.LexiconError` as when building.
    """
    try:
        key = cache_key(lexicon, syntax, model)
    except OSError:  # an unreadable analyst file: building names the problem
        return build_pipeline(load_lexicon(lexicon), syntax=syntax, model=model)
    if key in _LOADED:
        return _LOADED[key]
    root = cache_dir()
    folder = root / f"pipeline-{key[:32]}"
    nlp = None
    if folder.is_dir():
        try:
            nlp = _read_entry(folder, key)
            os.utime(folder)  # used now: pruned last
        except Exception as exc:  # noqa: BLE001 -- any failure to load means: rebuild
            print(f"accord: {folder}: cached pipeline unusable ({type(exc).__name__}: {exc}); rebuilding it",
                  file=sys.stderr)
            _discard(folder)
    if nlp is None:
        nlp = build_pipeline(load_lexicon(lexicon), syntax=syntax, model=model)
        try:
            _write_entry(root, folder, key, nlp, bool(syntax or model is not None))
            _prune(root, folder)
        except OSError as exc:  # a read-only home costs the speed, not the run
            print(f"accord: {root}: cannot cache the pipeline ({exc}); it is rebuilt on every run",
                  file=sys.stderr)
    _LOADED[key] = nlp
    if not _extra_paths(lexicon):  # load_lexicon() in this process (the charts read the rules) parses no YAML
        preload_default(lexicon_of(nlp))
    return nlp
