"""Person names as PETRARCH writes them (VLADIMIR_V._PUTIN_) made into the forms news writes."""
from __future__ import annotations
import re
from .states import split_words

# Words that name a title or office wherever they stand in a synonym
# (PRESIDENT_X, RUSSIAN_PRESIDENT_X, SECRETARY_OF_STATE_X, X_ADMINISTRATION):
# such synonyms are dropped, the engine reads titles itself.
PERSON_TITLE_WORDS = {
    "president", "president-elect", "vice-president", "vice", "minister", "prime", "premier",
    "secretary", "secretary-general", "secretaty", "undersecretary", "under-secretary",
    "ambassador", "chancellor", "kanzler", "bundeskanzler", "chairman", "chairwoman",
    "spokesman", "spokeswoman", "leader", "chief", "director", "deputy", "governor", "gov.",
    "senator", "sen.", "congressman", "congresswoman", "representative", "rep.",
    "mr", "mr.", "mrs", "mrs.", "ms.", "dr", "dr.", "former", "ex", "ex-president",
    "administration", "government", "regime", "party", "forces", "camp", "supporters",
    "foreign", "defense", "defence", "interior", "finance", "state", "house", "minority",
    "majority", "speaker", "ayatollah", "hojatolislam", "hojatoleslam", "mullah", "emir",
    "soviet", "communist", "of", "the", "and", "general", "gen.", "gen",
}
# Words that are a title only at the start: "King Abdullah" but "Martin Luther King",
# "Prince Saud" but "Richard Prince", "Major X" but "John Major".
PERSON_LEADING_TITLES = {
    "king", "queen", "prince", "princess", "crown", "sheikh", "shaikh", "sheik", "sir",
    "dame", "lord", "lady", "baron", "baroness", "major", "colonel", "col.", "captain",
    "capt.", "lt.", "lieutenant", "marshal", "field", "admiral", "adm.", "brigadier",
    "commander", "judge", "justice", "bishop", "archbishop", "cardinal", "pope", "father",
    "rev.", "reverend", "imam",
}
# Lowercase inside a name ("Charles de Gaulle", "Hamad bin Isa"), never first or last.
NAME_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "van", "von", "der", "den",
                  "ter", "bin", "ibn", "bint", "y", "e", "du"}
ARABIC_ARTICLES = {"al", "el"}  # AL_ASSAD -> al-Assad (inside a name; "Al Gore" stays)
NAME_SUFFIXES = {"jr.": "Jr.", "jr": "Jr.", "sr.": "Sr.", "sr": "Sr.", "st.": "St."}
_ROMAN_RE = re.compile(r"^(?:ii|iii|iv|vi|vii|viii|ix|xi|xii)$")
_NAME_WORD_RE = re.compile(r"^(?:[^\W\d_](?:[^\W\d_]|['\-])*\.?|(?:[^\W\d_]\.)+)$")
# Not a person: organisation and armed-group words in a name (non-tagged entries only).
GROUP_WORDS = {
    "party", "movement", "army", "brigade", "brigades", "front", "forces", "force", "council",
    "assembly", "authority", "coalition", "observatory", "soviet", "sfsr", "state", "republic",
    "liberation", "islamic", "national", "democratic", "people's", "peoples", "union",
    "jaish", "jaysh", "jabhat", "harakat", "kataib", "liwa", "hizb", "ansar", "government",
    "ministry", "parliament", "court", "police", "krajina", "regime", "opposition",
    "volkskammer", "politburo", "committee", "administration", "rebels", "militia",
}





# First words of French and German compound given names that PETRARCH writes with "_" where
# news writes a hyphen: JEAN_BERTRAND_ARISTIDE_ is "Jean-Bertrand Aristide".
COMPOUND_GIVEN_FIRST = {"jean", "marie", "pierre", "paul", "louis", "anne", "laurent", "marc",
                        "francois", "charles", "michel", "andre", "hans", "karl", "jean-marie",
                        "jose", "joao", "ange", "denis", "guy", "yves", "rose", "claude"}


def hyphen_variants(form: str) -> list[str]:
    """Hyphenated spellings of a name PETRARCH wrote with "_" for both space and hyphen.

    "Jean Bertrand Aristide" -> "Jean-Bertrand Aristide"; "Levon ter Petrosyan" ->
    "Levon Ter-Petrosyan"; "Vaira Vike Freiberga" -> "Vaira Vike-Freiberga"; "Simeon Saxe
    Coburg Gotha" -> "Simeon Saxe-Coburg-Gotha". Only names of three words or more: a
    compound given name (its first word a known compound opener) and a compound surname
    (the last two words, or the last three of four or more). Initials are never joined.
    """
    words = form.split()
    n = len(words)
    if n < 3 or any(w.endswith((".", ",")) or len(w) < 2 for w in words) or "-" in form:
        return []

    def cap(w: str) -> str:
        return w[:1].upper() + w[1:]

    heads = [words]
    if words[0].lower() in COMPOUND_GIVEN_FIRST and words[1][:1].isupper():
        heads.append([f"{words[0]}-{words[1]}"] + words[2:])
    out: list[str] = []
    for h in heads:
        m = len(h)
        tails = []
        if m >= 3:
            tails.append(h[:-2] + [f"{cap(h[-2])}-{h[-1]}"])
        if m >= 4:
            tails.append(h[:-3] + [f"{cap(h[-3])}-{cap(h[-2])}-{h[-1]}"])
        for t in ([h] if h is not words else []) + tails:
            v = " ".join(t)
            if v != form and v not in out:
                out.append(v)
    return out


