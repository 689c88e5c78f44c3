"""Named queries, parameters, --infer and result formats, on a store (named graphs) and on a .ttl file."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.rdf.query import bind_params, resolve_entity, run_query
from kg.rdf.sparql import describe, example, format_result, named_queries, query_params, resolve_query
from kg.rdf.store import load_graph_file, open_store
from kg.types import DocResult, Entity, Source, Triple

runner = CliRunner()
ID = "https://w3id.org/geokg/id/"

# query, -p pairs, column, the set of values expected in that column
CASES = [
    ("actors", [("class", "ArmedGroup")], "name", {"Lashkar-e-Taiba", "Haqqani network"}),
    ("actors", [("class", "state")], "iso", {"USA", "PAK", "IND"}),
    ("officials", [], "name", {"James Mattis", "Shahid Khaqan Abbasi", "Hafiz Saeed", "Narendra Modi"}),
    ("officials", [("org", "pakistan")], "title", {"Prime Minister"}),
    ("officials", [("org", "U.S.")], "name", {"James Mattis"}),
    ("officials", [("org", f"<{ID}state/IND>")], "name", {"Narendra Modi"}),
    ("leaders", [], "groupName", {"Lashkar-e-Taiba"}),
    ("leaders", [("group", "LeT")], "name", {"Hafiz Saeed"}),
    ("based-in", [("state", "PAK")], "name", {"Lashkar-e-Taiba"}),
    ("relations", [("a", "Pakistan"), ("b", "LeT")], "relation", {"support", "basedIn"}),
    ("relations", [("a", "LeT"), ("b", "Pakistan")], "evidence",
     {"Pakistan supports Lashkar-e-Taiba, Indian officials said.",
      "Lashkar-e-Taiba, founded by Hafiz Saeed, is based in Pakistan."}),
    ("relations", [("a", "Haqqani network")], "relation", set()),
    ("relations", [("a", "Washington")], "source", {"https://example.org/mattis", ""}),
    ("dyad-timeline", [("a", "India"), ("b", "Lashkar-e-Taiba")], "event", {"assault"}),
    ("dyad-timeline", [("a", "India"), ("b", "Lashkar-e-Taiba")], "date", {"2019-02-14"}),
    ("dyad-timeline", [("a", "India"), ("b", "United States")], "quadClass", {"VerbalCooperation"}),
    ("dyad-timeline", [("a", "Pakistan"), ("b", "United States")], "date", {"2018-03-12"}),
    # roll-up: Mattis (official of the United States) met Abbasi (leader of Pakistan) and urged Pakistan
    ("dyad-timeline", [("a", "Pakistan"), ("b", "United States")], "event", {"consult", "request", "accuse"}),
    ("dyad-timeline", [("a", "Pakistan"), ("b", "United States")], "subject",
     {"James Mattis", "United States"}),
    ("dyad-timeline", [("a", "Pakistan"), ("b", "United States"), ("rollup", "false")], "event", {"accuse"}),
    ("dyad-timeline", [("a", "India"), ("b", "United States")], "source", {"India"}),
    ("most-connected", [], "name", {"Pakistan", "Lashkar-e-Taiba", "India", "United States", "James Mattis",
                                    "Narendra Modi", "Shahid Khaqan Abbasi", "Hafiz Saeed", "United Nations"}),
    ("state-sponsors", [], "groupName", {"Lashkar-e-Taiba"}),
    ("state-sponsors", [("state", "India")], "groupName", set()),
    ("state-sponsors", [("state", "Pakistan")], "groupName", {"Lashkar-e-Taiba"}),
    ("events", [("type", "assault"), ("from", "2019-01-01"), ("to", "2019-12-31")], "object", {"India"}),
    ("events", [("type", "accuse"), ("to", "2018-12-31")], "subject", {"United States"}),
    ("events", [("from", "2019-05-01")], "document", {"un.txt"}),
    ("events", [("type", "consult")], "source", {"James Mattis", "Narendra Modi"}),
    ("events", [("type", "consult"), ("rollup", "true")], "source", {"United States", "India"}),
    ("events", [("type", "consult"), ("rollup", "true")], "subject", {"James Mattis", "Narendra Modi"}),
    ("mentions", [("actor", "lashkar-e-taiba")], "document", {"kashmir.txt", "un.txt"}),
    ("mentions", [("actor", "Haqqani network")], "document", {"mattis.txt"}),
    ("event-counts", [("actor", "United States")], "event", {"accuse", "consult", "agree", "request"}),
    ("event-counts", [("actor", "United States"), ("rollup", "no")], "event", {"accuse", "consult", "agree"}),
    ("event-types", [], "event", {"accuse", "consult", "agree", "request", "support", "assault", "sanction"}),
    ("event-types", [("rollup", "true")], "events", {"1", "2"}),
    ("documents", [], "document", {"mattis.txt", "kashmir.txt", "un.txt"}),
]


def column(result, name: str) -> set[str]:
    return {"" if row[name] is None else str(row[name]) for row in result}


def run_named(store, name, pairs, infer=False):
    text = named_queries()[name]
    return run_query(store, text, bind_params(store, text, pairs), infer=infer)


def test_queries_there_are_at_least_ten_and_each_is_documented_and_tested():
    queries = named_queries()
    assert len(queries) >= 10
    tested = {case[0] for case in CASES}
    for name, text in queries.items():
        assert text.startswith("#"), name
        assert describe(text), name
        assert example(text) and example(text).startswith(f"kg query {name}"), name
        assert name in tested, name
        for p in query_params(text).values():
            assert f"?{p.name}" in text.split("SELECT", 1)[1].split("WHERE", 1)[0], (name, p.name)


@pytest.mark.parametrize("name, pairs, col, expected", CASES)
def test_queries_named_on_store(mem_store, name, pairs, col, expected):
    assert column(run_named(mem_store, name, pairs), col) == expected


@pytest.mark.parametrize("name, pairs, col, expected", CASES)
def test_queries_named_on_turtle_file(graph_file, name, pairs, col, expected):
    # gkg:mentions triples survive the union .ttl export, so even an actor named in no statement is found
    store = load_graph_file(graph_file)
    assert column(run_named(store, name, pairs), col) == expected


@pytest.mark.parametrize("name, pairs, col, expected", CASES[:12])
def test_queries_named_on_disk_store(disk_store, name, pairs, col, expected):
    from kg.rdf.store import open_store

    assert column(run_named(open_store(disk_store), name, pairs), col) == expected


def test_queries_example_lines_run(mem_store):
    import shlex

    for name, text in named_queries().items():
        args = shlex.split(example(text))[3:]
        pairs = list(zip(args[1::3], args[2::3], strict=False))
        result = run_named(mem_store, name, pairs)
        assert list(result), f"{name}: example returned nothing"


def test_queries_oxrdflib_passes_init_bindings(mem_store):
    ds = mem_store.dataset()
    q = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    rows = list(ds.query(q, initBindings={"name": Literal("Pakistan")}))
    assert {str(r[0]) for r in rows} == {ID + "state/PAK"}


def test_queries_infer_finds_states_as_actors(mem_store, graph_file):
    plain = run_named(mem_store, "actors", [("class", "Actor")])
    assert column(plain, "name") == set()
    for store in (mem_store, load_graph_file(graph_file)):
        inferred = column(run_named(store, "actors", [("class", "Actor")], infer=True), "name")
        assert {"Pakistan", "Lashkar-e-Taiba", "James Mattis", "United Nations"} <= inferred
    # leaderOf ⊑ officialOf
    q = "PREFIX gkg: <https://w3id.org/geokg/ontology#> SELECT ?o WHERE { ?o gkg:officialOf ?x }"
    assert len(column(run_query(mem_store, q, infer=True), "o")) == 4
    assert len(mem_store) == len(list(mem_store.quads()))  # the store itself is untouched


@pytest.mark.parametrize("name, pairs, message", [
    ("officials", [("orgg", "Pakistan")], r"invalid parameter 'orgg'; valid: org"),
    ("relations", [], r"missing parameter a: give -p a VALUE"),
    ("officials", [("org", "Pakistn")], r"unknown entity 'Pakistn' for \?org; did you mean: 'Pakistan'\?"),
    ("events", [("from", "2019")], r"invalid value for \?from '2019'; valid: a date YYYY-MM-DD"),
    ("events", [("type", "attack")], r"invalid value for \?type 'attack'; valid: agree, consult"),
    ("actors", [("class", "Country")], r"invalid value for \?class 'Country'; valid: Actor, State"),
])
def test_queries_bad_parameters_are_named(mem_store, name, pairs, message):
    with pytest.raises(QueryError, match=message):
        run_named(mem_store, name, pairs)


def test_queries_ambiguous_name_lists_candidates(mem_store):
    from kg.types import DocResult, Entity, Source

    twin = Entity("person/other-mattis", "James Mattis", "Person")
    mem_store.put([DocResult(Source("twin.txt", "James Mattis."), (twin,), ())])
    with pytest.raises(QueryError) as raised:
        resolve_entity(mem_store, "James Mattis", "a")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("ambiguous name 'James Mattis' for ?a: it names 2 entities: ")
    # each candidate with its label, class and IRI, and the way out: an IRI
    assert "'James Mattis' (Official) <https://w3id.org/geokg/id/person/james-mattis>" in message
    assert "'James Mattis' (Person) <https://w3id.org/geokg/id/person/other-mattis>" in message
    assert "give the one you mean by its IRI" in message
    for iri in ("<https://w3id.org/geokg/id/person/other-mattis>", "id:person/other-mattis"):
        assert str(resolve_entity(mem_store, iri)) == "https://w3id.org/geokg/id/person/other-mattis"


def test_queries_unprojected_binding_is_explained(mem_store):
    with pytest.raises(QueryError, match=r"parameter \?n is bound but not selected"):
        list(run_query(mem_store, "SELECT ?e WHERE { ?e rdfs:label ?n }", {"n": Literal("x")}))


def test_queries_invalid_sparql_is_one_line(mem_store):
    with pytest.raises(QueryError, match="invalid SPARQL"):
        run_query(mem_store, "SELECT ?x WHERE { ?x ")


def test_queries_resolve_query_kinds(tmp_path):
    assert resolve_query("officials") == named_queries()["officials"]
    f = tmp_path / "q.rq"
    f.write_text("SELECT * WHERE { ?s ?p ?o }")
    assert resolve_query(str(f)).startswith("SELECT")
    assert resolve_query("SELECT * { ?s ?p ?o }").startswith("SELECT")
    with pytest.raises(QueryError, match=r"unknown query 'oficials'.*officials"):
        resolve_query("oficials")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_queries_formats(mem_store, fmt):
    out = format_result(run_named(mem_store, "officials", [("org", "Pakistan")]), fmt)
    if fmt == "json":
        data = json.loads(out)
        assert data["head"]["vars"][:2] == ["official", "name"]
        assert data["results"]["bindings"][0]["name"]["value"] == "Shahid Khaqan Abbasi"
    elif fmt == "table":
        assert "Shahid Khaqan Abbasi" in out and out.endswith("(1 row)")
    else:
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0][:2] == ["official", "name"] and rows[1][1] == "Shahid Khaqan Abbasi"


def test_cli_query_officials_without_parameters(graph_file):
    r = runner.invoke(app, ["query", "officials", "--graph", str(graph_file)])
    assert r.exit_code == 0, r.output
    assert "James Mattis" in r.stdout and "(4 rows)" in r.stdout


def test_cli_query_with_params_on_store(disk_store):
    r = runner.invoke(app, ["query", "relations", "--store", str(disk_store), "-p", "a", "Pakistan",
                            "-p", "b", "LeT", "--format", "json"])
    assert r.exit_code == 0, r.output
    rels = {b["relation"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]}
    assert rels == {"support", "basedIn"}


def test_cli_query_infer(disk_store):
    r = runner.invoke(app, ["query", "actors", "--store", str(disk_store), "-p", "class", "Actor", "--infer",
                            "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert "Pakistan" in r.stdout


def test_cli_queries_lists_names_params_and_examples():
    r = runner.invoke(app, ["queries"])
    assert r.exit_code == 0
    for name in named_queries():
        assert name in r.stdout
    assert "-p org (entity, optional)" in r.stdout


def test_cli_query_uri_binding_for_plain_sparql(mem_store, graph_file):
    r = runner.invoke(app, ["query", "SELECT ?s ?p WHERE { ?s ?p ?o }", "--graph", str(graph_file),
                            "-p", "s", ID + "state/PAK", "--format", "csv"])
    assert r.exit_code == 0, r.output
    assert ID + "state/PAK" in r.stdout
    assert isinstance(bind_params(mem_store, "SELECT ?s {}", [("s", ID + "x")])["s"], URIRef)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
@pytest.mark.parametrize("name", ["officials", "relations", "documents"])
def test_format_result_fast_path_matches_rdflib_rows(mem_store, name, fmt):
    """format_result writes pyoxigraph terms directly; the text equals the one from rows read as rdflib terms."""
    text = named_queries()[name]
    pairs = [("a", "Pakistan")] if name == "relations" else []
    fast = format_result(run_named(mem_store, name, pairs), fmt)
    slow_result = run_named(mem_store, name, pairs)
    list(slow_result)  # rows read as rdflib terms first: the fallback path
    slow = format_result(slow_result, fmt)
    if fmt == "json":
        assert json.loads(fast) == json.loads(slow)
    else:
        assert fast == slow
    assert text


@pytest.mark.parametrize(
    "cell, shown",
    [
        ("https://w3id.org/geokg/id/state/PAK", "id:state/PAK"),
        ("https://w3id.org/geokg/ontology#accuse", "gkg:accuse"),
        ("https://w3id.org/geokg/doc/abc", "doc:abc"),
        ("https://example.org/x", "https://example.org/x"),
        ("Pakistan", "Pakistan"),
    ],
)
def test_queries_table_shortens_geokg_iris(cell, shown):
    from kg.rdf.sparql import short_iri

    assert short_iri(cell) == shown


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_queries_pages_are_slices_of_the_whole_result(disk_store, name):
    """--limit/--offset give consecutive slices of the full ordered result, for every named query."""
    from kg.rdf.sparql import page

    pairs = next((p for n, p, _, _ in CASES if n == name and p), [])
    store = open_store(disk_store)
    text = named_queries()[name]
    b = bind_params(store, text, pairs)
    whole = format_result(run_query(store, text, b), "csv").splitlines()
    head, rows = whole[0], whole[1:]
    got = []
    for start in range(0, len(rows) + 2, 2):
        part = format_result(run_query(store, page(text, 2, start), b), "csv").splitlines()
        assert part[0] == head
        got += part[1:]
    assert got == rows


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o }\nLIMIT 5 OFFSET 10\n"),
    ("SELECT * WHERE { ?s ?p ?o } # done", "SELECT * WHERE { ?s ?p ?o } # done\nLIMIT 5 OFFSET 10\n"),
    ("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <x:a> }",
     "SELECT * WHERE { ?s ?p ?o } LIMIT 5 OFFSET 10\nVALUES ?s { <x:a> }"),
    ("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } }",
     "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } }\nLIMIT 5 OFFSET 10\n"),
])
def test_page_writes_limit_after_the_where_group(query, expected):
    from kg.rdf.sparql import page

    assert page(query, 5, 10) == expected


@pytest.mark.parametrize("limit, offset, inner", [(5, 10, "LIMIT 15"), (5, 0, "LIMIT 5"), (None, 10, "#page")])
def test_page_cuts_a_marked_sub_select_at_the_end_of_the_page(limit, offset, inner):
    """A sub-select ending in a "#page" line is cut at the page's end (its rows come in the query's order);
    with no --limit there is no end, and the line stays a comment."""
    from kg.rdf.sparql import page

    query = "SELECT ?s WHERE {\n  { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n    #page\n  }\n  ?s ?q ?v\n} ORDER BY ?s"
    got = page(query, limit, offset)
    assert got.splitlines()[2].strip() == inner
    assert got.splitlines()[-1] == " ".join(([f"LIMIT {limit}"] if limit else []) + ([f"OFFSET {offset}"] if offset else []))


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o }\n#page\n",  # outside every group: not a sub-select's
    "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o }\n#pages\n} }",  # another comment
    'SELECT ?s WHERE { ?s ?p "#page" }',  # a string
])
def test_page_leaves_other_comments_and_strings_alone(query):
    from kg.rdf.sparql import page

    assert page(query, 5, 10) == query.rstrip() + "\nLIMIT 5 OFFSET 10\n"


def test_cli_query_limit_offset_and_their_errors(disk_store):
    base = ["query", "documents", "--store", str(disk_store), "--format", "csv"]
    whole = runner.invoke(app, base).stdout.strip().splitlines()
    r = runner.invoke(app, [*base, "--limit", "1", "--offset", "1"])
    assert r.exit_code == 0 and r.stdout.strip().splitlines() == [whole[0], whole[2]]
    r = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "--store", str(disk_store), "--limit", "2"])
    assert r.exit_code == 2 and "error: the query has its own LIMIT" in r.output  # a usage mistake
    r = runner.invoke(app, [*base, "--offset", "-1"])
    assert r.exit_code == 2 and "invalid --offset -1" in r.output and "Traceback" not in r.output


SORT_KEY = re.compile(r'\(CONCAT\((\?\w+|STR\(\?\w+\)), "\\u0001"\)\)')
ALIKE = [  # names that are prefixes of one another, differ only in case or punctuation, or are long
    Entity(f"person/alike-{i}", name, "Official", title="Minister")
    for i, name in enumerate(["Ali", "Ali Khan", "Ali-Khan", "ali", "Ali Khan Mahsud al-Long Surname", "Ali\u00e9"])
]


def test_queries_sort_keys_order_as_the_plain_variables(tmp_path, docs):
    """ORDER BY (CONCAT(?x, "\\u0001")) gives the rows in exactly the order ORDER BY ?x would."""
    from kg.rdf.store import GraphStore

    text = " ".join(f"{e.label} serves Pakistan." for e in ALIKE)
    triples = tuple(Triple(e.key, "officialOf", "state/PAK", f"{e.label} serves Pakistan.", 0, 10, "test", 0.9)
                    for e in ALIKE)
    pak = next(e for d in docs for e in d.entities if e.key == "state/PAK")
    store = GraphStore(tmp_path / "store")  # on disk: long names are in Oxigraph's string table
    store.put([*docs, DocResult(Source("alike.txt", text), (*ALIKE, pak), triples)])
    keyed = [name for name, text in named_queries().items() if SORT_KEY.search(text)]
    assert {"officials", "leaders", "actors", "based-in", "state-sponsors"} <= set(keyed)
    for name in keyed:
        text = named_queries()[name]
        plain = SORT_KEY.sub(r"\1", text)
        assert plain != text
        b = bind_params(store, text, [])
        assert format_result(run_query(store, text, b), "csv") == format_result(run_query(store, plain, b), "csv")
    names = [row.split(",")[1] for row in format_result(run_named(store, "officials", []), "csv").splitlines()[1:]]
    assert [n for n in names if n.lower().startswith("ali")] == sorted(e.label for e in ALIKE)
