"""Derived counts kept in their own named graph, :data:`STATS_GRAPH`, so that ``most-connected``,
``documents`` and ``event-types`` read them instead of aggregating over every statement of the store on each query.

For each actor with a relation the graph holds ``gkg:partnerCount`` (distinct actors it has a relation with,
either direction) and ``gkg:reportCount`` (its relations counted once per document that states them); for
each document with statements, ``gkg:statementCount``; for each PLOVER event property (read by ``event-types``)
``gkg:eventCount`` (its direct triples, once per document graph), ``gkg:rolledUpEventCount`` (the same once
both sides are rolled up to the state or group they act for) and ``gkg:eventStatementCount`` (its
statements); for each actor acting for another, ``gkg:rollsUpTo`` (the one it acts for, in one or two
steps, that acts for no one: what the rolled-up counts read); in an embedded store, for each document
``gkg:documentRank`` (its place in the ``documents`` listing: by date, then identifier); and the
graph itself carries ``dcterms:hasVersion`` :data:`STATS_VERSION`: the mark that the counts are current
(and of this layout).

A store drops the whole graph before any write that changes documents (:data:`DROP_STATS`), so the counts
are never stale: either current or absent, and the queries aggregate themselves when they are absent. :func:`refresh_update` recomputes them in one SPARQL update, run by a store when a writer closes
it (once per ``kg build`` or ``kg remove``, not per batch); on a 1M-quad store it takes about a second.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF

from kg.alloc import give_back
from kg.rdf.bulk import bulk_add, nquads
from kg.rdf.namespace import GKG, STATS_GRAPH
from kg.vocab import INTERACTIONS, STRUCTURAL

STATS_VERSION = "5"
_MARK = f"<{STATS_GRAPH}> <{DCTERMS.hasVersion}> \"{STATS_VERSION}\""

DROP_STATS = f"DROP SILENT GRAPH <{STATS_GRAPH}>"

_RELATIONS = " ".join(f"<{GKG[name]}>" for name in (*INTERACTIONS, *STRUCTURAL))
_EVENTS = " ".join(f"<{GKG[name]}>" for name in INTERACTIONS)
_ACTS_FOR_IRIS = [f"<{GKG[name]}>" for name in ("officialOf", "leaderOf", "partOf")]  # one acting for another
_ACTS_FOR = "|".join(_ACTS_FOR_IRIS)


def current_query() -> str:
    """ASK whether the store holds current counts."""
    return f"ASK {{ GRAPH <{STATS_GRAPH}> {{ {_MARK} }} }}"


_ACTOR_COUNTS = f"""SELECT ?actor (COUNT(DISTINCT ?other) AS ?partners) (COUNT(*) AS ?reports) WHERE {{
    VALUES ?p {{ {_RELATIONS} }}
    GRAPH ?doc {{ ?s ?p ?o }}
    VALUES ?side {{ 0 1 }}
    BIND(IF(?side = 0, ?s, ?o) AS ?actor)
    BIND(IF(?side = 0, ?o, ?s) AS ?other)
  }}
  GROUP BY ?actor"""
_DOC_COUNTS = f"""SELECT ?doc (COUNT(*) AS ?n) WHERE {{ GRAPH ?doc {{ ?st <{PROV.wasDerivedFrom}> ?doc }} }}
  GROUP BY ?doc"""


def _top(x: str) -> str:
    """A sub-select of ``?{x}`` and each actor it acts for in one or two steps (gkg:officialOf, gkg:leaderOf,
    gkg:partOf, the steps in any document graphs) that acts for no one: the roll-up of event-types."""
    return f"""SELECT ?{x} ?{x}Top WHERE {{
        {{ GRAPH ?g1 {{ ?{x} {_ACTS_FOR} ?{x}Top }} }}
        UNION {{ GRAPH ?g1 {{ ?{x} {_ACTS_FOR} ?{x}Mid }} GRAPH ?g2 {{ ?{x}Mid {_ACTS_FOR} ?{x}Top }} }}
        FILTER NOT EXISTS {{ GRAPH ?g3 {{ ?{x}Top {_ACTS_FOR} ?above }} }}
      }}"""


_EVENT_COUNTS = f"""SELECT ?p (COUNT(*) AS ?events) WHERE {{ VALUES ?p {{ {_EVENTS} }} GRAPH ?doc {{ ?s ?p ?o }} }}
  GROUP BY ?p"""
_TOPS = f"""SELECT DISTINCT ?x ?xTop WHERE {{ {_top("x")} }}"""
# Events counted once per (type, document, subject side, object side), each side rolled up: joined to the
# roll-up written to the stats graph just before (gkg:rollsUpTo, from ``_TOPS``), read once by a sub-select
# and joined by hash, not the roll-up sub-select with its FILTER NOT EXISTS evaluated for every event, nor a
# lookup per event (10M quads: 20 s, 6.5 s -> 1.7 s; the same counts)
_ROLLED_UP_BY_LOOKUP = f"""SELECT ?p (COUNT(*) AS ?events) WHERE {{
    SELECT DISTINCT ?p ?doc ?sSide ?oSide WHERE {{
      VALUES ?p {{ {_EVENTS} }}
      GRAPH ?doc {{ ?s ?p ?o }}
      OPTIONAL {{ SELECT ?s ?sTop WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?s <{GKG.rollsUpTo}> ?sTop }} }} }}
      OPTIONAL {{ SELECT ?o ?oTop WHERE {{ GRAPH <{STATS_GRAPH}> {{ ?o <{GKG.rollsUpTo}> ?oTop }} }} }}
      BIND(COALESCE(?sTop, ?s) AS ?sSide)
      BIND(COALESCE(?oTop, ?o) AS ?oSide)
    }}
  }}
  GROUP BY ?p"""
_ACTS_FOR_EDGES = f"""SELECT DISTINCT ?a ?b WHERE {{
    VALUES ?p {{ {" ".join(_ACTS_FOR_IRIS)} }} GRAPH ?g {{ ?a ?p ?b }} }}"""


def _roll_up(store) -> Iterator[dict]:
    """``_TOPS``'s rows (x, xTop) from the distinct acts-for edges, followed here: one or two steps to one
    that acts for no one (10M quads: 2.9 s -> 0.07 s; a SPARQL server runs ``_TOPS`` itself)."""
    up: dict = {}
    for row in store.query(_ACTS_FOR_EDGES):
        up.setdefault(row["a"], set()).add(row["b"])
    for x, mids in up.items():
        tops = set()
        for mid in mids:
            tops.update((mid,) if mid not in up else (t for t in up[mid] if t not in up))
        for top in tops:
            yield {"x": x, "xTop": top}


_DOC_IDENTIFIERS = f"SELECT ?doc ?id WHERE {{ GRAPH ?doc {{ ?doc <{DCTERMS.identifier}> ?id }} }}"
_DOC_DATES = f"SELECT ?doc ?date WHERE {{ GRAPH ?doc {{ ?doc <{DCTERMS.date}> ?date }} }}"


def _document_ranks(store) -> Iterator[dict]:
    """Rows (doc, rank) of ``gkg:documentRank``: each document's place (0, 1, ...) in the ``documents``
    listing, by date (a document without one first, as SPARQL orders an unbound value first), then by
    identifier. The listing sorts on this integer alone: Oxigraph compares two strings by reading both from
    its string table (1M quads: 8,829 documents sorted by identifier in 590 ms, by an integer in 20 ms), and
    a page of it (``kg query documents --limit``) is cut from the first ranks before the joins
    (see documents.rq). Python orders strings by code point, as SPARQL orders simple literals, and dates
    of the form YYYY-MM-DD (the only ones kg.rdf.convert writes) as their text."""
    dates: dict[str, str] = {}
    for row in store.query(_DOC_DATES):  # (read apart and joined here: as one query, with the date
        doc = row["doc"].value  # OPTIONAL, Oxigraph held 51 MB more at 20,000 documents, 18 MB this way)
        dates[doc] = min(row["date"].value, dates.get(doc, row["date"].value))
    found = sorted((dates.get(row["doc"].value, ""), row["id"].value, row["doc"].value)
                   for row in store.query(_DOC_IDENTIFIERS))
    del dates
    ranked: set[str] = set()
    for _, _, doc in found:
        if doc not in ranked:  # (a document with two dates or identifiers: its first place)
            yield {"doc": ox.NamedNode(doc), "rank": ox.Literal(len(ranked))}
            ranked.add(doc)


_EVENT_STATEMENT_COUNTS = f"""SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {_EVENTS} }} GRAPH ?doc {{ ?st <{RDF.predicate}> ?p }} }}
  GROUP BY ?p"""

# Each count: a grouping query and the statements each of its rows gives, (subject variable, property,
# object variable); ``refresh_update`` and ``refresh_embedded`` both write exactly these.
COUNTS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (_TOPS, [("x", "rollsUpTo", "xTop")]),  # first: the rolled-up event counts read it
    (_ACTOR_COUNTS, [("actor", "partnerCount", "partners"), ("actor", "reportCount", "reports")]),
    (_DOC_COUNTS, [("doc", "statementCount", "n")]),
    (_EVENT_COUNTS, [("p", "eventCount", "events")]),
    (_ROLLED_UP_BY_LOOKUP, [("p", "rolledUpEventCount", "events")]),
    (_EVENT_STATEMENT_COUNTS, [("p", "eventStatementCount", "n")]),
]
# What an embedded store writes: the same counts, the roll-up followed in Python (``_roll_up``), then the
# document ranks; a callable gives the rows itself
EMBEDDED_COUNTS = [(_roll_up if select is _TOPS else select, writes) for select, writes in COUNTS] + [
    (_document_ranks, [("doc", "documentRank", "rank")])]
_MARK_UPDATE = f"""INSERT {{ GRAPH <{STATS_GRAPH}> {{ {_MARK} }} }}
WHERE {{ FILTER EXISTS {{ GRAPH ?dg {{ ?d a <{GKG.Document}> }} }} }}"""
WRITE_QUADS = 20_000  # counts written per bulk load by ``refresh_embedded``


def refresh_update() -> str:
    """SPARQL update replacing the counts with ones computed from every document graph (a SPARQL server's
    way; an embedded store uses ``refresh_embedded``, the same counts in bounded memory).

    Each direct relation triple is read once per document graph holding it (``GRAPH ?g``: no union default
    graph needed, so the same text runs on any SPARQL 1.1 server) and seen from both of its ends. The mark
    is written only when the store has documents, so an emptied store holds no quads at all. The
    document ranks are not among them: an update cannot number rows, and a second request would let
    another writer's drop come between the counts and the mark (a server sorts ``documents`` itself).
    """
    g = f"<{STATS_GRAPH}>"
    parts = [f"DROP SILENT GRAPH {g}"]
    for select, writes in COUNTS:
        template = " . ".join(f"?{s} <{GKG[p]}> ?{o}" for s, p, o in writes)
        parts.append(f"INSERT {{ GRAPH {g} {{ {template} }} }}\nWHERE {{\n  {select}\n}}")
    return " ;\n".join([*parts, _MARK_UPDATE])


def refresh_embedded(store) -> None:
    """``refresh_update`` on an embedded Oxigraph store, written in bulk loads of WRITE_QUADS quads, and
    the documents' ranks (``_document_ranks``) before the mark.

    One SPARQL update holds every count it inserts in one transaction, in memory: on 20,000 short
    documents that was 110 MB at the end of a build, growing with the store. Here the counts are read
    from the grouping queries as they stream and written by the bulk loader (kg.rdf.bulk: table files
    of their own; transactions of the same size filled RocksDB's write buffers, 55 MB more at the end of
    that build), after the old counts are dropped and before the mark, so a process ended in the middle leaves the counts absent (not
    current: the next writer or ``refresh_stats`` recomputes them), never partial and marked current.
    """
    graph = ox.NamedNode(str(STATS_GRAPH))

    def counts(select, writes):
        made = [(s, ox.NamedNode(str(GKG[p])), o) for s, p, o in writes]
        for row in select(store) if callable(select) else store.query(select):
            for s, p, o in made:
                yield ox.Quad(row[s], p, row[o], graph)

    store.update(DROP_STATS)
    give_back()  # (what the build before it freed)
    for select, writes in EMBEDDED_COUNTS:  # each written whole before the next is read (the roll-up comes first)
        batch: list = []
        for quad in counts(select, writes):
            batch.append(quad)
            if len(batch) >= WRITE_QUADS:
                bulk_add(store, nquads(batch), batch)
                batch = []
        if batch:
            bulk_add(store, nquads(batch), batch)
        del batch
        give_back()  # each count's buffers, freed, back to the system before the next count (kg.alloc)
    store.update(_MARK_UPDATE)

