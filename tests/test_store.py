"""The embedded store: idempotent put, replace, remove, export, and the CLI commands over it."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from conftest import HAQ, LAHORE, LET, PAK, SAEED, changed, held_elsewhere, sample_docs
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.rdf.convert import doc_iri, entity_iri
from kg.rdf.namespace import ENTITIES_GRAPH
from kg.rdf.store import GraphStore, load_graph_file, open_store
from kg.types import DocResult, Entity, Source

runner = CliRunner()


def graph_names(store: GraphStore) -> set[str]:
    return {g.value for g in store._ox.named_graphs()}


ENTS = ox.NamedNode(str(ENTITIES_GRAPH))
MENTIONS = ox.NamedNode("https://w3id.org/geokg/ontology#mentions")
DESCRIPTION = [ox.NamedNode(p) for p in ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                         "http://www.w3.org/2000/01/rdf-schema#label",
                                         "https://w3id.org/geokg/ontology#isoCode",
                                         "https://w3id.org/geokg/ontology#title")]


def described(store: GraphStore) -> set[str]:
    """IRIs of the entities with a description in the entities graph."""
    return {q.subject.value for q in store._ox.quads_for_pattern(None, None, None, ENTS)}


def mentioned(store: GraphStore) -> set[str]:
    return {q.object.value for q in store._ox.quads_for_pattern(None, MENTIONS, None, None)}


def quad_set(store: GraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.mark.parametrize("location", ["memory", "disk"])
def test_store_readding_unchanged_documents_changes_nothing(tmp_path, location):
    store = GraphStore(None if location == "memory" else tmp_path / "s")
    assert set(store.put(sample_docs()).values()) == {"added"}
    store.close()  # a persistent store adds its derived counts (kg.rdf.stats) here, once
    n = len(store)
    assert set(store.put(sample_docs()).values()) == {"unchanged"}
    store.close()
    assert len(store) == n
    if location == "disk":
        del store
        again = GraphStore(tmp_path / "s")
        assert set(again.put(sample_docs()).values()) == {"unchanged"}
        again.close()
        assert len(again) == n


def test_store_changed_document_replaces_its_graph(mem_store, docs):
    before = len(mem_store)
    new = changed(docs[0])
    assert mem_store.put([new]) == {"mattis.txt": "replaced"}
    names = graph_names(mem_store)
    assert str(doc_iri(new.source)) in names
    assert str(doc_iri(docs[0].source)) not in names
    assert len(names) == 4  # three documents and the shared entities graph
    assert str(ENTITIES_GRAPH) in names
    # contentHash changes, and nothing else: same number of quads
    assert len(mem_store) == before
    assert mem_store.documents()["mattis.txt"][0] == str(doc_iri(new.source))


def test_store_replace_is_one_update(docs):
    from kg.rdf.store import replace_graph_update

    qs = [ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal('say "hi"\n'),
                  ox.NamedNode("http://e/g2"))]
    text = replace_graph_update("http://e/g1", qs)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/p"), ox.Literal("old"), ox.NamedNode("http://e/g1")))
    store.update(text)
    assert list(store.quads_for_pattern(None, None, None, None)) == qs


def test_store_remove_drops_one_document_and_keeps_shared_entities(mem_store, docs):
    pak = ox.NamedNode(str(entity_iri(PAK.key)))
    n = mem_store.remove("kashmir.txt")
    assert n > 0
    assert str(doc_iri(docs[1].source)) not in graph_names(mem_store)
    assert set(mem_store.documents()) == {"mattis.txt", "un.txt"}
    # Pakistan was in mattis.txt too, so it keeps its type and label
    assert list(mem_store._ox.quads_for_pattern(pak, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None))
    assert mem_store.put(docs) == {"mattis.txt": "unchanged", "kashmir.txt": "added", "un.txt": "unchanged"}


def test_store_remove_garbage_collects_entities_only_the_removed_document_mentioned(mem_store, docs):
    before = described(mem_store)
    assert {str(entity_iri(e.key)) for e in (SAEED, LAHORE, LET, PAK)} <= before
    mem_store.remove("kashmir.txt")
    after = described(mem_store)
    # Hafiz Saeed and Lahore were only in kashmir.txt: their descriptions are gone
    assert str(entity_iri(SAEED.key)) not in after and str(entity_iri(LAHORE.key)) not in after
    # Pakistan (mattis.txt) and Lashkar-e-Taiba (un.txt) are still mentioned: they survive
    assert {str(entity_iri(PAK.key)), str(entity_iri(LET.key))} <= after
    assert after == mentioned(mem_store) == before - {str(entity_iri(SAEED.key)), str(entity_iri(LAHORE.key))}
    # and the store equals one that never held kashmir.txt
    fresh = GraphStore(None)
    fresh.put([docs[0], docs[2]])
    assert quad_set(mem_store) == quad_set(fresh)


def test_store_removing_every_document_leaves_nothing(mem_store):
    for ident in list(mem_store.documents()):
        assert mem_store.remove(ident) > 0
    assert len(mem_store) == 0


def test_store_remove_counts_the_entity_descriptions_it_deletes(mem_store):
    n = len(mem_store)
    removed = mem_store.remove("kashmir.txt")
    assert len(mem_store) == n - removed


def test_store_replace_garbage_collects_entities_the_new_version_drops(mem_store, docs):
    import dataclasses

    haq = str(entity_iri(HAQ.key))
    assert haq in described(mem_store)
    new = changed(docs[0])
    new = dataclasses.replace(new, entities=tuple(e for e in new.entities if e.key != HAQ.key))
    assert mem_store.put([new]) == {"mattis.txt": "replaced"}
    assert haq not in described(mem_store)
    assert described(mem_store) == mentioned(mem_store)
    fresh = GraphStore(None)
    fresh.put([new, docs[1], docs[2]])
    assert quad_set(mem_store) == quad_set(fresh)
    # and back: the same quads as the original store
    assert mem_store.put([docs[0]]) == {"mattis.txt": "replaced"}
    again = GraphStore(None)
    again.put(docs)
    assert quad_set(mem_store) == quad_set(again)


def test_store_no_entity_description_is_duplicated_across_graphs(mem_store):
    graphs_of: dict[str, set[str]] = {}
    for p in DESCRIPTION:
        for q in mem_store._ox.quads_for_pattern(None, p, None, None):
            if q.subject.value.startswith("https://w3id.org/geokg/id/"):
                graphs_of.setdefault(str(ox.Triple(q.subject, q.predicate, q.object)), set()).add(q.graph_name.value)
    assert graphs_of
    assert all(g == {str(ENTITIES_GRAPH)} for g in graphs_of.values())
    # so a join over the union default graph gives one row per label, however many documents mention it
    rows = mem_store.query("SELECT ?e (COUNT(*) AS ?n) WHERE { ?e rdfs:label ?l } GROUP BY ?e HAVING (COUNT(*) > 1)")
    assert list(rows) == []
    # each document records what it mentions, once per entity
    assert mentioned(mem_store) == described(mem_store)


@pytest.mark.parametrize("repeat", ["relation", "statement", "entity", "none"])
def test_store_document_quads_hold_no_quad_twice(repeat):
    """A relation stated in two sentences has one relation quad and two statements; a statement or an entity
    given twice adds nothing."""
    from kg.rdf.convert import document_quads
    from kg.types import Triple

    a = Entity("state/PAK", "Pakistan", "State", alt_labels=frozenset({"Islamabad"}))
    b = Entity("state/IND", "India", "State")
    first = Triple(a.key, "accuse", b.key, "Pakistan accused India.", 0, 23, "r", 0.8)
    met = Triple(b.key, "consult", a.key, "India met Pakistan.", 24, 43, "r", 0.8)
    other = {"relation": Triple(a.key, "accuse", b.key, "It accused India again.", 24, 47, "r", 0.7),
             "statement": first, "entity": met, "none": met}[repeat]
    entities = (a, b, a) if repeat == "entity" else (a, b)
    quads = document_quads(DocResult(Source("d.txt", "Pakistan accused India. It accused India again."),
                                     entities, (first, other), words=8))
    assert len(quads) == len(set(quads))
    statements = {q.subject for q in quads if q.predicate.value.endswith("#evidence")}
    assert len(statements) == (1 if repeat == "statement" else 2)
    relations = [q for q in quads if q.predicate.value.endswith("ontology#accuse")]
    assert len(relations) == 1


@pytest.mark.parametrize("location", ["memory", "disk"])
def test_store_quads_do_not_depend_on_ingest_order_or_batching(tmp_path, location):
    bulk = GraphStore(None)
    bulk.put(sample_docs())
    one_by_one = GraphStore(None if location == "memory" else tmp_path / "s")
    for d in reversed(sample_docs()):
        one_by_one.put([d])
    assert quad_set(one_by_one) == quad_set(bulk)
    n = len(one_by_one)
    assert set(one_by_one.put(sample_docs()).values()) == {"unchanged"}
    assert len(one_by_one) == n


def test_store_remove_unknown_document_names_the_stored_ones(mem_store):
    with pytest.raises(StoreError, match=r"no document 'nope.txt'.*kashmir.txt"):
        mem_store.remove("nope.txt")


@pytest.mark.parametrize("fmt, parse_as", [("ttl", "turtle"), ("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_store_export_formats_round_trip(mem_store, fmt, parse_as):
    from rdflib import Dataset

    data = mem_store.export(fmt)
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=parse_as)
    if fmt == "ttl":
        assert len(ds) == len(mem_store.union_graph())
    else:
        assert sum(1 for _ in ds.quads()) == len(mem_store)


def test_store_export_rejects_unknown_format(mem_store):
    with pytest.raises(StoreError, match=r"invalid export format 'xml'; valid: ttl, trig"):
        mem_store.export("xml")


def test_store_open_store_rejects_bad_locations(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(StoreError, match="it is a file"):
        open_store(f)
    with pytest.raises(StoreError, match="sparql\\+http"):
        open_store("ftp://example.org/x")


def test_store_same_directory_twice_in_one_process_shares_one_handle(tmp_path, docs):
    """Opening a store again (a notebook cell run twice) works, and both see each other's writes."""
    import gc

    from kg.rdf import store as store_module

    first = GraphStore(tmp_path / "s")
    second = open_store(tmp_path / "s")
    assert first.put(docs[:1]) == {docs[0].source.identifier: "added"}
    assert second.put(docs) == {docs[0].source.identifier: "unchanged", docs[1].source.identifier: "added",
                                docs[2].source.identifier: "added"}
    assert len(first) == len(second) and set(first.documents()) == set(second.documents())
    first.close()
    assert first._ox.query("ASK { GRAPH <https://w3id.org/geokg/graph/stats> { ?s ?p ?o } }")
    del first, second
    gc.collect()
    assert str((tmp_path / "s").resolve()) not in store_module._OPEN  # released: another process may open it


