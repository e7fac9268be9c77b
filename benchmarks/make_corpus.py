"""Generate a varied, news-like JSONL corpus for accord's benchmarks and scale tests.

Each line is one document: ``{"id", "date", "title", "source", "text"}``. The text is
built from accord's own lexicon (states and their demonyms, capitals used as
metonyms, leaders and officials, IGOs, agent nouns, event verbs and nouns, claim
cues) and from many sentence patterns: accusations and denials, visits, quotes
(direct and indirect), passive voice, lists of actors, dates absolute and
relative, negated, planned and hypothetical events, and background sentences
without any event, full of numbers and of place and person names the lexicon
does not know. Names unknown to the lexicon are made up from syllables, so the
vocabulary has a long tail as real news does (a corpus of one repeated article
flatters every tokenizer's cache).

The output depends only on the parameters and the seed (``random.Random``), and
the file is written line by line, so a corpus of any size is made in constant
memory. Words are counted as whitespace-separated tokens.

    python benchmarks/make_corpus.py OUT.jsonl --docs 10000 --words 5000000
    python benchmarks/make_corpus.py OUT.jsonl --words 1000000          # docs of ~500 words
    python benchmarks/make_corpus.py OUT.jsonl --megabytes 200           # one 200 MB file
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Iterator

from accord.lexicon import load_lexicon

sys.path.insert(0, str(Path(__file__).resolve().parent))  # prose.py beside this file, however it is loaded
from prose import Prose  # noqa: E402

# --------------------------------------------------------------------------- vocabulary

# shares of sentences: events for the engine, background facts, and running prose whose
# vocabulary, lengths and punctuation follow news (``prose.py``; the rest of the sentences)
EVENT_SHARE = 0.35
BACKGROUND_SHARE = 0.15

_FOCUS = ["RUS", "PRK", "CHN", "USA", "KOR", "JPN", "UKR", "IRN", "BLR", "GBR", "FRA", "DEU", "IND", "TUR"]
_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "kh", "br", "dr",
           "gr", "kr", "pr", "st", "tr", "y", "h", "f", "j", "w"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ya", "ye", "yo", "oa"]
_CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "ng", "v", "t", "sk", "nd"]
_PLACE_SUFFIXES = ["", "", "sk", "grad", "ville", "burg", "abad", "pur", "ovo", "ino", "dong", "ri", "port", "ton"]

_ADJ = ["senior", "former", "acting", "deputy", "veteran", "newly appointed", "outspoken", "influential", "top"]
_TOPICS = ["energy security", "missile defence", "food prices", "grain exports", "cyber attacks", "sanctions relief",
           "nuclear talks", "border security", "shipping lanes", "fishing rights", "rail links", "space cooperation",
           "satellite launches", "labour migration", "tourism", "air routes", "currency swaps", "oil shipments",
           "arms control", "refugee returns", "port access", "joint exercises", "technology transfers"]
_NOUNS = ["economy", "budget", "harvest", "election", "inflation", "pipeline", "railway", "bridge", "port", "airport",
          "factory", "currency", "market", "stadium", "hospital", "university", "reservoir", "power plant", "highway",
          "shipyard", "steelworks", "refinery", "museum", "festival", "exhibition", "census", "drought", "flood",
          "heatwave", "earthquake", "wildfire", "typhoon", "parliament", "court ruling", "strike", "protest"]
_BACKGROUND = [
    "The {noun} in {place} handled {n} tonnes of cargo last year, up {pct} percent on the year before.",
    "Construction of the {num}-kilometre {noun} between {place} and {place2} began in {year} and is due to finish by {year2}.",
    "Prices of {good} in {place} rose {pct} percent in {month}, the statistics office reported.",
    "About {n} people live in {place}, a {adj2} town of {noun}s and {noun2}s on the banks of the {river} river.",
    "The {noun} cost an estimated ${bn} billion, roughly {pct} percent of the region's annual output.",
    "Satellite images taken on {date} show {n} vehicles parked near the {noun} outside {place}.",
    "Analysts in {place} expect growth of {dec} percent this year, down from {dec2} percent in {year}.",
    "The {noun} at {place} was closed for {num} days after the {noun2}, local authorities said.",
    "{person} , a {num}-year-old {job} from {place}, said the {noun} had changed little since {year}.",
    "Trade between the two countries reached ${bn} billion in {year}, according to customs data.",
    "Temperatures in {place} fell to minus {num} degrees, the lowest reading since {year}.",
    "The {adj2} {noun} of {place} drew {n} visitors in {month}, many of them from {place2}.",
    "Workers at the {noun} in {place} earn on average {n} roubles a month, {pct} percent more than in {year}.",
    "Shares of {company} fell {dec} percent on {weekday} after the company cut its forecast for {year2}.",
    "A {num}-storey {noun} now stands where the old {noun2} of {place} was demolished in {year}.",
    "The road from {place} to {place2} runs {num} kilometres through {adj2} hills and {noun2}s.",
    "In {month}, {n} tonnes of {good} were shipped from {place} by rail, officials at the {noun} said.",
    "{company} signed a contract worth ${mn} million to modernise the {noun} near {place}.",
]
_GOODS = ["coal", "wheat", "rice", "fuel", "fertiliser", "timber", "seafood", "steel", "copper", "cement", "sugar",
          "cotton", "potatoes", "electricity", "diesel", "gas", "nickel", "iron ore", "textiles", "apples"]
_JOBS = ["farmer", "teacher", "engineer", "driver", "shopkeeper", "nurse", "miner", "fisherman", "student", "pensioner",
         "welder", "doctor", "accountant", "baker", "electrician", "railway worker", "translator"]
_ADJ2 = ["quiet", "remote", "busy", "small", "industrial", "coastal", "mountainous", "northern", "southern", "historic",
         "crowded", "rural", "sprawling", "prosperous", "poor", "windswept"]
_COMPANY_SUFFIX = ["Holdings", "Group", "Industries", "Energy", "Logistics", "Shipbuilding", "Trading", "Motors", "Steel"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_SOURCES = ["Reuters", "AP", "AFP", "BBC", "Yonhap", "Kyodo", "The Guardian", "Al Jazeera", "NK News", "DW",
            "The Korea Herald", "The Moscow Times", "South China Morning Post", "Nikkei Asia"]


class Vocabulary:
    """Everything the templates draw from, taken from the lexicon plus made-up names."""

    def __init__(self, rng: random.Random) -> None:
        lex = load_lexicon()
        self.rng = rng
        self.states: dict[str, dict] = {}
        self.capitals: dict[str, list[str]] = {}
        for a in lex.actors:
            if a.kind == "state" and a.code and len(a.code) == 3:
                if a.id == a.code:
                    self.states[a.code] = {"name": a.name, "demonym": (a.demonyms or (a.name,))[0]}
                elif ":" in a.id and not a.id.endswith(":petrarch") and a.names:
                    self.capitals.setdefault(a.code, []).extend(a.names)
        self.people: list[tuple[str, str, str]] = []  # (full name, short name, title)
        for a in lex.actors:
            if a.kind == "person" and a.roles:
                self.people.append((a.name, a.names[1] if len(a.names) > 1 else a.name, a.roles[-1].title or "official"))
        self.igos = sorted({a.names[0] for a in lex.actors if a.kind == "igo" and a.code != "IGO" and a.names})
        self.igos_common = ["the UN", "the UN Security Council", "NATO", "the EU", "the IAEA", "the G7", "ASEAN",
                            "the World Bank", "the IMF", "the African Union", "the WTO", "the OSCE"]
        self.media = ["KCNA", "TASS", "Xinhua", "Yonhap", "RIA Novosti", "Rodong Sinmun", "state media"]
        self.agents_plural = sorted({p for p, s in lex.agents.items()
                                     if s in ("GOV", "MIL", "JRN", "BUS", "LEG", "COP", "SPY") and p.endswith("s")
                                     and " " not in p and p.isalpha() and 4 < len(p) < 14})
        common = ["officials", "diplomats", "ministers", "troops", "soldiers", "lawmakers", "police", "generals",
                  "negotiators", "envoys", "military officials", "defence officials", "intelligence officials"]
        self.agents_plural = common * 4 + self.agents_plural
        self.triggers = [(t.lemma, t.forms) for t in lex.triggers if t.pos == "verb" and len(t.forms) >= 3]
        self.cues = [c.forms for c in lex.cues if c.pos == "verb" and len(c.forms) >= 3]
        self.resources = [w for ws in lex.resources.values() for w in ws]
        self.state_codes = sorted(self.states)
        # a long tail of names the lexicon does not know
        self.places = sorted({self._word(2, 3) + rng.choice(_PLACE_SUFFIXES) for _ in range(6000)})
        self.surnames = sorted({self._word(2, 3) for _ in range(5000)})
        self.given = sorted({self._word(1, 2) for _ in range(1500)})
        self.rivers = sorted({self._word(2, 2) for _ in range(300)})
        self.companies = sorted({self._word(2, 3) + " " + rng.choice(_COMPANY_SUFFIX) for _ in range(800)})

    def _word(self, lo: int, hi: int) -> str:
        r = self.rng
        s = "".join(r.choice(_ONSETS) + r.choice(_VOWELS) for _ in range(r.randint(lo, hi))) + r.choice(_CODAS)
        return s.capitalize()

    def zipf(self, items: list, a: float = 1.1):
        """An item drawn with a long-tailed (Zipf-like) preference for the first ones."""
        n = len(items)
        k = int(n * (self.rng.random() ** (a * 3)))
        return items[min(k, n - 1)]


# --------------------------------------------------------------------------- documents


class Writer:
    """Makes one document at a time; all randomness from one seeded ``random.Random``."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.v = Vocabulary(self.rng)
        self.prose = Prose(self.rng)

    # --- slots
    def code(self, focus: float = 0.7) -> str:
        r = self.rng
        return r.choice(_FOCUS) if r.random() < focus else r.choice(self.v.state_codes)

    def state(self, code: str | None = None) -> str:
        code = code or self.code()
        name = self.v.states[code]["name"]
        return ("the " + name) if name.startswith(("United", "Philippines", "Netherlands")) else name

    def actor(self) -> str:
        """A subject-like actor: state, metonym, demonym + agent, leader, IGO, bloc or media."""
        r, v = self.rng, self.v
        k = r.random()
        code = self.code()
        if k < 0.25:
            return self.state(code)
        if k < 0.38 and v.capitals.get(code):
            return r.choice(v.capitals[code])
        if k < 0.58:
            return f"{v.states[code]['demonym']} {r.choice(v.agents_plural)}"
        if k < 0.75:
            full, short, title = r.choice(v.people)
            return r.choice([full, short, f"{title} {full}" if title and len(title) < 25 else full])
        if k < 0.85:
            return r.choice(v.igos_common) if r.random() < 0.8 else "the " + r.choice(v.igos)
        if k < 0.92:
            return r.choice(["the West", "Western nations", "Western powers"])
        if k < 0.96:
            return r.choice(v.media)
        return f"{r.choice(v.given)} {r.choice(v.surnames)}"  # a name the lexicon does not know

    def actors(self) -> str:
        r = self.rng
        n = r.choice([1, 1, 1, 2, 2, 3])
        names = [self.actor() for _ in range(n)]
        if n == 1:
            return names[0]
        if n == 2 and r.random() < 0.4:
            a, b = (self.v.states[self.code()]["demonym"] for _ in range(2))
            return f"{a} and {b} {r.choice(self.v.agents_plural)}"
        return ", ".join(names[:-1]) + " and " + names[-1]

    def date_phrase(self, today: dt.date) -> str:
        r = self.rng
        k = r.random()
        if k < 0.2:
            return f"on {r.choice(_WEEKDAYS)}"
        if k < 0.35:
            return f"last {r.choice(_MONTHS)}"
        if k < 0.5:
            d = today - dt.timedelta(days=r.randint(1, 900))
            return f"on {d.day} {_MONTHS[d.month - 1]} {d.year}"
        if k < 0.6:
            return f"in {r.choice(_MONTHS)} {today.year - r.randint(0, 3)}"
        if k < 0.7:
            return f"{r.randint(2, 11)} years ago"
        if k < 0.8:
            return r.choice(["earlier this month", "last week", "last year", "this week", "yesterday"])
        if k < 0.9:
            return f"the first in {r.randint(2, 40)} years"
        return f"{r.choice(_MONTHS)} {r.randint(1, 28)}"

    def trigger(self, tense: int = 2) -> str:
        lemma, forms = self.v.zipf(self.v.triggers, 0.6) if self.rng.random() < 0.5 else self.rng.choice(self.v.triggers)
        return forms[min(tense, len(forms) - 1)]

    def cue(self) -> str:
        forms = self.rng.choice(self.v.cues)
        return forms[2] if len(forms) > 2 else forms[0]

    def resource(self) -> str:
        return self.rng.choice(self.v.resources)

    def background(self, today: dt.date) -> str:
        r, v = self.rng, self.v
        t = r.choice(_BACKGROUND)
        year = today.year - r.randint(1, 30)
        return t.format(
            noun=r.choice(_NOUNS), noun2=r.choice(_NOUNS), place=v.zipf(v.places), place2=v.zipf(v.places),
            n=f"{r.randint(1, 999)},{r.randint(0, 999):03d}" if r.random() < 0.5 else str(r.randint(2, 9999)),
            pct=r.randint(1, 60), num=r.randint(2, 120), year=year, year2=today.year + r.randint(0, 6),
            good=r.choice(_GOODS), month=r.choice(_MONTHS), adj2=r.choice(_ADJ2), river=r.choice(v.rivers),
            bn=f"{r.randint(1, 90)}.{r.randint(0, 9)}", mn=r.randint(5, 900), dec=f"{r.randint(0, 9)}.{r.randint(0, 9)}",
            dec2=f"{r.randint(0, 9)}.{r.randint(0, 9)}", date=f"{r.randint(1, 28)} {r.choice(_MONTHS)}",
            person=f"{r.choice(v.given)} {v.zipf(v.surnames)}", job=r.choice(_JOBS),
            company=v.zipf(v.companies), weekday=r.choice(_WEEKDAYS),
        ).replace(" ,", ",")

    def event_sentence(self, today: dt.date) -> str:
        r = self.rng
        a, b, c = self.actors(), self.actors(), self.actor()
        when = self.date_phrase(today)
        res = self.resource()
        k = r.randrange(22)
        if k == 0:
            return f"{a} {self.trigger()} {b} {when}, {c} {self.cue()}."
        if k == 1:
            return f"{a} have accused {b} of supplying {c} with {res} {r.choice(['to prolong the war', 'in breach of sanctions', 'for the fighting in Ukraine', ''])}".rstrip() + "."
        if k == 2:
            return f"{a} denied {r.choice(['the accusations', 'reports', 'claims'])} that {b} had {r.choice(['sold', 'supplied', 'shipped'])} {res} to {c}."
        if k == 3:
            return f"{a} paid a {r.choice(['rare', 'state', 'two-day', 'surprise', 'brief'])} visit to {self.state()} {when}, {r.choice(['the first in', 'ending a gap of'])} {r.randint(2, 30)} years."
        if k == 4:
            return f"\u201c{self.state()} and {self.state()} will {self.trigger(0)} {r.choice(_TOPICS)},\u201d {a} {self.cue()}."
        if k == 5:
            return f"{a} {self.cue()}: \u201cWe will never {self.trigger(0)} {b}.\u201d"
        if k == 6:
            return f"{res.capitalize()} {r.choice(['were', 'was', 'had been'])} {r.choice(['supplied', 'delivered', 'sent'])} to {b} by {a}, according to {c}."
        if k == 7:
            return f"{a} signed a {r.choice(['treaty', 'pact', 'deal', 'memorandum'])} on {r.choice(_TOPICS)} with {b} in {r.choice(self.v.places)} {when}."
        if k == 8:
            return f"{a} would {self.trigger(0)} {b} if {c} {self.trigger(1)} {r.choice(_TOPICS)}."
        if k == 9:
            return f"{a} did not {self.trigger(0)} {b} {when}, {c} {self.cue()}."
        if k == 10:
            return f"{a} {r.choice(['plans to', 'is expected to', 'will', 'is set to'])} {self.trigger(0)} {b} {r.choice(['next month', 'next year', 'later this week', 'in the autumn'])}."
        if k == 11:
            return f"{a} praised {b} for its {r.choice(['unwavering', 'steadfast', 'generous', 'timely'])} support during {r.choice(_TOPICS)}."
        if k == 12:
            return f"According to {c}, {a} allegedly provided {b} with {res} in exchange for {self.resource()}."
        if k == 13:
            return f"{a} and {b} have {self.trigger()} each other since {r.choice(_MONTHS)} {today.year - r.randint(1, 5)}."
        if k == 14:
            return f"{a} warned that {b} could {self.trigger(0)} {c} {r.choice(['at any time', 'within weeks', 'soon'])}."
        if k == 15:
            return f"{a} blocked {r.choice(['US-led', 'Western', 'new', 'fresh'])} {r.choice(['sanctions', 'resolutions', 'initiatives'])} against {b} at {r.choice(self.v.igos_common)}."
        if k == 16:
            return f"{a}, {b} and {c} {self.trigger()} {r.choice(['the plan', 'the proposal', 'the talks', 'the exercise'])} {when}."
        if k == 17:
            return f"{a} {self.cue()} that {b} {self.trigger()} {c}, {r.choice(['a claim', 'an allegation', 'a report'])} {self.state()} {r.choice(['rejected', 'dismissed', 'denied'])}."
        if k == 18:
            return f"{a} imposed sanctions on {b} over {r.choice(_TOPICS)}, {r.choice(['freezing', 'targeting'])} {r.randint(3, 90)} {r.choice(['banks', 'companies', 'ships', 'individuals'])}."
        if k == 19:
            return f"In {r.choice(self.v.places)}, {a} {self.trigger()} {b} {when} amid {r.choice(_TOPICS)}."
        if k == 20:
            return f"{r.choice(_ADJ).capitalize()} {self.v.states[self.code()]['demonym']} {r.choice(self.v.agents_plural)} {self.cue()} {a} {self.trigger()} {b}."
        return f"\u201c{r.choice(['This is', 'It is not', 'We see'])} {r.choice(['a provocation', 'an act of friendship', 'a threat to peace', 'a new era'])},\u201d {a} told {r.choice(self.v.media)}."

    def title(self, today: dt.date) -> str:
        r = self.rng
        return r.choice([
            f"{self.actor()} {self.trigger(1)} {self.state()}",
            f"{self.state()} and {self.state()} deepen ties over {r.choice(_TOPICS)}",
            f"What {self.state()}'s {r.choice(_TOPICS)} means for {self.state()}",
            f"{r.choice(_NOUNS).capitalize()} in {r.choice(self.v.places)}: {r.choice(_ADJ2)} times",
        ])

    def document(self, n: int, words: int, today: dt.date) -> dict:
        r = self.rng
        paras, count = [], 0
        while count < words:
            sents = []
            for _ in range(r.randint(1, 5)):
                k = r.random()
                s = (self.event_sentence(today) if k < EVENT_SHARE else self.background(today)
                     if k < EVENT_SHARE + BACKGROUND_SHARE else self.prose.sentence())
                sents.append(s[0].upper() + s[1:])
            para = " ".join(sents)
            paras.append(para)
            count += len(para.split())
        return {"id": f"gen-{n:07d}", "date": today.isoformat(), "title": self.title(today),
                "source": r.choice(_SOURCES), "text": "\n\n".join(paras)}


