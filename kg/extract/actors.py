"""Agent nouns → what a nominal actor is: an organ of a state, a collective that is not the state, or people.

The word-level half of sub-state actors (``kg.extract.nominals``, ``scan`` and ``resolve``, does the
document-level half: which state, which earlier mention). Three kinds, decided in ``kg/data/organs.yaml``:

- an **organ** of a state, named as a whole: "government", "army", "security forces", "police",
  "Foreign Ministry", "ministry of defence", "supreme court", "parliament". With a state it is a
  ``GovernmentBody`` keyed ``body/<ISO>-<organ>``, so that "the Afghan government", "Kabul's government"
  and "the government of Afghanistan" are one node, ``partOf`` the state. Nouns naming one institution
  share an organ key ("army", "military", "troops" → ``military``; "Foreign Office" → ``foreign-ministry``).
- a **collective** that acts together without being the state: the armed sectors REB/UAF ("rebels",
  "insurgents", "militants", "gunmen"), the opposition sector OPP ("the opposition", "dissidents") and
  the listed heads ("protesters", "students", "workers", "striking miners"). A ``Group``/``ArmedGroup``.
- **people** acting for a state: every other agent noun ("officials", "diplomats", "soldiers",
  "authorities", "civilians"). They stand for the state, with their sector on the statement (the
  contract's "Pakistani officials" → Pakistan, GOV). An official serves one of many organs and the
  text does not say which; inventing a body for them would name something the text does not.

"troops" and "forces" counted ("200 Kenyan troops", "thousands of troops") are people, not the institution.

Sectors: ``kg/data/agents.tsv`` (PETRARCH2's Phoenix agents dictionary, MIT, converted by
``scripts/build_agents.py``: 5,000 phrases with plurals, synonyms and misspellings) overlaid by the
hand-made heads of ``kg/data/sectors.yaml`` (and their plurals), which win where they differ.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from kg.extract import gazetteer as gz

DATA = "kg.data"


def plural(word: str) -> str:
    """The regular English plural PETRARCH generates for a noun (none for an abbreviation: "lt.")."""
    if word.endswith(".") or not word[-1:].isalpha():
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


@functools.cache
def agent_sectors() -> dict[str, str]:
    """Lower-case agent phrase → sector ("police" → COP, "rebels" → REB, "officials" → GOV)."""
    table: dict[str, str] = {}
    text = resources.files(DATA).joinpath("agents.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            phrase, sector, _code = line.split("\t")
            table[phrase] = sector
    hand = {str(k).lower(): str(v) for k, v in gz.sectors().items()}
    for head, sector in hand.items():  # the hand layer and its plurals win
        words = head.split()
        many = " ".join([*words[:-1], plural(words[-1])])
        if many not in hand:
            table[many] = sector
    table.update(hand)
    return table


@functools.cache
def _organs() -> dict:
    raw = gz.data_file("organs.yaml")
    phrases = {" ".join(p.lower().split()): key for key, ps in raw["organs"].items() for p in ps}
    portfolios = {" ".join(p.lower().split()): key for key, ps in raw["portfolios"].items() for p in ps}
    coll = raw["collectives"]
    return {
        "phrases": phrases,
        "longest": max(len(p.split()) for p in phrases),
        # the words a phrase ``organ`` finds can end in: an organ's last word or a ministry's head word
        "ends": frozenset(p.rsplit(" ", 1)[-1] for p in phrases) | frozenset(raw["ministry_heads"]),
        "ministry": frozenset(raw["ministry_heads"]),
        "portfolios": portfolios,
        "name_words": frozenset(w.lower() for w in raw["name_words"]),
        "armed": frozenset(coll["armed_sectors"]),
        "unarmed": frozenset(coll["sectors"]),
        "heads": frozenset(coll["heads"]),
    }


@dataclass(frozen=True)
class Organ:
    key: str  # "military", "foreign-ministry"
    sector: str
    size: int  # how many of the phrase's last words name the organ


def organ(words: list[str]) -> Organ | None:
    """The organ a phrase ends in: ["afghan", "national", "army"] → military (1 word); ["foreign",
    "ministry"] → foreign-ministry (2); ["ministry", "of", "foreign", "affairs"] → foreign-ministry (4)."""
    data = _organs()
    low = [w.lower() for w in words]
    if "of" in low[1:]:  # "ministry of defence", "government of Peru" (the caller drops the state)
        k = low.index("of")
        head, rest = low[:k], " ".join(low[k + 1 :])
        if head and head[-1] in data["ministry"] and rest in data["portfolios"]:
            return Organ(data["portfolios"][rest] + "-ministry", "GOV", len(low) - k + 1)
        low = head
        if not low:
            return None
    if low[-1] in data["ministry"]:
        for n in (3, 2, 1):
            if len(low) > n and " ".join(low[-n - 1 : -1]) in data["portfolios"]:
                return Organ(data["portfolios"][" ".join(low[-n - 1 : -1])] + "-ministry", "GOV", n + 1)
    for n in range(min(data["longest"], len(low)), 0, -1):
        phrase = " ".join(low[-n:])
        key = data["phrases"].get(phrase)
        if key is not None:
            return Organ(key, agent_sectors().get(phrase) or "GOV", n)
    return None


def organ_ends() -> frozenset[str]:
    """The lower-case words a phrase must end in for ``organ`` to find an organ in it, when the phrase has no
    "of" after its first word."""
    return _organs()["ends"]


def name_word(word: str) -> bool:
    """A word that may stand inside an organ's proper name ("National" in "Somali National Army")."""
    return word.lower() in _organs()["name_words"]


def collective(lower: str, lemma: str) -> tuple[str, bool] | None:
    """(head key, armed) when the noun names a non-state collective ("rebels" → ("rebel", True))."""
    data = _organs()
    if lower in data["phrases"] or lemma in data["phrases"]:
        return None  # "forces", "army": an organ, whichever sector the dictionary gives it
    sector = agent_sectors().get(lower) or agent_sectors().get(lemma)
    if sector in data["armed"]:
        return lemma, True
    if sector in data["unarmed"] or lower in data["heads"] or lemma in data["heads"]:
        return lemma, False
    return None


def sector(lower: str, lemma: str | None = None) -> str | None:
    """The sector of an agent noun, by its lower-case form, else its lemma ("officials" → GOV, "troops" →
    MIL); the one lookup every module uses."""
    table = agent_sectors()
    return table.get(lower) or (table.get(lemma) if lemma else None)
