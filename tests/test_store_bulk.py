"""The embedded store writes new documents with Oxigraph's bulk loader: each put's documents are all there or
none, even when the writer is killed (SIGKILL) mid-write; the tables the loader writes pass the store's
integrity check; a killed load's leftover file does not stop the store from opening."""

from __future__ import annotations

import gc
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.rdf.convert import all_quads, doc_iri
from kg.rdf.integrity import check_store_files
from kg.rdf.store import GraphStore
from kg.types import DocResult, Entity, Source, Triple

WRITER = """
import sys
from kg.rdf.store import GraphStore
from tests.test_store_bulk import documents

store = GraphStore(sys.argv[1])
docs = documents(int(sys.argv[2]), 400)
for i in range(0, len(docs), 20):
    store.put(docs[i:i + 20])
    print("committed", i + 20, flush=True)
"""


def documents(start: int, n: int) -> list[DocResult]:
    """``n`` documents with a few relations each (about 60 quads), numbered from ``start``."""
    states = [Entity(f"state/s{k}", f"State number {k}", "State") for k in range(30)]
    out = []
    for i in range(start, start + n):
        a, b = states[i % 30], states[(i * 7 + 3) % 30]
        triples = tuple(Triple(a.key, "accuse", b.key, f"Sentence {j} of report {i}: {a.label} accused {b.label}.",
                               j * 80, j * 80 + 60, "bench", 0.8) for j in range(4))
        out.append(DocResult(Source(f"report-{i:05d}.txt", f"Report {i} " * 40, title=f"Report {i}"),
                             (a, b), triples))
    return out


def graph_quads(store: GraphStore, graph: str) -> set[str]:
    return {str(q) for q in store.quads() if q.graph_name.value == graph}


@pytest.mark.slow
def test_store_bulk_sigkill_leaves_only_whole_documents(tmp_path):
    path = tmp_path / "store"
    root = Path(__file__).resolve().parents[1]
    for run, delay in enumerate((0.0, 0.05, 0.2)):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(run * 1000)], cwd=root,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = proc.stdout.readline()
        assert first.startswith("committed"), proc.communicate()[1]
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)

    # a kill during a flush or compaction may leave a half-written table file no version refers to: opening
    # the store (RocksDB) deletes it, and the integrity check, run after the open, finds nothing
    store = GraphStore(path)
    assert check_store_files(path) is None
    assert not list(path.glob("bulk-*.sst"))
    stored = store.documents()
    assert len(stored) >= 3 * 20
    expected = {d.source.identifier: d for run in range(3) for d in documents(run * 1000, 400)}
    for ident, (graph, _) in stored.items():
        doc = expected[ident]
        assert graph == str(doc_iri(doc.source))
        own = {str(q) for q in all_quads(doc) if q.graph_name.value == graph}
        assert graph_quads(store, graph) == own, ident
    # the graphs in the store are exactly the documents it knows: no partial document without its node
    graphs = {q.graph_name.value for q in store.quads()} - {"https://w3id.org/geokg/graph/entities"}
    assert graphs == {g for g, _ in stored.values()}


def _index_compression(table: Path) -> int:
    data = table.read_bytes()
    footer = data[-53:]
    pos, values = 1, []
    for _ in range(4):
        value = shift = 0
        while True:
            byte = footer[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        values.append(value)
    _, _, index_offset, index_size = values
    assert struct.unpack_from("<Q", footer, 45)[0] == 0x88E241B785F4CFF7
    return data[index_offset + index_size]


def test_store_bulk_tables_pass_the_integrity_check(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.put(documents(0, 400))  # not closed: closing compacts the loader's tables into RocksDB's own
    tables = list((tmp_path / "store").glob("[0-9]*.sst"))
    assert any(_index_compression(t) == 4 for t in tables)  # an LZ4-compressed index is read, not skipped
    assert check_store_files(tmp_path / "store") is None
    # and damage in a data block behind a compressed index is still found
    table = max((t for t in tables if _index_compression(t) == 4), key=lambda t: t.stat().st_size)
    with table.open("r+b") as f:
        f.seek(100)
        f.write(b"\xa5" * 16)
    damage = check_store_files(tmp_path / "store")
    assert damage is not None and damage.file == table.name


def test_store_bulk_leftover_file_of_a_killed_load_is_removed(tmp_path):
    path = tmp_path / "store"
    GraphStore(path).put(documents(0, 10))  # released with its last GraphStore, here
    gc.collect()
    (path / "bulk-1234567890.sst").write_bytes(b"half a table")
    store = GraphStore(path)
    assert len(store.documents()) == 10
    assert not (path / "bulk-1234567890.sst").exists()