def test_store_held_by_another_process_is_a_one_line_error(tmp_path, disk_store):
    """A directory another process holds (kg build, kg serve) names the cause and the way through a server."""
    import subprocess
    import sys

    with held_elsewhere(disk_store):
        with pytest.raises(StoreError, match="in use by another process .* sparql\\+http://127.0.0.1:PORT/sparql"):
            GraphStore(disk_store)
        r = subprocess.run([sys.executable, "-m", "kg", "query", "documents", "--store", str(disk_store)],
                           capture_output=True, text=True)
        assert r.returncode == 1 and r.stderr.startswith("error: store ") and "in use by another process" in r.stderr
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert len(GraphStore(disk_store).documents()) == 3  # free again once the holder is gone


def test_store_load_graph_file_puts_triples_in_default_graph(graph_file, mem_store):
    g = load_graph_file(graph_file)
    assert len(g) == len(mem_store.union_graph())
    with pytest.raises(StoreError, match="valid suffixes"):
        load_graph_file(graph_file.with_suffix(".xml"))


def test_cli_export_and_remove(disk_store, tmp_path):
    out = tmp_path / "dump.nq"
    r = runner.invoke(app, ["export", "--store", str(disk_store), "--format", "nq", "-o", str(out)])
    assert r.exit_code == 0, r.output
    n = len(out.read_text().splitlines())
    r = runner.invoke(app, ["remove", "--store", str(disk_store), "un.txt"])
    assert r.exit_code == 0, r.output
    assert "removed un.txt" in r.output
    r = runner.invoke(app, ["export", "--store", str(disk_store), "--format", "jsonld"])
    assert r.exit_code == 0
    graphs = json.loads(r.stdout)["@graph"]  # compact JSON-LD: {"@context": ..., "@graph": [...]}
    assert len(graphs) == 3  # two documents and the shared entities graph
    r = runner.invoke(app, ["export", "--store", str(disk_store), "--format", "nq"])
    assert len(r.stdout.splitlines()) < n


