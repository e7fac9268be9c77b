"""The charts over time: the timeline of relations, material exchanges, cooperation against conflict."""
from __future__ import annotations
from typing import Any, Iterable, Mapping, Sequence
import pandas as pd
import plotly.graph_objects as go
from . import params as P
from .select import dyad_rows, relation_score
from ..errors import ParameterError
from ..engine import packaged
from ..lexicon import CodingRules
from .figures import STATUS_OPACITY, label, node_names, status_mix, status_note, status_symbol
from .figures import CATEGORY_COLOURS, DEFAULT_FOCUS, QUAD_COLOURS, QUAD_NAMES, SCORED_STATUSES, SHOWN_STATUSES, STATUS_ALPHA, STATUS_SYMBOLS, Tables, codes_text, correction_line, empty_figure, evidence_lines, new_figure, focus_nodes, num, quoted, round_score, wrap, esc, undirected


# -- timeline -----------------------------------------------------------------

def dated(tables: Tables, relations: pd.DataFrame, undated: str) -> pd.DataFrame:
    """Relations with columns day and last (first and last day of the date, ISO: a month spans its
    days), given (the date as written), precision, and undated (True: the text gives no date, the
    article's date stands in)."""
    if undated not in ("drop", "document"):
        raise ParameterError(f"undated: {undated!r}; valid: 'drop' (skip undated relations) or 'document' "
                               "(date them by their article)")
    doc_date = dict(zip(tables["documents"]["doc_id"].astype(str), tables["documents"]["date"]))
    days, lasts, given, prec, undated_flags = [], [], [], [], []
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
            lasts.append(None)
            given.append(None)
            prec.append(None)
            undated_flags.append(None)
            continue
        days.append(parsed[0].date().isoformat())
        lasts.append(parsed[1].date().isoformat())
        given.append(value)
        prec.append(parsed[2] if source == "text" else f"{parsed[2]}, {source}")
        undated_flags.append(source != "text")
    out = relations.copy()
    out["day"], out["last"], out["given"], out["precision"] = days, lasts, given, prec
    out["undated"] = undated_flags
    return out[out["day"].notna()]


def _mapped(codes: Iterable[str], node_of: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(node_of.get(a, a) for a in codes))


def _involves(relations: pd.DataFrame, members: set[str], node_of: Mapping[str, str]) -> pd.DataFrame:
    mask = [bool(members & (set(_mapped(s, node_of)) | set(_mapped(t, node_of))))
            for s, t in zip(relations["source"], relations["target"])]
    return relations[pd.Series(mask, index=relations.index, dtype=bool)]


MARKER_SIZE = 13  # px, of an event's marker
PITCH = 17  # px between the centres of markers stacked at one date: more than a marker with its outline
ROW_PX = 44  # px of a dyad's row with no stack
HALO_SIZE, HALO_COLOUR = 25, "#d9d9d9"  # the light disc behind an event the text does not date
UNDATED_NAME = "on a light disc: undated, at its article's date"
TIMELINE_MARGIN = (70, 80)  # px above and below the plot (title; the date axis and its title)
NEAR = 60  # markers of one row closer than 1/NEAR of the time axis stack rather than overlap


def stack(rows: Sequence[Any], days: Sequence[pd.Timestamp], span_days: float) -> tuple[list[int], list[int]]:
    """(slot, size of its stack) of each marker: markers of one row whose dates lie within
    ``span_days / NEAR`` of the first of their group are stacked (slots 0, 1, 2... in the order
    given), so that no marker hides another, on one date or on dates a few pixels apart."""
    tol = pd.Timedelta(days=max(1.0, span_days / NEAR))
    group: dict[int, int] = {}
    first: dict[Any, tuple[pd.Timestamp, int]] = {}
    sizes: list[int] = []
    slots = [0] * len(rows)
    for i in sorted(range(len(rows)), key=lambda i: (str(rows[i]), days[i], i)):
        start = first.get(rows[i])
        if start is None or days[i] - start[0] > tol:
            first[rows[i]] = start = (days[i], len(sizes))
            sizes.append(0)
        slots[i] = sizes[start[1]]
        sizes[start[1]] += 1
        group[i] = start[1]
    return slots, [sizes[group[i]] for i in range(len(rows))]


