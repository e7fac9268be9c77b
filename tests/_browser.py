"""Headless Debian chromium driven by playwright, and the helpers the browser tests share.

Never downloads a browser: playwright launches /usr/bin/chromium (``make
system-deps`` installs it). Every request the page makes is recorded; requests
that are not for a local file (or the local JupyterLab) are aborted, so that a
page that needs the network shows up as failed requests.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("ACCORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

HOSTILE_TEXT = """\
Russia supplied North Korea with weapons <script>window.__pwned='script';alert(1)</script> last month, officials said.
North Korea denied that it received <img src=x onerror="window.__pwned='img';alert(2)"> weapons from Russia.
US officials accused Russia of <a href="javascript:window.__pwned='link';alert(3)">arming North Korea</a> & said Moscow sent oil.
"""
HOSTILE_META = """\
title: "<img src=x onerror=\\"window.__pwned='title'\\"> & <script>window.__pwned='title'</script>"
source: "<b onmouseover=\\"window.__pwned='source'\\">wire</b>"
date: 2024-07-02
"""


def write_hostile_corpus(folder: Path) -> Path:
    """A corpus of the seed plus an article whose text and metadata carry HTML and script payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in (ROOT / "seeds").iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "hostile-2024-07.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "hostile-2024-07.meta.yaml").write_text(HOSTILE_META, encoding="utf-8")
    return folder


def accord(*args: str, env: dict | None = None, timeout: int = 300, **kw) -> subprocess.CompletedProcess:
    """Run the ``accord`` command of this environment."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(BIN / "accord"), *args], capture_output=True, text=True, timeout=timeout,
                          env=full_env, **kw)


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def watch(page, allowed_prefixes: Iterable[str] = ("file://", "data:", "blob:", "about:")) -> PageLog:
    """Record what the page does; abort any request outside ``allowed_prefixes``."""
    log = PageLog()
    allowed = tuple(allowed_prefixes)

    def route(r):
        url = r.request.url
        if url.startswith(allowed):
            r.continue_()
        else:
            log.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: log.requests.append(req.url))
    page.on("requestfailed", lambda req: log.failed.append(f"{req.url} {req.failure}"))
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))

    def dialog(d):
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return log


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} missing: run `make system-deps` (Debian's chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# hover every point of every plotly chart of the page; returns the text of each hover label
HOVER_ALL_JS = """
async () => {
  const texts = [];
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    for (let c = 0; c < gd.data.length; c++) {
      const tr = gd.data[c];
      if (tr.type === 'sankey' || tr.hoverinfo === 'skip') continue;  // Sankey: hovered with the mouse
      let points = [];
      if (tr.type === 'heatmap') {  // Fx.hover takes no [row, col]: move the mouse over each cell
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
        const drag = gd.querySelector('.nsewdrag');
        const box = drag.getBoundingClientRect();
        for (let i = 0; i < tr.z.length; i++) {
          for (let j = 0; j < tr.z[i].length; j++) {
            if (tr.z[i][j] === null) continue;
            drag.dispatchEvent(new MouseEvent('mousemove', {bubbles: true,
              clientX: box.left + xa.c2p(j), clientY: box.top + ya.c2p(i)}));
            await sleep(60);
            const layer = gd.querySelector('.hoverlayer');
            if (layer && layer.textContent) texts.push(layer.textContent);
          }
        }
        Plotly.Fx.unhover(gd);
        continue;
      } else {
        const n = (tr.x || tr.y || []).length;
        for (let i = 0; i < n; i++) points.push(i);
      }
      for (const p of points) {
        Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: p}]);
        await sleep(60);  // plotly throttles hover events to one per 50 ms
        const layer = gd.querySelector('.hoverlayer');
        if (layer && layer.textContent) texts.push(layer.textContent);
      }
      Plotly.Fx.unhover(gd);
    }
  }
  return texts;
}
"""