def test_cli_export_bad_format_is_one_line(disk_store):
    r = runner.invoke(app, ["export", "--store", str(disk_store), "--format", "xml"])
    assert r.exit_code == 2  # a usage mistake
    assert "invalid --format 'xml'" in r.output


def _named(ident: str, label: str) -> DocResult:
    """A one-entity document naming Baghdad its own way."""
    text = f"{label} was calm on Monday."
    return DocResult(Source(ident, text), (Entity("place/baghdad", label, "Place"),), (), words=5)


@pytest.mark.parametrize("batched", [True, False])
def test_store_entity_keeps_its_first_label(batched):
    """Two documents spell one entity differently: one rdfs:label (the first stored), the other an
    skos:altLabel of the document that used it, gone with that document."""
    store = GraphStore(None)
    first, second = _named("a.txt", "Baghdad"), _named("b.txt", "BAGHDAD")
    if batched:
        store.put([first, second])
    else:
        store.put([first])
        store.put([second])
    ask = "SELECT ?l WHERE { GRAPH <https://w3id.org/geokg/graph/entities> { <https://w3id.org/geokg/id/place/baghdad> rdfs:label ?l } }"
    assert [str(r.l) for r in store.query(ask)] == ["Baghdad"]
    alt = "SELECT ?l WHERE { <https://w3id.org/geokg/id/place/baghdad> skos:altLabel ?l }"
    assert [str(r.l) for r in store.query(alt)] == ["BAGHDAD"]
    store.remove("b.txt")
    assert [str(r.l) for r in store.query(alt)] == []
    assert [str(r.l) for r in store.query(ask)] == ["Baghdad"]


class _LookupSpy:
    """A pyoxigraph Store that counts its quads_for_pattern() calls (the stored-label lookups)."""

    def __init__(self, store):
        self.store, self.lookups = store, 0

    def quads_for_pattern(self, *args):
        self.lookups += 1
        return self.store.quads_for_pattern(*args)

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_store_labels_it_wrote_are_not_looked_up_again(tmp_path):
    store = GraphStore(tmp_path / "s")
    store._ox = spy = _LookupSpy(store._ox)
    store.put([_named("a.txt", "Baghdad")])
    assert spy.lookups == 1  # a new entity: is it stored already?
    store.put([_named("b.txt", "BAGHDAD"), _named("c.txt", "Baghdad")])
    assert spy.lookups == 1  # the label this store wrote is known
    alt = "SELECT ?l WHERE { <https://w3id.org/geokg/id/place/baghdad> skos:altLabel ?l }"
    assert [str(r.l) for r in store.query(alt)] == ["BAGHDAD"]


def test_store_label_of_an_entity_deleted_with_its_document_is_not_remembered(tmp_path):
    """An entity's description goes with the last document that mentions it: a later document's label is
    then the entity's rdfs:label, not an altLabel beside a label the store no longer holds."""
    store = GraphStore(tmp_path / "s")
    store.put([_named("a.txt", "Baghdad")])
    store.remove("a.txt")
    store.put([_named("b.txt", "BAGHDAD")])
    ask = "SELECT ?l WHERE { GRAPH <https://w3id.org/geokg/graph/entities> { <https://w3id.org/geokg/id/place/baghdad> rdfs:label ?l } }"
    assert [str(r.l) for r in store.query(ask)] == ["BAGHDAD"]
    alt = "SELECT ?l WHERE { <https://w3id.org/geokg/id/place/baghdad> skos:altLabel ?l }"
    assert [str(r.l) for r in store.query(alt)] == []
    # the same after a replacement that drops the entity's last mention
    store.put([DocResult(Source("b.txt", "No place named."), (), (), words=3)])
    store.put([_named("c.txt", "Bagdad")])
    assert [str(r.l) for r in store.query(ask)] == ["Bagdad"]


