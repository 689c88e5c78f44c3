"""kg serve: the SPARQL 1.1 Protocol over real HTTP, with SPARQLWrapper as the client."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
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
    (["--max-memory", "10"], "invalid --max-memory 10"),
    (["--cors", "*"], "invalid --cors '*'"),
    (["--cors", "http://a.example/path"], "invalid --cors 'http://a.example/path'"),
])
def test_cli_serve_bad_options_are_one_line(disk_store, args, message):
    r = CliRunner().invoke(app, ["serve", "--store", str(disk_store), *args])
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output  # usage mistakes


def test_cli_serve_update_without_token_is_refused(disk_store):
    r = CliRunner().invoke(app, ["serve", "--store", str(disk_store), "--allow-update"], env={"KG_SERVE_TOKEN": ""})
    assert r.exit_code == 2 and "--allow-update needs --token" in r.output


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
        pool = QueryPool(disk_store, config.max_running, config.timeout, config.max_rows,
                         (config.max_memory_mb or 0) * 2**20 or None)
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
    assert r.exit_code == 1 and "not an Oxigraph store directory" in r.output  # one line, a failure
    pool = QueryPool(disk_store, 1, 1.0, 10)
    pool.close()
    with pytest.raises(ProtocolError, match="shutting down"):
        pool.query("ASK {}", {"union": True}, "text/csv", {})
    with pytest.raises(ProtocolError, match="shutting down"):
        pool.update("INSERT DATA { <http://e/s> <http://e/p> 'x' }")


# ------------------------------------------------------------------------- hostile clients (issue 19, item 3)

SLOW_UPDATE = ("INSERT { GRAPH <http://e/slow> { ?a <http://e/p> ?n } } WHERE { SELECT ?a (COUNT(*) AS ?n) "
               "WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } } GROUP BY ?a }")  # 2-7 s
ENDLESS_UPDATE = SLOW_UPDATE.replace("GRAPH ?z", "GRAPH ?w { ?j ?k ?l } GRAPH ?z")  # hundreds of times longer


def post(url: str, text: str, kind: str = "query", **headers):
    return http(url + "/sparql", text.encode(), {"Content-Type": f"application/sparql-{kind}", **headers})


def count(url: str, query: str) -> int:
    status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/csv"})
    assert status == 200, body
    return int(body.decode().split()[1])


@pytest.mark.parametrize("update", [
    "INSERT { GRAPH <http://e/g> { ?s ?p ?o } } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER EXISTS { service <http://127.0.0.1:9/x> { ?s ?p ?o } } }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
])
def test_serve_refuses_service_anywhere_in_an_update(endpoint, mem_store, update):
    url = endpoint(allow_update=True, token="t")
    n = len(mem_store)
    status, _, body = post(url, update, "update", Authorization="Bearer t")
    assert status == 403 and b"disabled on this endpoint" in body and b"--allow-service" in body
    assert len(mem_store) == n


def test_serve_from_names_the_dataset(endpoint, mem_store):
    """FROM / FROM NAMED are honoured (the union only when the query names no dataset); a graph that does
    not exist is empty; the protocol's default-graph-uri takes precedence over FROM."""
    url = endpoint()
    graphs = sorted(g for g, _ in mem_store.documents().values())
    everything = count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    first = count(url, f"SELECT (COUNT(*) AS ?n) FROM <{graphs[0]}> WHERE {{ ?s ?p ?o }}")
    second = count(url, f"SELECT (COUNT(*) AS ?n) FROM <{graphs[1]}> WHERE {{ ?s ?p ?o }}")
    assert 0 < first < everything and 0 < second < everything and first != second
    assert count(url, f"SELECT (COUNT(*) AS ?n) FROM <{graphs[0]}> FROM <{graphs[1]}> WHERE {{ ?s ?p ?o }}") \
        == first + second
    assert count(url, "SELECT (COUNT(*) AS ?n) FROM <http://e/no-such-graph> WHERE { ?s ?p ?o }") == 0
    assert count(url, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graphs[0]}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == first
    q = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) FROM <{graphs[0]}> WHERE {{ ?s ?p ?o }}",
                                "default-graph-uri": graphs[1]})
    status, _, body = http(url + "/sparql?" + q, headers={"Accept": "text/csv"})
    assert status == 200 and int(body.decode().split()[1]) == second


def test_serve_pool_from_names_the_dataset(pool_endpoint, disk_store):
    url, _ = pool_endpoint(max_running=1)
    assert count(url, "SELECT (COUNT(*) AS ?n) FROM <http://e/no-such-graph> WHERE { ?s ?p ?o }") == 0
    assert count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0


def test_serve_pool_update_has_the_time_limit_and_queries_do_not_wait(pool_endpoint):
    """A slow update is stopped at --timeout with nothing applied; a query sent meanwhile is answered 503 at
    once (not held until the update ends); afterwards queries are answered as before."""
    url, _ = pool_endpoint(max_running=2, timeout=3.0, allow_update=True, token="t")
    before = count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    answer: list = []
    updating = threading.Thread(target=lambda: answer.append(post(url, ENDLESS_UPDATE, "update",
                                                                  Authorization="Bearer t")))
    start = time.monotonic()
    updating.start()
    time.sleep(1.0)
    status, _, body = post(url, "ASK { ?s ?p ?o }")
    assert status == 503 and b"update is being applied" in body
    assert time.monotonic() - start < 2.5
    updating.join(30)
    status, _, body = answer[0]
    assert status == 503 and b"time limit of 3 s" in body and b"nothing of it was applied" in body
    assert time.monotonic() - start < 10
    assert count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_serve_update_in_process_has_the_time_limit(endpoint):
    url = endpoint(timeout=0.5, allow_update=True, token="t")
    start = time.monotonic()
    status, _, body = post(url, SLOW_UPDATE, "update", Authorization="Bearer t")
    assert status == 503 and b"time limit of 0.5 s" in body
    assert time.monotonic() - start < 5


