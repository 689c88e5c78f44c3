"""SPARQL text → results: named queries shipped in the package, their parameters, and result formatting.

A shipped query documents itself in its leading ``#`` lines: what it answers, an ``example:`` line, and one
``param`` line per parameter::

    # param ?org (entity, optional): a state or group: its name, ISO code or IRI

The kind in parentheses says how a ``-p NAME VALUE`` string becomes an RDF term (see ``KINDS``). User
values are always bound with ``initBindings`` (never formatted into the query text); ``check_params``
first refuses a value that is not a valid term by its syntax alone. Also here: the checks made before any
parser sees a query (``check_nesting``, ``names_dataset``) and spreadsheet-safe CSV (``spreadsheet_safe``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.query import Result

from kg import vocab
from kg.errors import QueryError, UsageError, invalid
from kg.rdf.namespace import GKG, PREFIXES, shorten
from kg.vocab import INTERACTIONS, STRUCTURAL

FORMATS = ("table", "csv", "tsv", "json")

KINDS = ("entity", "relation", "class", "date", "integer", "boolean", "text")
"""entity: a name (rdfs:label, skos:altLabel, any case), ISO code or IRI, resolved to the entity's IRI by
``kg.rdf.resolve`` (one entity, or an error listing the candidates); relation: a gkg relation
(``assault``); class: a gkg class (``State``); date: YYYY-MM-DD; integer; boolean: true or false (also
yes/no, 1/0); text: a plain literal."""

CLASSES = tuple(c for c in vocab.CLASSES if c != "QuadClass")
RELATIONS = INTERACTIONS + STRUCTURAL
BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}

_PARAM = re.compile(r"#\s*param\s+[?$]([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*:?\s*(.*)")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a query."""

    name: str
    kind: str = "text"
    optional: bool = False
    doc: str = ""


def query_params(text: str) -> dict[str, Param]:
    """The parameters a query declares in its ``# param ?NAME (KIND[, optional]): doc`` lines."""
    params: dict[str, Param] = {}
    for line in text.splitlines():
        m = _PARAM.match(line.strip())
        if not m:
            continue
        name, spec, doc = m.group(1), m.group(2) or "text", m.group(3).strip()
        words = [w.strip() for w in spec.split(",")]
        kind = words[0] or "text"
        if kind not in KINDS:
            raise QueryError(invalid(f"kind of parameter ?{name}", kind, KINDS))
        params[name] = Param(name, kind, "optional" in words[1:], doc)
    return params


def convert_param(param: Param, value: str) -> object:
    """A ``-p`` string → the RDF term for a declared parameter (entities are resolved elsewhere)."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if param.kind == "relation":
        local = value.rsplit("#", 1)[-1]
        match = {r.lower(): r for r in RELATIONS}.get(local.lower())
        if match is None:
            raise QueryError(invalid(f"value for ?{param.name}", value, RELATIONS))
        return GKG[match]
    if param.kind == "class":
        local = value.rsplit("#", 1)[-1]
        match = {c.lower(): c for c in CLASSES}.get(local.lower())
        if match is None:
            raise QueryError(invalid(f"value for ?{param.name}", value, CLASSES))
        return GKG[match]
    if param.kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise QueryError(invalid(f"value for ?{param.name}", value, "a date YYYY-MM-DD"))
        return Literal(value, datatype=XSD.date)
    if param.kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise QueryError(invalid(f"value for ?{param.name}", value, "an integer"))
        return Literal(int(value))
    if param.kind == "boolean":
        flag = BOOLEANS.get(value.strip().lower())
        if flag is None:
            raise QueryError(invalid(f"value for ?{param.name}", value, "true or false"))
        return Literal(flag)
    if param.kind == "entity" and re.match(r"^https?://\S+$", value):
        return URIRef(value)
    return Literal(value)


def named_queries() -> dict[str, str]:
    """name → SPARQL text of every query shipped in ``kg/rdf/queries``."""
    folder = resources.files("kg.rdf") / "queries"
    return {p.name[:-3]: p.read_text("utf-8") for p in folder.iterdir() if p.name.endswith(".rq")}


def describe(text: str) -> str:
    """The first comment block of a .rq file (its documentation), without param and example lines."""
    lines = []
    for ln in text.splitlines():
        if not ln.startswith("#"):
            break
        ln = ln[1:].strip()
        if ln and not ln.startswith(("param", "example")):
            lines.append(ln)
    return " ".join(lines)


def example(text: str) -> str | None:
    """The ``# example:`` line of a query, if any."""
    for ln in text.splitlines():
        m = re.match(r"#\s*example:\s*(.+)", ln)
        if m:
            return m.group(1).strip()
    return None


