"""The pipeline cache: built once, loaded after; a new entry when the lexicon, the analyst's file or the engine changes.

Each test uses its own cache folder (``ACCORD_CACHE_DIR``) and forgets the
pipelines this process already loaded, so that every load really reads the disk. The
module's tests share one secret (``ACCORD_CACHE_SECRET``), outside every cache folder, so
that an entry copied from the module's build is genuine; the user's own secret is never touched.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import accord
from accord.lexicon import load as lexicon_load
from accord.lexicon import load_lexicon
from accord.pipeline import cache
from accord.pipeline.cache import cache_key, lexicon_of, load_or_build
from accord.readers import Document

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "seeds"
WAGNER = [Document("d", "mem", "The Wagner Group attacked Ukraine.", date="2023-01-01")]


@pytest.fixture(scope="module")
def secret(tmp_path_factory) -> Path:
    """The file of the cache secret these tests share (created by the first load)."""
    return tmp_path_factory.mktemp("config") / "accord" / "cache-secret"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch, secret):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(folder))
    monkeypatch.setenv("ACCORD_CACHE_SECRET", str(secret))
    monkeypatch.setattr(cache, "_LOADED", {})  # this process's memo, emptied: the next load reads the disk
    monkeypatch.setattr(lexicon_load, "_PRELOADED", {})
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, secret):
    """The default pipeline, built once for this module into a cache folder: (that folder, the built pipeline)."""
    folder = tmp_path_factory.mktemp("built") / "cache"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACCORD_CACHE_DIR", str(folder))
        mp.setenv("ACCORD_CACHE_SECRET", str(secret))
        mp.setattr(cache, "_LOADED", {})
        mp.setattr(lexicon_load, "_PRELOADED", {})
        nlp = load_or_build()
    return folder, nlp


def _copy(built, cache_dir: Path) -> Path:
    """The module's built entry, copied into this test's cache folder; returns the entry."""
    shutil.copytree(built[0], cache_dir)
    [entry] = _entries(cache_dir)
    return entry


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("pipeline-"))


def _csv(tables) -> dict[str, str]:
    return {name: df.to_csv(index=False) for name, df in tables.items()}


def test_the_first_run_builds_the_cache_and_the_next_loads_it_with_identical_tables(built, cache_dir):
    assert len(_entries(built[0])) == 1  # the first run wrote its entry
    entry = _copy(built, cache_dir)
    pickle_file = entry / cache.ENTRY_FILE
    stamp = pickle_file.stat().st_mtime_ns
    loaded = load_or_build()
    assert loaded is not built[1]  # read back from disk, not this process's object
    assert _entries(cache_dir) == [entry] and pickle_file.stat().st_mtime_ns == stamp  # not rewritten
    assert lexicon_of(loaded).version == lexicon_of(built[1]).version
    assert load_lexicon() is lexicon_of(loaded)  # the default lexicon is not parsed again (the charts read it)
    # the tables of a freshly built pipeline (a Lexicon object is never cached) and of the cached one
    fresh = accord.annotate(SEED_DIR, lexicon=lexicon_of(built[1]))
    cached = accord.annotate(SEED_DIR)
    assert len(fresh["relations"]) > 0
    assert _csv(cached) == _csv(fresh)


def test_another_process_loads_the_entry(built, cache_dir):
    entry = _copy(built, cache_dir)
    stamp = (entry / cache.ENTRY_FILE).stat().st_mtime_ns
    code = "import accord, sys; print(len(accord.annotate(sys.argv[1])['relations']))"
    env = {**os.environ}  # the cache folder and the secret of this test
    run = subprocess.run([sys.executable, "-c", code, str(SEED_DIR)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 0 and "rebuilding" not in run.stderr
    assert _entries(cache_dir) == [entry] and (entry / cache.ENTRY_FILE).stat().st_mtime_ns == stamp


def test_changing_the_analysts_file_rebuilds_and_the_change_is_seen(cache_dir, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {id: XWG, kind: org, code: XWG, name: Wagner Group, country: RUS}\n",
                     encoding="utf-8")
    assert "XWG" in set(accord.annotate(WAGNER, lexicon=extra)["mentions"].actor_id)
    extra.write_text("actors:\n  - {id: XWZ, kind: org, code: XWZ, name: Wagner Group, country: RUS}\n",
                     encoding="utf-8")
    cache._LOADED.clear()  # as in a new process
    codes = set(accord.annotate(WAGNER, lexicon=extra)["mentions"].actor_id)
    assert "XWZ" in codes and "XWG" not in codes
    assert len(_entries(cache_dir)) == 2


def test_the_key_follows_content_engine_and_packaged_files(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text("agents:\n  envoy: GOV\n", encoding="utf-8")
    key = cache_key(extra)
    assert cache_key(extra, syntax=False) != key  # engine v1 is another pipeline
    assert cache_key(None) != key
    extra.touch()  # a new mtime with the same bytes is the same lexicon
    assert cache_key(extra) == key
    extra.write_text("agents:\n  envoy: MIL\n", encoding="utf-8")
    assert cache_key(extra) != key
    # a packaged lexicon file edited in place (a copy of the data folder stands for the package's)
    data = tmp_path / "data"
    shutil.copytree(cache.DATA_DIR, data)
    monkeypatch.setattr(cache, "DATA_DIR", data)
    packaged = cache_key(None)
    with open(data / "agents_curated.yaml", "a", encoding="utf-8") as f:
        f.write("\n# an analyst's note\n")
    assert cache_key(None) != packaged


def test_a_corrupt_entry_is_rebuilt_not_fatal_and_old_entries_are_pruned(built, cache_dir, capsys):
    entry = _copy(built, cache_dir)
    for n in range(cache.MAX_ENTRIES):  # entries of older code or lexicons, unused for a while
        old = cache_dir / f"pipeline-old{n}"
        old.mkdir()
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    data = (entry / cache.ENTRY_FILE).read_bytes()
    (entry / cache.ENTRY_FILE).write_bytes(data[: len(data) // 2])  # a run killed while copying, a full disk
    nlp = load_or_build()
    assert "rebuilding" in capsys.readouterr().err
    assert len(accord.annotate(SEED_DIR)["relations"]) > 0
    assert entry in _entries(cache_dir) and len(_entries(cache_dir)) == cache.MAX_ENTRIES
    assert not (cache_dir / "pipeline-old0").exists()  # the least recently used went
    cache._LOADED.clear()
    assert load_or_build() is not nlp  # the rebuilt entry loads
    assert "rebuilding" not in capsys.readouterr().err


def test_an_unwritable_cache_folder_costs_only_the_speed(tmp_path, monkeypatch, capsys, secret):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setenv("ACCORD_CACHE_SECRET", str(secret))
    monkeypatch.setattr(cache, "_LOADED", {})
    assert len(accord.annotate(WAGNER)["mentions"]) > 0
    assert "cannot cache" in capsys.readouterr().err


def test_a_cached_pipeline_in_a_fresh_process_splits_a_run_on_sentence(built, cache_dir):
    # the long-sentence splitter builds its name matcher lazily, from the lexicon registered by key:
    # a pipeline unpickled in a new process must register it (found by the 1 MB robustness test)
    _copy(built, cache_dir)
    script = ("import accord; from accord.readers import Document\n"
              "text = ' '.join(['Russia and Iran signed deals and North Korea sent shells'] * 40) + '.'\n"
              "t = accord.annotate([Document('d', 'mem', text, date='2024-06-18')])\n"
              "assert t['errors'].empty, t['errors'].to_dict('records')\n"
              "assert len(t['mentions']) >= 120, len(t['mentions'])\n")
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env={**os.environ})  # the cache folder and the secret of this test
    assert res.returncode == 0, res.stderr[-2000:]
    assert "building" not in res.stderr.lower()  # it loaded the entry rather than building one


# --- the cache's trust model (issue 22, items 1 and 10): nothing planted in the cache runs or is used ---

class _Payload:
    """A pickle that runs code on load (it writes ``mark``) and then returns the genuine pipeline."""

    def __init__(self, mark: Path, genuine: Path) -> None:
        self.mark, self.genuine = mark, genuine

    def __reduce__(self):
        code = (f"(__import__('pathlib').Path({str(self.mark)!r}).write_text('ran'), "
                f"__import__('pickle').loads(__import__('pathlib').Path({str(self.genuine)!r}).read_bytes()))[1]")
        return eval, (code,)


def _plant(entry: Path, data: bytes) -> None:
    """Replace the entry's pickle with ``data`` and fix up the checksum beside it, as anyone who can write one can."""
    (entry / cache.ENTRY_FILE).write_bytes(data)
    meta = json.loads((entry / cache.META_FILE).read_text("utf-8"))
    meta["sha256"] = hashlib.sha256(data).hexdigest()
    (entry / cache.META_FILE).write_text(json.dumps(meta), "utf-8")


