"""An Oxigraph store → a SPARQL 1.1 Protocol endpoint at ``/sparql`` and an offline query page at ``/``.

Standard library HTTP server (one thread per request); queries are evaluated by kg.querypool (for a store
directory in worker processes, which can be stopped) and written by kg.results. Read-only unless started
with ``allow_update`` and a token (then SPARQL Update needs ``Authorization: Bearer TOKEN``). Every query
and update runs under a time limit (and, in worker processes, a memory limit) and a result-row limit,
requests have a size limit and nesting limit, idle connections are closed, and SERVICE / LOAD (which
would make the server fetch outside URLs) are refused anywhere in a query or update unless
``allow_service``. The default graph of a query is the union of all documents' graphs, as with ``kg
query``, unless the query names its dataset (``FROM`` / ``FROM NAMED``) or the request does
(``default-graph-uri`` / ``named-graph-uri``, which take precedence). No ``Access-Control-Allow-Origin``
is sent unless ``cors`` names the one web origin allowed to read answers.

``Endpoint.handle`` is the whole protocol as a plain function (method, path, headers, body → status,
headers, body); ``make_server`` puts it behind ``http.server``.
"""

from __future__ import annotations

import hmac
import html
import json
import select
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import QueryError
from kg.querypool import ClientGone, Engine, InProcess
from kg.rdf.namespace import PREFIXES
from kg.rdf.sparql import check_nesting, keywords, named_queries, names_dataset
from kg.results import GRAPH_TYPES, SOLUTION_TYPES, ProtocolError
from kg.settings import SERVE_HOST, SERVE_MAX_BODY, SERVE_MAX_ROWS, SERVE_PORT, SERVE_TIMEOUT_S

SHORT_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
                 "turtle": "text/turtle", "n3": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}


@dataclass(frozen=True)
class ServeConfig:
    host: str = SERVE_HOST
    port: int = SERVE_PORT
    timeout: float = SERVE_TIMEOUT_S
    max_rows: int = SERVE_MAX_ROWS
    max_body: int = SERVE_MAX_BODY
    allow_update: bool = False
    token: str | None = None
    allow_service: bool = False
    max_running: int = 4  # queries evaluated at once, including ones past their time limit
    max_memory_mb: int | None = None  # per worker process (kg.querypool.QueryPool)
    cors: str | None = None  # the one origin whose pages may read answers (Access-Control-Allow-Origin)
    idle_timeout: float = 30.0  # seconds a connection may stay silent (also mid-request) before it is closed
    backlog: int = 1024  # connections the kernel queues while the server is busy accepting


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: Mapping[str, str] | None = None


def _error(status: int, message: str) -> Response:
    return Response(status, (message + "\n").encode("utf-8"))


# ------------------------------------------------------------------------------------ content negotiation


def negotiate(accept: str | None, offered: Mapping[str, object], fmt: str | None = None) -> str:
    """The media type to answer with, from an Accept header (q-values honoured) or a ``format`` parameter."""
    if fmt:  # a non-standard hint some clients send; used when it names something offered, else ignored
        media = SHORT_FORMATS.get(fmt.lower(), fmt.lower())
        if media in offered:
            return media
    if not accept:
        return next(iter(offered))
    choices: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            choices.append((-q, i, media))
    for _, _, media in sorted(choices):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            for m in offered:
                if media == "*/*" or m.startswith(prefix + "/"):
                    return m
    raise ProtocolError(406, f"cannot answer with {accept!r}; valid: {', '.join(offered)}")


# ------------------------------------------------------------------------------------------ the endpoint


