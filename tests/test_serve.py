"""kg serve: the SPARQL 1.1 Protocol over real HTTP, with SPARQLWrapper as the client."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.results import ProtocolError
from kg.serve import ServeConfig, make_server, negotiate

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
pytestmark = pytest.mark.server

Q_OFFICIALS = """PREFIX gkg: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?name ?title WHERE { ?o gkg:officialOf|gkg:leaderOf ?x ; rdfs:label ?name ; gkg:title ?title }
ORDER BY ?name"""
OFFICIALS = ["Hafiz Saeed", "James Mattis", "Narendra Modi", "Shahid Khaqan Abbasi"]


@pytest.fixture
def endpoint(mem_store):
    """A running server over the sample store; yields (base URL, config)."""
    servers = []

    def start(**options):
        config = ServeConfig(port=0, **options)
        server = make_server(mem_store._ox, config)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def wrapper(url: str):
    sw = SPARQLWrapper.SPARQLWrapper(url + "/sparql")
    return sw


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.headers.get("Content-Type"), e.read()


@pytest.mark.parametrize("method", ["GET", "POST", "POST_DIRECTLY"])
def test_serve_select_json_with_sparqlwrapper(endpoint, method):
    sw = wrapper(endpoint())
    sw.setQuery(Q_OFFICIALS)
    sw.setMethod("GET" if method == "GET" else "POST")
    if method == "POST_DIRECTLY":
        sw.setRequestMethod(SPARQLWrapper.POSTDIRECTLY)
    sw.setReturnFormat(SPARQLWrapper.JSON)
    data = sw.query().convert()
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == OFFICIALS


@pytest.mark.parametrize("fmt", ["XML", "CSV", "TSV"])
def test_serve_select_other_formats(endpoint, fmt):
    sw = wrapper(endpoint())
    sw.setQuery(Q_OFFICIALS)
    sw.setReturnFormat(getattr(SPARQLWrapper, fmt))
    out = sw.query().convert()
    if fmt == "XML":
        names = [n.firstChild.firstChild.data for n in out.getElementsByTagName("binding")
                 if n.getAttribute("name") == "name"]
        assert names == OFFICIALS
    else:
        text = out.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == "CSV" else "\t"))
        assert rows[0] == (["name", "title"] if fmt == "CSV" else ["?name", "?title"])
        assert rows[2][0] in ("James Mattis", '"James Mattis"')


def test_serve_ask_and_construct(endpoint):
    url = endpoint()
    sw = wrapper(url)
    sw.setQuery("ASK { ?s <https://w3id.org/geokg/ontology#isoCode> 'PAK' }")
    sw.setReturnFormat(SPARQLWrapper.JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE "
                "{ ?s <https://w3id.org/geokg/ontology#isoCode> ?i ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    for fmt, ctype in [(SPARQLWrapper.TURTLE, "text/turtle"), (SPARQLWrapper.N3, "text/")]:
        sw.setReturnFormat(fmt)
        res = sw.query()
        assert res.info()["content-type"].startswith(ctype)
        assert b"Pakistan" in res.convert()
    status, ctype, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": sw.queryString}),
                               headers={"Accept": "application/n-triples"})
    assert status == 200 and ctype == "application/n-triples"
    assert len(body.decode().strip().splitlines()) == 3


def test_serve_refuses_update_by_default(endpoint):
    url = endpoint()
    sw = wrapper(url)
    sw.setMethod("POST")
    sw.setQuery("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")
    with pytest.raises(urllib.error.HTTPError) as err:
        sw.query()
    assert err.value.code == 403
    err.value.close()
    status, _, body = http(url + "/sparql", b"INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
                           {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body


def test_serve_update_needs_the_token(endpoint, mem_store):
    url = endpoint(allow_update=True, token="s3cret")
    update = b"INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> <http://e/o> } }"
    headers = {"Content-Type": "application/sparql-update"}
    assert http(url + "/sparql", update, headers)[0] == 403
    assert http(url + "/sparql", update, {**headers, "Authorization": "Bearer wrong"})[0] == 403
    n = len(mem_store)
    status, _, body = http(url + "/sparql", update, {**headers, "Authorization": "Bearer s3cret"})
    assert status == 204, body
    assert len(mem_store) == n + 1
    form = urllib.parse.urlencode({"update": "DROP GRAPH <http://e/g>"}).encode()
    status, _, _ = http(url + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Authorization": "Bearer s3cret"})
    assert status == 204 and len(mem_store) == n


def test_serve_limits_name_themselves(endpoint):
    url = endpoint(max_rows=3, timeout=0.5, max_body=2000)
    q = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, _, body = http(url + "/sparql?" + q)
    assert status == 413 and b"more than 3 rows" in body and b"--max-rows" in body
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # about 4 s
    status, _, body = http(url + "/sparql", slow.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 503 and b"time limit of 0.5 s" in body
    status, _, body = http(url + "/sparql", b"x" * 5000, {"Content-Type": "application/sparql-query"})
    assert status == 413 and b"2000 bytes" in body


def test_serve_refuses_service_and_load(endpoint):
    url = endpoint(allow_update=True, token="t")
    q = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    status, _, body = http(url + "/sparql", q.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 403 and b"SERVICE is disabled" in body
    status, _, body = http(url + "/sparql", b"LOAD <http://example.org/x.ttl>",
                           {"Content-Type": "application/sparql-update", "Authorization": "Bearer t"})
    assert status == 403 and b"LOAD is disabled" in body


@pytest.mark.parametrize("request_, status, message", [
    (("GET", "/sparql", None, {}), 400, b"missing query"),
    (("GET", "/sparql?query=SELEC", None, {}), 400, b"invalid SPARQL query"),
    (("GET", "/nope", None, {}), 404, b"valid: / (query page), /sparql"),
    (("POST", "/sparql", b"x", {"Content-Type": "text/plain"}), 415, b"unsupported Content-Type"),
    (("GET", "/sparql?query=ASK%7B%7D", None, {"Accept": "image/png"}), 406, b"cannot answer with"),
    (("GET", "/sparql?query=ASK%7B%7D&format=png", None, {}), 200, b'"boolean": true'),
    (("DELETE", "/sparql", None, {}), 405, b"valid: GET, POST"),
])
def test_serve_protocol_errors(endpoint, request_, status, message):
    method, path, data, headers = request_
    got, _, body = http(endpoint() + path, data, headers, method=method)
    assert got == status and message in body


def test_serve_query_page_is_offline(endpoint):
    status, ctype, body = http(endpoint() + "/")
    assert status == 200 and ctype.startswith("text/html")
    page = body.decode()
    assert "officials" in page and "fetch('sparql'" in page
    assert "http://" not in page.replace("http://www.w3.org", "").split("<script type=\"application/json\"")[0]
    assert "<script src" not in page and "<link" not in page


def test_serve_default_graph_uri_restricts(endpoint, mem_store):
    url = endpoint()
    g = next(iter(mem_store.documents().values()))[0]
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": q, "default-graph-uri": g}),
                           headers={"Accept": "application/sparql-results+json"})
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert status == 200 and 0 < n < len(mem_store)


@pytest.mark.parametrize("accept, offered, expected", [
    (None, {"a/b": 1, "c/d": 2}, "a/b"),
    ("c/d;q=0.9, a/b;q=0.5", {"a/b": 1, "c/d": 2}, "c/d"),
    ("text/*", {"application/x": 1, "text/csv": 2}, "text/csv"),
    ("*/*;q=0.1, text/csv", {"application/x": 1, "text/csv": 2}, "text/csv"),
])
def test_serve_negotiate(accept, offered, expected):
    assert negotiate(accept, offered) == expected


@pytest.mark.parametrize("args, message", [
    (["--workers", "0"], "invalid --workers 0"),
    (["--port", "70000"], "invalid --port 70000"),
    (["--timeout", "0"], "invalid --timeout/--max-rows"),
])
def test_cli_serve_bad_options_are_one_line(disk_store, args, message):
    r = CliRunner().invoke(app, ["serve", "--store", str(disk_store), *args])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output


def test_cli_serve_update_without_token_is_refused(disk_store):
    r = CliRunner().invoke(app, ["serve", "--store", str(disk_store), "--allow-update"], env={"KG_SERVE_TOKEN": ""})
    assert r.exit_code == 1 and "--allow-update needs --token" in r.output


def test_serve_update_recomputes_the_stored_counts(disk_store):
    """An update through the endpoint leaves most-connected's counts current, not stale."""
    from kg.rdf.stats import current_query
    from kg.rdf.store import GraphStore

    gkg, pak = "https://w3id.org/geokg/ontology#", "https://w3id.org/geokg/id/state/PAK"
    store = GraphStore(disk_store)

    def partners() -> list[int]:
        rows = store.query(f"SELECT ?n WHERE {{ GRAPH <https://w3id.org/geokg/graph/stats> "
                           f"{{ <{pak}> <{gkg}partnerCount> ?n }} }}")
        return [int(r.n) for r in rows]

    before = partners()
    assert store._ox.query(current_query()) and before
    server = make_server(store._ox, ServeConfig(port=0, allow_update=True, token="t"))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        update = (f"INSERT DATA {{ GRAPH <http://e/g> {{ <{pak}> <{gkg}accuse> <http://e/x> . "
                  f"<http://e/y> <{gkg}consult> <{pak}> }} }}")
        status, _, body = http(url, update.encode(), {"Content-Type": "application/sparql-update",
                                                       "Authorization": "Bearer t"})
        assert status == 204, body
        assert store._ox.query(current_query()) and partners() == [before[0] + 2]
    finally:
        server.shutdown()
        server.server_close()


