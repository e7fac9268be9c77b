"""The dyad notebook (notebooks/03_dyad.ipynb): real papermill runs through `accord report`, with a dyad other
than the committed one (given by name), and its HTML report in a real headless browser. Nothing is mocked."""
from __future__ import annotations

import re

import pytest
import yaml

from tests._browser import HOVER_ALL_JS, ROOT, accord, browser, watch, write_hostile_corpus  # noqa: F401 (fixture)

DYAD = ROOT / "notebooks" / "03_dyad.ipynb"


def test_dyad_notebook_documents_its_parameters():
    import papermill

    declared = papermill.inspect_notebook(str(DYAD))
    assert list(declared) == ["corpus", "a", "b", "start", "end", "lexicon", "model"]
    assert all(p["help"] for p in declared.values())


@pytest.fixture(scope="module")
def iran_report(tmp_path_factory):
    """`accord report notebooks/03_dyad.ipynb -p a Iran -p b Russia` on tests/data/dyad: actors given by name."""
    out = tmp_path_factory.mktemp("iran") / "report"
    res = accord("report", str(DYAD), "-p", "corpus", str(ROOT / "tests" / "data" / "dyad"), "-p", "a", "Iran",
                 "-p", "b", "Russia", "--no-png", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert re.fullmatch(r"accord report: wrote .*report\.html, 1 chart in \d+\.\d s\n", res.stderr)
    return out


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """The Russia-North Korea dyad of a corpus whose article and metadata carry HTML and script payloads."""
    base = tmp_path_factory.mktemp("hostile-dyad")
    corpus = write_hostile_corpus(base / "corpus")
    out = base / "report"
    res = accord("report", str(DYAD), "-p", "corpus", str(corpus), "-p", "a", "RUS", "-p", "b", "North Korea",
                 "--no-png", "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out / "report.html"


def test_dyad_report_of_another_dyad(iran_report):
    page = (iran_report / "report.html").read_text(encoding="utf-8")
    assert "<title>Iran and Russia</title>" in page  # the title follows the dyad
    assert page.count("<h1>Iran and Russia</h1>") == 1 and page.count("<h1") == 1  # one heading
    # the treaty Iran and Russia signed is a joint act, coded both ways
    assert "IRN and RUS · all dates · 4 articles read · 4 relations (3 reported, 1 alleged)" in page
    # the contested proposition, who asserts it and who denies it
    assert "Iran of supplying Russia with drones" in page and "the accusation" in page
    assert "Reuters" in page and "IRN → RUS AID (alleged)" in page
    assert "RUS → PRK" not in page  # nothing of the visit to North Korea in this dyad
    assert "prepare_dyad(" not in page  # inputs hidden
    params = yaml.safe_load((iran_report / "parameters.yaml").read_text(encoding="utf-8"))
    assert params["notebook"] == "03_dyad.ipynb" and params["parameters"]["a"] == "Iran"


def test_dyad_report_in_a_browser(browser, iran_report):
    page = browser.new_page()
    log = watch(page)
    page.goto((iran_report / "report.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.accord-chart svg.main-svg').length >= 1")
    n_events = page.evaluate("""document.querySelector('[data-chart="dyad_timeline"] .js-plotly-plot')._fullData
                                .filter(t => t.hoverinfo === 'text').reduce((n, t) => n + t.x.length, 0)""")
    assert n_events == 4  # one marker per relation (undated ones on a light disc besides)
    texts = page.evaluate(HOVER_ALL_JS)
    joined = re.sub(r"\s+", " ", " ".join(texts))
    assert "Iran → Russia" in joined and "(IRN → RUS)" in joined  # names first, codes beside them
    assert "undated in the text: placed at its article's date" in joined
    assert re.search(r"supplying\s*Russia\s*with\s*drones", joined)
    body = page.locator("body").inner_text()
    assert "Contested propositions" in body and "Sources: who says what" in body
    assert page.locator("table.accord-table").count() == 5
    assert log.blocked == [] and log.failed == [] and log.console_errors == [] and log.page_errors == []
    page.close()


def test_hostile_text_stays_text_in_the_dyad_report(browser, hostile_report):
    page = browser.new_page()
    log = watch(page)
    page.goto(hostile_report.as_uri())
    page.wait_for_function("document.querySelectorAll('.accord-chart svg.main-svg').length >= 1")
    hover = " ".join(page.evaluate(HOVER_ALL_JS))
    body = page.locator("body").inner_text()
    assert "<script>window.__pwned='script';alert(1)</script>" in body  # the evidence column, as text
    assert "<b onmouseover=" in body  # the outlet of the hostile article
    assert "<script>window.__pwned='script';alert(1)</script>" in hover
    page.mouse.move(5, 5)
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x'], [onerror], [onmouseover], a[href^='javascript:']").count() == 0
    assert log.dialogs == [] and log.blocked == [] and log.page_errors == [] and log.console_errors == []
    page.close()


def test_alliance_report_counts_events(tmp_path):
    """Notebook 02 with `-p count events`: the charts draw one row per event, the hover says how many reports."""
    out = tmp_path / "report"
    res = accord("report", str(ROOT / "notebooks" / "02_alliance_dynamics.ipynb"), "-p", "count", "events",
                 "--no-png", "--out", str(out))
    assert res.returncode == 0, res.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    # the seed's three reports of Russian support for North Korea (country level) are one event
    assert "and 2 more reports of this event, 1 source" in page
    # the committed notebook, run with the default count (reports), draws every report
    assert "reports of this event" not in (ROOT / "notebooks" / "02_alliance_dynamics.ipynb").read_text(encoding="utf-8")


def test_dyad_report_reads_title_first_names_beside_codes_left_aligned(browser, iran_report):
    """Issue 23 item 6: the report began with the notebook's introduction, above its title; the tables
    showed bare codes; JupyterLab's style right-aligned every cell, sentences included."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto((iran_report / "report.html").as_uri())
    page.wait_for_function("document.querySelectorAll('.accord-chart svg.main-svg').length >= 1")
    first = page.evaluate("""() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let n;
        while ((n = walker.nextNode())) {
            if (n.textContent.trim() && n.parentElement.closest('script, style') === null) return n.parentElement.tagName;
        }
    }""")
    assert first == "H1"  # the title is the first text of the page
    body = page.locator("body").inner_text()
    assert body.index("Iran and Russia") < body.index("Everything the articles say between two actors")
    cells = page.locator("table.accord-table td").all_inner_texts()
    assert "Iran · IRN" in cells and "Russia · RUS" in cells and "Iran → Russia" in cells
    aligns = page.evaluate("""() => [...document.querySelectorAll('table.accord-table th, table.accord-table td')]
                                    .map(e => getComputedStyle(e).textAlign)""")
    assert len(aligns) > 40 and set(aligns) == {"left"}
    page.close()