class _Spy:
    """A pyoxigraph Store that records its optimize() calls."""

    def __init__(self, store):
        self.store, self.optimized = store, 0

    def optimize(self):
        self.optimized += 1
        self.store.optimize()

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_store_close_compacts_only_a_store_that_grew_by_a_tenth(tmp_path, docs, monkeypatch):
    import dataclasses

    monkeypatch.setattr("kg.rdf.store.COMPACT_MIN_BYTES", 0)  # (these stores are small)
    store = GraphStore(tmp_path / "s")
    many = [dataclasses.replace(docs[0], source=dataclasses.replace(docs[0].source, identifier=f"d{i}.txt"))
            for i in range(30)]
    same = GraphStore(None)  # the same writes, never compacted
    store._ox = spy = _Spy(store._ox)
    store.put(many)
    store.close()
    assert spy.optimized == 1  # 30 new documents in a store of 30
    store.put([changed(many[0])])  # 1 of 30: no compaction
    store.close()
    assert spy.optimized == 1
    store.put([changed(many[i]) for i in range(1, 4)] + many[4:])  # 3 of 30, the rest unchanged
    store.close()
    assert spy.optimized == 2
    for batch in (many, [changed(many[0])], [changed(many[i]) for i in range(1, 4)] + many[4:]):
        same.put(batch)
    same.refresh_stats()
    assert quad_set(store) == quad_set(same)


def test_store_write_handed_on_is_waited_for_by_the_next_use(tmp_path, docs):
    """kg build's commits: write(..., wait=False) returns while the bulk load runs in a thread; whatever uses
    the store next sees every document of it."""
    store, reference = GraphStore(tmp_path / "s"), GraphStore(None)
    store.write([c for c in map(store.prepare, docs) if c is not None], wait=False)
    reference.put(docs)
    assert len(store) == len(reference) and quad_set(store) == quad_set(reference)
    store.write([c for c in map(store.prepare, docs) if c is not None], wait=False)  # nothing new: no load
    store.settle()
    assert store._handle.loading is None


def test_store_write_handed_on_that_fails_is_one_store_error_at_the_next_use(tmp_path, docs, monkeypatch):
    import errno

    from kg.rdf import store as store_module

    def full(store, text, quads):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "bulk_add", full)
    store = GraphStore(tmp_path / "s")
    store.write([c for c in map(store.prepare, docs) if c is not None], wait=False)  # fails in its thread
    with pytest.raises(StoreError, match=r"cannot write to store .*No space left on device") as raised:
        len(store)  # (documents() answers from what this handle knows, without waiting)
    assert isinstance(raised.value.__cause__, OSError)  # (kg build names a full disk from the cause)
    monkeypatch.undo()
    assert store.documents() == {}  # read again: none of the failed write's documents is counted stored
    assert set(store.put(docs).values()) == {"added"}
    store.settle()  # nothing pending, nothing failed


def test_store_close_leaves_a_small_store_uncompacted(tmp_path, docs):
    store = GraphStore(tmp_path / "s")
    store._ox = spy = _Spy(store._ox)
    store.put(docs)  # every document new, but a few kilobytes of tables: compacting would gain nothing
    store.close()
    assert spy.optimized == 0 and len(store.documents()) == len(docs)


def test_store_a_directory_made_anew_is_not_served_by_the_old_handle(tmp_path, docs):
    """Deleting a store a live GraphStore still holds: a new GraphStore on the path does not read the
    deleted data through the old handle; opening it is a one-line StoreError, not a traceback."""
    import shutil

    old = GraphStore(tmp_path / "s")
    old.put(docs[:1])
    shutil.rmtree(tmp_path / "s")
    (tmp_path / "s").mkdir()
    with pytest.raises(StoreError, match="cannot open store|still open in this process"):
        GraphStore(tmp_path / "s")


