"""pipeline.build at scale: streaming, worker processes, batching, skipped documents, progress.

Most tests swap the spaCy extractor for a fast rule over capitalised words (workers are forked, so
the swap reaches them too); the ones marked ``model`` run the real pipeline.
"""

from __future__ import annotations

import doctest
import json
import multiprocessing
import os
import re
import signal
import threading
import time
from dataclasses import replace

import pytest
from typer.testing import CliRunner

import kg.extract
import kg.pipeline as pipeline
from kg.pipeline import build
from kg.rdf.store import GraphStore
from kg.types import DocResult, Entity, Rejected, Source, Triple

WORDS = "Pakistan India Russia Qatar Somalia Kenya Yemen Egypt".split()


def fake_extract(sources, nlp=None, batch_size=64, n_process=1, without=frozenset()):
    """Capitalised words become States; consecutive pairs are linked by ``consult``."""
    for s in sources:
        if "BOOM" in s.text:
            raise RuntimeError("extractor crashed")
        if "HANG" in s.text:
            time.sleep(3600)
        if "DIE" in s.text:
            os.kill(os.getpid(), signal.SIGKILL)
        names = sorted(set(re.findall(r"\b[A-Z][a-z]+\b", s.text)))
        ents = tuple(Entity(f"state/{n.lower()}", n, "State") for n in names)
        triples = tuple(
            Triple(a.key, "consult", b.key, s.text[:40], 0, min(40, len(s.text)), "fake", 0.5)
            for a, b in zip(ents, ents[1:], strict=False)
        )
        rejected = tuple(Rejected(e.key, "accuse", e.key, "x", "self") for e in ents)
        yield DocResult(s, ents, triples, rejected, words=len(s.text.split()))


def fake_piece(source, text, offset, nlp=None, without=frozenset(), triage=None):
    """fake_extract for one piece of a long text (kg.extract.extract_piece): each line is a sentence whose
    capitalised words are entities, consecutive ones linked by ``consult``. Every spelling of a word is a
    name of its entity (the first its label) and one in capitals makes it an Official, so that the pieces'
    entities have labels, names and classes to merge."""
    if "BOOM" in text:
        raise RuntimeError("extractor crashed")
    spellings: dict[str, list[str]] = {}
    triples, rejected = [], []
    for line in re.finditer(r"[^\n]+", text):
        words = list(re.finditer(r"\b[A-Z][A-Za-z]+\b", line.group()))
        for w in words:
            spellings.setdefault(w.group().lower(), []).append(w.group())
        start, end = offset + line.start(), offset + line.end()
        for a, b in zip(words, words[1:], strict=False):
            triples.append(Triple(f"state/{a.group().lower()}", "consult", f"state/{b.group().lower()}",
                                  line.group(), start, end, "fake", 0.5))
            rejected.append(Rejected(f"state/{a.group().lower()}", "accuse", f"state/{b.group().lower()}", "x", "fake"))
    ents = tuple(Entity(f"state/{k}", ws[0], "Official" if any(w.isupper() for w in ws) else "State",
                        alt_labels=frozenset(ws)) for k, ws in spellings.items())
    return DocResult(source, ents, tuple(triples), tuple(rejected), words=len(text.split()))


class FakeNlp:
    def tokenizer(self, text: str) -> None:  # keep_repeated_words
        return None

    def memory_zone(self):
        import contextlib

        return contextlib.nullcontext()


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(kg.extract, "extract_sources", fake_extract)
    monkeypatch.setattr(kg.extract, "extract_piece", fake_piece)
    monkeypatch.setattr("kg.extract.nlp.load_nlp", lambda name=None: FakeNlp())


def docs(n: int, start: int = 0) -> list[Source]:
    return [Source(f"doc-{i:04d}", f"{WORDS[i % 8]} met {WORDS[(i * 3 + 1) % 8]} on day {i}.") for i in
            range(start, start + n)]


def nquads(store: GraphStore) -> list[bytes]:
    return sorted(store.export("nq").splitlines())


def test_pipeline_doctests():
    assert doctest.testmod(pipeline).failed == 0


def test_pipeline_streams_sources(fake, monkeypatch):
    """Sources are read only a bounded distance ahead of what has been committed to the store."""
    monkeypatch.setattr(pipeline, "STORE_BATCH_DOCS", 10)
    monkeypatch.setattr(pipeline, "CHUNK_DOCS", 4)
    read = committed = 0
    ahead = []

    def stream():
        nonlocal read
        for s in docs(300):
            read += 1
            ahead.append(read - committed)
            yield s

    store = GraphStore()
    real_write = store.write

    def write(changes, wait=True):  # kg build prepares each document as it comes and writes a batch at a time
        nonlocal committed
        committed += len(changes)  # (every document is new here: one Change each)
        return real_write(changes, wait)

    store.write = write  # type: ignore[method-assign]
    result = build(stream(), store=store)
    assert result.report.documents == 300
    assert max(ahead) <= 10 + 4 + 1


