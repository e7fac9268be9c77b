"""Nothing lost silently (issue 23, item 3): `--overwrite` keeps a dataset's corrections, a dataset names the
lexicon file it was made with, multi-word names match without regard to case, and an analyst's lexicon entry
that matches nothing in the corpus is reported."""
from __future__ import annotations

from pathlib import Path

import pytest

import accord
from accord.cli import main
from accord.dataset.scale import annotate_dataset
from accord.errors import DatasetError

DOC = "reef-2024-03"
TEXT = ("The Philippine coast guard accused China of ramming its vessel. "
        "THE PHILIPPINE COAST GUARD said the ship was damaged. US officials met us in china.")
LEXICON = ("actors:\n"
           "  - {id: PHLCG, kind: org, code: PHLMIL, name: Philippine Coast Guard}\n"
           "  - {id: KLADOVSK, kind: org, code: RUSMIL, name: Kladovsk Brigade}\n")


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / f"{DOC}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{DOC}.meta.yaml").write_text("date: 2024-03-05\n", encoding="utf-8")
    return folder


def _lexicon(tmp_path: Path) -> Path:
    path = tmp_path / "names.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


FIX = f"corrections:\n  - doc: {DOC}\n    span: [0, 64]\n    set: {{status: alleged}}\n    reason: only alleged\n"


def _statuses(out: Path) -> set[str]:
    rel = accord.read_tables(out)["relations"]
    return set(rel[rel.start < 64].status)


def test_overwrite_keeps_the_stored_corrections_and_says_so(tmp_path):
    corpus, fixes = _corpus(tmp_path), tmp_path / "fixes.yaml"
    fixes.write_text(FIX, encoding="utf-8")
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, corrections=fixes, progress=False, durable=False, log=lambda m: None)
    assert _statuses(out) == {"alleged"}
    said: list[str] = []
    annotate_dataset(corpus, out, workers=0, overwrite=True, progress=False, durable=False, log=said.append)
    assert _statuses(out) == {"alleged"}  # was: the stored corrections were gone without a word
    assert any(f"keeping the corrections stored in {out}" in m and "--drop-corrections" in m for m in said)
    annotate_dataset(corpus, out, workers=0, overwrite=True, drop_corrections=True, progress=False,
                     durable=False, log=lambda m: None)
    assert _statuses(out) == {"reported"}
    assert not (out / "corrections.yaml").exists()


def test_drop_corrections_is_a_flag_of_the_cli(tmp_path):
    corpus, fixes = _corpus(tmp_path), tmp_path / "fixes.yaml"
    fixes.write_text(FIX, encoding="utf-8")
    out = tmp_path / "ds"
    assert main(["annotate", str(corpus), "--out", str(out), "--workers", "0", "--corrections", str(fixes)]) == 0
    assert main(["annotate", str(corpus), "--out", str(out), "--workers", "0", "--overwrite"]) == 0
    assert _statuses(out) == {"alleged"}
    assert main(["annotate", str(corpus), "--out", str(out), "--workers", "0", "--overwrite",
                 "--drop-corrections"]) == 0
    assert _statuses(out) == {"reported"}


def test_a_dataset_names_the_lexicon_file_it_was_made_with(tmp_path):
    corpus, lexicon = _corpus(tmp_path), _lexicon(tmp_path)
    out = tmp_path / "ds"
    annotate_dataset(corpus, out, workers=0, lexicon=lexicon, progress=False, durable=False, log=lambda m: None)
    with pytest.raises(DatasetError) as info:
        annotate_dataset(corpus, out, workers=0, progress=False, durable=False, log=lambda m: None)
    assert f"annotated with --lexicon {lexicon}; pass it again" in str(info.value)
    # the other way round: made with the packaged lexicon alone
    plain = tmp_path / "plain"
    annotate_dataset(corpus, plain, workers=0, progress=False, durable=False, log=lambda m: None)
    with pytest.raises(DatasetError) as info:
        annotate_dataset(corpus, plain, workers=0, lexicon=lexicon, progress=False, durable=False, log=lambda m: None)
    assert "annotated with the packaged lexicon alone (no --lexicon)" in str(info.value)
    # the same file, edited since
    annotate_dataset(corpus, out, workers=0, lexicon=lexicon, progress=False, durable=False, log=lambda m: None)
    lexicon.write_text(LEXICON + "  - {id: ZZZ, kind: org, code: RUSMIL, name: Zorbania Works}\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        annotate_dataset(corpus, out, workers=0, lexicon=lexicon, progress=False, durable=False, log=lambda m: None)
    assert f"annotated with --lexicon {lexicon} as it was then; the file has changed since" in str(info.value)


@pytest.fixture(scope="module")
def with_names(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    return accord.annotate(_corpus(folder), lexicon=_lexicon(folder))


def test_a_multi_word_name_matches_without_regard_to_case(with_names):
    m = with_names["mentions"]
    coast = m[m.entity == "Philippine Coast Guard"]
    # in capitals throughout it stays unmatched, as "RUSSIA" is: a dateline or a headline
    assert list(coast.text) == ["Philippine coast guard"]
    assert set(coast.actor_id) == {"PHLMIL"}


def test_single_words_still_match_only_as_written(with_names):
    """"us" is not the US, "china" not China: only names of several words ignore case."""
    m = with_names["mentions"].sort_values("start")
    assert "us" not in set(m.text) and "china" not in set(m.text)
    assert {"China", "US officials"} <= set(m.text)


def test_an_analysts_entry_that_matches_nothing_is_reported(tmp_path, capsys):
    corpus, lexicon = _corpus(tmp_path), _lexicon(tmp_path)
    accord.annotate(corpus, lexicon=lexicon)
    err = capsys.readouterr().err
    assert f"accord: {lexicon}: 1 actor entry matches nothing in the corpus: Kladovsk Brigade (RUSMIL)" in err
    assert "Philippine Coast Guard" not in err
    said: list[str] = []
    annotate_dataset(corpus, tmp_path / "ds", workers=0, lexicon=lexicon, progress=False, durable=False,
                     log=said.append)
    assert any("1 actor entry matches nothing in the corpus: Kladovsk Brigade (RUSMIL)" in m for m in said)

