"""The date component never loses a document, and resolves what it matches to the date the words name (issue 22, item 15).

Property-based (hypothesis) over every pattern of ``accord.pipeline.dates``: days with and
without ordinal suffixes ("21st", "22th", "09"), months in full, abbreviated and with the dot
spaCy keeps ("Aug.", "Sept."), in any case; ranges ("21-23 August", "August 21–23"); with a
year, with none, and relative to the document date ("last September", "three weeks ago"),
against any document date the calendar has, or none; impossible values (30 February, day 0 or
32, "1000000 days ago", "⁵ days ago"). Each expression's value is a real ISO date at the
precision of its words, or nothing; it is never an exception.

Then the texts of the UD treebanks in ``../shared/treebanks`` (1,284 documents, read as
``benchmarks/bench_tokenizer.py`` reads them): the date component over all of them, and the whole
engine over all of them (slow: ``tests/slow_tests.txt``; in four shares, which ``make test`` spreads
over its processes), with no document failing.
"""
from __future__ import annotations

import calendar
import re
from datetime import MAXYEAR, date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import spacy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import accord
import accord.pipeline  # noqa: F401 -- registers the factories
from accord.pipeline.dates import MONTH_NAMES, NUMBER_WORDS, WEEKDAYS
from accord.readers import Document
from tests.pipeline._alone import run, small_nlp

TREEBANKS = Path(__file__).resolve().parents[3] / "shared" / "treebanks"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", re.ASCII)
CONTEXT = st.sampled_from([("", ""), ("On ", " Russia signed a treaty with North Korea."),
                           ("Talks held ", " ended without a deal."), ("(", ")"), ("Reported: ", ".")])


def _nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("accord_dates")
    return nlp


NLP = _nlp()


def dates_of(text: str, anchor: date | None) -> list[tuple[str, str | None]]:
    """(words, value) of each time expression the component finds in ``text``, with its offsets checked."""
    doc = NLP.make_doc(text)
    doc._.date = anchor.isoformat() if anchor else None
    doc = NLP(doc)
    out = []
    for t in doc._.dates:
        assert 0 <= t.start < t.end <= len(doc)
        assert t.value is None or is_real(t.value), t.value
        out.append((doc[t.start:t.end].text, t.value))
    return out


def is_real(value: str) -> bool:
    """Whether ``value`` is an ISO date of the calendar at year, month or day precision."""
    if not ISO.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    if parts[0] < 1 or (len(parts) > 1 and not 1 <= parts[1] <= 12):
        return False
    return len(parts) < 3 or parts[2] <= calendar.monthrange(parts[0], parts[1])[1]


def month_forms(month: int) -> st.SearchStrategy[str]:
    """The ways news writes a month: full, abbreviated, with spaCy's kept dot, in any case."""
    full = MONTH_NAMES[month - 1]
    forms = [full, full.title(), full.upper()]
    if month != 5:  # May is never abbreviated ("May." is May and a full stop)
        forms += [full[:3].title(), full[:3].title() + "."]
    if month == 9:
        forms += ["Sept", "Sept."]
    return st.sampled_from(forms)


def day_text(day: int) -> st.SearchStrategy[str]:
    """A day as written: "7", "07", "7th", and the wrong ordinals news also prints ("22th")."""
    plain = [str(day)] + ([f"{day:02d}"] if day < 10 else [])
    return st.sampled_from(plain).flatmap(
        lambda d: st.sampled_from([d, d + "st", d + "nd", d + "rd", d + "th"]))


ANCHORS = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(2024, 6, 18)]))
YEARS = st.integers(1900, 2099)  # the years the patterns read (19xx and 20xx)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


ABSOLUTE = ["{d} {m} {y}", "{m} {d}, {y}", "{m} {d} {y}", "{d} {m}, {y}"]


# the component alone: what it assigns, against the document date or none

def test_dates_resolve_relative_and_absolute_expressions_against_the_document_date() -> None:
    doc = run(small_nlp("accord_dates"))
    assert [(doc[t.start:t.end].text, t.value) for t in doc._.dates] == [
        ("last month", "2024-05"), ("September 2023", "2023-09")]
    assert doc._.mentions is None


def test_dates_without_a_document_date_keep_only_absolute_ones() -> None:
    doc = run(small_nlp("accord_dates"), date=None)
    values = {doc[t.start:t.end].text: t.value for t in doc._.dates}
    assert values["September 2023"] == "2023-09"
    assert values.get("last month") is None