def timeline(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
             statuses: Sequence[str] = SHOWN_STATUSES, undated: str = "document",
             title: str | None = None) -> go.Figure:
    """Events involving the focus actors, one row per dyad (named; codes on hover), coloured by quad class.

    Marker shape is the status (filled: reported; open: alleged, planned...). An
    event whose text gives no date is placed at its article's date on a light
    grey disc (``undated="drop"`` leaves it out). A month or a year keeps its
    precision: the marker sits in its middle and a bar spans it. Events of a
    dyad on one date, or on dates too close to tell apart, are stacked
    (:func:`stack`): a row is as tall as its highest stack, so none hides another.
    The colour legend shows colours as lines, not as markers, so that no shape
    in it means two things.
    """
    name, title = "timeline", title or "Timeline of events"
    statuses = P.check_statuses(statuses)
    codes, members, node_of = focus_nodes(tables, focus, level)
    rel = tables["relations"]
    rel = _involves(rel[rel["status"].isin(list(statuses))], members, node_of)
    rel = dated(tables, rel, undated)
    if rel.empty:
        return empty_figure(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    shown = node_names(tables, {n for col in ("source", "target") for lst in rel[col] for n in _mapped(lst, node_of)})
    rel = rel.assign(
        dyad=[f"{', '.join(label(shown, n) for n in _mapped(s, node_of))} → "
              f"{', '.join(label(shown, n) for n in _mapped(t, node_of))}"
              for s, t in zip(rel["source"], rel["target"])],
        codes=[f"{codes_text(_mapped(s, node_of))} → {codes_text(_mapped(t, node_of))}"
               for s, t in zip(rel["source"], rel["target"])],
        quad=[int(q) if not pd.isna(q) else 0 for q in rel["quad_class"]],
        score=[relation_score(r) for r in rel.to_dict("records")],
        mid=[(pd.Timestamp(a) + (pd.Timestamp(b) - pd.Timestamp(a)) / 2).date().isoformat()
             for a, b in zip(rel["day"], rel["last"])],
    ).sort_values(["day", "relation_id"], kind="stable")
    rows = list(dict.fromkeys(rel.sort_values(["dyad"], kind="stable")["dyad"]))
    lo, hi = pd.Timestamp(min(rel["day"])), pd.Timestamp(max(rel["last"]))
    pad = max(pd.Timedelta(days=20), (hi - lo) * 0.06)
    span_days = (hi - lo + 2 * pad) / pd.Timedelta(days=1)
    slots, sizes = stack(list(rel["dyad"]), [pd.Timestamp(m) for m in rel["mid"]], span_days)
    # rows in px from the top: each as tall as its highest stack
    tallest = {d: 1 for d in rows}
    for d, n in zip(rel["dyad"], sizes):
        tallest[d] = max(tallest[d], n)
    top_of, y = {}, 0
    for d in rows:
        top_of[d] = y
        y += max(ROW_PX, tallest[d] * PITCH + PITCH)
    total = y
    centre = {d: top_of[d] + max(ROW_PX, tallest[d] * PITCH + PITCH) / 2 for d in rows}
    rel["y"] = [round_score(centre[d] + (k - (n - 1) / 2) * PITCH, 1) for d, k, n in zip(rel["dyad"], slots, sizes)]
    t_margin, b_margin = TIMELINE_MARGIN
    fig = new_figure(name, title, height=max(320, t_margin + b_margin + int(total)))
    spans = rel[rel["day"] != rel["last"]]
    if not spans.empty:  # a month or a year is drawn as the period it is
        xs, ys = [], []
        for a, b, y in zip(spans["day"], spans["last"], spans["y"]):
            xs += [a, b, None]
            ys += [y, y, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="date given as a month or year (bar spans it)",
                                 line={"width": 6, "color": "#bdbdbd"}, opacity=0.6, hoverinfo="skip"))
    no_date = rel[rel["undated"].astype(bool)]
    if not no_date.empty:  # a light disc behind each event the text does not date
        fig.add_trace(go.Scatter(
            x=list(no_date["mid"]), y=list(no_date["y"]), mode="markers", hoverinfo="skip", showlegend=False,
            name=UNDATED_NAME, marker={"size": HALO_SIZE, "symbol": "circle", "color": HALO_COLOUR}))
    titled = False
    for quad in (1, 2, 3, 4, 0):
        part = rel[rel["quad"] == quad]
        if part.empty:
            continue
        group = f"quad {quad}"
        # the colour's legend entry is a line: a marker there would borrow a status's shape
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=QUAD_NAMES.get(quad, "unclassified"),
                                 legendgroup=group, line={"color": QUAD_COLOURS[quad], "width": 6},
                                 hoverinfo="skip", legendgrouptitle={"text": "" if titled else "colour: quad class"}))
        titled = True
        fig.add_trace(go.Scatter(
            x=list(part["mid"]), y=list(part["y"]), mode="markers", name=QUAD_NAMES.get(quad, "unclassified"),
            legendgroup=group, showlegend=False,
            customdata=[[st, bool(u)] for st, u in zip(part["status"], part["undated"])],
            marker={"size": MARKER_SIZE, "color": QUAD_COLOURS[quad],
                    "symbol": [status_symbol(st) for st in part["status"]],
                    "opacity": [STATUS_OPACITY.get(st, 1.0) for st in part["status"]],
                    "line": {"width": 2, "color": QUAD_COLOURS[quad]}},
            hovertext=[
                (f"<b>{esc(r['given'])}</b> ({esc(r['precision'])})" if not r["undated"] else
                 f"<b>undated</b>: placed at its article's date, {esc(r['given'])}")
                + f"<br>{r['dyad']} ({r['codes']}): <b>{esc(r['event_type'])}</b>"
                f" ({esc(r['status'])}), score {num(r['score'])}<br>trigger: “{esc(r['trigger'])}”"
                + correction_line(r) + "<br>" + wrap(quoted(r['evidence']), 90, "   ")
                for r in part.to_dict("records")
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    for st in [s for s in P.STATUSES if s in set(rel["status"])]:
        _legend_marker(fig, st, status_symbol(st), "shape: status")
    if not no_date.empty:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=UNDATED_NAME, legendgroup="shape",
                                 hoverinfo="skip", marker={"size": HALO_SIZE, "color": HALO_COLOUR}))
    fig.update_xaxes(type="date", title_text="date (a month or a year spans its days)",
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(tickvals=[round_score(centre[d], 1) for d in rows], ticktext=rows, zeroline=False,
                     showgrid=True, range=[total, 0])
    fig.update_layout(legend={"groupclick": "togglegroup"}, margin={"l": 220, "t": t_margin, "b": b_margin})
    return fig


def _legend_marker(fig: go.Figure, name: str, symbol: str, group: str) -> None:
    """A legend entry (no data) for a marker shape."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup="shape",
                             legendgrouptitle={"text": group}, hoverinfo="skip",
                             marker={"size": 11, "color": "#636363", "symbol": symbol,
                                     "line": {"width": 2, "color": "#636363"}}))


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
    rules = rules if rules is not None else packaged().rules
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


def category_colour(category: str) -> tuple[int, int, int]:
    """The colour of a material category: its own for the packaged ones, grey for an analyst's."""
    return CATEGORY_COLOURS.get(category, CATEGORY_COLOURS["aid (unspecified)"])


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


def material_exchanges(tables: Tables, focus: Any = DEFAULT_FOCUS, *, level: str = "country",
                       statuses: Sequence[str] = SHOWN_STATUSES, title: str | None = None,
                       rules: CodingRules | None = None) -> go.Figure:
    """Sankey of who supplies what to whom: supplier → what (weapons & military, technology, economic
    aid, ...) → recipient, counting AID and COOPERATE relations. Reported flows are drawn solid,
    planned lighter, alleged and denied flows faint and labelled as such.

    The categories and the events counted are the coding rules ``material_categories`` and
    ``material_events`` of ``rules`` (default: the packaged lexicon's; pass the run's)."""
    name, title = "material_exchanges", title or "Material exchanges: who supplies what to whom"
    statuses = P.check_statuses(statuses)
    codes, members, node_of = focus_nodes(tables, focus, level)
    d = dyad_rows(tables["relations"], members, statuses, node_of)
    rules = rules if rules is not None else packaged().rules
    if not d.empty:
        d["category"] = [material_categories(e, m, c, rules)
                         for e, m, c in zip(d["event_type"], d["mode"], d["context"])]
        d = d.explode("category")  # a flow of several kinds of goods counts once for each
        d = d[d["category"].notna()]
    if d.empty:
        return empty_figure(name, title, f"No material exchange ({', '.join(rules.material_events)}) involves {', '.join(codes)}.")
    flows = (d.groupby(["source", "category", "target", "status"], sort=True)
             .agg(n=("relation_id", "size")).reset_index())
    suppliers = sorted(set(flows["source"]))
    # the middle column: what is supplied, one node per status, so that alleged flows show as such
    status_order = {s: i for i, s in enumerate(SHOWN_STATUSES)}
    present = set(zip(flows["category"], flows["status"]))
    # the packaged categories first, in their order; an analyst's own after them, by name
    known = {c: i for i, c in enumerate(CATEGORY_COLOURS)}
    categories = sorted(present, key=lambda cs: (known.get(cs[0], len(known)), cs[0],
                                                  status_order.get(cs[1], 99), cs[1]))
    recipients = sorted(set(flows["target"]))

    def what(cs: tuple[str, str]) -> str:
        return cs[0] if cs[1] == "reported" else f"{cs[0]} ({cs[1]})"

    shown = node_names(tables, set(suppliers) | set(recipients))
    labels = ([label(shown, s) for s in suppliers] + [esc(what(c)) for c in categories]
              + [label(shown, r) for r in recipients])
    idx_s = {s: i for i, s in enumerate(suppliers)}
    idx_c = {c: len(suppliers) + i for i, c in enumerate(categories)}
    idx_r = {r: len(suppliers) + len(categories) + i for i, r in enumerate(recipients)}
    colours = (["#54278f" if s in members else "#636363" for s in suppliers]
               + [_rgba(category_colour(c), 1.0 if st == "reported" else 0.45) for c, st in categories]
               + ["#54278f" if r in members else "#636363" for r in recipients])
    src, tgt, val, col, lab, hov = [], [], [], [], [], []
    for rec in flows.to_dict("records"):
        rows = d[(d["source"] == rec["source"]) & (d["target"] == rec["target"])
                 & (d["category"] == rec["category"]) & (d["status"] == rec["status"])]
        cs = (rec["category"], rec["status"])
        text = f"{label(shown, rec['source'])} → {label(shown, rec['target'])}: {esc(what(cs))}"
        hover = (f"<b>{text}</b> ({esc(rec['source'])} → {esc(rec['target'])})<br>"
                 f"{rec['n']} relation{'s' if rec['n'] != 1 else ''}<br>" + evidence_lines(rows))
        colour = _rgba(category_colour(rec["category"]), STATUS_ALPHA.get(rec["status"], 0.5))
        for a, b in ((idx_s[rec["source"]], idx_c[cs]), (idx_c[cs], idx_r[rec["target"]])):
            src.append(a)
            tgt.append(b)
            val.append(int(rec["n"]))
            col.append(colour)
            lab.append(text)
            hov.append(hover)
    fig = new_figure(name, title, height=max(360, 120 + 60 * max(len(suppliers), len(categories), len(recipients))))
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
    the ``top`` dyads by total absolute score, named (codes on hover). A line
    breaks at a period without data rather than join its neighbours; a point
    some of whose relations are not reported (alleged...) is an open marker;
    the dyads' markers are set a little apart so that equal values stay visible.
    """
    freq = P.check_freq(freq)
    statuses = P.check_statuses(statuses)
    name = "cooperation_conflict"
    title = title or f"Cooperation and conflict over time, per dyad and {P.FREQS[freq]}"
    codes, members, node_of = focus_nodes(tables, focus, level)
    rel = tables["relations"]
    rel = dated(tables, rel[rel["status"].isin(list(statuses))], undated)
    d = dyad_rows(rel.drop(columns=["day", "last", "given", "precision", "undated"]), members, None, node_of)
    if d.empty:
        return empty_figure(name, title, f"No dated relation involves {', '.join(codes)} in this selection.")
    day = dict(zip(rel["relation_id"], rel["day"]))
    no_date = dict(zip(rel["relation_id"], rel["undated"]))
    d = undirected(d)
    shown = node_names(tables, set(d["a"]) | set(d["b"]))
    d["period"] = [pd.Period(day[r], freq=freq) for r in d["relation_id"]]
    d["undated"] = [bool(no_date[r]) for r in d["relation_id"]]
    d["coop"] = d["score"].clip(lower=0)
    d["conf"] = d["score"].clip(upper=0)
    d["dyad"] = [f"{a} – {b}" for a, b in zip(d["a"], d["b"])]
    totals = d.groupby("dyad")["score"].apply(lambda s: s.abs().sum())
    keep = sorted(totals.index, key=lambda k: (-totals[k], k))[:top]
    agg = (d[d["dyad"].isin(keep)].groupby(["dyad", "period"], sort=True)
           .agg(net=("score", "sum"), coop=("coop", "sum"), conf=("conf", "sum"), n=("score", "size"),
                statuses=("status", list), undated=("undated", "sum"))
           .reset_index())
    periods = sorted(set(agg["period"]))
    every = list(pd.period_range(periods[0], periods[-1], freq=freq))
    fmt = "%Y-%m" if freq == "M" else "week of %Y-%m-%d"
    # the dyads' points side by side within their period, a few days (hours for weeks) apart
    step = pd.Timedelta(days=3) if freq == "M" else pd.Timedelta(hours=14)
    fig = new_figure(name, title, height=460)
    for k, dyad in enumerate(keep):
        part = agg[agg["dyad"] == dyad].set_index("period")
        a, b = dyad.split(" – ")
        shift = step * (k - (len(keep) - 1) / 2)
        xs, ys, hover, symbols = [], [], [], []
        for p in every:  # None where the dyad has no data: the line breaks there
            x = (p.start_time + pd.Timedelta(days=14 if freq == "M" else 3) + shift).isoformat()
            if p not in part.index:
                xs.append(x)
                ys.append(None)
                hover.append("")
                symbols.append("circle")
                continue
            rec = part.loc[p]
            note = status_note(rec["statuses"])
            if rec["undated"]:
                note = ", ".join(x for x in (note, f"{int(rec['undated'])} undated, at the article's date") if x)
            mix = status_mix(rec["statuses"])
            xs.append(x)
            ys.append(round_score(rec["net"], 2))
            symbols.append("circle" if mix == "reported" else status_symbol(mix) if mix != "mixed" else "circle-open")
            hover.append(f"<b>{label(shown, a)} – {label(shown, b)}</b> ({esc(dyad)}), {p.start_time.strftime(fmt)}"
                         f"<br>net {num(rec['net'])} (cooperation {num(rec['coop'])}, conflict "
                         f"{num(rec['conf'])}) over {rec['n']} relation{'s' if rec['n'] != 1 else ''}"
                         + (f"<br>of which {esc(note)}" if note else ""))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines+markers", name=f"{label(shown, a)} – {label(shown, b)}",
            marker={"size": 9, "symbol": symbols, "line": {"width": 2}}, connectgaps=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>", customdata=[dyad] * len(xs),
        ))
    lo, hi = every[0].start_time, every[-1].end_time
    pad = pd.Timedelta(days=10 if freq == "M" else 3)
    fig.add_hline(y=0, line={"color": "#888888", "width": 1})
    fig.update_xaxes(type="date", title_text=P.FREQS[freq],
                     range=[(lo - pad).date().isoformat(), (hi + pad).date().isoformat()])
    fig.update_yaxes(title_text="net score (cooperation > 0 > conflict)", zeroline=False)
    fig.update_layout(legend={"title": {"text": "dyad (open marker: not all reported)"}})
    return fig
