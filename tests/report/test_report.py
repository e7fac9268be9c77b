"""``accord report``: real papermill runs of the real notebooks, a real kernel, the real CLI."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
from pathlib import Path

import nbformat
import pytest

from accord.analysis import charts
from accord.report import html as report_html
from accord.report import parameters as report_parameters
from accord.errors import ParameterError
from tests._browser import BIN, ROOT, accord

DYNAMICS = ROOT / "notebooks" / "02_alliance_dynamics.ipynb"
WALKTHROUGH = ROOT / "notebooks" / "01_article_walkthrough.ipynb"


# -- parameters, no kernel --------------------------------------------------------

def test_parameters_from_files_then_flags(tmp_path):
    f = tmp_path / "weekly.yaml"
    f.write_text("start: 2024-06-01\nfocus: [RUS, PRK, CHN]\nfreq: W\ntitle: Weekly\n")
    params = report_parameters.read_parameters([str(f)], [["title", "Weekly report 2024"], ["end", "2024-06-30"],
                                               ["focus", "[RUS, PRK]"], ["lexicon", "None"]])
    assert params == {"start": "2024-06-01", "end": "2024-06-30", "focus": ["RUS", "PRK"], "freq": "W",
                      "title": "Weekly report 2024", "lexicon": None}
    with pytest.raises(ParameterError, match="expected a mapping"):
        (tmp_path / "bad.yaml").write_text("- a\n- b\n")
        report_parameters.read_parameters([str(tmp_path / "bad.yaml")], [])
    with pytest.raises(ParameterError, match="does not exist"):
        report_parameters.read_parameters([str(tmp_path / "none.yaml")], [])


def test_parameters_checked_against_the_notebook(tmp_path):
    params = report_parameters.check_parameters(DYNAMICS, {"corpus": "seeds", "title": 2024, "focus": ["RUS"]}, cwd=ROOT)
    assert params["corpus"] == str(ROOT / "seeds")  # command-line paths are relative to where accord runs
    assert params["title"] == "2024"  # the notebook declares str
    with pytest.raises(ParameterError) as err:
        report_parameters.check_parameters(DYNAMICS, {"focuss": ["RUS"]})
    assert "unknown parameter focuss" in str(err.value)
    assert "focus (Optional[list[str]])" in str(err.value) and "corpus (str)" in str(err.value)


def test_notebooks_document_their_parameters():
    import papermill

    for nb, extra in ((DYNAMICS, ["statuses", "lexicon", "model", "title", "count", "compare"]),
                      (WALKTHROUGH, ["lexicon", "model", "title", "compare"])):
        declared = papermill.inspect_notebook(str(nb))
        assert list(declared) == ["corpus", "focus", "start", "end", "freq", "level", *extra]
        assert all(p["help"] for p in declared.values())
        assert declared["focus"]["inferred_type_name"] == "Optional[list[str]]"  # None: the most-mentioned countries
        assert declared["start"]["inferred_type_name"] == "Optional[str]"


def test_unknown_parameter_name_stops_before_any_kernel(tmp_path):
    res = accord("report", "-p", "focuss", "[RUS]", "--no-png", "--out", str(tmp_path / "r"))
    assert res.returncode == 2
    assert "accord report: error: unknown parameter focuss" in res.stderr
    assert not (tmp_path / "r").exists() and not (tmp_path / "r.failed").exists()


def test_missing_notebook(tmp_path):
    res = accord("report", str(tmp_path / "nope.ipynb"), "--out", str(tmp_path / "r"))
    assert res.returncode == 2 and "nope.ipynb: no such notebook" in res.stderr


# -- real runs --------------------------------------------------------------------

@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A good report of the seed (no PNG: the browser tests cover them)."""
    out = tmp_path_factory.mktemp("runs") / "report"
    res = accord("report", str(DYNAMICS), "--no-png", "--out", out.name, cwd=out.parent)  # a relative --out
    assert res.returncode == 0, res.stderr
    assert "Executing" not in res.stderr  # no progress bar when stderr is not a terminal
    return out, res