def resolve_query(arg: str) -> str:
    """Inline SPARQL, a path to a .rq file, or the name of a shipped query."""
    queries = named_queries()
    if arg in queries:
        return queries[arg]
    stripped = arg.strip()
    if re.match(r"(?is)^\s*(#|(prefix|base|select|ask|construct|describe)\b)", stripped) or "{" in stripped:
        return arg
    if arg.endswith(".rq") or Path(arg).is_file():
        p = Path(arg)
        if not p.is_file():
            raise QueryError(f"query file {arg!r} not found")
        return p.read_text("utf-8")
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
        return name, Literal(value, datatype=XSD.date)
    return name, Literal(value)


def _cell(term) -> str:
    if term is None:
        return ""
    return str(term)


def format_result(result: Result, fmt: str, raw_csv: bool = False) -> str:
    """Render a SELECT/ASK/CONSTRUCT result as table, csv, tsv or SPARQL 1.1 JSON.

    CSV and TSV cells a spreadsheet would run as a formula are neutralised (``spreadsheet_safe``) unless
    ``raw_csv``."""
    if fmt not in FORMATS:
        raise QueryError(f"invalid format {fmt!r}; valid: {', '.join(FORMATS)}")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    names = [str(v) for v in result.vars]
    take_ox = getattr(result, "take_ox", None)  # kg.rdf.store.OxResult: write Oxigraph's terms directly
    solutions = take_ox() if take_ox is not None else None
    if solutions is not None:
        if fmt == "json":
            import pyoxigraph as ox

            return solutions.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
        rows = [["" if t is None else t.value for t in sol] for sol in solutions]
    elif fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    else:
        rows = [[_cell(row[v]) for v in result.vars] for row in result]
    if fmt in ("csv", "tsv"):
        return write_csv(names, rows, "," if fmt == "csv" else "\t", raw_csv)
    return table(names, [[short_iri(c) for c in r] for r in rows])


