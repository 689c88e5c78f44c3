#!/usr/bin/env python3
"""Phoenix agents dictionary (PETRARCH2, MIT) → kg/data/agents.tsv: agent noun → sector code.

Usage: build_agents.py [PHOENIX_AGENTS_TXT] [OUT_TSV]
       (defaults: ../shared/resources/petrarch2/Phoenix.agents.txt, kg/data/agents.tsv)

The dictionary lists generic agents ("POLICE {} [~COP]", "REBEL [~REB]", "!MINIST! [~GOV]") with the
three-letter sector they add to a country's code. This converter writes one line per surface form:
the phrase in lower case with spaces, its sector (the first three letters of the agent code, "GOVMIL" →
GOV) and the full code. It expands what PETRARCH expands at run time:

- substitution sets (``!PERSON!`` → man, men, woman, women, person);
- plurals: ``{X}`` gives the plural X, ``{}`` says the noun has none; otherwise the regular plural of
  the head word (the word before "of" in "X of Y", else the last word) is added;
- a trailing ``_`` (a stem rather than a whole word, "MUKHABARAT_") is dropped.

Entries whose code is a prefix (``[IGO~]``: an international organisation's agent, not a sector) and
commented-out entries are skipped. A phrase listed under two codes keeps the first. Nothing is
filtered by its effect on any benchmark: corrections belong in kg/data/sectors.yaml (the hand layer,
which overrides this table).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import phoenix  # noqa: E402

from kg.extract import actors  # noqa: E402

DEFAULT_IN = ROOT.parent / "shared" / "resources" / "petrarch2" / "Phoenix.agents.txt"
DEFAULT_OUT = ROOT / "kg" / "data" / "agents.tsv"

_ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")
_SUBST = re.compile(r"^(?P<name>![A-Z]+!)\s*=\s*(?P<items>.+)$")


def plural_phrase(phrase: str) -> str:
    words = phrase.split()
    k = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    words[k] = actors.plural(words[k])
    return " ".join(words)


def normalise(raw: str) -> str:
    return " ".join(raw.replace("_", " ").lower().split())


def convert(text: str) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """phrase → (sector, code) and the phrases seen under a second code (kept under the first)."""
    subst: dict[str, list[str]] = {}
    table: dict[str, tuple[str, str]] = {}
    conflicts: list[str] = []
    for line in phoenix.content_lines(text):  # without inline comments: "[~MIL] # HACKISH FIX FOR ANSF"
        line = line.strip()
        s = _SUBST.match(line)
        if s:
            subst[s["name"]] = [x.strip() for x in s["items"].split(",") if x.strip()]
            continue
        m = _ENTRY.match(line)
        if m is None:
            continue
        code = m["code"].strip()
        if not code.startswith("~") or not re.fullmatch(r"~[A-Z]{3,}", code):
            continue  # "[IGO~]": a prefix for an organisation's agents, no sector
        code = code[1:]
        forms = [m["phrase"].strip()]
        irregular = m["plural"]
        for name, items in subst.items():  # "MILITARY_SPOKES!PERSON!" → spokesman, spokesmen, ...
            if any(name in f for f in forms):
                forms = [f.replace(name, item) for f in forms for item in items]
                irregular = ""  # the set lists the plurals itself (MAN, MEN; MINISTER, MINISTERS)
        for form in forms:
            base = normalise(form.rstrip("_"))
            if not base or not re.search(r"[a-z]", base):
                continue
            variants = [base]
            if irregular is None and plural_phrase(base) != base:
                variants.append(plural_phrase(base))
            elif irregular is not None and irregular.strip():
                variants.append(normalise(irregular))
            for v in variants:
                old = table.get(v)
                if old is None:
                    table[v] = (code[:3], code)
                elif old[1] != code:
                    conflicts.append(f"{v}: {old[1]} kept, {code} dropped")
    return table, conflicts


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else DEFAULT_IN
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    text = src.read_text(encoding="utf-8", errors="replace")
    table, conflicts = convert(text)
    header = [
        "# Agent nouns → sector, converted from PETRARCH2's Phoenix.agents.txt by scripts/build_agents.py.",
        "# Do not edit by hand: corrections go in kg/data/sectors.yaml, which overrides this table.",
        "# Source: github.com/openeventdata/petrarch2, petrarch2/data/dictionaries/Phoenix.agents.txt",
        "# (commit 676801c). Columns: phrase (lower case), sector (first three letters of the code), code.",
        "# Licence of the source dictionary, kept with this derived data as it requires:",
        "#",
        *("# " + line.lstrip("# ").rstrip() if line.strip("# ") else "#" for line in phoenix.licence_header(text)),
        "#",
        f"# {len(table)} phrases; {len(conflicts)} listed under a second code kept their first.",
    ]
    body = [f"{phrase}\t{sector}\t{code}" for phrase, (sector, code) in sorted(table.items())]
    out.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{out}: {len(table)} phrases ({len(conflicts)} second codes dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