# ------------------------------------------------------------------------------------ the store interface


def test_store_interface_one_for_both_kinds_chosen_by_scheme(tmp_path):
    from kg.rdf.backend import Store
    from kg.rdf.remote import RemoteStore

    embedded, remote = open_store(tmp_path / "s"), open_store("sparql+http://127.0.0.1:1/query", batch_quads=7)
    assert isinstance(embedded, GraphStore) and isinstance(remote, RemoteStore) and remote.batch_quads == 7
    assert isinstance(embedded, Store) and isinstance(remote, Store)
    assert open_store(remote) is remote  # a store given where a location is expected is used as it is
    # the put loop is written once, in kg.rdf.backend
    assert GraphStore.put is RemoteStore.put is Store.put


def _imports(path) -> set[str]:
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_store_and_remote_do_not_import_each_other():
    """The remote store takes what it shares with the embedded one from kg.rdf.backend; only open_store
    (in kg.rdf.store) imports kg.rdf.remote, so there is no cycle."""
    from pathlib import Path

    rdf = Path(__file__).resolve().parent.parent / "kg" / "rdf"
    assert "kg.rdf.store" not in _imports(rdf / "remote.py")
    assert not {"kg.rdf.store", "kg.rdf.remote"} & _imports(rdf / "backend.py")


def test_store_private_handle_is_used_only_inside_the_store():
    import ast
    from pathlib import Path

    kg_dir = Path(__file__).resolve().parent.parent / "kg"
    users = sorted(
        str(path.relative_to(kg_dir))
        for path in kg_dir.rglob("*.py")
        if path.name != "store.py" or path.parent.name != "rdf"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in ("_ox", "_handle")
    )
    assert users == []


def test_store_writes_the_same_quads_as_text_or_as_quads(tmp_path, docs, monkeypatch):
    from kg.rdf import store as store_module

    as_text = GraphStore(tmp_path / "text")
    as_text.put(docs)
    made = []
    monkeypatch.setattr(store_module, "nquads", lambda quads: made.append(len(quads)))
    as_quads = GraphStore(tmp_path / "quads")
    as_quads.bulk_text = False  # (kg build --jobs 2: the loader takes the quads themselves, less CPU)
    as_quads.write([c for c in map(as_quads.prepare, docs) if c is not None], wait=False)
    as_quads.settle()
    assert made == []  # no N-Quads text was made
    assert sorted(map(str, as_quads.oxigraph)) == sorted(map(str, as_text.oxigraph))


def test_quads_handed_to_the_loader_go_in_short_runs_of_whole_documents(tmp_path, docs, monkeypatch):
    """Handed as quads (``bulk_extend`` holds Python's lock until the load ends; kg build --jobs 2's workers
    wait for their results to be read meanwhile), a write goes in runs of about HELD_BULK_QUADS quads, never
    splitting a document; every quad is written once."""
    from kg.rdf import store as store_module

    whole = GraphStore(tmp_path / "whole")
    whole.put(docs)
    monkeypatch.setattr(store_module, "HELD_BULK_QUADS", 200)
    runs: list[list] = []
    monkeypatch.setattr(store_module, "bulk_add", lambda store, text, quads: runs.append(quads) or store.bulk_extend(quads))
    gs = GraphStore(tmp_path / "runs")
    gs.bulk_text = False
    changes = [c for c in map(gs.prepare, docs) if c is not None]
    gs.write(changes, wait=False)
    gs.settle()
    assert len(runs) > 1
    graphs = [{q.graph_name.value for q in run} - {str(ENTITIES_GRAPH)} for run in runs]
    assert all(len(run) <= 200 or len(g) == 1 for run, g in zip(runs, graphs, strict=True))  # over it: one document alone
    assert any(len(g) > 1 for g in graphs)
    assert sum(map(len, graphs)) == len(changes)  # each document's graph in one run only
    assert sorted(map(str, gs.oxigraph)) == sorted(map(str, whole.oxigraph))
