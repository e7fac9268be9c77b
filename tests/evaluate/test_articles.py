"""The analyst-articles benchmark (accord.evaluate.articles): loading checks and matching rows."""
from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import InputError
from accord.evaluate.articles import holds, load_articles
from accord.paths import REPO_DIR


def _check(kind: str, **want) -> dict:
    return {"id": "c1", "doc": "a", "kind": kind, "want": want}


def test_a_relation_check_matches_by_country_and_alternatives() -> None:
    rows = [{"source": ["TURGOV"], "target": ["AZE"], "event_type": "SUPPORT", "status": "reported"}]
    assert holds(_check("relation", source="TUR", target="AZE", event_type=["AGREE", "SUPPORT"]), rows)
    assert holds(_check("relation", source="TURGOV", status="reported"), rows)
    assert not holds(_check("relation", source="TURMIL"), rows)          # a full code must be equal
    assert not holds(_check("relation", source="TUR", status="planned"), rows)
    assert not holds(_check("relation", source="AZE"), rows)             # direction matters
    assert not holds(_check("relation", event_type="SUPPORT"), [])


def test_a_claim_check() -> None:
    rows = [{"source": ["IRNGOV"], "stance": "deny"}]
    assert holds(_check("claim", source="IRN", stance=["deny", "accuse"]), rows)
    assert not holds(_check("claim", source="IRN", stance="assert"), rows)


def test_the_shipped_articles_load_and_a_bad_check_is_refused(tmp_path: Path) -> None:
    docs, checks = load_articles(REPO_DIR / "tests" / "articles")
    assert len(docs) >= 5 and len(checks) >= 40 and all(d["date"] for d in docs)
    (tmp_path / "x.txt").write_text("Chile met Peru.", encoding="utf-8")
    (tmp_path / "checks.yaml").write_text("checks:\n  - {id: c1, doc: y, relation: {source: CHL}}\n", encoding="utf-8")
    with pytest.raises(InputError, match="check c1"):
        load_articles(tmp_path)
