"""Corpus scale (issue 4): the Parquet dataset, Dask, restarts after a kill, workers that die."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import accord
from accord import tables
from accord.dataset import layout, read, store
from accord.dataset.scale import annotate_dataset, local_cluster
from accord.errors import DatasetError

ROOT = Path(__file__).resolve().parents[2]
ACCORD = [sys.executable, "-m", "accord.cli"]


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """60 generated news-like documents (~9,000 words) over a few months, plus broken lines."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    _make_corpus_module().write_corpus(path, docs=60, words=9_000, seed=7, docs_per_day=0.5)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, '{"id": "broken", "text": ')           # invalid JSON
    lines.insert(20, '{"id": "no-text", "date": "2024-01-01"}')  # missing text
    lines.insert(30, lines[10])                             # duplicate id
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(corpus) -> dict[str, pd.DataFrame]:
    """The tables of an uninterrupted in-memory run, in the dataset's canonical order."""
    return read.canonical(accord.annotate(corpus))


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    for name in tables.TABLE_NAMES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)


def manifest_batches(out: Path, query: str = "SELECT count(*) FROM batches") -> int:
    db = out / layout.MANIFEST
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(query).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_dataset_holds_the_tables_of_an_in_memory_run(corpus, reference, tmp_path):
    out = tmp_path / "ds"
    stats = annotate_dataset(corpus, out, workers=0, batch_words=1500, progress=False, log=lambda m: None)
    assert stats.annotated == len(reference["documents"]) == 60
    assert stats.read_errors == 3
    got = read.read_dataset(out)
    assert_same_tables(got, reference)
    errors = got["errors"].set_index("line")["error"]
    assert "invalid JSON" in errors.loc[6] and "missing 'text'" in errors.loc[21] and "duplicate doc_id" in errors.loc[31]
    # partitioned by published month, one file per batch and month
    months = sorted(p.name for p in (out / "mentions").iterdir())
    assert len(months) >= 3 and all(m.startswith("month=20") for m in months)


def test_second_run_skips_everything_and_changes_nothing(corpus, reference, tmp_path):
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, progress=False, log=lambda m: None)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("part-*.parquet"))
    again = annotate_dataset(corpus, out, workers=0, progress=False, log=lambda m: None)
    assert (again.annotated, again.skipped, again.read_errors, again.batches) == (0, 60, 0, 0)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("part-*.parquet")) == before
    assert_same_tables(read.read_dataset(out), reference)


def test_two_dask_workers_give_the_same_tables(corpus, reference, tmp_path):
    out = tmp_path / "ds"
    stats = annotate_dataset(corpus, out, workers=2, batch_words=1000, progress=False, log=lambda m: None)
    assert stats.annotated == 60
    assert_same_tables(read.read_dataset(out), reference)


def test_pandas_dask_and_duckdb_read_the_dataset(corpus, reference, tmp_path):
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, batch_words=2000, progress=False, log=lambda m: None)
    for name in ("documents", "mentions", "relations", "claims"):
        df = pd.read_parquet(out / name)
        assert list(df.columns) == list(tables.SCHEMAS[name].columns) + [layout.PARTITION]
        assert len(df) == len(reference[name])
    rel = pd.read_parquet(out / "relations")
    assert all(isinstance(list(v), list) for v in rel["source"])
    for name in ("errors", "actors"):
        assert len(pd.read_parquet(out / name)) == len(reference[name])

    import dask.dataframe as dd

    ddf = dd.read_parquet(out / "mentions")
    assert len(ddf.compute()) == len(reference["mentions"])
    assert set(tables.SCHEMAS["mentions"].columns) <= set(ddf.columns)

    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/relations/**/*.parquet', hive_partitioning=true)").fetchall()[0][0]
    assert n == len(reference["relations"])
    by_month = con.execute(f"SELECT month, count(*) FROM read_parquet('{out}/documents/**/*.parquet', "
                          "hive_partitioning=true) GROUP BY month").fetchall()
    want = reference["documents"]["date"].str[:7].value_counts().to_dict()
    assert dict(by_month) == want


