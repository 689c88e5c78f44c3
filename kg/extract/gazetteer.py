"""Gazetteers: data files → lookup tables.

The curated YAML files in ``kg/data`` (states, groups, the PLOVER event lexicon, actor
sectors, official titles) and the converted CAMEO event lexicon (plover_cameo.json) are loaded
once per process and turned into frozen records and normalised lookup tables. Nothing here needs spaCy.

Name matching (``lookup_state``, ``lookup_seat``, ``lookup_body``, ``lookup_group``) folds
what news text varies on and keeps what it does not:

* case is ignored for names of four or more characters, kept for short ones
  ("US" is the United States, "us" is not; "IS" is not "Is");
* periods, apostrophes (straight or curly) and accents are optional
  ("U.S." = "US", "Sana'a" = "Sanaa", "Côte d'Ivoire" = "Cote d'Ivoire");
* hyphens, dashes and runs of spaces are the same ("al-Qaeda" = "al Qaeda");
* a leading "the" is dropped ("the Kremlin", "The Hague"), and a trailing possessive
  is retried without its "'s".

A ``StateInfo`` is a ``str`` equal to its ISO code with the state's names attached, so
callers that only need the code can use what ``lookup_state`` returns directly.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

import pycountry
import yaml

from kg.vocab import INTERACTIONS, QUAD_CLASSES

DATA_PACKAGE = "kg.data"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same result, faster
ARMED_GROUP = "ArmedGroup"
INTERNATIONAL_ORGANIZATION = "InternationalOrganization"
GROUP_TYPES = (ARMED_GROUP, INTERNATIONAL_ORGANIZATION)
PLOVER_TYPES = INTERACTIONS  # the sixteen event types, in PLOVER order (kg.vocab)
# plover.yaml spells each quad class in snake case: VerbalCooperation → verbal_cooperation
QUADS = tuple(re.sub(r"(?<!^)(?=[A-Z])", "_", quad).lower() for quad in QUAD_CLASSES)
USER_ASSIGNED_CODES = frozenset({"XKX"})  # Kosovo: not in ISO 3166-1, used by the EU and IMF


class GazetteerError(ValueError):
    """A data file is malformed (raised at load time, naming the file and the entry)."""


# ------------------------------------------------------------------------------------- normalisation

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u02bb": "'", "\u00b4": "'", "`": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
        "\u0131": "i",  # dotless i (Turkish)
    }
)  # fmt: skip
_DROP = re.compile(r"[.'\"]")
_SPACE = re.compile(r"[\s\-,()/]+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(.+?)(?:['\u2019]s|s['\u2019])$")


@functools.lru_cache(maxsize=65536)  # the same words are folded again and again (every capitalized token)
def fold(text: str) -> str:
    """Spelling-insensitive form of a name, before the case rule (see the module docstring)."""
    t = unicodedata.normalize("NFKD", str(text).translate(_CHAR_MAP))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("&", " and ")
    t = _DROP.sub("", t)
    t = _SPACE.sub(" ", t).strip()
    stripped = _LEADING_THE.sub("", t)
    return stripped or t


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Lookup key of a name: ``fold``, then case-folded when it has four or more characters."""
    t = fold(text)
    return t.casefold() if len(t.replace(" ", "")) >= 4 else t


def _candidates(text: str) -> Iterator[str]:
    text = " ".join(str(text).split())
    yield name_key(text)
    m = _POSSESSIVE.match(text)
    if m:
        yield name_key(m.group(1))


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GazetteerError(f"{where}: expected a list of strings, got {value!r}")


