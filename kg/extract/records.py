"""Rule modules → the records they pass one another within one document (spaCy spans and tokens inside,
unlike ``kg.types``): who acts (``Actor``), a structural link read from the text (``Structural``), an
event candidate of a rule (``Candidate``).

They live apart from the modules that make them so that every rule module (``entities``, ``nominals``,
``military``, ``relations``, ``statements``) can import them at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Actor:
    key: str
    sector: str | None = None
    # how the argument was read: mention | nominal | pronoun | anaphor | title-anaphor | modifier | people |
    # located (a common noun placed in a state) | author (of a document) | sides ("both sides") | event (the
    # actor of an earlier event a reply answers)
    via: str = "mention"


@dataclass(frozen=True)
class Structural:
    subject: str
    relation: str
    object: str
    sent: Span
    rule: str
    confidence: float


@dataclass(frozen=True)
class Candidate:
    subject: Actor
    relation: str
    object: Actor | None  # None: the object is an earlier event ("rejected the accusations")
    trigger: Token
    rule: str
    confidence: float
    # why the candidate makes no statement (the partner phrase of a cooperation a verb ended: "ended by ...");
    # reported as rejected
    withheld: str | None = None
    event_noun: str | None = None  # the noun naming that earlier event
    modality: str | None = None  # set by the rule ("alleged": an act an accusation charges), else decided later
