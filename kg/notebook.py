"""Store → notebook: ``KnowledgeGraph`` answers in pandas DataFrames and renders the explorer inline.

SPARQL results become DataFrames of Python values, names become IRIs, and ``show()`` embeds the explorer
as an ``<iframe srcdoc>`` (no files, no network). pandas and IPython are imported inside the methods that
need them, so ``import kg`` stays light. Example::

    from kg import KnowledgeGraph
    kg = KnowledgeGraph.build(["seeds/"])
    kg.query("officials", org="Pakistan")
    kg.evidence("United States", "Pakistan")
    kg.show(focus="Pakistan", hops=1)
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef, Variable
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Identifier

from kg.errors import KGError, StoreError
from kg.files import source_from_text
from kg.network.project import COUNTRY_CODES, country_code
from kg.rdf.namespace import GKG, PREFIXES, shorten
from kg.rdf.resolve import StoreNames, expand, resolve
from kg.rdf.store import GraphStore, load_graph_file, open_store
from kg.settings import INPUT_SUFFIXES
from kg.types import BuildReport, Source
from kg.vocab import (  # ENTITY_CLASSES: most specific first, an entity's class is its first type there
    ENTITY_CLASSES,
    INTERACTIONS,
    QUAD_CLASSES,
    RELATION_QUAD,
    STRUCTURAL,
    subclasses,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    from IPython.display import HTML
    from pyvis.network import Network

__all__ = ["KnowledgeGraph"]



# Where a query parameter sits tells what a plain string bound to it means.
_ENTITY_OBJECT_PREDICATES = {GKG[r] for r in RELATION_QUAD} | {RDF.subject, RDF.object}
_SEP = "\x1f"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PATH_HINT = re.compile(r"(^[./~]|[/\\*?\[])")


@dataclass(frozen=True)
class _Entity:
    iri: str
    label: str
    cls: str
    iso: str | None
    title: str | None
    alt_labels: tuple[str, ...]
    codes: tuple[str | None, ...] = ()  # a state's outside codes, in COUNTRY_CODES order


@dataclass(frozen=True)
class _Index:
    entities: dict[str, _Entity]  # IRI → entity
    relations: Counter[str]  # relation name → number of asserted (subject, object) pairs


# ------------------------------------------------------------------------------------------ term helpers




def python_value(term: Any, prefixes: bool = True) -> Any:
    """An RDF term as a plain Python value: str (IRIs shortened if asked), int, float, bool, date, or None."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return shorten(str(term)) if prefixes else str(term)
    if isinstance(term, Literal):
        if term.language or term.datatype in (None, XSD.string):
            return str(term)
        value = term.toPython()
        if isinstance(value, Literal):  # ill-typed or unknown datatype
            return str(term)
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, bool | int | float | str | dt.date | dt.time):
            return value
        return str(term)
    return str(term)


def _local(iri: str) -> str:
    return iri[len(str(GKG)):] if iri.startswith(str(GKG)) else iri


# ------------------------------------------------------------------------------------------ the class


# The inline explorer's frame: its scripts run and its PNG/SVG export may download, never with the notebook's origin
FRAME_SANDBOX = "allow-scripts allow-downloads"

