"""Entity multigraph → one self-contained, offline, script-safe HTML explorer page (a string).

The page inlines vis-network (taken from the installed pyvis package, ``pyvis/templates/lib/``; geokg keeps
no copy), its own ``explorer.js``/``explorer.css`` and the graph as JSON in a ``<script
type="application/json">`` block. Nothing is fetched when it opens: a Content-Security-Policy allows only
the page's own inline scripts (by hash) and no connections.

Each entity carries what the page filters and colours by: its number of distinct actor partners (the node
size), its Louvain community (computed as ``kg analyze`` does, on the graph the page shows) and its class;
each relation its evidence with dates and confidences (the date-range and minimum-confidence filters).

Document text never becomes markup: the JSON escapes ``<``, ``>``, ``&`` and U+2028/U+2029, and the page
code puts strings into the DOM with ``textContent`` only. Above ``LARGE_GRAPH_NODES`` entities the layout
is computed here (communities placed side by side) and physics is off; below it vis-network stabilises
the layout and then freezes it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx

from kg.files import write_atomic
from kg.network.metrics import (
    actor_partners,
    communities,
    ego,
    filter_min_evidence,
    find_node,
    label_of,
    pagerank,
    undirected,
)
from kg.network.project import COUNTRY_CODES, QUADS
from kg.vocab import ENTITY_CLASSES, RELATION_QUAD

__all__ = [
    "CLASS_STYLE",
    "COMMUNITY_COLORS",
    "LARGE_GRAPH_NODES",
    "QUAD_COLOR",
    "explorer_data",
    "layout",
    "render_html",
    "write_html",
]

LARGE_GRAPH_NODES = 1000
"""Above this many entities, positions are precomputed in Python and physics stays off."""

CLASS_STYLE: dict[str, tuple[str, str]] = {
    "State": ("#4e79a7", "dot"),
    "ArmedGroup": ("#e15759", "triangle"),
    "InternationalOrganization": ("#76b7b2", "hexagon"),
    "GovernmentBody": ("#59a14f", "square"),
    "Official": ("#f28e2b", "star"),
    "Person": ("#edc948", "diamond"),
    "Place": ("#b07aa1", "triangleDown"),
    "Group": ("#9c755f", "dot"),
    "Actor": ("#bab0ac", "dot"),
}
"""Entity class → (fill colour, vis-network shape)."""

QUAD_COLOR: dict[str, str] = {
    "VerbalCooperation": "#7fbf7b",
    "MaterialCooperation": "#1b7837",
    "VerbalConflict": "#f4a582",
    "MaterialConflict": "#b2182b",
    "Structural": "#8c8c8c",
}
"""Quad class → edge colour (green: cooperation, red: conflict; darker: material)."""

COMMUNITY_COLORS: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
)
"""Colours of the largest communities of two or more entities, in order; the rest share ``OTHER_COMMUNITY``."""
OTHER_COMMUNITY = "#c7c7c7"

_NODE_SPACING = 70.0  # canvas pixels per entity in the precomputed layout
_SPRING_MAX = 300  # communities up to this size get a spring layout, larger ones a spiral


def explorer_data(
    G: nx.MultiDiGraph,
    *,
    title: str = "geokg",
    focus: str | None = None,
    hops: int = 2,
    min_evidence: int = 1,
) -> dict[str, Any]:
    """The data the explorer page holds for ``G`` (see :func:`page_data`), after the page's selection.

    ``min_evidence`` first drops edges with fewer evidence sentences; ``focus`` (a name, alias, ISO code
    or IRI; ``ValueError`` if unknown) then keeps only the entities within ``hops`` relations of it.
    ``G`` itself is not modified.
    """
    if min_evidence < 1:
        raise ValueError(f"invalid min_evidence {min_evidence!r}; valid: an integer >= 1")
    H = filter_min_evidence(G, min_evidence)
    note = f"edges with ≥ {min_evidence} sentences" if min_evidence > 1 else ""
    centre = None
    if focus is not None:
        H = ego(H, focus, hops)
        centre = find_node(H, focus)
        note = ", ".join(
            filter(None, [f"{hops} hop{'' if hops == 1 else 's'} around {label_of(H, centre)}", note])
        )
    return page_data(H, title=title, focus=centre, note=note)


def render_html(G: nx.MultiDiGraph, *, title: str = "geokg", **selection: Any) -> str:
    """The explorer page for ``G`` as a string; ``focus``, ``hops`` and ``min_evidence`` as in
    :func:`explorer_data`."""
    return page_html(explorer_data(G, title=title, **selection))


def page_html(data: dict[str, Any]) -> str:
    """The page for data made by :func:`explorer_data` or :func:`page_data`."""
    return _page(data["title"], data)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> dict[str, Any]:
    """Render ``G`` (keywords as :func:`render_html`), write the page to ``path`` atomically and return
    what it holds (:func:`page_counts`)."""
    data = explorer_data(G, **kwargs)
    write_atomic(path, page_html(data))
    return page_counts(data)


def page_counts(data: dict[str, Any]) -> dict[str, Any]:
    """What a page holds: its entities and relations, how many of its entities have no relation (the
    explorer hides those until asked), and the note saying how they were selected (focus, evidence)."""
    return {
        "entities": len(data["nodes"]),
        "relations": len(data["edges"]),
        "isolated": sum(1 for n in data["nodes"] if n["deg"] == 0),
        "note": data["note"],
    }


# ------------------------------------------------------------------------------------------- data


def page_data(G: nx.MultiDiGraph, *, title: str, focus: str | None = None, note: str = "") -> dict[str, Any]:
    """The JSON-ready payload of the page: styled classes, quads, relations and communities, the
    statements' dates, nodes and edges.

    A node's size grows with its number of distinct partners among actors (:func:`actor_partners`), so
    a place or a bystander is never drawn large; its ``community`` is its Louvain community's index
    (largest first, as ``kg analyze`` numbers them).
    """
    large = G.number_of_nodes() > LARGE_GRAPH_NODES
    ranks = pagerank(G)
    parts = communities(G)
    positions = layout(G, ranks, parts=parts) if large else {}
    index = {n: i for i, n in enumerate(G)}
    community_of = {n: part["id"] for part in parts for n in part["nodes"]}
    partners = actor_partners(G)
    most = max(partners.values(), default=0)

    nodes = []
    for n, d in G.nodes(data=True):
        node = {
            "id": index[n],
            "iri": n,
            "label": label_of(G, n),
            "cls": d.get("cls") if d.get("cls") in CLASS_STYLE else "Actor",
            "classes": list(d.get("classes") or [d.get("cls") or "Actor"]),
            "iso": d.get("iso"),
            "codes": {attr: d[attr] for attr in COUNTRY_CODES if d.get(attr) is not None},
            "title": d.get("title"),
            "alt": list(d.get("alt_labels") or []),
            "pr": ranks[n],
            "deg": G.degree(n),
            "partners": partners[n],
            "community": community_of[n],
            "size": round(8 + 30 * math.sqrt(partners[n] / most), 1) if most else 8.0,
        }
        if n in positions:
            node["x"], node["y"] = positions[n]
        nodes.append(node)

    edges = []
    seen_pairs: dict[frozenset[str], int] = {}
    dates: set[str] = set()
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        pair = frozenset((u, v))
        nth = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1  # parallel edges curve apart
        evidence = [_evidence_item(e) for e in d.get("evidence") or ()]
        dates.update(e["date"] for e in evidence if e["date"])
        edges.append(
            {
                "id": i,
                "from": index[u],
                "to": index[v],
                "rel": d["relation"],
                "quad": d["quad"],
                "curve": round(0.15 * nth, 2),
                "ev": evidence,
            }
        )

    class_counts = {c: 0 for c in ENTITY_CLASSES}
    for node in nodes:
        class_counts[node["cls"]] += 1
    quad_counts = {q: 0 for q in QUADS}
    rel_counts = {r: 0 for r in RELATION_QUAD}
    for e in edges:
        quad_counts[e["quad"]] = quad_counts.get(e["quad"], 0) + 1
        rel_counts[e["rel"]] = rel_counts.get(e["rel"], 0) + 1
    return {
        "title": title,
        "note": note,
        "large": large,
        "focus": index.get(focus) if focus is not None else None,
        "classes": [
            {"name": c, "color": CLASS_STYLE[c][0], "shape": CLASS_STYLE[c][1], "count": k}
            for c, k in class_counts.items()
            if k or c not in ("Group", "Actor")
        ],
        "quads": [
            {"name": q, "color": QUAD_COLOR.get(q, "#888"), "count": k} for q, k in quad_counts.items()
        ],
        "relations": [
            {"name": r, "quad": RELATION_QUAD.get(r, "Structural"), "count": k}
            for r, k in rel_counts.items()
            if k
        ],
        "communities": [
            {
                "id": part["id"],
                "size": part["size"],
                "color": _community_color(part["id"], part["size"]),
                "labels": [
                    label_of(G, n) for n in sorted(part["nodes"], key=lambda n: (-partners[n], label_of(G, n)))[:4]
                ],
            }
            for part in parts
        ],
        "dates": sorted(dates),
        "nodes": nodes,
        "edges": edges,
    }


def _community_color(index: int, size: int) -> str:
    """Communities are numbered largest first, so the first colours go to the largest ones."""
    return COMMUNITY_COLORS[index] if size > 1 and index < len(COMMUNITY_COLORS) else OTHER_COMMUNITY


def _evidence_item(ev: dict[str, Any]) -> dict[str, Any]:
    keys = ("text", "doc", "title", "url", "date", "rule", "confidence", "modality", "sector")
    return {k: ev.get(k) for k in keys}


def layout(
    G: nx.MultiDiGraph,
    ranks: dict[str, float] | None = None,
    seed: int = 42,
    *,
    parts: list[dict[str, Any]] | None = None,
) -> dict[str, tuple[int, int]]:
    """Positions for a large graph in canvas pixels: each Louvain community laid out on its own (a spring
    layout when small, a PageRank-ordered spiral when large), then the communities packed in rows."""
    if G.number_of_nodes() == 0:
        return {}
    ranks = ranks if ranks is not None else pagerank(G)
    U = undirected(G)
    blocks = []
    for part in parts if parts is not None else communities(G, seed=seed):
        members = part["nodes"]
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        elif len(members) <= _SPRING_MAX:
            local = _even_out(nx.spring_layout(U.subgraph(members), seed=seed, iterations=50, center=(0, 0)))
        else:
            local = _spiral(sorted(members, key=lambda n: -ranks[n]))
        radius = _NODE_SPACING * math.sqrt(len(members)) * 0.6 + _NODE_SPACING / 2
        scale = radius - _NODE_SPACING / 2
        blocks.append((radius, {n: (float(x) * scale, float(y) * scale) for n, (x, y) in local.items()}))

    # shelf packing: rows of community discs, about as wide as the whole is tall
    gap = 2 * _NODE_SPACING
    width = math.sqrt(sum((2 * r + gap) ** 2 for r, _ in blocks))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for radius, local in blocks:
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        cx, cy = x + radius, y + radius
        positions.update({n: (cx + px, cy + py) for n, (px, py) in local.items()})
        x += 2 * radius + gap
        row_height = max(row_height, 2 * radius)
    mx = sum(p[0] for p in positions.values()) / len(positions)
    my = sum(p[1] for p in positions.values()) / len(positions)
    return {n: (round(px - mx), round(py - my)) for n, (px, py) in positions.items()}


def _even_out(pos: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Keep each node's direction and distance rank from the centre, but spread the radii so the disc is
    evenly filled (a spring layout packs most nodes in the middle and flings a few to the rim)."""
    n = len(pos)
    cx = sum(float(p[0]) for p in pos.values()) / n
    cy = sum(float(p[1]) for p in pos.values()) / n
    by_radius = sorted(pos, key=lambda k: (float(pos[k][0]) - cx) ** 2 + (float(pos[k][1]) - cy) ** 2)
    out = {}
    for rank, k in enumerate(by_radius):
        angle = math.atan2(float(pos[k][1]) - cy, float(pos[k][0]) - cx)
        r = math.sqrt((rank + 0.5) / n)
        out[k] = (r * math.cos(angle), r * math.sin(angle))
    return out


