"""A person's name and a document date → the state office the actor dictionary gives them then.

``kg/data/officials.tsv`` (built by ``scripts/build_officials.py`` from PETRARCH2's Phoenix country
actor dictionary, MIT) lists about 18,000 people with dated roles: ``[PAKGOV 901106-930418]`` is a
Pakistani government role from 6 Nov 1990 to 18 Apr 1993. It is read once per process into a dict
from folded name to the people of that name. Nothing here needs spaCy.

The role at a date follows PETRARCH's reading: the dated roles that cover the date, else the undated
ones (a person's standing outside every dated office, usually ``ELI``, an elite out of office). A role
is an office of the state when its sector is a state organ: government (``GOV``, with a portfolio such
as ``GOVBUS``), military (``MIL``), police (``COP``), judiciary (``JUD``), legislature (``LEG``) or
intelligence (``SPY``). Elites, opposition, rebels and parties hold no office, so they place no one.
The dictionary was compiled in January 2014: a role still open then is read as still open.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from kg.extract import gazetteer as gz
from kg.extract import names
from kg.vocab import OFFICE_SECTORS  # sectors whose roles are state offices

_OPEN_START, _OPEN_END = 0, 99_999_999


@dataclass(frozen=True)
class Role:
    iso: str
    sector: str  # "GOV", "GOVBUS", "MIL", "ELI", ... ("-" when the code has none)
    start: int  # YYYYMMDD; 0 = open
    end: int  # YYYYMMDD; 99999999 = open
    dated: bool

    @property
    def office(self) -> bool:
        return self.sector.startswith(OFFICE_SECTORS)

    def covers(self, day: int) -> bool:
        return self.start <= day <= self.end


def _role(text: str) -> Role:
    iso, sector, start, end = text.split()
    dated = start != "-" or end != "-"
    return Role(iso, sector, int(start) if start != "-" else _OPEN_START, int(end) if end != "-" else _OPEN_END, dated)


@functools.cache
def table() -> dict[str, list[str]]:
    """Folded name → the roles (as written in the file) of every person the dictionary knows by that name.
    The roles are parsed only for the names a document asks about (``people``): loading stays cheap."""
    out: dict[str, list[str]] = {}
    text = resources.files(gz.DATA_PACKAGE).joinpath("officials.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        names, _, roles = line.partition("\t")
        for name in names.split("|"):
            out.setdefault(name, []).append(roles)
    return out


@functools.lru_cache(maxsize=4096)
def people(key: str) -> tuple[tuple[Role, ...], ...]:
    """The role lists of the people called ``key`` (a ``names.person_key``)."""
    return tuple(tuple(_role(r) for r in roles.split(";") if r) for roles in table().get(key, ()))


def _day(date: str | None) -> int | None:
    digits = (date or "").replace("-", "")[:8]
    return int(digits) if len(digits) == 8 and digits.isdigit() else None


def office_state(name: str, date: str | None) -> str | None:
    """The ISO code of the state whose office the dictionary gives ``name`` on ``date``, or None.

    With a date: the roles in force then (dated ones covering it, else the undated ones), which must be
    an office and all of one state. Without a date: a person all of whose roles, in office or not, are
    of one state, and who held an office there. None when the people of that name (the dictionary
    lists some twice, or two of them share it) hold offices of different states then, or for a name of
    fewer than two words.
    """
    key = names.person_key(name)
    found_people = people(key) if len(key.split()) >= 2 else ()
    if not found_people:
        return None
    day = _day(date)
    states: set[str] = set()
    for roles in found_people:
        if day is None:
            if len({r.iso for r in roles}) != 1 or not any(r.office for r in roles):
                return None
            states.add(roles[0].iso)
            continue
        now = [r for r in roles if r.dated and r.covers(day)] or [r for r in roles if not r.dated]
        states.update(r.iso for r in now if r.office)
    return states.pop() if len(states) == 1 else None


@functools.cache
def _by_family_name() -> dict[str, list[str]]:
    """Last word of a name → the dictionary's names ending in it (built on the first family-name lookup)."""
    out: dict[str, list[str]] = {}
    for key in table():
        out.setdefault(key.rsplit(" ", 1)[-1], []).append(key)
    return out


def surname_office(family: str, date: str | None) -> str | None:
    """The ISO code of the state whose office is held on ``date`` by the people the dictionary knows by this
    family name, when all who hold an office then hold it in one state ("Biden" → USA); else None. For a
    text that names a head only by the family name ("the Biden administration"); a name shared by officials
    of two states ("Khan") gives None."""
    key = names.person_key(family)
    if not key or " " in key or _day(date) is None:
        return None
    states = {office_state(full, date) for full in _by_family_name().get(key, ())} - {None}
    return states.pop() if len(states) == 1 else None
