"""Tests of accord's lexicon: the packaged data, the loader and the build script."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from accord.errors import LexiconError
from accord.lexicon import ActorEntry, Lexicon, Role, inflect, load_lexicon
import lexicon_build as build
from lexicon_build import persons, states

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "lib" / "accord" / "data"
REFERENCE = REPO.parent / "shared" / "reference"
UN_MEMBERS = REPO / "tests" / "data" / "un_member_states.txt"
GENERATED = ("cameo.yaml", "plover.yaml", "agents.yaml", "verbs_petrarch.yaml",
             "states.yaml", "igos.yaml", "orgs_petrarch.yaml", "persons_petrarch.yaml")


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def by_form(lex: Lexicon, form: str) -> list[ActorEntry]:
    return [a for a in lex.actors if form in a.names or form in a.demonyms]


def one(lex: Lexicon, form: str) -> ActorEntry:
    found = by_form(lex, form)
    assert len(found) == 1, f"{form!r} -> {[a.id for a in found]}"
    return found[0]


CURATED_PERSON_IDS = {a["id"] for a in yaml.load((DATA / "actors_curated.yaml").read_text(),
                                                 Loader=yaml.CSafeLoader)["actors"]
                      if a["kind"] == "person"}


def _generated_actors(name: str) -> list[dict]:
    """Actor entries of a packaged generated file, read as YAML or JSON lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    if '\n- {"' in text:
        return [json.loads(line[2:]) for line in text.splitlines() if line.startswith("- {")]
    return yaml.load(text, Loader=yaml.CSafeLoader)["actors"]


# --------------------------------------------------------------------------- #
# The packaged lexicon
# --------------------------------------------------------------------------- #
def test_default_lexicon_loads_and_is_cached() -> None:
    # how long it takes is measured by benchmarks/bench_startup.py (README, Start-up), not timed here
    from accord.lexicon import load as module

    module._default_lexicon.cache_clear()
    lex = load_lexicon()
    assert lex.actors and lex.agents and lex.triggers and lex.cameo and lex.plover
    assert re.fullmatch(r"[0-9a-f]{12}", lex.version)
    assert load_lexicon() is lex  # cached


def test_person_codes_follow_roles(lex: Lexicon) -> None:
    kim = one(lex, "Kim Jong Un")
    assert kim.kind == "person" and kim.code is None
    assert kim.code_at(date(2024, 6, 18)) == "PRKGOV"
    biden = one(lex, "Joe Biden")
    assert biden.code_at(date(2024, 6, 18)) == "USAGOV"
    assert biden.code_at(date(2026, 1, 1)) != "USAGOV"
    assert biden.code_at(date(2026, 1, 1)) == "USAELI"
    trump = one(lex, "Donald Trump")
    assert trump.code_at(date(2025, 6, 1)) == "USAGOV"
    assert trump.code_at(date(2018, 1, 1)) == "USAGOV"
    assert trump.code_at(date(2022, 1, 1)) == "USAELI"
    assert trump.code_at(None) == "USAGOV"  # the current role
    assert trump.code_at("2025-03-01") == "USAGOV"  # ISO strings work too
    shoigu = one(lex, "Sergei Shoigu")
    assert shoigu.code_at(date(2024, 5, 11)) == "RUSGOV"
    titles = {r.title for r in shoigu.roles if r.valid_on(date(2024, 6, 1))}
    assert titles == {"secretary of the Security Council"}
    belousov = one(lex, "Andrei Belousov")
    assert [r.title for r in belousov.roles if r.valid_on(date(2024, 5, 14))] == ["defence minister"]
    assert one(lex, "Yoon Suk Yeol").code_at(date(2024, 6, 18)) == "KORGOV"
    assert one(lex, "Yoon Suk Yeol").code_at(date(2025, 5, 1)) != "KORGOV"
    assert one(lex, "Lee Jae-myung").code_at(date(2025, 7, 1)) == "KORGOV"
    assert one(lex, "Antonio Guterres").code_at(date(2024, 6, 18)) == "IGOUNO"
    assert one(lex, "Mark Rutte").code_at(date(2025, 1, 1)) == "IGOWSTNAT"
    assert one(lex, "Jens Stoltenberg").code_at(date(2020, 1, 1)) == "IGOWSTNAT"


