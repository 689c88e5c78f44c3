#!/usr/bin/env python3
"""Print a sentence's parse as the compact token table tests/test_extract_rules.py builds Docs from.

Usage: doc_table.py "A sentence I wrote myself."   (a helper for writing rule tests; needs the model)
Columns: word pos tag dep head lemma ent (B-GPE / I-GPE / O), one token a line; "_" marks no space after.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.extract.nlp import load_nlp  # noqa: E402

for text in sys.argv[1:]:
    doc = load_nlp()(text)
    print('    """')
    for t in doc:
        ent = f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O"
        word = t.text + ("" if t.whitespace_ else "_")
        print(f"    {word} {t.pos_} {t.tag_} {t.dep_} {t.head.i} {t.lemma_} {ent}")
    print('    """,')
