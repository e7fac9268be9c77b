"""Checking and reading each section of a lexicon file into records, with the file and line of every problem."""
from __future__ import annotations
import re
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, Iterable, Mapping
from ..errors import LexiconError, shorten
from ..labels import STATUS_PRECEDENCE
from .fileformat import key_line, line_of
from .model import slug, ActorEntry, CameoCode, Cue, PloverClass, Role, Trigger
from .inflect import inflect


ACTOR_KINDS = ("state", "igo", "bloc", "org", "person")
TRIGGER_POS = ("verb", "noun")
CUE_POS = ("verb", "noun", "prep", "adj")  # adj: cues like "concerned"
_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
SECTOR_RE = re.compile(r"^[A-Z]{3}$")
_CAMEO_RE = re.compile(r"^\d{2,4}$")


# --------------------------------------------------------------------------- #
# Field checks
# --------------------------------------------------------------------------- #
class Ctx:
    """The file being read, for error messages."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, problem: str, where: Any = None) -> LexiconError:
        line = where if isinstance(where, int) else line_of(where)
        return LexiconError(self.path, problem, line)

    def mapping(self, obj: Any, what: str, where: Any) -> dict:
        if not isinstance(obj, dict):
            raise self.fail(f"{what} must be a mapping, not {type(obj).__name__}", where)
        return obj

    def seq(self, obj: Any, what: str, where: Any) -> list:
        if not isinstance(obj, list):
            raise self.fail(f"{what} must be a list, not {type(obj).__name__}", where)
        return obj

    def keys(self, entry: dict, allowed: Iterable[str], required: Iterable[str], what: str) -> None:
        for key in required:
            value = entry.get(key)
            if value is None or value == "":
                raise self.fail(f"{what} is missing required key {shorten(key)}", entry)
        for k in entry:  # hot: tens of thousands of generated entries
            if k not in allowed:
                extra = sorted(str(k) for k in entry if k not in allowed)
                raise self.fail(f"{what} has unknown key(s) {', '.join(extra)}", entry)

    def text(self, entry: dict, key: str, what: str, optional: bool = False) -> str | None:
        value = entry.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{what}: {shorten(key)} must be a non-empty string, got {shorten(value)}", entry)
        return value.strip()

    def texts(self, entry: dict, key: str, what: str) -> list[str]:
        value = entry.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{what}: {shorten(key)} must be a string or a list of strings", entry)
        return [v.strip() for v in value]

    def code(self, value: Any, what: str, where: Any, pattern: re.Pattern = _CODE_RE) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            raise self.fail(f"{what}: bad code {shorten(value)} (expected {pattern.pattern})", where)
        return value

    def day(self, value: Any, what: str, where: Any) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(f"{what}: bad date {shorten(value)} (expected YYYY-MM-DD or null)", where)


# --------------------------------------------------------------------------- #
# Section readers
# --------------------------------------------------------------------------- #
_ACTOR_KEYS = frozenset({"id", "kind", "code", "name", "formal", "names", "demonyms", "capital",
                         "country", "roles", "source"})
_ROLE_KEYS = frozenset({"code", "start", "end", "title"})


def _day(ctx: Ctx, value: Any, which: str, what: str, where: Any) -> date | None:
    """A role date; the common cases (None, a date, an ISO string) without a message."""
    if value is None or type(value) is date:
        return value
    if type(value) is str:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return ctx.day(value, f"{what} {which}", where)


def read_actor(ctx: Ctx, raw: Any, where: Any) -> list[ActorEntry]:
    """One actor entry (plus its capital metonyms)."""
    entry = ctx.mapping(raw, "actor entry", where)
    ctx.keys(entry, _ACTOR_KEYS, ("id", "kind", "name"), "actor entry")
    ident = ctx.text(entry, "id", "actor entry")
    what = f"actor {shorten(ident)}"
    kind = ctx.text(entry, "kind", what)
    if kind not in ACTOR_KINDS:
        raise ctx.fail(f"{what}: kind must be one of {', '.join(ACTOR_KINDS)}, got {shorten(kind)}", entry)
    name = ctx.text(entry, "name", what)
    names = [name, *ctx.texts(entry, "formal", what), *ctx.texts(entry, "names", what)]
    demonyms = ctx.texts(entry, "demonyms", what)
    roles: list[Role] = []
    rwhat = f"{what}: role"
    for r in ctx.seq(entry.get("roles") or [], f"{what}: roles", entry):
        rline = line_of(r, line_of(entry))
        r = ctx.mapping(r, rwhat, rline)
        ctx.keys(r, _ROLE_KEYS, ("code",), rwhat)
        start = _day(ctx, r.get("start"), "start", rwhat, rline)
        end = _day(ctx, r.get("end"), "end", rwhat, rline)
        if start and end and end <= start:
            raise ctx.fail(f"{what}: role ends ({end}) before it starts ({start})", rline)
        title = r.get("title")
        if title is not None:
            title = ctx.text(r, "title", rwhat, optional=True)
        roles.append(Role(ctx.code(r["code"], rwhat, rline), start, end, title))
    code = entry.get("code")
    if code is None and kind != "person":
        code = ident  # states, IGOs and blocs are keyed by their code
    if code is not None:
        code = ctx.code(code, what, entry)
    elif not roles:
        raise ctx.fail(f"{what}: a person needs 'roles' or a fixed 'code'", entry)
    country = entry.get("country")
    if country is not None:
        country = ctx.code(country, f"{what}: country", entry)
    elif kind in ("state", "bloc") and code:
        country = code[:3]
    out = [ActorEntry(ident, code, kind, name, tuple(dict.fromkeys(names)),
                      tuple(dict.fromkeys(demonyms)), country, tuple(roles))]
    capitals: dict[str, list[str]] = {}
    for cap in ctx.texts(entry, "capital", what):
        if code is None:
            raise ctx.fail(f"{what}: 'capital' needs a fixed code", entry)
        capitals.setdefault(slug(cap), []).append(cap)  # "Washington, D.C." ~ "Washington D.C."
    for key, forms in capitals.items():
        # Capitals are metonyms for the state itself ("Moscow said ...").
        out.append(ActorEntry(f"{code}:{key}", code, kind, forms[0], tuple(forms), (),
                              country, ()))
    return out


NOT_ACTOR_KINDS = ("weapon", "equipment", "vehicle", "ship", "spacecraft", "operation", "exercise", "event",
                   "agreement", "programme", "place", "other")
_NOT_ACTOR_KEYS = frozenset({"name", "kind", "names", "note"})


def read_not_actor(ctx: Ctx, raw: Any, where: Any) -> list[tuple[str, str]]:
    """One not_actors entry -> [(surface form, kind)]."""
    entry = ctx.mapping(raw, "not_actors entry", where)
    ctx.keys(entry, _NOT_ACTOR_KEYS, ("name", "kind"), "not_actors entry")
    name = ctx.text(entry, "name", "not_actors entry")
    kind = ctx.text(entry, "kind", f"not_actors {shorten(name)}")
    if kind not in NOT_ACTOR_KINDS:
        raise ctx.fail(f"not_actors {shorten(name)}: kind must be one of {', '.join(NOT_ACTOR_KINDS)}, got {shorten(kind)}", entry)
    return [(form, kind) for form in dict.fromkeys([name, *ctx.texts(entry, "names", f"not_actors {shorten(name)}")])]


def read_agents(ctx: Ctx, section: Any, sectors: Mapping[str, str]) -> list[tuple[str, str, list[str] | None]]:
    """agents section -> [(phrase, sector, plurals or None for regular)]."""
    section = ctx.mapping(section, "'agents'", section)
    out = []
    for phrase, value in section.items():
        where = key_line(section, phrase)
        if not isinstance(phrase, str) or not phrase.strip():
            raise ctx.fail(f"agent phrase must be a string, got {shorten(phrase)}", where)
        plural: list[str] | None = None
        if isinstance(value, dict):
            ctx.keys(value, ("code", "plural"), ("code",), f"agent {shorten(phrase)}")
            code = value["code"]
            if "plural" in value:
                plural = [p.lower() for p in ctx.texts(value, "plural", f"agent {shorten(phrase)}")]
        else:
            code = value
        code = ctx.code(code, f"agent {shorten(phrase)}", where, SECTOR_RE)
        if sectors and code not in sectors:
            raise ctx.fail(f"agent {shorten(phrase)}: unknown sector {shorten(code)}", where)
        out.append((" ".join(phrase.lower().split()), code, plural))
    return out


_TRIGGER_KEYS = ("lemma", "pos", "forms", "cameo", "event", "mode", "context", "inflect")


def read_trigger(ctx: Ctx, raw: Any, where: Any, cameo: Mapping[str, CameoCode],
                  plover: Mapping[tuple[str, str], PloverClass]) -> Trigger:
    entry = ctx.mapping(raw, "trigger", where)
    ctx.keys(entry, _TRIGGER_KEYS, ("lemma",), "trigger")
    lemma = " ".join(ctx.text(entry, "lemma", "trigger").lower().split())
    what = f"trigger {shorten(lemma)}"
    pos = entry.get("pos", "verb")
    if pos not in TRIGGER_POS:
        raise ctx.fail(f"{what}: pos must be one of {', '.join(TRIGGER_POS)}, got {shorten(pos)}", entry)
    code = entry.get("cameo")
    event = entry.get("event")
    if code is None and event is None:
        raise ctx.fail(f"{what} is missing required key 'cameo' (or 'event')", entry)
    cam: CameoCode | None = None
    if code is not None:
        if not isinstance(code, str):
            # An unquoted 051 is read by YAML as a number; the leading 0 matters.
            raise ctx.fail(f"{what}: cameo code must be a quoted string, got {shorten(code)}", entry)
        ctx.code(code, what, entry, _CAMEO_RE)
        cam = cameo.get(code)
        if cameo and cam is None:
            raise ctx.fail(f"{what}: unknown CAMEO code {shorten(code)}", entry)
    categories = {k[0] for k in plover}
    if event is not None:
        event = ctx.text(entry, "event", what)
        if categories and event not in categories:
            raise ctx.fail(f"{what}: unknown PLOVER category {shorten(event)}", entry)
    event_type = event or (cam.event_type if cam else None)
    if "mode" in entry:
        # mode "" (or null) names the category's base row explicitly.
        mode = None if entry["mode"] in (None, "") else ctx.text(entry, "mode", what)
        if mode and plover and (event_type, mode) not in plover:
            raise ctx.fail(f"{what}: PLOVER category {event_type} has no mode {shorten(mode)}", entry)
    elif cam is not None and (event is None or event == cam.event_type):
        mode = cam.mode
    else:
        mode = None  # the crosswalk's mode belongs to another category
    context = ctx.text(entry, "context", what, optional=True) if "context" in entry else (
        cam.context if cam else None)
    extra = [f.lower() for f in ctx.texts(entry, "forms", what)]
    do_inflect = entry.get("inflect", True)
    if not isinstance(do_inflect, bool):
        raise ctx.fail(f"{what}: inflect must be true or false", entry)
    base = inflect(lemma, pos) if do_inflect else (lemma,)
    forms = tuple(dict.fromkeys([*base, *extra]))
    return Trigger(lemma, pos, forms, code, event_type, mode, context)


def read_cue(ctx: Ctx, raw: Any, where: Any) -> Cue:
    entry = ctx.mapping(raw, "cue", where)
    ctx.keys(entry, ("lemma", "pos", "forms", "stance", "frame", "inverts"), ("lemma", "stance"), "cue")
    lemma = " ".join(ctx.text(entry, "lemma", "cue").lower().split())
    what = f"cue {shorten(lemma)}"
    pos = entry.get("pos", "verb")
    if pos not in CUE_POS:
        raise ctx.fail(f"{what}: pos must be one of {', '.join(CUE_POS)}, got {shorten(pos)}", entry)
    stance = ctx.text(entry, "stance", what)
    extra = [f.lower() for f in ctx.texts(entry, "forms", what)]
    flags = {key: entry.get(key, False) for key in ("frame", "inverts")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise ctx.fail(f"{what}: {key} must be true or false, got {shorten(value)}", entry)
    return Cue(lemma, pos, tuple(dict.fromkeys([*inflect(lemma, pos), *extra])), stance, **flags)


def read_cameo(ctx: Ctx, section: Any) -> dict[str, CameoCode]:
    section = ctx.mapping(section, "'cameo'", section)
    out = {}
    for code, row in section.items():
        row = ctx.mapping(row, f"cameo {shorten(code)}", key_line(section, code))
        ctx.keys(row, ("name", "goldstein", "event_type", "mode", "context", "via"),
                 ("name",), f"cameo {shorten(code)}")
        code = ctx.code(str(code) if isinstance(code, str) else code, "cameo", row, _CAMEO_RE)
        g = row.get("goldstein")
        if not isinstance(g, (int, float)) or isinstance(g, bool):
            raise ctx.fail(f"cameo {shorten(code)}: goldstein must be a number", row)
        out[code] = CameoCode(code, row["name"], float(g), row.get("event_type"),
                              row.get("mode"), row.get("context"))
    return out


def read_plover(ctx: Ctx, section: Any) -> dict[tuple[str, str], PloverClass]:
    out = {}
    for row in ctx.seq(section, "'plover'", section):
        row = ctx.mapping(row, "plover row", row if line_of(row) else section)
        ctx.keys(row, ("event_type", "mode", "quad_class", "quad_name", "score",
                       "requires_recipient", "meaning"), ("event_type", "quad_class"), "plover row")
        mode = row.get("mode") or ""
        out[(row["event_type"], mode)] = PloverClass(row["event_type"], mode, int(row["quad_class"]),
                                                     float(row["score"]), bool(row.get("requires_recipient")))
    return out


# The rules of the `rules` section and the shape of each (see CodingRules).
_CATEGORY_SETS = ("benefactive", "object_is_recipient", "exchanges", "material_events", "alignment_events",
                  "endorsing_events", "self_targeted", "host_targeted", "agentless_events", "content_targeted")
_WORD_SETS = ("alleging", "content_breaks")
_SECTOR_SETS = ("context_country_sectors", "context_country_before")
RULES = frozenset({"stance_status", "subsuming", "intent_cameo", "stance_on_acts", "material_categories", "joint_acts",
                   *_CATEGORY_SETS, *_WORD_SETS, *_SECTOR_SETS})
RELATION_STATUSES = STATUS_PRECEDENCE  # defined once, from the data (accord.labels)
STANCE_ON_ACTS = ("only", "or")
# rule -> (its keys are PLOVER categories, the values allowed (None: a CAMEO code), the problem otherwise)
_CHECKED_MAPS = {
    "stance_status": (False, RELATION_STATUSES, f"status must be one of {', '.join(RELATION_STATUSES)}"),
    "intent_cameo": (True, None, "not a known CAMEO code"),
    "stance_on_acts": (True, STANCE_ON_ACTS, f"must be one of {', '.join(STANCE_ON_ACTS)}"),
}


def read_rules(ctx: Ctx, section: Any, cameo: Mapping[str, CameoCode],
                plover: Mapping[tuple[str, str], PloverClass]) -> dict[str, Any]:
    """The coding rules a file gives, by name (see :class:`~accord.lexicon.model.CodingRules`)."""
    section = ctx.mapping(section, "'rules'", section)
    categories = {event_type for event_type, _ in plover}
    out: dict[str, Any] = {}

    def words(value: Any, what: str, where: Any) -> list[str]:
        items = ctx.seq(value, what, where)
        if not all(isinstance(w, str) and w.strip() for w in items):
            raise ctx.fail(f"{what}: every item must be a non-empty string", where)
        return [w.strip() for w in items]

    def category(value: Any, what: str, where: Any) -> str:
        if value not in categories:
            raise ctx.fail(f"{what}: unknown PLOVER category {shorten(value)}", where)
        return value

    def text_map(value: Any, what: str, where: Any) -> dict[str, str]:
        mapping = ctx.mapping(value, what, where)
        for k, v in mapping.items():
            if not isinstance(k, str) or not isinstance(v, str) or not v.strip():
                raise ctx.fail(f"{what}: {shorten(k)} must map to a non-empty string, got {shorten(v)}",
                               key_line(mapping, k) or where)
        return dict(mapping)

    for name, value in section.items():
        where = key_line(section, name) or section
        what = f"rule {shorten(name)}"
        if name not in RULES:
            raise ctx.fail(f"unknown rule {shorten(name)} (expected one of {', '.join(sorted(RULES))})", where)
        if name in _CATEGORY_SETS:
            items = words(value, what, where)
            out[name] = tuple(category(c, what, where) for c in items) if name == "material_events" \
                else frozenset(category(c, what, where) for c in items)
        elif name in _WORD_SETS:
            out[name] = frozenset(w.lower() for w in words(value, what, where))
        elif name in _SECTOR_SETS:
            out[name] = frozenset(w.upper() for w in words(value, what, where))
        elif name in _CHECKED_MAPS:
            keys_are_categories, allowed, problem = _CHECKED_MAPS[name]
            mapping = text_map(value, what, where)
            for k, v in mapping.items():
                line = key_line(value, k) or where
                if keys_are_categories:
                    category(k, what, line)
                if v not in (cameo if allowed is None else allowed):
                    raise ctx.fail(f"{what}: {shorten(k)}: {problem}, got {shorten(v)}", line)
            out[name] = MappingProxyType(mapping)
        elif name == "subsuming":
            outer = ctx.mapping(value, what, where)
            rules = {}
            for k, inner in outer.items():
                line = key_line(outer, k) or where
                category(k, what, line)
                inner = text_map(inner if inner is not None else {}, f"{what} {shorten(k)}", line)
                for c in inner:
                    category(c, f"{what} {shorten(k)}", key_line(outer[k], c) or line)
                rules[k] = MappingProxyType(inner)
            out[name] = MappingProxyType(rules)
        elif name == "joint_acts":
            outer = ctx.mapping(value, what, where)
            out[name] = MappingProxyType({
                category(k, what, key_line(outer, k) or where):
                    frozenset(w.lower() for w in words(v if v is not None else [], f"{what} {k!r}",
                                                       key_line(outer, k) or where))
                for k, v in outer.items()})
        else:  # material_categories: category -> word stems
            outer = ctx.mapping(value, what, where)
            out[name] = MappingProxyType({str(k): tuple(w.lower() for w in words(v, f"{what} {shorten(k)}",
                                                                                key_line(outer, k) or where))
                                          for k, v in outer.items()})
    return out