def generate(docs: int | None = None, words: int | None = None, mean_words: int = 500, seed: int = 0,
             start: str = "2019-01-01", docs_per_day: float = 5.0, megabytes: float | None = None) -> Iterator[dict]:
    """Yield documents until ``docs`` documents, ``words`` words and ``megabytes`` of JSON are all reached.

    With ``docs`` and ``words`` both given, documents average ``words / docs`` words.
    Publication dates run forward from ``start`` like a news feed, ``docs_per_day`` a day on average.
    """
    if docs is None and words is None and megabytes is None:
        raise ValueError("give docs, words or megabytes")
    if docs and words:
        mean_words = max(20, words // docs)
    w = Writer(seed)
    day = float(dt.date.fromisoformat(start).toordinal())
    n = total_words = total_bytes = 0
    while ((docs is not None and n < docs) or (words is not None and total_words < words)
           or (megabytes is not None and total_bytes < megabytes * 1e6)):
        length = max(30, int(w.rng.lognormvariate(0, 0.45) * mean_words * 0.9))
        day += w.rng.expovariate(docs_per_day)
        doc = w.document(n, length, dt.date.fromordinal(int(day)))
        n += 1
        total_words += len(doc["text"].split())
        total_bytes += len(json.dumps(doc, ensure_ascii=False).encode()) + 1
        yield doc


def write_corpus(path: str | Path, bad: int = 0, **kw) -> tuple[int, int]:
    """Write the corpus to ``path`` (JSONL); ``bad`` broken lines are mixed in. Returns (documents, words)."""
    n = words = 0
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    bad_rng = random.Random(kw.get("seed", 0) + 1)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in generate(**kw):
            if bad and bad_rng.random() < 0.02:
                bad -= 1
                fh.write(bad_rng.choice(['{"id": "broken", "text": ', '{"id": "no-text"}', '[1, 2, 3]',
                                         '{"text": ""}']) + "\n")
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
            words += len(doc["text"].split())
    return n, words


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", help="the JSONL file to write")
    p.add_argument("--docs", type=int, default=None, help="number of documents")
    p.add_argument("--words", type=int, default=None, help="total words (whitespace tokens)")
    p.add_argument("--megabytes", type=float, default=None, help="file size to reach, in MB")
    p.add_argument("--mean-words", type=int, default=500, help="mean words per document (default 500)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--bad", type=int, default=0, help="broken JSONL lines to mix in (default 0)")
    a = p.parse_args(argv)
    if a.docs is None and a.words is None and a.megabytes is None:
        p.error("give --docs, --words or --megabytes")
    n, words = write_corpus(a.out, bad=a.bad, docs=a.docs, words=a.words, megabytes=a.megabytes,
                            mean_words=a.mean_words, seed=a.seed)
    print(f"wrote {n} documents, {words} words to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