class Endpoint:
    """The SPARQL 1.1 Protocol over a query engine (kg.querypool), as a plain request → Response function."""

    def __init__(self, engine: Engine, config: ServeConfig):
        self.engine = engine
        self.config = config

    # -- dispatch
    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes,
               gone: Callable[[], bool] | None = None) -> Response:
        """``gone`` tells whether the client has closed its connection (then its work is stopped)."""
        url = urlsplit(target)
        try:
            if url.path in ("/", "/index.html"):
                if method not in ("GET", "HEAD"):
                    raise ProtocolError(405, f"method {method} not allowed on /; valid: GET")
                return Response(200, query_page().encode("utf-8"), "text/html; charset=utf-8")
            if url.path != "/sparql":
                raise ProtocolError(404, f"no such path {url.path!r}; valid: / (query page), /sparql (endpoint)")
            return self.sparql(method, url.query, headers, body, gone)
        except ProtocolError as exc:
            return _error(exc.status, str(exc))

    def sparql(self, method: str, qs: str, headers: Mapping[str, str], body: bytes,
               gone: Callable[[], bool] | None = None) -> Response:
        params = parse_qs(qs, keep_blank_values=True)
        ctype = (headers.get("content-type") or "").split(";")[0].strip().lower()
        query = update = None
        if method == "GET":
            query = _one(params, "query")
            if "update" in params:
                raise ProtocolError(405, "SPARQL Update must be sent with POST, not GET")
        elif method == "POST":
            if ctype == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
                query, update = _one(params, "query"), _one(params, "update")
            elif ctype == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            elif ctype == "application/sparql-update":
                update = body.decode("utf-8", "replace")
            else:
                raise ProtocolError(415, f"unsupported Content-Type {ctype or '(none)'!r}; valid: "
                                         "application/x-www-form-urlencoded, application/sparql-query, "
                                         "application/sparql-update")
        else:
            raise ProtocolError(405, f"method {method} not allowed on /sparql; valid: GET, POST")
        if update is not None:
            return self.run_update(update, headers, gone)
        if not query:
            raise ProtocolError(400, "missing query: give ?query=... (GET) or a query in the POST body")
        return self.run_query(query, params, headers, gone)

    # -- updates
    def run_update(self, update: str, headers: Mapping[str, str], gone: Callable[[], bool] | None = None) -> Response:
        if not self.config.allow_update:
            raise ProtocolError(403, "SPARQL Update is disabled: this endpoint is read-only "
                                     "(start kg serve with --allow-update --token TOKEN)")
        auth = headers.get("authorization") or ""
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not self.config.token or not hmac.compare_digest(given.encode(), self.config.token.encode()):
            raise ProtocolError(403, "SPARQL Update refused: send the server's token as 'Authorization: Bearer TOKEN'")
        self._check_text(update)
        self.engine.update(update, gone)
        return Response(204, b"")

    # -- queries
    def run_query(self, query: str, params: Mapping[str, list[str]], headers: Mapping[str, str],
                  gone: Callable[[], bool] | None = None) -> Response:
        self._check_text(query)
        kw = keywords(query)
        is_graph = "CONSTRUCT" in kw or "DESCRIBE" in kw
        fmt_param = (params.get("format") or [None])[-1]  # non-standard; SPARQLWrapper may send it twice
        media = negotiate(headers.get("accept"), GRAPH_TYPES if is_graph else SOLUTION_TYPES, fmt_param)
        spec: dict = {"union": True}
        if params.get("default-graph-uri") or params.get("named-graph-uri"):  # the protocol's dataset first
            spec = {"default_graph": params.get("default-graph-uri") or [],
                    "named_graphs": params.get("named-graph-uri") or []}
        elif names_dataset(query):  # then the query's own FROM / FROM NAMED
            spec = {}
        return Response(200, self.engine.query(query, spec, media, PREFIXES, gone), media)

    def _check_text(self, text: str) -> None:
        """Refuse, before any parser sees it, a query or update nested too deeply or (unless allowed)
        one that would make the server fetch outside URLs: SERVICE anywhere, LOAD."""
        try:
            check_nesting(text)
        except QueryError as exc:
            raise ProtocolError(400, str(exc)) from None
        if self.config.allow_service:
            return
        words = keywords(text)
        for word in ("SERVICE", "LOAD"):
            if word in words:
                raise ProtocolError(403, f"{word} is disabled on this endpoint: it would fetch outside URLs "
                                         "(start kg serve with --allow-service to enable it)")