def _dedupe(items: Any, *, drop: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Unique strings in order; also drops variants that only differ by case/spelling from ``drop``."""
    seen = {name_key(d) for d in drop}
    out = []
    for s in items:
        s = " ".join(str(s).split())
        k = name_key(s)
        if s and k not in seen:
            seen.add(k)
            out.append(s)
    return tuple(out)


def _unique(items: Any) -> tuple[str, ...]:
    """Unique strings in order (exact spelling kept: titles list their variants on purpose)."""
    return tuple(dict.fromkeys(" ".join(str(s).split()) for s in items))


@functools.cache
def _load(filename: str) -> Any:
    try:
        with resources.files(DATA_PACKAGE).joinpath(filename).open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise GazetteerError(f"data file {DATA_PACKAGE}/{filename} is missing") from exc
    except yaml.YAMLError as exc:
        raise GazetteerError(f"data file {DATA_PACKAGE}/{filename} is not valid YAML: {exc}") from exc


def data_file(filename: str) -> Any:
    """A YAML data file of ``kg/data`` (read once per process), or a GazetteerError naming it."""
    return _load(filename)


# ------------------------------------------------------------------------------------------- states


@dataclass(frozen=True)
class BodyInfo:
    """A government body used as a metonym for its state ("the Kremlin", "the Pentagon")."""

    name: str
    aliases: tuple[str, ...] = ()
    sector: str | None = None


@dataclass(frozen=True, eq=False)
class StateInfo(str):
    """One state. It *is* its ISO 3166-1 alpha-3 code (a ``str``), with the state's names attached.

    ``lookup_state("Pakistanis") == "PAK"``; ``f"state/{info}"``, ``json.dumps(info)`` and
    ``states()[info]`` all see the code.
    """

    iso: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()  # canonical body names; details in ``body_info``
    weak_aliases: tuple[str, ...] = ()
    ambiguous_demonyms: tuple[str, ...] = ()
    ambiguous_seats: tuple[str, ...] = ()
    body_info: tuple[BodyInfo, ...] = ()
    ambiguous: bool = False  # the bare name is also a person name, common word or other place
    cities: tuple[str, ...] = ()  # its cities named like another state's seat ("Tripoli" in Lebanon)

    def __new__(cls, iso: str, *args: Any, **kwargs: Any) -> StateInfo:
        return super().__new__(cls, iso)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_state, (str(self), self.__dict__))

    @property
    def names(self) -> tuple[str, ...]:
        """Preferred name first, then every alias."""
        return (self.name, *self.aliases)


def _rebuild_state(iso: str, fields: dict[str, Any]) -> StateInfo:
    return StateInfo(**fields)


def _body(raw: Any, where: str) -> BodyInfo:
    if isinstance(raw, str):
        return BodyInfo(raw)
    if isinstance(raw, dict) and isinstance(raw.get("name"), str):
        unknown = set(raw) - {"name", "aliases", "sector"}
        if unknown:
            raise GazetteerError(f"{where}: unknown body keys {sorted(unknown)}")
        name = raw["name"]
        return BodyInfo(name, _dedupe(_strs(raw.get("aliases"), where), drop=(name,)), raw.get("sector"))
    raise GazetteerError(f"{where}: a body is a name or a mapping with 'name', got {raw!r}")


_STATE_KEYS = frozenset(
    {
        "name",
        "aliases",
        "weak_aliases",
        "demonyms",
        "ambiguous_demonyms",
        "seats",
        "ambiguous_seats",
        "bodies",
        "ambiguous",
        "cities",
    }
)


@functools.cache
def states() -> dict[str, StateInfo]:
    """ISO3 → StateInfo for every state in states.yaml, with pycountry's names merged into ``aliases``."""
    raw = _load("states.yaml")
    if not isinstance(raw, dict):
        raise GazetteerError("states.yaml: expected a mapping keyed by ISO3 code")
    out: dict[str, StateInfo] = {}
    for iso, spec in raw.items():
        where = f"states.yaml:{iso}"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise GazetteerError(f"{where}: expected a mapping with a 'name'")
        unknown = set(spec) - _STATE_KEYS
        if unknown:
            raise GazetteerError(f"{where}: unknown keys {sorted(unknown)}")
        name = spec["name"]
        official: list[str] = []
        country = pycountry.countries.get(alpha_3=iso)
        if country is not None:
            official = [getattr(country, a, None) or "" for a in ("name", "official_name", "common_name")]
        elif iso not in USER_ASSIGNED_CODES:
            raise GazetteerError(f"{where}: {iso!r} is not an ISO 3166-1 alpha-3 code")
        bodies = tuple(_body(b, f"{where}.bodies") for b in (spec.get("bodies") or ()))
        out[iso] = StateInfo(
            iso=iso,
            name=name,
            aliases=_dedupe([*_strs(spec.get("aliases"), where), *(o for o in official if o)], drop=(name,)),
            demonyms=_dedupe(_strs(spec.get("demonyms"), where)),
            seats=_dedupe(_strs(spec.get("seats"), where)),
            bodies=tuple(b.name for b in bodies),
            weak_aliases=_dedupe(_strs(spec.get("weak_aliases"), where)),
            ambiguous_demonyms=_dedupe(_strs(spec.get("ambiguous_demonyms"), where)),
            ambiguous_seats=_dedupe(_strs(spec.get("ambiguous_seats"), where)),
            body_info=bodies,
            ambiguous=bool(spec.get("ambiguous", False)),
            cities=_dedupe(_strs(spec.get("cities"), where)),
        )
    return out


# ------------------------------------------------------------------------------------------- groups


@dataclass(frozen=True)
class GroupInfo:
    """An armed group or an international organisation."""

    name: str
    type: str  # ArmedGroup | InternationalOrganization
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    based_in: str | None = None
    part_of: str | None = None
    sanctuary: str | None = None
    seats: tuple[str, ...] = ()  # cities named for the organization ("Brussels" for the EU)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


_GROUP_KEYS = frozenset({"name", "type", "aliases", "weak_aliases", "based_in", "part_of", "sanctuary", "seats"})


@functools.cache
def _groups() -> tuple[GroupInfo, ...]:
    raw = _load("groups.yaml")
    if not isinstance(raw, list):
        raise GazetteerError("groups.yaml: expected a list of entries")
    out = []
    for i, spec in enumerate(raw):
        where = f"groups.yaml[{i}]"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise GazetteerError(f"{where}: expected a mapping with a 'name'")
        where = f"groups.yaml:{spec['name']}"
        unknown = set(spec) - _GROUP_KEYS
        if unknown:
            raise GazetteerError(f"{where}: unknown keys {sorted(unknown)}")
        if spec.get("type") not in GROUP_TYPES:
            raise GazetteerError(
                f"{where}: type must be one of {', '.join(GROUP_TYPES)}, got {spec.get('type')!r}"
            )
        name = spec["name"]
        aliases = _dedupe(_strs(spec.get("aliases"), where), drop=(name,))
        out.append(
            GroupInfo(
                name=name,
                type=spec["type"],
                aliases=aliases,
                weak_aliases=_dedupe(_strs(spec.get("weak_aliases"), where), drop=(name, *aliases)),
                based_in=spec.get("based_in"),
                part_of=spec.get("part_of"),
                sanctuary=spec.get("sanctuary"),
                seats=_dedupe(_strs(spec.get("seats"), where)),
            )
        )
    return tuple(out)


def groups() -> list[GroupInfo]:
    """Every entry of groups.yaml, in file order."""
    return list(_groups())


# ------------------------------------------------------------------------------------ lookup tables


@dataclass(frozen=True)
class SurfaceForm:
    """One name the extractor may meet in text, and what it denotes.

    ``kind`` is one of: state, weak_state, demonym, ambiguous_demonym, seat, ambiguous_seat,
    body, group, weak_group. ``ref`` is an ISO3 code (states, demonyms, seats), an
    ``(iso, body name)`` pair (bodies) or a group name (groups).
    """

    text: str
    kind: str
    ref: Any


def all_surface_forms() -> list[SurfaceForm]:
    """Every name in the gazetteers with its kind and referent (for building phrase matchers)."""
    return list(_surface_forms())


@functools.cache
def _surface_forms() -> tuple[SurfaceForm, ...]:
    out: list[SurfaceForm] = []
    for iso, s in states().items():
        out += [SurfaceForm(n, "state", iso) for n in s.names]
        out += [SurfaceForm(n, "weak_state", iso) for n in s.weak_aliases]
        out += [SurfaceForm(n, "demonym", iso) for n in s.demonyms]
        out += [SurfaceForm(n, "ambiguous_demonym", iso) for n in s.ambiguous_demonyms]
        out += [SurfaceForm(n, "seat", iso) for n in s.seats]
        out += [SurfaceForm(n, "ambiguous_seat", iso) for n in s.ambiguous_seats]
        for b in s.body_info:
            out += [SurfaceForm(n, "body", (iso, b.name)) for n in (b.name, *b.aliases)]
    for g in _groups():
        out += [SurfaceForm(n, "group", g.name) for n in g.names]
        out += [SurfaceForm(n, "weak_group", g.name) for n in g.weak_aliases]
    return tuple(out)


def _index(kinds: tuple[str, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for form in _surface_forms():
        if form.kind in kinds:
            table.setdefault(name_key(form.text), form.ref)
    return table


@functools.cache
def _tables() -> dict[str, dict[str, Any]]:
    return {
        "state": _index(("state", "demonym")),
        "weak_state": _index(("weak_state",)),
        "seat": _index(("seat",)),
        "ambiguous_seat": _index(("ambiguous_seat",)),
        "body": _index(("body",)),
        "group": _index(("group",)),
        "weak_group": _index(("weak_group",)),
    }


def _find(text: str | None, *tables: str) -> Any:
    if not text or not str(text).strip():
        return None
    t = _tables()
    for key in _candidates(str(text)):
        for name in tables:
            hit = t[name].get(key)
            if hit is not None:
                return hit
    return None


def lookup_state(name: str | None, *, weak: bool = False) -> StateInfo | None:
    """The state a name, alias or demonym denotes ("U.S.", "Pakistanis", "the DRC"), or None.

    Ambiguous demonyms ("Korean") never resolve; weak aliases ("Korea", "CAR") only with ``weak``.
    """
    iso = _find(name, "state", *(("weak_state",) if weak else ()))
    return states()[iso] if iso else None


def lookup_seat(name: str | None, *, ambiguous: bool = False) -> StateInfo | None:
    """The state whose capital or seat of government this is ("Islamabad" → PAK), or None.

    Seats that are also common words, person names or other places ("Victoria", "Kingston",
    "Brussels") resolve only with ``ambiguous``.
    """
    iso = _find(name, "seat", *(("ambiguous_seat",) if ambiguous else ()))
    return states()[iso] if iso else None


def lookup_body(name: str | None) -> tuple[str, str] | None:
    """``(iso, canonical body name)`` for a government body ("the Kremlin" → ("RUS", "Kremlin")), or None."""
    return _find(name, "body")


def lookup_body_info(name: str | None) -> tuple[str, BodyInfo] | None:
    """Like ``lookup_body`` but with the body's record (aliases, sector)."""
    hit = lookup_body(name)
    if hit is None:
        return None
    iso, body = hit
    return iso, next(b for b in states()[iso].body_info if b.name == body)


@functools.cache
def _seat_tables() -> tuple[dict[str, GroupInfo], dict[str, tuple[str, ...]]]:
    organizations = {name_key(seat): g for g in _groups() for seat in g.seats}
    cities: dict[str, tuple[str, ...]] = {}
    for iso, s in states().items():
        for city in s.cities:
            cities[name_key(city)] = (*cities.get(name_key(city), ()), iso)
    return organizations, cities


def organization_seat(name: str | None) -> GroupInfo | None:
    """The organization a city is the seat of ("Brussels" → the European Union), or None."""
    return _seat_tables()[0].get(name_key(name)) if name else None


def city_states(name: str | None) -> tuple[str, ...]:
    """ISO codes of the states with a city of this name other than a state's seat ("Tripoli" → LBN)."""
    return _seat_tables()[1].get(name_key(name), ()) if name else ()


def known_name(word: str) -> bool:
    """Is ``word`` a name the gazetteer knows: a state, seat, government body or group, weak forms too?"""
    return _find(word, "state", "weak_state", "seat", "ambiguous_seat", "body", "group", "weak_group") is not None


def spelling_exceptions() -> tuple[str, ...]:
    """Words listed as peoples or languages of their own, never misspelled states (spelling.yaml)."""
    return _strs((_load("spelling.yaml") or {}).get("not_misspellings"), "spelling.yaml")


@functools.cache
def _group_by_name() -> dict[str, GroupInfo]:
    return {g.name: g for g in _groups()}


def lookup_group(name: str | None, *, weak: bool = False) -> GroupInfo | None:
    """The armed group or organisation a name or alias denotes ("LeT", "Daesh", "U.N."), or None.

    Weak aliases ("IS", "AU", "Quad") resolve only with ``weak``.
    """
    hit = _find(name, "group", *(("weak_group",) if weak else ()))
    return _group_by_name()[hit] if hit else None


def group(name: str) -> GroupInfo:
    """The entry with exactly this preferred name (KeyError if there is none)."""
    return _group_by_name()[name]


# ------------------------------------------------------------------------------------------- PLOVER


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type with the words that trigger it (hand-written and converted, hand first)."""

    name: str
    quad: str
    definition: str
    verbs: tuple[str, ...]
    phrases: tuple[str, ...]
    nouns: Mapping[str, tuple[str, ...]] = field(hash=False)  # noun → prepositions introducing the target
    hand_verbs: tuple[str, ...] = ()  # the verbs of plover.yaml alone
    hand_nouns: tuple[str, ...] = ()  # the nouns of plover.yaml alone


@dataclass(frozen=True)
class PloverLexicon:
    """plover.yaml merged with the converted CAMEO lexicon (plover_cameo.json), typed.

    ``types`` is ordered as PLOVER_TYPES. A verb or noun of plover.yaml keeps its hand-written type;
    converted verbs and nouns fill in the rest. ``cameo`` is the converted file's pattern data
    (``phrasal`` verbs and ``blocks`` of patterns) for the matcher in ``kg.extract.lexicon``."""

    types: Mapping[str, EventType] = field(hash=False)
    negation_cues: tuple[str, ...]
    hypothetical_cues: tuple[str, ...]
    future_cues: tuple[str, ...]
    cameo: Mapping[str, Any] = field(hash=False, default_factory=dict)

    def __getitem__(self, name: str) -> EventType:
        return self.types[name]

    def __iter__(self) -> Iterator[EventType]:
        return iter(self.types.values())


CAMEO_LEXICON = "plover_cameo.json"


@functools.cache
def cameo_lexicon() -> Mapping[str, Any]:
    """The converted CAMEO lexicon (``scripts/build_lexicon.py`` → plover_cameo.json), as read."""
    try:
        with resources.files(DATA_PACKAGE).joinpath(CAMEO_LEXICON).open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise GazetteerError(f"data file {DATA_PACKAGE}/{CAMEO_LEXICON} is missing") from exc
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"data file {DATA_PACKAGE}/{CAMEO_LEXICON} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(k), t) for k, t in
                                             (("verbs", dict), ("nouns", dict), ("blocks", list), ("phrasal", list))):  # fmt: skip
        raise GazetteerError(f"{CAMEO_LEXICON}: expected verbs, nouns, phrasal and blocks")
    unknown = {t for t in data["verbs"].values()} | {n[0] for n in data["nouns"].values()}
    unknown -= set(PLOVER_TYPES)
    if unknown:
        raise GazetteerError(f"{CAMEO_LEXICON}: unknown event types {sorted(unknown)}")
    return MappingProxyType(data)


@functools.cache
def plover_lexicon() -> PloverLexicon:
    """The PLOVER lexicon: plover.yaml (hand-written, cited to the PLOVER manual) merged with the converted
    CAMEO lexicon; hand entries win."""
    raw = _load("plover.yaml")
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
        raise GazetteerError("plover.yaml: expected a mapping with 'types'")
    cameo = cameo_lexicon()
    hand: dict[str, dict[str, Any]] = {}
    for name in PLOVER_TYPES:
        spec = raw["types"].get(name)
        where = f"plover.yaml:{name}"
        if not isinstance(spec, dict):
            raise GazetteerError(f"{where}: missing")
        if spec.get("quad") not in QUADS:
            raise GazetteerError(f"{where}: quad must be one of {', '.join(QUADS)}")
        nouns_raw = spec.get("nouns") or {}
        if not isinstance(nouns_raw, dict):
            raise GazetteerError(f"{where}.nouns: expected noun → [prepositions]")
        hand[name] = {
            "spec": spec,
            "verbs": _strs(spec.get("verbs"), f"{where}.verbs"),
            "phrases": _strs(spec.get("phrases"), f"{where}.phrases"),
            "nouns": {str(n): _strs(p, f"{where}.nouns.{n}") for n, p in nouns_raw.items()},
        }
    extra = set(raw["types"]) - set(PLOVER_TYPES)
    if extra:
        raise GazetteerError(f"plover.yaml: unknown event types {sorted(extra)}")
    hand_verbs = {v.lower() for h in hand.values() for v in h["verbs"]}
    hand_nouns = {n.lower() for h in hand.values() for n in h["nouns"]}
    types: dict[str, EventType] = {}
    for name, h in hand.items():
        verbs = h["verbs"] + tuple(v for v, t in cameo["verbs"].items() if t == name and v not in hand_verbs)
        nouns = dict(h["nouns"])
        nouns.update({n: tuple(p) for n, (t, p) in cameo["nouns"].items() if t == name and n not in hand_nouns})
        types[name] = EventType(
            name=name,
            quad=h["spec"]["quad"],
            definition=" ".join(str(h["spec"].get("definition", "")).split()),
            verbs=verbs,
            phrases=h["phrases"],
            nouns=MappingProxyType(nouns),
            hand_verbs=h["verbs"],
            hand_nouns=tuple(h["nouns"]),
        )
    return PloverLexicon(
        types=MappingProxyType(types),
        negation_cues=_strs(raw.get("negation_cues"), "plover.yaml:negation_cues"),
        hypothetical_cues=_strs(raw.get("hypothetical_cues"), "plover.yaml:hypothetical_cues"),
        future_cues=_strs(raw.get("future_cues"), "plover.yaml:future_cues"),
        cameo=cameo,
    )


# ------------------------------------------------------------------------------------------ sectors


@functools.cache
def _sector_table() -> dict[str, str]:
    raw = _load("sectors.yaml")
    if not isinstance(raw, dict):
        raise GazetteerError("sectors.yaml: expected a mapping code → {label, heads}")
    heads: dict[str, str] = {}
    for code, spec in raw.items():
        where = f"sectors.yaml:{code}"
        if not re.fullmatch(r"[A-Z]{3}", str(code)) or not isinstance(spec, dict):
            raise GazetteerError(f"{where}: expected a three-letter code with {{label, heads}}")
        for h in _strs(spec.get("heads"), where):
            h = " ".join(h.lower().split())
            if heads.get(h, code) != code:
                raise GazetteerError(f"{where}: head {h!r} is already in {heads[h]}")
            heads[h] = code
    return heads


def sectors() -> dict[str, str]:
    """Lower-case actor head noun → sector code ("officials" → "GOV", "security forces" → "COP"); the
    label of each code in sectors.yaml documents it."""
    return dict(_sector_table())


# ------------------------------------------------------------------------------------------- titles


@dataclass(frozen=True)
class Titles:
    """titles.yaml, typed. Iterating yields every official title and abbreviation."""

    state_titles: tuple[str, ...]
    group_leader_titles: tuple[str, ...]
    abbreviations: Mapping[str, str] = field(hash=False)

    def __iter__(self) -> Iterator[str]:
        return iter(_unique([*self.state_titles, *self.group_leader_titles, *self.abbreviations,
                             *self.abbreviations.values()]))  # fmt: skip


@functools.cache
def titles() -> Titles:
    """titles.yaml as a Titles record."""
    raw = _load("titles.yaml")
    if not isinstance(raw, dict):
        raise GazetteerError("titles.yaml: expected a mapping")
    abbrev = raw.get("abbreviations") or {}
    if not isinstance(abbrev, dict):
        raise GazetteerError("titles.yaml:abbreviations: expected abbreviation → title")
    return Titles(
        state_titles=_unique(_strs(raw.get("state_titles"), "titles.yaml:state_titles")),
        group_leader_titles=_unique(_strs(raw.get("group_leader_titles"), "titles.yaml:group_leader_titles")),
        abbreviations=MappingProxyType({str(k): str(v) for k, v in abbrev.items()}),
    )


@functools.lru_cache(maxsize=4096)
def group_info(name: str):
    """The gazetteer record of a group by its preferred name (exact, fast), else by any alias."""
    try:
        return group(name)
    except (KeyError, AttributeError):
        return lookup_group(name)
