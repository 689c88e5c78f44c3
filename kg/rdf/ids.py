"""A state's ISO 3166-1 alpha-3 code → the codes other data sets join on (ISO alpha-2 and numeric / UN M49,
Gleditsch–Ward, CAMEO), each from a citable source and written as the gkg:countryCode properties.

- ISO 3166-1 alpha-2 and numeric: pycountry (a runtime dependency), asked when needed;
- Gleditsch–Ward numbers: ``kg/data/gw_codes.tsv`` (from country_converter, GPL-3.0);
- CAMEO country codes: ``kg/data/cameo_countries.tsv`` (from PETRARCH2's Phoenix dictionary, MIT).

Both files are written by ``scripts/build_ids.py``; see ``kg/data/LICENSES.md``. A code the source does not
give is ``None`` (Kosovo has no ISO alpha-2 or numeric code, Palestine no Gleditsch–Ward number).

>>> state_ids("PAK")
StateIds(alpha2='PK', numeric='586', gw=770, cameo='PAK')
>>> state_ids("XKX")
StateIds(alpha2=None, numeric=None, gw=347, cameo='KSV')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import pycountry

__all__ = ["StateIds", "state_ids"]

_DATA = "kg.data"


@dataclass(frozen=True)
class StateIds:
    """The outside codes of one state; ``None`` where the source gives none."""

    alpha2: str | None = None
    numeric: str | None = None
    gw: int | None = None
    cameo: str | None = None


def _table(name: str) -> dict[str, str]:
    """A two-column data file (``ISO3 TAB value``, ``#`` comment lines) → dict."""
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {iso: value for iso, value in rows}


@functools.cache
def _gw() -> dict[str, str]:
    return _table("gw_codes.tsv")


@functools.cache
def _cameo() -> dict[str, str]:
    return _table("cameo_countries.tsv")


@functools.cache
def state_ids(iso3: str) -> StateIds:
    """The codes of the state whose ISO 3166-1 alpha-3 code is ``iso3`` (all ``None`` for an unknown code)."""
    country = pycountry.countries.get(alpha_3=iso3)
    gw = _gw().get(iso3)
    return StateIds(
        alpha2=country.alpha_2 if country is not None else None,
        numeric=country.numeric if country is not None else None,
        gw=int(gw) if gw is not None else None,
        cameo=_cameo().get(iso3),
    )
