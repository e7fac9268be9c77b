"""Load the lexicon: read the data files and an analyst's files, check them, merge them by key."""
from __future__ import annotations
import contextlib
import functools
import gc
import hashlib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence
from ..errors import InputError, LexiconError, shorten
from ..paths import DATA_DIR
from ..readers.files import check_file, read_file
from .fileformat import Map, key_line, line_of, parse_yaml, parse_json_lines
from .validate import (RULES, Ctx, SECTOR_RE, read_actor, read_agents, read_cameo, read_cue, read_not_actor,
                       read_plover, read_rules, read_trigger)
from .model import ActorEntry, CameoCode, CodingRules, Cue, Lexicon, PloverClass, Role, Trigger
from .inflect import inflect
from .variants import name_variants

# Sections an analyst file may carry; data files may also hold the tables.
EXTRA_SECTIONS = frozenset({"meta", "actors", "agents", "triggers", "cues", "modality",
                            "resources", "not_actors", "things", "rules"})
DATA_SECTIONS = EXTRA_SECTIONS | {"sectors", "cameo", "plover"}
#: An analyst's lexicon file larger than this is refused unread (the largest packaged file is ~5 MB).
MAX_FILE_BYTES = 64_000_000


# --------------------------------------------------------------------------- #
# Loading
# --------------------------------------------------------------------------- #
@dataclass
class _File:
    label: str      # path shown in errors
    name: str       # file name, for the version hash
    raw: bytes
    doc: dict
    generated: bool


def _read_file(label: str, name: str, raw: bytes, allowed: frozenset[str]) -> _File:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(label, f"not UTF-8 text: {exc}") from None
    doc = parse_json_lines(text) if '\n- {"' in text else None
    if doc is None:
        # a bare modality mapping has word lists, not sections, at the top
        doc = parse_yaml(label, text, None if Path(name).stem == "modality" else allowed)
    if doc is None:
        doc = Map()
        doc.line = 1
        doc.key_lines = {}
    if not isinstance(doc, dict):
        raise LexiconError(label, f"top level must be a mapping of sections, not "
                                  f"{type(doc).__name__}", line_of(doc, 1))
    # modality.yaml may be the bare mapping name -> words (no 'modality:' key).
    if Path(name).stem == "modality" and "modality" not in doc:
        wrapped = Map(modality=doc)
        wrapped.line = line_of(doc, 1)
        wrapped.key_lines = {"modality": wrapped.line}
        doc = wrapped
    for key in doc:
        if key not in allowed:
            raise LexiconError(label, f"unknown section {shorten(key)} (expected one of "
                                      f"{', '.join(sorted(allowed - {'meta'}))})",
                               key_line(doc, key))
    meta = doc.get("meta")
    generated = isinstance(meta, dict) and bool(meta.get("generated_by"))
    return _File(label, name, raw, doc, generated)


def _data_files() -> list[_File]:
    """The packaged data files, parsed; generated ones first, so that every hand-curated file overrides them."""
    stamps = tuple((item, item.stat().st_mtime_ns, item.stat().st_size)
                   for item in sorted(DATA_DIR.iterdir(), key=lambda p: p.name)
                   if item.name.endswith((".yaml", ".yml")) and item.is_file())
    return list(_parsed_data_files(stamps))


@functools.lru_cache(maxsize=1)
def _parsed_data_files(stamps: tuple[tuple[Path, int, int], ...]) -> tuple[_File, ...]:
    # Kept (about 80 MB) while the files are unchanged: each analyst lexicon is merged with the same
    # parse, which is two thirds of the load time; _build_lexicon only reads the parsed files.
    files = [_read_file(str(item), item.name, item.read_bytes(), DATA_SECTIONS) for item, _, _ in stamps]
    return tuple([f for f in files if f.generated] + [f for f in files if not f.generated])


def _paths(extra: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if extra is None:
        return []
    return [Path(extra)] if isinstance(extra, (str, Path)) else [Path(p) for p in extra]


def _refusal(exc: InputError) -> LexiconError:
    return LexiconError(exc.path, "lexicon file not found" if exc.problem == "no such file" else exc.problem)


def check_lexicon_files(extra: str | Path | Sequence[str | Path] | None) -> None:
    """Refuse analyst lexicon files that are not regular files of at most :data:`MAX_FILE_BYTES`, unread.

    For callers whose next step reads the files by other means (the pipeline cache hashes
    them): a FIFO, a shell's ``<(...)`` or an oversized file is named here instead of waited
    on or read whole. Raises :class:`~accord.errors.LexiconError` naming the file.
    """
    for path in _paths(extra):
        try:
            check_file(path, MAX_FILE_BYTES, "a lexicon file")
        except InputError as exc:
            raise _refusal(exc) from None


def read_lexicon_file(path: str | Path) -> bytes:
    """The bytes of an analyst's lexicon file, read once (see :func:`accord.readers.files.read_file`).

    Raises :class:`~accord.errors.LexiconError` for a missing, non-regular or oversized file.
    """
    try:
        return read_file(path, MAX_FILE_BYTES, "a lexicon file")
    except InputError as exc:
        raise _refusal(exc) from None


def _extra_files(extra: str | Path | Sequence[str | Path]) -> list[_File]:
    files = []
    for path in _paths(extra):
        f = _read_file(str(path), path.name, read_lexicon_file(path), EXTRA_SECTIONS)
        f.generated = False  # an analyst file always ranks as curated
        files.append(f)
    return files


def analyst_actors(path: str | Path) -> list[ActorEntry]:
    """The actor entries of an analyst's lexicon file as it gives them (not the capitals they derive).

    Raises :class:`accord.errors.LexiconError` for a missing or malformed file, as :func:`load_lexicon` does.
    """
    (f,) = _extra_files(path)
    if f.doc.get("actors") is None:
        return []
    ctx = Ctx(f.label)
    return [read_actor(ctx, raw, raw if line_of(raw) else f.doc["actors"])[0]
            for raw in ctx.seq(f.doc["actors"], "'actors'", f.doc["actors"])]


def _build_lexicon(files: list[_File]) -> Lexicon:
    # Code tables first: triggers are checked against them.
    cameo: dict[str, CameoCode] = {}
    plover: dict[tuple[str, str], PloverClass] = {}
    sectors: dict[str, str] = {}
    for f in files:
        ctx = Ctx(f.label)
        if "cameo" in f.doc:
            cameo.update(read_cameo(ctx, f.doc["cameo"]))
        if "plover" in f.doc:
            plover.update(read_plover(ctx, f.doc["plover"]))
        if "sectors" in f.doc:
            for k, v in ctx.mapping(f.doc["sectors"], "'sectors'", f.doc["sectors"]).items():
                sectors[ctx.code(k, "sector", f.doc["sectors"], SECTOR_RE)] = str(v)

    actors: dict[str, tuple[int, int, ActorEntry]] = {}
    agent_rows: dict[str, tuple[str, list[str] | None, int]] = {}
    triggers: dict[tuple[str, str], tuple[bool, int, Trigger]] = {}
    cues: dict[tuple[str, str], Cue] = {}
    modality: dict[str, list[str]] = {}
    resources: dict[str, list[str]] = {}
    things: dict[str, list[str]] = {}
    not_actors: dict[str, str] = {}
    rules: dict[str, object] = {}
    seq = 0
    for rank, f in enumerate(files):
        ctx = Ctx(f.label)
        doc = f.doc
        if doc.get("actors") is not None:  # a section holding only comments (a lexicon stub) is empty
            seen: set[str] = set()
            for raw in ctx.seq(doc["actors"], "'actors'", doc["actors"]):
                for a in read_actor(ctx, raw, raw if line_of(raw) else doc["actors"]):
                    if a.id in seen:
                        raise ctx.fail(f"duplicate actor id {a.id!r}", raw)
                    seen.add(a.id)
                    seq += 1
                    old = actors.get(a.id)
                    if old is not None and files[old[0]].generated and not f.generated:
                        a = _with_history(a, old[2])
                    actors[a.id] = (rank, seq, a)
        if "agents" in doc:
            for phrase, code, plural in read_agents(ctx, doc["agents"], sectors):
                agent_rows[phrase] = (code, plural, rank)
        if "triggers" in doc:
            seen_t: set[tuple[str, str]] = set()
            for raw in ctx.seq(doc["triggers"], "'triggers'", doc["triggers"]):
                t = read_trigger(ctx, raw, raw if line_of(raw) else doc["triggers"], cameo, plover)
                key = (t.lemma, t.pos)
                if key in seen_t:
                    raise ctx.fail(f"duplicate trigger {t.lemma!r} ({t.pos})", raw)
                seen_t.add(key)
                seq += 1
                old = triggers.get(key)
                # An override keeps the first position of its key among curated triggers.
                order = old[1] if old and not old[0] and not f.generated else seq
                triggers[key] = (f.generated, order, t)
        if "cues" in doc:
            seen_c: set[tuple[str, str]] = set()
            for raw in ctx.seq(doc["cues"], "'cues'", doc["cues"]):
                c = read_cue(ctx, raw, raw if line_of(raw) else doc["cues"])
                if (c.lemma, c.pos) in seen_c:
                    raise ctx.fail(f"duplicate cue {c.lemma!r} ({c.pos})", raw)
                seen_c.add((c.lemma, c.pos))
                cues[(c.lemma, c.pos)] = c
        if doc.get("not_actors") is not None:
            for raw in ctx.seq(doc["not_actors"], "'not_actors'", doc["not_actors"]):
                for form, kind in read_not_actor(ctx, raw, raw if line_of(raw) else doc["not_actors"]):
                    not_actors[form] = kind  # a later file overrides
        if "rules" in doc:
            rules.update(read_rules(ctx, doc["rules"], cameo, plover))  # a later file replaces a rule whole
        for sec, target in (("modality", modality), ("resources", resources), ("things", things)):
            if sec not in doc:
                continue
            section = ctx.mapping(doc[sec], f"{sec!r}", doc[sec])
            for name, words in section.items():
                where = key_line(section, name)
                words = ctx.seq(words, f"{sec} {name!r}", where)
                if not all(isinstance(w, str) and w.strip() for w in words):
                    raise ctx.fail(f"{sec} {name!r}: every item must be a non-empty string", where)
                bucket = target.setdefault(str(name), [])
                bucket.extend(w for w in words if w not in bucket)  # lists extend

    # A surface form belongs to the highest-precedence entry that lists it
    # (later file, then earlier entry); lower entries lose it.
    ordered = sorted(actors.values(), key=lambda x: (-x[0], x[1]))
    owner: dict[str, str] = {}
    for _, _, a in ordered:
        for form in (*a.names, *a.demonyms):
            owner.setdefault(form, a.id)
    final_actors = []
    for _, _, a in sorted(actors.values(), key=lambda x: (x[0], x[1])):
        names = tuple(n for n in a.names if owner[n] == a.id)
        dems = tuple(d for d in a.demonyms if owner[d] == a.id)
        if not names and not dems:
            continue  # every form is claimed by a curated entry
        if names != a.names or dems != a.demonyms:
            a = ActorEntry(a.id, a.code, a.kind, a.name, names, dems, a.country, a.roles)
        final_actors.append(a)
    final_actors = _with_variants(final_actors, owner, not_actors)

    # Plurals carry the rank of their singular's file: a curated "spokesman"
    # also recodes "spokesmen" listed in agents.yaml; within one rank an
    # explicit phrase wins over a derived plural.
    ranked: dict[str, tuple[str, int]] = {p: (code, r) for p, (code, _, r) in agent_rows.items()}
    for phrase in sorted(agent_rows):
        code, plural, rank = agent_rows[phrase]
        forms = plural if plural is not None else inflect(phrase, "noun")[1:]
        for form in forms:
            if form not in ranked or ranked[form][1] < rank:
                ranked[form] = (code, rank)
    agents = {p: code for p, (code, _) in ranked.items()}

    curated = sorted((v for v in triggers.values() if not v[0]), key=lambda v: v[1])
    derived = sorted((v for v in triggers.values() if v[0]), key=lambda v: v[1])
    missing = sorted(RULES - rules.keys())
    if missing:
        raise LexiconError(DATA_DIR / "coding_rules.yaml",
                           f"no lexicon file gives the coding rule(s) {', '.join(missing)}")
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.raw + b"\0")
    return Lexicon(
        actors=tuple(final_actors),
        agents=MappingProxyType(dict(sorted(agents.items()))),
        sectors=MappingProxyType(sectors),
        triggers=tuple(t for _, _, t in curated + derived),
        cues=tuple(cues.values()),
        modality=MappingProxyType({k: tuple(v) for k, v in modality.items()}),
        resources=MappingProxyType({k: tuple(v) for k, v in resources.items()}),
        things=MappingProxyType({k: tuple(v) for k, v in things.items()}),
        not_actors=MappingProxyType(dict(sorted(not_actors.items()))),
        cameo=MappingProxyType(cameo),
        plover=MappingProxyType(plover),
        rules=CodingRules(**rules),
        version=digest.hexdigest()[:12],
    )


