"""Bound parameters written into the query as constants (kg.rdf.substitute) mean what substitution means."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from kg.rdf.query import bind_params
from kg.rdf.sparql import format_result, named_queries
from kg.rdf.store import ox_query_result, query_prefixes, to_ox
from kg.rdf.substitute import fold_params

A = URIRef("http://example.org/a")

# query text, bindings, the folded text expected (None: not foldable, bind the usual way)
FOLDS = [
    ("SELECT ?x ?a WHERE { ?x ?p ?a }", {"a": A},
     "SELECT ?x (<http://example.org/a> AS ?a) WHERE { ?x ?p <http://example.org/a> }"),
    ("SELECT ?a (COUNT(?x) AS ?n) WHERE { ?x ?p ?a } GROUP BY ?a ORDER BY DESC(?a) ?a",
     {"a": A},
     "SELECT (<http://example.org/a> AS ?a) (COUNT(?x) AS ?n) WHERE { ?x ?p <http://example.org/a> } "
     "GROUP BY (<http://example.org/a>) ORDER BY DESC(<http://example.org/a>) (<http://example.org/a>)"),
    # a sub-select that selects ?a shares it; one that does not has its own ?a
    ("SELECT ?a ?x WHERE { { SELECT ?a ?x WHERE { ?x ?p ?a } } { SELECT ?x WHERE { ?x ?q ?a } } }",
     {"a": A},
     "SELECT (<http://example.org/a> AS ?a) ?x WHERE { { SELECT  ?x WHERE { ?x ?p <http://example.org/a> } } "
     "{ SELECT ?x WHERE { ?x ?q ?a } } }"),
    ('SELECT ?d WHERE { ?x ?p ?v FILTER(?v >= ?d) }', {"d": Literal("it's \"q\"")},
     'SELECT ("it\'s \\"q\\"" AS ?d) WHERE { ?x ?p ?v FILTER(?v >= "it\'s \\"q\\"") }'),
    ("ASK { ?a ?p ?o }", {"a": A}, "ASK { <http://example.org/a> ?p ?o }"),
    ("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o }", {"a": A},
     "CONSTRUCT { <http://example.org/a> ?p ?o } WHERE { <http://example.org/a> ?p ?o }"),
    # "?a" in a string, an IRI or a comment is not the variable
    ('SELECT ?a WHERE { ?x <http://e/?a> "?a" } # ?a', {"a": A},
     'SELECT (<http://example.org/a> AS ?a) WHERE { ?x <http://e/?a> "?a" } # ?a'),
    ("SELECT * WHERE { ?x ?p ?a }", {"a": A}, None),
    ("SELECT ?x WHERE { ?x ?p ?a }", {"a": A}, None),  # not selected: substitution says so (SEP-0007)
    ("SELECT ?a WHERE { ?x ?p ?o BIND(?o AS ?a) }", {"a": A}, None),
    ("SELECT ?a WHERE { VALUES ?a { <http://e/1> } ?x ?p ?a }", {"a": A}, None),
    # a sub-select left with nothing to select selects a constant (one row per match, as before)
    ("SELECT ?a ?x WHERE { { SELECT ?a WHERE { ?x ?p ?a } } }", {"a": A},
     "SELECT (<http://example.org/a> AS ?a) ?x WHERE { { SELECT (true AS ?_bound15) WHERE "
     "{ ?x ?p <http://example.org/a> } } }"),
    ("SELECT ?a WHERE { ?x ?p ?a }", {"a": BNode("b1")}, None),
]


@pytest.mark.parametrize("text, bindings, expected", FOLDS)
def test_substitute_folds_or_declines(text, bindings, expected):
    assert fold_params(text, bindings) == expected


def test_substitute_without_bindings_is_the_text():
    assert fold_params("SELECT ?a WHERE { ?a ?p ?o }", {}) == "SELECT ?a WHERE { ?a ?p ?o }"


PARAMS = {
    "actors": [("class", "ArmedGroup")],
    "officials": [("org", "Pakistan")],
    "based-in": [("state", "Pakistan")],
    "relations": [("a", "Pakistan"), ("b", "Lashkar-e-Taiba")],
    "dyad-timeline": [("a", "India"), ("b", "Pakistan")],
    "events": [("type", "assault"), ("from", "2019-01-01"), ("to", "2019-12-31")],
    "mentions": [("actor", "Lashkar-e-Taiba")],
    "event-counts": [("actor", "Pakistan")],
    "state-sponsors": [("state", "Pakistan")],
}


def _substituted(store, text, bindings) -> str:
    subs = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
    return format_result(ox_query_result(store._ox.query(text, use_default_graph_as_union=True,
                                                          prefixes=query_prefixes(), substitutions=subs)), "tsv")


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_substitute_named_queries_answer_as_substitution_does(mem_store, name):
    text = named_queries()[name]
    bindings = bind_params(mem_store, text, PARAMS[name])
    assert fold_params(text, bindings) is not None
    folded = format_result(mem_store.query(text, bindings), "tsv")
    assert folded.count("\n") > 1  # some rows
    assert sorted(folded.splitlines()) == sorted(_substituted(mem_store, text, bindings).splitlines())


@pytest.mark.parametrize("name, pairs", [("events", [("from", "2019-01-01")]), ("events", [("type", "accuse")]),
                                         ("events", []), ("relations", [("a", "Pakistan")]),
                                         ("officials", []), ("based-in", [])])
def test_substitute_optional_parameters_left_out(mem_store, name, pairs):
    text = named_queries()[name]
    bindings = bind_params(mem_store, text, pairs)
    folded = format_result(mem_store.query(text, bindings), "tsv")
    assert folded.count("\n") > 1
    assert sorted(folded.splitlines()) == sorted(_substituted(mem_store, text, bindings).splitlines())


def test_substitute_literal_as_graph_name_falls_back(mem_store):
    # a literal cannot be written as a graph name: the store substitutes it instead (no rows, no error)
    result = mem_store.query("SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": Literal("x")})
    assert list(result) == []