@SETTINGS
@given(day=st.integers(0, 35), month=st.integers(1, 12), year=YEARS, anchor=ANCHORS, data=st.data())
@example(day=21, month=8, year=2009, anchor=date(2024, 6, 18), data=None)  # the issue's "August 21st, 2009"
def test_a_day_month_and_year_resolve_to_that_day_or_to_nothing(day, month, year, anchor, data):
    if data is None:
        m, d, layout, (before, after) = "August", "21st", "{m} {d}, {y}", ("On ", " Russia signed a treaty.")
    else:
        m, d = data.draw(month_forms(month)), data.draw(day_text(day))
        layout, (before, after) = data.draw(st.sampled_from(ABSOLUTE)), data.draw(CONTEXT)
    found = dates_of(before + layout.format(d=d, m=m, y=year) + after, anchor)
    values = [v for _, v in found]
    if _valid(year, month, day):
        assert date(year, month, day).isoformat() in values, found
    else:  # an impossible day is no day: at most the month it names
        assert not any(v and v.startswith(f"{year:04d}-{month:02d}-") for v in values), found


@SETTINGS
@given(first=st.integers(1, 31), length=st.integers(1, 6), month=st.integers(1, 12), year=YEARS,
       dash=st.sampled_from(["-", "\u2013", "\u2014", " - ", " to "]), layout=st.sampled_from(["dmy", "mdy"]),
       data=st.data())
def test_a_range_of_days_resolves_to_its_first_day(first, length, month, year, dash, layout, data):
    last = first + length
    m = data.draw(month_forms(month))
    span = f"{first}{dash}{last}"
    text = f"{span} {m} {year}" if layout == "dmy" else f"{m} {span}, {year}"
    before, after = data.draw(CONTEXT)
    values = [v for _, v in dates_of(before + text + after, date(2024, 6, 18))]
    if _valid(year, month, first) and last <= 31:
        assert date(year, month, first).isoformat() in values, (text, values)
    # whatever it reads, it is never a day outside the range
    for v in values:
        if v and v.startswith(f"{year:04d}-{month:02d}-"):
            assert first <= int(v[-2:]) <= last, (text, values)


@SETTINGS
@given(day=st.integers(1, 31), month=st.integers(1, 12), anchor=ANCHORS, data=st.data(),
       layout=st.sampled_from(["{m} {d}", "{d} {m}", "on {m} {d}", "in {m}", "in early {m}", "{d} of {m}"]))
def test_without_a_year_a_month_is_never_misread(day, month, anchor, data, layout):
    text = layout.format(m=data.draw(month_forms(month)), d=data.draw(day_text(day)))
    before, after = data.draw(CONTEXT)
    for words, value in dates_of(before + text + after, anchor):
        if value is not None and len(value) >= 7:
            assert int(value[5:7]) == month, (text, words, value)
        if value is not None and anchor is not None:  # a bare month is the most recent one: never after the report
            assert value[:7] <= anchor.isoformat()[:7], (text, value)


@SETTINGS
@given(month=st.integers(1, 12), year=st.integers(1000, 2999), anchor=ANCHORS, data=st.data(),
       layout=st.sampled_from(["{m} {y}", "in {m} {y}", "in {y}", "since early {y}", "by late {y}", "during {y}"]))
def test_a_month_or_year_resolves_at_that_precision(month, year, anchor, data, layout):
    m = data.draw(month_forms(month))
    text = layout.format(m=m, y=year)
    values = [v for _, v in dates_of(text + " the talks went on.", anchor)]
    readable = 1900 <= year <= 2099  # the years the patterns read; others are numbers
    unambiguous = "{m}" not in layout or not (len(m.rstrip(".")) <= 4 and m.lower() not in ("may", "june", "july")
                                              and not m.endswith("."))
    if readable and unambiguous:
        expected = f"{year:04d}-{month:02d}" if "{m}" in layout else f"{year:04d}"
        assert expected in values, (text, values)
    if not readable:
        assert not any(v and v.startswith(f"{year:04d}") for v in values), (text, values)


def _ago(anchor: date, n: int, unit: str) -> str | None:
    """What "n units ago" names, computed apart from the component; None past the calendar's ends."""
    if unit.startswith("year"):
        y = anchor.year - n
        return f"{y:04d}" if 1 <= y <= MAXYEAR else None
    if unit.startswith("month"):
        total = anchor.year * 12 + anchor.month - 1 - n
        y, m = divmod(total, 12)
        return f"{y:04d}-{m + 1:02d}" if 1 <= y <= MAXYEAR else None
    try:
        return (anchor - timedelta(days=n * (7 if unit.startswith("week") else 1))).isoformat()
    except OverflowError:
        return None


@SETTINGS
@given(n=st.one_of(st.integers(0, 40), st.integers(0, 10**15)),
       unit=st.sampled_from(["days", "weeks", "months", "years"]),
       anchor=st.one_of(st.dates(), st.sampled_from([date.min, date.max])), words=st.booleans())
