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
load (truncated, forged, not a regular file, unpicklable) is rebuilt, not fatal. A cache
folder that cannot be written costs only the speed.

Trust model. Unpickling runs code, so an entry is unpickled only once it is known to be
one this user wrote: each entry carries an HMAC-SHA256 of its cache key and its bytes,
keyed by a per-user secret of 32 random bytes kept outside the cache
(``$ACCORD_CACHE_SECRET``, else ``$XDG_CONFIG_HOME/accord/cache-secret``, else
``~/.config/accord/cache-secret``; created 0600 in a 0700 folder). Whoever can write the
cache but not read the secret cannot make an entry that loads: a planted ``__reduce__``
payload or an edited lexicon is refused before ``pickle.loads`` sees a byte. A cache
folder, or a secret or its folder, that is not the user's or that others may write (a
secret others may read) is refused: the pipeline is then built on every run, with a
message. Folders are created 0700 and files 0600 whatever the umask.
Why not a cache of data that does not execute: the pipeline holds spaCy's and accord's
components, whose state only pickles whole; a data-only format would need a
serialiser in every component, and would still need an HMAC against an edited lexicon.
"""
from __future__ import annotations

import copyreg
import errno
import hashlib
import hmac
import io
import json
import os
import pickle
import secrets
import shutil
import stat
import sys
import uuid
from pathlib import Path
from types import MappingProxyType
from typing import Sequence

import spacy
from spacy.language import Language

from ..lexicon import Lexicon, load_lexicon
from ..lexicon.load import gc_paused, preload_default
from ..paths import ARGUMENT_MODEL, CUE_MODEL, DATA_DIR, EVENT_MODEL, PACKAGE_DIR, PARSER_MODEL
from ..readers.files import file_kind
from .factories import build_pipeline, register_lexicon

ENTRY_FILE = "pipeline.pickle"
META_FILE = "entry.json"
# the modules whose classes and behaviour a pickled pipeline carries
SOURCE_DIRS = (PACKAGE_DIR / "pipeline", PACKAGE_DIR / "lexicon")
VERSION_FILE = PACKAGE_DIR / "__init__.py"  # holds accord's __version__ (importing the package is above this layer)

MAX_ENTRIES = 8  # entries kept (12-25 MB each); the least recently used go when a new one is written
MAX_ENTRY_BYTES = 1 << 30  # a cached file larger than this is not an entry accord wrote: refused unread
SECRET_BYTES = 32
_MAC_LABEL = b"accord pipeline cache entry v1\0"  # what the MAC is of: no other use of the secret can collide
_LOADED: dict[str, Language] = {}  # key -> pipeline, once per process

Extra = str | Path | Sequence[str | Path] | None


def cache_dir() -> Path:
    """The folder of the pipeline cache (``$ACCORD_CACHE_DIR``, ``$XDG_CACHE_HOME/accord`` or ``~/.cache/accord``)."""
    if os.environ.get("ACCORD_CACHE_DIR"):
        return Path(os.environ["ACCORD_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "accord"


def secret_file() -> Path:
    """The per-user secret that authenticates cache entries (``$ACCORD_CACHE_SECRET``, else under ``$XDG_CONFIG_HOME``
    or ``~/.config``): kept outside the cache, so that write access to the cache is not enough to forge an entry."""
    if os.environ.get("ACCORD_CACHE_SECRET"):
        return Path(os.environ["ACCORD_CACHE_SECRET"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "accord" / "cache-secret"


class Untrusted(Exception):
    """The cache (or its secret) cannot be trusted or used: the pipeline is built instead."""


def _check_private(path: Path, st: os.stat_result, what: str, readable: bool = True) -> None:
    """Refuse ``path`` unless this user owns it and no one else may write it (nor read it, unless ``readable``)."""
    if st.st_uid != os.geteuid():
        raise Untrusted(f"{path}: the {what} belongs to another user (uid {st.st_uid})")
    mask = 0o022 if readable else 0o077
    if st.st_mode & mask:
        may = "write" if st.st_mode & 0o022 else "read"
        raise Untrusted(f"{path}: others may {may} the {what} (mode {stat.S_IMODE(st.st_mode):o}; "
                        f"`chmod {'700' if stat.S_ISDIR(st.st_mode) else '600'}` it)")


def _private_dir(path: Path, what: str) -> None:
    """Make ``path`` (and missing parents) 0700, or check an existing one is the user's alone to write."""
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:  # another process made it meanwhile: checked below like any folder
            continue
        os.chmod(folder, 0o700)  # mkdir's mode passes through the umask; 0700 whatever it is
    st = os.stat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise Untrusted(f"{path}: the {what} is {file_kind(st.st_mode)}, not a folder")
    _check_private(path, st, what)


