"""Errors a user can cause. The CLI prints ``str(error)`` as one line and exits 1."""

from __future__ import annotations

from collections.abc import Iterable


class KGError(Exception):
    """A user-facing error: the message names the bad value and what is valid."""


class ModelError(KGError):
    """No spaCy pipeline could be loaded."""


class StoreError(KGError):
    """A store path or URL cannot be used."""


class QueryError(KGError):
    """A SPARQL query is malformed or names something unknown."""


def invalid(name: str, value: object, valid: Iterable[object] | str) -> str:
    """Format 'bad NAME VALUE; valid: ...' messages consistently."""
    if not isinstance(valid, str):
        valid = ", ".join(str(v) for v in valid)
    return f"invalid {name} {value!r}; valid: {valid}"