def test_pipeline_commits_every_tail_second_once_the_input_is_read(fake, monkeypatch):
    """Once every input has gone to extraction, what is pending is written every TAIL_COMMIT_SECONDS (the
    chunks still in flight are loaded as they come), not all of it after the last result."""
    from types import SimpleNamespace

    clock = [0.0]
    monkeypatch.setattr(pipeline, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    read_all = []

    def extract(sources):  # reads every input first, as workers with chunks in flight do near the end
        pending = list(sources)
        read_all.append(True)
        for r in kg.extract.extract_sources(pending):
            clock[0] += 0.4
            yield r

    store = GraphStore()
    writes: list[int] = []
    real_write = store.write

    def write(changes, wait=True):
        writes.append(len(changes))
        return real_write(changes, wait)

    store.write = write  # type: ignore[method-assign]
    result = pipeline.run(docs(10), extract, store=store)
    assert read_all and result.report.documents == 10
    assert writes == [3, 3, 3, 1]  # 1.2 s, 2.4 s, 3.6 s, then the end
    assert nquads(store) == nquads(build(docs(10)).store)


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_jobs_give_the_same_store(fake, monkeypatch, jobs):
    monkeypatch.setattr(pipeline, "CHUNK_DOCS", 3)
    reference = build(docs(40), jobs=1)
    result = build(docs(40), jobs=jobs)
    assert nquads(result.store) == nquads(reference.store)
    assert result.report.to_dict() == reference.report.to_dict()
    assert result.report.documents == 40 and result.report.words == sum(len(s.text.split()) for s in docs(40))


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_failing_document_is_skipped_not_fatal(fake, jobs):
    sources = docs(5) + [Source("bad.txt", "Pakistan BOOM", origin="in/bad.txt")] + docs(5, start=5)
    result = build(sources, jobs=jobs)
    assert result.report.documents == 10
    assert [(s.origin, s.reason) for s in result.report.skipped] == [
        ("in/bad.txt", "extraction failed: RuntimeError: extractor crashed")
    ]


def test_pipeline_pool_stops_a_worker_past_its_time_and_skips_only_that_document(fake, monkeypatch):
    """A chunk past its time limit has its worker ended; its documents are tried one by one, so only the
    one at fault is skipped. A worker that dies is handled the same way. No worker outlives the build."""
    monkeypatch.setattr(pipeline, "CHUNK_DOCS", 4)
    monkeypatch.setattr(pipeline, "CHUNK_TIMEOUT_S", 3.0)
    monkeypatch.setattr(pipeline, "TIMEOUT_CHARS_PER_S", 10**9)
    sources = (docs(5) + [Source("hang.txt", "Pakistan HANG", origin="in/hang.txt")] + docs(4, start=5)
               + [Source("die.txt", "India DIE", origin="in/die.txt")] + docs(3, start=9))
    started = time.monotonic()
    result = build(sources, jobs=2)
    assert time.monotonic() - started < 60
    assert result.report.documents == 12
    assert [(s.origin, s.reason) for s in result.report.skipped] == [
        ("in/hang.txt", "extraction took longer than 3 s; its worker was stopped"),
        ("in/die.txt", "the worker process extracting it died (exit code -9)"),
    ]
    assert multiprocessing.active_children() == []


def test_pipeline_interrupted_build_leaves_no_worker_or_pool_thread(fake):
    """Ctrl-C (KeyboardInterrupt in the main thread) mid-build: the pool is stopped and joined before the
    exception leaves build(), so nothing of it is left to race the interpreter's exit (the cause of a
    concurrent.futures traceback on Ctrl-C with --jobs 2: its manager thread was never joined)."""
    before = set(threading.enumerate())

    def interrupt(docs_done: int, words: int) -> None:
        if docs_done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(docs(200), jobs=2, on_progress=interrupt)
    assert multiprocessing.active_children() == []
    assert [t for t in threading.enumerate() if t not in before] == []


def test_pipeline_sets_the_pipeline_apart_from_full_collections_during_the_build_only(fake):
    """--jobs 1: once the pipeline is loaded and warmed up, what the process holds is frozen (gc.freeze) for
    the build, and thawed when it ends, also when it ends early."""
    import gc

    frozen = []
    build(docs(5), on_progress=lambda d, w: frozen.append(gc.get_freeze_count()))
    assert len(frozen) == 5 and min(frozen) > 0 and gc.get_freeze_count() == 0

    def interrupt(d: int, w: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(docs(5), on_progress=interrupt)
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_missing_model_is_one_clear_error(monkeypatch, jobs):
    from kg.errors import ModelError

    def no_model(name=None):
        raise ModelError("no spaCy pipeline could be loaded; tried nope")

    monkeypatch.setattr("kg.extract.nlp.load_nlp", no_model)
    with pytest.raises(ModelError, match="tried nope"):
        build(docs(3), jobs=jobs)


def test_pipeline_skips_current_and_duplicate_documents(fake, tmp_path):
    store = tmp_path / "store"
    assert build(docs(6), store=store).report.documents == 6  # (the result, and its open store, is dropped)
    again = build(docs(6) + [docs(1)[0]] + docs(2, start=6), store=store)
    assert (again.report.documents, again.report.unchanged) == (2, 6)
    assert any("duplicate identifier 'doc-0000'" in s.reason for s in again.report.skipped)  # --strict sees it


def test_pipeline_report_caps_rejected(fake, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_REPORTED_REJECTS", 7)
    result = build(docs(20))
    assert len(result.report.rejected) == 7
    assert result.report.entities == 8


def test_pipeline_progress_counts_documents_and_words(fake):
    calls = []
    build(docs(25), on_progress=lambda d, w: calls.append((d, w)))
    assert [d for d, _ in calls] == list(range(1, 26))
    assert calls[-1][1] == sum(len(s.text.split()) for s in docs(25))


def test_pipeline_reads_paths_lazily(fake, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": s.identifier, "text": s.text}) + "\n" for s in docs(12)))
    result = build(iter([str(path)]), jobs=2)
    assert result.report.documents == 12


def test_pipeline_cli_progress_silent_without_tty(fake, tmp_path):
    from kg.cli import app

    (tmp_path / "a.txt").write_text("Pakistan met India.")
    res = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "s"), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "words/s" not in res.output and "docs" not in res.output
    quiet = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "s"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


PIECE_CHARS = 200  # MAX_CHUNK_CHARS in the tests of long documents


def long_source(lines: int = 60, boom_at: int | None = None, name: str = "long") -> Source:
    """A text of many pieces of PIECE_CHARS: a line a sentence, a blank line between paragraphs; some names
    in capitals (an Official, another name) and the same sentences in several pieces."""
    out = []
    for i in range(lines):
        a, b = WORDS[i % 8], WORDS[(i * 3 + 1) % 8]
        a = a.upper() if i % 9 == 5 else a
        out.append(f"{a} met {b} on day {i % 4}." + (" BOOM" if i == boom_at else ""))
        if i % 3 == 2:
            out.append("")
    return Source(name, "\n".join(out) + "\n", origin=f"in/{name}.txt")


def one_write(sources: list[Source]) -> tuple[list[bytes], dict]:
    """The store and report of writing each document whole, in one put: the long ones' pieces merged
    (kg.extract.merge_chunks), as a build did before documents were written piece by piece."""
    from kg.extract import merge_chunks, split_text
    from kg.types import BuildReport

    results = []
    for s in sources:
        if len(s.text) > PIECE_CHARS:
            results.append(merge_chunks(s, [fake_piece(s, t, o) for o, t in split_text(s.text, PIECE_CHARS)]))
        else:
            results.extend(fake_extract([s]))
    store = GraphStore()
    store.put(results)
    report = BuildReport(documents=len(results))
    tally = pipeline._Tally(BuildReport())
    for r in results:
        tally.committed(r.source.identifier, r.entities, pipeline._DocCounts.of(r))
    tally.finish()
    report = tally.report.to_dict()
    return nquads(store), report


@pytest.fixture
def pieces(fake, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_CHUNK_CHARS", PIECE_CHARS)
    monkeypatch.setattr(kg.extract, "MAX_CHUNK_CHARS", PIECE_CHARS)


class Spy(GraphStore):
    """Notes each write: pieces (and whether the long document was already a stored one), whole ones."""

    def __init__(self, events: list):
        super().__init__()
        self.events = events

    def put_piece(self, graph, quads):
        self.events.append(("piece", "long" in self.documents()))
        super().put_piece(graph, quads)

    def finish_pieces(self, result, prior):
        self.events.append(("finish", result.source.identifier))
        return super().finish_pieces(result, prior)


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_long_document_is_written_piece_by_piece_as_one_write_would(pieces, jobs):
    """Each piece's statements go into the store as the piece is extracted, before the next one is; the
    document becomes a stored one (identifier, content hash) only with its last write; and the store and
    report end as writing the merged document in one put gives (entities merged over the pieces: first
    label, Official if any piece says so, every name; the other documents' labels kept first)."""
    sources = [Source("before", "PAKISTAN met Qatar."), long_source(), Source("after", "Kenya met Egypt.")]
    events: list = []
    original = fake_piece

    def noting(source, text, offset, *args, **kw):
        events.append(("extract", offset))
        return original(source, text, offset, *args, **kw)

    kg.extract.extract_piece = noting  # (the fixture puts fake_piece back)
    store = Spy(events)
    result = build(sources, store=store, jobs=jobs)
    written = [e for e in events if e[0] != "extract"]
    assert len(written) > 5 and written[-1] == ("finish", "long")
    assert all(e == ("piece", False) for e in written[:-1])  # not a stored document before its last write
    if jobs == 1:  # (with workers the pieces are extracted in other processes)
        kinds = [e[0] for e in events]
        assert kinds.index("piece") < kinds.index("extract", kinds.index("extract") + 1)  # written as they come
        assert kinds[:4] == ["extract", "piece", "extract", "piece"]
    expected_store, expected_report = one_write(sources)
    assert nquads(result.store) == expected_store
    assert result.report.to_dict() == expected_report
    assert result.report.documents == 3


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_long_document_with_a_failing_piece_is_skipped_and_leaves_no_graph(pieces, jobs):
    from kg.rdf.convert import doc_iri

    bad = long_source(boom_at=40)
    sources = [Source("before", "Pakistan met Qatar."), bad, Source("after", "Kenya met Egypt.")]
    result = build(sources, jobs=jobs)
    assert [(s.origin, s.reason.split(":")[0]) for s in result.report.skipped] == [
        ("in/long.txt", "extraction failed in piece 7 of 10")]
    assert result.report.documents == 2
    assert nquads(result.store) == one_write([sources[0], sources[2]])[0]
    assert not result.store.oxigraph.contains_named_graph(ox_node(str(doc_iri(bad))))


def test_pipeline_long_document_replaced_and_redone_after_a_partial_write(pieces, tmp_path, monkeypatch):
    """A changed long document replaces the stored version (its old graph and the entities only it named
    go); a graph left by a write stopped mid-document is removed (a few quads a step, here) before the
    document is written again."""
    import kg.rdf.store
    from kg.rdf.convert import doc_iri, statement_quads
    from kg.types import Triple as T

    monkeypatch.setattr(kg.rdf.store, "DROP_STEP_QUADS", 4)

    store = tmp_path / "store"
    build([long_source(30), Source("other", "Chad met Mali.")], store=store).store.close()
    new = long_source(45)
    gs = GraphStore(store)  # what a build killed after two pieces of ``new`` leaves, and a stray statement
    stray = T("state/nowhere", "consult", "state/pakistan", "x", 0, 1, "stray", 0.5)
    gs.put_piece(str(doc_iri(new)), statement_quads(doc_iri(new), [stray]))
    gs.close()
    del gs
    result = build([new, Source("other", "Chad met Mali.")], store=store)
    assert (result.report.documents, result.report.unchanged) == (1, 1)
    assert nquads(result.store) == one_write([new, Source("other", "Chad met Mali.")])[0]


@pytest.mark.server
def test_pipeline_long_document_into_a_remote_store(pieces, oxigraph_server):
    """Written piece by piece to a SPARQL server (requests of a few quads), checked against the quads
    sent, the remote store ends as the embedded one."""
    from kg.rdf.remote import RemoteStore

    sources = [Source("before", "PAKISTAN met Qatar."), long_source(), Source("after", "Kenya met Egypt.")]
    remote = RemoteStore(f"sparql+{oxigraph_server}/query", batch_quads=50)
    result = build(sources, store=remote)
    assert result.report.documents == 3
    assert sorted(remote.export("nq").splitlines()) == one_write(sources)[0]
    again = build(sources, store=RemoteStore(f"sparql+{oxigraph_server}/query"))
    assert (again.report.documents, again.report.unchanged) == (0, 3)


def test_pipeline_piece_goes_to_a_worker_without_the_whole_text(pieces):
    import pickle

    source = long_source(400)  # about 40 pieces
    units = [u for c in pipeline.chunks([source]) for u in c]
    data = pickle.dumps(units[3])
    assert len(units) > 30 and len(data) < len(units[3].text) + 500
    back = pickle.loads(data)
    assert (back.text, back.start, back.index, back.digest) == (units[3].text, units[3].start, 3, units[3].digest)
    assert back.source == replace(source, text="")


def ox_node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


@pytest.mark.model
def test_pipeline_memory_zone_keeps_results():
    """Freeing each chunk's strings (spaCy memory_zone) changes nothing in what is extracted."""
    from kg.extract import extract_sources
    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    sources = [Source(f"m{i}", t) for i, t in enumerate([
        "Pakistani Foreign Minister Imran Belkari met Indian officials in New Delhi on Monday.",
        "Officials in Kabul said the Taliban attacked a police post near Zarquitan.",
    ] * 2)]
    plain = list(extract_sources(sources, nlp=nlp))
    assert pipeline.extract_chunk(sources, nlp) == plain
    assert pipeline.extract_chunk(sources, nlp) == plain


def test_pipeline_repeated_words_stay_cached_with_the_same_tokens():
    """The words a chunk repeats are tokenized outside the memory zone: they stay in the vocabulary (and
    the tokenizer's cache) through every zone, up to KEPT_WORDS; the tokens are the same as without."""
    import spacy

    from kg.extract import nlp as kg_nlp

    texts = ["The envoys met in the capital, and the envoys said talks went well.", "Talks resume soon."]
    cold = spacy.blank("en")
    with cold.memory_zone():
        expected = [[t.text for t in cold(text)] for text in texts]
    warm = spacy.blank("en")
    kg_nlp.keep_repeated_words(warm, texts)
    kept = {lex.orth_ for lex in warm.vocab}
    assert {"the", "envoys"} <= kept and "capital" not in kept and "resume" not in kept
    with warm.memory_zone():
        assert [[t.text for t in warm(text)] for text in texts] == expected
    assert {"the", "envoys"} <= {lex.orth_ for lex in warm.vocab}
    assert len(kg_nlp._kept[warm]) <= kg_nlp.KEPT_WORDS


def test_pipeline_long_text_pieces_go_to_spacy_one_at_a_time(monkeypatch):
    """A text longer than MAX_CHUNK_CHARS is cut into pieces, each a chunk of its own, parsed one at a time: at
    no moment is more than one piece parsed and waiting for extraction, however long the text (this bounds
    the peak memory; bench/bench_long.py measures it); each gives its own PieceResult, in order. Shorter
    documents around it are extracted as before."""
    import spacy
    from spacy.language import Language

    monkeypatch.setattr(kg.extract, "MAX_CHUNK_CHARS", 1_000)
    monkeypatch.setattr(pipeline, "MAX_CHUNK_CHARS", 1_000)
    counts = {"parsed": 0, "extracted": 0, "most_waiting": 0}

    class CountParsed:
        """Parses (counts) a batch at a time, as spaCy's trained components (tagger, parser, ner) do."""

        def __call__(self, doc):
            return next(self.pipe([doc]))

        def pipe(self, stream, *, batch_size=128):
            for batch in spacy.util.minibatch(stream, size=batch_size):
                counts["parsed"] += len(batch)
                counts["most_waiting"] = max(counts["most_waiting"], counts["parsed"] - counts["extracted"])
                yield from batch

    Language.factory("test_count_parsed", func=lambda nlp, name: CountParsed())

    from kg.extract import components

    def extract(self, doc, without=None, release=False):  # geokg_relations, counting what it extracts
        counts["extracted"] += 1
        doc._.set(components.RESULT, DocResult(components.source_of(doc), (), (), words=len(doc)))
        return doc

    monkeypatch.setattr(components.EntityResolver, "__call__", lambda self, doc: doc)
    monkeypatch.setattr(components.RelationExtractor, "__call__", extract)
    nlp = spacy.blank("en")
    nlp.add_pipe("test_count_parsed")
    paragraph = "Pakistan and India agreed to hold talks in Doha next month. " * 6
    long_text = "\n\n".join([paragraph] * 100)  # 36,000 characters: about 40 pieces
    sources = [Source("short-1", paragraph), Source("long", long_text), Source("short-2", paragraph)]
    results = [r for c in pipeline.chunks(sources) for r in pipeline.extract_chunk(c, nlp)]
    pieces = results[1:-1]
    assert [r.source.identifier for r in (results[0], results[-1])] == ["short-1", "short-2"]
    assert all(isinstance(r, pipeline.PieceResult) and r.result.source.identifier == "long" for r in pieces)
    assert [r.piece.index for r in pieces] == list(range(len(pieces))) and len(pieces) > 30
    assert "".join(r.piece.text for r in pieces) == long_text  # cut, at paragraph breaks, with nothing lost
    assert all(r.piece.text.endswith("\n\n") for r in pieces[:-1])
    assert sum(r.result.words for r in pieces) == len(nlp(long_text))
    assert counts["most_waiting"] <= 1