class KnowledgeGraph:
    """A geokg graph in a notebook: SPARQL → DataFrames, names → IRIs, the explorer inline.

    Make one with :meth:`build` (texts or paths), :meth:`open` (a store) or :meth:`from_file`
    (a ``.ttl``/``.trig``/``.nq``/``.jsonld`` file). ``report`` is the build report (``None`` otherwise).
    """

    def __init__(self, store: GraphStore, report: BuildReport | None = None) -> None:
        self.store = store
        self.report = report
        self._index: tuple[int, _Index] | None = None

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        texts_or_paths: str | Path | Source | Iterable[str | Path | Source],
        *,
        store: str | Path | GraphStore | None = None,
        date: str | None = None,
        jobs: int = 1,
        model: str | None = None,
    ) -> KnowledgeGraph:
        """Extract a graph from texts, paths (files, directories, globs) or Source records.

        A string that names an existing file or directory (or looks like a path: ``seeds/``, ``a.txt``)
        is read as a path; any other string is the text of a document. ``store`` keeps the graph in a
        persistent store (a directory, or ``sparql+http(s)://...``); ``date`` (YYYY-MM-DD) dates
        documents that carry no date.
        """
        from kg.files import InputIssues, iter_sources
        from kg.pipeline import build

        items = [texts_or_paths] if isinstance(texts_or_paths, str | Path | Source) else list(texts_or_paths)
        if date is not None and not _DATE_RE.match(date):
            raise KGError(f"invalid date {date!r}; valid: YYYY-MM-DD")
        issues = InputIssues()
        sources: list[Source] = []
        n_texts = 0
        for item in items:
            if isinstance(item, Source):
                sources.append(item)
            elif isinstance(item, Path) or _is_path(item):
                path = str(item)
                if not Path(path).exists() and not any(ch in path for ch in "*?["):
                    raise KGError(f"no such file or directory: {path!r} (strings that are not paths are read as text)")
                sources.extend(iter_sources([path], issues, default_date=date))
            elif isinstance(item, str):
                sources.append(source_from_text(item, n_texts, default_date=date))
                n_texts += 1
            else:
                raise KGError(f"invalid input {item!r}; valid: a text, a path, or a kg.types.Source")
        result = build(sources, store=store, date=date, jobs=jobs, model=model)
        result.report.skipped[:0] = issues.skipped
        result.report.warnings[:0] = issues.warnings
        return cls(result.store, result.report)

    @classmethod
    def open(cls, store: str | Path) -> KnowledgeGraph:
        """A graph in an existing store: an Oxigraph directory or ``sparql+http(s)://...``."""
        loc = str(store)
        if "://" not in loc and not Path(loc).is_dir():
            raise StoreError(f"no store at {loc!r}; valid: an existing store directory or sparql+http(s)://...")
        return cls(open_store(loc))

    @classmethod
    def from_file(cls, path: str | Path) -> KnowledgeGraph:
        """A graph read from a graph file (``.ttl``, ``.trig``, ``.nq``, ``.nt``, ``.jsonld``), in memory."""
        return cls(load_graph_file(path))

    # -- SPARQL ------------------------------------------------------------------------------------

    def query(self, sparql: str, *, prefixes: bool = True, infer: bool = False, **bindings: Any) -> Any:
        """Run SPARQL text, a ``.rq`` file or a named query; SELECT → DataFrame, ASK → bool.

        ``bindings`` are plain Python values bound with initBindings (never formatted into the text). A
        named query's ``# param`` lines say what each parameter is; for other SPARQL, where the variable
        stands tells (subject of a pattern or object of a relation: an entity; object of ``rdf:type``: a
        class). An entity can be given by label, alternative label, ISO code or IRI (``id:state/PAK``,
        ``<...>``, ``https://...``), resolved as ``kg query -p`` resolves it (kg.rdf.resolve: a name several
        entities share is an error listing them, give one's IRI); numbers, dates (``date`` objects or
        ``"YYYY-MM-DD"``) and other strings become literals. With ``prefixes`` IRIs in the result are
        shortened (``gkg:``, ``id:``, ``doc:``); ``infer`` applies RDFS entailment.
        CONSTRUCT/DESCRIBE give a DataFrame of subject, predicate, object. The frame has no column for a
        bound variable (its value in every row), nor for a named query's optional parameter left out.
        """
        from kg.rdf.query import run_query
        from kg.rdf.sparql import named_queries, query_params, resolve_query

        text = named_queries().get(sparql) or resolve_query(sparql)
        terms = self._bind(text, bindings)
        result = run_query(self.store, text, terms, infer=infer)
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            rows = [[python_value(t, prefixes) for t in triple] for triple in result.graph]
            return _frame(rows, ["subject", "predicate", "object"])
        names = [str(v) for v in result.vars or ()]
        rows = [[python_value(row[v], prefixes) for v in result.vars] for row in result]
        df = _frame(rows, names)
        # a query projects its bound variables (SPARQL substitution requires it): each is the same value in
        # every row, as is a declared optional parameter left out (empty); neither is an answer
        declared = query_params(text)
        dropped = [c for c in df.columns if c in terms or (c in declared and df[c].isna().all())]
        return df.drop(columns=dropped)

    def _bind(self, sparql: str, bindings: Mapping[str, Any]) -> dict[str, Identifier]:
        """Python values → RDF terms, by the query's ``# param`` lines or, failing those, by where each sits."""
        from kg.rdf.sparql import convert_param, query_params

        declared = query_params(sparql)
        if declared:
            unknown = [n for n in bindings if n not in declared]
            if unknown:
                raise KGError(f"invalid parameter {unknown[0]!r}; valid: {', '.join(declared)}")
            missing = [p.name for p in declared.values() if not p.optional and p.name not in bindings]
            if missing:
                p = declared[missing[0]]
                raise KGError(f"missing parameter {p.name!r}: give {p.name}=... ({p.doc})")
        roles = {n: p.kind for n, p in declared.items()} if declared else None
        terms: dict[str, Identifier] = {}
        for name, value in bindings.items():
            if isinstance(value, Identifier):
                terms[name] = value
            elif isinstance(value, str):
                iri = expand(value)
                if roles is None:
                    roles = _parameter_roles(sparql)
                role = roles.get(name)
                if role == "entity":
                    terms[name] = URIRef(self._resolve(value))
                elif iri is not None:
                    terms[name] = iri
                elif role in ("class", "relation", "date", "integer", "boolean", "text") and name in declared:
                    terms[name] = convert_param(declared[name], value)  # type: ignore[assignment]
                elif role == "class":
                    terms[name] = _class_iri(value)
                elif role == "relation":
                    terms[name] = _relation_iri(value)
                elif _DATE_RE.match(value):
                    terms[name] = Literal(value, datatype=XSD.date)
                else:
                    terms[name] = Literal(value)
            elif isinstance(value, bool | int | float | Decimal | dt.date | dt.datetime):
                terms[name] = Literal(value)
            else:
                raise KGError(f"invalid binding {name}={value!r}; valid: str, int, float, bool, date or an rdflib term")
        return terms

    # -- tables ------------------------------------------------------------------------------------

    def entities(self, kind: str | None = None) -> pd.DataFrame:
        """Entities with iri, label, class, iso, title, alt_labels and a state's outside codes (iso2, iso_numeric,
        gw, cameo: ISO alpha-2, ISO numeric / UN M49, Gleditsch–Ward, CAMEO); ``kind`` keeps one class and its
        subclasses."""
        entities, _ = self._entities()
        wanted: set[str] | None = None
        if kind is not None:
            name = _class_name(kind)
            wanted = {name, *subclasses(name)}
        rows = [
            [e.iri, e.label, e.cls, e.iso, e.title, list(e.alt_labels), *(e.codes or (None,) * len(COUNTRY_CODES))]
            for e in sorted(entities.values(), key=lambda e: (ENTITY_CLASSES.index(e.cls), e.label.casefold()))
            if wanted is None or e.cls in wanted
        ]
        columns = ["iri", "label", "class", "iso", "title", "alt_labels", *COUNTRY_CODES]
        df = _frame(rows, columns, shorten_iris=["iri"])
        df["gw"] = df["gw"].astype("Int64")  # whole numbers with gaps, not floats
        return df

    def relations(self, subject: str | None = None, object: str | None = None, type: str | None = None) -> pd.DataFrame:
        """Asserted relations (one row per subject, relation, object) with their evidence count and dates.

        ``subject``/``object`` are entity names or IRIs; ``type`` is a relation (``consult``), a quad
        class (``MaterialConflict``), ``"interaction"`` or ``"structural"``.
        """
        entities, _ = self._entities()
        predicates = _relation_filter(type)
        bindings: dict[str, Identifier] = {}
        if subject is not None:
            bindings["s"] = URIRef(self._resolve(subject))
        if object is not None:
            bindings["o"] = URIRef(self._resolve(object))
        values = " ".join(f"<{GKG[r]}>" for r in predicates)  # constants from the vocabulary, not user input
        sparql = f"""
            PREFIX rdf: <{RDF}> PREFIX gkg: <{GKG}> PREFIX prov: <{PROV}> PREFIX dcterms: <{DCTERMS}>
            SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?n) (COUNT(DISTINCT ?doc) AS ?docs)
                   (MIN(?when) AS ?first) (MAX(?when) AS ?last)
            WHERE {{
              VALUES ?p {{ {values} }}
              ?s ?p ?o .
              OPTIONAL {{
                ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                OPTIONAL {{ ?st gkg:date ?sd }}
                OPTIONAL {{ ?st prov:wasDerivedFrom ?doc . OPTIONAL {{ ?doc dcterms:date ?dd }} }}
                BIND(COALESCE(?sd, ?dd) AS ?when)
              }}
            }} GROUP BY ?s ?p ?o"""
        rows = []
        for r in self.store.query(sparql, bindings):
            s, p, o = str(bindings.get("s") or r["s"]), _local(str(r["p"])), str(bindings.get("o") or r["o"])
            rows.append([
                _label(entities, s), p, _label(entities, o), RELATION_QUAD.get(p), int(r["n"].toPython()),
                int(r["docs"].toPython()), python_value(r["first"]), python_value(r["last"]), s, o,
            ])
        rows.sort(key=lambda row: (-row[4], row[0].casefold(), row[1], row[2].casefold()))
        columns = ["subject", "relation", "object", "quad_class", "evidence", "documents", "first_date",
                   "last_date", "subject_iri", "object_iri"]
        return _frame(rows, columns, dates=["first_date", "last_date"], shorten_iris=["subject_iri", "object_iri"])

    def dyads(self) -> pd.DataFrame:
        """Pairs of actors by number of interaction events between them (either direction), most first.

        An event is a relation stated by one document (stated twice there, as in a headline and its lead,
        it is one event). Columns: a, b (labels), events, statements (the sentences behind them),
        cooperation, conflict (events by quad family), first_date, last_date, a_iri, b_iri. Useful to pick
        the pair for :meth:`evidence` or a timeline.
        """
        pd = _pandas()
        rel = self.relations(type="interaction")
        rel = rel[rel["subject_iri"] != rel["object_iri"]]
        columns = ["a", "b", "events", "statements", "cooperation", "conflict", "first_date", "last_date", "a_iri",
                   "b_iri"]
        if rel.empty:
            return _frame([], columns, dates=["first_date", "last_date"])
        ordered = rel["subject_iri"] <= rel["object_iri"]
        df = pd.DataFrame({
            "a_iri": rel["subject_iri"].where(ordered, rel["object_iri"]),
            "b_iri": rel["object_iri"].where(ordered, rel["subject_iri"]),
            "a": rel["subject"].where(ordered, rel["object"]),
            "b": rel["object"].where(ordered, rel["subject"]),
            "events": rel["documents"],
            "statements": rel["evidence"],
            "cooperation": rel["documents"].where(rel["quad_class"].str.endswith("Cooperation"), 0),
            "conflict": rel["documents"].where(rel["quad_class"].str.endswith("Conflict"), 0),
            "first_date": rel["first_date"],
            "last_date": rel["last_date"],
        })
        out = df.groupby(["a_iri", "b_iri", "a", "b"], as_index=False).agg(
            events=("events", "sum"), statements=("statements", "sum"), cooperation=("cooperation", "sum"),
            conflict=("conflict", "sum"), first_date=("first_date", "min"), last_date=("last_date", "max"),
        )
        out = out.sort_values(["events", "statements", "a", "b"], ascending=[False, False, True, True], kind="stable")
        return out[columns].reset_index(drop=True)

    def evidence(self, a: str, b: str | None = None) -> pd.DataFrame:
        """Every statement between ``a`` and ``b`` (both directions; or touching ``a`` when ``b`` is None).

        One row per sentence: subject, relation, object, quad_class, date (when the text dates the event,
        else the document's date), sentence, document, title, doc_date, rule, confidence, modality, sector.
        """
        entities, _ = self._entities()
        bindings = {"a": URIRef(self._resolve(a))}
        if b is None:
            pair = "{ ?st rdf:subject ?a } UNION { ?st rdf:object ?a }"
        else:
            bindings["b"] = URIRef(self._resolve(b))
            pair = "{ ?st rdf:subject ?a ; rdf:object ?b } UNION { ?st rdf:subject ?b ; rdf:object ?a }"
        sparql = f"""
            PREFIX rdf: <{RDF}> PREFIX gkg: <{GKG}> PREFIX prov: <{PROV}> PREFIX dcterms: <{DCTERMS}>
            SELECT DISTINCT ?a ?b ?st ?s ?p ?o ?sd ?text ?id ?title ?dd ?rule ?confidence ?modality ?sector ?start
            WHERE {{
              {pair}
              ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
              OPTIONAL {{ ?st gkg:evidence ?text }}
              OPTIONAL {{ ?st gkg:date ?sd }}
              OPTIONAL {{ ?st gkg:rule ?rule }}
              OPTIONAL {{ ?st gkg:confidence ?confidence }}
              OPTIONAL {{ ?st gkg:modality ?modality }}
              OPTIONAL {{ ?st gkg:actorSector ?sector }}
              OPTIONAL {{ ?st gkg:charStart ?start }}
              OPTIONAL {{
                ?st prov:wasDerivedFrom ?doc .
                OPTIONAL {{ ?doc dcterms:identifier ?id }}
                OPTIONAL {{ ?doc dcterms:title ?title }}
                OPTIONAL {{ ?doc dcterms:date ?dd }}
              }}
            }}"""
        rows = []
        for r in self.store.query(sparql, bindings):
            s, p, o = str(r["s"]), _local(str(r["p"])), str(r["o"])
            when = python_value(r["sd"]) or python_value(r["dd"])
            rows.append([
                _label(entities, s), p, _label(entities, o), RELATION_QUAD.get(p), when, python_value(r["text"]),
                python_value(r["id"]), python_value(r["title"]), python_value(r["dd"]), python_value(r["rule"]),
                python_value(r["confidence"]), python_value(r["modality"]), python_value(r["sector"]),
                python_value(r["start"]),
            ])
        rows.sort(key=lambda row: (str(row[4] or "9999"), str(row[6] or ""), row[13] or 0, row[1]))
        columns = ["subject", "relation", "object", "quad_class", "date", "sentence", "document", "title",
                   "doc_date", "rule", "confidence", "modality", "sector", "char_start"]
        return _frame(rows, columns, dates=["date", "doc_date"])

    # -- network and display ------------------------------------------------------------------------

    def to_networkx(self) -> nx.MultiDiGraph:
        """The entity multigraph (nodes: entity IRIs; edges: relations with their evidence), a fresh copy."""
        from kg.network.project import to_networkx

        return to_networkx(self.store.union_graph())

    def show(self, focus: str | None = None, hops: int = 2, *, min_evidence: int = 1, height: int = 600) -> HTML:
        """The interactive explorer inline: an ``<iframe srcdoc>``, with no files written and no network.

        ``focus`` (a name or IRI) shows only the entities within ``hops`` relations of it.
        """
        from IPython.display import HTML

        from kg.network.html import render_html

        if hops < 0:
            raise KGError(f"invalid hops {hops!r}; valid: an integer >= 0")
        if min_evidence < 1:
            raise KGError(f"invalid min_evidence {min_evidence!r}; valid: an integer >= 1")
        if height <= 0:
            raise KGError(f"invalid height {height!r}; valid: pixels > 0")
        node = self._resolve(focus) if focus is not None else None
        title = "geokg" if node is None else f"geokg: {_label(self._entities()[0], node)}"
        page = render_html(self.to_networkx(), title=title, focus=node, hops=hops, min_evidence=min_evidence)
        return HTML(
            '<div class="geokg-explorer">'
            f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="{FRAME_SANDBOX}" title="{html.escape(title)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe></div>'
        )

    def to_pyvis(
        self, focus: str | None = None, hops: int = 2, *, min_evidence: int = 1, height: str = "750px"
    ) -> Network:
        """The graph as a ``pyvis.network.Network``, for styling with pyvis's own API.

        Built entity by entity from the same graph and selection as :meth:`show` (legend colours, node
        size by distinct actor partners, a fixed layout seed); pyvis's ``from_nx`` is not used, as it
        rewrites the graph it is given. pyvis's own ``write_html``/``show`` link Bootstrap from a CDN;
        ``kg.network.pyvis_network.pyvis_html(net)`` gives the same page with no network access.
        """
        from kg.network.pyvis_network import to_pyvis

        if hops < 0:
            raise KGError(f"invalid hops {hops!r}; valid: an integer >= 0")
        if min_evidence < 1:
            raise KGError(f"invalid min_evidence {min_evidence!r}; valid: an integer >= 1")
        node = self._resolve(focus) if focus is not None else None
        return to_pyvis(self.to_networkx(), focus=node, hops=hops, min_evidence=min_evidence, height=height)

    def summary(self) -> dict[str, Any]:
        """Counts: documents, entities (per class), relations (per type) and evidence statements."""
        entities, relations = self._entities()
        docs = self.store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{GKG.Document}> }}")
        stmts = self.store.query(
            f"SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {{ ?st a <{RDF.Statement}> ; <{GKG.evidence}> ?e }}"
        )
        classes = Counter(e.cls for e in entities.values())
        return {
            "documents": int(next(iter(docs))[0].toPython()),
            "entities": len(entities),
            "relations": sum(relations.values()),
            "statements": int(next(iter(stmts))[0].toPython()),
            "classes": {c: classes[c] for c in ENTITY_CLASSES if classes[c]},
            "relation_types": {r: relations[r] for r in RELATION_QUAD if relations[r]},
        }

    def __repr__(self) -> str:
        s = self.summary()
        skipped = f", {len(self.report.skipped)} inputs skipped" if self.report and self.report.skipped else ""
        return (f"<KnowledgeGraph: {s['documents']} documents, {s['entities']} entities, "
                f"{s['relations']} relations, {s['statements']} evidence statements{skipped}>")

    def _repr_html_(self) -> str:
        s = self.summary()
        esc = html.escape

        def table(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
            head = "".join(f"<th>{esc(h)}</th>" for h in header)
            body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in rows)
            return (f'<div style="display:inline-block;vertical-align:top;margin-right:2em">'
                    f"<b>{esc(title)}</b><table><tr>{head}</tr>{body}</table></div>")

        skipped = ""
        if self.report is not None and self.report.skipped:
            items = "".join(f"<li>{esc(k.origin)}: {esc(k.reason)}</li>" for k in self.report.skipped[:10])
            more = f"<li>... and {len(self.report.skipped) - 10} more</li>" if len(self.report.skipped) > 10 else ""
            skipped = f"<p><b>{len(self.report.skipped)} inputs skipped</b> (<code>.report.skipped</code>):</p><ul>{items}{more}</ul>"
        classes = [(c, str(n)) for c, n in s["classes"].items()]
        relations = [(r, RELATION_QUAD[r], str(n)) for r, n in s["relation_types"].items()]
        return (
            f"<div><p><b>KnowledgeGraph</b>: {s['documents']} documents, {s['entities']} entities, "
            f"{s['relations']} relations, {s['statements']} evidence statements</p>"
            + table("Entities per class", classes, ("class", "entities"))
            + table("Relations per type", relations, ("relation", "quad class", "edges"))
            + skipped
            + "</div>"
        )

    # -- names -------------------------------------------------------------------------------------

    def _entities(self) -> tuple[dict[str, _Entity], Counter[str]]:
        """IRI → entity, and relation name → number of asserted edges."""
        index = self._read_index()
        return index.entities, index.relations

    def _read_index(self) -> _Index:
        """Entities and relation counts, read once and again only when the store's size changes."""
        try:
            size = len(self.store)
        except TypeError:  # a store that cannot count its quads cheaply: read every time
            size = -1
        if self._index is None or self._index[0] != size or size < 0:
            self._index = (size, _read_index(self.store))
        return self._index[1]

    def _resolve(self, name: str) -> str:
        """An entity IRI for a label, alternative label, ISO code or IRI, by the resolver ``kg query -p`` uses
        (kg.rdf.resolve): an unknown name names close matches, an ambiguous one lists its candidates."""
        return resolve(StoreNames(self.store), name)


# ------------------------------------------------------------------------------------------ reading


def _read_index(store: GraphStore) -> _Index:
    """One scan per property (types, labels, alt labels, ISO codes, titles) and one of the relations."""
    class_iris = {str(GKG[c]): c for c in ENTITY_CLASSES}
    types: dict[str, set[str]] = {}
    for s, t in store.query("SELECT DISTINCT ?s ?t WHERE { ?s a ?t FILTER(isIRI(?s)) }"):
        if (c := class_iris.get(str(t))) is not None:
            types.setdefault(str(s), set()).add(c)

    def values(predicate: URIRef) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for s, v in store.query(f"SELECT DISTINCT ?s ?v WHERE {{ ?s <{predicate}> ?v }}"):
            if str(s) in types:
                out.setdefault(str(s), []).append(str(v))
        return {s: sorted(set(vs), key=lambda v: (len(v), v)) for s, vs in out.items()}

    labels, alts, isos, titles = (values(p) for p in (RDFS.label, SKOS.altLabel, GKG.isoCode, GKG.title))
    codes = [values(GKG[prop]) for prop in COUNTRY_CODES.values()]
    entities = {}
    for iri, classes in types.items():
        names = labels.get(iri) or [iri.rsplit("/", 1)[-1]]
        label = names[0]
        entities[iri] = _Entity(
            iri=iri,
            label=label,
            cls=min(classes, key=ENTITY_CLASSES.index),
            iso=(isos.get(iri) or [None])[0],
            title="; ".join(titles[iri]) if iri in titles else None,
            alt_labels=tuple(sorted(set(alts.get(iri, [])) | set(names[1:]) - {label}, key=str.casefold)),
            codes=tuple(country_code(attr, c.get(iri, [])) for attr, c in zip(COUNTRY_CODES, codes, strict=True)),
        )
    predicates = " ".join(f"<{GKG[r]}>" for r in RELATION_QUAD)  # vocabulary constants, not user input
    relations: Counter[str] = Counter()
    for _, p, _ in store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }}"):
        relations[_local(str(p))] += 1
    return _Index(entities, relations)


def _label(entities: Mapping[str, _Entity], iri: str) -> str:
    e = entities.get(iri)
    return e.label if e is not None else shorten(iri)


def _pandas() -> Any:
    """pandas, or a KGError with the one-line install hint (a base install has no pandas)."""
    try:
        import pandas as pd
    except ImportError:
        raise KGError("DataFrames need pandas, which this install lacks: pip install 'geokg[notebook]'") from None
    return pd


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _frame(rows: list[list[Any]], columns: list[str], *, dates: Iterable[str] = (),
           shorten_iris: Iterable[str] = ()) -> pd.DataFrame:
    """Rows → DataFrame with one kind of missing value: pd.NA (NaT in date columns).

    Named date columns (and any column holding only dates) become datetime64; strings lose surrounding
    whitespace (an evidence sentence keeps no trailing newline); numbers, booleans and strings get pandas'
    nullable dtypes (Int64, Float64, boolean, string), other columns (lists, mixed) hold pd.NA where empty.
    """
    pd = _pandas()
    rows = [[v.strip() if isinstance(v, str) else v for v in row] for row in rows]
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    for c in shorten_iris:
        df[c] = df[c].map(lambda v: shorten(v) if isinstance(v, str) else v)
    date_columns = set(dates)
    for c in columns:
        values = [v for v in df[c] if not _missing(v)]
        if values and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in values):
            date_columns.add(c)
    others = [c for c in df.columns if c not in date_columns]
    df[others] = df[others].convert_dtypes()
    for c in others:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: pd.NA if _missing(v) else v)
    for c in date_columns:
        if c in df.columns:
            df[c] = pd.to_datetime(df[c])
    return df