def test_a_planted_reduce_payload_never_runs(built, cache_dir, tmp_path, capsys):
    entry = _copy(built, cache_dir)
    genuine = tmp_path / "genuine.pickle"
    shutil.copyfile(entry / cache.ENTRY_FILE, genuine)
    mark = tmp_path / "payload-ran"
    _plant(entry, pickle.dumps(_Payload(mark, genuine)))
    nlp = load_or_build()
    assert not mark.exists(), "code planted in the cache ran"
    assert "rebuilding" in capsys.readouterr().err  # the entry is refused, and said to be
    assert len(nlp("The Wagner Group attacked Ukraine.")) > 0
    cache._LOADED.clear()
    load_or_build()  # the rebuilt entry is genuine and loads silently
    assert not mark.exists() and "rebuilding" not in capsys.readouterr().err


def test_an_entry_edited_without_code_does_not_recode_actors(built, cache_dir):
    # no code runs: the lexicon inside the pickle is edited (Ukraine's code, same length) and the checksum fixed up
    entry = _copy(built, cache_dir)
    data = (entry / cache.ENTRY_FILE).read_bytes()
    assert data.count(b"UKR") > 0
    _plant(entry, data.replace(b"UKR", b"XUK"))
    codes = set(accord.annotate(WAGNER)["mentions"].actor_id)
    assert "UKR" in codes and "XUK" not in codes


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_are_created_0700_and_files_0600_whatever_the_umask(built, cache_dir, monkeypatch, secret):
    monkeypatch.setattr(cache, "build_pipeline", lambda *a, **k: built[1])  # what is built is not the point
    old = os.umask(0)  # the worst umask: 777 folders and 666 files by default
    try:
        load_or_build()
    finally:
        os.umask(old)
    [entry] = _entries(cache_dir)
    assert _mode(cache_dir) == 0o700 and _mode(entry) == 0o700
    assert {p.name: _mode(p) for p in entry.iterdir()} == {cache.ENTRY_FILE: 0o600, cache.META_FILE: 0o600}
    assert _mode(secret) == 0o600 and _mode(secret.parent) == 0o700
    assert cache_dir.resolve() not in secret.resolve().parents  # the key is kept outside the cache