def test_serve_a_build_through_the_server_equals_a_local_build(tmp_path, docs, monkeypatch):
    """While kg serve holds a store, kg build --store sparql+http://.../sparql writes through it."""
    from conftest import changed

    from kg.rdf.remote import RemoteStore
    from kg.rdf.store import GraphStore

    local = GraphStore(None)
    local.put(docs)
    served = GraphStore(tmp_path / "served")
    served.put(docs[:1])
    served.close()
    server = make_server(served._ox, ServeConfig(port=0, allow_update=True, token="t"))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        url = f"sparql+http://127.0.0.1:{server.server_address[1]}/sparql"
        monkeypatch.setenv("KG_SPARQL_TOKEN", "t")
        assert sorted(RemoteStore(url).put(docs).values()) == ["added", "added", "unchanged"]
        assert {str(q) for q in served.quads() if "graph/stats" not in str(q.graph_name)} == {
            str(q) for q in local.quads()}
        assert set(RemoteStore(url).put([changed(docs[2])]).values()) == {"replaced"}
        rows = RemoteStore(url).query("SELECT ?d WHERE { ?d a <https://w3id.org/geokg/ontology#Document> }")
        assert len(list(rows)) == 3
        monkeypatch.setenv("KG_SPARQL_TOKEN", "wrong")
        with pytest.raises(StoreError, match="answered 403"):
            RemoteStore(url).put([changed(docs[0])])
    finally:
        server.shutdown()
        server.server_close()


