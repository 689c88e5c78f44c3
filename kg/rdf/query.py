"""SPARQL over a store: (store, query, ``-p`` values) → bindings → rdflib Result, with optional RDFS entailment.

``bind_params`` turns the strings a user gives into RDF terms using the query's ``# param`` declarations;
entity parameters accept a name and are resolved to the entity's IRI here (exact rdfs:label, ISO code or
skos:altLabel first, then the same ignoring case), so an unknown or ambiguous name is an error that says
so instead of an empty result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError, invalid
from kg.rdf.sparql import Param, check_nesting, convert_param, parse_binding, query_params

PREFIXES = """PREFIX gkg: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# ?how ranks a match: ISO code 0, preferred label 1, alternative label 2.
EXACT_NAME = PREFIXES + """SELECT DISTINCT ?e ?how ?name WHERE {
  { ?e gkg:isoCode ?name BIND(0 AS ?how) } UNION { ?e rdfs:label ?name BIND(1 AS ?how) }
  UNION { ?e skos:altLabel ?name BIND(2 AS ?how) }
}"""
ANY_CASE_NAME = PREFIXES + """SELECT DISTINCT ?e ?how ?key WHERE {
  { ?e rdfs:label ?l BIND(1 AS ?how) } UNION { ?e skos:altLabel ?l BIND(2 AS ?how) }
  FILTER(LCASE(STR(?l)) = ?key)
}"""


def resolve_entity(store, name: str, param: str = "entity") -> URIRef:
    """The IRI of the entity called ``name``; QueryError if none or several equally good ones match."""
    rows = [(r["e"], int(r["how"])) for r in store.query(EXACT_NAME, {"name": Literal(name)})]
    if not rows:
        rows = [(r["e"], int(r["how"])) for r in store.query(ANY_CASE_NAME, {"key": Literal(name.lower())})]
    if not rows:
        raise QueryError(
            f"no entity named {name!r} for ?{param} (looked in rdfs:label, skos:altLabel and gkg:isoCode, "
            "any case); valid: a name from `kg query actors`, or an IRI in <...>"
        )
    best = min(how for _, how in rows)
    found = sorted({str(e) for e, how in rows if how == best})
    if len(found) > 1:
        listed = ", ".join(f"<{iri}>" for iri in found[:5]) + (" ..." if len(found) > 5 else "")
        raise QueryError(f"ambiguous name {name!r} for ?{param}: it names {listed}; give one IRI in <...>")
    return URIRef(found[0])


def bind_params(store, sparql: str, pairs: Iterable[tuple[str, str]]) -> dict[str, object]:
    """``-p NAME VALUE`` strings → initBindings for ``sparql``, checked against its ``# param`` lines."""
    declared = query_params(sparql)
    bindings: dict[str, object] = {}
    for raw_name, value in pairs:
        name = raw_name.lstrip("?$")
        if not declared:
            name, term = parse_binding(name, value)
            bindings[name] = term
            continue
        if name not in declared:
            raise QueryError(invalid("parameter", name, ", ".join(declared)))
        param: Param = declared[name]
        term = convert_param(param, value)
        if param.kind == "entity" and isinstance(term, Literal):
            term = resolve_entity(store, value, name)
        bindings[name] = term
    missing = [p.name for p in declared.values() if not p.optional and p.name not in bindings]
    if missing:
        raise QueryError(f"missing parameter {', '.join(missing)}: give -p {missing[0]} VALUE "
                         f"({declared[missing[0]].doc})")
    return bindings


def run_query(store, sparql: str, bindings: Mapping[str, object] | None = None, infer: bool = False) -> Result:
    """Run SPARQL on ``store``; ``infer`` first adds the RDFS closure of the data and the ontology."""
    check_nesting(sparql)  # before any parser: Oxigraph's overflows its stack on deep nesting (a segfault)
    if infer:
        from kg.rdf.infer import inferred_store

        store = inferred_store(store)
    try:
        return store.query(sparql, bindings)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from exc
    except (ValueError, RuntimeError) as exc:
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        m = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", msg)
        if m:
            raise QueryError(
                f"parameter ?{m.group(1)} is bound but not selected; add ?{m.group(1)} to the SELECT list "
                "(bound variables must be projected, SPARQL SEP-0007)"
            ) from exc
        raise QueryError(f"query failed: {msg}") from exc
