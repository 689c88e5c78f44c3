"""Remote SPARQL store: URL convention, idempotent batched writes with count checks, queries — against a
real `oxigraph serve` started by the ``oxigraph_server`` fixture."""

from __future__ import annotations

import base64
import http.server
import json
import threading

import pytest
from conftest import changed, sample_docs
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.rdf.query import bind_params, run_query
from kg.rdf.remote import RemoteStore, endpoints
from kg.rdf.sparql import named_queries
from kg.rdf.store import GraphStore, open_store

runner = CliRunner()


@pytest.mark.parametrize("url, query, update", [
    ("sparql+http://localhost:7878/query", "http://localhost:7878/query", "http://localhost:7878/update"),
    ("sparql+http://h:3030/ds/query", "http://h:3030/ds/query", "http://h:3030/ds/update"),
    ("sparql+http://h:3030/ds/sparql", "http://h:3030/ds/sparql", "http://h:3030/ds/sparql"),
    ("sparql+http://h:7200/repositories/geo", "http://h:7200/repositories/geo",
     "http://h:7200/repositories/geo/statements"),
    ("sparql+http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql"),
    ("sparql+https://qlever.example/api/wikidata", "https://qlever.example/api/wikidata",
     "https://qlever.example/api/wikidata"),
    ("sparql+http://h:8890/sparql?update=/sparql-auth", "http://h:8890/sparql", "http://h:8890/sparql-auth"),
    ("sparql+http://h:7878/query?union-default-graph", "http://h:7878/query?union-default-graph",
     "http://h:7878/update"),
])
def test_remote_url_convention(url, query, update):
    assert endpoints(url)[:2] == (query, update)


def test_remote_login_from_url():
    q, _, login = endpoints("sparql+http://ann:p%40ss@h:8890/sparql")
    assert q == "http://h:8890/sparql" and login == ("ann", "p@ss")


class _BasicServer(http.server.BaseHTTPRequestHandler):
    """Answers a POST with 200 only with 'Authorization: Basic ann:secret', else 401 with a Basic challenge."""

    seen: list[str | None] = []

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization")
        type(self).seen.append(auth)
        if auth != "Basic " + base64.b64encode(b"ann:secret").decode():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="sparql"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def basic_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BasicServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _BasicServer.seen = []
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_remote_basic_login_answers_the_challenge(basic_server):
    store = RemoteStore(f"sparql+http://ann:secret@127.0.0.1:{basic_server}/sparql")
    assert store.documents() == {}
    assert list(store.query("SELECT * WHERE { ?s ?p ?o }")) == []
    basic = "Basic " + base64.b64encode(b"ann:secret").decode()
    # challenged once, then the login goes with every request
    assert _BasicServer.seen == [None, basic, basic]


def test_remote_wrong_password_is_one_line(basic_server):
    with pytest.raises(StoreError, match=r"refused user 'ann' \(401 Unauthorized\): wrong user name or password") as err:
        RemoteStore(f"sparql+http://ann:guess@127.0.0.1:{basic_server}/sparql").documents()
    assert "\n" not in str(err.value)
    with pytest.raises(StoreError, match=r"wants a login \(401 Unauthorized\); valid: user:password@"):
        RemoteStore(f"sparql+http://127.0.0.1:{basic_server}/sparql").documents()


def test_cli_batch_quads_is_checked(tmp_path):
    r = runner.invoke(app, ["build", str(tmp_path), "--store", str(tmp_path / "s"), "--batch-quads", "100"])
    assert r.exit_code == 2 and "--batch-quads is for a remote store" in r.output
    r = runner.invoke(app, ["build", str(tmp_path), "--store", "sparql+http://127.0.0.1:1/query", "--batch-quads", "0"])
    assert r.exit_code == 2 and "invalid --batch-quads 0" in r.output


@pytest.mark.parametrize("binding, message", [
    ({"type": "bnode", "value": "nodeID://b10001"}, r"holds a bnode 'nodeID://b10001' in graph <urn:g>"),
    ({"type": "uri", "value": "http://example.org/a b"}, r"holds uri 'http://example.org/a b' in graph <urn:g>, "
                                                         r"which is not valid RDF"),
    ({"type": "literal", "value": "x", "xml:lang": "not a tag!"}, r"holds literal 'x' .* not valid RDF"),
])
def test_remote_foreign_terms_are_one_line_errors(binding, message):
    from kg.rdf.remote import _term

    with pytest.raises(StoreError, match=message) as err:
        _term(binding, "urn:g", "http://h/sparql")
    assert "\n" not in str(err.value)


@pytest.mark.server
def test_remote_too_large_requests_are_halved(oxigraph_server, monkeypatch):
    """A server that answers 413 to a request of more than 60 quads still gets everything, in smaller ones."""
    from kg.rdf.remote import TooLarge

    real = RemoteStore.update
    sizes = []

    def limited(self, sparql):
        quads = sum(1 for line in sparql.splitlines() if line.endswith(" ."))
        sizes.append(quads)
        if quads > 60:
            raise TooLarge("remote store answered 413 Payload Too Large")
        real(self, sparql)

    monkeypatch.setattr(RemoteStore, "update", limited)
    remote = RemoteStore(f"sparql+{oxigraph_server}/query", batch_quads=1000)
    local = GraphStore(None)
    assert set(remote.put(sample_docs()).values()) == {"added"}
    local.put(sample_docs())
    assert remote.batch_quads <= 60 and max(sizes) > 60
    assert {str(q) for q in remote.quads(stats=False)} == {str(q) for q in local.quads()}
    assert set(RemoteStore(f"sparql+{oxigraph_server}/query").put(sample_docs()).values()) == {"unchanged"}


def test_remote_open_store_dispatches():
    assert isinstance(open_store("sparql+http://127.0.0.1:1/query"), RemoteStore)
    with pytest.raises(StoreError, match="no host"):
        endpoints("sparql+http:///query")


def test_remote_unreachable_server_is_one_line():
    with pytest.raises(StoreError, match=r"cannot reach remote store http://127.0.0.1:1/query"):
        RemoteStore("sparql+http://127.0.0.1:1/query").documents()


@pytest.mark.server
@pytest.mark.parametrize("batch", [20_000, 40])
def test_remote_idempotent_put_replace_remove(oxigraph_server, batch):
    url = f"sparql+{oxigraph_server}/query"
    remote = RemoteStore(url, batch_quads=batch)
    local = GraphStore(None)
    assert set(remote.put(sample_docs()).values()) == {"added"}
    local.put(sample_docs())
    assert len(remote) == len(local)
    again = RemoteStore(url, batch_quads=batch)  # a fresh client reads what is stored
    assert set(again.put(sample_docs()).values()) == {"unchanged"}
    assert len(again) == len(local)
    new = changed(sample_docs()[1])
    assert again.put([new]) == {"kashmir.txt": "replaced"}
    local.put([new])
    assert len(again) == len(local)
    assert {g for g, _ in again.documents().values()} == {g for g, _ in local.documents().values()}
    assert {str(q) for q in again.quads()} == {str(q) for q in local.quads()}
    assert again.remove("un.txt") == local.remove("un.txt")
    assert len(again) == len(local)
    # entity descriptions only un.txt mentioned (the UN, Modi) were garbage-collected on both sides
    assert {str(q) for q in again.quads()} == {str(q) for q in local.quads()}
    assert "United Nations" not in again.export("nq").decode()
    assert set(RemoteStore(url).documents()) == {"mattis.txt", "kashmir.txt"}


