"""Shared fixtures: hand-built DocResults (no spaCy, no model) and stores holding them.

The sample is three short news items about the United States, Pakistan, India and Lashkar-e-Taiba,
shaped exactly as the extractor's output would be, so store, query, server and validation tests run fast
and do not change when the extraction rules do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.types import DocResult, Entity, Source, Triple


def in_ci() -> bool:
    """Is this a CI run (``.ci/run`` exports CI=1; CI services set CI=true)?"""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_unless_ci(reason: str) -> None:
    """Skip a test whose browser, model or tool is missing, on a developer's machine only: in CI, where
    ``.ci/run`` installs all of them, a missing one is a failure (a green run must not hide it)."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def import_or_fail_in_ci(module: str, reason: str | None = None):
    """``pytest.importorskip`` that fails instead of skipping in CI."""
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as exc:
        skip_unless_ci(reason or f"{module} is not installed: {exc}")


def load_model_or_skip():
    """The trained spaCy pipeline; a missing one skips model tests outside CI and fails them in CI."""
    from kg.extract.nlp import load_nlp

    try:
        return load_nlp()
    except Exception as exc:  # noqa: BLE001 - the loader's message names what was tried
        skip_unless_ci(f"no spaCy pipeline: {exc}")

USA = Entity("state/USA", "United States", "State", iso="USA", alt_labels=frozenset({"U.S.", "Washington"}))
PAK = Entity("state/PAK", "Pakistan", "State", iso="PAK", alt_labels=frozenset({"Islamabad"}))
IND = Entity("state/IND", "India", "State", iso="IND", alt_labels=frozenset({"New Delhi"}))
LET = Entity("group/lashkar-e-taiba", "Lashkar-e-Taiba", "ArmedGroup", alt_labels=frozenset({"LeT"}))
HAQ = Entity("group/haqqani-network", "Haqqani network", "ArmedGroup", alt_labels=frozenset({"Haqqanis"}))
MATTIS = Entity("person/james-mattis", "James Mattis", "Official", title="Secretary of Defense",
                alt_labels=frozenset({"Mattis"}))
ABBASI = Entity("person/shahid-khaqan-abbasi", "Shahid Khaqan Abbasi", "Official", title="Prime Minister")
SAEED = Entity("person/hafiz-saeed", "Hafiz Saeed", "Official", title="founder")
MODI = Entity("person/narendra-modi", "Narendra Modi", "Official", title="Prime Minister")
UN = Entity("org/united-nations", "United Nations", "InternationalOrganization", alt_labels=frozenset({"UN"}))
LAHORE = Entity("place/lahore", "Lahore", "Place")

T1 = ("U.S. Secretary of Defense James Mattis met Prime Minister Shahid Khaqan Abbasi in Islamabad. "
      "Mattis urged Pakistan to act against the Haqqani network. "
      "Washington accused Islamabad of sheltering militants.")
S1 = "U.S. Secretary of Defense James Mattis met Prime Minister Shahid Khaqan Abbasi in Islamabad."
T2 = ("India accused Pakistan of backing Lashkar-e-Taiba after the attack. "
      "Lashkar-e-Taiba, founded by Hafiz Saeed, is based in Pakistan. "
      "Pakistan supports Lashkar-e-Taiba, Indian officials said. "
      "Lashkar-e-Taiba attacked Indian troops in Kashmir on 2019-02-14.")
T3 = ("The United Nations sanctioned Lashkar-e-Taiba. Prime Minister Narendra Modi met U.S. officials. "
      "India and the United States agreed to share intelligence.")


def _t(s: Entity, rel: str, o: Entity, text: str, sentence: str, date: str | None = None, **kw) -> Triple:
    start = text.index(sentence)
    return Triple(s.key, rel, o.key, sentence, start, start + len(sentence), kw.pop("rule", "test"),
                  kw.pop("confidence", 0.9), date=date, **kw)