# ------------------------------------------------------------------------------------------ names and roles


def _is_path(text: str) -> bool:
    """A string is a path if it names an existing file or looks like one (one token, a path-ish shape)."""
    if not isinstance(text, str) or "\n" in text or len(text) > 1024:
        return False
    try:
        if Path(text).exists():
            return True
    except OSError:
        return False
    if any(ch.isspace() for ch in text):
        return False
    return bool(_PATH_HINT.search(text)) or text.lower().endswith(INPUT_SUFFIXES)


def _class_name(kind: str) -> str:
    iri = expand(kind)
    name = _local(str(iri)) if iri is not None else kind.strip()
    for c in ENTITY_CLASSES:
        if c.casefold() == name.casefold():
            return c
    raise KGError(f"invalid entity class {kind!r}; valid: {', '.join(ENTITY_CLASSES)}")


def _class_iri(kind: str) -> URIRef:
    try:
        return GKG[_class_name(kind)]
    except KGError:
        if kind in ("Document", "QuadClass", *QUAD_CLASSES):
            return GKG[kind]
        raise


def _relation_iri(name: str) -> URIRef:
    if name in RELATION_QUAD:
        return GKG[name]
    raise KGError(f"invalid relation {name!r}; valid: {', '.join(RELATION_QUAD)}")


