"""The stats graph: per-actor counts dropped by every write that changes documents, recomputed when a
persistent store's writer closes, and read by ``most-connected`` only while current."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import changed, sample_docs
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import run
from kg.rdf.namespace import GKG, STATS_GRAPH
from kg.rdf.query import run_query
from kg.rdf.remote import RemoteStore
from kg.rdf.sparql import format_result, named_queries
from kg.rdf.stats import current_query
from kg.rdf.store import GraphStore
from kg.types import DocResult, Source

STATS = ox.NamedNode(str(STATS_GRAPH))
runner = CliRunner()


def counts(store) -> dict[str, tuple[int, int]]:
    """actor IRI → (partnerCount, reportCount) as stored in the stats graph."""
    rows = store.query(f"SELECT ?a ?p ?r WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?a <{GKG.partnerCount}> ?p ; "
                       f"<{GKG.reportCount}> ?r }} }}")
    return {str(row.a): (int(row.p), int(row.r)) for row in rows}


def aggregated(docs) -> dict[str, tuple[int, int]]:
    """The same counts computed in Python from the documents' triples (one per document and triple)."""
    from kg.rdf.convert import document_quads
    from kg.rdf.namespace import INTERACTIONS, STRUCTURAL

    relations = {str(GKG[name]) for name in (*INTERACTIONS, *STRUCTURAL)}
    partners: dict[str, set[str]] = {}
    reports: dict[str, int] = {}
    for d in docs:
        for s, p, o, _ in document_quads(d):
            if p.value not in relations:
                continue
            for a, b in ((s.value, o.value), (o.value, s.value)):
                partners.setdefault(a, set()).add(b)
                reports[a] = reports.get(a, 0) + 1
    return {a: (len(partners[a]), reports[a]) for a in partners}


def most_connected(store) -> str:
    return format_result(run_query(store, named_queries()["most-connected"], {}), "tsv")


def statement_counts(store) -> dict[str, int]:
    rows = store.query(f"SELECT ?d ?n WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?d <{GKG.statementCount}> ?n }} }}")
    return {str(row.d): int(row.n) for row in rows}


def test_documents_statement_counts(tmp_path):
    from kg.rdf.convert import doc_iri

    docs = sample_docs()
    store = GraphStore(tmp_path / "s")
    store.put(docs)
    store.close()
    assert statement_counts(store) == {str(doc_iri(d.source)): len(d.triples) for d in docs}
    listing = format_result(run_query(store, named_queries()["documents"], {}), "tsv")
    assert listing == format_result(run_query(_memory(docs), named_queries()["documents"], {}), "tsv")
    assert [line.split("\t")[-1] for line in listing.splitlines()[1:]] == ["5", "5", "4"]


def test_documents_within_a_date_in_the_order_of_their_identifiers(tmp_path):
    """The listing sorts on the identifier ranks of a closed store as it sorts on the identifiers themselves
    (code point order: upper case before lower, accented letters after z), a document without a date first."""
    names = ["b.txt", "A.txt", "é.txt", "a10.txt", "a9.txt", "z.txt", "nodate.txt"]
    docs = [DocResult(Source(n, f"Report {i}.", date=None if n == "nodate.txt" else "2021-05-0" + str(1 + i % 2)),
                      (), ()) for i, n in enumerate(names)]
    store = GraphStore(tmp_path / "s")
    store.put(docs)
    store.close()
    ranks = {str(r.d): int(r.n) for r in store.query(
        f"SELECT ?d ?n WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?d <{GKG.documentRank}> ?n }} }}")}
    assert sorted(ranks.values()) == list(range(len(names)))
    listing = format_result(run_query(store, named_queries()["documents"], {}), "tsv")
    assert listing == format_result(run_query(_memory(docs), named_queries()["documents"], {}), "tsv")
    assert [line.split("\t")[0] for line in listing.splitlines()[1:]] == [
        "nodate.txt", "a9.txt", "b.txt", "é.txt", "A.txt", "a10.txt", "z.txt"]


def test_documents_pages_of_a_ranked_store_are_cut_from_the_ranks_and_are_slices_of_the_listing(tmp_path):
    """With ranks, a page of ``documents`` reads only its first ranks (the "#page" line) and is still the
    slice of the whole listing, which is the listing a store without ranks gives (dates first, undated first)."""
    from kg.rdf.sparql import page

    dates = ["2021-03-02", None, "2020-12-31", "2021-03-02", "2021-01-15", None, "2020-12-31"]
    docs = [DocResult(Source(f"{'zyxwvut'[i]}-{i}.txt", f"Report {i}.", date=d), (), ()) for i, d in enumerate(dates)]
    store = GraphStore(tmp_path / "s")
    store.put(docs)
    store.close()
    text = named_queries()["documents"]
    whole = format_result(run_query(store, text, {}), "csv").splitlines()
    assert whole == format_result(run_query(_memory(docs), text, {}), "csv").splitlines()
    assert [line.split(",")[0] for line in whole[1:]] == [
        "u-5.txt", "y-1.txt", "t-6.txt", "x-2.txt", "v-4.txt", "w-3.txt", "z-0.txt"]
    for start in range(len(docs) + 1):
        paged = page(text, 3, start)
        assert f"LIMIT {3 + start}\n" in paged.split("ORDER BY ?rank", 1)[1]  # the ranks cut first
        assert format_result(run_query(store, paged, {}), "csv").splitlines() == [whole[0], *whole[1 + start:4 + start]]