@pytest.mark.server
def test_remote_count_mismatch_is_an_error(oxigraph_server, monkeypatch):
    remote = RemoteStore(f"sparql+{oxigraph_server}/query")
    real = RemoteStore.update

    def lossy(self, sparql):  # a server that silently keeps only the first half of a request
        lines = sparql.splitlines()
        real(self, "\n".join(lines[: len(lines) // 2] + ["}", "}"]))

    monkeypatch.setattr(RemoteStore, "update", lossy)
    with pytest.raises(StoreError, match=r"holds \d+ quads in graph <.*> after the update, expected \d+"):
        remote.put(sample_docs()[:1])


@pytest.mark.server
def test_remote_named_queries_with_names(oxigraph_server):
    remote = RemoteStore(f"sparql+{oxigraph_server}/query")
    remote.put(sample_docs())
    for name, pairs, col, expected in [
        ("officials", [("org", "pakistan")], "name", {"Shahid Khaqan Abbasi"}),
        ("relations", [("a", "Pakistan"), ("b", "LeT")], "relation", {"support", "basedIn"}),
        ("events", [("type", "accuse"), ("to", "2018-12-31")], "subject", {"United States"}),
        ("event-counts", [("actor", "United States")], "event", {"accuse", "consult", "agree", "request"}),
        ("mentions", [("actor", "Haqqani network")], "document", {"mattis.txt"}),
    ]:
        text = named_queries()[name]
        result = run_query(remote, text, bind_params(remote, text, pairs))
        assert {str(row[col]) for row in result} == expected, name


@pytest.mark.server
def test_cli_query_export_remove_on_remote(oxigraph_server):
    url = f"sparql+{oxigraph_server}/query"
    RemoteStore(url).put(sample_docs())
    r = runner.invoke(app, ["query", "officials", "--store", url, "--format", "json"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)["results"]["bindings"]) == 4
    r = runner.invoke(app, ["export", "--store", url, "--format", "trig"])
    assert r.exit_code == 0 and "Lashkar-e-Taiba" in r.stdout
    r = runner.invoke(app, ["remove", "--store", url, "un.txt"])
    assert r.exit_code == 0 and "removed un.txt" in r.output
    r = runner.invoke(app, ["query", "documents", "--store", url, "--format", "csv"])
    assert "un.txt" not in r.stdout and "mattis.txt" in r.stdout


@pytest.mark.parametrize(
    "query, blocks",
    [
        ("SELECT * WHERE { ?s ?p ?o }", 1),
        ("SELECT * { ?s ?p ?o }", 1),
        # every group gets the values, so a FILTER in a nested group sees them
        ("SELECT * WHERE { { ?s ?p ?o FILTER(?o = ?x) } UNION { ?o ?p ?s } OPTIONAL { ?s ?q ?x } }", 4),
        # a VALUES data block is not a group
        ("SELECT * WHERE { VALUES ?p { <urn:a> <urn:b> } ?s ?p ?o }", 1),
        ("SELECT * WHERE { ?s ?p ?o } VALUES (?p) { (<urn:a>) }", 1),
        # the braces around a sub-select are not a group; its WHERE is
        ("SELECT ?x WHERE { { SELECT ?s ?x WHERE { ?s ?p ?x } } }", 2),
        # a CONSTRUCT template is not a group
        ("CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?o FILTER NOT EXISTS { ?o ?p ?s } }", 2),
        # braces in strings and comments are text
        ('SELECT * WHERE { ?s ?p "a { b" # } {\n}', 1),
    ],
)
def test_remote_inject_values_opens_every_group(query, blocks):
    from rdflib import URIRef
    from rdflib.plugins.sparql import prepareQuery

    from kg.rdf.sparql import inject_values

    out = inject_values(query, {"x": URIRef("urn:x")})
    assert out.count("VALUES (?x) { (<urn:x>) }") == blocks
    prepareQuery(out)  # still valid SPARQL


def test_remote_inject_values_answers_as_init_bindings():
    """A FILTER inside a nested group sees the injected value, as with initBindings."""
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.sparql import inject_values

    g = Graph()
    for i in range(5):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:n"), Literal(i)))
    query = "SELECT ?s WHERE { { ?s <urn:n> ?n FILTER(?n >= ?min) } }"
    expected = {r.s for r in g.query(query, initBindings={"min": Literal(3)})}
    got = {r.s for r in g.query(inject_values(query, {"min": Literal(3)}))}
    assert got == expected == {URIRef("urn:s3"), URIRef("urn:s4")}


@pytest.mark.server
def test_remote_entity_keeps_its_first_label(oxigraph_server):
    """As on the embedded store: one rdfs:label per entity, a later spelling is that document's altLabel."""
    from kg.types import DocResult, Entity, Source

    def named(ident: str, label: str) -> DocResult:
        return DocResult(Source(ident, f"{label} was calm."), (Entity("place/baghdad", label, "Place"),), (), words=3)

    remote = RemoteStore(f"sparql+{oxigraph_server}/query")
    remote.put([named("a.txt", "Baghdad")])
    remote.put([named("b.txt", "BAGHDAD"), named("c.txt", "Bagdad")])
    iri = "<https://w3id.org/geokg/id/place/baghdad>"
    rdfs, skos = "<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#altLabel>"
    labels = run_query(remote, f"SELECT ?l WHERE {{ GRAPH <https://w3id.org/geokg/graph/entities> {{ {iri} {rdfs} ?l }} }}")
    assert [str(r.l) for r in labels] == ["Baghdad"]
    alts = run_query(remote, f"SELECT DISTINCT ?l WHERE {{ {iri} {skos} ?l }}")
    assert sorted(str(r.l) for r in alts) == ["BAGHDAD", "Bagdad"]


def capped_answers(monkeypatch, cap: int, ignore_offset: bool = False) -> list[str]:
    """Make the remote store's server answer every SELECT with at most ``cap`` rows and no sign of the cut,
    as Virtuoso does past its ResultSetMaxRows (``ignore_offset``: and answer every page from the first
    row); returns the queries sent."""
    import re
    import urllib.parse

    from kg.rdf import remote as remote_module

    sent: list[str] = []
    plain = RemoteStore._request

    def request(self, target, body, content_type, accept):
        if accept != "application/sparql-results+json":
            return plain(self, target, body, content_type, accept)
        query = urllib.parse.parse_qs(body.decode())["query"][0]
        sent.append(query)
        if ignore_offset and "LIMIT 1 OFFSET" not in query:
            body = urllib.parse.urlencode({"query": re.sub(r" OFFSET \d+$", "", query)}).encode()
        data = plain(self, target, body, content_type, accept)
        answer = json.loads(data)
        if "results" in answer:
            answer["results"]["bindings"] = answer["results"]["bindings"][:cap]
        return json.dumps(answer).encode()

    monkeypatch.setattr(RemoteStore, "_request", request)
    monkeypatch.setattr(remote_module, "CAP_CHECK_ROWS", cap)
    return sent


def test_remote_capped_answer_is_completed_page_by_page(oxigraph_server, monkeypatch):
    remote = RemoteStore(f"sparql+{oxigraph_server}/query")
    remote.put(sample_docs())
    ordered_query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
    everything = [tuple(row) for row in remote.query(ordered_query)]
    assert len(everything) > 12
    sent = capped_answers(monkeypatch, 5)
    assert [tuple(row) for row in remote.query(ordered_query)] == everything  # 5 rows a page, all of them
    # the query; whether rows follow its 5 (LIMIT 1 OFFSET 5); then pages of one form from the start to an empty one
    assert len(sent) == 3 + -(-len(everything) // 5)
    assert sent[1].endswith("LIMIT 1 OFFSET 5") and sent[2].endswith("OFFSET 0") and sent[-1].endswith(
        f"OFFSET {len(everything)}")


def test_remote_capped_answer_without_order_is_a_warning(oxigraph_server, monkeypatch, caplog):
    remote = RemoteStore(f"sparql+{oxigraph_server}/query")
    remote.put(sample_docs())
    capped_answers(monkeypatch, 5)
    with caplog.at_level("WARNING", logger="kg.rdf.remote"):
        rows = list(remote.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert len(rows) == 5
    assert "answered with 5 rows and holds more" in caplog.text and "ORDER BY" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="kg.rdf.remote"):  # its own LIMIT: the rows it asked for
        assert len(list(remote.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 7"))) == 5
    assert "holds more" not in caplog.text


def test_remote_server_ignoring_offset_ends_the_pages(oxigraph_server, monkeypatch, caplog):
    remote = RemoteStore(f"sparql+{oxigraph_server}/query")
    remote.put(sample_docs())
    capped_answers(monkeypatch, 5, ignore_offset=True)
    with caplog.at_level("WARNING", logger="kg.rdf.remote"):
        rows = list(remote.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"))
    assert len(rows) == 5 and "ignores OFFSET" in caplog.text