def _relation_filter(kind: str | None) -> list[str]:
    """Relation names for ``relations(type=...)``: one relation, a quad class, "interaction" or "structural"."""
    if kind is None:
        return list(RELATION_QUAD)
    iri = expand(kind)
    name = _local(str(iri)) if iri is not None else kind.strip()
    if name in RELATION_QUAD:
        return [name]
    if name in QUAD_CLASSES or name == "Structural":
        return [r for r, q in RELATION_QUAD.items() if q == name]
    if name.casefold() in ("interaction", "interactions"):
        return list(INTERACTIONS)
    if name.casefold() == "structural":
        return list(STRUCTURAL)
    valid = [*RELATION_QUAD, *QUAD_CLASSES, "interaction", "structural"]
    close = difflib.get_close_matches(name, valid, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise KGError(f"invalid relation type {kind!r}{hint}; valid: {', '.join(valid)}")


def _parameter_roles(sparql: str) -> dict[str, str]:
    """Variable → "entity" | "class" | "relation", read from where it stands in the query's triple patterns."""
    from rdflib.paths import Path as RDFPath
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    try:
        parsed = prepareQuery(sparql, initNs=PREFIXES)
    except Exception:  # noqa: BLE001 - rdflib's parser raises many types; roles are a convenience only
        return {}
    roles: dict[str, str] = {}

    def visit(node: Any) -> None:
        for s, p, o in getattr(node, "triples", None) or ():
            if isinstance(s, Variable) and p not in (RDF.subject, RDF.predicate, RDF.object):
                roles[str(s)] = "entity"
            if isinstance(o, Variable):
                if p == RDF.type:
                    roles.setdefault(str(o), "class")
                elif p == RDF.predicate:
                    roles.setdefault(str(o), "relation")
                elif p in _ENTITY_OBJECT_PREDICATES or isinstance(p, RDFPath):
                    roles[str(o)] = "entity"

    traverse(parsed.algebra, visitPost=visit)
    return roles
