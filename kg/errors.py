"""Errors a user can cause. The CLI prints ``str(error)`` as one line and exits with ``error.exit_code``:
2 for a usage mistake (:class:`UsageError`: an invalid value, a path that does not exist), 1 for a failure
while working (every other :class:`KGError`), as click does for its own errors."""

from __future__ import annotations

from collections.abc import Iterable


class KGError(Exception):
    """A user-facing error: the message names the bad value and what is valid."""

    exit_code = 1


class UsageError(KGError):
    """A command called wrongly: an invalid option or parameter value, an input that does not exist.

    A mix-in too: ``class ParamError(QueryError, UsageError)`` stays a QueryError for callers that catch
    those, and exits 2 on the command line."""

    exit_code = 2


class ModelError(KGError):
    """No spaCy pipeline could be loaded."""


class StoreError(KGError):
    """A store path or URL cannot be used."""


class QueryError(KGError):
    """A SPARQL query is malformed or names something unknown."""


class QuerySyntaxError(QueryError, UsageError):
    """The SPARQL text given does not parse (an invalid value of the QUERY argument)."""


def invalid(name: str, value: object, valid: Iterable[object] | str) -> str:
    """Format 'bad NAME VALUE; valid: ...' messages consistently."""
    if not isinstance(valid, str):
        valid = ", ".join(str(v) for v in valid)
    return f"invalid {name} {value!r}; valid: {valid}"
