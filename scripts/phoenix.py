"""PETRARCH2 dictionary text (Phoenix actors and agents, the CAMEO verb dictionary) → its content lines,
the entry groups of an actor dictionary, and the MIT notice each file carries, which the derived data
keeps (kg/data/LICENSES.md); for the build scripts.

Format (shared by the files): a line whose first non-blank character is ``#`` is a comment, and ``#``
starts a comment inside a line ("POLICE [~COP] # a note"). An actor dictionary (Phoenix.Countries.actors.txt)
lists entry lines (``NAME_WITH_UNDERSCORES``, maybe with an inline ``[CODE]``), their ``+SYNONYM`` lines
and their indented ``[CODE ...]`` lines; consecutive entry lines with no code lines of their own share the
codes that follow them.
"""

from __future__ import annotations

from collections.abc import Iterator


def content_lines(text: str) -> Iterator[str]:
    """Every line that is not blank or a comment, without its inline comment (leading blanks kept)."""
    for raw in text.splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            yield raw.split("#", 1)[0].rstrip()


def read_entries(text: str) -> list[tuple[list[str], list[str]]]:
    """An actor dictionary → (names, code lines) per entry group, in file order."""
    groups: list[tuple[list[str], list[str]]] = []
    names: list[str] = []
    codes: list[str] = []
    for body in content_lines(text):
        if body[0] not in " \t+[":  # an entry line
            if codes:
                groups.append((names, codes))
                names, codes = [], []
            name, _, inline = body.partition("[")
            names.append(name.strip())
            if inline:  # "SERBIA_AND_MONTENEGRO [SCG 920428-060605]": a code on the entry line
                codes.append("[" + inline.strip())
        elif body.startswith("+"):
            names.append(body[1:].strip())
        elif body.strip().startswith("["):
            codes.append(body.strip())
    if codes:
        groups.append((names, codes))
    return groups


def licence_header(text: str) -> list[str]:
    """The file's MIT notice as written (comment lines, from "The MIT License" to the disclaimer's end
    "... THE SOFTWARE.")."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "MIT License" in line)
    end = next(i for i in range(start, len(lines)) if "THE SOFTWARE." in lines[i])
    return [line.rstrip() for line in lines[start : end + 1]]


def licence_text(text: str) -> list[str]:
    """The MIT notice without its comment marks ("" for a blank comment line)."""
    return [line.lstrip("#").strip() for line in licence_header(text)]
