"""The parts of ``accord learn`` that run in seconds: the packaged corpus, corrections that cannot teach,
the guard's rules, deterministic training, model folders checked before use, datasets that record their
model. The end-to-end runs (the wrong rule refused, the worked example) are in test_run.py."""
from __future__ import annotations

import gzip
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from accord.analysis.notebook import check_dataset_model
from accord.analysis.params import check_model
from accord.engine import check_events_model
from accord.corrections import parse_each
from accord.dataset.scale import annotate_dataset
from accord.dataset.version import events_model_of
from accord.errors import AccordError, DatasetError, ParameterError
from accord.learn import guard
from accord.learn.corpus import PACKED, SPLITS, pack, packed_path
from accord.learn.measure import folds
from accord.learn.teach import read_all, teach
from accord.learn.train import train
from accord.lexicon import load_lexicon
from accord.paths import EVENT_MODEL
from accord.pipeline import build_pipeline
from accord.pipeline.eventmodel import EventModel, model_id, relation_settings
from accord.pipeline.triggers import trigger_categories

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Chinese coast guard ships blocked a Philippine fishing boat near the shoal on Tuesday, Manila said."


def test_the_package_ships_the_open_corpus_under_its_license(tmp_path):
    for split in SPLITS:
        assert gzip.decompress(packed_path(split).read_bytes()) == (ROOT / "training/corpus" / f"{split}.jsonl").read_bytes()
    assert (PACKED / "LICENSE").read_bytes() == (ROOT / "training/corpus/LICENSE").read_bytes()
    pack(ROOT / "training/corpus", tmp_path)  # `make corpus` writes the same bytes
    for split in SPLITS:
        assert packed_path(split, tmp_path).read_bytes() == packed_path(split).read_bytes()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"data/corpus/*"' in pyproject


def test_entries_that_do_not_check_are_reported_with_their_line_not_the_whole_file_refused():
    data = ("corrections:\n"
            "  - {doc: a, span: [0, 10], set: {event_type: COERCE}, reason: ok}\n"
            "  - {doc: a, span: [0, 10], set: {event_type: FIGHT}, reason: no such category}\n"
            "  - {doc: a, span: [10, 5], drop: true, reason: span backwards}\n").encode()
    good, bad = parse_each(data, "fixes.yaml", load_lexicon())
    assert [c.set for c in good] == [{"event_type": "COERCE"}]
    assert [e.line for e in bad] == [3, 4]
    assert "FIGHT" in bad[0].problem and "span" in bad[1].problem


@pytest.fixture(scope="module")
def engine():
    lexicon = load_lexicon()
    nlp = build_pipeline(lexicon)
    return lexicon, nlp, trigger_categories(nlp.get_pipe("accord_relations").triggers)


def test_corrections_that_cannot_teach_are_reported_with_their_reasons(tmp_path, engine):
    lexicon, nlp, categories = engine
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "d1", "text": TEXT, "date": "2024-05-02"}) + "\n", encoding="utf-8")
    end = len(TEXT)
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(
        "corrections:\n"
        f"  - {{id: ok, doc: d1, span: [0, {end}], where: {{trigger: blocked}}, set: {{event_type: COERCE}}, reason: coercion}}\n"
        f"  - {{id: args, doc: d1, span: [0, {end}], where: {{trigger: blocked}}, set: {{target: [PHL]}}, reason: target}}\n"
        f"  - {{id: gone, doc: d9, span: [0, 20], set: {{event_type: COERCE}}, reason: no such document}}\n"
        f"  - {{id: past, doc: d1, span: [0, {end + 50}], set: {{event_type: COERCE}}, reason: changed}}\n"
        f"  - {{id: none, doc: d1, span: [0, 8], set: {{event_type: COERCE}}, reason: no row here}}\n"
        f"  - {{id: claim, doc: d1, span: [0, {end}], table: claims, set: {{source: [PHL]}}, reason: a claim}}\n"
        f"  - {{id: bad, doc: d1, span: [0, {end}], set: {{event_type: FIGHT}}, reason: unknown}}\n"
        f"  - {{id: guide, doc: d1, span: [0, {end}], where: {{trigger: blocked}}, set: {{event_type: AID}}, reason: x}}\n",
        encoding="utf-8")
    good, refused = read_all([fixes], lexicon)
    corpus_categories = {"COERCE", "REJECT", "CONSULT"}  # AID left out: a category these guidelines do not use
    lesson = teach(corpus, good, nlp, categories, corpus_categories, refused)
    reasons = {r["id"]: r["reason"] for r in lesson.refused if r["id"]}
    assert "not in the corpus given" in reasons["gone"]
    assert "past the document's" in reasons["past"] and "changed" in reasons["past"]
    assert "no row of the engine's" in reasons["none"]
    assert "corrects a claim" in reasons["claim"]
    assert "not a category of the open corpus's guidelines" in reasons["guide"]
    assert any("FIGHT" in r["reason"] and "line 8" in r["where"] for r in lesson.refused)
    assert lesson.n_corrections == 8 and len(lesson.refused) == 6
    taught = [t for t in lesson.targets if t.example is not None]
    assert [(t.correction.id, t.example[1]) for t in taught] == [("ok", "COERCE")]
    assert [t.correction.id for t in lesson.targets if t.example is None] == ["args"]  # measured, not learned
    assert any(f == "l=block" for f in taught[0].example[0])


