"""Entity multigraph → analytics and exports: counts, centrality, communities, paths, GraphML/GEXF/CSV.

Every function takes the ``nx.MultiDiGraph`` made by :func:`kg.network.project.to_networkx`, returns
plain dicts, lists or strings (``write_*`` write a file), prints nothing and never modifies its input.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import Counter
from typing import Any

import networkx as nx

from kg.errors import QueryError
from kg.files import write_atomic
from kg.rdf.resolve import Known, TableNames, resolve

__all__ = [
    "ACTOR_CLASSES",
    "UnknownEntityError",
    "actor_partners",
    "centrality",
    "communities",
    "edges_csv",
    "ego",
    "filter_min_evidence",
    "find_node",
    "label_of",
    "pagerank",
    "paths_between",
    "summary",
    "undirected",
    "write_gexf",
    "write_graphml",
]

ACTOR_CLASSES = frozenset(
    {"Actor", "State", "Group", "ArmedGroup", "InternationalOrganization", "GovernmentBody", "Official"}
)
"""Classes whose members act (gkg:Actor and its subclasses): places and bystanders are not actors."""
EXACT_BETWEENNESS_MAX_NODES = 2000
"""Above this many nodes betweenness is estimated from ``BETWEENNESS_SAMPLES`` sampled sources."""
BETWEENNESS_SAMPLES = 100
CSV_COLUMNS = (
    "source",
    "relation",
    "target",
    "quad",
    "evidence",
    "document",
    "date",
    "rule",
    "title",
    "confidence",
    "source_id",
    "target_id",
)


class UnknownEntityError(ValueError):
    """A name matches no entity's label, alternative label, ISO code or IRI, or several equally well."""


# ------------------------------------------------------------------------------------------- lookup


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node (IRI) named ``name``: its IRI, label, alternative label or ISO code, by the resolver
    ``kg query -p`` and the notebook use (kg.rdf.resolve: exact first, then any case; ISO code, then label,
    then alternative label).

    Raises :class:`UnknownEntityError` (a ``ValueError``) naming close matches when nothing fits, or listing
    the candidates (label, class, IRI) when several fit equally well.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("id:pak", label="Pakistan", alt_labels=["Islamabad"], iso="PAK")
    >>> find_node(G, "pakistan"), find_node(G, "PAK")
    ('id:pak', 'id:pak')
    >>> find_node(G, "Pakistn")
    Traceback (most recent call last):
      ...
    kg.network.metrics.UnknownEntityError: unknown entity 'Pakistn'; did you mean: 'Pakistan'? (valid: a label, alternative label or ISO code, any case, as `kg query actors` lists them, or an IRI)
    """
    if name in G:
        return name
    known = (
        Known(str(n), str(d.get("label") or n), str(d.get("cls") or "entity"), d.get("iso"),
              tuple(d.get("alt_labels") or ()))
        for n, d in G.nodes(data=True)
    )
    try:
        return resolve(TableNames(known), name)
    except QueryError as exc:
        raise UnknownEntityError(str(exc)) from None


def label_of(G: nx.MultiDiGraph, node: str) -> str:
    """The display name of ``node``: its label, else its id."""
    return str(G.nodes[node].get("label") or node)


# ----------------------------------------------------------------------------------------- subgraphs


def ego(G: nx.MultiDiGraph, name: str, hops: int = 2) -> nx.MultiDiGraph:
    """A copy of the part of ``G`` within ``hops`` relations (either direction) of the entity ``name``."""
    if hops < 0:
        raise ValueError(f"invalid hops {hops!r}; valid: an integer >= 0")
    return nx.ego_graph(G, find_node(G, name), radius=hops, undirected=True)


def filter_min_evidence(G: nx.MultiDiGraph, k: int) -> nx.MultiDiGraph:
    """A copy of ``G`` without the edges backed by fewer than ``k`` evidence sentences (nodes are kept).

    ``k <= 1`` keeps every edge, including asserted relations that carry no statement.
    """
    H = G.copy()
    if k > 1:
        H.remove_edges_from(
            [(u, v, key) for u, v, key, w in G.edges(keys=True, data="weight") if (w or 0) < k]
        )
    return H


def undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph of ``G``; an edge's weight is the evidence of all relations on it (≥ 1 each)."""
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, w in G.edges(data="weight"):
        if u == v:
            continue
        add = max(int(w or 0), 1)
        if H.has_edge(u, v):
            H[u][v]["weight"] += add
        else:
            H.add_edge(u, v, weight=add)
    return H