def clean_raw_name(raw: str) -> str:
    """Drop parenthesised notes and quoted nicknames: X_(ACTING_PM), FERNANDO_"NANDO"_X."""
    raw = re.sub(r"\([^)]*\)?", " ", raw)
    raw = re.sub(r'"[^"]*"?', " ", raw)
    return raw


def cap_name_part(part: str) -> str:
    """One hyphen-free piece of a name, lowercase in: mcdonald -> McDonald, o'neill -> O'Neill."""
    if part.startswith("mc") and len(part) > 3 and part[2].isalpha():
        return "Mc" + part[2].upper() + part[3:]
    if len(part) > 2 and part[1] == "'":
        return part[0].upper() + "'" + part[2].upper() + part[3:]
    return part[:1].upper() + part[1:]


def case_name_word(word: str, first: bool, last: bool) -> str:
    low = word.lower()
    if low in NAME_SUFFIXES:
        return NAME_SUFFIXES[low]
    if re.fullmatch(r"(?:[^\W\d_]\.)+", low) or len(low) == 1 or (
            len(low) <= 3 and not re.search(r"[aeiouy]", low) and low != "ng"):
        return word.upper()  # initials: V., H.W., RK
    if not first and _ROMAN_RE.match(low):
        return low.upper()  # Abdullah II (but Xi Jinping)
    if not first and not last and low in NAME_PARTICLES:
        return low
    parts = low.split("-")
    out = [cap_name_part(p) for p in parts]
    if not first and len(parts) > 1 and parts[0] in ARABIC_ARTICLES:
        out[0] = parts[0]  # al-Assad, el-Sisi
    return "-".join(out)


def person_words(raw: str) -> list[str] | None:
    """A raw PETRARCH name as words, or None if it holds other than name words."""
    words = split_words(clean_raw_name(raw).strip("+"))
    if not words:
        return None
    for w in words:
        if not _NAME_WORD_RE.match(w.rstrip(",")) or "\x1a" in w:
            return None  # digits, backquotes, encoding damage, stray dots
    return words


def strip_titles(words: list[str]) -> list[str]:
    """Leading title words off a name: SHEIKH_JABER_... -> JABER_..."""
    i = 0
    while i < len(words) - 1 and (words[i].lower() in PERSON_LEADING_TITLES
                                  or words[i].lower() in PERSON_TITLE_WORDS):
        i += 1
    return words[i:]


def person_form(words: list[str]) -> str | None:
    """Proper-case surface form of a name's words; None for titled or office forms."""
    low = [w.lower().rstrip(",") for w in words]
    if low[0] in PERSON_LEADING_TITLES or set(low) & PERSON_TITLE_WORDS:
        return None
    if any(w.startswith("ex-") for w in low):
        return None
    out: list[str] = []
    n = len(words)
    i = 0
    while i < n:
        core = words[i].rstrip(",")
        comma = words[i][len(core):]
        if low[i] in ARABIC_ARTICLES and 0 < i < n - 1:
            nxt = words[i + 1].rstrip(",")
            cased = low[i] + "-" + case_name_word(nxt, False, i + 1 == n - 1)
            out.append(cased + words[i + 1][len(nxt):])
            i += 2
            continue
        out.append(case_name_word(core, i == 0, i == n - 1) + comma)
        i += 1
    return " ".join(out).rstrip(",")



_SUFFIX_WORDS = {"Jr.", "Sr."} | {r.upper() for r in ("ii", "iii", "iv", "vi")}


def name_words_key(form: str) -> list[str]:
    """Lowercase words of a form without articles and suffixes: al-Assad -> assad."""
    out = []
    for w in form.replace(",", " ").split():
        if w in _SUFFIX_WORDS:
            continue
        low = w.lower()
        for art in ARABIC_ARTICLES:
            if low.startswith(art + "-"):
                low = low[len(art) + 1:]
        if low not in NAME_PARTICLES:
            out.append(low)
    return out



def loose_key(form: str) -> str:
    """Loose comparison key for names: case, hyphens, dots and spaces ignored."""
    return re.sub(r"[\s.\-_']+", "", form.lower())

