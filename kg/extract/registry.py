"""Rule names → what each rule does: the one registry of extraction rules.

Every statement the extractor makes carries the name of the rule that made it (``gkg:rule`` on its
``rdf:Statement``, ``Triple.rule``). Each such name is registered here with its kind and a one-line
summary, so that a user can list the rules (``kg rules``), switch any of them off
(``kg build --without-rule NAME``) and see how many statements each made (``report.json``'s
``rules``); ``make eval`` prints each rule's contribution on every benchmark set.

Kinds: ``structural`` (who serves, leads, belongs to or is based in what) and ``event`` (PLOVER
interactions). An event rule is named by the construction that linked the trigger to its arguments.
Switching a rule off drops every statement it would make; the rules that remain run unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.errors import KGError, invalid


@dataclass(frozen=True)
class RuleInfo:
    name: str
    kind: str  # "structural" | "event"
    summary: str


_TABLE: tuple[tuple[str, str, str], ...] = (
    # ---- structural: officials
    ("official-title", "structural", "the title before the name names the state or group: \"Kenyan Interior Minister X\", \"Iran's foreign ministry spokesman X\""),
    ("official-apposition", "structural", "an apposition or copula names it: \"X, the leader of Y\", \"Y's envoy, X\", \"X, a spokesman for Y\", \"X is a deputy leader of Y\""),
    ("official-role", "structural", "a person no title places, in a state office the actor dictionary dates to the document's date"),
    ("official-of-official", "structural", "whom an official serves: \"X's national security adviser\", \"his envoy\""),
    ("official-organization", "structural", "a secretary-general with no organization named: the organization the text is about"),
    ("official-locale", "structural", "a head of state in a sentence opened by a seat (\"In Nairobi, President X ...\"), unless another weak cue disagrees"),
    ("official-dateline", "structural", "a head of state or government or a minister, no state named, in a text naming no state but its dateline's"),
    # ---- structural: groups
    ("group-based-in", "structural", "\"X, a group based in Y\", \"headquartered in Y\""),
    ("group-nationality", "structural", "\"the Ruritanian militant group X\", \"Y-based X\", \"Ruritanian rebels\", \"Iraqi Kurds\""),
    ("collective-located", "structural", "a collective placed by a preposition: \"rebels in Y\", \"militias from Y\""),
    ("state-organ", "structural", "an organ named with its state: \"the Ruritanian army\", \"Y's government\", \"police of Y\""),
    ("membership", "structural", "\"X, a member of Y\", \"X belongs to Y\", \"Y's affiliate X\""),
    ("troop-contribution", "structural", "a state whose troops serve in a mission is a member of it"),
    ("inclusion-list", "structural", "\"Y includes A, B and C\", \"Y, made up of A and B\""),
    ("unit-designation", "structural", "\"2nd Battalion, 5th Regiment\": a unit, then the formation it belongs to"),
    ("assigned-to", "structural", "\"X was assigned to Y\": a member of that unit"),
    ("led-by", "structural", "\"Y is led by X\", \"X commands Y\""),
    ("part-of", "structural", "\"X ... as part of Y\""),
    ("commander-of", "structural", "\"X, commander of Y\""),
    ("person-member", "structural", "\"X, a member of Y\", \"X, a Y fighter\" for a person"),
    # ---- events (named by the construction that linked the trigger to its arguments)
    ("active-verb", "event", "subject → direct object or the verb's own preposition: \"X attacked Y\", \"X met with Y\""),
    ("active-phrase", "event", "a phrasal verb or verb–object pattern: \"X called on Y\", \"X imposed sanctions on Y\""),
    ("object-prep", "event", "the target in a prepositional phrase on the object noun: \"X fired shells at Y\", \"X sought support from Y\""),
    ("passive", "event", "the by-phrase of a passive event: \"Y was attacked by X\""),
    ("predicate-adjective", "event", "an adjective or adjectival passive of attitude: \"X is critical of Y\", \"X is opposed to Y\""),
    ("relative", "event", "an event verb in a relative clause: \"groups that target Y\""),
    ("clausal", "event", "the subject of a complement or condition clause is the target: \"X demanded that Y leave\""),
    ("conjoined-verb", "event", "verbs sharing a subject or an object: \"X condemned and sanctioned Y\""),
    ("reciprocal", "event", "\"X and Y met / agreed / clashed\": each side toward the other"),
    ("nominal", "event", "an event noun with its actor as modifier: \"X's visit to Y\", \"U.S. sanctions on Y\""),
    ("by-phrase", "event", "an event noun's by-phrase: \"attacks by X on Y\", \"strikes carried out by X against Y\""),
    ("light-verb", "event", "an event noun after a light verb: \"X launched an offensive against Y\", \"X held talks with Y\""),
    ("discontinued", "event", "a cooperative event noun under a verb of ending: \"X halted cooperation with Y\" (SANCTION), \"X cancelled a visit to Y\" (REJECT)"),
    ("mediation", "event", "a mediator consults each side: \"talks mediated by X between A and B\", \"an X-brokered truce between A and B\""),
    ("both-sides", "event", "\"both sides\", \"the two leaders\" as an argument: the two parties its sentence (or the one before, same paragraph) joins"),
    ("document-author", "event", "a document as the subject of what it says: \"a report by X accused Y\", \"a statement issued by X condemned Y\""),
    ("reported-speech", "event", "the addressee of a reported threat or demand, or the target of the threatened act: \"X told Y it must leave\", \"X said Y must leave\", \"X warned that it would strike Y\""),
    ("directive", "event", "object control of a directive verb: \"X ordered Y to appear\" is a demand on Y"),
    ("alleged-act", "event", "the sponsorship an accusation charges: \"X accused Y of arming / sheltering Z\" → Y aid Z, modality \"alleged\""),
    ("event-anaphora", "event", "a reply to an earlier event: \"Y rejected the accusation\" (the accuser)"),
    ("authority-located", "event", "an arrest, charge or expulsion without agent is the act of the state where it happens"),
    ("between-parties", "event", "an event noun with its sides after \"between\": \"talks between A and B\", \"the truce agreed between A and B\""),
    ("under-fire", "event", "\"X came under fire from Y\", \"X received fire from Y\": Y assaults X"),
    ("help-of", "event", "\"X did it with the help / support of Y\": Y aids or supports X"),
    ("at-request", "event", "\"at the request of Y, X did it\": Y asked it of X"),
    ("for-clause", "event", "\"X called / pressed for Y to act\": X asks it of Y"),
    ("partner-phrase", "event", "a partner of the subject's action: \"X fought alongside Y\", \"in coordination with Y\""),
)

RULES: dict[str, RuleInfo] = {name: RuleInfo(name, kind, summary) for name, kind, summary in _TABLE}


def rule_names(kind: str | None = None) -> list[str]:
    """Registered rule names, in registry order (of one kind if given)."""
    return [r.name for r in RULES.values() if kind is None or r.kind == kind]


def check_rules(names: Iterable[str]) -> frozenset[str]:
    """The names as a set, or a KGError naming the first unknown one and the valid names."""
    out = frozenset(n.strip() for n in names if n.strip())
    for n in sorted(out):
        if n not in RULES:
            raise KGError(invalid("rule", n, "the names 'kg rules' lists (" + ", ".join(RULES) + ")"))
    return out


def known(name: str) -> str:
    """``name`` if it is registered; an extractor emitting an unregistered name is a programming error."""
    if name not in RULES:
        raise KeyError(f"rule {name!r} is not registered in kg/extract/registry.py")
    return name
