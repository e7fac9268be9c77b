"""The Parquet store on its own: the commit protocol, superseding a changed document, reading back.

Batches are made from real annotation rows (no Dask): what a worker would send.
"""
from __future__ import annotations

import pytest

from accord.dataset.source import read_tables, write_tables
import accord
from accord.dataset import read, store
from accord.dataset.layout import MARKER, month_of
from accord.errors import DatasetError
from accord.readers import Document

DOC_TABLES = ("documents", "mentions", "relations", "claims", "errors")


def batch(*documents: Document) -> dict:
    result = accord.annotate(list(documents))
    return {name: result[name] for name in DOC_TABLES}, result


def commit(ds: store.Dataset, batch_id: str, frames: dict, documents: list[Document]) -> list[str]:
    keys = [store.item_key(d, ds.lexicon_version) for d in documents]
    ds.commit(batch_id, store.batch_parts(frames), [(k, d.doc_id, "doc") for k, d in zip(keys, documents)],
              n_docs=len(documents))
    return keys


def test_a_committed_batch_is_done_and_reads_back_as_annotate_returns_it(tmp_path) -> None:
    docs = [Document("b", "mem", "Putin visited Pyongyang.", date="2024-06-19"),
            Document("a", "mem", "Kim Jong Un praised Russia.", date=None)]
    frames, result = batch(*docs)
    lexicon = accord.load_lexicon()
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        keys = commit(ds, "batch1", frames, docs)
        assert all(ds.is_done(k) for k in keys)
        assert not ds.is_done("another")
        rows = ds.finish(lexicon)
    assert rows["documents"] == 2 and rows["actors"] == len(result["actors"])
    back = read.read_dataset(tmp_path / "ds")
    expected = read.canonical(result)
    for name in back:
        assert back[name].equals(expected[name]), name


def test_a_changed_document_supersedes_its_old_rows(tmp_path) -> None:
    old = Document("d", "mem", "Putin visited Pyongyang.", date="2024-06-19")
    new = Document("d", "mem", "Kim Jong Un visited Moscow.", date="2024-06-19")
    lexicon = accord.load_lexicon()
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        commit(ds, "one", batch(old)[0], [old])
        commit(ds, "two", batch(new)[0], [new])
        ds.finish(lexicon)
    back = read.read_dataset(tmp_path / "ds")
    assert back["documents"]["text"].tolist() == [new.text]
    assert set(back["mentions"]["text"]) == {"Kim Jong Un", "Moscow"}


def test_an_uncommitted_batch_leaves_no_rows(tmp_path) -> None:
    doc = Document("d", "mem", "Putin visited Pyongyang.", date="2024-06-19")
    lexicon = accord.load_lexicon()
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        with pytest.raises(RuntimeError):
            def broken():
                yield from store.batch_parts(batch(doc)[0])
                raise RuntimeError("the worker died mid-batch")
            ds.commit("broken", broken(), [])
        ds.finish(lexicon)
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:  # recovers what was left
        assert not ds.is_done(store.item_key(doc, lexicon.version))
    assert read.read_dataset(tmp_path / "ds")["documents"].empty


def test_another_lexicon_is_refused_unless_overwrite(tmp_path) -> None:
    with store.Dataset.open(tmp_path / "ds", "v1"):
        pass
    with pytest.raises(DatasetError, match="lexicon v1"):
        store.Dataset.open(tmp_path / "ds", "v2")
    with store.Dataset.open(tmp_path / "ds", "v2", overwrite=True):
        pass
    assert '"v2"' in (tmp_path / "ds" / MARKER).read_text()


def test_documents_are_partitioned_by_month_of_publication() -> None:
    assert month_of("2024-06-19") == "2024-06"
    assert month_of("2024-06") == "2024-06"
    assert month_of(None) == month_of("2024") == "unknown"


def test_reading_a_folder_that_is_no_dataset_fails_with_its_path(tmp_path) -> None:
    with pytest.raises(DatasetError, match=str(tmp_path)):
        read.read_dataset(tmp_path)


def test_user_errors_are_accords_own_and_name_the_path(tmp_path) -> None:
    """A missing table, an unknown table format and a lexicon that differs on a worker are AccordErrors."""
    from accord import tables
    from accord.dataset.worker import LexiconSpec
    from accord.errors import LexiconError, ParameterError

    with pytest.raises(DatasetError, match=f"{tmp_path}: no mentions/ table"):
        read._files(tmp_path, "mentions")
    with pytest.raises(ParameterError, match=r"unknown table format 'xlsx'") as info:
        write_tables({}, tmp_path / "out", "xlsx")
    assert str(tmp_path / "out") in str(info.value)
    with pytest.raises(LexiconError, match="differs from the client's 000000000000"):
        LexiconSpec("000000000000").load()


