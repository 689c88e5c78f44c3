"""rdflib graph → networkx entity multigraph → analytics, exports and the offline HTML explorer.

>>> from rdflib import Graph
>>> from kg.network import to_networkx, summary, render_html
>>> rdf_graph = Graph().parse(format="turtle", data='''
... @prefix gkg: <https://w3id.org/geokg/ontology#> . @prefix id: <https://w3id.org/geokg/id/> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... id:pak a gkg:State ; rdfs:label "Pakistan" .
... id:ind a gkg:State ; rdfs:label "India" .
... id:ind gkg:accuse id:pak .''')
>>> G = to_networkx(rdf_graph)
>>> summary(G)["by_quad"]
{'VerbalConflict': 1}
>>> html = render_html(G, focus="Pakistan", hops=2)
>>> html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from kg.network.html import render_html, write_html
from kg.network.metrics import (
    UnknownEntityError,
    centrality,
    communities,
    edges_csv,
    ego,
    filter_min_evidence,
    find_node,
    pagerank,
    paths_between,
    summary,
    write_gexf,
    write_graphml,
)
from kg.network.project import to_networkx

__all__ = [
    "UnknownEntityError",
    "centrality",
    "communities",
    "edges_csv",
    "ego",
    "filter_min_evidence",
    "find_node",
    "pagerank",
    "paths_between",
    "render_html",
    "summary",
    "to_networkx",
    "write_gexf",
    "write_graphml",
    "write_html",
]