def _start(args, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(ACCORD + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env, **kw)


@pytest.mark.parametrize("workers", ["0", "2"])
def test_a_run_killed_midway_and_restarted_ends_with_the_tables_of_an_uninterrupted_run(
        corpus, reference, tmp_path, workers):
    out = tmp_path / "ds"
    args = ["annotate", str(corpus), "--out", str(out), "--format", "parquet", "--workers", workers,
            "--batch-words", "400"]
    proc = _start(args)
    deadline = time.monotonic() + 120
    while manifest_batches(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read()[-2000:]
    os.killpg(proc.pid, signal.SIGKILL)  # the run and, with Dask, its scheduler and workers
    proc.wait(timeout=30)
    assert manifest_batches(out) >= 3
    committed = manifest_batches(out, "SELECT count(*) FROM items WHERE kind = 'doc'")
    assert 0 < committed < 60  # killed midway
    visible = len(pd.read_parquet(out / "documents"))
    assert visible <= committed  # readers never see an uncommitted batch

    again = subprocess.run(ACCORD + args, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"{committed} already in the dataset" in again.stdout
    got = read.read_dataset(out)
    assert_same_tables(got, reference)
    assert not got["documents"]["doc_id"].duplicated().any()
    assert not list(out.rglob(".tmp-*")) and not list(out.rglob(".pending-*"))


def test_the_local_cluster_keeps_only_a_short_log_of_messages():
    # Dask's default keeps the last 1,000 messages of each stream, which here are whole batches of text
    import dask

    from accord.dataset.scale import LOG_LENGTH

    with local_cluster(2) as client:
        assert client.scheduler_comm.recent_message_log.maxlen == LOG_LENGTH
        on_workers = client.run(lambda: dask.config.get("distributed.admin.low-level-log-length"))
        assert list(on_workers.values()) == [LOG_LENGTH, LOG_LENGTH]
        scheduler = client.cluster.scheduler
        assert {ws.maxlen for ws in (s.recent_message_log for s in scheduler.stream_comms.values())} == {LOG_LENGTH}
    assert dask.config.get("distributed.admin.low-level-log-length") != LOG_LENGTH  # scoped to the cluster


def test_a_worker_killed_partway_costs_nothing(corpus, reference, tmp_path):
    out = tmp_path / "ds"
    with local_cluster(2) as client:
        result: dict = {}

        def work():
            try:
                result["stats"] = annotate_dataset(corpus, out, client=client, batch_words=300,
                                                   progress=False, log=lambda m: None)
            except BaseException as exc:  # reported below
                result["error"] = exc

        thread = threading.Thread(target=work)
        thread.start()
        deadline = time.monotonic() + 120
        while manifest_batches(out) < 2 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert thread.is_alive(), "the run ended before a worker could be killed"
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        thread.join(timeout=300)
        assert not thread.is_alive()
    assert "error" not in result, result.get("error")
    assert result["stats"].annotated == 60
    assert_same_tables(read.read_dataset(out), reference)


def test_cli_runs_on_an_existing_cluster_given_its_scheduler_address(corpus, reference, tmp_path):
    dask_cli = Path(sys.executable).with_name("dask")
    info = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH": "20"}  # as the README advises
    started = [subprocess.Popen([str(dask_cli), "scheduler", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", str(info)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        started.append(subprocess.Popen([str(dask_cli), "worker", address, "--nthreads", "1", "--no-dashboard"],
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        out = tmp_path / "ds"
        res = subprocess.run(ACCORD + ["annotate", str(corpus), "--out", str(out), "--scheduler", address],
                             capture_output=True, text=True, timeout=300)
    finally:
        for proc in reversed(started):
            proc.terminate()
            proc.wait(timeout=30)
    assert res.returncode == 0, res.stderr[-3000:]
    assert f"ran on the Dask cluster at {address}, 1 worker" in res.stdout
    assert_same_tables(read.read_dataset(out), reference)


def test_uncommitted_files_are_removed_when_the_dataset_is_opened_again(corpus, reference, tmp_path):
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, progress=False, log=lambda m: None)
    orphan = out / "mentions" / "month=2024-01" / "part-0123456789abcdef0123.parquet"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes((next((out / "mentions").rglob("part-*.parquet"))).read_bytes())
    tmp = out / "claims" / ".tmp-99-part-x.parquet"
    tmp.write_bytes(b"partial")
    annotate_dataset(corpus, out, workers=0, progress=False, log=lambda m: None)
    assert not orphan.exists() and not tmp.exists()
    assert_same_tables(read.read_dataset(out), reference)


def test_a_changed_document_replaces_its_old_rows(corpus, tmp_path):
    out = tmp_path / "ds"
    first = tmp_path / "first.jsonl"
    lines = [ln for ln in corpus.read_text(encoding="utf-8").splitlines() if ln.startswith('{"id": "gen-')][:12]
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    annotate_dataset(first, out, workers=0, batch_words=800, progress=False, log=lambda m: None)
    rec = json.loads(lines[4])
    rec["text"] = "Vladimir Putin visited Pyongyang on Tuesday. Kim Jong Un praised Russia."
    lines[4] = json.dumps(rec)
    lines.append(json.dumps({"id": "added", "date": "2024-06-18", "text": "NATO condemned North Korea."}))
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = annotate_dataset(first, out, workers=0, progress=False, log=lambda m: None)
    assert (stats.annotated, stats.skipped) == (2, 11)
    assert_same_tables(read.read_dataset(out), read.canonical(accord.annotate(first)))


def test_another_lexicon_is_refused_unless_overwrite(corpus, tmp_path):
    out = tmp_path / "ds"
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "a", "date": "2024-06-18", "text": "Putin visited Pyongyang."}\n')
    annotate_dataset(small, out, workers=0, progress=False, log=lambda m: None)
    extra = tmp_path / "extra.yaml"
    extra.write_text("agents:\n  envoy: GOV\n")
    with pytest.raises(DatasetError, match="another accord run|lexicon"):
        annotate_dataset(small, out, lexicon=extra, workers=0, progress=False, log=lambda m: None)
    stats = annotate_dataset(small, out, lexicon=extra, workers=0, overwrite=True, progress=False, log=lambda m: None)
    assert stats.annotated == 1
    # the dataset records the lexicon and the engine (v2, the default)
    assert json.loads((out / layout.MARKER).read_text())["lexicon_version"] == accord.load_lexicon(extra).version + "+v2"


def test_a_folder_that_is_not_a_dataset_is_refused(tmp_path):
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "notes.txt").write_text("mine")
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "a", "text": "Putin visited Pyongyang."}\n')
    with pytest.raises(DatasetError, match="not empty"):
        annotate_dataset(small, tmp_path / "ds", workers=0, progress=False, log=lambda m: None)


def test_one_writer_at_a_time(tmp_path):
    with store.Dataset.open(tmp_path / "ds", "v1"):
        with pytest.raises(DatasetError, match="another accord run"):
            store.Dataset.open(tmp_path / "ds", "v1")


def test_cli_parquet_dataset_and_csv_flags(corpus, tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "a", "date": "2024-06-18", "text": "Putin visited Pyongyang. Kim Jong Un praised Russia."}\n'
                     'not json\n')
    out = tmp_path / "ds"
    res = subprocess.run(ACCORD + ["annotate", str(small), "--out", str(out), "--format", "parquet", "--workers", "0"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "1 annotated" in res.stdout and "invalid JSON" in res.stderr
    assert "\r" not in res.stderr and "doc/s" not in res.stderr  # no progress bar off a terminal
    assert read.read_dataset(out)["relations"].shape[0] >= 1
    bad = subprocess.run(ACCORD + ["annotate", str(small), "--out", str(tmp_path / "csv"), "--format", "csv",
                                   "--workers", "2"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "only with --format parquet" in bad.stderr


def test_cli_annotates_a_corpus_of_several_batches_on_a_local_dask_cluster_by_default(tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "a", "date": "2024-06-18", "text": "Putin visited Pyongyang."}\n'
                     '{"id": "b", "date": "2024-07-02", "text": "North Korea denied sending weapons to Russia."}\n')
    out = tmp_path / "ds"
    res = subprocess.run(ACCORD + ["annotate", str(small), "--out", str(out), "--batch-words", "3"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert f"ran on a local Dask cluster, {os.cpu_count()} worker" in res.stdout
    assert "2 annotated" in res.stdout
    back = read.read_dataset(out)
    assert back["documents"]["doc_id"].tolist() == ["a", "b"]
    assert sorted(p.name for p in (out / "documents").iterdir()) == ["month=2024-06", "month=2024-07"]


def test_cli_annotates_a_corpus_of_one_batch_in_this_process(tmp_path):
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "a", "date": "2024-06-18", "text": "Putin visited Pyongyang."}\n'
                     '{"id": "b", "date": "2024-07-02", "text": "North Korea denied sending weapons to Russia."}\n'
                     '{"id": "broken", "text": \n')
    out = tmp_path / "ds"
    res = subprocess.run(ACCORD + ["annotate", str(small), "--out", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "ran on this process, without Dask (one batch, under 20,000 words)" in res.stdout
    assert "2 annotated" in res.stdout and "1 new read errors" in res.stdout
    back = read.read_dataset(out)
    assert back["documents"]["doc_id"].tolist() == ["a", "b"] and len(back["errors"]) == 1


def test_a_terminal_shows_documents_and_words_per_second(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    small = tmp_path / "small.jsonl"
    small.write_text("".join(f'{{"id": "d{i}", "date": "2024-06-18", "text": "Putin visited Pyongyang on day {i}."}}\n'
                             for i in range(30)))
    leader, follower = pty.openpty()  # stderr is a real terminal, 100 columns wide
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        # read while it runs: a child writing more than the terminal's buffer would otherwise wait forever
        proc = subprocess.Popen(ACCORD + ["annotate", str(small), "--out", str(tmp_path / "ds"), "--workers", "0"],
                                stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert proc.wait(timeout=120) == 0, shown.decode(errors="replace")[-2000:]
    text = shown.decode(errors="replace")
    assert re.search(r"documents: 30doc .*doc/s", text), text
    assert re.search(r"words: .*word/s", text), text


def test_the_dynamics_notebook_charts_a_dataset_without_annotating_again(corpus, reference, tmp_path):
    from accord.analysis import charts
    from accord.analysis.notebook import prepare

    out = tmp_path / "ds"
    done = subprocess.run(ACCORD + ["annotate", str(corpus), "--out", str(out)],  # one batch: in this process
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    run = prepare(corpus=str(out), focus=["RUS", "PRK"])
    assert_same_tables(run.tables, reference)

    report = tmp_path / "report"
    res = subprocess.run(ACCORD + ["report", str(ROOT / "notebooks" / "02_alliance_dynamics.ipynb"),
                                   "-p", "corpus", str(out), "--no-png", "--out", str(report)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    page = (report / "report.html").read_text(encoding="utf-8")
    assert page.count("Plotly.newPlot(") == len(charts.CHARTS)  # every registered chart
    # the dataset's tables, read back (a folder of Parquet files read as articles would give none)
    assert f"{len(reference['documents'])} articles · {len(reference['relations'])} relations" in page
    assert f"{len(reference['errors'])} unreadable inputs" in page