def test_the_actors_table_sums_the_counts_committed_with_each_batch(tmp_path) -> None:
    """finish() reads no file of a batch committed with its actor counts (they are summed from the
    manifest); a batch committed without counts, or whose rows a changed document pruned, is counted
    from its files. Deliberately wrong counts show which source was used."""
    from collections import Counter

    from accord.annotation import ACTOR_COLUMNS, count_actors

    lexicon = accord.load_lexicon()
    a = Document("a", "mem", "Putin visited Pyongyang.", date="2024-06-19")
    b = Document("b", "mem", "NATO condemned North Korea.", date="2024-06-20")
    old = Document("c", "mem", "Xi Jinping praised Iran.", date="2024-06-21")
    new = Document("c", "mem", "Kim Jong Un visited Moscow.", date="2024-06-21")

    def put(ds, batch_id, doc, actors):
        frames = batch(doc)[0]
        ds.commit(batch_id, store.batch_parts(frames), [(store.item_key(doc, ds.lexicon_version), doc.doc_id, "doc")],
                  n_docs=1, actors=actors)
        return frames

    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        put(ds, "with-counts", a, {"ZZZGOV": 7})   # stored counts: used as they are
        frames_b = put(ds, "without", b, None)      # no counts: read from its files
        put(ds, "old", old, {"CHNGOV": 99})         # pruned below: its stored counts are dropped
        frames_new = put(ds, "new", new, None)
        ds.finish(lexicon)
    want: Counter = Counter({"ZZZGOV": 7})
    for frames in (frames_b, frames_new):
        for name in ACTOR_COLUMNS:
            count_actors(name, frames[name], want)
    got = read.read_dataset(tmp_path / "ds")["actors"]
    assert dict(zip(got["actor_id"], got["n_mentions"])) == dict(want)


# -- reading while a run writes (issue 22, item 9) ------------------------------------------------

def _consistent(back: dict) -> None:
    """Every document's rows come with its documents row, and no documents row is there twice."""
    docs = set(back["documents"]["doc_id"])
    assert back["documents"]["doc_id"].is_unique
    for name in {"mentions", "relations", "claims"} & set(back):
        assert set(back[name]["doc_id"]) <= docs, name


def test_a_read_during_a_commit_sees_one_committed_state(tmp_path, monkeypatch) -> None:
    """A batch committed while a reader is between two tables: the reader sees it whole or not at all
    (it saw the relations of 1 document without its documents row)."""
    import pyarrow.parquet as pq

    a = Document("a", "mem", "Putin visited Pyongyang.", date="2024-06-19")
    b = Document("b", "mem", "Kim Jong Un praised Russia. Iran sent drones to Russia.", date="2024-06-20")
    lexicon = accord.load_lexicon()
    frames_b = batch(b)[0]
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        commit(ds, "one", batch(a)[0], [a])
        read_table, fired = pq.read_table, []

        def committing_meanwhile(source, *args, **kwargs):
            table = read_table(source, *args, **kwargs)
            if "documents" in str(source) and not fired:  # the reader is past the documents table
                fired.append(True)
                commit(ds, "two", frames_b, [b])
            return table

        monkeypatch.setattr(pq, "read_table", committing_meanwhile)
        back = read.read_dataset(tmp_path / "ds", ("documents", "mentions", "relations", "claims"))
        monkeypatch.undo()
    assert fired
    _consistent(back)
    assert set(back["documents"]["doc_id"]) in ({"a"}, {"a", "b"})


def test_a_batch_committed_but_not_yet_published_is_read_from_its_hidden_files(tmp_path, monkeypatch) -> None:
    """Between the manifest's commit and the renames, a reader takes the batch from its hidden files
    (it read the documents renamed so far, without their relations)."""
    a = Document("a", "mem", "Putin visited Pyongyang.", date="2024-06-19")
    b = Document("b", "mem", "Kim Jong Un praised Russia. Iran sent drones to Russia.", date="2024-06-20")
    lexicon = accord.load_lexicon()
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        commit(ds, "one", batch(a)[0], [a])
        published = store.Dataset._publish
        monkeypatch.setattr(store.Dataset, "_publish", lambda self, files: published(
            self, [f for f in files if f.startswith("documents/")]))  # killed after the first rename
        commit(ds, "two", batch(b)[0], [b])
        back = read.read_dataset(tmp_path / "ds", ("documents", "mentions", "relations", "claims"))
    _consistent(back)
    assert set(back["documents"]["doc_id"]) == {"a", "b"} and "b" in set(back["relations"]["doc_id"])


def test_rows_superseded_but_not_yet_pruned_are_not_read(tmp_path, monkeypatch) -> None:
    old = Document("d", "mem", "Putin visited Pyongyang.", date="2024-06-19")
    new = Document("d", "mem", "Kim Jong Un visited Moscow.", date="2024-06-19")
    lexicon = accord.load_lexicon()
    with store.Dataset.open(tmp_path / "ds", lexicon.version) as ds:
        commit(ds, "one", batch(old)[0], [old])
        monkeypatch.setattr(store.Dataset, "prune", lambda self: None)  # the writer is between commit and prune
        commit(ds, "two", batch(new)[0], [new])
        back = read.read_dataset(tmp_path / "ds", ("documents", "mentions"))
    _consistent(back)
    assert back["documents"]["text"].tolist() == [new.text]
    assert set(back["mentions"]["text"]) == {"Kim Jong Un", "Moscow"}


def test_a_dataset_before_its_first_commit_says_so(tmp_path) -> None:
    """Not "no documents.csv": the folder is a dataset being created."""
    from accord.dataset.layout import LOCK

    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / LOCK).touch()
    (tmp_path / "ds" / "documents").mkdir()
    with pytest.raises(DatasetError, match=r"being created: no batch is committed yet"):
        read_tables(tmp_path / "ds")
    lexicon = accord.load_lexicon()
    with store.Dataset.open(tmp_path / "ds2", lexicon.version):
        (tmp_path / "ds2" / "_manifest.sqlite").rename(tmp_path / "manifest")  # the moment before it is made
        with pytest.raises(DatasetError, match=r"being created: no batch is committed yet"):
            read_tables(tmp_path / "ds2")
        (tmp_path / "manifest").rename(tmp_path / "ds2" / "_manifest.sqlite")
        assert read_tables(tmp_path / "ds2")["documents"].empty  # made, nothing committed: empty tables
