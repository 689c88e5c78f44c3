"""Event extraction on short news sentences: who the actor and the recipient are, and the event's type.

Each case is a sentence written for these tests; its Doc is built by hand from the token table the
trained model gives for it (``scripts/doc_table.py``), so the rules are tested on the parse they meet
without loading the model. Only event statements are compared (structural ones are other rules').
"""

from __future__ import annotations

import pytest

from kg.extract.registry import RULES
from tests.test_extract_rules import run


def events(table: str) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in run(table).triples if RULES[t.rule].kind == "event"}


# ---------------------------------------------------------------- a name and its bracketed acronym

ACRONYM_OF_OLD_NAME = """
The DET DT det 4 the B-ORG
International PROPN NNP compound 3 International I-ORG
Atomic PROPN NNP compound 3 Atomic I-ORG
Energy PROPN NNP compound 4 Energy I-ORG
Organization PROPN NNP nsubj 8 Organization I-ORG
(_ PUNCT -LRB- punct 4 ( O
IAEA_ PROPN NNP appos 4 IAEA B-ORG
) PUNCT -RRB- punct 4 ) O
criticised VERB VBD ROOT 8 criticise O
Iran_ PROPN NNP dobj 8 Iran B-GPE
._ PUNCT . punct 8 . O
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        # the acronym in brackets renames the body the text names: one actor, not a second one
        (ACRONYM_OF_OLD_NAME, {("group/international-atomic-energy-organization", "accuse", "state/IRN")}),
    ],
    ids=["acronym"],
)
def test_events_bracketed_apposition_is_no_second_actor(table, expected):
    assert events(table) == expected
