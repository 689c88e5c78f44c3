"""A remote SPARQL 1.1 store (``sparql+http(s)://...``) with the same API and idempotence as GraphStore.

URL convention: ``sparql+http://HOST:PORT/PATH`` names the **query** endpoint (``http://HOST:PORT/PATH``;
its own query string, e.g. Oxigraph's ``?union-default-graph``, is kept). The **update** endpoint is

* ``update=URL-or-path`` in the query string (removed from the query URL), if given; else
* the path with a last segment ``query`` or ``sparql`` replaced by ``update`` when that segment is
  ``query`` (Oxigraph ``/query`` → ``/update``, Fuseki ``/ds/query`` → ``/ds/update``); else
* ``PATH/statements`` for GraphDB/RDF4J repositories (``/repositories/ID``); else
* the query URL itself (Virtuoso ``/sparql``, QLever, Fuseki ``/ds/sparql``).

``user:password@`` in the URL is sent as HTTP Basic auth; ``$KG_SPARQL_TOKEN`` as a bearer token.
Queries see the server's default graph, which must be the union of the named graphs (Oxigraph:
``--union-default-graph`` or ``?union-default-graph``; Fuseki: ``unionDefaultGraph``; GraphDB, Virtuoso
and QLever do this by default).

Writes go by SPARQL 1.1 Update in batches (for a replaced document: delete the descriptions of entities
only it mentioned and ``DROP SILENT GRAPH``; then ``INSERT DATA { GRAPH ... }`` of the documents' graphs and
of their entity descriptions into the shared entities graph, see kg.rdf.convert), and after each batch
the quad count of every document graph it touched, and the number of the batch's entities described in
the entities graph, are read back and compared, so a server that silently truncates a large request is
caught (StoreError) instead of leaving a partial document.
"""

from __future__ import annotations

import base64
import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDFS
from rdflib.query import Result

from kg.errors import StoreError
from kg.rdf.convert import doc_hash, document_quads, entity_quads
from kg.rdf.namespace import ENTITIES_GRAPH, STATS_GRAPH
from kg.rdf.sparql import inject_values
from kg.rdf.stats import DROP_STATS, current_query, refresh_update
from kg.rdf.store import (
    DOCS_QUERY,
    from_ox,
    insert_data,
    one_label,
    remove_graph_update,
    serialize_quads,
    to_ox,
)
from kg.rdf.substitute import fold_params
from kg.types import DocResult

BATCH_QUADS = 20_000  # quads per update request
TIMEOUT_S = 300
TOKEN_ENV = "KG_SPARQL_TOKEN"


def endpoints(url: str) -> tuple[str, str, str | None]:
    """``sparql+http(s)://...`` → (query URL, update URL, Basic auth header or None)."""
    if not url.startswith(("sparql+http://", "sparql+https://")):
        raise StoreError(f"invalid remote store {url!r}; valid: sparql+http(s)://host:port/path")
    parts = urllib.parse.urlsplit(url[len("sparql+"):])
    if not parts.hostname:
        raise StoreError(f"invalid remote store {url!r}: no host; valid: sparql+http(s)://host:port/path")
    auth = None
    if parts.username is not None:
        raw = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        auth = "Basic " + base64.b64encode(raw.encode()).decode()
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
    return query_url, update_url, auth


