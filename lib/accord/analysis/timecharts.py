"""The charts over time: the timeline of relations, material exchanges, cooperation against conflict."""
from __future__ import annotations
from typing import Any, Iterable, Mapping, Sequence
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from .select import dyad_rows, relation_score
from ..errors import ParameterError
from ..lexicon import CodingRules, load_lexicon
from .figures import CATEGORY_COLOURS, DEFAULT_FOCUS, QUAD_COLOURS, QUAD_NAMES, SCORED_STATUSES, SHOWN_STATUSES, STATUS_ALPHA, STATUS_SYMBOLS, Tables, _codes, _empty, _evidence_lines, _figure, _focus, _num, _quote, _r, _wrap, esc, _undirected


# -- timeline -----------------------------------------------------------------

def dated(tables: Tables, relations: pd.DataFrame, undated: str) -> pd.DataFrame:
    """Relations with columns day (first day, ISO), given (the date as written), precision."""
    if undated not in ("drop", "document"):
        raise ParameterError(f"undated: {undated!r}; valid: 'drop' (skip undated relations) or 'document' "
                               "(date them by their article)")
    doc_date = dict(zip(tables["documents"]["doc_id"].astype(str), tables["documents"]["date"]))
    days, given, prec = [], [], []
    for doc_id, date in zip(relations["doc_id"], relations["date"]):
        source = "text"
        value = date if isinstance(date, str) else None
        if value is None and undated == "document":
            value, source = doc_date.get(str(doc_id)), "article date"
            value = value if isinstance(value, str) else None
        try:
            parsed = P.parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            days.append(None)
            given.append(None)
            prec.append(None)
            continue
        days.append(parsed[0].date().isoformat())
        given.append(value)
        prec.append(parsed[2] if source == "text" else f"{parsed[2]}, {source}")
    out = relations.copy()
    out["day"], out["given"], out["precision"] = days, given, prec
    return out[out["day"].notna()]


def _mapped(codes: Iterable[str], node_of: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(node_of.get(a, a) for a in codes))


def _involves(relations: pd.DataFrame, members: set[str], node_of: Mapping[str, str]) -> pd.DataFrame:
    mask = [bool(members & (set(_mapped(s, node_of)) | set(_mapped(t, node_of))))
            for s, t in zip(relations["source"], relations["target"])]
    return relations[pd.Series(mask, index=relations.index, dtype=bool)]