def test_the_guard_refuses_drops_beyond_its_thresholds():
    dev = {"plover": {"event_accuracy": 0.62}, "attribution": {"cue_f1": 0.89}}
    corpus = {"f1": 0.70, "typing_accuracy": 0.78, "per_category_f1": {"CONSULT": 0.80}}
    assert guard.judge(dev, dev, corpus, corpus) == []
    within = {"plover": {"event_accuracy": 0.60}, "attribution": {"cue_f1": 0.89}}
    assert guard.judge(dev, within, corpus, corpus) == []
    beyond = {"plover": {"event_accuracy": 0.59}, "attribution": {"cue_f1": 0.89}}
    assert guard.judge(dev, beyond, corpus, corpus) == ["plover dev event_accuracy drops from 0.620 to 0.590 "
                                                         "(more than 0.02)"]
    unlearned = {**corpus, "per_category_f1": {"CONSULT": 0.70}}
    assert "F1 of CONSULT drops" in guard.judge(dev, dev, corpus, unlearned)[0]
    words = {"meet": {"n": 133, "agreement": 0.98}}
    assert "uses of 'meet'" in guard.judge(dev, dev, corpus, corpus, words, {"meet": {"n": 133, "agreement": 0.80}})[0]


def test_a_category_the_corpus_rarely_gives_a_word_contradicts_its_guidelines():
    uses = {"meet": Counter(CONSULT=76, NONE=45, AGREE=10, ASSAULT=1, CONCEDE=1), "block": Counter(PROTEST=50, COERCE=10, NONE=34)}
    assert guard.contradictions(Counter({("block", "COERCE"): 5, ("meet", "CONSULT"): 9}), uses) == []
    assert guard.contradictions(Counter({("meet", "ASSAULT"): 2}), uses) == []  # fewer than 3 corrections
    (reason,) = guard.contradictions(Counter({("meet", "ASSAULT"): 22}), uses)
    assert reason.startswith("22 corrections teach 'meet' as ASSAULT, which the open corpus gives to 1 of its 133 uses")


def test_folds_are_by_document_and_deterministic():
    docs = [f"d{n}" for n in range(7)]
    got = folds(list(reversed(docs)), 3)
    assert got == folds(docs, 3) and sorted(d for f in got for d in f) == sorted(docs)
    assert all(set(a).isdisjoint(b) for i, a in enumerate(got) for b in got[i + 1:])


def test_training_is_deterministic_and_the_weight_counts(tmp_path):
    examples = [([f"l=w{n % 7}", f"x={n % 5}", "b"], ["NONE", "COERCE", "CONSULT"][n % 3]) for n in range(300)]
    extra = [(["l=w1", "x=1", "b"], "CONSULT")] * 3
    for name in ("a", "b"):
        train(examples + extra, weights=[1.0] * 300 + [10.0] * 3).save(tmp_path / name, {"note": "test"})
    for f in ("model.json", "weights.npz", "features.json"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
    light = train(examples + extra, weights=[1.0] * 303)
    heavy = EventModel.load(tmp_path / "a")
    col = heavy.classes.index("CONSULT")
    assert heavy.probabilities([["l=w1", "x=1", "b"]])[0][col] > light.probabilities([["l=w1", "x=1", "b"]])[0][col]


def model_copy(tmp_path: Path, name: str = "mine", **card) -> Path:
    folder = tmp_path / name
    shutil.copytree(EVENT_MODEL, folder)
    data = json.loads((folder / "model.json").read_text())
    (folder / "model.json").write_text(json.dumps({**data, **card}, indent=1, sort_keys=True) + "\n")
    return folder


def test_a_model_folder_is_checked_before_use(tmp_path):
    with pytest.raises(AccordError, match="no such model folder"):
        check_events_model(tmp_path / "nothing")
    folder = model_copy(tmp_path, note="a copy")
    check_events_model(folder)
    with pytest.raises(AccordError, match="engine v2"):
        check_events_model(folder, syntax=False)
    (folder / "features.json").write_text('["x"]\n')
    with pytest.raises(AccordError, match="features.json: checksum differs"):
        check_events_model(folder)
    with pytest.raises(ParameterError, match="is not a folder"):
        check_model(str(tmp_path / "nothing"))
    bad = model_copy(tmp_path, "bad", relations={"veto": 2})
    with pytest.raises(AccordError, match="'relations' must map"):
        relation_settings(bad)
    assert relation_settings(model_copy(tmp_path, "ok", relations={"veto": 0.9})) == {"veto": 0.9}
    assert relation_settings(EVENT_MODEL) == {}  # the packaged model keeps the engine's defaults


def test_a_dataset_records_its_model_and_is_never_a_mixture(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "cache"))
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    out = tmp_path / "week"
    annotate_dataset(news, out, workers=0, progress=False)
    assert events_model_of(out) is None
    mine = model_copy(tmp_path, note="the analyst's")
    with pytest.raises(DatasetError, match="packaged event model.*event model [0-9a-f]{12} \\(accord learn\\).*never a mixture"):
        annotate_dataset(news, out, workers=0, progress=False, events_model=mine)
    with pytest.raises(ParameterError, match="annotated with the packaged event model"):
        check_dataset_model(out, str(mine))
    annotate_dataset(news, out, workers=0, progress=False, events_model=mine, overwrite=True)
    assert events_model_of(out) == model_id(mine)
    check_dataset_model(out, str(mine))
    with pytest.raises(ParameterError, match=f"annotated with event model {model_id(mine)}"):
        check_dataset_model(out, None)