def _one(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise ProtocolError(400, f"parameter {name!r} given {len(values)} times; give it once")
    return values[0]


# ------------------------------------------------------------------------------------------ HTTP server


def make_server(store: ox.Store | Engine, config: ServeConfig) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) over a pyoxigraph Store (queries in threads, kg.querypool.InProcess)
    or a query engine such as a ``QueryPool``; call ``serve_forever()``, ``shutdown()``, then the engine's
    ``close()``."""
    engine = InProcess(store, config.max_running, config.timeout, config.max_rows) if isinstance(store, ox.Store) \
        else store
    endpoint = Endpoint(engine, config)

    class Handler(BaseHTTPRequestHandler):
        server_version = "geokg"
        protocol_version = "HTTP/1.1"
        timeout = config.idle_timeout  # a connection silent this long, between requests or within one, is closed

        def _serve(self, method: str) -> None:
            length = self.headers.get("Content-Length")
            try:
                size = int(length) if length else 0
            except ValueError:
                size = -1
            if size < 0:
                resp = _error(400, "invalid Content-Length")
            elif size > config.max_body or len(self.path) > config.max_body:
                resp = _error(413, f"request larger than the limit of {config.max_body} bytes")
                self.close_connection = True
            else:
                body = self.rfile.read(size) if size else b""
                if len(body) < size:  # the client stopped sending
                    self.close_connection = True
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                resp = endpoint.handle(method, self.path, headers, body, self._client_gone)
            if resp.status == ClientGone().status:  # nobody to answer
                self.close_connection = True
                return
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            self._cors_headers()
            for k, v in (resp.headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(resp.body)

        def _cors_headers(self) -> None:
            """Cross-origin reads only for the origin given with --cors (by default none: a web page the
            user visits cannot read their graph)."""
            if config.cors is not None:
                self.send_header("Access-Control-Allow-Origin", config.cors)
                self.send_header("Vary", "Origin")

        def _client_gone(self) -> bool:
            """Whether the client has closed its side of the connection (readable, and no data to read)."""
            try:
                readable, _, _ = select.select([self.connection], [], [], 0)
                return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
            except (OSError, ValueError):
                return True

        def handle_one_request(self) -> None:
            try:
                super().handle_one_request()
            except (ConnectionError, TimeoutError):  # the client went away, or fell silent: nothing to answer
                self.close_connection = True

        def do_GET(self) -> None:  # noqa: N802
            self._serve("GET")

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve("HEAD")

        def do_POST(self) -> None:  # noqa: N802
            self._serve("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._serve("PUT")

        def do_DELETE(self) -> None:  # noqa: N802
            self._serve("DELETE")

        def do_OPTIONS(self) -> None:  # noqa: N802
            """A browser's preflight: allowed for the --cors origin only."""
            if config.cors is None or self.headers.get("Origin") != config.cors:
                self._serve("OPTIONS")
                return
            self.send_response(204)
            self._cors_headers()
            self.send_header("Access-Control-Allow-Methods", "GET, POST")
            self.send_header("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = config.backlog  # socketserver's default of 5 resets a burst of clients

        def handle_error(self, request, client_address) -> None:
            """A client that disconnects mid-answer is not an error of the server: no traceback."""
            import sys

            if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
                return
            super().handle_error(request, client_address)

    return Server((config.host, config.port), Handler)


# ------------------------------------------------------------------------------------------ query page


def query_page() -> str:
    """The offline query page: a textarea, the shipped queries as examples, results as a table."""
    examples = {name: text for name, text in sorted(named_queries().items())}
    data = json.dumps(examples).replace("</", "<\\/")
    return _PAGE.replace("__EXAMPLES__", data).replace("__TITLE__", html.escape("geokg SPARQL"))


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
textarea{width:100%;height:16em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}#status{margin-left:1em;color:#555}pre{background:#f7f7f7;padding:1em;overflow:auto}
.err{color:#a00}
</style></head><body>
<h1>geokg SPARQL</h1>
<p>Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol). The default graph is the union of all documents,
unless the query names its own with <code>FROM</code> / <code>FROM NAMED</code>.
Shipped queries with parameters need them bound: edit the query or use <code>kg query NAME -p NAME VALUE</code>.</p>
<label>Example: <select id="examples"><option value="">(choose)</option></select></label>
<textarea id="q" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25</textarea>
<button id="run">Run</button> <label>format <select id="fmt"><option>table</option><option>json</option>
<option>csv</option><option>tsv</option><option>xml</option></select></label><span id="status"></span>
<div id="out"></div>
<script type="application/json" id="data">__EXAMPLES__</script>
<script>
const EX = JSON.parse(document.getElementById('data').textContent);
const sel = document.getElementById('examples');
for (const name of Object.keys(EX)) { const o = document.createElement('option'); o.value = o.textContent = name; sel.appendChild(o); }
sel.onchange = () => { if (sel.value) document.getElementById('q').value = EX[sel.value]; };
const ACCEPT = {table: 'application/sparql-results+json', json: 'application/sparql-results+json',
  csv: 'text/csv', tsv: 'text/tab-separated-values', xml: 'application/sparql-results+xml'};
function cell(t) { return t === undefined ? '' : t.value; }
function render(data) {
  const out = document.getElementById('out'); out.textContent = '';
  if ('boolean' in data) { out.textContent = String(data.boolean); return 1; }
  const table = document.createElement('table'), head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) { const r = table.insertRow(); for (const v of data.head.vars) r.insertCell().textContent = cell(b[v]); }
  out.appendChild(table); return data.results.bindings.length;
}
document.getElementById('run').onclick = async () => {
  const q = document.getElementById('q').value, fmt = document.getElementById('fmt').value;
  const status = document.getElementById('status'), out = document.getElementById('out');
  const graph = /\\b(CONSTRUCT|DESCRIBE)\\b/i.test(q.replace(/#.*$/mg, ''));
  status.textContent = 'running…'; const t0 = performance.now();
  try {
    const r = await fetch('sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
      'Accept': graph ? 'text/turtle' : ACCEPT[fmt]}, body: q});
    const text = await r.text(), ms = Math.round(performance.now() - t0);
    if (!r.ok) { out.innerHTML = ''; const p = document.createElement('p'); p.className = 'err'; p.textContent = r.status + ': ' + text; out.appendChild(p); status.textContent = ''; return; }
    if (!graph && fmt === 'table') { status.textContent = render(JSON.parse(text)) + ' rows, ' + ms + ' ms'; }
    else { out.innerHTML = ''; const pre = document.createElement('pre'); pre.textContent = text; out.appendChild(pre); status.textContent = ms + ' ms'; }
  } catch (e) { status.textContent = ''; out.textContent = String(e); }
};
</script></body></html>
"""