# ------------------------------------------------------------------------------------------ metrics


def summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of entities per class, and of relations (edges) and evidence per relation and quad class."""
    relations: Counter[str] = Counter()
    quads: Counter[str] = Counter()
    evidence_by_quad: Counter[str] = Counter()
    documents: set[str] = set()
    for _, _, d in G.edges(data=True):
        relations[d["relation"]] += 1
        quads[d["quad"]] += 1
        evidence_by_quad[d["quad"]] += d.get("weight", 0)
        documents.update(e["doc"] for e in d.get("evidence", ()))
    return {
        "entities": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "evidence": sum(evidence_by_quad.values()),
        "documents": len(documents),
        "classes": dict(sorted(Counter(c for _, c in G.nodes(data="cls")).items())),
        "by_relation": dict(sorted(relations.items())),
        "by_quad": dict(sorted(quads.items())),
        "evidence_by_quad": dict(sorted(evidence_by_quad.items())),
    }


def pagerank(
    G: nx.MultiDiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200
) -> dict[str, float]:
    """PageRank by power iteration over the weighted relations (pure Python: no SciPy needed).

    Parallel edges add up; an edge without evidence counts once; dangling mass is spread evenly.
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    out: dict[str, dict[str, float]] = {u: {} for u in G}
    for u, v, w in G.edges(data="weight"):
        out[u][v] = out[u].get(v, 0.0) + max(float(w or 0), 1.0)
    share = {
        u: {v: w / total for v, w in nbrs.items()} for u, nbrs in out.items() if (total := sum(nbrs.values()))
    }
    rank = dict.fromkeys(G, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in G if u not in share) / n
        new = dict.fromkeys(G, (1.0 - alpha) / n + dangling)
        for u, nbrs in share.items():
            r = alpha * rank[u]
            for v, s in nbrs.items():
                new[v] += r * s
        err = sum(abs(new[u] - rank[u]) for u in G)
        rank = new
        if err < n * tol:
            break
    return rank


def actor_partners(G: nx.MultiDiGraph) -> dict[str, int]:
    """For each actor, how many distinct other actors it is related to (in either direction, by any
    relation); 0 for entities that are not actors (places, persons without office).

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("usa", {"classes": ["State"]}), ("pak", {"classes": ["State"]}),
    ...                   ("kabul", {"classes": ["Place"]})])
    >>> G.add_edge("usa", "pak", key="accuse"); G.add_edge("pak", "usa", key="reject")
    'accuse'
    'reject'
    >>> G.add_edge("usa", "kabul", key="basedIn"); G.add_edge("pak", "kabul", key="basedIn")
    'basedIn'
    'basedIn'
    >>> actor_partners(G)
    {'usa': 1, 'pak': 1, 'kabul': 0}
    """
    actors = {n for n, d in G.nodes(data=True) if ACTOR_CLASSES & set(d.get("classes") or [d.get("cls")])}
    partners: dict[str, set[str]] = {n: set() for n in G}
    for u, v in G.edges():
        if u != v and u in actors and v in actors:
            partners[u].add(v)
            partners[v].add(u)
    return {n: len(p) for n, p in partners.items()}


def centrality(G: nx.MultiDiGraph, top: int = 10, *, seed: int = 42) -> dict[str, list[dict[str, Any]]]:
    """The ``top`` entities by degree (relations in and out), PageRank and betweenness.

    Betweenness is computed on the undirected projection, exactly up to
    ``EXACT_BETWEENNESS_MAX_NODES`` nodes and from ``BETWEENNESS_SAMPLES`` seeded samples above.
    """
    U = undirected(G)
    k = BETWEENNESS_SAMPLES if len(U) > EXACT_BETWEENNESS_MAX_NODES else None
    scores: dict[str, dict[str, float]] = {
        "degree": {n: float(d) for n, d in G.degree()},
        "pagerank": pagerank(G),
        "betweenness": nx.betweenness_centrality(U, k=k, seed=seed) if len(U) else {},
    }
    return {name: _top(G, values, top) for name, values in scores.items()}


