"""A remote SPARQL 1.1 store (``sparql+http(s)://...``): the kg.rdf.backend.Store interface over HTTP, with
the same idempotence as the embedded GraphStore.

URL convention: ``sparql+http://HOST:PORT/PATH`` names the **query** endpoint (``http://HOST:PORT/PATH``;
its own query string, e.g. Oxigraph's ``?union-default-graph``, is kept). The **update** endpoint is

* ``update=URL-or-path`` in the query string (removed from the query URL), if given; else
* the path with a last segment ``query`` or ``sparql`` replaced by ``update`` when that segment is
  ``query`` (Oxigraph ``/query`` → ``/update``, Fuseki ``/ds/query`` → ``/ds/update``); else
* ``PATH/statements`` for GraphDB/RDF4J repositories (``/repositories/ID``); else
* the query URL itself (Virtuoso ``/sparql``, QLever, Fuseki ``/ds/sparql``).

``user:password@`` in the URL logs in as the server asks: HTTP Basic or Digest, chosen by its challenge
(urllib's handlers; Virtuoso's ``/sparql-auth`` wants Digest); without it, ``$KG_SPARQL_TOKEN`` is sent as a
bearer token.
Queries see the server's default graph, which must be the union of the named graphs (Oxigraph:
``--union-default-graph`` or ``?union-default-graph``; Fuseki: ``unionDefaultGraph``; GraphDB, Virtuoso
and QLever do this by default).

Writes go by SPARQL 1.1 Update in batches (for a replaced document: delete the descriptions of entities
only it mentioned and ``DROP SILENT GRAPH``; then ``INSERT DATA { GRAPH ... }`` of the documents' graphs and
of their entity descriptions into the shared entities graph, see kg.rdf.convert), and after each batch
the quad count of every document graph it touched, and the number of the batch's entities described in
the entities graph, are read back and compared, so a server that silently truncates a large request is
caught (StoreError) instead of leaving a partial document. A request the server refuses as too large
(413, or Virtuoso's SP031 "generated SQL text has exceeded 10000 lines" or SP030 "memory exhausted") is halved and sent again, and
later requests keep the smaller size.

Reads of whole graphs (``documents``, ``quads``, ``export``) go graph by graph, in pages of a stable order
(``ORDER BY`` in a sub-select, ``LIMIT``/``OFFSET`` outside it: Virtuoso refuses to sort past its 10,000th
row otherwise), each page as long as the server gives, so a server's cap on result rows (Virtuoso's
``ResultSetMaxRows``) cannot cut them short; each graph read is checked against the server's own count.
Only geokg's graphs are read: the document graphs, the entities graph and the stats graph, never a
server's own (Virtuoso's ``virtrdf#``, ``DAV/``, ...).
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDFS
from rdflib.plugins.sparql.results.jsonresults import parseJsonTerm
from rdflib.query import Result
from rdflib.term import Variable

from kg.errors import StoreError, UsageError
from kg.rdf.backend import (
    DOCS_QUERY,
    Change,
    Store,
    dataset_view,
    insert_data,
    remove_graph_update,
    serialize_quads,
    to_ox,
)
from kg.rdf.namespace import ENTITIES_GRAPH, STATS_GRAPH
from kg.rdf.sparql import inject_values, ordered, page, paged
from kg.rdf.stats import DROP_STATS, current_query, refresh_update
from kg.rdf.substitute import fold_params

BATCH_QUADS = 20_000  # quads per update request (halved while the server answers "too large")
PAGE_ROWS = 10_000  # rows asked per page of a read; a server that caps results lower gives shorter pages
TIMEOUT_S = 300
TOKEN_ENV = "KG_SPARQL_TOKEN"
CAP_CHECK_ROWS = 1_000  # a SELECT answered with this many rows or more is checked for a server's result cap

log = logging.getLogger("kg.rdf.remote")


class TooLarge(StoreError):
    """The server refused a request as too large: 413, or Virtuoso's SP031 (too much SQL generated) or
    SP030 "memory exhausted" (its parser's stack, past about 5,000 lines)."""


class InvalidStoreURL(StoreError, UsageError):
    """A --store URL that names no SPARQL server (a usage mistake: exit 2 on the command line)."""


def endpoints(url: str) -> tuple[str, str, tuple[str, str] | None]:
    """``sparql+http(s)://...`` → (query URL, update URL, (user, password) or None)."""
    if not url.startswith(("sparql+http://", "sparql+https://")):
        raise InvalidStoreURL(f"invalid remote store {url!r}; valid: sparql+http(s)://host:port/path")
    parts = urllib.parse.urlsplit(url[len("sparql+"):])
    if not parts.hostname:
        raise InvalidStoreURL(f"invalid remote store {url!r}: no host; valid: sparql+http(s)://host:port/path")
    login = None
    if parts.username is not None:
        login = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    params = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    update = [v for k, v in params if k == "update"]
    rest = urllib.parse.urlencode([(k, v) for k, v in params if k != "update"]).replace("=&", "&")
    rest = rest[:-1] if rest.endswith("=") else rest
    base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
    query_url = base + (f"?{rest}" if rest else "")
    if update:
        update_url = urllib.parse.urljoin(base, update[0])
    else:
        segments = (parts.path or "/").rstrip("/").split("/")
        if segments[-1] == "query":
            update_url = urllib.parse.urljoin(base, "/".join(segments[:-1] + ["update"]))
        elif len(segments) >= 3 and segments[-2] == "repositories":
            update_url = base.rstrip("/") + "/statements"
        else:
            update_url = query_url
    return query_url, update_url, login


class _BasicAuth(urllib.request.HTTPBasicAuthHandler):
    """Basic auth answering the server's challenge; once challenged, ``header`` is sent with every request
    (no second round trip per request, as a Digest login needs)."""

    header: str | None = None

    def retry_http_basic_auth(self, host, req, realm):
        response = super().retry_http_basic_auth(host, req, realm)
        self.header = req.get_header(self.auth_header)
        return response


class Http:
    """POSTs to a SPARQL server, logging in as its challenge asks; every failure is one StoreError line."""

    def __init__(self, urls: Iterable[str], login: tuple[str, str] | None):
        self.login = login
        self._basic: _BasicAuth | None = None
        if login is None:
            self._opener = urllib.request.build_opener()
            return
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, list(urls), *login)
        self._basic = _BasicAuth(passwords)
        # urllib tries the Digest handler first (handler_order 490): it answers a Digest challenge and
        # leaves a Basic one to the Basic handler.
        self._opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords), self._basic)

    def post(self, target: str, body: bytes, content_type: str, accept: str) -> bytes:
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "geokg"}
        if self._basic is not None and self._basic.header:
            headers["Authorization"] = self._basic.header
        elif self.login is None and os.environ.get(TOKEN_ENV):
            headers["Authorization"] = f"Bearer {os.environ[TOKEN_ENV]}"
        req = urllib.request.Request(target, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(req, timeout=TIMEOUT_S) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            with exc:
                text = (exc.read() or b"").decode("utf-8", "replace").strip()
            raise self._error(target, exc.code, exc.reason, text) from exc
        except ValueError as exc:  # urllib's auth handlers: a challenge in a scheme they do not speak
            raise StoreError(f"remote store {target} asks for a login geokg cannot give ({exc}); valid: "
                             f"HTTP Basic or Digest (user:password@ in the URL), or a bearer token in ${TOKEN_ENV}"
                             ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach remote store {target}: {reason}; is the server running?") from exc

    def _error(self, target: str, code: int, reason: str, text: str) -> StoreError:
        first = text.splitlines()[0][:300] if text else ""
        if code == 413 or re.search(r"SP031: .*has exceeded|SP030: .*memory exhausted", text):  # Virtuoso's
            return TooLarge(f"remote store {target} refused a request as too large ({code} {reason}): {first}")
        if code == 401:
            if self.login is not None:
                return StoreError(f"remote store {target} refused user {self.login[0]!r} ({code} {reason}): "
                                  "wrong user name or password in the store URL")
            if os.environ.get(TOKEN_ENV):
                return StoreError(f"remote store {target} refused the bearer token in ${TOKEN_ENV} ({code} {reason})")
            return StoreError(f"remote store {target} wants a login ({code} {reason}); valid: user:password@ in "
                              f"the store URL (HTTP Basic or Digest), or a bearer token in ${TOKEN_ENV}")
        return StoreError(f"remote store {target} answered {code} {reason}: {first}")


def _term(binding: dict, graph: str, url: str) -> ox.NamedNode | ox.Literal:
    """A SPARQL JSON results term as an Oxigraph term; a blank node or an IRI Oxigraph cannot hold is a
    StoreError naming it (geokg's graphs hold only IRIs and literals)."""
    kind, value = binding.get("type"), binding.get("value", "")
    try:
        if kind == "uri":
            return ox.NamedNode(value)
        if kind in ("literal", "typed-literal"):
            if binding.get("xml:lang"):
                return ox.Literal(value, language=binding["xml:lang"])
            if binding.get("datatype"):
                return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
            return ox.Literal(value)
    except ValueError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "invalid"
        raise StoreError(f"remote store {url} holds {kind} {value!r} in graph <{graph}>, which is not valid RDF "
                         f"({reason}); remove it on the server to read the graph") from exc
    raise StoreError(f"remote store {url} holds a {kind or 'term'} {value!r} in graph <{graph}>: geokg writes only "
                     "IRIs and literals there; remove it on the server to read the graph")


class RemoteStore(Store):
    """One named graph per document in a SPARQL 1.1 store reached over HTTP."""

    kind = "remote"

    def __init__(self, url: str, batch_quads: int = BATCH_QUADS):
        self.url = url
        self.query_url, self.update_url, login = endpoints(url)
        self._http = Http({self.query_url, self.update_url}, login)
        self.batch_quads = batch_quads
        self._docs: dict[str, tuple[str, str]] | None = None
        self._dirty = False  # documents changed since opened: close() recomputes the stats

    persistent = True

    # -- HTTP
    def _request(self, target: str, body: bytes, content_type: str, accept: str) -> bytes:
        return self._http.post(target, body, content_type, accept)

    def _select(self, sparql: str) -> list[dict]:
        data = self._request(self.query_url, urllib.parse.urlencode({"query": sparql}).encode(),
                             "application/x-www-form-urlencoded", "application/sparql-results+json")
        try:
            return json.loads(data)["results"]["bindings"]
        except (ValueError, KeyError) as exc:
            raise StoreError(f"remote store {self.query_url} did not answer with SPARQL JSON results") from exc

    def _pages(self, ordered_select: str, total: int | None = None) -> Iterator[dict]:
        """Every row of ``ordered_select`` (a SELECT with an ORDER BY that orders its rows totally), page by
        page: each page starts where the rows received so far end, so a server that returns fewer rows
        than asked (a result cap) only means more pages. Stops at an empty page, after ``total`` rows, or
        with a warning when the server ignores OFFSET (a page starting with the first row again)."""
        offset, first = 0, None
        while total is None or offset < total:
            rows = self._select(paged(ordered_select, PAGE_ROWS, offset))
            if not rows:
                return
            if offset and rows[0] == first:
                log.warning("the server at %s ignores OFFSET: the answer holds its first %s rows only",
                            self.query_url, f"{offset:,}")
                return
            first = first or rows[0]
            yield from rows
            offset += len(rows)

    def update(self, sparql: str) -> None:
        self._request(self.update_url, sparql.encode("utf-8"), "application/sparql-update", "*/*")

    # -- bookkeeping
    def documents(self) -> dict[str, tuple[str, str]]:
        if self._docs is None:
            rows = self._pages(DOCS_QUERY + " ORDER BY ?g ?id ?hash")
            self._docs = {b["id"]["value"]: (b["g"]["value"], b["hash"]["value"]) for b in rows}
        return self._docs

    def _forget_documents(self) -> None:
        self._docs = None

    def graph_counts(self, graphs: Iterable[str]) -> dict[str, int]:
        values = " ".join(f"<{g}>" for g in graphs)
        rows = self._select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                            "GROUP BY ?g")
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    # -- writes
    @property
    def write_batch(self) -> int:  # type: ignore[override]
        return self.batch_quads

    def _write(self, changes: list[Change], wait: bool = True) -> None:  # (always waits)
        """Send the changes in requests of at most ``batch_quads`` quads (see ``_send``), then check them:
        each document graph holds as many quads as sent, replaced graphs none, and every entity of the
        batch is described."""
        drops = [c.old_graph for c in changes if c.old_graph and c.old_graph != c.graph]
        ents = str(ENTITIES_GRAPH)
        entities = {q.subject.value for c in changes for q in c.quads if q.graph_name.value == ents}
        expected = {c.graph: c.prior + sum(1 for q in c.quads if q.graph_name.value == c.graph) for c in changes}
        chunks: list[list[ox.Quad]] = [[]]
        for c in changes:
            for q in c.quads:
                if len(chunks[-1]) >= self.batch_quads:
                    chunks.append([])
                chunks[-1].append(q)
        self._send(DROP_STATS + " ;\n" + "".join(remove_graph_update(g) + " ;\n" for g in drops), chunks)
        self._dirty = True
        got = self.graph_counts(list(expected) + drops)
        for g in drops:
            if got.get(g):
                raise StoreError(f"remote store {self.update_url} still holds {got[g]} quads in replaced graph <{g}>")
        for g, n in expected.items():
            if got.get(g, 0) != n:
                raise StoreError(
                    f"remote store {self.update_url} holds {got.get(g, 0)} quads in graph <{g}> after the update, "
                    f"expected {n}: the server dropped part of the request (lower the batch size or raise its "
                    "request-size limit); earlier batches were written"
                )
        described = self.described(entities)
        if described != len(entities):
            raise StoreError(
                f"remote store {self.update_url} describes {described} of the {len(entities)} entities of the batch "
                f"in <{ents}> after the update: the server dropped part of the request (lower the batch size or "
                "raise its request-size limit); earlier batches were written"
            )

    def drop_partial(self, graph: str) -> None:
        """Remove a partly written document's graph (kg.rdf.backend.Store.drop_partial)."""
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def put_piece(self, graph: str, quads: list[ox.Quad]) -> None:
        """Send a piece of a document being written in pieces (kg.rdf.backend.Store.put_piece) in requests
        of at most ``batch_quads`` quads. Its graph's size is checked once, when ``finish_pieces`` ends it."""
        chunks = [quads[i : i + self.batch_quads] for i in range(0, len(quads), self.batch_quads)]
        self._send(DROP_STATS + " ;\n", chunks)
        self._dirty = True

    def _send(self, head: str, chunks: list[list[ox.Quad]]) -> None:
        """``INSERT DATA`` of each chunk, the first after the updates in ``head``, in one request each.

        A request the server refuses as too large is split: the chunk in halves (``batch_quads`` keeps the
        smaller size for later requests), or, when one quad with ``head`` is still too large, ``head``'s
        updates go first, one request each. A refused request changed nothing, so nothing is written twice.
        """
        todo = list(reversed(chunks))
        while todo:
            chunk = todo.pop()
            try:
                self.update(head + insert_data(chunk))
            except TooLarge as exc:
                if len(chunk) > 1:
                    half = len(chunk) // 2
                    self.batch_quads = min(self.batch_quads, half)
                    todo += [chunk[half:], chunk[:half]]
                    continue
                if not head:
                    raise StoreError(f"{exc}; the server refuses even a single quad: raise its request limits") from exc
                for statement in head.split(" ;\n"):
                    if statement.strip():
                        self.update(statement)
                todo.append(chunk)
            head = ""

    def stored_labels(self, entities: Iterable[str]) -> dict[str, ox.Literal]:
        """The rdfs:label each of ``entities`` (IRIs) already has in the entities graph."""
        iris = sorted(entities)
        out: dict[str, ox.Literal] = {}
        for i in range(0, len(iris), 2000):
            values = " ".join(f"<{e}>" for e in iris[i : i + 2000])
            rows = self.query(f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {values} }} "
                              f"GRAPH <{ENTITIES_GRAPH}> {{ ?e <{RDFS.label}> ?l }} }}")
            for row in rows:
                out.setdefault(str(row.e), to_ox(row.l))
        return out

    def described(self, entities: Iterable[str]) -> int:
        """How many of ``entities`` (IRIs) have an rdf:type in the entities graph."""
        iris = sorted(entities)
        n = 0
        for i in range(0, len(iris), 2000):
            values = " ".join(f"<{e}>" for e in iris[i : i + 2000])
            rows = self._select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?e {{ {values} }} "
                                f"GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?c }} }}")
            n += int(rows[0]["n"]["value"]) if rows else 0
        return n

    def remove(self, identifier: str) -> int:
        known = self.documents().get(identifier)
        if known is None:
            raise self.unknown_document(identifier)
        ents = str(ENTITIES_GRAPH)
        before = self.graph_counts([known[0], ents])
        self.update(remove_graph_update(known[0]))
        after = self.graph_counts([known[0], ents])
        n = before.get(known[0], 0) + before.get(ents, 0) - after.get(ents, 0)
        left = after.get(known[0], 0)
        if left:
            raise StoreError(f"remote store {self.update_url} still holds {left} quads of {identifier!r} after DROP")
        del self.documents()[identifier]
        self._dirty = True
        return n

    # -- reads
    def graph_sizes(self, stats: bool = True) -> dict[str, int]:
        """The server's own quad count of each of geokg's graphs holding quads: the document graphs, the
        entities graph and (with ``stats``) the stats graph; a server's other graphs are not counted."""
        graphs = [g for g, _ in self.documents().values()] + [str(ENTITIES_GRAPH)]
        graphs += [str(STATS_GRAPH)] if stats else []
        sizes: dict[str, int] = {}
        for i in range(0, len(graphs), 500):
            sizes.update(self.graph_counts(graphs[i : i + 500]))
        return {g: sizes[g] for g in graphs if sizes.get(g)}

    def __len__(self) -> int:
        return sum(self.graph_sizes().values())

    def graph_quads(self, graph: str, size: int) -> list[ox.Quad]:
        """The quads of one graph, read in pages and checked against ``size``, the server's count."""
        name, url = ox.NamedNode(graph), self.query_url
        quads = set()
        for row in self._pages(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o", size):
            s, p, o = (_term(row[v], graph, url) for v in "spo")
            for term, place in ((s, "subject"), (p, "predicate")):
                if not isinstance(term, ox.NamedNode):
                    raise StoreError(f"remote store {url} holds a literal {term.value!r} as a {place} in graph "
                                     f"<{graph}>; remove it on the server to read the graph")
            quads.add(ox.Quad(s, p, o, name))
        if len(quads) != size:
            raise StoreError(f"remote store {self.query_url} gave {len(quads)} distinct quads of graph <{graph}>, "
                             f"where it counts {size}: the graph changed while it was read, or the server's pages "
                             "are not in a stable order; nothing was read")
        return sorted(quads, key=str)

    def quads(self, stats: bool = True) -> Iterator[ox.Quad]:
        """The quads of geokg's graphs (see ``graph_sizes``), graph by graph."""
        for graph, size in self.graph_sizes(stats).items():
            yield from self.graph_quads(graph, size)

    def export(self, fmt: str, stats: bool = False) -> bytes:
        """geokg's graphs in ``fmt`` (kg.rdf.backend.EXPORT_FORMATS); the stats graph only with ``stats``."""
        return serialize_quads(list(self.quads(stats)), fmt, stats=stats)

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> Result:
        """SPARQL on the server. Bindings are written in as constants where that means the same
        (kg.rdf.substitute), else they travel as VALUES blocks (kg.rdf.sparql.inject_values)."""
        from kg.errors import QueryError
        from kg.rdf.sparql import keywords

        injected = inject_values(sparql, dict(bindings or {}))
        texts = [t for t in (fold_params(sparql, bindings or {}), injected) if t is not None]
        kw = keywords(injected)
        if kw & {"INSERT", "DELETE", "DROP", "CLEAR", "LOAD", "CREATE"} and not kw & {"SELECT", "ASK"}:
            raise QueryError("kg query runs queries, not updates; valid: SELECT, ASK, CONSTRUCT, DESCRIBE")
        graph = bool(kw & {"CONSTRUCT", "DESCRIBE"})
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        for i, text in enumerate(texts):
            try:
                data = self._request(self.query_url, urllib.parse.urlencode({"query": text}).encode(),
                                     "application/x-www-form-urlencoded", accept)
                break
            except StoreError as exc:
                if " 400 " not in str(exc):
                    raise
                if i == len(texts) - 1:  # a constant where SPARQL takes none: retried with VALUES
                    raise QueryError(f"invalid SPARQL: {exc}") from exc
        if graph:
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=data.decode("utf-8"), format="nt")
            return result
        result = Result.parse(io.BytesIO(data), format="json")
        if result.type == "SELECT" and len(result.bindings) >= CAP_CHECK_ROWS:
            self._rest_of_capped(text, result)
        return result

    def _rest_of_capped(self, text: str, result: Result) -> None:
        """The rows a server left out of a SELECT's answer, if it caps answers (Virtuoso's ResultSetMaxRows,
        10,000 by default, cuts an answer short with no sign of it). Whether rows follow those received is
        asked with the query as a sub-select (Virtuoso answers an ORDER BY query's OFFSET past its cap
        with no rows, and refuses LIMIT with it; it pages a sub-select). If they do, a query with an ORDER BY
        of its own is read again page by page in that same form (``_pages``), so every page
        comes from one sort; another gets a warning that its rows are incomplete. A query with its own
        LIMIT or OFFSET is left as it asked."""
        from kg.errors import QueryError

        received = len(result.bindings)
        try:
            page(text, 1, received)
        except QueryError:
            return
        if not self._select(paged(text, 1, received)):
            return
        if not ordered(text):
            log.warning("the server at %s answered with %s rows and holds more (it caps its answers): add an "
                        "ORDER BY to fetch them all, or page with --limit/--offset", self.query_url, f"{received:,}")
            return
        result.bindings = [{Variable(k): parseJsonTerm(v) for k, v in row.items()} for row in self._pages(text)]

    def dataset(self) -> Dataset:
        """An in-memory copy (rdflib Dataset) of geokg's graphs in the remote store."""
        copy = ox.Store()
        copy.bulk_extend(self.quads())
        return dataset_view(copy)

    def refresh_stats(self) -> bool:
        """Recompute the derived counts (kg.rdf.stats) on the server unless they are current; True if it did."""
        if self.query(current_query()).askAnswer:
            return False
        self.update(refresh_update())  # one request: counts and mark together, whatever other writers do
        if self.documents() and not self.query(current_query()).askAnswer:
            raise StoreError(f"remote store {self.update_url} did not keep the recomputed counts "
                             f"(graph <{STATS_GRAPH}>)")
        self._dirty = False
        return True

    def close(self) -> None:
        """Recompute the counts if this writer changed documents."""
        if self._dirty:
            self.refresh_stats()
