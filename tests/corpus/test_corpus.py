"""The open corpus (training/corpus/): anchors, checks, the split, agreement, and the published files.

The published files are rebuilt from the anchored ones (training/authored/) and must equal
them byte for byte, every item must pass the checks, and no item may share a 10-word sequence
with the gold sets and the seed this repository holds.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.corpus import AnchorError, Vocabulary, check_item, place_item
from accord.corpus.agreement import compare, kappa
from accord.corpus.anchors import locate
from accord.corpus import placed_items
from accord.corpus.overlap import reference_texts, shared_sequences
from accord.corpus.split import group_of, is_test, write_corpus
from accord.corpus.stats import load_corpus, masked
from accord.lexicon import load_lexicon
from accord.paths import REPO_DIR

CORPUS = REPO_DIR / "training" / "corpus"
AUTHORED = REPO_DIR / "training" / "authored"
SHARED = REPO_DIR.parent / "shared"


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.from_lexicon(load_lexicon())


def _item(**events) -> dict:
    text = "Police in Lagos arrested two activists after they blocked a road, the state governor said."
    return {"id": "t-b01-001", "text": text, "date": "2015-03-02", "origin": "written", "region": "Africa",
            "events": [{"trigger": "arrested", "category": "COERCE", "mode": "arrest", "status": "reported",
                        "source": [{"text": "Police", "code": "NGACOP"}], "target": [{"text": "two activists", "code": "NGAOPP"}],
                        "location": "Lagos", **events}],
            "attributions": [{"cue": "said", "source": {"text": "state governor", "code": "NGAGOV"},
                              "content": ["Police in Lagos arrested two activists after they blocked a road"], "stance": "assert"}]}


# ----------------------------------------------------------------------------- anchors

def test_locate_whole_words_and_occurrences() -> None:
    text = "Warned of war, the army warned the war party."
    with pytest.raises(AnchorError, match="occurs 2 times"):   # not inside "Warned"/"warned"
        locate(text, "war")
    assert locate(text, "war#1") == [10, 13]
    with pytest.raises(AnchorError, match="occurs 1 time"):
        locate(text, "war party#3")
    assert locate(text, "warned") == [24, 30]        # case-sensitive: "Warned" is another word
    assert locate(text, "war#2") == [35, 38]
    assert locate(text, "the", near=[35, 38]) == [31, 34]   # the nearest occurrence
    with pytest.raises(AnchorError, match="add #k"):
        locate(text, "the")
    with pytest.raises(AnchorError, match="does not occur"):
        locate(text, "navy")


def test_place_item_slices_back() -> None:
    raw = _item(trigger=["arrested", "activists"])
    item = place_item(raw)
    text = item["text"]
    ev = item["events"][0]
    assert [text[s:e] for s, e in ev["trigger"]] == ["arrested", "activists"]
    assert text[slice(*ev["source"][0]["span"])] == "Police"
    assert text[slice(*ev["location"])] == "Lagos"
    at = item["attributions"][0]
    assert text[slice(*at["source"]["span"])] == "state governor"
    assert text[slice(*at["content"][0])].startswith("Police in Lagos")


# ------------------------------------------------------------------------------ checks

def test_a_valid_item_passes(vocab: Vocabulary) -> None:
    assert check_item(place_item(_item()), vocab) == []


@pytest.mark.parametrize("change, problem", [
    ({"category": "FIGHT"}, "not a PLOVER category"),
    ({"mode": "aerial"}, "not a mode of COERCE"),
    ({"status": "rumoured"}, "status"),
])
def test_bad_labels_are_named(vocab: Vocabulary, change: dict, problem: str) -> None:
    problems = check_item(place_item(_item(**change)), vocab)
    assert any(problem in p for p in problems), problems


def test_bad_codes_spans_and_shared_triggers(vocab: Vocabulary) -> None:
    item = place_item(_item())
    item["events"][0]["source"][0]["code"] = "NGAXYZ"
    item["events"][0]["target"][0]["span"] = [5, 500]
    item["attributions"][0]["stance"] = "muse"
    item["events"].append({**item["events"][0], "category": "ASSAULT", "mode": "", "source": [], "target": []})
    problems = check_item(item, vocab)
    assert any("'NGAXYZ' is not a lexicon code" in p for p in problems)
    assert any("target 1: no span inside the text" in p for p in problems)
    assert any("stance 'muse'" in p for p in problems)
    assert any("shared by events that are not a joint" in p for p in problems)


def test_a_joint_pair_may_share_its_trigger(vocab: Vocabulary) -> None:
    text = "Chile and Peru held talks in Lima."
    ev = {"trigger": ["held", "talks"], "category": "CONSULT", "mode": "", "status": "reported", "location": "Lima"}
    raw = {"id": "t-b01-002", "text": text, "date": "2001-05-05", "origin": "written", "attributions": [],
           "events": [{**ev, "source": [{"text": "Chile", "code": "CHL"}], "target": [{"text": "Peru", "code": "PER"}]},
                      {**ev, "source": [{"text": "Peru", "code": "PER"}], "target": [{"text": "Chile", "code": "CHL"}]}]}
    assert check_item(place_item(raw), vocab) == []


def test_codes(vocab: Vocabulary) -> None:
    assert all(vocab.code_ok(c) for c in ("RUS", "NGACOP", "IGOUNO", "IGOWSTNAT", "UNKUAF", "USAGOVMIL", "SUN"))
    assert not any(vocab.code_ok(c) for c in ("XXX", "RUSXYZ", "rus", "RUSMI", None, ""))


# -------------------------------------------------------------------- split and stats

def test_split_is_by_batch_and_stable(tmp_path: Path) -> None:
    items = [(Path("x"), {"id": f"w9-b{b:02d}-{i:03d}", "origin": "written", "text": "t", "events": [], "attributions": []})
             for b in range(1, 41) for i in range(3)]
    counts = write_corpus(items, tmp_path)
    test_groups = {json.loads(line)["batch"] for line in (tmp_path / "test.jsonl").read_text().splitlines()}
    train_groups = {json.loads(line)["batch"] for line in (tmp_path / "train.jsonl").read_text().splitlines()}
    assert not test_groups & train_groups and counts["test.jsonl"] % 3 == 0
    assert test_groups == {"w9-b03", "w9-b10", "w9-b17", "w9-b24", "w9-b31", "w9-b38"}   # one batch in seven
    assert group_of({"id": "gum:GUM_news_x#4", "origin": "gum:GUM_news_x#4"}) == "gum:GUM_news_x"
    docs = [f"gum:GUM_news_{i}" for i in range(400)]
    assert 0.10 < sum(map(is_test, docs)) / len(docs) < 0.20     # treebank documents: by hash


def test_masking_finds_a_refilled_template() -> None:
    assert masked("Police in Lagos arrested 12 activists.") == masked("Police in Accra arrested 30 activists.")
    assert masked("Police in Lagos arrested 12 activists.") != masked("Police in Lagos freed 12 activists.")


# ------------------------------------------------------------------------- agreement

def test_agreement_figures(vocab: Vocabulary) -> None:
    first = {"a": place_item(_item())}
    assert compare(first, first)["category_kappa_with_none"] == 1.0
    second = {"a": place_item(_item(category="ASSAULT", mode="", source=[{"text": "Police", "code": "NGA"}]))}
    other = compare(first, second)
    assert other["category_agreement_paired"] == 0.0 and other["source_code_f1"] == 0.0
    assert other["target_code_f1"] == 1.0 and other["attribution_cue_f1"] == 1.0
    assert kappa([("A", "A"), ("B", "B"), ("A", "B"), ("B", "B")]) == pytest.approx(0.5)


# ---------------------------------------------------------------- the published corpus

def test_published_corpus_is_built_from_the_authored_files(vocab: Vocabulary, tmp_path: Path) -> None:
    items, issues = placed_items(sorted(AUTHORED.rglob("*.jsonl")), vocab)
    assert not issues, "\n".join(map(str, issues[:20]))
    write_corpus(items, tmp_path)
    for name in ("train.jsonl", "test.jsonl"):
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), \
            f"training/corpus/{name} is stale: run `python -m accord.corpus build`"


def test_every_published_item_is_valid_and_slices_back(vocab: Vocabulary) -> None:
    items = load_corpus(CORPUS)
    assert items
    problems = [f"{it['id']}: {p}" for it in items for p in check_item(it, vocab)]
    assert not problems, "\n".join(problems[:20])


def test_no_item_shares_ten_words_with_a_gold_set() -> None:
    refs = [SHARED / "benchmarks" / "plover_gsr_dev.jsonl", *sorted((SHARED / "seeds").glob("*.txt")),
            *sorted((REPO_DIR / "seeds").glob("*.txt")), *sorted((REPO_DIR / "tests" / "gold").glob("*.yaml")),
            *sorted((REPO_DIR / "tests" / "records").glob("*.yaml")), *sorted((REPO_DIR / "tests" / "probes").glob("*.yaml")),
            SHARED / "reference" / "plover-PLOVER_MANUAL.tex", SHARED / "reference" / "cameo_codes.csv"]
    hits = shared_sequences(load_corpus(CORPUS), reference_texts(p for p in refs if p.exists()))
    assert not hits, f"{len(hits)} items share a 10-word sequence: {dict(list(hits.items())[:10])}"


@pytest.fixture(scope="module")
def figures() -> dict:
    from accord.corpus.stats import corpus_stats

    return corpus_stats(CORPUS)


def test_the_datasheet_reports_the_corpus_as_it_is(figures: dict) -> None:
    from accord.corpus.stats import current_block, figures_markdown

    page = (CORPUS / "DATASHEET.md").read_text(encoding="utf-8")
    assert current_block(page) == figures_markdown(figures), \
        "DATASHEET.md's figures are stale: run `python -m accord.corpus stats --datasheet training/corpus/DATASHEET.md`"


def test_the_corpus_meets_its_floors(figures: dict) -> None:
    """The floors of the corpus issue: size, every category, domestic and real text, places and
    times, variety, and a test split of its own."""
    f = figures
    assert f["events"] >= 6000 and f["attributions"] >= 3000
    assert min(f["by_category"].values()) >= 200 and len(f["by_category"]) == 16, f["by_category"]
    assert f["domestic_share"] >= 0.25 and f["real_text_events"] >= 1000
    regions = f["by_region"]
    assert all(regions.get(r, 0) >= 300 for r in ("Africa", "Americas", "Asia", "Europe", "Middle East")), regions
    assert regions.get("Oceania", 0) > 0
    assert all(f["by_decade"].get(d, 0) > 0 for d in ("1990s", "2000s", "2010s", "2020s"))
    assert f["distinct_trigger_lemmas"] >= 600 and f["masked_repeats"] <= 0.02
    assert 25 <= f["median_sentence_words"] <= 30
    assert 0.12 <= f["written_test_share"] <= 0.20 and 0.10 <= f["treebank_test_share"] <= 0.20
