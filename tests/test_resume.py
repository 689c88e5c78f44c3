"""Resume: a `kg build --store` killed mid-run (SIGKILL) or interrupted (SIGINT), run again, processes only
the documents not yet committed and ends with exactly the store of an uninterrupted build.

The real pipeline runs in a subprocess on small generated documents. The only test device is a spy,
installed by the subprocess's own launcher, that prints a line after each committed batch so the test
knows when to strike; commit batches are made small so that the run has many of them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.rdf.store import open_store

pytestmark = [pytest.mark.model, pytest.mark.slow]

N_DOCS = 48
LAUNCHER = """
import sys
import kg.pipeline

kg.pipeline.STORE_BATCH_DOCS = 4
kg.pipeline.CHUNK_DOCS = 4
_settle = kg.pipeline._Writer.settle

def settle(self):  # a batch is committed once its write (a bulk load in a thread) is seen finished
    n = len(self.unconfirmed)
    _settle(self)
    if n:
        print("committed", n, flush=True)

kg.pipeline._Writer.settle = settle
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
main()
"""

STATES = ["Pakistan", "India", "Qatar", "Russia", "Ukraine", "Somalia", "Kenya", "Yemen"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("resume") / "news.jsonl"
    with path.open("w") as fh:
        for i in range(N_DOCS):
            a, b = STATES[i % 8], STATES[(i * 3 + 1) % 8]
            text = (f"The foreign minister of {a}, Imran Dor{i}, met officials of {b} in Doha on Monday. "
                    f"{a} accused {b} of sheltering militants near the border.")
            fh.write(json.dumps({"id": f"n{i:03d}", "text": text, "date": "2020-01-01"}) + "\n")
    return path


@pytest.fixture(scope="module")
def clean(corpus) -> list[bytes]:
    return sorted(build([str(corpus)]).store.export("nq").splitlines())


def kg_build(corpus: Path, store: Path, *extra: str) -> subprocess.Popen:
    args = [sys.executable, "-c", LAUNCHER, "build", str(corpus), "--store", str(store), *extra]
    # SIGINT back to its default, in case the test runner was started with it ignored (a background job)
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def stored(store: Path) -> list[bytes]:
    return sorted(open_store(store).export("nq").splitlines())


def interrupt(corpus: Path, store: Path, sig: int, jobs: str) -> int:
    """Start a build, strike with ``sig`` once a batch is committed; returns how many it printed as committed."""
    proc = kg_build(corpus, store, "--jobs", jobs)
    first = proc.stdout.readline()
    assert first.startswith("committed"), proc.communicate()[1]
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "Traceback" not in err, err
    else:
        assert proc.returncode == -signal.SIGKILL
    return sum(int(line.split()[1]) for line in (first + out).splitlines() if line.startswith("committed"))


def test_resume_after_ctrl_c_and_kill_equals_clean_build(corpus, clean, tmp_path):
    store = tmp_path / "store"
    printed = interrupt(corpus, store, signal.SIGINT, jobs="2")  # worker processes stopped with the parent
    printed += interrupt(corpus, store, signal.SIGKILL, jobs="1")

    again = kg_build(corpus, store, "--jobs", "1")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    summary = next(line for line in out.splitlines() if "documents (" in line)
    processed, unchanged = map(int, re.match(r"(\d+) documents \((\d+) unchanged", summary).groups())
    # what was committed before each signal is not done again (a last batch may have landed unprinted)
    assert processed + unchanged == N_DOCS and printed <= unchanged < N_DOCS, (printed, summary)
    assert stored(store) == clean


def test_resume_rebuild_of_complete_store_does_nothing(corpus, clean, tmp_path):
    store = tmp_path / "store"
    assert build([str(corpus)], store=store).report.documents == N_DOCS
    again = build([str(corpus)], store=store)
    assert (again.report.documents, again.report.unchanged) == (0, N_DOCS)
    assert sorted(again.store.export("nq").splitlines()) == clean


LONG_LAUNCHER = """
import os
import sys
import time
import kg.extract
import kg.pipeline
from kg.rdf.store import GraphStore

kg.pipeline.MAX_CHUNK_CHARS = kg.extract.MAX_CHUNK_CHARS = 1_500
_put_piece = GraphStore.put_piece
written = 0

def put_piece(self, graph, quads):
    global written
    _put_piece(self, graph, quads)
    written += 1
    print("piece", written, flush=True)
    if written == int(os.environ.get("STOP_AFTER_PIECES", 0)):
        time.sleep(600)  # the test kills it here, mid-document

GraphStore.put_piece = put_piece
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
main()
"""


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    paragraphs = []
    for i in range(40):
        a, b, c = STATES[i % 8], STATES[(i * 3 + 1) % 8], STATES[(i * 5 + 2) % 8]
        paragraphs.append(f"The foreign minister of {a}, Imran Dor{i % 5}, met officials of {b} in Doha. "
                          f"{a} accused {c} of sheltering militants near the border. He said talks would resume.")
    (folder / "a-long.txt").write_text("\n\n".join(paragraphs) + "\n")  # ~8,000 characters: 6 pieces
    (folder / "b-short.txt").write_text("Qatar accused Kenya of sheltering militants near the border.\n")
    return folder


def test_resume_long_document_killed_mid_document_is_redone_whole(long_corpus, tmp_path, monkeypatch):
    """kill -9 after two of a long document's pieces are written: the store holds its partial graph but not
    the document (its identifier and content hash are written last), so the next run removes that graph,
    does the document again from its first piece, and ends with the store of an uninterrupted build."""
    import kg.extract
    import kg.pipeline
    from kg.rdf.convert import doc_iri
    from kg.types import Source

    monkeypatch.setattr(kg.pipeline, "MAX_CHUNK_CHARS", 1_500)
    monkeypatch.setattr(kg.extract, "MAX_CHUNK_CHARS", 1_500)
    clean_long = sorted(build([str(long_corpus)]).store.export("nq").splitlines())

    store = tmp_path / "store"
    args = [sys.executable, "-c", LONG_LAUNCHER, "build", str(long_corpus), "--store", str(store), "--jobs", "1"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "STOP_AFTER_PIECES": "2"})
    assert proc.stdout.readline().startswith("piece 1"), proc.communicate()[1]
    assert proc.stdout.readline().startswith("piece 2"), proc.communicate()[1]
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    text = (long_corpus / "a-long.txt").read_text()
    graph = str(doc_iri(Source("a-long.txt", text)))
    look = ("import sys, pyoxigraph as ox; from kg.rdf.store import open_store; gs = open_store(sys.argv[1]); "
            "print(sorted(gs.documents()), len(list(gs.oxigraph.quads_for_pattern(None, None, None, "
            "ox.NamedNode(sys.argv[2])))))")
    seen = subprocess.run([sys.executable, "-c", look, str(store), graph], capture_output=True, text=True)
    documents, partial = seen.stdout.rsplit(" ", 1)
    assert "a-long.txt" not in documents and int(partial) > 0, seen  # a graph, but not a document

    again = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert [line for line in again.stdout.splitlines() if line.startswith("piece")][0] == "piece 1"
    assert stored(store) == clean_long
