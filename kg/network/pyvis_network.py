"""Entity multigraph → a ``pyvis.network.Network`` (for users who style with pyvis's API) → offline HTML.

The network is built from the same page data as the explorer (:func:`kg.network.html.explorer_data`: the
same ``focus``/``hops``/``min_evidence`` selection, node sizes by distinct actor partners, the legend's
class and quad colours), node by node and edge by edge. pyvis's ``from_nx`` is not used: it rewrites the
graph it is given (weight → width, adds size), and ours must stay as it is.

pyvis's page with ``cdn_resources="in_line"`` inlines vis-network but still links Bootstrap from a CDN;
:func:`pyvis_html` removes those links (the page does not need them), so the file opens with no network.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.files import write_atomic
from kg.network.html import CLASS_STYLE, QUAD_COLOR, explorer_data, page_counts

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = ["LAYOUT_SEED", "pyvis_html", "to_pyvis", "write_pyvis"]

LAYOUT_SEED = 7
"""vis-network's random seed for the initial layout: the same graph is laid out the same way every time."""

_REMOTE = re.compile(
    r"""<link\b[^>]*\bhref=["']https?://[^>]*>|<script\b[^>]*\bsrc=["']https?://[^>]*>\s*</script>""",
    re.IGNORECASE | re.DOTALL,
)
_ANY_REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def to_pyvis(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    min_evidence: int = 1,
    height: str = "750px",
    width: str = "100%",
    seed: int = LAYOUT_SEED,
) -> Network:
    """A pyvis ``Network`` of ``G`` (directed; one pyvis edge per relation, labelled with its name).

    ``focus``, ``hops`` and ``min_evidence`` select entities as :func:`kg.network.html.explorer_data`
    does (``ValueError`` for an unknown focus). Nodes carry the class colour and shape of the explorer's
    legend, a size by distinct actor partners and a plain-text tooltip; edges the quad colour, dashes for
    structural relations and a width by evidence. ``G`` is not modified.
    """
    from pyvis.network import Network
    from pyvis.options import Layout

    data = explorer_data(G, focus=focus, hops=hops, min_evidence=min_evidence)
    net = Network(height=height, width=width, directed=True, cdn_resources="in_line")
    for n in data["nodes"]:
        colour, shape = CLASS_STYLE[n["cls"]]
        tip = f"{n['label']} ({n['cls']}{', ' + n['iso'] if n['iso'] else ''})"
        net.add_node(
            n["id"],
            label=n["label"],
            shape=shape,
            color=colour,
            size=n["size"],
            title=tip + (f"\n{n['title']}" if n["title"] else ""),
            iri=n["iri"],
            cls=n["cls"],
        )
    for e in data["edges"]:
        sentences = len(e["ev"])
        options: dict[str, Any] = {
            "label": e["rel"],
            "title": f"{e['rel']} ({sentences} sentence{'' if sentences == 1 else 's'})",
            "color": QUAD_COLOR.get(e["quad"], "#888"),
            "width": 1 + min(4, sentences.bit_length() - 1) if sentences > 1 else 1,
            "quad": e["quad"],
        }
        if e["quad"] == "Structural":
            options["dashes"] = True
        net.add_edge(e["from"], e["to"], **options)

    layout = Layout(randomSeed=seed)
    layout.hierarchical.enabled = False
    net.options.layout = layout
    net.force_atlas_2based(gravity=-60, spring_length=120, spring_strength=0.06, overlap=0.3)
    net.options.edges.inherit_colors(False)
    return net


def pyvis_html(net: Network) -> str:
    """pyvis's page for ``net`` without its CDN links: one file that makes no network request.

    Raises ``RuntimeError`` if the page still references a remote resource (a pyvis template this
    function does not know), rather than writing a page that would go online.
    """
    if net.cdn_resources != "in_line":
        raise ValueError(f"invalid cdn_resources {net.cdn_resources!r}; valid: 'in_line' (inlines vis-network)")
    page = _REMOTE.sub("", net.generate_html())
    if m := _ANY_REMOTE.search(page):
        raise RuntimeError(f"pyvis page still loads a remote resource near {page[m.start() : m.start() + 80]!r}")
    return page


def write_pyvis(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> dict[str, Any]:
    """Write the offline pyvis page of ``G`` (keywords as :func:`to_pyvis`) to ``path`` atomically and
    return what it holds (:func:`kg.network.html.page_counts`)."""
    selection = {k: kwargs[k] for k in ("focus", "hops", "min_evidence") if k in kwargs}
    write_atomic(path, pyvis_html(to_pyvis(G, **kwargs)))
    return page_counts(explorer_data(G, **selection))
