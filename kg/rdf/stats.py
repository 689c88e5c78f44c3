"""Derived counts kept in their own named graph, :data:`STATS_GRAPH`, so that ``most-connected``,
``documents`` and ``event-types`` read them instead of aggregating over every statement of the store on each query.

For each actor with a relation the graph holds ``gkg:partnerCount`` (distinct actors it has a relation with,
either direction) and ``gkg:reportCount`` (its relations counted once per document that states them); for
each document with statements, ``gkg:statementCount``; for each PLOVER event property (read by ``event-types``)
``gkg:eventCount`` (its direct triples, once per document graph), ``gkg:rolledUpEventCount`` (the same once
both sides are rolled up to the state or group they act for) and ``gkg:eventStatementCount`` (its
statements); and the graph itself carries ``dcterms:hasVersion``
:data:`STATS_VERSION`: the mark that the counts are current (and of this layout).

A store drops the whole graph before any write that changes documents (:data:`DROP_STATS`), so the counts
are never stale: either current or absent, and the queries aggregate themselves when they are absent. :func:`refresh_update` recomputes them in one SPARQL update, run by a store when a writer closes
it (once per ``kg build`` or ``kg remove``, not per batch); on a 1M-quad store it takes about a second.
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDF

from kg.rdf.namespace import GKG, STATS_GRAPH
from kg.vocab import INTERACTIONS, STRUCTURAL

STATS_VERSION = "3"
_MARK = f"<{STATS_GRAPH}> <{DCTERMS.hasVersion}> \"{STATS_VERSION}\""

DROP_STATS = f"DROP SILENT GRAPH <{STATS_GRAPH}>"

_RELATIONS = " ".join(f"<{GKG[name]}>" for name in (*INTERACTIONS, *STRUCTURAL))
_EVENTS = " ".join(f"<{GKG[name]}>" for name in INTERACTIONS)
_ACTS_FOR = f"<{GKG.officialOf}>|<{GKG.leaderOf}>|<{GKG.partOf}>"


def current_query() -> str:
    """ASK whether the store holds current counts."""
    return f"ASK {{ GRAPH <{STATS_GRAPH}> {{ {_MARK} }} }}"


def refresh_update() -> str:
    """SPARQL update replacing the counts with ones computed from every document graph.

    Each direct relation triple is read once per document graph holding it (``GRAPH ?g``: no union default
    graph needed, so the same text runs on any SPARQL 1.1 server) and seen from both of its ends. The mark
    is written only when the store has documents, so an emptied store holds no quads at all.
    """
    g, has_docs = f"<{STATS_GRAPH}>", f"{{ GRAPH ?dg {{ ?d a <{GKG.Document}> }} }}"
    return f"""DROP SILENT GRAPH {g} ;
INSERT {{ GRAPH {g} {{ ?actor <{GKG.partnerCount}> ?partners ; <{GKG.reportCount}> ?reports }} }}
WHERE {{
  SELECT ?actor (COUNT(DISTINCT ?other) AS ?partners) (COUNT(*) AS ?reports) WHERE {{
    VALUES ?p {{ {_RELATIONS} }}
    GRAPH ?doc {{ ?s ?p ?o }}
    VALUES ?side {{ 0 1 }}
    BIND(IF(?side = 0, ?s, ?o) AS ?actor)
    BIND(IF(?side = 0, ?o, ?s) AS ?other)
  }}
  GROUP BY ?actor
}} ;
INSERT {{ GRAPH {g} {{ ?doc <{GKG.statementCount}> ?n }} }}
WHERE {{
  SELECT ?doc (COUNT(*) AS ?n) WHERE {{ GRAPH ?doc {{ ?st <{PROV.wasDerivedFrom}> ?doc }} }}
  GROUP BY ?doc
}} ;
INSERT {{ GRAPH {g} {{ ?p <{GKG.eventCount}> ?events }} }}
WHERE {{
  SELECT ?p (COUNT(*) AS ?events) WHERE {{ VALUES ?p {{ {_EVENTS} }} GRAPH ?doc {{ ?s ?p ?o }} }}
  GROUP BY ?p
}} ;
INSERT {{ GRAPH {g} {{ ?p <{GKG.rolledUpEventCount}> ?events }} }}
WHERE {{
  SELECT ?p (COUNT(*) AS ?events) WHERE {{
    SELECT DISTINCT ?p ?doc ?sSide ?oSide WHERE {{
      VALUES ?p {{ {_EVENTS} }}
      GRAPH ?doc {{ ?s ?p ?o }}
      OPTIONAL {{ {_top("s")} }}
      OPTIONAL {{ {_top("o")} }}
      BIND(COALESCE(?sTop, ?s) AS ?sSide)
      BIND(COALESCE(?oTop, ?o) AS ?oSide)
    }}
  }}
  GROUP BY ?p
}} ;
INSERT {{ GRAPH {g} {{ ?p <{GKG.eventStatementCount}> ?n }} }}
WHERE {{
  SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {_EVENTS} }} GRAPH ?doc {{ ?st <{RDF.predicate}> ?p }} }}
  GROUP BY ?p
}} ;
INSERT {{ GRAPH {g} {{ {_MARK} }} }}
WHERE {{ FILTER EXISTS {has_docs} }}"""


def _top(x: str) -> str:
    """A sub-select of ``?{x}`` and each actor it acts for in one or two steps (gkg:officialOf, gkg:leaderOf,
    gkg:partOf, the steps in any document graphs) that acts for no one: the roll-up of event-types."""
    return f"""SELECT ?{x} ?{x}Top WHERE {{
        {{ GRAPH ?g1 {{ ?{x} {_ACTS_FOR} ?{x}Top }} }}
        UNION {{ GRAPH ?g1 {{ ?{x} {_ACTS_FOR} ?{x}Mid }} GRAPH ?g2 {{ ?{x}Mid {_ACTS_FOR} ?{x}Top }} }}
        FILTER NOT EXISTS {{ GRAPH ?g3 {{ ?{x}Top {_ACTS_FOR} ?above }} }}
      }}"""
