"""``accord learn`` end to end (slow: each run trains on the whole open corpus and scores the dev sets).

- a set of 24 corrections teaching a wrong rule (every "met" is an ASSAULT) is refused by the guard,
  which says why, and nothing is written;
- the worked example's corrections (tests/learn/jpn-phl) give a model folder, byte for byte the same
  on a second run, that ``accord annotate --model`` then uses.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.cli import main
from accord.learn.run import Settings, learn

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "learn" / "jpn-phl"
PAIRS = [("Chile", "Peru", "Lima"), ("Ghana", "Togo", "Accra"), ("Norway", "Sweden", "Oslo"),
         ("Laos", "Vietnam", "Hanoi"), ("Mexico", "Guatemala", "Mexico City"), ("Egypt", "Jordan", "Amman"),
         ("Poland", "Lithuania", "Vilnius"), ("Kenya", "Uganda", "Kampala"), ("Spain", "Portugal", "Lisbon"),
         ("Nepal", "Bhutan", "Thimphu"), ("Iraq", "Kuwait", "Baghdad"), ("Greece", "Cyprus", "Athens")]


TEMPLATES = [
    "The foreign ministers of {a} and {b} met in {city} on Tuesday to discuss trade.",
    "{a}'s president met the prime minister of {b} in {city} on Friday, officials said.",
    "Officials from {a} met their counterparts from {b} last week.",
    "Defence chiefs of {a} and {b} met on the sidelines of a summit in {city}.",
    "{a}'s envoy met {b}'s foreign minister for two hours on Monday.",
    "Negotiators from {a} and {b} met again in {city} after a month without talks.",
    "The leaders of {a} and {b} met briefly at the airport in {city}.",
    "Trade ministers from {a} met a delegation from {b} in {city} to settle a dispute over fishing rights.",
    "{a}'s interior minister met the ambassador of {b} on Wednesday, the ministry said.",
    "Lawmakers from {a} met members of {b}'s parliament in {city} on Thursday.",
    "Generals from {a} and {b} met at the border to agree on patrol routes.",
    "{a}'s prime minister met with {b}'s president in {city}, state television reported.",
]


def wrong_rule_corpus(folder: Path) -> tuple[Path, Path]:
    """24 invented reports of meetings (12 phrasings, each twice, so every fold sees each phrasing), and
    corrections calling every "met" an ASSAULT."""
    lines, fixes = [], []
    for n in range(24):
        a, b, city = PAIRS[n % len(PAIRS)] if n < len(PAIRS) else PAIRS[(n + 5) % len(PAIRS)][::-1][1:] + (PAIRS[n % len(PAIRS)][2],)
        text = TEMPLATES[n // 2].format(a=a, b=b, city=city)
        doc_id = f"meet-{n:02d}"
        lines.append(json.dumps({"id": doc_id, "text": text, "date": f"2025-03-{n + 1:02d}"}))
        fixes.append(f"  - {{id: wrong-{n:02d}, doc: {doc_id}, span: [0, {len(text)}], where: {{trigger: met}}, "
                     f"set: {{event_type: ASSAULT}}, reason: every meeting is an attack}}")
    corpus = folder / "meetings.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "wrong.yaml"
    path.write_text("corrections:\n" + "\n".join(fixes) + "\n", encoding="utf-8")
    return corpus, path


def test_a_wrong_rule_is_refused_by_the_guard(tmp_path, capsys):
    corpus, fixes = wrong_rule_corpus(tmp_path)
    out = tmp_path / "mine"
    code = main(["learn", str(corpus), "--corrections", str(fixes), "--out", str(out), "--folds", "2"])
    printed = capsys.readouterr().out
    assert code == 1
    assert not out.exists() and not list(tmp_path.glob(".mine*"))  # nothing written, no leftovers
    assert "refused: the model is not written" in printed
    assert "corrections teach 'meet' as ASSAULT" in printed and "contradict the corpus's guidelines" in printed
    assert "teaching rows: 22 {'ASSAULT': 22}" in printed
    # two sentences give "met" no row of the engine's: reported, not dropped silently
    assert printed.count("\n  cannot teach: ") == 2 and "(doc meet-22): no row of the engine's" in printed


def test_the_worked_example_learns_the_same_model_twice_and_annotate_uses_it(tmp_path):
    fixes = [str(EXAMPLE / "fixes.yaml")]
    settings = Settings(k=1)  # one fold: the cross-validation is skipped (the README's run has k=3)
    first = learn(EXAMPLE / "teach", fixes, tmp_path / "a", settings)
    second = learn(EXAMPLE / "teach", fixes, tmp_path / "b", settings)
    assert first["written"] and second["written"], first["refused_because"]
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["LICENSE", "features.json", "model.json", "weights.npz"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    card = json.loads((tmp_path / "a" / "model.json").read_text())
    # 7 rows that are no event when the example was built; the engine has since stopped making one
    # of them ("a supply boat", once read with its headline as one sentence)
    assert card["counts"]["teaching_labels"] == {"COERCE": 2, "COOPERATE": 1, "NONE": 6}
    assert card["corrections"][0]["file"] == "fixes.yaml" and card["relations"] == {"veto": 0.95}
    assert sum(p.stat().st_size for p in (tmp_path / "a").iterdir()) < 20 * 2**20
    out = tmp_path / "tables"
    assert main(["annotate", str(EXAMPLE / "teach"), "--out", str(out), "--format", "csv",
                 "--model", str(tmp_path / "a")]) == 0
    rel = (out / "relations.csv").read_text(encoding="utf-8")
    assert "COERCE" in rel and ",ships," not in rel  # the corrected mistakes are not made again