def test_serve_pool_stops_the_work_of_a_client_that_has_gone(pool_endpoint):
    """A client that sends a long query and hangs up does not keep its worker: the next query is answered."""
    import socket

    url, _ = pool_endpoint(max_running=1, timeout=60.0)
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as s:
        body = COUNT_FOREVER.encode()
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        time.sleep(1.5)
    start = time.monotonic()
    while True:
        status, _, body = post(url, "ASK { ?s ?p ?o }")
        if status == 200 or time.monotonic() - start > 10:
            break
        time.sleep(0.2)
    assert status == 200, body
    assert time.monotonic() - start < 10


def test_serve_closes_idle_connections(endpoint):
    """A connection that sends nothing, or half a request, is closed after the idle timeout."""
    import socket

    url = endpoint(idle_timeout=0.5)
    port = int(url.rsplit(":", 1)[1])
    for first in (b"", b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n"):
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(first)
            s.settimeout(5)
            start = time.monotonic()
            assert s.recv(100) == b""  # closed by the server, not by our 5 s timeout
            assert time.monotonic() - start < 3


def test_serve_holds_a_burst_of_connections(endpoint):
    """200 requests from 20 clients at once: every one answered, no connection reset."""
    url = endpoint()
    q = url + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    statuses: list = []
    barrier = threading.Barrier(20)

    def client() -> None:
        barrier.wait()
        for _ in range(10):
            try:
                statuses.append(http(q, headers={"Accept": "text/csv", "Connection": "close"})[0])
            except OSError as exc:  # a reset or refused connection
                statuses.append(repr(exc))

    threads = [threading.Thread(target=client) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(statuses) == 200 and set(statuses) <= {200, 503}, [s for s in statuses if s not in (200, 503)][:3]
    if shutil.which("ss"):  # the listen queue itself (socketserver's default is 5: a burst waits on SYN retries)
        port = url.rsplit(":", 1)[1]
        listing = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout.split()
        assert int(listing[2]) >= 128, listing


def test_serve_cors_is_off_unless_one_origin_is_given(endpoint):
    ask = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})

    def headers_of(url: str, method: str = "GET", origin: str = "https://evil.example"):
        req = urllib.request.Request(url, method=method, headers={
            "Origin": origin, "Access-Control-Request-Method": "POST"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers
        except urllib.error.HTTPError as e:
            with e:
                return e.code, e.headers

    closed = endpoint()
    for path in ("/", ask):
        status, headers = headers_of(closed + path)
        assert status == 200 and headers.get("Access-Control-Allow-Origin") is None
    assert headers_of(closed + "/sparql", "OPTIONS")[1].get("Access-Control-Allow-Origin") is None
    opened = endpoint(cors="http://localhost:8888")
    status, headers = headers_of(opened + ask, origin="http://localhost:8888")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "http://localhost:8888"
    status, headers = headers_of(opened + "/sparql", "OPTIONS", origin="http://localhost:8888")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
    status, headers = headers_of(opened + "/sparql", "OPTIONS")  # another origin: no preflight
    assert status == 405 and headers.get("Access-Control-Allow-Origin") in (None, "http://localhost:8888")


def test_serve_clients_that_disconnect_print_no_traceback(endpoint, capfd):
    """Clients that hang up before the answer (reset), or half-way through a request: nothing on stderr."""
    import socket
    import struct

    url = endpoint(idle_timeout=0.5)
    port = int(url.rsplit(":", 1)[1])
    request = ("GET /sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5000"})
               + " HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n").encode()
    for i in range(30):
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
        s.sendall(request if i % 3 else request[: len(request) // 2])
        if i % 3 == 2:
            s.recv(10)
        s.close()
    time.sleep(1.5)
    assert http(url + "/sparql?query=ASK%7B%7D")[0] == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err, err[:2000]


def test_serve_refuses_a_deeply_nested_query(endpoint):
    url = endpoint()
    deep = "SELECT * WHERE " + "{" * 200_000 + "}" * 200_000
    status, _, body = http(url + "/sparql", deep.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nested too deeply" in body and len(body.splitlines()) == 1


def test_serve_pool_stops_a_query_past_its_memory_limit(pool_endpoint):
    """ORDER BY over a cartesian product: stopped at --max-memory with a 503 (not left to take the machine),
    and the pool keeps answering."""
    url, _ = pool_endpoint(max_running=1, timeout=60.0, max_memory_mb=400)
    start = time.monotonic()
    status, _, body = post(url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i")
    assert status == 503 and b"memory limit of 400 MB" in body and b"--max-memory" in body, body
    assert time.monotonic() - start < 30
    assert count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0


def test_cli_serve_stops_cleanly_on_ctrl_c(disk_store):
    """kg serve with its worker pool: Ctrl-C ends the server and every worker, with nothing on stderr."""
    import signal
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(disk_store), "--port", "0",
                             "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("serving"), line + proc.stderr.read()
        url = line.split(" at ")[1].split()[0].rstrip("/")
        assert count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0
        children = [int(e) for e in os.listdir("/proc") if e.isdigit() and _parent(int(e)) == proc.pid]
        assert len(children) >= 2
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode in (0, 130) and err.strip() == "", err
    wait_until(lambda: not any(_alive(pid) for pid in children))


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
