"""Quads into an embedded Oxigraph store by its bulk loader, handed N-Quads text.

The bulk loader writes table files of its own and has RocksDB take them in at once (one atomic step for
fewer quads than its batch of a million), so nothing goes through the write-ahead log or the write buffers,
which otherwise grow with what a process writes until the store is closed. Handed text, it parses it
without holding Python's lock, so the process's other threads go on meanwhile (``bulk_extend``, reading
Python objects, holds it throughout). It names blank nodes in a text anew, so quads with one go through
``bulk_extend``.
"""

from __future__ import annotations

import pyoxigraph as ox


def nquads(quads: list[ox.Quad]) -> bytes | None:
    """The quads as N-Quads text, or None if they hold a blank node (or text that looks like one)."""
    text = "".join([f"{q} .\n" for q in quads]).encode()
    return None if b"_:" in text else text


def bulk_add(store: ox.Store, text: bytes | None, quads: list[ox.Quad] | None = None) -> None:
    """Add ``text`` (quads as N-Quads, from ``nquads``) or, when there is none, ``quads``."""
    if text is None:
        store.bulk_extend(quads or ())
    else:
        store.bulk_load(text, ox.RdfFormat.N_QUADS, lenient=True)
