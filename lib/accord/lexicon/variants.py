"""Spelling variants of person names as news writes them.

Transliterated names come in several spellings: with or without diacritics
(Erdoğan, Erdogan), hyphens or spaces in Korean and Chinese given names (Kim
Jong-un, Kim Jong Un), and the Arabic article written al-, el-, al or left out
(Omar al-Bashir, Omar el-Bashir, Omar Bashir). Generating them from the curated
form keeps the lexicon readable and covers PETRARCH's older names too.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

# Letters that NFKD does not split into a base letter and a mark.
_PLAIN = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ð": "d", "Đ": "D", "đ": "d", "ł": "l", "Ł": "L",
                        "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th", "ʼ": "'", "ʻ": "'", "’": "'"})
_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]sh|[Aa]r|[Aa]t|[Aa]z|[Aa]n)-(?=[A-Z])")
_HYPHENED = re.compile(r"(?<=[A-Za-z])-(?=[a-z])")
_HYPHENED_LETTER = re.compile(r"(?<=[A-Za-z])-([a-z])")


def ascii_form(name: str) -> str:
    """``name`` without diacritics ("Erdoğan" -> "Erdogan", "Sinirlioğlu" -> "Sinirlioglu")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Russian and other Slavic given names news spells two ways (Sergei Lavrov, Sergey Lavrov)
_GIVEN_ALTERNATES = {
    "Sergei": "Sergey", "Sergey": "Sergei", "Dmitri": "Dmitry", "Dmitry": "Dmitri", "Andrei": "Andrey",
    "Andrey": "Andrei", "Yuri": "Yury", "Yury": "Yuri", "Nikolai": "Nikolay", "Nikolay": "Nikolai",
    "Alexei": "Alexey", "Alexey": "Alexei", "Aleksei": "Aleksey", "Aleksey": "Aleksei",
    "Yevgeny": "Evgeny", "Evgeny": "Yevgeny", "Vitali": "Vitaly", "Vitaly": "Vitali",
    "Anatoli": "Anatoly", "Anatoly": "Anatoli", "Gennadi": "Gennady", "Gennady": "Gennadi",
    "Valeri": "Valery", "Valery": "Valeri", "Georgi": "Georgy", "Georgy": "Georgi",
}
# a "y" between a vowel and -ev/-ov that news often leaves out: Aliyev, Aliev; Bakiyev, Bakiev
_Y_BEFORE_EV = re.compile(r"(?<=[aiou])y(?=(?:ev|eva|ov|ova)\b)")


def name_variants(name: str) -> list[str]:
    """Other spellings of a person's name, without ``name`` itself.

    Only multi-word names get article and hyphen variants, so that a bare
    surname never turns into a common word.
    """
    first = name.split(" ", 1)[0]
    slavic = " " in name and (first in _GIVEN_ALTERNATES or "yev" in name or "yov" in name)
    if name.isascii() and "-" not in name and not slavic:
        return []  # nothing to vary (the common case: keep the lexicon's load fast)
    forms = [name, ascii_form(name)]
    if slavic:
        for form in list(forms):
            alt = _GIVEN_ALTERNATES.get(form.split(" ", 1)[0])
            if alt:
                forms.append(alt + form[len(form.split(" ", 1)[0]):])  # Sergei Lavrov -> Sergey Lavrov
        for form in list(forms):
            if _Y_BEFORE_EV.search(form):
                forms.append(_Y_BEFORE_EV.sub("", form))  # Heydar Aliyev -> Heydar Aliev
    if "đ" in name or "Đ" in name:  # Serbo-Croatian đ is written "dj" as well as "d": Tuđman, Tudjman
        forms.append(ascii_form(name.replace("đ", "dj").replace("Đ", "Dj")))
    if " " in name:
        for form in list(forms):
            if _ARTICLE.search(form):
                forms.append(_ARTICLE.sub(lambda m: "el-" if m.group(1).lower() == "al" else "al-", form))
                forms.append(_ARTICLE.sub("", form))  # "Omar al-Bashir" -> "Omar Bashir"
            if _HYPHENED.search(form):
                forms.append(_HYPHENED_LETTER.sub(lambda m: " " + m.group(1).upper(), form))  # "Kim Jong Un"
    return list(dict.fromkeys(f for f in forms if f != name))


def add_variants(names: Iterable[str]) -> list[str]:
    """``names`` followed by the variants of each that are not already among them."""
    names = list(names)
    seen = set(names)
    out = list(names)
    for n in names:
        for v in name_variants(n):
            if v not in seen:
                seen.add(v)
                out.append(v)
    return out