def _read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path`` if it is a regular file (not a link) of at most ``limit`` bytes.

    Opened without following a link and without blocking, and checked with ``fstat`` before a byte
    is read: a FIFO in an entry's place would otherwise wait for a writer for ever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError(f"{path.name}: a symbolic link, not a regular file") from None
        raise
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"{path.name}: {file_kind(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise ValueError(f"{path.name}: {st.st_size:,} bytes, more than a {what} can be")
        return f.read(limit + 1)


def _secret(root: Path) -> bytes:
    """This user's cache secret, created on first use (0600 in a 0700 folder); raises :class:`Untrusted`."""
    path = secret_file()
    if path.resolve() == root.resolve() or root.resolve() in path.resolve().parents:
        raise Untrusted(f"{path}: the cache secret must be kept outside the cache folder {root}")
    _private_dir(path.parent, "folder of the cache secret")
    if not os.path.lexists(path):
        _create_secret(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Untrusted(f"{path}: the cache secret cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Untrusted(f"{path}: the cache secret is {file_kind(st.st_mode)}, not a regular file")
        _check_private(path, st, "cache secret", readable=False)
        key = f.read(SECRET_BYTES + 1)
    if len(key) != SECRET_BYTES:
        raise Untrusted(f"{path}: not a cache secret ({len(key)} bytes, not {SECRET_BYTES}); "
                        "delete it to make a new one")
    return key


def _create_secret(path: Path) -> None:
    """Write a new random secret at ``path``, whole or not at all: two processes at once agree on one."""
    tmp = path.with_name(f".{path.name}-{os.getpid()}-{uuid.uuid4().hex}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(SECRET_BYTES))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic, and never replaces: the first process's secret is everyone's
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)


def _mac(secret: bytes, key: str, data: bytes) -> str:
    """The HMAC that makes an entry genuine: of this cache key and these bytes, under this user's secret."""
    return hmac.new(secret, _MAC_LABEL + key.encode() + b"\0" + data, hashlib.sha256).hexdigest()


def _extra_paths(extra: Extra) -> list[Path]:
    if extra is None:
        return []
    return [Path(extra)] if isinstance(extra, (str, Path)) else [Path(p) for p in extra]


def _files(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and (suffixes is None or p.suffix in suffixes)
                  and "__pycache__" not in p.parts)


def cache_key(extra: Extra = None, syntax: bool = True, model: str | Path | None = None,
              events_model: str | Path | None = None) -> str:
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
        events = EVENT_MODEL if events_model is None else Path(events_model)
        if events_model is not None:  # another model: its place too (the built pipeline names it)
            add("events-folder", str(Path(events_model).resolve()).encode())
        for p in _files(events):
            add(f"events:{p.relative_to(events)}", p.read_bytes())
        for p in _files(ARGUMENT_MODEL):
            add(f"arguments:{p.relative_to(ARGUMENT_MODEL)}", p.read_bytes())
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


def _read_entry(folder: Path, key: str, secret: bytes) -> Language:
    meta = json.loads(_read_regular(folder / META_FILE, 1 << 16, "entry's description"))
    data = _read_regular(folder / ENTRY_FILE, MAX_ENTRY_BYTES, "cached pipeline")
    mac = meta.get("hmac") if isinstance(meta, dict) else None
    # nothing is unpickled before this: these bytes were written by this user for this key
    if not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(secret, key, data)):
        raise ValueError("not authenticated by this user's cache secret (written by another key or edited)")
    with gc_paused():  # the load makes ~10^6 objects, none of them garbage: collecting meanwhile tripled its time
        nlp = pickle.loads(data)
    if not isinstance(nlp, Language):
        raise ValueError(f"holds a {type(nlp).__name__}, not a spaCy pipeline")
    # components that build parts lazily (the long-sentence splitter) look their lexicon up by key
    register_lexicon(lexicon_of(nlp))
    return nlp


def _write_private(path: Path, data: bytes) -> None:
    """A new file 0600 (``O_EXCL``: never through a link or into someone else's file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _write_entry(root: Path, folder: Path, key: str, nlp: Language, syntax: bool, secret: bytes) -> None:
    data = _dumps(nlp)
    tmp = root / f".tmp-{os.getpid()}-{uuid.uuid4().hex}"
    os.mkdir(tmp, 0o700)
    try:
        os.chmod(tmp, 0o700)  # whatever the umask
        _write_private(tmp / ENTRY_FILE, data)
        meta = {"key": key, "hmac": _mac(secret, key, data), "spacy": spacy.__version__,
                "syntax": syntax, "lexicon": lexicon_of(nlp).version}
        _write_private(tmp / META_FILE, json.dumps(meta, indent=1).encode())
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


def load_or_build(lexicon: Extra = None, syntax: bool = True, model: str | Path | None = None,
                  events_model: str | Path | None = None) -> Language:
    """accord's pipeline over the packaged lexicon plus the analyst file(s) ``lexicon``, from the cache.

    ``syntax``: engine v2 (the default, with the trained parser) or v1 (False), as for
    :func:`accord.pipeline.build_pipeline`; ``events_model``: an event model folder in place of the
    packaged one (checked when the pipeline is built).

    The first call for a given lexicon, engine and code builds the pipeline with
    :func:`accord.pipeline.build_pipeline` and stores it; later calls, in this
    process or another, load it. :func:`lexicon_of` gives its Lexicon. A bad
    analyst file raises :class:`accord.errors.LexiconError` as when building.
    """
    try:
        key = cache_key(lexicon, syntax, model, events_model)
    except OSError:  # an unreadable analyst file: building names the problem
        return build_pipeline(load_lexicon(lexicon), syntax=syntax, model=model, events_model=events_model)
    if key in _LOADED:
        return _LOADED[key]
    root = cache_dir()
    folder = root / f"pipeline-{key[:32]}"
    nlp = None
    try:
        secret = _secret(root)
        _private_dir(root, "cache folder")
    except (Untrusted, OSError) as exc:  # an untrusted or read-only cache costs the speed, not the run
        print(f"accord: cannot cache the pipeline: {exc}; it is rebuilt on every run", file=sys.stderr)
        secret = None
    if secret is not None and os.path.lexists(folder):
        try:
            nlp = _read_entry(folder, key, secret)
            os.utime(folder)  # used now: pruned last
        except Exception as exc:  # noqa: BLE001 -- any failure to load means: rebuild
            print(f"accord: {folder}: cached pipeline unusable ({type(exc).__name__}: {exc}); rebuilding it",
                  file=sys.stderr)
            _discard(folder)
    if nlp is None:
        nlp = build_pipeline(load_lexicon(lexicon), syntax=syntax, model=model, events_model=events_model)
        if secret is not None:
            try:
                _write_entry(root, folder, key, nlp, bool(syntax or model is not None), secret)
                _prune(root, folder)
            except OSError as exc:  # a full disk costs the speed, not the run
                print(f"accord: cannot cache the pipeline: {root}: {exc}; it is rebuilt on every run",
                      file=sys.stderr)
    _LOADED[key] = nlp
    if not _extra_paths(lexicon):  # load_lexicon() in this process (the charts read the rules) parses no YAML
        preload_default(lexicon_of(nlp))
    return nlp