@example(n=1_000_000, unit="days", anchor=date(2024, 6, 18), words=False)  # past year 1: was an OverflowError
@example(n=5000, unit="years", anchor=date(2024, 6, 18), words=False)  # was "-2976"
def test_n_units_ago_is_that_date_or_nothing(n, unit, anchor, words):
    word = next((w for w, k in NUMBER_WORDS.items() if k == n and len(w) > 2), None) if words else None
    count = word or str(n)
    unit_text = unit if (word is None or n != 1) else unit[:-1]
    found = dates_of(f"Troops left {count} {unit_text} ago.", anchor)
    assert found, count
    [(_, value)] = found
    assert value == _ago(anchor, n, unit), (count, unit_text, anchor, value)


@SETTINGS
@given(digit=st.sampled_from(["\u2075", "\u0665", "\uff15", "\u00b2", "10,000", "1.5", "twenty", "hundred"]),
       unit=st.sampled_from(["days", "weeks", "months", "years"]), anchor=ANCHORS)
def test_counts_accord_cannot_read_give_no_date_not_an_error(digit, unit, anchor):
    # "⁵".isdigit() is true and int("⁵") fails: this lost the document before
    for _, value in dates_of(f"It began {digit} {unit} ago.", anchor):
        assert value is None


@SETTINGS
@given(rel=st.sampled_from(["last", "next", "this", "past", "on"]),
       what=st.sampled_from([*MONTH_NAMES, *WEEKDAYS, "week", "month", "year"]),
       anchor=ANCHORS, title=st.booleans())
def test_relative_expressions_need_the_document_date_and_stay_in_the_calendar(rel, what, anchor, title):
    text = f"{rel.title() if title else rel} {what.title() if title else what} the ministers met."
    for _, value in dates_of(text, anchor):
        if anchor is None:
            assert value is None
    for word in ("yesterday", "today", "tomorrow"):
        for _, value in dates_of(f"The envoy arrived {word}.", anchor):
            assert (value is None) == (anchor is None) or anchor in (date.min, date.max)


def treebank_documents() -> list[tuple[str, str]]:
    """(id, raw text) of every document of every treebank file: its sentences' ``# text`` joined by spaces."""
    docs: list[tuple[str, str]] = []
    for path in sorted(TREEBANKS.glob("*.conllu")):
        doc_id, sents = None, []
        for line in path.read_text(encoding="utf-8").splitlines() + ["# newdoc id = <end>"]:
            if line.startswith("# newdoc id = "):
                if sents:
                    docs.append((f"{path.stem}/{doc_id}", " ".join(sents)))
                doc_id, sents = line[len("# newdoc id = "):], []
            elif line.startswith("# text = "):
                sents.append(line[len("# text = "):])
    return docs


needs_treebanks = pytest.mark.skipif(not TREEBANKS.is_dir(), reason="../shared/treebanks is not here")


@needs_treebanks
def test_the_date_component_reads_every_treebank_text():
    docs = treebank_documents()
    assert len(docs) == 1284
    for doc_id, text in docs:
        try:
            dates_of(text, date(2024, 6, 18))
        except Exception as exc:  # noqa: BLE001 -- which document, in the message
            pytest.fail(f"{doc_id}: {type(exc).__name__}: {exc}")


@pytest.mark.parametrize("text, expected", [
    ("On August 21st, 2009 Russia signed a treaty with North Korea.", "2009-08-21"),
    ("On March 22nd, 2001 Russia signed a treaty with North Korea.", "2001-03-22"),
    ("On July 22th, 2010 Russia signed a treaty with North Korea.", "2010-07-22"),
    ("On Aug. 28th, 2009 Russia signed a treaty with North Korea.", "2009-08-28"),
    ("Russia signed a treaty with North Korea 1000000 days ago.", None),
])
def test_the_issues_sentences_keep_their_document_and_its_date(text, expected):
    tables = accord.annotate([Document("d", "mem", text, date="2024-06-18")])
    assert tables["errors"].empty, tables["errors"].to_dict("records")
    assert len(tables["relations"]) == 1
    value = tables["relations"]["date"].iloc[0]
    assert value == expected if expected else pd.isna(value) or not value


SHARES = 4  # the engine runs ~100 s over all 1,284 documents: four shares, spread over `make test`'s processes


@needs_treebanks
@pytest.mark.parametrize("share", range(SHARES))
def test_the_whole_engine_annotates_every_treebank_text(share):
    docs = treebank_documents()
    assert len(docs) == 1284
    mine = docs[share::SHARES]  # every document is in exactly one share
    tables = accord.annotate([Document(doc_id, "treebank", text, date="2024-06-18") for doc_id, text in mine])
    assert tables["errors"].empty, tables["errors"].head(10).to_dict("records")
    assert len(tables["documents"]) == len(mine)