class RemoteStore:
    """One named graph per document in a SPARQL 1.1 store reached over HTTP."""

    kind = "remote"

    def __init__(self, url: str, batch_quads: int = BATCH_QUADS):
        self.url = url
        self.query_url, self.update_url, self._auth = endpoints(url)
        self.batch_quads = batch_quads
        self._docs: dict[str, tuple[str, str]] | None = None
        self._dirty = False  # documents changed since opened: close() recomputes the stats

    persistent = True

    # -- HTTP
    def _request(self, target: str, body: bytes, content_type: str, accept: str) -> bytes:
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": "geokg"}
        if self._auth:
            headers["Authorization"] = self._auth
        elif os.environ.get(TOKEN_ENV):
            headers["Authorization"] = f"Bearer {os.environ[TOKEN_ENV]}"
        req = urllib.request.Request(target, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            with exc:
                detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"remote store {target} answered {exc.code} {exc.reason}: "
                             f"{detail[0][:300] if detail else ''}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach remote store {target}: {reason}; is the server running?") from exc

    def _select(self, sparql: str) -> list[dict]:
        data = self._request(self.query_url, urllib.parse.urlencode({"query": sparql}).encode(),
                             "application/x-www-form-urlencoded", "application/sparql-results+json")
        try:
            return json.loads(data)["results"]["bindings"]
        except (ValueError, KeyError) as exc:
            raise StoreError(f"remote store {self.query_url} did not answer with SPARQL JSON results") from exc

    def update(self, sparql: str) -> None:
        self._request(self.update_url, sparql.encode("utf-8"), "application/sparql-update", "*/*")

    # -- bookkeeping
    def documents(self) -> dict[str, tuple[str, str]]:
        if self._docs is None:
            self._docs = {b["id"]["value"]: (b["g"]["value"], b["hash"]["value"]) for b in self._select(DOCS_QUERY)}
        return self._docs

    def is_current(self, identifier: str, content_hash: str) -> bool:
        known = self.documents().get(identifier)
        return known is not None and known[1] == content_hash

    def graph_counts(self, graphs: Iterable[str]) -> dict[str, int]:
        values = " ".join(f"<{g}>" for g in graphs)
        rows = self._select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                            "GROUP BY ?g")
        return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}

    # -- writes
    def put(self, results: Iterable[DocResult]) -> dict[str, str]:
        """Add documents in batches of about ``batch_quads`` quads, checking counts after each request."""
        docs = self.documents()
        status: dict[str, str] = {}
        pending: list[tuple[str | None, str, list[ox.Quad]]] = []  # (old graph, new graph, quads)
        # document graph quads come first in each list, then its entity descriptions
        size = 0
        for r in results:
            ident, h = r.source.identifier, doc_hash(r.source)
            if ident in docs and docs[ident][1] == h:
                status.setdefault(ident, "unchanged")
                continue
            own = document_quads(r)
            quads = own + entity_quads(r)
            old = docs[ident][0] if ident in docs else None
            status[ident] = "replaced" if old else "added"
            pending.append((old, own[0].graph_name.value, quads))
            size += len(quads)
            docs[ident] = (quads[0].graph_name.value, h)
            if size >= self.batch_quads:
                self._write(pending)
                pending, size = [], 0
        if pending:
            self._write(pending)
        return status

    def _write(self, batch: list[tuple[str | None, str, list[ox.Quad]]]) -> None:
        drops = [old for old, new, _ in batch if old and old != new]
        ents = str(ENTITIES_GRAPH)
        entities = {q.subject.value for _, _, quads in batch for q in quads if q.graph_name.value == ents}
        labels = self.stored_labels(entities)
        batch = [(old, new, one_label(quads, labels)) for old, new, quads in batch]
        expected = {new: sum(1 for q in quads if q.graph_name.value == new) for _, new, quads in batch}
        chunks: list[list[ox.Quad]] = [[]]
        for _, _, quads in batch:
            for q in quads:
                if len(chunks[-1]) >= self.batch_quads:
                    chunks.append([])
                chunks[-1].append(q)
        try:
            for i, chunk in enumerate(chunks):
                head = DROP_STATS + " ;\n" if i == 0 else ""
                head += "".join(remove_graph_update(g) + " ;\n" for g in (drops if i == 0 else []))
                self.update(head + insert_data(chunk))
        except StoreError:
            self._docs = None
            raise
        self._dirty = True
        got = self.graph_counts(list(expected) + drops)
        for g in drops:
            if got.get(g):
                self._docs = None
                raise StoreError(f"remote store {self.update_url} still holds {got[g]} quads in replaced graph <{g}>")
        for g, n in expected.items():
            if got.get(g, 0) != n:
                self._docs = None
                raise StoreError(
                    f"remote store {self.update_url} holds {got.get(g, 0)} quads in graph <{g}> after the update, "
                    f"expected {n}: the server dropped part of the request (lower the batch size or raise its "
                    "request-size limit); earlier batches were written"
                )
        described = self.described(entities)
        if described != len(entities):
            self._docs = None
            raise StoreError(
                f"remote store {self.update_url} describes {described} of the {len(entities)} entities of the batch "
                f"in <{ents}> after the update: the server dropped part of the request (lower the batch size or "
                "raise its request-size limit); earlier batches were written"
            )

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
            ids = sorted(self.documents())
            hint = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
            raise StoreError(f"no document {identifier!r} in the store; stored: {hint or '(none)'}")
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
    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]["value"]) if rows else 0

    def quads(self) -> Iterator[ox.Quad]:
        data = self._request(self.query_url, urllib.parse.urlencode(
            {"query": "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode(),
            "application/x-www-form-urlencoded", "application/sparql-results+json")
        for row in ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def export(self, fmt: str) -> bytes:
        return serialize_quads(list(self.quads()), fmt)

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
        return Result.parse(io.BytesIO(data), format="json")

    def union_graph(self) -> Graph:
        g = Graph()
        for q in self.quads():
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return g

    def dataset(self) -> Dataset:
        """An in-memory copy (rdflib Dataset) of everything in the remote store."""
        from kg.rdf.store import GraphStore

        copy = GraphStore(None)
        copy._ox.bulk_extend(self.quads())
        return copy.dataset()

    def refresh_stats(self) -> bool:
        """Recompute the derived counts (kg.rdf.stats) on the server unless they are current; True if it did."""
        if self.query(current_query()).askAnswer:
            return False
        self.update(refresh_update())
        if self.documents() and not self.query(current_query()).askAnswer:
            raise StoreError(f"remote store {self.update_url} did not keep the recomputed counts "
                             f"(graph <{STATS_GRAPH}>)")
        self._dirty = False
        return True

    def close(self) -> None:
        """Recompute the counts if this writer changed documents."""
        if self._dirty:
            self.refresh_stats()