COUNT_FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture
def pool_endpoint(disk_store):
    """A running server whose queries go to worker processes over the on-disk sample store."""
    from kg.querypool import QueryPool

    started = []

    def start(**options):
        config = ServeConfig(port=0, **options)
        pool = QueryPool(disk_store, config.max_running, config.timeout, config.max_rows)
        server = make_server(pool, config)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append((server, pool))
        return f"http://127.0.0.1:{server.server_address[1]}", pool

    yield start
    for server, pool in started:
        server.shutdown()
        server.server_close()
        pool.close()


def wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_serve_pool_answers_like_the_server_process(pool_endpoint):
    url, _ = pool_endpoint(max_running=2)
    sw = wrapper(url)
    sw.setQuery(Q_OFFICIALS)
    sw.setReturnFormat(SPARQLWrapper.JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == OFFICIALS
    status, ctype, body = http(url + "/sparql?" + urllib.parse.urlencode(
        {"query": "ASK { ?s <https://w3id.org/geokg/ontology#isoCode> 'PAK' }"}), headers={"Accept": "text/csv"})
    assert status == 200 and body.decode().split() == ["_askResult", "true"]
    status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": "SELEC nothing"}))
    assert status == 400 and body.decode().startswith("invalid SPARQL query")


def test_serve_pool_stops_a_query_past_its_time_limit(pool_endpoint):
    """The runaway query's worker process is ended (not left running), and the server keeps answering."""
    url, pool = pool_endpoint(max_running=1, timeout=1.0)
    (pid,) = workers()
    start = time.monotonic()
    status, _, body = http(url + "/sparql", COUNT_FOREVER.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 503 and "time limit of 1 s" in body.decode() and "stopped" in body.decode()
    assert time.monotonic() - start < 5
    wait_until(lambda: not _alive(pid))
    wait_until(lambda: len(workers()) == 1)  # its replacement is started
    status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": Q_OFFICIALS}),
                           headers={"Accept": "text/csv"})
    assert status == 200 and "James Mattis" in body.decode()


def workers() -> list[int]:
    """The live worker processes of this test process's query pools (spawned children)."""
    out = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except (OSError, IndexError):
            continue
        if int(stat[1]) == os.getpid() and stat[0] != "Z" and b"spawn_main" in cmdline:
            out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie not yet reaped counts as ended
        return f.read().split()[2] != "Z"


def test_serve_pool_holds_the_store_and_applies_updates(pool_endpoint, disk_store):
    """Other processes cannot write to a served directory; an update through the server reaches every
    worker's next query, and the directory stays locked after it."""
    import subprocess
    import sys

    url, pool = pool_endpoint(max_running=2, allow_update=True, token="t")
    probe = [sys.executable, "-c", "import sys, pyoxigraph as ox; ox.Store(sys.argv[1])", str(disk_store)]
    assert "Resource temporarily unavailable" in subprocess.run(probe, capture_output=True, text=True).stderr
    update = ("INSERT DATA { GRAPH <http://e/g> { <http://e/ngo> <http://www.w3.org/2000/01/rdf-schema#label> "
              "'Relief Works' } }")
    status, _, body = http(url + "/sparql", update.encode(), {"Content-Type": "application/sparql-update",
                                                               "Authorization": "Bearer t"})
    assert status == 204, body
    ask = url + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p 'Relief Works' }"})
    for _ in range(4):  # both workers, whichever takes each request
        status, _, body = http(ask, headers={"Accept": "text/csv"})
        assert status == 200 and body.decode().split() == ["_askResult", "true"], body
    assert "Resource temporarily unavailable" in subprocess.run(probe, capture_output=True, text=True).stderr
    pool.close()
    assert subprocess.run(probe, capture_output=True, text=True).returncode == 0  # released when it closes