def current(store) -> bool:
    return bool(store.query(current_query()).askAnswer)


def test_counts_follow_every_write_and_equal_the_aggregate(tmp_path):
    docs = sample_docs()
    store = GraphStore(tmp_path / "s")
    store.put(docs)
    assert not current(store)  # written but not yet closed: most-connected aggregates
    fallback = most_connected(store)
    store.close()
    assert current(store) and counts(store) == aggregated(docs)
    assert most_connected(store) == fallback

    new = changed(docs[1], " Pakistan accused India of shelling.")
    new = type(new)(new.source, new.entities, new.triples[:2], words=new.words)  # fewer relations now
    store.put([new])
    assert not current(store)
    store.close()
    assert counts(store) == aggregated([docs[0], new, docs[2]])

    store.remove("un.txt")
    assert not current(store)  # dropped in the same update as the document
    store.close()
    assert counts(store) == aggregated([docs[0], new])
    assert most_connected(store) == most_connected(_memory([docs[0], new]))


def _memory(docs) -> GraphStore:
    store = GraphStore(None)
    store.put(docs)
    return store


def event_types(store, rollup: str | None) -> str:
    params = [("rollup", rollup)] if rollup else []
    text = named_queries()["event-types"]
    from kg.rdf.query import bind_params

    return format_result(run_query(store, text, bind_params(store, text, params)), "tsv")


def test_event_types_read_from_the_stats_graph_equal_the_aggregate_after_every_write(tmp_path):
    """event-types reads per-type counts (plain, rolled up, statements) from the stats graph once a writer
    has closed the store, and they equal what the query counts for itself, after a removal and a re-put."""
    from test_rollup import DUNN, SDN, TCD, _t, rollup_docs

    both = "Chad and its foreign minister, Cara Dunn, accused Sudan."  # one event once rolled up
    docs = [*sample_docs(), *rollup_docs(), DocResult(Source("both.txt", both), (TCD, SDN, DUNN), (
        _t(TCD, "accuse", SDN, both, both), _t(DUNN, "accuse", SDN, both, both),
        _t(DUNN, "officialOf", TCD, both, both)), words=len(both.split()))]
    store = GraphStore(tmp_path / "s")
    store.put(docs)
    assert not current(store)
    for step in ("built", "removed", "put again"):
        kept = docs if step != "removed" else [d for d in docs if d.source.identifier != "again.txt"]
        fallback = {r: event_types(_memory(kept), r) for r in (None, "true", "false")}
        store.close()
        stored = store.query(f"SELECT ?p ?n ?r ?s WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?p <{GKG.eventCount}> ?n ; "
                             f"<{GKG.rolledUpEventCount}> ?r ; <{GKG.eventStatementCount}> ?s }} }}")
        assert len(list(stored)) == len(fallback[None].splitlines()) - 1, step
        assert {r: event_types(store, r) for r in fallback} == fallback, step
        counts_only = {r: [line.rsplit("\t", 1)[0] for line in text.splitlines()] for r, text in fallback.items()}
        assert counts_only["true"] != counts_only["false"] == counts_only[None]  # roll-up changes them here
        if step == "built":
            store.remove("again.txt")
        elif step == "removed":
            store.put(docs)


def test_unchanged_documents_keep_counts_and_quad_count(tmp_path):
    store = GraphStore(tmp_path / "s")
    store.put(sample_docs())
    store.close()
    n, before = len(store), counts(store)
    del store
    again = GraphStore(tmp_path / "s")
    assert set(again.put(sample_docs()).values()) == {"unchanged"}
    again.close()
    assert len(again) == n and counts(again) == before and current(again)


def test_emptied_store_holds_nothing(tmp_path):
    store = GraphStore(tmp_path / "s")
    store.put(sample_docs())
    store.close()
    for ident in list(store.documents()):
        store.remove(ident)
    store.close()
    assert len(store) == 0


def test_memory_store_keeps_no_stats_graph():
    store = _memory(sample_docs())
    store.close()
    assert STATS not in set(store._ox.named_graphs())
    assert "Pakistan" in most_connected(store)


def test_interrupted_writer_is_recounted_by_the_next_build(tmp_path):
    """A build stopped between a write and its close leaves no counts; the next build (even with nothing
    new to add) recomputes them."""
    docs = {d.source.identifier: d for d in sample_docs()}

    def extract(sources):
        return (docs[s.identifier] for s in sources)

    path = tmp_path / "s"
    run([d.source for d in docs.values()], extract, store=path)
    gs = GraphStore(path)
    assert current(gs)
    gs._ox.update(f"DROP GRAPH <{STATS_GRAPH}>")  # as if the writer had been killed before closing
    gs._ox.flush()
    del gs
    result = run([d.source for d in docs.values()], extract, store=path)
    assert result.report.unchanged == len(docs)
    assert current(result.store) and counts(result.store) == aggregated(docs.values())


