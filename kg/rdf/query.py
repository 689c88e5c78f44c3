"""SPARQL over a store, with optional RDFS entailment: (store, query, bindings) → rdflib Result."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.query import Result

from kg.errors import QueryError


def run_query(store, sparql: str, bindings: Mapping[str, object] | None = None, infer: bool = False) -> Result:
    """Run SPARQL on ``store``; ``infer`` first adds the RDFS closure of the data and the ontology."""
    if infer:
        from kg.rdf.infer import inferred_store

        store = inferred_store(store)
    try:
        return store.query(sparql, bindings)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from exc
    except ValueError as exc:
        raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc
