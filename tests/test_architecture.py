"""docs/architecture.md names only files that exist, and every module of kg/ outside kg/extract/ has its line.

(kg/extract/ is being restructured into spaCy components; its rows are checked for existence only.)
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def named_paths() -> set[str]:
    """Every `kg/...`, `ontologies/...` or `tests/...` path in the page, with the short forms of a row
    (`kg/extract/nlp.py`, `components.py`) expanded to full paths."""
    found = set(re.findall(r"`((?:kg|ontologies|tests)/[\w/.-]+)`", DOC))
    for row in re.findall(r"^\| (`kg/[^|]+) \|", DOC, re.M):
        names = re.findall(r"`([\w/.-]+)`", row)
        folder = names[0].rsplit("/", 1)[0]
        found.update(n if "/" in n else f"{folder}/{n}" for n in names)
    return found


def test_architecture_names_only_existing_files():
    missing = sorted(p for p in named_paths() if not (REPO / p.rstrip("/")).exists())
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"


def test_architecture_has_a_line_for_every_module_outside_extract():
    modules = {
        str(p.relative_to(REPO))
        for p in (REPO / "kg").rglob("*.py")
        if "extract" not in p.parts and p.name != "__main__.py" and p.parent.name != "data"
        and not (p.name == "__init__.py" and p.parent.name in ("rdf", "network"))
    }
    missing = sorted(modules - named_paths())
    assert not missing, f"docs/architecture.md has no line for {missing}"