def sample_docs() -> list[DocResult]:
    """Three documents; Pakistan and Lashkar-e-Taiba are mentioned by more than one."""
    s1 = Source("mattis.txt", T1, title="Mattis in Islamabad", date="2018-03-12", url="https://example.org/mattis")
    s2 = Source("kashmir.txt", T2, title="Kashmir attack", date="2019-02-15")
    s3 = Source("un.txt", T3, title="UN sanctions", date="2019-05-01")
    d1 = DocResult(s1, (USA, PAK, HAQ, MATTIS, ABBASI), (
        _t(MATTIS, "officialOf", USA, T1, S1),
        _t(ABBASI, "leaderOf", PAK, T1, S1),
        _t(MATTIS, "consult", ABBASI, T1, S1),
        _t(MATTIS, "request", PAK, T1, "Mattis urged Pakistan to act against the Haqqani network."),
        _t(USA, "accuse", PAK, T1, "Washington accused Islamabad of sheltering militants.", sector="GOV"),
    ), words=len(T1.split()))
    d2 = DocResult(s2, (IND, PAK, LET, SAEED, LAHORE), (
        _t(IND, "accuse", PAK, T2, "India accused Pakistan of backing Lashkar-e-Taiba after the attack."),
        _t(SAEED, "leaderOf", LET, T2, "Lashkar-e-Taiba, founded by Hafiz Saeed, is based in Pakistan."),
        _t(LET, "basedIn", PAK, T2, "Lashkar-e-Taiba, founded by Hafiz Saeed, is based in Pakistan."),
        _t(PAK, "support", LET, T2, "Pakistan supports Lashkar-e-Taiba, Indian officials said."),
        _t(LET, "assault", IND, T2, "Lashkar-e-Taiba attacked Indian troops in Kashmir on 2019-02-14.",
           date="2019-02-14", sector="MIL"),
    ), words=len(T2.split()))
    d3 = DocResult(s3, (UN, LET, MODI, IND, USA), (
        _t(UN, "sanction", LET, T3, "The United Nations sanctioned Lashkar-e-Taiba."),
        _t(MODI, "leaderOf", IND, T3, "Prime Minister Narendra Modi met U.S. officials."),
        _t(MODI, "consult", USA, T3, "Prime Minister Narendra Modi met U.S. officials."),
        _t(IND, "agree", USA, T3, "India and the United States agreed to share intelligence.", modality="future"),
    ), words=len(T3.split()))
    return [d1, d2, d3]


def changed(doc: DocResult, extra: str = " Talks continue.") -> DocResult:
    """The same document (same identifier) with different text."""
    return dataclasses.replace(doc, source=dataclasses.replace(doc.source, text=doc.source.text + extra))


@pytest.fixture
def docs() -> list[DocResult]:
    return sample_docs()


@pytest.fixture
def mem_store(docs):
    """An in-memory GraphStore holding the sample documents."""
    from kg.rdf.store import GraphStore

    store = GraphStore(None)
    store.put(docs)
    return store


@pytest.fixture
def disk_store(tmp_path, docs):
    """An on-disk Oxigraph store (directory path) holding the sample documents."""
    from kg.rdf.store import GraphStore

    path = tmp_path / "store"
    store = GraphStore(path)
    store.put(docs)
    store.close()
    return path


@pytest.fixture
def graph_file(tmp_path, mem_store) -> Path:
    """The sample as a Turtle file (all triples in the default graph)."""
    path = tmp_path / "graph.ttl"
    path.write_bytes(mem_store.export("ttl"))
    return path


# ----------------------------------------------------------------------------------------- servers


@contextlib.contextmanager
def held_elsewhere(path: Path):
    """The store directory ``path`` held open by another process (as a kg build or kg serve would) meanwhile."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()"),
        str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.communicate("")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on port {port} after {timeout} s")


def oxigraph_binary() -> str | None:
    """The `oxigraph` server binary of the `oxigraph` PyPI package, next to this Python or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which("oxigraph")


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real `oxigraph serve` on a free port; yields its base URL (http://127.0.0.1:PORT)."""
    binary = oxigraph_binary()
    if binary is None:
        skip_unless_ci("the oxigraph server binary is missing: pip install 'oxigraph>=0.5,<0.6'")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
