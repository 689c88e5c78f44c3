"""rdflib graph → networkx entity multigraph → analytics, exports and the offline HTML explorer.

>>> from kg.network import to_networkx, summary, render_html   # doctest: +SKIP
>>> G = to_networkx(rdf_graph)                                 # doctest: +SKIP
>>> html = render_html(G, focus="Pakistan", hops=2)            # doctest: +SKIP
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