def _top(G: nx.MultiDiGraph, values: dict[str, float], top: int) -> list[dict[str, Any]]:
    ranked = sorted(values.items(), key=lambda kv: (-kv[1], label_of(G, kv[0]), kv[0]))[: max(top, 0)]
    return [
        {"id": n, "label": label_of(G, n), "cls": G.nodes[n].get("cls", "Actor"), "value": v}
        for n, v in ranked
    ]


def communities(G: nx.MultiDiGraph, seed: int = 42) -> list[dict[str, Any]]:
    """Louvain communities of the undirected weighted projection, largest first; deterministic for a seed."""
    if G.number_of_nodes() == 0:
        return []
    parts = nx.community.louvain_communities(undirected(G), weight="weight", seed=seed)
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p))
    return [
        {
            "id": i,
            "size": len(nodes),
            "labels": sorted((label_of(G, n) for n in nodes), key=str.casefold),
            "nodes": nodes,
        }
        for i, nodes in enumerate(ordered)
    ]


def paths_between(G: nx.MultiDiGraph, a: str, b: str, max_hops: int = 3) -> list[dict[str, Any]]:
    """Every simple path of at most ``max_hops`` hops between entities ``a`` and ``b``, shortest first.

    Relations may run either way along a path; each hop lists all of them with their own direction::

        {"nodes": ["United States", "Pakistan"],
         "hops": [{"from": "United States", "to": "Pakistan",
                   "relations": [{"source": "United States", "relation": "accuse",
                                  "target": "Pakistan", "quad": "VerbalConflict", "evidence": 2}]}]}
    """
    if max_hops < 1:
        raise ValueError(f"invalid max_hops {max_hops!r}; valid: an integer >= 1")
    src, dst = find_node(G, a), find_node(G, b)
    if src == dst:
        return []
    U = undirected(G)

    def label(n: str) -> str:
        return label_of(G, n)

    found = []
    for path in nx.all_simple_paths(U, src, dst, cutoff=max_hops):
        hops = []
        for u, v in zip(path, path[1:], strict=False):
            rels = [(u, v, d) for d in (G.get_edge_data(u, v) or {}).values()]
            rels += [(v, u, d) for d in (G.get_edge_data(v, u) or {}).values()]
            hops.append(
                {
                    "from": label(u),
                    "to": label(v),
                    "relations": sorted(
                        (
                            {
                                "source": label(s),
                                "relation": d["relation"],
                                "target": label(t),
                                "quad": d["quad"],
                                "evidence": d.get("weight", 0),
                            }
                            for s, t, d in rels
                        ),
                        key=lambda r: (r["relation"], r["source"]),
                    ),
                }
            )
        found.append({"nodes": [label(n) for n in path], "ids": list(path), "hops": hops})
    return sorted(found, key=lambda p: (len(p["ids"]), p["nodes"]))


# ------------------------------------------------------------------------------------------ exports


def flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only str/int/float attribute values: lists joined with "; ", evidence as JSON, None dropped."""
    H = nx.MultiDiGraph()
    H.graph.update(_flat_attrs(G.graph))
    H.add_nodes_from((n, _flat_attrs(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _flat_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold (control characters, lone surrogates): dropped from exported text."""


def _flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if key == "evidence":
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, list | tuple | set):
            value = "; ".join(map(str, value))
        elif not isinstance(value, bool | int | float | str):
            value = str(value)
        out[key] = _NOT_XML.sub("", value) if isinstance(value, str) else value
    return out


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GraphML (lists flattened to strings), atomically."""
    buf = io.BytesIO()
    nx.write_graphml(flat(G), buf, encoding="utf-8")
    write_atomic(path, buf.getvalue())


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write ``G`` as GEXF for Gephi (lists flattened to strings), atomically."""
    buf = io.BytesIO()
    nx.write_gexf(flat(G), buf, encoding="utf-8")
    write_atomic(path, buf.getvalue())


def edges_csv(G: nx.MultiDiGraph) -> str:
    """CSV with one row per evidence sentence (an edge without evidence gets one row with empty evidence)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1])):
        for ev in d.get("evidence") or [{}]:
            writer.writerow(
                (
                    label_of(G, u),
                    d["relation"],
                    label_of(G, v),
                    d["quad"],
                    ev.get("text", ""),
                    ev.get("doc", ""),
                    ev.get("date") or "",
                    ev.get("rule") or "",
                    ev.get("title") or "",
                    "" if ev.get("confidence") is None else ev["confidence"],
                    u,
                    v,
                )
            )
    return buf.getvalue()