def timeline(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
             statuses: Sequence[str] = SHOWN_STATUSES, undated: str = "drop",
             title: str | None = None) -> go.Figure:
    """Dated events involving the focus actors, one row per dyad, coloured by quad class.

    Only relations whose text resolves a date are shown (``undated="document"``
    dates the others by their article). Months and years are drawn at their
    first day; the hover says what the text gave. Marker shape is the status.
    """
    name, title = "timeline", title or "Timeline of dated events"
    codes, members, node_of = _focus(tables, focus, level)
    rel = tables["relations"]
    rel = _involves(rel[rel["status"].isin(list(statuses))], members, node_of)
    rel = dated(tables, rel, undated)
    if rel.empty:
        return _empty(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    rel = rel.assign(
        dyad=[f"{_codes(_mapped(s, node_of))} → {_codes(_mapped(t, node_of))}"
              for s, t in zip(rel["source"], rel["target"])],
        quad=[int(q) if not pd.isna(q) else 0 for q in rel["quad_class"]],
        score=[relation_score(r) for r in rel.to_dict("records")],
    ).sort_values(["day", "relation_id"], kind="stable")
    fig = _figure(name, title, height=max(320, 150 + 34 * rel["dyad"].nunique()))
    for quad in (1, 2, 3, 4, 0):
        part = rel[rel["quad"] == quad]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=list(part["day"]), y=list(part["dyad"]), mode="markers", name=QUAD_NAMES.get(quad, "unclassified"),
            marker={"size": 13, "color": QUAD_COLOURS[quad], "symbol": [STATUS_SYMBOLS.get(s, "circle")
                                                                        for s in part["status"]],
                    "line": {"width": 2, "color": QUAD_COLOURS[quad]}},
            hovertext=[
                f"<b>{esc(r['given'])}</b> ({esc(r['precision'])})<br>{r['dyad']}: <b>{esc(r['event_type'])}</b>"
                f" ({esc(r['status'])}), score {_num(r['score'])}<br>trigger: “{esc(r['trigger'])}”<br>"
                + _wrap(_quote(r['evidence']), 90, "   ")
                for r in part.to_dict("records")
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    days = sorted(rel["day"])
    lo, hi = pd.Timestamp(days[0]), pd.Timestamp(days[-1])
    pad = max(pd.Timedelta(days=20), (hi - lo) * 0.06)
    fig.update_xaxes(type="date", title_text="date (months and years at their first day)",
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_layout(legend={"title": {"text": "quad class (open marker: alleged or planned)"}},
                      margin={"l": 200})
    return fig


# -- material exchanges -------------------------------------------------------

def _category_of(value: str, words: Mapping[str, tuple[str, ...]]) -> str | None:
    low = value.lower()
    for category, stems in words.items():
        if any(w in low for w in stems):
            return category
    return None


def material_categories(event_type: Any, mode: Any = None, context: Any = None,
                        rules: CodingRules | None = None) -> list[str]:
    """What an AID or COOPERATE relation supplies, one or more of: weapons & military, technology,
    economic aid, humanitarian aid, aid (unspecified); empty when it is not a material exchange.
    The mode decides before the context; a context may list several kinds ("economic;technology").

    The categories and their words are the coding rules ``material_events`` and
    ``material_categories`` of ``rules`` (by default the packaged lexicon's).
    """
    rules = rules if rules is not None else load_lexicon().rules
    if event_type not in rules.material_events:
        return []
    words = rules.material_categories
    if isinstance(mode, str) and _category_of(mode, words):
        return [_category_of(mode, words)]
    if isinstance(context, str):
        found = [c for c in (_category_of(part, words) for part in context.split(";")) if c]
        if found:
            return list(dict.fromkeys(found))
    return ["aid (unspecified)"] if event_type == "AID" else []


def material_category(event_type: Any, mode: Any = None, context: Any = None) -> str | None:
    """The first of :func:`material_categories`, or ``None``."""
    found = material_categories(event_type, mode, context)
    return found[0] if found else None


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


def material_exchanges(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                       statuses: Sequence[str] = SHOWN_STATUSES, title: str | None = None) -> go.Figure:
    """Sankey of who supplies what to whom: supplier → what (weapons & military, technology, economic
    aid, ...) → recipient, counting AID and COOPERATE relations. Reported flows are drawn solid,
    planned lighter, alleged and denied flows faint and labelled as such."""
    name, title = "material_exchanges", title or "Material exchanges: who supplies what to whom"
    codes, members, node_of = _focus(tables, focus, level)
    d = dyad_rows(tables["relations"], members, statuses, node_of)
    rules = load_lexicon().rules
    if not d.empty:
        d["category"] = [material_categories(e, m, c, rules)
                         for e, m, c in zip(d["event_type"], d["mode"], d["context"])]
        d = d.explode("category")  # a flow of several kinds of goods counts once for each
        d = d[d["category"].notna()]
    if d.empty:
        return _empty(name, title, f"No material exchange ({', '.join(rules.material_events)}) involves {', '.join(codes)}.")
    flows = (d.groupby(["source", "category", "target", "status"], sort=True)
             .agg(n=("relation_id", "size")).reset_index())
    suppliers = sorted(set(flows["source"]))
    # the middle column: what is supplied, one node per status, so that alleged flows show as such
    status_order = {s: i for i, s in enumerate(SHOWN_STATUSES)}
    present = set(zip(flows["category"], flows["status"]))
    categories = sorted(present, key=lambda cs: (list(CATEGORY_COLOURS).index(cs[0]),
                                                  status_order.get(cs[1], 99), cs[1]))
    recipients = sorted(set(flows["target"]))

    def what(cs: tuple[str, str]) -> str:
        return cs[0] if cs[1] == "reported" else f"{cs[0]} ({cs[1]})"

    labels = [esc(s) for s in suppliers] + [esc(what(c)) for c in categories] + [esc(r) for r in recipients]
    idx_s = {s: i for i, s in enumerate(suppliers)}
    idx_c = {c: len(suppliers) + i for i, c in enumerate(categories)}
    idx_r = {r: len(suppliers) + len(categories) + i for i, r in enumerate(recipients)}
    colours = (["#54278f" if s in members else "#636363" for s in suppliers]
               + [_rgba(CATEGORY_COLOURS[c], 1.0 if st == "reported" else 0.45) for c, st in categories]
               + ["#54278f" if r in members else "#636363" for r in recipients])
    src, tgt, val, col, lab, hov = [], [], [], [], [], []
    for rec in flows.to_dict("records"):
        rows = d[(d["source"] == rec["source"]) & (d["target"] == rec["target"])
                 & (d["category"] == rec["category"]) & (d["status"] == rec["status"])]
        cs = (rec["category"], rec["status"])
        label = f"{esc(rec['source'])} → {esc(rec['target'])}: {esc(what(cs))}"
        hover = (f"<b>{label}</b><br>{rec['n']} relation{'s' if rec['n'] != 1 else ''}<br>"
                 + _evidence_lines(rows))
        colour = _rgba(CATEGORY_COLOURS[rec["category"]], STATUS_ALPHA.get(rec["status"], 0.5))
        for a, b in ((idx_s[rec["source"]], idx_c[cs]), (idx_c[cs], idx_r[rec["target"]])):
            src.append(a)
            tgt.append(b)
            val.append(int(rec["n"]))
            col.append(colour)
            lab.append(label)
            hov.append(hover)
    fig = _figure(name, title, height=max(360, 120 + 60 * max(len(suppliers), len(categories), len(recipients))))
    fig.add_trace(go.Sankey(
        arrangement="snap",
        node={"label": labels, "color": colours, "pad": 18, "thickness": 16,
              "line": {"width": 0.5, "color": "#ffffff"},
              "hovertemplate": "%{label}: %{value} relation(s)<extra></extra>"},
        link={"source": src, "target": tgt, "value": val, "color": col, "label": lab, "customdata": hov,
              "hovertemplate": "%{customdata}<extra></extra>"},
    ))
    for x, text in ((0.0, "supplier"), (0.5, "what"), (1.0, "recipient")):
        fig.add_annotation(text=f"<b>{text}</b>", x=x, y=1.06, xref="paper", yref="paper", showarrow=False,
                           xanchor={0.0: "left", 0.5: "center", 1.0: "right"}[x])
    fig.add_annotation(text="solid: reported · lighter: planned · faint: alleged or denied, as the middle column says",
                       x=0.5, y=-0.12, xref="paper", yref="paper", showarrow=False,
                       font={"size": 11, "color": "#555555"})
    fig.update_layout(margin={"t": 100, "b": 70})
    return fig


# -- cooperation and conflict over time ----------------------------------------

def cooperation_conflict(tables: Tables, focus: Any = DEFAULT_FOCUS, freq: str = "M", *, level: str = "country",
                         statuses: Sequence[str] = SCORED_STATUSES, undated: str = "document", top: int = 8,
                         title: str | None = None) -> go.Figure:
    """Net cooperation-conflict score of each dyad of the focus per week (``freq="W"``) or month (``"M"``).

    A relation counts at the date its text gives; one the text gives no date
    for counts at its article's date (``undated="drop"`` leaves it out). Shows
    the ``top`` dyads by total absolute score.
    """
    freq = P.check_freq(freq)
    name = "cooperation_conflict"
    title = title or f"Cooperation and conflict over time, per dyad and {P.FREQS[freq]}"
    codes, members, node_of = _focus(tables, focus, level)
    rel = tables["relations"]
    rel = dated(tables, rel[rel["status"].isin(list(statuses))], undated)
    d = dyad_rows(rel.drop(columns=["day", "given", "precision"]), members, None, node_of)
    if d.empty:
        return _empty(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    day = dict(zip(rel["relation_id"], rel["day"]))
    d = _undirected(d)
    d["period"] = [pd.Period(day[r], freq=freq) for r in d["relation_id"]]
    d["coop"] = d["score"].clip(lower=0)
    d["conf"] = d["score"].clip(upper=0)
    d["dyad"] = [f"{a} – {b}" for a, b in zip(d["a"], d["b"])]
    totals = d.groupby("dyad")["score"].apply(lambda s: s.abs().sum())
    keep = sorted(totals.index, key=lambda k: (-totals[k], k))[:top]
    agg = (d[d["dyad"].isin(keep)].groupby(["dyad", "period"], sort=True)
           .agg(net=("score", "sum"), coop=("coop", "sum"), conf=("conf", "sum"), n=("score", "size"))
           .reset_index())
    fmt = "%Y-%m" if freq == "M" else "week of %Y-%m-%d"
    fig = _figure(name, title, height=460)
    for dyad in keep:
        part = agg[agg["dyad"] == dyad]
        fig.add_trace(go.Scatter(
            x=[p.start_time.date().isoformat() for p in part["period"]], y=[_r(v, 2) for v in part["net"]],
            mode="lines+markers", name=esc(dyad), marker={"size": 9},
            hovertext=[f"<b>{esc(dyad)}</b>, {p.start_time.strftime(fmt)}<br>net {_num(net)} "
                       f"(cooperation {_num(c)}, conflict {_num(f)}) over {n} relation{'s' if n != 1 else ''}"
                       for p, net, c, f, n in zip(part["period"], part["net"], part["coop"], part["conf"],
                                                  part["n"])],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    periods = sorted(set(agg["period"]))
    lo, hi = periods[0].start_time, periods[-1].start_time
    pad = pd.Timedelta(days=20 if freq == "M" else 5)
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_xaxes(type="date", title_text=P.FREQS[freq],
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(title_text="net score (cooperation > 0 > conflict)", zeroline=False)
    fig.update_layout(legend={"title": {"text": "dyad"}})
    return fig
