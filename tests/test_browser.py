"""The reports and the notebooks in a real browser: headless Debian chromium, real papermill runs,
a real JupyterLab server. Nothing here is mocked."""
from __future__ import annotations

import difflib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from _browser import (BIN, HOVER_ALL_JS, ROOT, accord, browser, watch,  # noqa: F401 (browser is a fixture)
                      write_hostile_corpus)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CHARTS = ["actor-network", "dyad-matrix", "claim-contest", "timeline", "material-exchanges",
          "cooperation-conflict"]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    """`make report`'s command on the seed: the HTML report and the PNGs."""
    out = tmp_path_factory.mktemp("seed") / "report"
    res = accord("report", str(ROOT / "notebooks" / "02_alliance_dynamics.ipynb"), "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    """Both notebooks run on a corpus with an article carrying script, img-onerror and javascript: payloads."""
    base = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(base / "corpus")
    outs = {}
    for name in ("01_article_walkthrough", "02_alliance_dynamics"):
        out = base / name
        res = accord("report", str(ROOT / "notebooks" / f"{name}.ipynb"), "-p", "corpus", str(corpus),
                     "--no-png", "--out", str(out))
        assert res.returncode == 0, res.stderr
        outs[name] = out / "report.html"
    return outs


# -- the seed report ------------------------------------------------------------

def test_report_writes_pngs_of_every_chart(seed_report):
    pngs = sorted(p.name for p in (seed_report / "png").iterdir())
    assert pngs == [f"{i:02d}-{name}.png" for i, name in enumerate(CHARTS, 1)]
    for p in (seed_report / "png").iterdir():
        data = p.read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 20_000, p.name
        width = int.from_bytes(data[16:20], "big")
        assert width == 2200  # 1100 px at scale 2


def test_report_opens_offline_with_every_chart_drawn(browser, seed_report):
    page = browser.new_page()
    log = watch(page)
    page.goto((seed_report / "report.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.accord-chart svg.main-svg').length >= 6")
    charts = page.locator(".accord-chart")
    assert charts.count() == 6
    for i in range(6):
        chart = charts.nth(i)
        assert chart.locator("svg.main-svg").count() >= 1, chart.get_attribute("data-chart")
        assert chart.locator(".plot-container").count() == 1
    # drawn with content: the network has its nodes, the Sankey its links
    assert page.locator('[data-chart="actor_network"] .scatterlayer .point').count() >= 4
    assert page.locator('[data-chart="material_exchanges"] .sankey-link').count() >= 2
    assert page.evaluate("typeof Plotly") == "object"
    assert log.blocked == [] and log.failed == []
    assert log.console_errors == [] and log.page_errors == []
    assert all(u.startswith(("file://", "data:")) for u in log.requests), log.requests
    page.close()


def test_report_hover_shows_the_evidence(browser, seed_report):
    page = browser.new_page()
    watch(page)
    page.goto((seed_report / "report.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.accord-chart svg.main-svg').length >= 6")
    texts = page.evaluate(HOVER_ALL_JS)
    joined = re.sub(r"\s+", "", " ".join(texts))  # hover lines are wrapped into separate tspans
    assert "KimJongUnforhissupport" in joined  # an evidence sentence of the seed
    assert "netscore" in joined
    page.close()


# -- hostile text ---------------------------------------------------------------

PAYLOADS = ("<script>window.__pwned='script';alert(1)</script>",
            "<img src=x onerror=\"window.__pwned='img';alert(2)\">",
            "javascript:window.__pwned='link';alert(3)")


@pytest.mark.parametrize("name", ["01_article_walkthrough", "02_alliance_dynamics"])
def test_hostile_article_stays_plain_text(browser, hostile_reports, name):
    page = browser.new_page()
    log = watch(page)
    page.goto(hostile_reports[name].as_uri())
    page.wait_for_load_state("load")
    hover_text = ""
    if name == "02_alliance_dynamics":
        page.wait_for_function("document.querySelectorAll('.accord-chart svg.main-svg').length >= 6")
        hover_text = " ".join(page.evaluate(HOVER_ALL_JS))
        for link in page.locator(".sankey-link").all():  # Sankey links: hover with the mouse
            link.hover(force=True)
            page.wait_for_timeout(60)
            hover_text += " " + (page.locator('[data-chart="material_exchanges"] .hoverlayer').text_content() or "")
        # the payloads reached the hover labels (the Sankey's too), as text
        assert "<script>window.__pwned='script';alert(1)</script>" in hover_text
        assert "<a href=\"javascript:window.__pwned='link';alert(3)\">" in hover_text
        assert "Russia → North Korea: weapons & military" in hover_text and "(RUS → PRK)" in hover_text
    else:
        text = page.locator("body").inner_text()
        # displaCy, the title, the source and the tables show the payloads as text
        assert "<script>window.__pwned='script';alert(1)</script>" in text
        assert "<img src=x onerror=" in text
        assert "<b onmouseover=" in text
        assert page.locator(".spans").count() >= 2  # displaCy rendered both articles
    page.mouse.move(5, 5)
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert log.dialogs == []
    assert log.page_errors == [] and log.console_errors == []
    assert log.blocked == [], log.blocked  # <img src=x> was never requested
    assert page.locator("img[src='x'], [onerror], [onmouseover], a[href^='javascript:']").count() == 0
    # only our scripts: plotly.js and one Plotly.newPlot per chart, whose JSON data holds the payloads
    # as escaped string content (\u003cscript\u003e...), never as code
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent)")
    for script in scripts:
        assert "Plotly.newPlot(" in script or "plotly.js, embedded once" in script, script[:200]
        if "Plotly.newPlot(" in script:
            assert "<script" not in script.lower() and "<img" not in script.lower()
    assert len(scripts) == (7 if name == "02_alliance_dynamics" else 1)
    page.close()


# -- JupyterLab -----------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAB_ROOTS: dict[str, Path] = {}  # url of a JupyterLab of the fixture -> the folder it serves


def jupyterlab_root(url: str) -> Path:
    return LAB_ROOTS[url]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab on loopback, random free port and token, no browser, config isolated in a temp dir,
    serving a copy of the notebooks (the server may write checkpoints)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "seeds", root / "seeds")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"), "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    log = open(base / "jupyterlab.log", "w")
    proc = subprocess.Popen(
        [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--ServerApp.open_browser=False", "--LabApp.extension_manager=readonly"]
        + (["--allow-root"] if os.geteuid() == 0 else []),
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"JupyterLab did not start:\n{(base / 'jupyterlab.log').read_text()[-3000:]}")
            time.sleep(0.2)
        LAB_ROOTS[url] = root
        yield url, token
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and the kernels it started
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def test_jupyterlab_draws_the_stored_charts(browser, jupyterlab):
    url, token = jupyterlab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    log = watch(page, allowed_prefixes=(url, "data:", "blob:", "about:", f"ws://127.0.0.1:{url.rsplit(':', 1)[1]}"))
    page.goto(f"{url}/lab/tree/notebooks/02_alliance_dynamics.ipynb?token={token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    # the charts come from the stored outputs (the plotly MIME type drawn by JupyterLab's plotly
    # extension); nothing is re-executed. Scroll through so that lazily rendered cells get drawn.
    deadline = time.monotonic() + 60
    while page.locator(".jp-OutputArea-output.js-plotly-plot").count() < 6 and time.monotonic() < deadline:
        page.locator(".jp-WindowedPanel-outer, .jp-Notebook").first.evaluate("e => e.scrollBy(0, 800)")
        page.wait_for_timeout(300)
    plots = page.locator(".jp-OutputArea-output.js-plotly-plot")
    assert plots.count() == 6
    for i in range(6):
        assert plots.nth(i).locator("svg.main-svg").count() >= 1
    titles = " ".join(page.locator(".jp-OutputArea-output .gtitle").all_text_contents())
    assert "Actor network" in titles or "Cooperation and conflict" in titles
    assert log.blocked == [], log.blocked  # nothing outside the local server
    assert log.page_errors == []
    page.close()


@pytest.mark.parametrize("name", ["01_article_walkthrough.ipynb", "02_alliance_dynamics.ipynb"])
def test_opening_a_notebook_in_jupyterlab_does_not_modify_it(browser, jupyterlab, name):
    """JupyterLab opens the committed notebook, starts its kernel (which reports its language_info),
    and neither marks it modified nor, when saved, writes other bytes than the committed ones."""
    url, token = jupyterlab
    served = Path(jupyterlab_root(url)) / "notebooks" / name
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/lab/tree/notebooks/{name}?token={token}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    # the kernel is up when its status says idle; then JupyterLab has merged the kernel's info.
    # JupyterLab may render a second, hidden indicator: wait on the visible one (a wait on the
    # first match could sit on the hidden one until it timed out)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']:visible", timeout=90_000)
    page.wait_for_timeout(1500)
    tab = page.locator("li.lm-TabBar-tab.jp-mod-current")
    dirty = "jp-mod-dirty" in (tab.first.get_attribute("class") or "")
    page.keyboard.press("Control+s")
    page.wait_for_timeout(2000)
    page.close()
    committed = (ROOT / "notebooks" / name).read_text(encoding="utf-8")
    saved = served.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(committed.splitlines(True), saved.splitlines(True), n=1))[:3000]
    assert saved == committed, diff
    assert not dirty