# ------------------------------------------------------------------------------------ spreadsheet-safe CSV

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting ``=``, ``+``, ``-``, ``@``, tab or carriage
    return gets a leading ``'`` (OWASP's rule for CSV injection); numbers, also negative ones, stay numbers.

    >>> spreadsheet_safe("=SUM(A1:A9)"), spreadsheet_safe("-3.5"), spreadsheet_safe("Kabul")
    ("'=SUM(A1:A9)", '-3.5', 'Kabul')
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def write_csv(header: list[str], rows, delimiter: str = ",", raw: bool = False) -> str:
    """CSV (or TSV) text of a header and rows, cells made spreadsheet-safe unless ``raw``."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    # the csv module quotes a cell holding \n but not one holding a bare \r, which readers take for a line end
    quoted = csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in [header, *rows]:
        row = row if raw else [spreadsheet_safe(c) for c in row]
        (quoted if any(isinstance(c, str) and "\r" in c for c in row) else w).writerow(row)
    return buf.getvalue()


def make_csv_safe(text: str) -> str:
    """CSV text (as a library wrote it) with its formula-like text cells neutralised (``spreadsheet_safe``)."""
    rows = list(csv.reader(io.StringIO(text)))
    return write_csv(rows[0], rows[1:]) if rows else text


def short_iri(cell: str) -> str:
    """``id:state/PAK`` for the readable table only (csv, tsv and json keep full IRIs)."""
    return shorten(cell, _TABLE_PREFIXES)


_TABLE_PREFIXES = {p: PREFIXES[p] for p in ("id", "doc", "gkg")}


def table(names: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    """A plain-text table, long cells cut with an ellipsis."""

    def cut(s: str) -> str:
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cut(c) for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=False))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


# ------------------------------------------------------------------------------------ query text scanning

_TOKEN = re.compile(
    r'(?P<comment>#[^\n]*)'
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r'|(?P<var>[?$]\w+)'
    r'|(?P<word>[A-Za-z_][\w\-]*(?::[\w\-.%]*)?|:[\w\-.%]*)'
    r'|(?P<brace>[{}])'
    r'|(?P<other>[^\s])',
    re.S,
)


def tokens(text: str):
    """(kind, text, offset) for the tokens of a SPARQL string; comments, strings and IRIs are single tokens."""
    for m in _TOKEN.finditer(text):
        yield m.lastgroup, m.group(), m.start()


def keywords(text: str) -> set[str]:
    """The bare (unprefixed) words of a query or update, upper-cased: SELECT, SERVICE, LOAD, ..."""
    return {t.upper() for kind, t, _ in tokens(text) if kind == "word" and ":" not in t}


def paged(text: str, limit: int, offset: int) -> str:
    """A SELECT query as a sub-select, with ``LIMIT limit OFFSET offset`` outside it: one page of its
    rows, in its own order, for a server that will not sort past its result cap (Virtuoso).

    >>> paged("PREFIX a: <urn:a#> SELECT ?s WHERE { ?s a:p ?o } ORDER BY ?s", 10, 20)
    'PREFIX a: <urn:a#> SELECT * WHERE { { SELECT ?s WHERE { ?s a:p ?o } ORDER BY ?s } } LIMIT 10 OFFSET 20'
    """
    for kind, tok, pos in tokens(text):
        if kind == "word" and tok.upper() == "SELECT":
            return f"{text[:pos]}SELECT * WHERE {{ {{ {text[pos:].strip()} }} }} LIMIT {limit} OFFSET {offset}"
    raise ValueError("not a SELECT query")


def ordered(text: str) -> bool:
    """Does the query order its solutions (an ORDER BY outside every group, not a sub-select's)?

    >>> ordered("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s } }")
    False
    >>> ordered("SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s)")
    True
    """
    depth, previous = 0, ""
    for kind, tok, _ in tokens(text):
        if kind == "brace":
            depth += 1 if tok == "{" else -1
        elif kind == "word":
            if depth == 0 and previous == "ORDER" and tok.upper() == "BY":
                return True
            previous = tok.upper()
    return False


PAGE_MARK = "#page"
"""A line ending a sub-select whose first rows are enough for a page of the query (see ``page``)."""


def page(text: str, limit: int | None, offset: int | None = None) -> str:
    """The query with ``LIMIT limit OFFSET offset`` added to its outermost solutions (``kg query --limit``).

    Written after the WHERE group and its ORDER BY, before a trailing VALUES block; a query that already
    has an outermost LIMIT or OFFSET is refused (QueryError) rather than silently given a second one.

    A sub-select may end with a ``#page`` line (PAGE_MARK): a promise of the query's author that its rows
    come in the order of the whole query's, each giving at least one row of it, so that the page's rows
    all come from its first ``limit + offset`` rows; the line becomes ``LIMIT limit+offset`` there, and
    the rest of the query is evaluated for those rows only (``documents``).

    >>> page("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\\n#page\\n} } ORDER BY ?s", 10, 5)
    'SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\\nLIMIT 15\\n} } ORDER BY ?s\\nLIMIT 10 OFFSET 5\\n'
    """
    if limit is None and not offset:
        return text
    depth, end, marks = 0, None, []
    for kind, tok, pos in tokens(text):
        if kind == "brace":
            depth += 1 if tok == "{" else -1
        elif kind == "word" and depth == 0 and tok.upper() in ("LIMIT", "OFFSET"):
            raise QueryError(f"the query has its own {tok.upper()}; --limit and --offset apply to a query without one")
        elif kind == "word" and depth == 0 and tok.upper() == "VALUES" and end is None:
            end = pos  # a trailing VALUES block (after the WHERE group) comes after the solution modifiers
        elif kind == "comment" and depth > 0 and tok.rstrip() == PAGE_MARK and limit is not None:
            marks.append(pos)
    clause = (f" LIMIT {limit}" if limit is not None else "") + (f" OFFSET {offset}" if offset else "")
    text = text.rstrip() + "\n" + clause.strip() + "\n" if end is None else text[:end] + clause.strip() + "\n" + text[end:]
    for pos in reversed(marks):  # (before ``end``, so their offsets still hold)
        text = f"{text[:pos]}LIMIT {limit + (offset or 0)}{text[pos + len(PAGE_MARK):]}"
    return text


def inject_values(text: str, bindings: dict[str, object]) -> str:
    """Bind variables for an endpoint that has no initBindings: a VALUES block opening every group.

    The values are written by rdflib's term serializer (``n3()``), never pasted as raw text. A block opens
    the WHERE group and each group inside it (UNION branches, OPTIONAL, FILTER EXISTS, sub-selects'
    WHERE), so a FILTER in a nested group sees the values too: the same answers as initBindings on an
    embedded store, where a parameter is substituted everywhere. (rdflib's own SPARQLStore appends one
    VALUES at the end instead, where FILTERs inside the groups do not see it.) Skipped: VALUES data
    blocks, a CONSTRUCT template, and the braces that only wrap a sub-select.
    """
    if not bindings:
        return text
    names = list(bindings)
    row = " ".join(bindings[n].n3() for n in names)  # type: ignore[attr-defined]
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    toks = [t for t in tokens(text) if t[0] != "comment"]
    construct = "CONSTRUCT" in keywords(text)
    depth, where_seen, values_next, data_depth, at = 0, False, False, 0, []
    for i, (kind, tok, pos) in enumerate(toks):
        if data_depth:  # inside a VALUES data block
            data_depth += {"{": 1, "}": -1}.get(tok, 0) if kind == "brace" else 0
            continue
        if kind == "word" and tok.upper() == "VALUES":
            values_next = True
        elif kind == "word" and depth == 0 and tok.upper() == "WHERE":
            where_seen = True
        elif kind == "brace" and tok == "{":
            if values_next:
                values_next, data_depth = False, 1
                continue
            template = construct and depth == 0 and not where_seen
            wraps_select = i + 1 < len(toks) and toks[i + 1][0] == "word" and toks[i + 1][1].upper() == "SELECT"
            if not template and not wraps_select:
                at.append(pos + 1)
            depth += 1
        elif kind == "brace":
            depth -= 1
    if not at:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    for pos in reversed(at):
        text = text[:pos] + block + text[pos:]
    return text


# ------------------------------------------------------------------------------------ checks before parsing

MAX_NESTING = 100
"""The deepest nesting of ``{ } ( ) [ ]`` a query or update may have. Oxigraph's parser recurses once per
level and overflows its stack (a segfault, not an error) a few thousand levels down; real queries stay
under ten."""


def check_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """QueryError if ``text`` nests brackets deeper than ``limit`` (comments, strings and IRIs aside)."""
    depth = deepest = 0
    for kind, tok, _ in tokens(text):
        if kind in ("brace", "other") and tok in "{([":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                raise QueryError(f"query nested too deeply: more than {limit} levels of {{ }}, ( ) or [ ]; "
                                 f"valid: at most {limit}")
        elif kind in ("brace", "other") and tok in "})]":
            depth -= 1


def names_dataset(text: str) -> bool:
    """Whether a query names its own dataset (``FROM`` or ``FROM NAMED``): then it is answered over that
    dataset, not over the union of all graphs (a graph that does not exist is empty)."""
    return "FROM" in keywords(text)


# ------------------------------------------------------------------------------------ -p values, by syntax

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def check_param_value(name: str, value: str, kind: str | None = None) -> None:
    """QueryError (a ParamError) if the ``-p NAME VALUE`` string is not a valid term of its kind.

    Syntax only: an IRI (``<...>`` or ``http(s)://...``) must be absolute and hold no space or
    ``<>"{}|^`\\``; a date, or a value that looks like one (``NNNN-NN-NN``), must be a calendar date; an
    integer parameter takes an integer, a boolean one true/false/yes/no/1/0; text must be valid Unicode without NUL. Whether a name or IRI
    names an entity in the store is checked when it is resolved (kg.rdf.query)."""
    import datetime

    label = f"value for -p {name}"
    iri = value[1:-1] if value.startswith("<") and value.endswith(">") else (
        value if re.match(r"(?i)^https?://", value) else None)
    if value.startswith("<") and iri is None:
        raise ParamError(invalid(label, value, "an IRI in <...>"))
    if iri is not None:
        if not _SCHEME.match(iri) or _IRI_FORBIDDEN.search(iri):
            raise ParamError(invalid(label, value, "an absolute IRI (scheme:..., no spaces or <>\"{}|^`\\)"))
        return
    if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise ParamError(invalid(label, value, "text without NUL or unpaired surrogates"))
    if kind == "date" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ParamError(invalid(label, value, "a calendar date YYYY-MM-DD")) from None
    if kind == "integer" and not re.fullmatch(r"-?\d+", value):
        raise ParamError(invalid(label, value, "an integer"))
    if kind == "boolean" and value.strip().lower() not in BOOLEANS:
        raise ParamError(invalid(label, value, "true or false (also yes/no, 1/0)"))


def check_params(text: str, pairs) -> None:
    """``check_param_value`` for every ``-p`` pair, with the kinds the query declares."""
    declared = query_params(text)
    for raw, value in pairs:
        name = raw.lstrip("?$")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ParamError(f"invalid parameter name {raw!r}; valid: letters, digits and _")
        param = declared.get(name)
        check_param_value(name, value, param.kind if param else None)


class ParamError(QueryError, UsageError):
    """A ``-p`` value that is not a valid term: a usage mistake (the CLI exits 2)."""