def _with_history(entry: ActorEntry, generated: ActorEntry) -> ActorEntry:
    """A curated person with the earlier career its generated entry of the same id knows.

    The curated people files start around 2014; PETRARCH's dictionary (persons_petrarch.yaml)
    knows the offices before. The generated entry's dated roles that start before the curated
    entry's first dated role are put before it (cut at that start); any other role, and
    everything of a non-person, is the curated entry's alone.
    """
    if entry.kind != "person" or generated.kind != "person" or not generated.roles:
        return entry
    starts = [r.start for r in entry.roles if r.start is not None]
    if not starts:
        return entry
    first = min(starts)
    earlier = tuple(Role(r.code, r.start, min(r.end, first) if r.end else first, r.title)
                    for r in generated.roles if r.start is not None and r.start < first)
    if not earlier:
        return entry
    return ActorEntry(entry.id, entry.code, entry.kind, entry.name, entry.names, entry.demonyms,
                      entry.country, earlier + entry.roles)


def _with_variants(actors: list[ActorEntry], owner: dict[str, str], not_actors: Mapping[str, str]) -> list[ActorEntry]:
    """Persons with the other spellings of their names (see :mod:`.variants`).

    A variant never takes a form some entry lists itself, nor one that two
    persons would share, nor a name declared not an actor.
    """
    proposed: dict[str, list[str]] = {}
    claimed: dict[str, int] = {}
    for a in actors:
        if a.kind != "person":
            continue
        extra = [v for n in a.names for v in name_variants(n)]
        extra = [v for v in dict.fromkeys(extra) if v not in owner and v not in not_actors]
        if extra:
            proposed[a.id] = extra
            for v in extra:
                claimed[v] = claimed.get(v, 0) + 1
    out = []
    for a in actors:
        extra = [v for v in proposed.get(a.id, ()) if claimed[v] == 1]
        if extra:
            a = ActorEntry(a.id, a.code, a.kind, a.name, a.names + tuple(extra), a.demonyms, a.country, a.roles)
        out.append(a)
    return out


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while many long-lived objects are made.

    Reading the lexicon (or unpickling a cached pipeline) allocates hundreds of
    thousands of small objects that all stay alive; the collector would walk them
    over and over, which took more than half of the time. It is switched back on
    (if it was on) afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# the default lexicon when this process already holds it, read back from accord's pipeline cache
