"""Curation: unresolved names by frequency with a sample sentence, and a lexicon stub that resolves them once filled."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import accord
from accord.analysis.unresolved import unresolved_names
from accord.cli import main

ROOT = Path(__file__).resolve().parents[2]

TEXTS = {
    "d1": "Officials said Zorbania Kladovsk met Putin. Blorvik Tanner praised China.",
    "d2": "Zorbania Kladovsk later visited Iran.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    for doc_id, text in TEXTS.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"{doc_id}.meta.yaml").write_text("date: 2024-06-18\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def listed(corpus, tmp_path_factory):
    stub = tmp_path_factory.mktemp("stub") / "stub.yaml"
    return main(["actors", "--unresolved", str(corpus), "--out", str(stub)]), stub


def test_names_come_by_frequency_with_a_sample_sentence(corpus):
    names = unresolved_names(accord.annotate(corpus))
    assert list(names.name) == ["Zorbania Kladovsk", "Blorvik Tanner"]
    assert list(names.n_mentions) == [2, 1] and list(names.n_docs) == [2, 1]
    assert names.example[0] == "Officials said Zorbania Kladovsk met Putin."
    assert names.example[1] == "Blorvik Tanner praised China."


def test_cli_lists_the_names_and_writes_a_stub_that_loads_as_it_is(listed, capsys):
    code, stub = listed
    assert code == 0
    text = stub.read_text(encoding="utf-8")
    assert '"name": "Zorbania Kladovsk", "code": ""' in text and "not_actors:" in text
    assert "Officials said Zorbania Kladovsk met Putin." in text  # the sample, as a comment
    accord.load_lexicon(stub)  # all commented: loads, changes nothing


def test_cli_prints_names_with_counts(corpus, tmp_path, capsys):
    assert main(["actors", "--unresolved", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert out.index("Zorbania Kladovsk") < out.index("Blorvik Tanner")
    assert "2 unresolved names" in out


def test_a_filled_stub_resolves_the_name_and_rules_out_the_other(listed, corpus, tmp_path):
    _, stub = listed
    lines = stub.read_text(encoding="utf-8").splitlines()
    filled = []
    for line in lines:
        if line.startswith('  # - {"id": "analyst:zorbania-kladovsk"'):
            line = "  - " + line[len("  # - "):].replace('"code": ""', '"code": "BLRGOV"')
        if line.startswith('  # - {"name": "Blorvik Tanner"'):
            line = "  - " + line[len("  # - "):]
        filled.append(line)
    mine = tmp_path / "mine.yaml"
    mine.write_text("\n".join(filled) + "\n", encoding="utf-8")
    result = accord.annotate(corpus, lexicon=mine)
    m = result["mentions"]
    assert set(m[m.text == "Zorbania Kladovsk"].actor_id) == {"BLRGOV"}
    assert not m.actor_id.str.startswith("UNK:").any()
    assert unresolved_names(result).empty


def test_a_folder_of_tables_is_read_not_annotated(corpus, tmp_path, capsys):
    accord.write_tables(accord.annotate(corpus), tmp_path / "t", "csv")
    assert main(["actors", "--unresolved", str(tmp_path / "t")]) == 0
    assert "Zorbania Kladovsk" in capsys.readouterr().out


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_unresolved", ROOT / "benchmarks" / "bench_unresolved.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_listing_is_linear_in_the_length_of_a_document():
    """Issue 22, item 11: each name's sample sentence was found by scanning the document from its start
    (38.6 s for a 2.2 MB document, 124 s for 4.4 MB). Four times the text and names: at most about four
    times the CPU time (the quadratic scan took 16 times)."""
    import time

    bench = _bench()

    def cpu(n: int) -> float:
        result = bench.build(n)
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            names = unresolved_names(result)
            best = min(best, time.process_time() - t)
        assert len(names) == n and names.example[n - 1].endswith("met the delegation in the capital.")
        return best

    small, large = cpu(1_500), cpu(6_000)
    assert large < 7 * small, f"{small:.3f} s -> {large:.3f} s for 4x the text"


# -- the stub: written by a YAML emitter, with what the text suggests (issue 22, item 5) ------------

HOSTILE = [
    "Zed\u2028  - {id: analyst:zed, kind: person, name: Zed, code: USAGOV}",  # a line separator: a live entry
    "Ola\x9cf Brann",  # a C1 control character: the stub did not load
    "Kim\u2029Jong\x85Bo\r\nLee",
    'Quote " and \\ back: {flow} [seq] # hash, yes',
    "yes", "null", "- dash", "Erdog\u0306an", "\ufeffBom Name", "x" * 5000,
]


def _hostile_names():
    from accord.analysis.unresolved import COLUMNS

    rows = [{"name": n, "actor_id": f"UNK:{n}", "n_mentions": 1, "n_docs": 1, "doc_id": f"doc\u2028{i}",
             "example": f"Said\x9c \u2028 - {{id: a, kind: person, name: X, code: USAGOV}} {n}.",
             "phrase": n, "kind": "person", "code": "RUSGOV" if i % 2 else ""} for i, n in enumerate(HOSTILE)]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_a_stub_of_hostile_names_loads_and_each_uncommented_line_adds_exactly_its_entry(tmp_path):
    import yaml

    from accord.analysis.stub import lexicon_stub

    text = lexicon_stub(_hostile_names(), "corpus\u2028- {id: b, kind: person, name: Y, code: USAGOV}")
    stub = tmp_path / "stub.yaml"
    stub.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text) == {"actors": None, "not_actors": None}  # nothing live
    accord.load_lexicon(stub)  # loads as it is
    lines = text.split("\n")
    entries = [i for i, line in enumerate(lines) if line.startswith("  # - ")]
    assert len(entries) == 2 * len(HOSTILE)
    for i in entries:
        one = lines[:i] + ["  - " + lines[i][len("  # - "):]] + lines[i + 1:]
        doc = yaml.safe_load("\n".join(one))
        live = [(section, e) for section in ("actors", "not_actors") for e in doc[section] or []]
        assert len(live) == 1, lines[i]
        section, entry = live[0]
        assert entry["name"] in HOSTILE and (section == "actors") == ("id" in entry)
    # every actor line uncommented, with a code: the lexicon has one entry more per name
    filled = [("  - " + line[len("  # - "):]).replace('"code": ""', '"code": "USAGOV"')
              if line.startswith('  # - {"id"') else line for line in lines]
    stub.write_text("\n".join(filled), encoding="utf-8")
    added = {e.name for e in accord.load_lexicon(stub).actors if e.id.startswith("analyst:")}
    assert added == set(HOSTILE) - {""}


def test_the_stub_suggests_the_whole_phrase_the_kind_and_the_code_the_text_gives(tmp_path):
    from accord.analysis.stub import lexicon_stub
    from accord.readers import Document

    text = ("Russian general Zorbania Kladovsk met the Iranian foreign minister Blorvik Tanner. "
            "The Kladovsk Brigade fired on Tuesday.")
    names = unresolved_names(accord.annotate([Document("d", "mem", text, date="2024-01-01")])).set_index("name")
    assert names.loc["Zorbania Kladovsk", ["phrase", "kind", "code"]].tolist() == ["Zorbania Kladovsk", "person",
                                                                                    "RUSMIL"]
    assert names.loc["Blorvik Tanner", ["kind", "code"]].tolist() == ["person", "IRNGOV"]
    # the engine kept "Kladovsk" of "The Kladovsk Brigade": the stub names the whole phrase, an organisation
    assert names.loc["Kladovsk", ["phrase", "kind", "code"]].tolist() == ["Kladovsk Brigade", "org", ""]
    stub = lexicon_stub(names.reset_index())
    assert '{"id": "analyst:kladovsk-brigade", "kind": "org", "name": "Kladovsk Brigade", "code": ""}' in stub
    assert '"name": "Zorbania Kladovsk", "code": "RUSMIL"}' in stub
    assert "the engine found Kladovsk" in stub