def test_serve_pool_refuses_a_store_another_process_holds(disk_store):
    from conftest import held_elsewhere

    from kg.querypool import QueryPool

    with held_elsewhere(disk_store), pytest.raises(StoreError, match="in use by another process"):
        QueryPool(disk_store, 1, 1.0, 10)


def test_serve_pool_queries_and_updates_at_once(pool_endpoint):
    """Queries running while updates arrive: every answer is a result or 'busy', never an error, and
    every update is seen afterwards."""
    url, _ = pool_endpoint(max_running=3, allow_update=True, token="t")
    statuses: list[int] = []
    stop = threading.Event()

    def ask() -> None:
        q = url + "/sparql?" + urllib.parse.urlencode({"query": Q_OFFICIALS})
        while not stop.is_set():
            statuses.append(http(q, headers={"Accept": "text/csv"})[0])

    readers = [threading.Thread(target=ask) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for i in range(8):
            update = f"INSERT DATA {{ GRAPH <http://e/g{i}> {{ <http://e/s{i}> <http://e/p> 'update {i}' }} }}"
            status, _, body = http(url + "/sparql", update.encode(), {"Content-Type": "application/sparql-update",
                                                                       "Authorization": "Bearer t"})
            assert status == 204, body
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert statuses and set(statuses) <= {200, 503} and statuses.count(200) > 0
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://e/p> ?o }"
    status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "text/csv"})
    assert status == 200 and body.decode().split() == ["n", "8"]


def test_serve_pool_update_waits_until_a_runaway_query_is_ended(pool_endpoint):
    """An update queued behind a query past its limit is applied only once that query's worker is dead."""
    url, pool = pool_endpoint(max_running=1, timeout=1.0, allow_update=True, token="t")
    (pid,) = workers()
    runaway = threading.Thread(target=http, args=(url + "/sparql", COUNT_FOREVER.encode(),
                                                  {"Content-Type": "application/sparql-query"}))
    runaway.start()
    seen = []
    apply = pool._apply
    pool._apply = lambda update, gone: (seen.append(_alive(pid)), apply(update, gone))  # as it lets go of the store
    wait_until(lambda: pool._running == 1)
    update = "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 'after' } }"
    status, _, body = http(url + "/sparql", update.encode(), {"Content-Type": "application/sparql-update",
                                                               "Authorization": "Bearer t"})
    assert status == 204, body
    assert seen == [False]
    runaway.join()


def test_serve_pool_refuses_what_is_not_a_store_and_after_closing(tmp_path, disk_store):
    from kg.querypool import QueryPool

    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(StoreError, match="not an Oxigraph store directory"):
        QueryPool(plain, 1, 1.0, 10)
    assert list(plain.iterdir()) == []  # nothing written into a directory that is not a store
    r = CliRunner().invoke(app, ["serve", "--store", str(plain)])
    assert isinstance(r.exception, StoreError)  # main() prints it as one line
    pool = QueryPool(disk_store, 1, 1.0, 10)
    pool.close()
    with pytest.raises(ProtocolError, match="shutting down"):
        pool.query("ASK {}", {"union": True}, "text/csv", {})
    with pytest.raises(ProtocolError, match="shutting down"):
        pool.update("INSERT DATA { <http://e/s> <http://e/p> 'x' }")