_PRELOADED: dict[str, Lexicon] = {}


def preload_default(lexicon: Lexicon) -> None:
    """Make ``lexicon`` this process's default lexicon, so that :func:`load_lexicon` parses no YAML.

    Only for a Lexicon built from exactly the packaged data files and this code (the
    pipeline cache's key covers both); :mod:`accord.pipeline.cache` calls it.
    """
    _PRELOADED["default"] = lexicon


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    with gc_paused():
        return _build_lexicon(_data_files())


def load_lexicon(extra: str | Path | Sequence[str | Path] | None = None) -> Lexicon:
    """Load accord's lexicon, optionally with analyst override files.

    ``extra`` is one path or a sequence of paths to YAML files with any of the
    sections ``actors``, ``agents``, ``triggers``, ``cues``, ``modality``,
    ``resources``, ``not_actors``, ``things`` (cue words of not-actor names), ``rules`` (the coding rules); they
    are applied in order after the packaged data and override it by key. The
    default lexicon (no ``extra``) is cached. Raises
    :class:`accord.errors.LexiconError` for a missing or malformed file.
    """
    if extra is None or (not isinstance(extra, (str, Path)) and len(extra) == 0):
        return _PRELOADED.get("default") or _default_lexicon()
    with gc_paused():
        analyst = _extra_files(extra)  # first: a bad analyst file fails before the packaged data is read
        return _build_lexicon(_data_files() + analyst)
