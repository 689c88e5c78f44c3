"""spaCy components extraction adds to the loaded pipeline: Doc → Doc with paragraph-aware sentences.

``kg_paragraph_breaks`` runs before the parser and starts a sentence after every line break, so a
headline or a dateline never runs into the next sentence ("... Islamabad stop\\n\\nISLAMABAD, March 12
— U.S. Secretary ..."). The parser keeps every other sentence decision.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "kg_paragraph_breaks"


@Language.component(NAME, assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ == "\n" or "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def ensure(nlp) -> None:
    """Add the component before the parser once (idempotent; pipelines without a parser are left alone)."""
    if NAME in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe(NAME, before="parser")