@pytest.mark.parametrize("how", ["writable by others", "writable by the group", "owned by another user"])
def test_a_cache_folder_others_can_write_is_refused(built, cache_dir, monkeypatch, capsys, how):
    monkeypatch.setattr(cache, "build_pipeline", lambda *a, **k: built[1])
    _copy(built, cache_dir)  # a genuine entry: it is not the entry that is refused, but the folder
    if how == "owned by another user":
        if os.geteuid() != 0:
            pytest.skip("needs root to give the folder away")
        os.chown(cache_dir, 54321, 54321)
        cache_dir.chmod(0o700)
    else:
        cache_dir.chmod(0o777 if how == "writable by others" else 0o770)
    before = sorted(p.name for p in cache_dir.iterdir())
    assert load_or_build() is built[1]  # built (here: the module's pipeline), not loaded from that folder
    err = capsys.readouterr().err
    assert str(cache_dir) in err and "cannot cache" in err, err
    assert sorted(p.name for p in cache_dir.iterdir()) == before  # nothing written either


def test_a_secret_others_can_read_is_refused(built, cache_dir, monkeypatch, capsys, secret):
    entry = _copy(built, cache_dir)
    load_or_build()  # the secret exists
    monkeypatch.setattr(cache, "build_pipeline", lambda *a, **k: built[1])
    secret.chmod(0o644)
    try:
        cache._LOADED.clear()
        assert load_or_build() is built[1]  # built, not loaded with a key others may know
        err = capsys.readouterr().err
        assert str(secret) in err and "cannot cache" in err, err
    finally:
        secret.chmod(0o600)
    assert (entry / cache.ENTRY_FILE).is_file()


class _Hung(BaseException):
    """Raised by the alarm: not an Exception, so that no ``except Exception`` can swallow it."""


def test_a_fifo_in_place_of_the_cached_pickle_is_refused_not_waited_on(built, cache_dir, monkeypatch, capsys):
    entry = _copy(built, cache_dir)
    (entry / cache.ENTRY_FILE).unlink()
    os.mkfifo(entry / cache.ENTRY_FILE)
    monkeypatch.setattr(cache, "build_pipeline", lambda *a, **k: built[1])

    def hung(signum, frame):
        raise _Hung("reading the cache waited on a FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        assert load_or_build() is built[1]  # rebuilt (here: the module's pipeline), not waited for
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "FIFO" in capsys.readouterr().err
    assert (entry / cache.ENTRY_FILE).is_file()  # the entry is written anew in its place


def test_a_secret_kept_inside_the_cache_is_refused(built, cache_dir, monkeypatch, capsys):
    # whoever may write the cache could then read or replace the key that authenticates it
    monkeypatch.setenv("ACCORD_CACHE_SECRET", str(cache_dir / "keys" / "cache-secret"))
    monkeypatch.setattr(cache, "build_pipeline", lambda *a, **k: built[1])
    assert load_or_build() is built[1]
    err = capsys.readouterr().err
    assert "outside the cache folder" in err and "cannot cache" in err, err
    assert not (cache_dir / "keys").exists()
