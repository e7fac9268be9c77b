"""No text crashes the annotator or breaks an offset (issue 4, property-based with hypothesis).

Every mention's ``documents.text[start:end]`` is its text; every relation's and
claim's evidence sentence, where it stands in the text, contains ``start:end``
(also in run-on sentences longer than the pipeline's cap, which are cut into pieces). ``accord.annotate`` is run
whole (tables built and validated); only the pipeline is built once for the module,
to keep the examples fast.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import accord
from accord.engine import packaged
from accord.readers import Document

ROOT = Path(__file__).resolve().parents[1]
def annotate_texts(texts: list[str]) -> dict[str, pd.DataFrame]:
    docs = [Document(doc_id=f"d{n}", path="<hypothesis>", text=t, date="2024-06-18") for n, t in enumerate(texts)]
    return accord.annotate(docs, lexicon=packaged())  # one engine for every example: its pipeline made once


def check_offsets(result: dict[str, pd.DataFrame], texts: list[str]) -> None:
    assert result["errors"].empty, result["errors"].to_dict("records")
    docs = result["documents"].set_index("doc_id")["text"]
    assert list(docs) == texts  # the text is kept exactly
    for m in result["mentions"].itertuples():
        text = docs[m.doc_id]
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.text
    for name in ("relations", "claims"):
        for r in result[name].itertuples():
            text = docs[r.doc_id]
            assert 0 <= r.start < r.end <= len(text)
            assert text[r.start:r.end] in r.evidence
            assert r.evidence in text
            assert evidence_contains(text, r.evidence, r.start, r.end), (name, r.start, r.end, r.evidence)


def evidence_contains(text: str, evidence: str, start: int, end: int) -> bool:
    """Whether ``evidence`` occurs in ``text`` at a place that holds ``text[start:end]``."""
    p = text.find(evidence, max(0, end - len(evidence)))
    while p != -1 and p <= start:
        if end <= p + len(evidence):
            return True
        p = text.find(evidence, p + 1)
    return False


FRAGMENTS = [
    "Putin", "Vladimir Putin", "Kim Jong Un", "Kim's", "North Korea", "North Korean", "Russia", "Russian officials",
    "the Kremlin", "Pyongyang", "Moscow", "Washington", "the White House", "US and South Korean officials", "NATO",
    "the UN Security Council", "the West", "Western powers", "Xi Jinping", "China", "state media", "Zelensky",
    "said", "says", "accused", "denied", "pledged", "warned", "according to", "visited", "visit", "praised",
    "supplying", "supplied", "weapons", "arms", "in exchange for", "economic aid", "sanctions", "blocked",
    "would", "will", "not", "never", "allegedly", "if", "that", "of", "with", "to", "and", ",", ".", "!", "?",
    ":", ";", "\u201c", "\u201d", '"', "'", "(", ")", "-", "\u2014", "last September", "on 18 June 2024",
    "25 years ago", "2023", "1,000", "3.5", "U.S.", "e.g.", "Mr.", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r",
    "\r\r\n", "\x00", "\x0b", "\x0c", "\x1b", "\u2028", "\u2029", "\u0085", "\u200b", "\ufeff", "\u00a0",
    "\U0001F600", "\u0301", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\u4e2d\u56fd", "\uac1c", "\U00010348", "\ufffd",
]

pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
news_like = st.lists(pieces, max_size=80).map(lambda xs: " ".join(xs) if len(xs) % 2 else "".join(xs))
any_text = st.one_of(st.text(max_size=300), news_like,
                     st.lists(st.sampled_from(FRAGMENTS + [""]), max_size=40).map("\n".join))

# one run-on sentence past the cap (MAX_SENTENCE tokens): no sentence end among the pieces
run_on = st.lists(st.sampled_from([f for f in FRAGMENTS if f not in (".", "!", "?")]), min_size=130, max_size=300) \
    .map(" ".join)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(any_text, min_size=1, max_size=4))
def test_no_text_crashes_annotate_or_breaks_an_offset(texts):
    check_offsets(annotate_texts(texts), texts)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(run_on, min_size=1, max_size=2))
def test_run_on_sentences_keep_every_offset_inside_its_evidence(texts):
    check_offsets(annotate_texts(texts), texts)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60),
       st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "", " \n "]), min_size=1, max_size=5))
def test_mixed_line_endings_and_empty_lines(words, breaks):
    text = "".join(w + breaks[i % len(breaks)] for i, w in enumerate(words))
    check_offsets(annotate_texts([text]), [text])


def test_jsonl_corpus_with_mixed_line_endings_and_empty_lines(tmp_path):
    import json

    texts = ["Putin visited Pyongyang.\r\nKim Jong Un praised Russia.\rNorth Korea denied it.\n\n\n",
             "\n\n   \nUS and South Korean officials accused North Korea of supplying Russia with weapons.\r\n"]
    path = tmp_path / "c.jsonl"
    path.write_text("\n\n".join(json.dumps({"id": f"t{n}", "text": t}) for n, t in enumerate(texts)) + "\r\n\n")
    result = accord.annotate(path)
    check_offsets(result, [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts])
    assert len(result["relations"]) >= 3


ONE_MB_LINE = textwrap.dedent("""
    import sys, random
    sys.path.insert(0, {bench!r})
    import accord
    from accord.readers import Document
    if {kind!r} == "news":
        from make_corpus import generate
        text = ""
        for doc in generate(docs=400, mean_words=500, seed=3):
            text += " " + doc["text"].replace("\\n", " ")
            if len(text) >= {size}:
                break
    else:  # arbitrary characters with a sprinkling of lexicon words and punctuation
        rng = random.Random(4)
        alphabet = [chr(c) for c in range(32, 0x2FF)] + [" "] * 60 + {fragments!r}
        text = "".join(rng.choice(alphabet) for _ in range(400_000))
        text = text * ({size} // len(text) + 1)
    text = text[:{size}]
    result = accord.annotate([Document(doc_id="line", path="<1MB>", text=text, date="2024-06-18")],
                             syntax={syntax})
    assert result["errors"].empty, result["errors"].to_dict("records")
    for m in result["mentions"].itertuples():
        assert text[m.start:m.end] == m.text
    for name in ("relations", "claims"):
        for r in result[name].itertuples():
            assert text[r.start:r.end] in r.evidence
    print(len(result["mentions"]), len(result["relations"]), len(result["claims"]))
""")

@pytest.mark.parametrize("kind", ["news", "arbitrary"])
@pytest.mark.parametrize("syntax, size", [(False, 1_000_000), (True, 200_000)], ids=["v1-1MB", "v2-200kB"])
def test_a_1mb_line_is_annotated_in_bounded_time(kind: str, syntax: bool, size: int):
    """One line of 1 MB (news text, or arbitrary characters sprinkled with lexicon words) is annotated,
    offsets intact; a minute is a generous bound that only a quadratic slowdown breaks. Engine v2
    parses at about a tenth of v1's speed (README, Speed), so it gets a fifth of the text."""
    script = ONE_MB_LINE.format(bench=str(ROOT / "benchmarks"), kind=kind, fragments=FRAGMENTS, size=size,
                                syntax=syntax)
    try:
        res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("a 1 MB line took more than a minute to annotate")
    assert res.returncode == 0, res.stderr[-3000:]
