"""(SPARQL text, initBindings) → the same query with the bound variables written in as constants.

Why: Oxigraph plans a query before it sees the values of ``substitutions`` (its initBindings), so a
parameter is planned as an unknown and a pattern such as ``GRAPH ?doc { ?a ?p ?b }`` looks like a scan of
everything; written as ``<a> ?p <b>`` the planner starts from it (`kg query relations`: 100 ms → 20 ms on
1M quads). The result must be what substitution gives (SPARQL SEP-0007): the variable takes the value
everywhere in its scope and stays in the results. So:

- in the top-level SELECT list ``?a`` becomes ``(<value> AS ?a)``; in GROUP BY / ORDER BY, ``(<value>)``;
- a sub-select that projects ``?a`` has it replaced in its body and dropped from its SELECT list; one that
  does not project it has its own, different ``?a``: left alone;
- anywhere else (patterns, FILTER, BIND expressions, CONSTRUCT templates) ``?a`` becomes the value.

Values are written by rdflib's term serializer (``n3()``), never pasted as user text. When writing them in
could change the meaning — a blank node value, ``SELECT *`` at the top, a bound variable named by ``AS``
or in a VALUES header — ``fold_params`` returns None and the caller binds the values the usual way. A
sub-select left with nothing to select selects a constant under a fresh name instead (same rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode

from kg.rdf.sparql import tokens

_CLAUSES = {"GROUP", "ORDER", "HAVING"}
_CLAUSE_ENDS = {"LIMIT", "OFFSET", "VALUES"}


class _Unfoldable(Exception):
    """Writing the values in would not mean the same as substituting them."""


@dataclass
class _Scope:
    """One SELECT (the query's or a sub-select's) and the bound variables replaced inside it."""

    depth: int  # brace depth at which the SELECT appears; the scope ends when a brace closes below it
    active: set[str]
    top: bool
    mode: str = "project"  # project | body | clause
    parens: int = 0
    kept: int = 0  # projected items left in a sub-select's SELECT list
    dropped_at: int | None = None  # where the first dropped variable was, in the output


def fold_params(text: str, bindings: Mapping[str, object]) -> str | None:
    """``text`` with the ``bindings`` (variable name → rdflib term) written in, or None (see module doc)."""
    if not bindings:
        return text
    if any(isinstance(v, BNode) for v in bindings.values()):
        return None
    values = {str(k).lstrip("?$"): v.n3() for k, v in bindings.items()}  # type: ignore[attr-defined]
    try:
        return _fold(text, values)
    except _Unfoldable:
        return None


def _fold(text: str, values: dict[str, str]) -> str:
    toks = list(tokens(text))
    out: list[str] = []
    last = 0
    depth = 0
    outer = _Scope(depth=-1, active=set(values), top=True, mode="body")  # ASK / CONSTRUCT / DESCRIBE
    scopes: list[_Scope] = [outer]
    in_values = False  # between VALUES and the end of its header
    prev = ""
    for i, (kind, tok, pos) in enumerate(toks):
        out.append(text[last:pos])
        last = pos + len(tok)
        word = tok.upper() if kind == "word" else ""
        scope = scopes[-1]
        if word == "SELECT":
            projected = _projection(toks, i + 1)
            if scope is outer and depth == 0:
                if "*" in projected or not set(values) <= projected:
                    raise _Unfoldable  # substitution needs the variable selected (SEP-0007)
                scope = _Scope(depth=0, active=set(values), top=True)
            else:
                active = set(scope.active) if "*" in projected else scope.active & projected
                scope = _Scope(depth=depth, active=active, top=False)
            scopes.append(scope)
        elif word == "VALUES":
            in_values = True
        elif word in _CLAUSES and scope.mode == "body" and scope is not outer:
            scope.mode, scope.parens = "clause", 0
        elif word in _CLAUSE_ENDS and scope.mode == "clause":
            scope.mode = "body"
        elif kind == "word" and word == "WHERE" and scope.mode == "project":
            _end_projection(scope, out)
        elif kind == "brace" and tok == "{":
            if scope.mode == "project":
                _end_projection(scope, out)
            in_values = False
            depth += 1
        elif kind == "brace":
            depth -= 1
            while len(scopes) > 1 and depth < scopes[-1].depth:
                scopes.pop()
        elif tok == "(":
            scope.parens += 1
        elif tok == ")":
            scope.parens -= 1
        if kind == "var" and tok[1:] in scope.active:
            if scope.mode == "project" and scope.parens == 0 and scope.dropped_at is None:
                scope.dropped_at = len(out)
            out.append(_replace(tok, values[tok[1:]], scope, in_values, prev))
        else:
            if kind == "var" and scope.mode == "project" and scope.parens == 0:
                scope.kept += 1
            elif kind == "other" and tok == "(" and scope.mode == "project" and scope.parens == 1:
                scope.kept += 1
            out.append(tok)
        if kind != "comment":
            prev = word or tok
    out.append(text[last:])
    return "".join(out)


def _replace(var: str, value: str, scope: _Scope, in_values: bool, prev: str) -> str:
    if in_values or prev == "AS":
        raise _Unfoldable  # a VALUES header or an alias cannot take a constant
    if scope.mode == "project" and scope.parens == 0:
        return f"({value} AS {var})" if scope.top else ""
    if scope.mode == "clause" and scope.parens == 0:
        return f"({value})"
    return value


def _end_projection(scope: _Scope, out: list[str]) -> None:
    if not scope.top and scope.dropped_at is not None and scope.kept == 0:
        out[scope.dropped_at] = f"(true AS ?_bound{scope.dropped_at})"  # one row per match, as before
    scope.mode = "body"


def _projection(toks: list[tuple[str, str, int]], start: int) -> set[str]:
    """The variables a SELECT list names directly (``*`` included), read from the token after SELECT."""
    names: set[str] = set()
    parens = 0
    for kind, tok, _ in toks[start:]:
        if kind == "brace" or (kind == "word" and tok.upper() in ("WHERE", "FROM")):
            break
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif parens == 0 and kind == "var":
            names.add(tok[1:])
        elif parens == 0 and tok == "*":
            names.add("*")
    return names