def _spiral(ordered: list[str]) -> dict[str, tuple[float, float]]:
    """Vogel's sunflower spiral in the unit disc: evenly spread, first items at the centre."""
    golden = math.pi * (3 - math.sqrt(5))
    n = len(ordered)
    return {
        node: (
            math.sqrt((i + 0.5) / n) * math.cos(i * golden),
            math.sqrt((i + 0.5) / n) * math.sin(i * golden),
        )
        for i, node in enumerate(ordered)
    }


# ------------------------------------------------------------------------------------------- page


def json_for_script(data: Any) -> str:
    r"""JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&``, U+2028/2029 and lone
    surrogates (which UTF-8 cannot encode) are written as ``\uXXXX`` escapes.

    >>> json_for_script({"a": "</script><b>&"})
    '{"a": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return re.sub("[<>&\u2028\u2029\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


VIS_NETWORK = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
"""Where the installed pyvis package (pinned in pyproject.toml) keeps vis-network's standalone build."""


@cache
def vis_network_js() -> str:
    """vis-network's standalone build as shipped inside the installed pyvis package, ready to inline."""
    path = resources.files("pyvis").joinpath(*VIS_NETWORK)
    try:
        return _clean_script(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(
            f"vis-network not found at pyvis/{'/'.join(VIS_NETWORK)}; "
            "reinstall the pinned pyvis: pip install 'pyvis==0.3.2'"
        ) from None


@cache
def _asset(name: str) -> str:
    return _clean_script(resources.files("kg.network").joinpath("static", name).read_text(encoding="utf-8"))


def _clean_script(text: str) -> str:
    text = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", text)  # devtools would fetch the map
    return text.replace("\r\n", "\n").replace("\r", "\n")  # the HTML parser does the same before hashing


def _csp_hash(script: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


def _page(title: str, data: dict[str, Any]) -> str:
    vis_js, explorer_js, css = vis_network_js(), _asset("explorer.js"), _asset("explorer.css")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(explorer_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    return _TEMPLATE.format(
        csp=csp,
        title=html.escape(title),
        css=css,
        data=json_for_script(data),
        vis_js=vis_js,
        explorer_js=explorer_js,
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="geokg">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<aside id="kg-panel">
<h1 id="kg-title"></h1>
<div id="kg-counts" class="muted"></div>
<form id="kg-search-form" role="search">
<div id="kg-search-row">
<input id="kg-search" type="search" list="kg-names" placeholder="Find an entity…" aria-label="Find an entity" autocomplete="off">
<button type="submit">Find</button>
</div>
<datalist id="kg-names"></datalist>
</form>
<div id="kg-search-msg" role="status"></div>
<div id="kg-legend"></div>
<section id="kg-details"><p class="muted">Click an entity or a relation to see its evidence.</p></section>
</aside>
<main id="kg-network"></main>
<script type="application/json" id="kg-data">{data}</script>
<script>{vis_js}</script>
<script>{explorer_js}</script>
</body>
</html>
"""