def test_code_at_rules() -> None:
    roles = (Role("AAAGOV", date(2000, 1, 1), date(2005, 1, 1), None),
             Role("AAALEG", date(2010, 1, 1), date(2012, 1, 1), None))
    ended = ActorEntry("person:x", None, "person", "X", ("X",), (), "AAA", roles)
    assert ended.code_at(date(2001, 1, 1)) == "AAAGOV"
    assert ended.code_at(date(2005, 1, 1)) == "AAALEG"  # end is exclusive; no match -> latest
    assert ended.code_at(None) == "AAALEG"
    current = ActorEntry("person:y", None, "person", "Y", ("Y",), (), "AAA",
                         roles + (Role("AAAELI", date(2012, 1, 1), None, None),))
    assert current.code_at(date(1990, 1, 1)) == "AAAELI"  # no match -> the open-ended role
    fixed = ActorEntry("AAA", "AAA", "state", "A", ("A",), (), "AAA", ())
    assert fixed.code_at(date(2001, 1, 1)) == "AAA"


def test_states_demonyms_metonyms_and_blocs(lex: Lexicon) -> None:
    assert one(lex, "North Korean").code == "PRK"
    assert "North Koreans" in one(lex, "North Korean").demonyms
    assert one(lex, "South Korean").code == "KOR"
    assert one(lex, "Russian").code == "RUS"
    assert one(lex, "U.S.").code == "USA"
    assert one(lex, "Kremlin").code == "RUSGOV"
    assert one(lex, "White House").code == "USAGOV"
    assert one(lex, "Pentagon").code == "USAMIL"
    assert one(lex, "Downing Street").code == "GBRGOV"
    assert one(lex, "Elysee").code == one(lex, "Élysée").code == "FRAGOV"
    assert one(lex, "Zhongnanhai").code == "CHNGOV"
    for city, code in [("Moscow", "RUS"), ("Pyongyang", "PRK"), ("Washington", "USA"),
                       ("Seoul", "KOR"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
                       ("Beijing", "CHN"), ("Tokyo", "JPN"), ("London", "GBR")]:
        assert one(lex, city).code == code, city
    for form in ["the West", "Western nations", "Western powers", "Western countries",
                 "Western allies", "Western"]:
        assert one(lex, form).code == "WST", form
    assert one(lex, "UN").code == "IGOUNO"
    assert one(lex, "UN Security Council").code == "IGOUNO"
    assert one(lex, "NATO").code == "IGOWSTNAT"
    assert one(lex, "IAEA").code == "IGOUNOIAE"


def test_petrarch_persons_have_date_bounded_roles(lex: Lexicon) -> None:
    gorbachev = one(lex, "Mikhail Gorbachev")
    assert gorbachev.id == "person:mikhail-gorbachev" and gorbachev.kind == "person"
    assert gorbachev.code is None and gorbachev.country == "RUS"
    # Soviet leader, 1985-1991: PETRARCH files him under Russia, the build makes it SUN before 1992
    assert gorbachev.code_at(date(1990, 1, 1)) == "SUNGOV"
    assert gorbachev.code_at(date(1980, 1, 1)) == "SUNELI"
    assert gorbachev.code_at(date(2000, 1, 1)) == "RUSELI"  # the undated fallback role
    assert one(lex, "Gorbachev") is gorbachev  # a surname no other person has
    assert "Mikhail S. Gorbachev" in gorbachev.names  # a synonym line without "+"
    clinton = one(lex, "Bill Clinton")
    assert clinton.code_at(date(1995, 6, 1)) == "USAGOV"
    assert clinton.code_at(date(1990, 1, 1)) == "USAELI"
    assert clinton.code_at(date(2005, 1, 1)) == "USAELI"
    assert "William Jefferson Clinton" in clinton.names
    arafat = one(lex, "Yasser Arafat")
    assert arafat is one(lex, "Yasir Arafat") and arafat.country == "PSE"
    assert arafat.code_at(date(2000, 1, 1)) == "PSEGOV"
    assert arafat.code_at(date(1990, 1, 1)) == "PSEELI"
    # PETRARCH's ranges include their last day; the loader's end is exclusive
    assert arafat.code_at(date(2004, 11, 11)) == "PSEGOV"
    # listed under Sudan and South Sudan: one person, the later office wins
    kiir = one(lex, "Salva Kiir")
    assert kiir.country == "SSD" and kiir.code_at(date(2013, 6, 1)) == "SSDGOV"
    # PETRARCH's list is of January 2014: later, a stale office gives way to an elite role
    assert one(lex, "Barack Obama").code_at(date(2024, 6, 18)) == "USAELI"
    # a surname two persons share is no surface form; titled synonyms are dropped
    assert not by_form(lex, "Bush") and not by_form(lex, "Clinton")
    assert not by_form(lex, "President Clinton") and not by_form(lex, "Clinton Administration")
    assert one(lex, "George W. Bush").code_at(date(2005, 1, 1)) == "USAGOV"
    # ISO country parts in role codes (PETRARCH's East Timor TMP is TLS); the curated files may
    # use the past state Zaire (ZAR) for Mobutu, the generated one never
    codes = {r["code"][:3] for a in _generated_actors("persons_petrarch.yaml") for r in a["roles"]}
    assert not codes & {"TMP", "KSV", "ROM", "ZAR", "KNT"}


def test_curated_persons_win_over_petrarch(lex: Lexicon) -> None:
    putin = one(lex, "Vladimir Putin")
    assert putin.id == "person:vladimir-putin"
    assert putin.code_at(date(2024, 6, 18)) == "RUSGOV"
    assert {r.title for r in putin.roles} >= {"president", "prime minister"}  # curated roles
    assert one(lex, "Putin") is putin
    assert one(lex, "Dmitry Medvedev").id == "person:dmitry-medvedev"
    petrarch = _generated_actors("persons_petrarch.yaml")
    assert len(petrarch) > 15000
    # PETRARCH's Putin, Medvedev, Lavrov ... are left out, not merely stripped of names
    curated_forms = {f for a in lex.actors if a.id in CURATED_PERSON_IDS for f in a.names}
    assert not {f for a in petrarch for f in [a["name"], *a["names"]]} & curated_forms
    assert not {a["id"] for a in petrarch} & CURATED_PERSON_IDS
    loaded = {a.id for a in lex.actors}
    assert all(a["id"] in loaded for a in petrarch)  # none lost every name to another entry


def test_petrarch_organisations(lex: Lexicon) -> None:
    red_cross = one(lex, "Red Cross")
    assert red_cross.kind == "org" and red_cross.code == "NGOHLHIRC"
    assert red_cross.code_at(date(2024, 1, 1)) == "NGOHLHIRC"
    assert one(lex, "ICRC").code == one(lex, "International Committee of the Red Cross").code
    assert one(lex, "Amnesty International").code == "NGOHRIAMN"
    assert one(lex, "Human Rights Watch").code.startswith("NGOHRI")
    assert one(lex, "Halliburton").code == "MNCUSA"
    assert one(lex, "Human Rights in China").code == one(lex, "HRIC").code  # (HRIC) acronym
    orgs = _generated_actors("orgs_petrarch.yaml")
    assert len(orgs) > 5000
    igo_codes = {a["code"] for a in _generated_actors("igos.yaml")}
    for a in orgs:
        assert a["kind"] == "org" and not a["code"].startswith("IGO"), a
        assert a["code"] not in igo_codes, a
    names = {f for a in orgs for f in [a["name"], *a["names"]]}
    # company spokesmen, placeholders, bare-sector outlets and ordinary words are left out
    assert not names & {"Robert Berzok", "E. Slack", "MNC", "Reuters", "Shell"}


def test_undated_role_is_the_fallback() -> None:
    roles = (Role("AAAELI", None, None, None),
             Role("AAAGOV", date(2000, 1, 1), date(2005, 1, 1), None))
    person = ActorEntry("person:z", None, "person", "Z", ("Z",), (), "AAA", roles)
    assert person.code_at(date(2003, 1, 1)) == "AAAGOV"
    assert person.code_at(date(1990, 1, 1)) == "AAAELI"
    assert person.code_at(date(2010, 1, 1)) == "AAAELI"
    assert person.code_at(None) == "AAAELI"


def test_every_un_member_state_is_present(lex: Lexicon) -> None:
    codes = {c for line in UN_MEMBERS.read_text().splitlines()
             if not line.startswith("#") for c in line.split()}
    assert len(codes) == 193
    states = {a.code: a for a in lex.actors if a.kind == "state" and a.id == a.code}
    missing = sorted(codes - set(states))
    assert not missing, f"UN members missing: {missing}"
    for code in codes:
        assert states[code].demonyms or code in {"COG", "DMA"}, f"{code} has no demonym"
    # ISO alpha-3 wins over PETRARCH's own codes (Kosovo KSV, East Timor TMP).
    # (past states such as Zaire, ZAR, carry their dates as roles and keep their own codes)
    all_codes = {a.code for a in lex.actors if a.kind == "state" and not a.roles}
    assert not all_codes & {"KSV", "TMP", "ROM", "ZAR"}


def test_agents(lex: Lexicon) -> None:
    assert lex.agents["officials"] == "GOV"
    assert lex.agents["official"] == "GOV"
    assert lex.agents["troops"] == "MIL"
    assert lex.agents["state media"] == "JRN"
    assert lex.agents["businessmen"] == "BUS"
    assert lex.sectors["GOV"] == "government"
    assert all(code in lex.sectors for code in lex.agents.values())
    assert all(p == p.lower() and "_" not in p and "!" not in p for p in lex.agents)


def test_cameo_and_plover(lex: Lexicon) -> None:
    assert lex.cameo["112"].event_type == "ACCUSE"
    assert lex.cameo["112"].goldstein == pytest.approx(-2.0)
    assert lex.cameo["016"].event_type is None  # 01x statements have no PLOVER category
    assert lex.cameo["020"].event_type is None
    assert lex.cameo["163"].event_type == "COERCE"
    assert lex.plover[("ACCUSE", "")].score == pytest.approx(-2.0)
    assert lex.plover[("CONSULT", "visit")].quad_class == 1
    categories = {k[0] for k in lex.plover}
    assert len(categories) == 16
    for code in lex.cameo.values():
        assert code.event_type is None or code.event_type in categories, code


def test_triggers(lex: Lexicon) -> None:
    categories = {k[0] for k in lex.plover}
    keys = [(t.lemma, t.pos) for t in lex.triggers]
    assert len(keys) == len(set(keys))
    for t in lex.triggers:
        assert t.pos in ("verb", "noun")
        assert t.lemma in t.forms and all(f == f.lower() for f in t.forms)
        if t.event_type is not None:
            assert t.event_type in categories, t
        elif t.cameo is not None:
            assert lex.cameo[t.cameo].event_type is None, t
    # PETRARCH-derived verbs: irregular forms and multiword verbs
    by_key = {(t.lemma, t.pos): t for t in lex.triggers}
    assert by_key[("ask for", "verb")].forms == ("ask for", "asked for", "asking for", "asks for")
    assert "sought" in by_key[("seek", "verb")].forms
    assert by_key[("condemn", "verb")].event_type == "ACCUSE"


def test_inflect() -> None:
    assert inflect("accuse", "verb") == ("accuse", "accuses", "accused", "accusing")
    assert inflect("stop", "verb") == ("stop", "stops", "stopped", "stopping")
    assert inflect("visit", "verb") == ("visit", "visits", "visited", "visiting")
    assert inflect("supply", "verb") == ("supply", "supplies", "supplied", "supplying")
    assert inflect("commit", "verb")[2] == "committed"
    assert inflect("rule out", "verb") == ("rule out", "rules out", "ruled out", "ruling out")
    assert inflect("official", "noun") == ("official", "officials")
    assert inflect("chairman", "noun") == ("chairman", "chairmen")
    assert inflect("state media", "noun") == ("state media",)
    assert inflect("military official", "noun") == ("military official", "military officials")
    assert inflect("according to", "prep") == ("according to",)


# --------------------------------------------------------------------------- #
# Analyst override files
# --------------------------------------------------------------------------- #
def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_file_adds_and_overrides(tmp_path: Path, lex: Lexicon) -> None:
    extra = write(tmp_path, "analyst.yaml", """\
actors:
  - id: person:pak-thae-song
    kind: person
    name: Pak Thae Song
    country: PRK
    roles:
      - {code: PRKGOV, start: 2024-12-30, end: null, title: premier}
  - {id: "RUS:moskva", kind: state, code: RUSGOV, name: Moskva, names: [Moscow]}
agents:
  troops: REB
  drone operator: MIL
  diplomat: SPY
triggers:
  - {lemma: condemn, cameo: "111", event: ACCUSE, mode: disapprove}
  - {lemma: lambaste, cameo: "111"}
cues:
  - {lemma: opine, stance: assert}
modality:
  hedge: [purportedly, ostensibly]
""")
    lx = load_lexicon(extra)
    assert lx.version != lex.version
    pak = one(lx, "Pak Thae Song")
    assert pak.code_at(date(2025, 1, 1)) == "PRKGOV"
    assert one(lx, "Moscow").id == "RUS:moskva"  # the later file claims the form
    assert lx.agents["troops"] == "REB" and lx.agents["troop"] == "MIL"
    assert lx.agents["drone operators"] == "MIL"
    assert lx.agents["diplomats"] == "SPY"  # a plural follows its singular's file
    lambaste = next(t for t in lx.triggers if t.lemma == "lambaste")
    assert lambaste.event_type == "ACCUSE" and "lambasted" in lambaste.forms
    keys = [(t.lemma, t.pos) for t in lx.triggers]
    assert keys.count(("condemn", "verb")) == 1
    # curated (non-generated) triggers come first, PETRARCH-derived ones after
    assert keys.index(("lambaste", "verb")) < keys.index(("interrogate", "verb"))
    assert "ostensibly" in lx.modality["hedge"] and "allegedly" in lx.modality.get("hedge", ())
    assert any(c.lemma == "opine" and "opined" in c.forms for c in lx.cues)


def test_several_extra_files_apply_in_order(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "agents:\n  envoy: GOV\n")
    b = write(tmp_path, "b.yaml", "agents:\n  envoy: SPY\n")
    assert load_lexicon([a, b]).agents["envoy"] == "SPY"
    assert load_lexicon([b, a]).agents["envoy"] == "GOV"


# --------------------------------------------------------------------------- #
# Errors name the file and the line
# --------------------------------------------------------------------------- #
BAD_FILES = {
    "syntax": ("actors:\n  - {id: X, kind: state\n  - name: [unclosed\n", 3, "syntax"),
    "missing_key": ("actors:\n  - {id: AAA, kind: state, name: Aland}\n"
                    "  - id: BBB\n    kind: state\n", 3, "missing required key 'name'"),
    "bad_date": ("actors:\n  - id: person:x\n    kind: person\n    name: X Y\n    roles:\n"
                 "      - {code: AAAGOV, start: 2024-13-40}\n", 6, "bad date"),
    "end_before_start": ("actors:\n  - id: person:x\n    kind: person\n    name: X Y\n"
                         "    roles:\n      - {code: AAAGOV, start: 2024-01-01, end: 2023-01-01}\n",
                         6, "ends"),
    "unknown_section": ("agents:\n  envoy: GOV\nverbs:\n  - {lemma: x}\n", 3, "unknown section"),
    "bad_code": ("actors:\n  - {id: X, kind: state, name: Xland, code: Xx1}\n", 2, "bad code"),
    "bad_kind": ("actors:\n  - {id: AAA, kind: country, name: Aland}\n", 2, "kind"),
    "wrong_type": ("actors:\n  id: AAA\n", 2, "must be a list"),
    "person_without_role": ("actors:\n  - {id: 'person:z', kind: person, name: Z}\n", 2, "roles"),
    "unquoted_cameo": ("triggers:\n  - {lemma: foo, cameo: 111}\n", 2, "quoted string"),
    "unknown_cameo": ("triggers:\n  - {lemma: foo, cameo: '999'}\n", 2, "unknown CAMEO"),
    "unknown_event": ("triggers:\n  - {lemma: foo, event: HUG}\n", 2, "unknown PLOVER"),
    "unknown_sector": ("agents:\n  spy master: XYZ\n", 2, "unknown sector"),
    "unknown_key": ("cues:\n  - {lemma: aver, stance: assert, polarity: x}\n", 2, "unknown key"),
    "duplicate_id": ("actors:\n  - {id: AAA, kind: state, name: A}\n"
                     "  - {id: AAA, kind: state, name: B}\n", 3, "duplicate"),
    "rule_unknown": ("rules:\n  exchanges: [AID]\n  sayings: [say]\n", 3, "unknown rule 'sayings'"),
    "rule_bad_category": ("rules:\n  benefactive: [SUPPORT, HUG]\n", 2, "unknown PLOVER category 'HUG'"),
    "rule_bad_status": ("rules:\n  stance_status:\n    accuse: alleged\n    deny: refuted\n", 4,
                        "status must be one of"),
    "rule_wrong_type": ("rules:\n  content_breaks: but\n", 2, "must be a list"),
    "rule_bad_flag": ("cues:\n  - {lemma: aver, stance: assert, inverts: maybe}\n", 2, "inverts must be true or false"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_malformed_file_raises_with_path_and_line(tmp_path: Path, case: str) -> None:
    text, line, words = BAD_FILES[case]
    path = write(tmp_path, f"{case}.yaml", text)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    assert str(path) in str(err) and f"line {line}" in str(err)
    assert words in str(err)


def test_coding_rules_are_data_an_analyst_file_may_replace(tmp_path: Path, lex: Lexicon) -> None:
    # the packaged rules, read from coding_rules.yaml
    assert lex.rules.stance_status["accuse"] == "alleged"
    assert lex.rules.subsuming["REJECT"]["CONSULT"] == "meet"
    assert lex.rules.exchanges == {"AID", "COOPERATE"}
    assert "say" in {c.lemma for c in lex.cues if c.inverts}
    extra = write(tmp_path, "rules.yaml", "rules:\n  exchanges: [AID]\n  stance_status: {deny: denied}\n")
    changed = load_lexicon(extra)
    assert changed.rules.exchanges == {"AID"}
    assert dict(changed.rules.stance_status) == {"deny": "denied"}  # a rule is replaced whole
    assert changed.rules.subsuming == lex.rules.subsuming  # the others stay


def test_missing_extra_file_raises(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(LexiconError) as info:
        load_lexicon(missing)
    assert str(missing) in str(info.value) and "not found" in str(info.value)


# --------------------------------------------------------------------------- #
# The build script
# --------------------------------------------------------------------------- #
needs_reference = pytest.mark.skipif(
    not (REFERENCE / "cameo_codes.csv").exists(),
    reason=f"reference data not available at {REFERENCE}",
)


@needs_reference
def test_build_is_deterministic_and_matches_committed_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build.build(REFERENCE, first, verbose=False)
    build.build(REFERENCE, second, verbose=False)
    for name in GENERATED:
        data = (first / name).read_bytes()
        assert data == (second / name).read_bytes(), f"{name} differs between runs"
        assert data.startswith(b"# "), name
        assert b"GENERATED by python -m lexicon_build" in data[:400], name
        assert data == (DATA / name).read_bytes(), (
            f"lib/accord/data/{name} is stale: rerun python -m lexicon_build")


def test_build_reads_petrarch_dates_and_names() -> None:
    d = states._tabari_date
    assert d("991231") == date(1999, 12, 31) and d("080507") == date(2008, 5, 7)
    assert d("300101") == date(1930, 1, 1) and d("291231") == date(2029, 12, 31)
    assert d("19391122") == date(1939, 11, 22)
    assert d("201005011") == date(2010, 5, 11)  # a typo in David Cameron's entry
    assert d("1920030320") == date(2003, 3, 20)  # a stray "19" before the date
    assert d("") is None and d("991340") is None
    assert states.parse_code("USAGOV > 130701").start == date(2013, 7, 1)  # "> " with a space
    entry = states.Entry("X_", 1, codes=[states.parse_code(c) for c in (
        "RUSGOV 991231-080507", "RUSGOV <990809", "RUSGOV >080508", "RUSELI", "KSVGOV")])
    roles = persons._person_roles(entry, [])
    assert ("RUSGOV", date(1999, 12, 31), date(2008, 5, 8)) in roles  # end made exclusive
    assert ("RUSGOV", None, date(1999, 8, 10)) in roles  # "<" includes its day too
    # an office still open when the dictionary was made (January 2014) ends there: not known after
    assert ("RUSGOV", date(2008, 5, 8), persons.PETRARCH_DATE) in roles
    assert ("RUSELI", persons.PETRARCH_DATE, None) in roles
    assert not any(code == "RUSGOV" and end is None and start for code, start, end in roles)
    assert ("RUSELI", None, None) in roles and ("XKXGOV", None, None) in roles  # ISO country

    def name(raw: str) -> str | None:
        words = persons.person_words(raw)
        return persons.person_form(words) if words else None

    assert name("VLADIMIR_V._PUTIN") == "Vladimir V. Putin"
    assert name("NURI_AL_MALIKI_") == "Nuri al-Maliki"
    assert name("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert name("ABDEL_FATTAH_EL_SISI") == "Abdel Fattah el-Sisi"
    assert name("HAMAD_BIN_ISA_AL_KHALIFA") == "Hamad bin Isa al-Khalifa"
    assert name("CHARLES_DE_GAULLE_") == "Charles de Gaulle"
    assert name("AL_GORE") == "Al Gore"
    assert name("MICHAEL_MCDOWELL_") == "Michael McDowell"
    assert name("BRENDAN_O'CONNOR_") == "Brendan O'Connor"
    assert name("JEAN-CLAUDE_JUNCKER") == "Jean-Claude Juncker"
    assert name("XI_JINPING") == "Xi Jinping" and name("ABDULLAH_II_") == "Abdullah II"
    assert name("GEORGE_H._W._BUSH") == "George H. W. Bush"
    assert name("JOHN_MAJOR_") == "John Major"  # a title word inside a name stays
    for titled in ("PRESIDENT_VLADIMIR_PUTIN_", "PRIME_MINISTER_PUTIN_", "KING_ABDULLAH",
                   "RUSSIAN_PRESIDENT_VLADIMIR_V._PUTIN", "GORBACHEV_ADMINISTRATION",
                   "MR._OBAMA_", "FORMER_SOVIET_LEADER_MIKHAIL_GORBACHEV", "DMITRI_A_.MEDVEDEV_"):
        assert name(titled) is None, titled


def test_json_lines_files_read_as_their_yaml(tmp_path: Path) -> None:
    from accord.lexicon import fileformat as module

    for name in ("persons_petrarch.yaml", "orgs_petrarch.yaml"):
        head = "".join((DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)[:400])
        fast = module.parse_json_lines(head)
        assert fast is not None, name
        assert fast == yaml.load(head, Loader=yaml.CSafeLoader), name
        assert fast["actors"][0].line == head.splitlines().index("actors:") + 2
    # anything outside the layout is read as YAML
    assert module.parse_json_lines('actors:\n- {id: X, kind: state, name: Y}\n') is None
    assert module.parse_json_lines('actors:\n- {"id": "X"}\n  - nested\n') is None
    # errors in a JSON-lines file name the line of the entry
    bad = write(tmp_path, "people.yaml",
                'actors:\n- {"id": "person:a", "kind": "person", "name": "A B", '
                '"roles": [{"code": "AAAGOV", "start": "2001-01-01"}]}\n'
                '- {"id": "person:b", "kind": "person", "name": "B C", '
                '"roles": [{"code": "AAAGOV", "start": "2001-01-01", "end": "2000-01-01"}]}\n')
    with pytest.raises(LexiconError) as info:
        load_lexicon(bad)
    assert info.value.line == 3 and "ends" in str(info.value)
    good = write(tmp_path, "person.yaml",
                 'actors:\n- {"id": "person:pak", "kind": "person", "name": "Pak Thae Song", '
                 '"roles": [{"code": "PRKGOV", "start": "2024-12-30", "end": null}]}\n')
    assert one(load_lexicon(good), "Pak Thae Song").code_at("2025-01-01") == "PRKGOV"
