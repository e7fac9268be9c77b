"""A dataset is annotated with the run's Engine, made once and carried (issue 21): ``annotate_dataset``
takes an Engine as ``accord.annotate`` does; in this process it runs the engine's own pipeline, and a
Dask worker rebuilds the same engine from a picklable description (the lexicon file's bytes, the engine,
the event model), checked against the client's lexicon version. Real pipeline, real Dask."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import accord
from accord import tables
from accord.dataset import read
from accord.dataset.scale import annotate_dataset
from accord.dataset.worker import LexiconSpec
from accord.engine import Engine
from accord.errors import AccordError

TEXT = ("The Zorbanian Guard accused China of ramming its vessel on Monday. "
        "Russia praised the Zorbanian Guard. China sent drones to Russia.")
# an invented actor only this analyst file knows: a run that loaded another lexicon would not code it
LEXICON = "actors:\n  - {id: ZORGUARD, kind: org, code: PHLMIL, name: Zorbanian Guard}\n"


def _quiet(**kw):
    return dict(progress=False, durable=False, log=lambda m: None, **kw)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("engine")
    corpus = base / "news"
    corpus.mkdir()
    (corpus / "guard.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "guard.meta.yaml").write_text("date: 2024-03-05\n", encoding="utf-8")
    lexicon = base / "names.yaml"
    lexicon.write_text(LEXICON, encoding="utf-8")
    return corpus, lexicon


@pytest.fixture(scope="module")
def engine(files) -> Engine:
    return Engine.load(files[1])


def _same(got, want):
    for name in tables.TABLE_NAMES:
        assert got[name].equals(want[name]), name


def test_a_dataset_is_annotated_with_the_engine_it_is_given(files, engine, tmp_path):
    corpus, lexicon = files
    annotate_dataset(corpus, tmp_path / "by-engine", lexicon=engine, workers=0, **_quiet())
    annotate_dataset(corpus, tmp_path / "by-file", lexicon=lexicon, workers=0, **_quiet())
    got = read.read_dataset(tmp_path / "by-engine")
    _same(got, read.read_dataset(tmp_path / "by-file"))
    _same(got, read.canonical(accord.annotate(corpus, lexicon=engine)))
    assert "PHLMIL" in {c for codes in got["relations"]["source"] for c in codes}  # the analyst's actor, coded
    # the dataset keeps the engine's lexicon file, so that its corrections are read with it
    assert (tmp_path / "by-engine" / "lexicon.yaml").read_bytes() == lexicon.read_bytes()
    assert "ZORGUARD" in {a.id for a in read.dataset_engine(tmp_path / "by-engine").lexicon.actors}


def test_a_worker_rebuilds_the_engine_from_its_picklable_description(files, engine):
    spec = pickle.loads(pickle.dumps(LexiconSpec.of(engine)))  # what Dask sends a worker
    assert spec.version == engine.version and spec.data == files[1].read_bytes() and spec.syntax == engine.syntax
    rebuilt = spec.engine()
    assert rebuilt.version == engine.version and rebuilt.rules == engine.rules


def test_an_engine_over_a_lexicon_value_is_refused_with_the_reason(files, tmp_path):
    value = Engine.load(accord.load_lexicon(files[1]), pipeline=False)
    with pytest.raises(AccordError, match="a dataset keeps its lexicon as a file"):
        annotate_dataset(files[0], tmp_path / "ds", lexicon=value, workers=0, **_quiet())
    assert not (tmp_path / "ds").exists()


def test_dask_workers_annotate_with_the_client_s_engine(files, engine, tmp_path):
    corpus, _ = files
    stats = annotate_dataset(corpus, tmp_path / "ds", lexicon=engine, workers=1, **_quiet())
    assert "Dask" in stats.where and stats.annotated == 1
    _same(read.read_dataset(tmp_path / "ds"), read.canonical(accord.annotate(corpus, lexicon=engine)))
