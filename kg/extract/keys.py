"""A name → the slug that keys its entity (``group/lashkar-e-taiba``) and, later, ends its IRI.

Extraction makes the keys, so the slugs are made here; ``kg.rdf`` only turns a finished key into an
IRI (percent-encoding whatever it holds).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 80


def slug(text: str) -> str:
    """Lower-case ASCII slug for entity keys: "Lashkar-e-Taiba" → "lashkar-e-taiba"; a name in
    non-Latin letters keeps them (``unicode_slug``).

    >>> slug("Lashkar-e-Taiba"), slug("Côte d'Ivoire"), slug("Москва")
    ('lashkar-e-taiba', 'cote-divoire', 'москва')
    """
    base = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    ascii_ = base.encode("ascii", "ignore").decode()
    if sum(c.isalnum() for c in base) != sum(c.isalnum() for c in ascii_):
        # Non-Latin letters ("Москва", "北京"): keep them (percent-encoded in the IRI), never collapse to "x".
        return unicode_slug(text)
    s = ascii_.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def _slug_char(ch: str) -> str:
    """Letters, digits and combining marks (Devanagari vowel signs, Arabic harakat) stay; the rest is '-'."""
    return ch if unicodedata.category(ch)[0] in "LNM" else "-"


def unicode_slug(name: str) -> str:
    """A readable, stable IRI segment for any name (unicode kept, percent-encoded later; long names hashed).

    >>> unicode_slug("Lashkar-e-Taiba"), unicode_slug("U.S. Army"), unicode_slug("भारत"), unicode_slug("!!!")
    ('lashkar-e-taiba', 'u-s-army', 'भारत', 'x-9a7b006d203b')
    """
    norm = unicodedata.normalize("NFKC", name).casefold()
    norm = re.sub("-{2,}", "-", "".join(map(_slug_char, norm))).strip("-")
    if not norm:
        return "x-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(norm) > MAX_SLUG:
        digest = hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        norm = norm[:MAX_SLUG].rstrip("-") + "-" + digest
    return norm