def test_report_is_self_contained_with_hidden_inputs(good):
    out, res = good
    assert sorted(p.name for p in out.iterdir()) == ["notebook.ipynb", "parameters.yaml", "report.html"]
    assert re.fullmatch(rf"accord report: wrote .*report\.html, {len(charts.CHARTS)} charts in \d+\.\d s\n", res.stderr)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("plotly.js, embedded once") == 1
    assert page.count("Plotly.newPlot(") == len(charts.CHARTS)  # every registered chart
    assert [f"accord-chart-{i}" for i in range(1, len(charts.CHARTS) + 1)] == re.findall(r'<div class="plotly-graph-div" id="(accord-chart-\d+)"', page)
    # no script or stylesheet from anywhere but the page itself
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\"?https?:", page)
    bundle_start = page.index("plotly.js, embedded once")
    rest = page[:bundle_start] + page[page.index("</script>", bundle_start):]
    assert "require.js" not in rest and "mathjax" not in rest.lower()
    # URLs remain only in comments of the inlined CSS; nothing that loads one (the browser test checks
    # that the page makes no request at all)
    assert not re.search(r"url\(\s*['\"]?https?:|@import|(?:src|href)=['\"]?https?:", rest)
    # input cells hidden: the code is not in the page, the prose and the outputs are
    assert 'run.chart("actor_network")' not in rest and "setup()" not in rest
    assert "Who sides with whom" in page
    assert "<title>Russia and North Korea: the alliance&#39;s dynamics</title>" in page or \
           "<title>Russia and North Korea: the alliance's dynamics</title>" in page


def test_report_has_one_heading_and_a_summary_for_readers(good):
    """The report of a real papermill run: one h1 (the title, from the focus names), the summary under
    it (period, articles, strongest dyads, contested propositions), no note on how to run the notebook."""
    out, _ = good
    page = (out / "report.html").read_text(encoding="utf-8")
    body = page[page.index("<body"):]
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", body, flags=re.S)
    assert len(headings) == 1 and headings[0].startswith("Russia and North Korea: the alliance")
    summary = re.search(r'<ul class="accord-summary">(.*?)</ul>', body, flags=re.S).group(1)
    assert "1 article, 2024-06-18." in summary
    assert "Strongest dyads: North Korea – Russia +68 (11 relations, of which alleged +40)" in summary
    assert "Contested: " in summary and "denied by North Korea and Russia" in summary
    assert body.index("accord-summary") < body.index("Who sides with whom")  # at the top
    # no -p focus: the seed's two most-mentioned countries, and the report says so (issue 23 item 2)
    assert "focus: RUS, PRK (by default, the corpus's two most-mentioned countries)" in body
    assert "notebook-only" not in body and "Scheduled runs" not in body and "Notebook use" not in body


def test_title_follows_the_focus(tmp_path):
    """An Iran-focused run is not titled after the example: the title comes from the focus names."""
    out = tmp_path / "usa"
    res = accord("report", str(DYNAMICS), "--no-png", "--out", str(out), "-p", "focus", "[USA]")
    assert res.returncode == 0, res.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<title>United States: the alliance" in page
    assert "Russia and North Korea" not in page[:page.index("</title>")]
    body = page[page.index("<body"):]
    assert len(re.findall(r"<h1[\s>]", body)) == 1 and "United States: the alliance" in body


def test_report_html_is_reproducible():
    """The same executed notebook gives the same page, byte for byte (ids are numbered, not random)."""
    pages = []
    for _ in range(2):
        nb = nbformat.read(DYNAMICS, as_version=4)
        figures = report_html.plotly_outputs_to_html(nb)
        names = [f["name"] for f in figures]  # each registered chart once, in the notebook's order
        assert sorted(names) == sorted(charts.CHARTS) and len(names) == len(set(names))
        pages.append(report_html.to_html(nb, "title"))
    assert pages[0] == pages[1]


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file()}


