#!/usr/bin/env python3
"""Outside identifiers of the states in kg/data/states.yaml, from citable sources → two data files in kg/data.

Usage: build_ids.py [--country-data TSV] [--phoenix TXT] [--out DIR]

- ``gw_codes.tsv``: ISO alpha-3 → Gleditsch–Ward number (the ``gwno`` UCDP uses), read from the
  ``GWcode`` column of country_converter's ``country_data.tsv`` (country_converter 1.3.2, GPL-3.0, by
  Konstantin Stadler). The file is found in the installed package (``pip install country_converter==1.3.2``,
  part of the ``dev`` extra) without importing it: the package imports pandas at import time and fails
  under pandas 3. Only the two columns are kept; the output is offered under GPL-3.0, like its source,
  and the licence text is copied next to it (``gw_codes.LICENSE``).
- ``cameo_countries.tsv``: ISO alpha-3 → CAMEO country code, read from PETRARCH2's
  ``Phoenix.Countries.actors.txt`` (MIT; default ``../shared/resources/petrarch2/``). A country entry
  there lists names (``PAKISTAN_``, ``+ISLAMIC_REPUBLIC_OF_PAKISTAN``) and dated codes
  (``[USRARM <900823]``, ``[ARM >911221]``); the state's current code is its one bare three-letter code
  without an end date. A state is found by its names in states.yaml (preferred name, aliases, pycountry's
  names); a state with no entry or with entries that disagree gets no code, and is reported.

ISO 3166 alpha-2 and numeric codes are not copied: ``kg.rdf.ids`` reads them from pycountry (a runtime
dependency) when it is asked. No source here gives Wikidata items, so none are written.
Do not edit the outputs by hand: change this converter and rerun it. tests/test_ids.py reruns it and
checks every code against its source.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import phoenix  # noqa: E402
from build_officials import parse_code  # noqa: E402

from kg.extract import gazetteer as gz  # noqa: E402

DEFAULT_PHOENIX = ROOT.parent / "shared" / "resources" / "petrarch2" / "Phoenix.Countries.actors.txt"
DEFAULT_OUT = ROOT / "kg" / "data"
CC_VERSION = "1.3.2"
_BARE_CODE = re.compile(r"^[A-Z]{3}$")


def installed_country_data() -> tuple[Path, Path]:
    """Paths of ``country_data.tsv`` and the licence file in the installed country_converter, found from
    its distribution's file list (importing the package would need a pandas it cannot run under)."""
    try:
        dist = metadata.distribution("country_converter")
    except metadata.PackageNotFoundError:
        sys.exit(f"country_converter is not installed: pip install country_converter=={CC_VERSION} (or give --country-data)")
    if dist.version != CC_VERSION:
        sys.exit(f"country_converter {dist.version} is installed; this converter reads {CC_VERSION}")
    files = {Path(str(f)).name: Path(str(dist.locate_file(f))) for f in dist.files or ()}
    return files["country_data.tsv"], files["LICENSE"]


def norm(name: str) -> str:
    """A name as the comparison sees it: ``GUINEA_BISSAU`` and "Guinea-Bissau" both → "guinea bissau"."""
    name = unicodedata.normalize("NFKD", name.replace("_", " ").replace("-", " "))
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return " ".join(name.casefold().split())


def gw_codes(country_data: str, isos: list[str]) -> dict[str, int]:
    """ISO alpha-3 → GWcode for each of ``isos`` that country_data.tsv gives one (an integer)."""
    rows = {row["ISO3"]: row for row in csv.DictReader(country_data.splitlines(), delimiter="\t")}
    out: dict[str, int] = {}
    for iso in isos:
        code = (rows.get(iso) or {}).get("GWcode", "").strip()
        if code:
            out[iso] = int(code)
    return out


def current_country_code(code_lines: list[str]) -> str | None:
    """The entry's bare three-letter country code that has no end date (``[ARM >911221]``, ``[PAK]``)."""
    codes = set()
    for line in code_lines:
        parsed = parse_code(line.split("#", 1)[0].strip())
        if parsed is None:
            continue
        country, sector, _start, end = parsed
        if not sector and end is None and _BARE_CODE.match(country):
            codes.add(country)
    return codes.pop() if len(codes) == 1 else None


def phoenix_countries(text: str) -> dict[str, set[str]]:
    """Folded name → the current country codes of the Phoenix entries that list it."""
    out: dict[str, set[str]] = {}
    for names, code_lines in phoenix.read_entries(text):
        code = current_country_code(code_lines)
        if code is None:
            continue
        for name in names:
            out.setdefault(norm(name), set()).add(code)
    return out


