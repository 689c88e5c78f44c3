"""One name resolver: `kg query -p`, the notebook, `kg viz --focus` and `kg analyze --between` bind a name to
the same entity, and refuse an ambiguous name the same way (candidates with label, class and IRI)."""

from __future__ import annotations

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.network.metrics import UnknownEntityError, find_node
from kg.network.project import to_networkx
from kg.notebook import KnowledgeGraph
from kg.rdf.resolve import AmbiguousName, Known, TableNames, UnknownName, resolve, resolve_entity
from kg.rdf.store import GraphStore
from kg.types import DocResult, Entity, Source, Triple

ID = "https://w3id.org/geokg/id/"
GEO = Entity("state/GEO", "Georgia", "State", iso="GEO", alt_labels=frozenset({"Sakartvelo"}))
GA = Entity("place/georgia", "Georgia", "Place", alt_labels=frozenset({"Peach State"}))
ARM = Entity("state/ARM", "Armenia", "State", iso="ARM", alt_labels=frozenset({"Yerevan"}))
ARMY = Entity("body/GEO-military", "Georgian army", "GovernmentBody", alt_labels=frozenset({"ARM"}))
TBILISI = Entity("place/tbilisi", "Tbilisi", "Place", alt_labels=frozenset({"tiflis"}))

QUERY = """# param ?e (entity): any entity
SELECT DISTINCT ?e (STR(?e) AS ?iri) WHERE { ?e ?p ?o }
"""


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    text = "Georgia consulted Armenia."
    triple = Triple("state/GEO", "consult", "state/ARM", text, 0, len(text), "svo", 0.8)
    store = GraphStore(None)
    store.put([DocResult(Source("a.txt", text), (GEO, GA, ARM, ARMY, TBILISI), (triple,))])
    path = tmp_path_factory.mktemp("resolve") / "graph.trig"
    path.write_bytes(store.export("trig"))
    return path


@pytest.fixture(scope="module")
def rq_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("rq") / "any.rq"
    path.write_text(QUERY, encoding="utf-8")
    return path


def cli_binding(graph_file, rq_file, name: str) -> str:
    """The IRI `kg query -p e NAME` binds, or the CLI's one-line error."""
    result = CliRunner().invoke(app, ["query", str(rq_file), "--graph", str(graph_file), "-p", "e", name,
                                      "--format", "csv"])
    if result.exit_code == 2:  # a name no entity or several have: one line "error: ...", a usage mistake
        [line] = result.output.strip().splitlines()
        return line.removeprefix("error: ")
    assert result.exit_code == 0, result.output
    rows = result.output.split()
    assert rows[0] == "e,iri" and len(rows) == 2, result.output
    return rows[1].split(",")[0]


def notebook_binding(graph_file, name: str) -> str:
    """The IRI the notebook binds for the same query, or its error message."""
    kg = KnowledgeGraph.from_file(graph_file)
    try:
        df = kg.query(QUERY, prefixes=False, e=name)
    except KGError as exc:
        return str(exc)
    assert len(df) == 1, df
    return str(df["iri"][0])  # the frame has no column for the bound ?e itself


@pytest.mark.parametrize("name, expected", [
    ("Armenia", ID + "state/ARM"),  # label
    ("armenia", ID + "state/ARM"),  # label, any case
    ("Sakartvelo", ID + "state/GEO"),  # alternative label
    ("GEO", ID + "state/GEO"),  # ISO code
    ("ARM", ID + "state/ARM"),  # an ISO code beats an alternative label (the army's "ARM")
    ("Tiflis", ID + "place/tbilisi"),  # alternative label, any case
    (" Tbilisi ", ID + "place/tbilisi"),  # spaces around
    ("id:place/georgia", ID + "place/georgia"),  # a CURIE
    (f"<{ID}place/georgia>", ID + "place/georgia"),  # an IRI in <...>
    (f"{ID}state/GEO", ID + "state/GEO"),  # a bare IRI
])
def test_resolve_cli_and_notebook_bind_the_same_entity(graph_file, rq_file, name, expected):
    assert cli_binding(graph_file, rq_file, name) == expected
    assert notebook_binding(graph_file, name) == expected


@pytest.mark.parametrize("name, message", [
    ("Georgia", r"^ambiguous name 'Georgia'( for \?e)?: it names 2 entities: 'Georgia' \(Place\) <"
                + ID + r"place/georgia>, 'Georgia' \(State\) <" + ID + r"state/GEO>; give the one you mean by its IRI"),
    ("Georgi", r"^unknown entity 'Georgi'( for \?e)?; did you mean: 'Georgia', 'Georgian army'\? \(valid: "),
    ("id:state/GEX", r"^unknown entity 'id:state/GEX'( for \?e)?: no entity has this IRI; did you mean: <"
                     + ID + r"state/GEO>, <" + ID + r"state/ARM>\?$"),
])
def test_resolve_cli_and_notebook_refuse_the_same_way(graph_file, rq_file, name, message):
    """The notebook used to pick the best-connected Georgia silently; now both list the candidates."""
    import re

    from_cli, from_notebook = cli_binding(graph_file, rq_file, name), notebook_binding(graph_file, name)
    assert re.match(message, from_cli), from_cli
    assert re.match(message, from_notebook), from_notebook
    assert "for ?e" in from_cli and from_cli.replace(" for ?e", "") == from_notebook
    assert "\n" not in from_cli


def test_resolve_viz_and_analyze_use_the_same_policy(graph_file):
    G = to_networkx(KnowledgeGraph.from_file(graph_file).store.union_graph())
    assert find_node(G, "ARM") == ID + "state/ARM"
    assert find_node(G, "id:place/georgia") == ID + "place/georgia"
    with pytest.raises(UnknownEntityError, match=r"ambiguous name 'Georgia': it names 2 entities"):
        find_node(G, "Georgia")


def test_resolve_table_and_store_agree(graph_file):
    """The two sources of names give the same answers on the same graph."""
    store = KnowledgeGraph.from_file(graph_file).store
    table = TableNames(Known(ID + e.key, e.label, e.cls, e.iso, tuple(e.alt_labels)) for e in (GEO, GA, ARM, ARMY, TBILISI))
    for name in ("Armenia", "armenia", "GEO", "ARM", "tiflis", "Peach State", "Georgian Army"):
        assert resolve(table, name) == str(resolve_entity(store, name)), name
    for name in ("Georgia", "Nowhere"):
        with pytest.raises((AmbiguousName, UnknownName)) as from_table:
            resolve(table, name)
        with pytest.raises((AmbiguousName, UnknownName)) as from_store:
            resolve_entity(store, name)
        assert type(from_table.value) is type(from_store.value)


def test_resolve_lists_at_most_five_candidates():
    many = [Known(f"{ID}place/springfield-{i}", "Springfield", "Place") for i in range(7)]
    with pytest.raises(AmbiguousName, match=r"it names 7 entities: .*springfield-4>.* and 2 more; give"):
        resolve(TableNames(many), "Springfield")


def test_resolve_empty_name_is_refused():
    with pytest.raises(UnknownName, match="invalid entity name ' '"):
        resolve(TableNames([]), " ")


def test_resolve_graph_without_entities():
    with pytest.raises(UnknownEntityError, match="unknown entity 'Georgia'; no entity has a similar name"):
        find_node(nx.MultiDiGraph(), "Georgia")