@pytest.mark.parametrize("args, message", [
    (["-p", "focus", "[RUS, RUX]"],
     r"focus: unknown actor code 'RUX'; valid codes in this corpus: .*PRK.*RUS.*did you mean RUS"),
    (["-p", "start", "2030-01-01"], r"empty date window: 2030-01-01 to \(open\) selects no document .*covers"),
])
def test_bad_parameter_stops_the_run_and_keeps_the_last_good_report(good, args, message):
    out, _ = good
    before = _snapshot(out)
    res = accord("report", str(DYNAMICS), *args, "--no-png", "--out", str(out))
    assert res.returncode == 2
    first = res.stderr.splitlines()[0]
    assert first.startswith("accord report: error: cell ") and "raised ParameterError: " in first
    assert re.search(message, first), first
    assert "Traceback" not in res.stderr and "Executing" not in res.stderr
    assert "the partial executed notebook is in" in res.stderr and "(the last good report) is unchanged" in res.stderr
    assert _snapshot(out) == before  # not touched
    failed = nbformat.read(out.with_name("report.failed") / "notebook.ipynb", as_version=4)
    errors = [o for c in failed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors and errors[0].ename == "ParameterError"
    assert not list(out.parent.glob(".report.tmp-*"))


def test_a_relative_path_is_relative_to_where_accord_runs(tmp_path):
    """Issue 23 item 1: one rule for every path accord report is given, said in its message; a missing
    path stops the run before any kernel starts."""
    (tmp_path / "week").mkdir()
    res = accord("report", "-p", "corpus", "wek", "--no-png", "--out", "r", cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr.splitlines()[0] == (
        f"accord report: error: corpus: 'wek' does not exist in {tmp_path} (accord report reads a path relative "
        "to the folder where it runs; did you mean 'week'?)")
    res = accord("report", "-p", "lexicon", str(tmp_path / "names.yaml"), "--no-png", "--out", "r", cwd=tmp_path)
    assert res.stderr.splitlines()[0] == f"accord report: error: lexicon: '{tmp_path / 'names.yaml'}' does not exist"
    res = accord("report", "-p", "corpus", "news/*.txt", "--no-png", "--out", "r", cwd=tmp_path)
    assert res.stderr.splitlines()[0] == (
        f"accord report: error: corpus: 'news/*.txt' does not exist in {tmp_path} (accord report reads a path "
        "relative to the folder where it runs)")
    res = accord("report", "notebooks/03_dyad.ipynb", "--no-png", "--out", "r", cwd=tmp_path)
    assert res.stderr.splitlines()[0] == (
        f"accord report: error: notebooks/03_dyad.ipynb: no such notebook in {tmp_path} (accord report reads a "
        "path relative to the folder where it runs)")
    res = accord("report", "-f", "weekly.yaml", "--no-png", "--out", "r", cwd=tmp_path)
    assert res.stderr.splitlines()[0] == (
        f"accord report: error: parameters file 'weekly.yaml' does not exist in {tmp_path} (accord report reads a "
        "path relative to the folder where it runs)")
    assert not (tmp_path / "r").exists() and not (tmp_path / "r.failed").exists()


def test_failure_after_the_notebook_keeps_the_last_good_report(good):
    """The notebook runs, then the PNG stage fails (a 'browser' that is not one)."""
    out, _ = good
    before = _snapshot(out)
    res = accord("report", str(DYNAMICS), "--out", str(out), env={"ACCORD_CHROMIUM": "/bin/false"})
    assert res.returncode == 2
    assert "writing the report failed: ReportError: kaleido could not draw the charts with /bin/false" in res.stderr
    assert _snapshot(out) == before
    kept = nbformat.read(out.with_name("report.failed") / "notebook.ipynb", as_version=4)
    assert sum(1 for c in kept.cells if c.cell_type == "code" and c.outputs) >= 7  # fully executed


def test_success_replaces_the_report_and_clears_the_failure(good, tmp_path):
    out = tmp_path / "r"
    (tmp_path / "r.failed").mkdir()
    out.mkdir()
    (out / "stale.txt").write_text("old")
    res = accord("report", str(WALKTHROUGH), "--no-png", "--out", str(out), "-p", "title", "<Walk> & talk")
    assert res.returncode == 0, res.stderr
    assert not (out / "stale.txt").exists() and not (tmp_path / "r.failed").exists()
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "&lt;Walk&gt; &amp; talk" in page and "<Walk>" not in page
    assert (out / "parameters.yaml").read_text().startswith("notebook: 01_article_walkthrough.ipynb")


def test_progress_bar_on_a_terminal_only(tmp_path):
    """stderr a terminal: papermill's progress bar shows (here up to the failing cell)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen([str(BIN / "accord"), "report", str(DYNAMICS), "-p", "freq", "daily", "--no-png",
                             "--out", str(tmp_path / "r")], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    text = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 2
    assert "Executing" in text and "cell/s" in text
    assert "raised ParameterError: freq: unknown time frequency 'daily'; valid: 'W' (week), 'M' (month)" in text


def test_the_report_says_what_changed_since_the_week_before(tmp_path):
    """The weekly report of tests/data/two_weeks (tests/analysis/test_changes.py says what changed there): the
    section sits under the summary, at the top of the report."""
    out = tmp_path / "week"
    res = accord("report", str(DYNAMICS), "--no-png", "--out", str(out), "-p", "corpus",
                 str(ROOT / "tests" / "data" / "two_weeks"), "-p", "focus", "[Iran, Russia]",
                 "-p", "start", "2025-03-10", "-p", "end", "2025-03-16")
    assert res.returncode == 0, res.stderr
    body = (out / "report.html").read_text(encoding="utf-8")
    body = body[body.index("<body"):]
    section = re.search(r'<section class="accord-changes">(.*?)</section>', body, flags=re.S).group(1)
    assert "<h2>What changed</h2><p>2025-03-10 to 2025-03-16, against 2025-03-03 to 2025-03-09.</p>" in section
    for line in ("New dyads: China – Iran +19; Belarus – Russia +10.",
                 "Moved most: Iran – Russia +12.5 (+17.5 → +30).",
                 "Newly contested: Belarus supplies Russia with weapons.",
                 "Newly denied: Iran supplies Russia with weapons.",
                 "First seen in the dataset: Belarus (BLR), China (CHN), Ukraine (UKR)."):
        assert line in section
    assert body.index("accord-summary") < body.index("accord-changes") < body.index("Who sides with whom")