def cameo_codes(text: str, states: dict[str, gz.StateInfo]) -> tuple[dict[str, str], dict[str, str]]:
    """ISO alpha-3 → CAMEO country code, and the states left without one → why."""
    by_name = phoenix_countries(text)
    found: dict[str, str] = {}
    missing: dict[str, str] = {}
    for iso, state in states.items():
        hits = {norm(n): by_name[norm(n)] for n in state.names if norm(n) in by_name}
        codes = set().union(*hits.values()) if hits else set()
        if len(codes) == 1:
            found[iso] = codes.pop()
        else:
            missing[iso] = f"names {sorted(hits)} give codes {sorted(codes)}" if codes else "no country entry"
    return found, missing


def header(lines: list[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def write_gw(path: Path, codes: dict[str, int], licence_owner: str) -> None:
    head = [
        "Gleditsch-Ward numbers of the states in kg/data/states.yaml, as UCDP's gwno columns use them,",
        f"converted by scripts/build_ids.py from the GWcode column of country_converter {CC_VERSION}'s",
        "country_data.tsv (https://github.com/IndEcol/country_converter, by Konstantin Stadler).",
        "Do not edit by hand: change the converter and rerun it.",
        "Line: ISO 3166-1 alpha-3 TAB Gleditsch-Ward number. A state the source gives no number is absent.",
        "",
        f"{licence_owner}. Derived from country_converter; licensed under the GNU General Public License,",
        "version 3 (see gw_codes.LICENSE beside this file, or https://www.gnu.org/licenses/gpl-3.0.html).",
        "This file only is under that licence; the rest of geokg is MIT.",
    ]
    body = "".join(f"{iso}\t{code}\n" for iso, code in sorted(codes.items()))
    path.write_text(header(head) + body, encoding="utf-8")


def write_cameo(path: Path, codes: dict[str, str], notice: list[str]) -> None:
    head = [
        "CAMEO country codes of the states in kg/data/states.yaml, converted by scripts/build_ids.py from",
        "PETRARCH2's Phoenix.Countries.actors.txt (openeventdata/petrarch2, data/dictionaries, commit 676801c):",
        "each state's current bare country code in the entry that lists its names.",
        "Do not edit by hand: change the converter and rerun it.",
        "Line: ISO 3166-1 alpha-3 TAB CAMEO country code. A state the source gives no code is absent.",
        "",
        "Source licence:",
        *notice,
    ]
    body = "".join(f"{iso}\t{code}\n" for iso, code in sorted(codes.items()))
    path.write_text(header(head) + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--country-data", type=Path, help="country_converter's country_data.tsv (default: installed)")
    ap.add_argument("--licence", type=Path, help="country_converter's LICENSE (default: installed)")
    ap.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX, help="Phoenix.Countries.actors.txt")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory to write (default kg/data)")
    args = ap.parse_args(argv)
    if args.country_data is None or args.licence is None:
        data_path, licence_path = installed_country_data()
        args.country_data = args.country_data or data_path
        args.licence = args.licence or licence_path

    states = gz.states()
    licence = args.licence.read_text(encoding="utf-8")
    owner = licence.splitlines()[0].strip()  # "Copyright (c) 2014, Konstantin Stadler"
    gw = gw_codes(args.country_data.read_text(encoding="utf-8"), list(states))
    phoenix_text = args.phoenix.read_text(encoding="utf-8", errors="replace")
    cameo, missing = cameo_codes(phoenix_text, states)

    args.out.mkdir(parents=True, exist_ok=True)
    write_gw(args.out / "gw_codes.tsv", gw, owner)
    (args.out / "gw_codes.LICENSE").write_text(licence, encoding="utf-8")
    write_cameo(args.out / "cameo_countries.tsv", cameo, phoenix.licence_text(phoenix_text))
    print(f"{len(states)} states: {len(gw)} Gleditsch-Ward numbers, {len(cameo)} CAMEO codes", file=sys.stderr)
    for iso in sorted(set(states) - set(gw)):
        print(f"  no Gleditsch-Ward number: {iso} {states[iso].name}", file=sys.stderr)
    for iso, why in sorted(missing.items()):
        print(f"  no CAMEO code: {iso} {states[iso].name} ({why})", file=sys.stderr)
    for iso in sorted(i for i, c in cameo.items() if c != i):
        print(f"  CAMEO code differs from ISO: {iso} → {cameo[iso]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