def test_cli_remove_recounts(disk_store):
    assert runner.invoke(app, ["remove", "un.txt", "--store", str(disk_store)]).exit_code == 0
    store = GraphStore(disk_store)
    assert current(store) and counts(store) == aggregated(sample_docs()[:2])


@pytest.mark.server
def test_remote_counts_equal_embedded(oxigraph_server, tmp_path):
    remote = RemoteStore(f"sparql+{oxigraph_server}/query", batch_quads=50)
    remote.put(sample_docs())
    assert not current(remote)
    remote.close()
    assert current(remote) and counts(remote) == aggregated(sample_docs())
    remote.remove("un.txt")
    assert not current(remote)
    remote.close()
    assert counts(remote) == aggregated(sample_docs()[:2])
    embedded = GraphStore(tmp_path / "s")
    embedded.put(sample_docs()[:2])
    embedded.close()
    assert len(remote) == len(embedded) - 2  # the embedded store also ranks its two documents' identifiers
    assert most_connected(remote) == most_connected(embedded)
    documents = named_queries()["documents"]
    assert format_result(run_query(remote, documents, {}), "tsv") == format_result(
        run_query(embedded, documents, {}), "tsv")


@pytest.mark.parametrize("fmt", ["nq", "ttl"])
def test_export_leaves_the_counts_out(tmp_path, fmt):
    store = GraphStore(tmp_path / "s")
    store.put(sample_docs())
    store.close()
    assert current(store)
    assert sorted(store.export(fmt).splitlines()) == sorted(_memory(sample_docs()).export(fmt).splitlines())


def stats_quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None, STATS)}


def test_refresh_embedded_writes_what_the_update_writes_in_small_loads(tmp_path, monkeypatch):
    """The embedded store's streamed recount (``refresh_embedded``) equals the one SPARQL update a server runs,
    written a few quads per bulk load, the mark last; a failure before the mark leaves no current counts."""
    from kg.rdf import stats

    gs = GraphStore(tmp_path / "s")
    gs.put(sample_docs())
    one = ox.Store()
    one.bulk_extend(gs.oxigraph.quads_for_pattern(None, None, None, None))
    one.update(stats.refresh_update())
    assert len(stats_quads(one)) > 10
    writes: list[int] = []
    monkeypatch.setattr(stats, "WRITE_QUADS", 3)
    two = ox.Store()
    two.bulk_extend(gs.oxigraph.quads_for_pattern(None, None, None, None))

    class Counting:  # the store, with its loads' sizes recorded
        def __getattr__(self, name):
            return getattr(two, name)

        def bulk_load(self, text, *args, **kwargs):
            writes.append(len(text.splitlines()))
            two.bulk_load(text, *args, **kwargs)

    stats.refresh_embedded(Counting())
    ranks = {q for q in stats_quads(two) if str(GKG.documentRank) in q}  # embedded only: one per document
    assert len(ranks) == len(sample_docs())
    assert stats_quads(two) - ranks == stats_quads(one) and bool(two.query(current_query()))
    assert max(writes) == 3 and sum(writes) == len(stats_quads(two)) - 1  # the mark is not among them

    class Failing(Counting):
        def bulk_load(self, text, *args, **kwargs):
            raise OSError("no space left on device")

    with pytest.raises(OSError):
        stats.refresh_embedded(Failing())
    assert not two.query(current_query())  # old counts dropped, new ones not marked current


def test_refresh_embedded_gives_memory_back_after_each_count(tmp_path, monkeypatch):
    """The closing recount hands the allocator's free memory back before its first count and after each one
    (kg.alloc), so the counts' buffers do not add up in the writer's peak memory; the counts are the same."""
    from kg.rdf import stats

    gs = GraphStore(tmp_path / "s")
    gs.put(sample_docs())
    gs.refresh_stats()
    before = stats_quads(gs.oxigraph)
    steps: list[int] = []
    monkeypatch.setattr(stats, "give_back", lambda: steps.append(len(stats_quads(gs.oxigraph))) or True)
    stats.refresh_embedded(gs.oxigraph)
    assert stats_quads(gs.oxigraph) == before
    assert len(steps) == len(stats.EMBEDDED_COUNTS) + 1
    assert steps[0] == 0 and steps == sorted(steps) and steps[-1] == len(before) - 1  # all but the mark


def test_give_back_is_malloc_trim_where_there_is_one(monkeypatch):
    import sys

    from kg import alloc

    if sys.platform.startswith("linux"):
        assert alloc.give_back() is True  # glibc: malloc_trim(0), whatever it returned
    monkeypatch.setattr(alloc, "_malloc_trim", lambda: None)  # macOS, musl: nothing to call
    assert alloc.give_back() is False
