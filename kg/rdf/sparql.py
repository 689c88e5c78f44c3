"""SPARQL text → results: named queries shipped in the package, bindings, and result formatting.

User values are always bound with ``initBindings`` (never formatted into the query text).
"""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError

FORMATS = ("table", "csv", "tsv", "json")


def named_queries() -> dict[str, str]:
    """name → SPARQL text of every query shipped in ``kg/rdf/queries``."""
    folder = resources.files("kg.rdf") / "queries"
    return {p.name[:-3]: p.read_text("utf-8") for p in folder.iterdir() if p.name.endswith(".rq")}


def describe(text: str) -> str:
    """The first comment block of a .rq file (its documentation)."""
    lines = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    return " ".join(ln for ln in lines if ln and not ln.startswith("param"))


def resolve_query(arg: str) -> str:
    """Inline SPARQL, a path to a .rq file, or the name of a shipped query."""
    stripped = arg.strip()
    if re.match(r"(?is)^\s*(prefix|base|select|ask|construct|describe|#)", stripped) or "{" in stripped:
        return arg
    if arg.endswith(".rq") or Path(arg).is_file():
        p = Path(arg)
        if not p.is_file():
            raise QueryError(f"query file {arg!r} not found")
        return p.read_text("utf-8")
    queries = named_queries()
    if arg in queries:
        return queries[arg]
    raise QueryError(f"unknown query {arg!r}; give SPARQL text, a .rq file, or one of: {', '.join(sorted(queries))}")


def parse_binding(name: str, value: str) -> tuple[str, object]:
    """`-p NAME VALUE`: <iri> or http(s) IRI → URIRef, integers/decimals/dates typed, else a plain literal."""
    name = name.lstrip("?$")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"invalid parameter name {name!r}; valid: letters, digits and _")
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return name, URIRef(value)
    if re.fullmatch(r"-?\d+", value):
        return name, Literal(int(value))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        from rdflib import XSD

        return name, Literal(value, datatype=XSD.date)
    return name, Literal(value)


def _cell(term) -> str:
    if term is None:
        return ""
    return str(term)


def format_result(result: Result, fmt: str) -> str:
    """Render a SELECT/ASK/CONSTRUCT result as table, csv, tsv or SPARQL 1.1 JSON."""
    if fmt not in FORMATS:
        raise QueryError(f"invalid format {fmt!r}; valid: {', '.join(FORMATS)}")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    names = [str(v) for v in result.vars]
    rows = [[_cell(row[v]) for v in result.vars] for row in result]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    return table(names, rows)


def table(names: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain-text table, long cells cut with an ellipsis."""

    def cut(s: str) -> str:
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cut(c) for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
