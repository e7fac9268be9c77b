"""One engine value (accord.engine): the lexicon, its rules and the pipeline, made once and carried by the run."""
from __future__ import annotations

from pathlib import Path

import accord
from accord.engine import Engine, packaged
from accord.readers import Document

ROOT = Path(__file__).resolve().parents[1]
MINE = "actors:\n  - {id: XWG, kind: org, code: XWG, name: Wagner Group, names: [Wagner Group], country: RUS}\n"
RULES = "rules:\n  material_categories:\n    arms: [weapon, arms, military]\n"


def test_an_engine_from_an_analyst_file_carries_its_lexicon_and_pipeline_into_the_annotation(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(MINE, encoding="utf-8")
    engine = Engine.load(mine)
    assert engine.source == mine and any(e.code == "XWG" for e in engine.lexicon.actors)
    nlp = engine.nlp
    doc = [Document("d", "mem", "The Wagner Group attacked Ukraine.", date="2023-01-01")]
    assert "XWG" in set(accord.annotate(doc, lexicon=engine)["mentions"].actor_id)
    assert engine.nlp is nlp  # made once, carried
    assert Engine.load(engine) is engine


def test_an_engine_without_its_pipeline_makes_it_on_first_use():
    engine = Engine.load(None, pipeline=False)
    assert engine._nlp is None and engine.rules is engine.lexicon.rules
    assert packaged().version == engine.version


def test_a_notebook_run_makes_its_engine_once_and_its_charts_read_its_rules(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    from accord.analysis.notebook import prepare

    run = prepare(str(ROOT / "seeds"), lexicon=str(rules))
    assert run.engine is not None and run.engine.source == str(rules)
    assert run.rules is run.engine.rules and "arms" in run.rules.material_categories
