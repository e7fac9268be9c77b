"""Hand-made accord tables for the chart tests: the seed article as an analyst would annotate it.

Built with ``tables.frame`` from the real seed text, with offsets found in the
text, so that the tests do not depend on the annotation engine.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from accord import tables

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin-pyongyang-visit-2024-06.txt"
SEED_ID = "putin-pyongyang-visit-2024-06"

HOSTILE_TEXT = (
    "Officials said <script>window.__pwned = 'script'</script> that Russia supplied "
    "North Korea with fuel <img src=x onerror=\"window.__pwned='img'\">. "
    "Russia praised North Korea, according to <a href=\"javascript:window.__pwned='link'\">a source</a> & others."
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? followed by white space."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+", text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class _Doc:
    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id, self.text = doc_id, text
        self.sents = sentences(text)

    def span(self, phrase: str, nth: int = 0) -> dict:
        pos = -1
        for _ in range(nth + 1):
            pos = self.text.index(phrase, pos + 1)
        sent_id = next(i for i, (s, e) in enumerate(self.sents) if s <= pos < e)
        s, e = self.sents[sent_id]
        return {
            "doc_id": self.doc_id, "sent_id": sent_id, "start": pos, "end": pos + len(phrase),
            "evidence": self.text[s:e],
        }


ACTORS = [
    ("RUSGOV", "Russia (government)", "state", "RUS", "GOV", 12),
    ("PRKGOV", "North Korea (government)", "state", "PRK", "GOV", 11),
    ("USAGOV", "United States (government)", "state", "USA", "GOV", 2),
    ("KORGOV", "South Korea (government)", "state", "KOR", "GOV", 1),
    ("CHNGOV", "China (government)", "state", "CHN", "GOV", 1),
    ("UKR", "Ukraine", "state", "UKR", None, 3),
    ("WST", "the West", "bloc", None, None, 4),
    ("IGOUNO", "United Nations", "igo", None, None, 1),
]


def _rel(doc: _Doc, rid, phrase, source, target, event, quad, score, status="reported",
         context=None, mode=None, date=None, claim=None, nth=0):
    sp = doc.span(phrase, nth)
    return {
        "relation_id": rid, **{k: sp[k] for k in ("doc_id", "sent_id", "start", "end")},
        "source": source, "target": target, "event_type": event, "mode": mode, "context": context,
        "quad_class": quad, "score": score, "cameo": None, "goldstein": None, "status": status,
        "claim_id": claim, "date": date, "trigger": phrase, "evidence": sp["evidence"],
    }


def _claim(doc: _Doc, cid, cue, source, source_text, stance, content, about, relations=(), contests=None):
    sp = doc.span(cue)
    return {
        "claim_id": cid, **{k: sp[k] for k in ("doc_id", "sent_id", "start", "end")},
        "source": list(source), "source_text": source_text, "cue": cue, "stance": stance,
        "content": content, "quote": None, "about": list(about), "relations": list(relations),
        "contests": contests, "evidence": sp["evidence"],
    }


def seed_tables(extra_docs: bool = False, hostile: bool = False) -> dict[str, pd.DataFrame]:
    """The six tables of the seed; ``extra_docs`` adds two later dated articles; ``hostile`` one with HTML."""
    text = SEED.read_text(encoding="utf-8")
    d = _Doc(SEED_ID, text)
    docs = [{
        "doc_id": SEED_ID, "path": f"seeds/{SEED.name}",
        "title": "The West grows concerned as Putin heads to Pyongyang", "date": "2024-06-18",
        "source": "seed", "url": None, "n_chars": len(text), "text": text,
    }]
    R, P = ["RUSGOV"], ["PRKGOV"]
    rels = [
        _rel(d, "r1", "expressed his gratitude", R, P, "SUPPORT", 1, 3.0, claim="c1"),
        _rel(d, "r2", "support", P, R, "COOPERATE", 2, 5.0, context="military"),
        _rel(d, "r3", "visit", R, P, "CONSULT", 1, 1.0, status="planned", date="2024-06-18"),
        _rel(d, "r4", "joint opposition", ["RUSGOV", "PRKGOV"], ["WST"], "REJECT", 3, -4.0),
        _rel(d, "r5", "providing Moscow with weaponry", P, R, "AID", 2, 6.0, status="alleged",
             context="military", mode="weapons"),
        _rel(d, "r6", "economic aid", R, P, "AID", 2, 5.0, status="alleged", context="economic"),
        _rel(d, "r7", "technology transfers", R, P, "AID", 2, 5.0, status="alleged", context="technology"),
        _rel(d, "r8", "Kim’s visit to the Russian far east", P, R, "CONSULT", 1, 2.0, date="2023-09"),
        _rel(d, "r9", "accused", ["USAGOV", "KORGOV"], P, "ACCUSE", 3, -3.0, claim="c3"),
        _rel(d, "r10", "supplying Russia with military equipment", P, R, "AID", 2, 6.0, status="alleged",
             context="military", claim="c3"),
        _rel(d, "r11", "supported", ["RUSGOV", "CHNGOV"], P, "SUPPORT", 1, 3.0),
        _rel(d, "r12", "blocking", R, ["USAGOV"], "REJECT", 3, -4.0),
        _rel(d, "r13", "impose new sanctions", ["USAGOV"], P, "SANCTION", 4, -7.0, status="hypothetical"),
        _rel(d, "r14", "invasion of Ukraine", R, ["UKR"], "ASSAULT", 4, -10.0, nth=0),
    ]
    claims = [
        _claim(d, "c1", "expressed his gratitude", R, "Russian President Vladimir Putin", "praise",
               "North Korea supported Russia during the invasion of Ukraine", P, ["r1"]),
        _claim(d, "c2", "announced", R, "Putin", "announce",
               "Russia will develop trade and payment systems independent of Western influence", ["WST"]),
        _claim(d, "c3", "accused", ["USAGOV", "KORGOV"], "US and South Korean officials", "accuse",
               "North Korea supplies Russia with military equipment", ["PRKGOV", "RUSGOV"], ["r9", "r10"]),
        _claim(d, "c4", "denied", ["PRKGOV", "RUSGOV"], "Both North Korea and Russia", "deny",
               "North Korea supplies Russia with military equipment", ["PRKGOV", "RUSGOV"], contests="c3"),
    ]
    mentions = []
    for phrase, actor, kind in [
        ("Moscow", "RUSGOV", "city"), ("Pyongyang", "PRKGOV", "city"), ("Russia", "RUSGOV", "country"),
        ("Vladimir Putin", "RUSGOV", "person"), ("Kim Jong Un", "PRKGOV", "person"),
        ("North Korea", "PRKGOV", "country"), ("United States", "USAGOV", "country"),
        ("West", "WST", "bloc"), ("Ukraine", "UKR", "country"), ("China", "CHNGOV", "country"),
        ("UN Security Council", "IGOUNO", "igo"), ("South Korean officials", "KORGOV", "group"),
    ]:
        sp = d.span(phrase)
        mentions.append({**{k: sp[k] for k in ("doc_id", "sent_id", "start", "end")}, "text": phrase,
                         "actor_id": actor, "entity": phrase, "kind": kind})
    if extra_docs:
        for doc_id, date, body, rows in [
            ("later-2024-07", "2024-07-20",
             "Russia and North Korea signed a defence pact. The United States condemned the pact.",
             [("signed a defence pact", ["RUSGOV"], P, "AGREE", 1, 4.0, "reported", "military", None),
              ("condemned", ["USAGOV"], R, "ACCUSE", 3, -3.0, "reported", None, None)]),
            ("later-2024-09", "2024-09-03",
             "North Korea shipped artillery shells to Russia. Russia sent oil to North Korea.",
             [("shipped artillery shells", P, R, "AID", 2, 6.0, "reported", "military", "weapons"),
              ("sent oil", R, P, "AID", 2, 5.0, "reported", "economic", None)]),
        ]:
            x = _Doc(doc_id, body)
            docs.append({"doc_id": doc_id, "path": f"extra/{doc_id}.txt", "title": doc_id, "date": date,
                         "source": "test", "url": None, "n_chars": len(body), "text": body})
            for i, (phrase, s, t, ev, q, sc, st, ctx, mode) in enumerate(rows):
                rels.append(_rel(x, f"{doc_id}-r{i}", phrase, s, t, ev, q, sc, status=st, context=ctx,
                                 mode=mode, date=date))
    if hostile:
        x = _Doc("hostile", HOSTILE_TEXT)
        docs.append({"doc_id": "hostile", "path": "hostile.txt", "title": "<b>hostile</b> <script>x</script>",
                     "date": "2024-06-20", "source": "<i>evil</i>", "url": "javascript:alert(1)",
                     "n_chars": len(HOSTILE_TEXT), "text": HOSTILE_TEXT})
        rels.append(_rel(x, "h1", "supplied", ["RUSGOV"], P, "AID", 2, 5.0, status="alleged",
                         context="<script>ctx</script>"))
        rels.append(_rel(x, "h2", "praised", ["RUSGOV"], P, "SUPPORT", 1, 3.0))
        claims.append(_claim(x, "h-c1", "said", ["XSS"], "<script>window.__pwned='src'</script>", "assert",
                             "<img src=x onerror=\"window.__pwned='claim'\">", P, ["h1"]))
        claims.append(_claim(x, "h-c2", "according to", R, "<a href=\"javascript:alert(1)\">x</a>", "deny",
                             "<script>window.__pwned='deny'</script>", P, contests="h-c1"))
        actors_extra = [("XSS", "<script>window.__pwned='actor'</script>", "unresolved", None, None, 1)]
    else:
        actors_extra = []
    actors = [
        {"actor_id": a, "name": n, "kind": k, "country": c, "sector": s, "n_mentions": m}
        for a, n, k, c, s, m in ACTORS + actors_extra
    ]
    return {
        "documents": tables.frame("documents", docs),
        "mentions": tables.frame("mentions", mentions),
        "actors": tables.frame("actors", actors),
        "relations": tables.frame("relations", rels),
        "claims": tables.frame("claims", claims),
        "errors": tables.frame("errors", []),
    }
