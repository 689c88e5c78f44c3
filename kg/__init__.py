"""geokg: news text → a knowledge graph of states, armed groups and officials, with evidence.

Public API (heavy modules load on first use, so ``import kg`` stays light)::

    from kg import KnowledgeGraph
    kg = KnowledgeGraph.build(["seeds/"])
    kg.query("SELECT ...")
"""

from __future__ import annotations

__all__ = ["KnowledgeGraph", "build", "open", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        from kg.notebook import KnowledgeGraph

        return KnowledgeGraph
    if name == "build":
        from kg.pipeline import build

        return build
    if name == "open":
        from kg.rdf.store import open_store

        return open_store
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
