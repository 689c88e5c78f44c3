#!/usr/bin/env python3
"""Phoenix country actor dictionary → kg/data/officials.tsv: people with dated state roles.

Usage: build_officials.py [PHOENIX_COUNTRIES_ACTORS] [--out kg/data/officials.tsv]

Input: PETRARCH2's ``Phoenix.Countries.actors.txt`` (Open Event Data Alliance, MIT; default
``../shared/resources/petrarch2/Phoenix.Countries.actors.txt``). Its format: an entry line
(``NAME_WITH_UNDERSCORES``, optionally ``# comment``), ``+SYNONYM`` lines, and indented code lines
``[CODE]`` / ``[CODE START-END]`` / ``[CODE >START]`` / ``[CODE <END]``, where CODE is a country code
and sectors (``PAKGOV``, ``RUSGOVMIL``, ``TURELI``) and dates are ``YYMMDD`` (``YY`` 00-30 is 20YY, as
TABARI and PETRARCH read it) or ``YYYYMMDD``. Consecutive entry lines with no code lines of their own
share the codes that follow them. A code line without dates is the role outside every dated one.

Kept: entries with at least one dated code line (the people of CountryInfo's leader and cabinet lists;
the undated entries are institutions: "INTER-SERVICES_INTELLIGENCE [PAKSPY]"), their names of two words
or more without a title or demonym in them ("PRESIDENT_PUTIN" is a phrase, not a name; a surname alone
is matched only through the full name a document gives), country codes of states the gazetteer knows
(Phoenix's ``KSV``/``TMP`` are ISO ``XKX``/``TLS``; historical codes such as ``SUN`` or ``YUG`` are left
out). Names are stored as ``kg.extract.names.person_key`` writes them: folded, lower-cased, without
initials or a leading form of address ("Vladimir V. Putin" → "vladimir putin").

Output, one person a line: ``name|name|...<TAB>ISO SECTOR START END;...`` with dates as YYYYMMDD and
``-`` for an open end. The MIT notice of the source is copied into the output's header.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import phoenix  # noqa: E402

from kg.extract import gazetteer as gz  # noqa: E402
from kg.extract.names import person_key  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "resources" / "petrarch2" / "Phoenix.Countries.actors.txt"
DEFAULT_OUT = ROOT / "kg" / "data" / "officials.tsv"
RENAMED = {"KSV": "XKX", "TMP": "TLS"}  # Phoenix's codes where ISO 3166-1 has another
# words that make a synonym a phrase about the person, not a name of theirs
TITLE_WORDS = frozenset(
    "president vice prime minister premier chancellor secretary ambassador amb general gen spokesman "
    "spokeswoman leader chairman senator governor mayor envoy commander chief former acting foreign defense "
    "defence deputy foreign dr mr mrs ms lt col maj adm sen rep gov pm fm".split()
)
_CODE = re.compile(r"^\[([A-Z]{3})([A-Z]*)\s*(?:(>|<)\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*\]$")


def phoenix_date(digits: str) -> int | None:
    """``YYMMDD`` (YY 00-30 = 20YY) or ``YYYYMMDD`` (longer strings: their first eight digits) → YYYYMMDD."""
    if len(digits) <= 7:
        if len(digits) != 6:
            return None
        yy = int(digits[:2])
        digits = f"{2000 + yy if yy <= 30 else 1900 + yy}{digits[2:]}"
    digits = digits[:8]
    try:
        datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return int(digits)


def parse_code(code: str) -> tuple[str, str, int | None, int | None] | None:
    """``[PAKGOV 901106-930418]`` → ("PAK", "GOV", 19901106, 19930418); None if malformed."""
    m = _CODE.match(code.strip())
    if m is None:
        return None
    country, sector, op, one, start, end = m.groups()
    lo = hi = None
    if op == ">":
        lo = phoenix_date(one)
        if lo is None:
            return None
    elif op == "<":
        hi = phoenix_date(one)
        if hi is None:
            return None
    elif start is not None:
        lo, hi = phoenix_date(start), phoenix_date(end)
        if lo is None or hi is None:
            return None
    return country, sector, lo, hi


def name_keys(raw: str, demonyms: frozenset[str]) -> list[str]:
    """The stored form of one dictionary name; none if it is a phrase or a single word."""
    words = raw.replace("_", " ").split()
    if any(w.lower().strip(".") in TITLE_WORDS or w.lower() in demonyms for w in words):
        return []
    key = person_key(" ".join(words))
    return [key] if len(key.split()) >= 2 else []


def convert(text: str) -> tuple[list[str], dict[str, int]]:
    states = gz.states()
    demonyms = frozenset(d.lower() for s in states.values() for d in s.demonyms)
    lines: list[str] = []
    counts = {"groups": 0, "people": 0, "malformed codes": 0, "foreign codes": 0}
    for names, codes in phoenix.read_entries(text):
        counts["groups"] += 1
        roles = []
        for c in codes:
            parsed = parse_code(c)
            if parsed is None:
                counts["malformed codes"] += 1
                continue
            country, sector, lo, hi = parsed
            country = RENAMED.get(country, country)
            if country not in states:
                counts["foreign codes"] += 1
                continue
            roles.append((country, sector or "-", lo, hi))
        if not any(lo is not None or hi is not None for _, _, lo, hi in roles):
            continue  # no dated role: an institution, not a person with a career
        keys = list(dict.fromkeys(k for n in names for k in name_keys(n, demonyms)))
        if not keys:
            continue
        counts["people"] += 1
        role_text = ";".join(f"{c} {s} {lo or '-'} {hi or '-'}" for c, s, lo, hi in roles)
        lines.append("|".join(keys) + "\t" + role_text)
    return lines, counts


def main(argv: list[str]) -> int:
    out = DEFAULT_OUT
    if "--out" in argv:
        out = Path(argv[argv.index("--out") + 1])
        argv = [a for a in argv if a not in ("--out", str(out))]
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    text = source.read_text(encoding="utf-8")
    lines, counts = convert(text)
    header = [
        "# People with dated state roles, converted by scripts/build_officials.py from PETRARCH2's",
        "# Phoenix.Countries.actors.txt (openeventdata/petrarch2, data/dictionaries; CountryInfo.140130).",
        "# Do not edit by hand: change the converter and rerun it.",
        "# Line: folded names (|-separated) TAB roles (;-separated: ISO SECTOR START END, YYYYMMDD, - = open).",
        "#",
        "# Source licence:",
        *phoenix.licence_header(text),
    ]
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{out}: {counts['people']} people from {counts['groups']} entries "
          f"({counts['malformed codes']} malformed and {counts['foreign codes']} non-state code lines skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
