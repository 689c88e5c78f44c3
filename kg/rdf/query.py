"""SPARQL over a store: (store, query, ``-p`` values) → bindings → rdflib Result, with optional RDFS entailment.

``bind_params`` turns the strings a user gives into RDF terms using the query's ``# param`` declarations;
entity parameters accept a name or an IRI and are resolved by ``kg.rdf.resolve`` (the resolver the
notebook uses too), so an unknown or ambiguous name is an error that says so instead of an empty result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib.query import Result

from kg.errors import QueryError, QuerySyntaxError, invalid
from kg.rdf.resolve import resolve_entity
from kg.rdf.sparql import Param, check_nesting, convert_param, parse_binding, query_params


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
        bindings[name] = resolve_entity(store, value, name) if param.kind == "entity" else convert_param(param, value)
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
        raise QuerySyntaxError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from exc
    except (ValueError, RuntimeError) as exc:
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        m = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", msg)
        if m:
            raise QueryError(
                f"parameter ?{m.group(1)} is bound but not selected; add ?{m.group(1)} to the SELECT list "
                "(bound variables must be projected, SPARQL SEP-0007)"
            ) from exc
        raise QueryError(f"query failed: {msg}") from exc
