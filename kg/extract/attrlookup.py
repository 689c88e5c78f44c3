"""An AttributeRuler's token patterns → the same matches found by table lookup (``speed_up``), not by spaCy's
Matcher.

The trained English pipelines map fine-grained tags to parts of speech and morphology, and fix a few
lemmas, with an ``attribute_ruler`` of about 180 patterns of one or two tokens, each token tested on
``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE`` (a value, ``IN``, ``NOT_IN`` or ``REGEX``). spaCy's Matcher
tries every pattern at every token, which costs about 8% of the whole pipeline's time. Here each pattern is
indexed by a value its first token must have (its tag or its lower form), so a token is tested only
against the few patterns that can start there, and what a row of those four values matches is kept for
the next token with the same row (most tokens repeat one: "the" as DT, det). The matches are the same
(attribute-set id, key, start, end) tuples the ruler sorts and applies itself, so its precedence (later
rules win) is unchanged.
A ruler with a pattern this module does not read (another attribute or operator) is left as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc

COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
CACHED_ROWS = 50_000  # distinct (tag, lower, dep, is_space) rows a matcher keeps the matches of
Test = Callable[[tuple, Callable[[int], str]], bool]


class Unsupported(Exception):
    """A pattern this module does not read."""


def _value_test(column: int, spec, strings) -> Test:
    """A test of one token attribute (its hash in ``column``) against a pattern value or operator."""
    if column == COLUMNS["IS_SPACE"]:
        if not isinstance(spec, bool):
            raise Unsupported(spec)
        return lambda row, text: bool(row[column]) == spec
    if isinstance(spec, str):
        h = strings.add(spec)
        return lambda row, text: row[column] == h
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN"):
            hashes = frozenset(strings.add(v) for v in arg)
            if op == "IN":
                return lambda row, text: row[column] in hashes
            return lambda row, text: row[column] not in hashes
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda row, text: pattern.search(text(row[column])) is not None
    raise Unsupported(spec)


def _token_test(spec: dict, strings) -> Test:
    tests = []
    for attr, value in spec.items():
        if attr not in COLUMNS:
            raise Unsupported(attr)
        tests.append(_value_test(COLUMNS[attr], value, strings))
    return lambda row, text: all(t(row, text) for t in tests)


def _index(first: dict, strings) -> tuple[int, frozenset[int]] | None:
    """A column and the values a pattern's first token must have there (to find the pattern by), if any."""
    for attr in ("TAG", "LOWER", "DEP"):
        spec = first.get(attr)
        if isinstance(spec, str):
            return COLUMNS[attr], frozenset({strings.add(spec)})
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return COLUMNS[attr], frozenset(strings.add(v) for v in spec["IN"])
    if isinstance(first.get("IS_SPACE"), bool):
        return COLUMNS["IS_SPACE"], frozenset({int(first["IS_SPACE"])})
    return None


class LookupMatcher:
    """``ruler.match`` by table lookup: (attr id, key, start, end) for every pattern that matches."""

    def __init__(self, ruler) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        # one-token patterns of plain values only: found by the exact values they test
        self.exact: defaultdict[tuple[tuple[int, int], ...], list[tuple[int, int]]] = defaultdict(list)
        shapes: set[tuple[int, ...]] = set()  # the columns the exact patterns test
        # the others: found by a value their first token must have, then tested token by token
        self.indexed: list[defaultdict[int, list]] = [defaultdict(list) for _ in COLUMNS]
        self.anywhere: list = []
        for attr_id, entry in enumerate(ruler.patterns):
            key = strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                tokens = [_token_test(tok, strings) for tok in pattern]  # raises Unsupported early
                first = pattern[0]
                if len(pattern) == 1 and all(isinstance(v, str) for v in first.values()):
                    shape = tuple(sorted(COLUMNS[a] for a in first))
                    values = tuple(strings.add(first[a]) for a in sorted(first, key=COLUMNS.__getitem__))
                    self.exact[(shape, values)].append((attr_id, key))
                    shapes.add(shape)
                    continue
                compiled = (attr_id, key, len(pattern), tokens)
                found_by = _index(first, strings)
                if found_by is None:
                    self.anywhere.append(compiled)
                else:
                    column, values = found_by
                    for v in values:
                        self.indexed[column][v].append(compiled)
        self.shapes = sorted(shapes)
        # a token's matches depend on its row alone, except the rest of a longer pattern: kept per row
        self._by_row: dict[tuple, tuple[tuple, tuple]] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).astype(np.uint64).tolist()]
        text = self.strings.__getitem__
        n = len(rows)
        found = set()
        cache = self._by_row
        for i, row in enumerate(rows):
            entry = cache.get(row)
            if entry is None:
                if len(cache) >= CACHED_ROWS:
                    cache.clear()
                entry = cache[row] = self._row_matches(row, text)
            singles, longer = entry
            found.update((attr_id, key, i, i + 1) for attr_id, key in singles)
            for attr_id, key, size, tests in longer:
                if i + size <= n and all(tests[k](rows[i + k], text) for k in range(1, size)):
                    found.add((attr_id, key, i, i + size))
        return sorted(found)

    def _row_matches(self, row: tuple, text) -> tuple[tuple, tuple]:
        """For a token's (tag, lower, dep, is_space): the one-token patterns it matches, as (attr id, key),
        and the longer patterns whose first token it matches (the rest is tested where it occurs)."""
        singles = []
        for shape in self.shapes:
            singles += self.exact.get((shape, tuple(row[c] for c in shape)), ())
        candidates = [*self.anywhere]
        for column, table in enumerate(self.indexed):
            if table:
                candidates += table.get(row[column], ())
        longer = []
        for compiled in candidates:
            attr_id, key, size, tests = compiled
            if tests[0](row, text):
                if size == 1:
                    singles.append((attr_id, key))
                else:
                    longer.append(compiled)
        return tuple(singles), tuple(longer)


def speed_up(nlp) -> bool:
    """Give the pipeline's ``attribute_ruler`` the lookup matcher (same matches); False if it has none or
    a pattern the lookup does not read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = LookupMatcher(ruler)
    except Unsupported:
        return False
    return True
