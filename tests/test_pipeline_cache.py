"""The pipeline cache: built once, loaded after; a new entry when the lexicon, the analyst's file or the engine changes.

Each test uses its own cache folder (``ACCORD_CACHE_DIR``) and forgets the
pipelines this process already loaded, so that every load really reads the disk.
"""
from __future__ import annotations

import os
import shutil
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

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "seeds"
WAGNER = [Document("d", "mem", "The Wagner Group attacked Ukraine.", date="2023-01-01")]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_LOADED", {})  # this process's memo, emptied: the next load reads the disk
    monkeypatch.setattr(lexicon_load, "_PRELOADED", {})
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The default pipeline, built once for this module into a cache folder: (that folder, the built pipeline)."""
    folder = tmp_path_factory.mktemp("built") / "cache"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ACCORD_CACHE_DIR", str(folder))
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
    env = {**os.environ, "ACCORD_CACHE_DIR": str(cache_dir)}
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


def test_an_unwritable_cache_folder_costs_only_the_speed(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(blocker / "cache"))
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
                         env={**os.environ, "ACCORD_CACHE_DIR": str(cache_dir)})
    assert res.returncode == 0, res.stderr[-2000:]
    assert "building" not in res.stderr.lower()  # it loaded the entry rather than building one
