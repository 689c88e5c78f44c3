#!/usr/bin/env python3
"""PETRARCH2's CAMEO verb dictionary + PLOVER's CAMEO→PLOVER table → kg/data/plover_cameo.json.

Usage: python scripts/build_lexicon.py [--resources DIR] [--out FILE]

Rerun it whenever the resources, the code→type rules or the filters below change; the output is
committed, so extraction never reads the resources. ``DIR`` (default ``../shared/resources`` beside the
checkout) holds ``petrarch2/CAMEO.2.0.txt`` (MIT, Open Event Data Alliance) and
``plover/CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0, openeventdata/PLOVER). Needs the project's spaCy
pipeline (to lemmatise the dictionary's words the way extraction lemmatises text) and ``wordfreq``
(``pip install -e '.[lexicon]'``; only for the frequency criterion below).

What is converted
-----------------
* **Verbs.** Every verb line of a ``--- NAME [code] ---`` block takes the block's code unless it carries
  its own ``[code]``; ``[---]`` means no event. ``{...}`` irregular forms are ignored (extraction matches
  lemmas). A multiword verb (``+CARRY_OUT``, ``+SIDE_WITH``) becomes a phrasal verb: its first word is the
  verb lemma, the others must hang off the verb (particle, preposition or object).
* **Patterns** (``- * OBJ (PREP NOUN) [code] # comment``). A pattern applies to every verb of its block
  (PETRARCH's synonym-block semantics) and becomes a list of *slots* that must hang off the verb in the
  dependency tree: ``prt`` (a particle: ``* DOWN``), ``obj`` (the object noun, with the modifiers of a
  ``{A B}`` phrase: ``* {ARMS SHIPMENT}``), ``prep`` (a prepositional phrase ``(PREP NOUN)`` or a bare
  preposition followed by a noun), each noun possibly a synonym set ``&SET`` (expanded here). ``+`` marks
  the target. A pattern's code gives its PLOVER type; a pattern whose code is no event (``[---]``, 01x)
  is kept as a *blocking* pattern: when it is the most specific match, the verb triggers nothing.
* **A pattern written for a verb of its own kind** applies to that verb only. A block may list a verb with
  a code of its own whose type differs from the block header's (CONVICT [173], an arrest or charge, inside
  BLAME [112], an accusation); a pattern whose comment names that verb and whose type is that verb's own
  type describes that verb's sense, not the block's ("* (OF &CRIME) [173] # CONVICT": convicted of a crime
  is COERCE, accused of a crime is not). Such a pattern carries the verb (``v``) and the matcher tries it
  on that verb alone; every other pattern keeps the synonym-block semantics.
* **Event nouns.** A pattern written for a light verb (its comment names one of LIGHT_VERBS: "hold talks",
  "stage a demonstration", "impose sanctions") whose only slot is its object (plus an optional target
  preposition) makes that object noun an event noun of the pattern's type. A noun that such patterns give
  two different types is ambiguous and dropped.

Code → PLOVER type
------------------
The table ``CAMEO2PLOVER-2021.txt`` decides, code by code (a code missing from it falls back to its
3-digit, then 2-digit parent), except:
* CAMEO 01 (public statements) maps to no event, as the PLOVER manual drops it ("CAMEO vs. PLOVER");
* CAMEO 02 (appeals) is ``request`` in this project (the contract's PLOVER list);
* MANUAL_OVERRIDES, where the PLOVER manual's text disagrees with the table (each cited there).

Filters (by code or pattern shape only; each drop is counted by reason)
-----------------------------------------------------------------------
* codes for the reverse direction only (``[:110]``): the target would be the subject;
* words before the verb (``- &MILITARY * ...``, ``- VERBALLY *``): subject and adverb constraints are not
  honoured by the matcher;
* ``$`` or ``%`` after the verb (the source inside the verb phrase), ``+`` anywhere but as the object of a
  preposition or right after one, ``^`` outside a prepositional phrase, negations (``NOT``), two bare
  content words in a row outside ``{}`` (a verb phrase, not a noun), a prepositional phrase whose first
  word is no preposition, an undefined ``&SET``;
* multiword verbs joined by AND/OR (``+KILLED_AND``) or built on an auxiliary (``+IS_DETERMINED``) and
  ``RE_`` forms (the tokenizer splits "re-arrest");
* **the frequency criterion:** a verb whose code is inherited from its block header (no code on its own
  line) and whose word form is frequent in English (wordfreq Zipf frequency >= ZIPF_GATE, about 30 per
  million words: "take", "hold", "serve", "lead", "fire", "die", "claim") is no trigger on its own: it
  needs a matching pattern. WordNet synonym blocks give such verbs codes that only one of their senses
  has. Hand-written entries in plover.yaml (cited to the PLOVER manual) are not affected.
* **the same criterion for phrasal verbs:** a multiword verb whose code is inherited from its block
  header is a phrasal trigger on its own only when it is the block's own verb (the block is named after
  it); a member of another verb's synonym block ("pull out", "walk out", "go away" under GO_SOMEWHERE
  [040]; "step up" under BOOST [060]) takes the block's code only through a matching pattern, as a
  single-word member does. Its own ``[code]`` still makes it a trigger.
* **verbs of saying:** in a block of public statements (header code CAMEO 01x, which PLOVER drops), a
  verb's own code names one reading of a verb the block files as saying ("EXPRESS [110]" under
  EXPLAIN_VERBAL [010], "EXPECT [030]" under PREDICT [010]): such a verb is a trigger on its own only
  when its word form is infrequent (below ZIPF_GATE); a frequent one ("express", "discuss", "expect")
  names its event through its patterns ("express concern", "express support").

Licences: the output is data derived from PETRARCH2's dictionary (MIT, notice kept in the file) and from
the PLOVER table (CC BY-SA 4.0), so it is offered under CC BY-SA 4.0 and credits openeventdata/PLOVER;
see kg/data/LICENSES.md. This script is project code (MIT).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project's package, also when the script is run from elsewhere
sys.path.insert(0, str(ROOT / "scripts"))

import phoenix  # noqa: E402

from kg.vocab import INTERACTIONS  # noqa: E402

DEFAULT_RESOURCES = ROOT.parent / "shared" / "resources"
DEFAULT_OUT = ROOT / "kg" / "data" / "plover_cameo.json"

PLOVER_TYPES = INTERACTIONS  # the sixteen PLOVER event types (kg.vocab)

# Where the PLOVER manual (PLOVER_MANUAL.tex) and the table disagree, the manual wins.
MANUAL_OVERRIDES = {
    # SANCTION, mode 'discontinue': "International (political or economic) sanctions are coded as
    # 'discontinue'" (the table says COERCE for 163 impose embargo, boycott or sanctions).
    "163": "sanction",
    # SANCTION, mode 'convict': "Find an entity or behavior guilty ... in a court of law" (table: ACCUSE).
    "116": "sanction",
    # SUPPORT / CONCEDE, potential ambiguities: "Expressions of regret or remorse for an action or
    # situation should be coded as CONCEDE" (055 apologize; table: SUPPORT).
    "055": "concede",
    # CONCEDE: "declarations (but not implementations) of ceasefires" are CONCEDE; RETREAT's 'ceasefire'
    # mode is "Implement ceasefire" (0871 declare truce, ceasefire; table: RETREAT).
    "0871": "concede",
    # CONCEDE: "verbal concessions ... including the promise of future concessions such easing of
    # administrative or legal restrictions ..., removing curfews, suspending protests, and declarations ...
    # of ceasefires and withdrawals"; AGREE, potential ambiguities: RETREAT + future and CONCEDE + future
    # "do not reduce to AGREE" (035x express intent to yield, release, ease sanctions, de-escalate; table: AGREE).
    "035": "concede",
    # CONCEDE: "removing curfews", "easing of administrative or legal restrictions" (0813 ease curfew, 0814
    # ease state of emergency or martial law; table: RETREAT).
    "0813": "concede",
    "0814": "concede",
}
NO_EVENT_ROOTS = ("01",)  # manual, "CAMEO vs. PLOVER": the 01 (comment) category is dropped
REQUEST_ROOTS = ("02",)  # appeals: request in this project

# verbs whose object names the event ("hold talks", "impose sanctions"): their patterns make event nouns
LIGHT_VERBS = frozenset(
    "hold stage launch conduct carry_out carried_out impose issue make sign mount wage lodge file".split()
)
ZIPF_GATE = 4.5

PARTICLES = frozenset(
    "up down out off back away aside forward together ahead along around about through over in on".split()
)
PREPOSITIONS = frozenset(
    "to with against at for from into onto upon toward towards of by near under behind between among across "
    "after before during inside outside within without over in on through about along around beyond "
    "amid amidst throughout past via like as".split()
)
DETERMINERS = frozenset({"a", "an", "the"})
NEGATIONS = frozenset({"not", "no", "never", "n't"})
AUXILIARIES = frozenset("is are am was were be been being has have had will would do does did".split())

Lemma = Callable[[str, str], str]  # (word, "NOUN" | "VERB") -> lemma


# ------------------------------------------------------------------------------------------ code → type


def parse_plover_table(text: str) -> dict[str, str]:
    """``CAMEO2PLOVER-2021.txt`` → {CAMEO code: PLOVER type} (first line for a code wins)."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*([A-Za-z]+)", line)
        if m:
            table.setdefault(m.group(1), m.group(2).lower())
    return table


def plover_type(code: str | None, table: dict[str, str]) -> str | None:
    """PLOVER type of a CAMEO code: None for no event (``---``, 01x), else manual override, table, parent."""
    if not code or not code.isdigit():
        return None
    if code.startswith(NO_EVENT_ROOTS):
        return None
    if code.startswith(REQUEST_ROOTS):
        return "request"
    for n in range(len(code), 1, -1):  # an override covers the codes under it ("035" covers 0351 to 0356)
        if code[:n] in MANUAL_OVERRIDES:
            return MANUAL_OVERRIDES[code[:n]]
    for n in range(len(code), 1, -1):
        prefix = code[:n]
        if prefix in table:
            typ = table[prefix]
            return typ if typ in PLOVER_TYPES else None
    return None


def forward_code(raw: str) -> str | None:
    """``042:043`` → "042" (source → target); ``:110`` → None (reverse only); ``---`` → "---"."""
    raw = raw.strip()
    if raw.startswith(":"):
        return None
    return raw.split(":", 1)[0].strip() or None


# ------------------------------------------------------------------------------------------ parsing


@dataclass
class VerbLine:
    words: tuple[str, ...]  # lowercased; [0] is the verb, the rest must hang off it
    code: str | None  # own code, or None when inherited from the block
    raw: str


@dataclass
class Block:
    name: str
    code: str  # header code, "---" for none
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (pattern text, raw line)


_CODE = re.compile(r"\[([^\]]*)\]")


def parse_synsets(text: str) -> dict[str, tuple[str, ...]]:
    """``&NAME`` followed by ``+WORD`` lines → {"&NAME": ("word", "armed forces", ...)}."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = line.split()[0].rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current:
            word = line[1:].split()[0].strip("_").replace("_", " ").lower()
            if word:
                sets[current].append(word)
        elif not line:
            continue
    return {k: tuple(dict.fromkeys(v)) for k, v in sets.items()}


def parse_dictionary(text: str) -> list[Block]:
    """The verb-pattern section: blocks with their verb lines and pattern lines."""
    blocks: list[Block] = []
    in_verbs = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        if not in_verbs or not line or line.startswith("#"):
            continue
        if line.startswith("---"):
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
            if m:
                blocks.append(Block(m.group(1), m.group(2).strip()))
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            body = re.split(r"\s#", line[1:], maxsplit=1)[0]
            blocks[-1].patterns.append((body.strip(), line))
            continue
        body = re.split(r"#|;", line, maxsplit=1)[0]
        code_m = _CODE.search(body)
        body = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).strip()
        if not body:
            continue
        word = body.split()[0].lstrip("+").strip("_")
        words = tuple(w.lower() for w in word.split("_") if w)
        blocks[-1].verbs.append(VerbLine(words, code_m.group(1).strip() if code_m else None, line))
    return blocks


# --------------------------------------------------------------------------------- pattern → slots


class Reject(ValueError):
    """A pattern whose shape the matcher cannot honour; the message is the counted reason."""


def _tokens(text: str) -> list[str]:
    return re.findall(r"[(){}]|[^\s(){}]+", text)


def _group(items: list[str], sets: dict[str, tuple[str, ...]], lemma: Lemma) -> dict:
    """Words of a noun phrase → {"w": head alternatives, "m": [modifier alternatives, ...]}."""
    words = [w for w in items if w.lower() not in DETERMINERS]
    if not words:
        raise Reject("empty noun phrase")
    alts: list[list[str]] = []
    raw: list[tuple[str, ...]] = []
    for w in words:
        if w in ("+", "$", "^", "%"):
            raise Reject("actor marker inside a noun phrase")
        if w.startswith("&"):
            name = w.rstrip("_")
            if name not in sets:
                raise Reject("undefined synonym set")
            members = sets[name]
            # a multiword member ("cease fire", "armed forces") would need its own modifiers: left out
            members = tuple(m for m in members if " " not in m)
            if not members:
                raise Reject("synonym set of multiword phrases")
        else:
            members = (w.strip("_").replace("_", " ").lower(),)
            if " " in members[0]:
                raise Reject("multiword word")
        alts.append(_noun_forms(members, lemma))
        raw.append(members)
    head = alts[-1]
    mods = [sorted({m.split()[-1] for m in ms}) for ms in raw[:-1]]
    return {"w": head, "m": mods, "raw": sorted({m.split()[-1] for m in raw[-1]})}


def _noun_forms(members: Iterable[str], lemma: Lemma) -> list[str]:
    out: list[str] = []
    for m in members:
        last = m.split()[-1]
        for form in (last, lemma(last, "NOUN")):
            if form and form not in out:
                out.append(form)
    return sorted(out)


def parse_pattern(text: str, sets: dict[str, tuple[str, ...]], lemma: Lemma) -> dict:
    """``* OBJ (PREP NOUN) (TO)`` → {"slots": [...], "target": prep | None}; raises Reject."""
    toks = _tokens(text)
    if "*" not in toks:
        raise Reject("no verb marker")
    star = toks.index("*")
    if star > 0:
        raise Reject("words before the verb")
    items: list[tuple[str, list[str]]] = []  # ("pp", words) | ("group", words) | ("word", [w])
    i = star + 1
    while i < len(toks):
        t = toks[i]
        if t in ("(", "{"):
            close = ")" if t == "(" else "}"
            depth, j = 0, i
            while j < len(toks):
                if toks[j] == t:
                    depth += 1
                elif toks[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= len(toks):
                raise Reject("unbalanced brackets")
            inner = [x for x in toks[i + 1 : j] if x not in ("{", "}")]
            items.append(("pp" if t == "(" else "group", inner))
            i = j + 1
            continue
        if t in (")", "}"):
            raise Reject("unbalanced brackets")
        items.append(("word", [t]))
        i += 1

    items = [it for it in items if not (it[0] == "word" and it[1][0].lower() in DETERMINERS)]
    slots: list[dict] = []
    target: str | None = None
    has_object = False
    k = 0
    while k < len(items):
        kind, words = items[k]
        nxt = items[k + 1] if k + 1 < len(items) else None
        if kind == "pp":
            if not words:
                raise Reject("empty prepositional phrase")
            prep = words[0].lower()
            if prep not in PREPOSITIONS:
                raise Reject("prepositional phrase without a preposition")
            k += 1
            target, slot = _prep_slot(prep, words[1:], nxt, target, sets, lemma)
            if slot.pop("eat_next", False):
                k += 1
            slots.append(slot)
            continue
        if kind == "group":
            if has_object:
                raise Reject("two object phrases")
            slots.append({"k": "obj", **_group(words, sets, lemma)})
            has_object = True
            k += 1
            continue
        w = words[0]
        low = w.lower()
        function_next = nxt is not None and nxt[0] == "word" and nxt[1][0].lower() in PREPOSITIONS | PARTICLES | NEGATIONS
        if w in ("$", "%"):
            raise Reject("source inside the verb phrase")
        if w == "^":
            raise Reject("skip marker outside a prepositional phrase")
        if w == "+":
            if k == 0 and nxt is None:
                k += 1  # "* +": the target is the object, as by default
                continue
            raise Reject("target outside a prepositional phrase")
        if low in NEGATIONS:
            raise Reject("negation")
        if low in PREPOSITIONS and nxt is not None and nxt[0] != "pp" and not function_next:
            # a bare preposition before its object: "ON &SOLUTION", "FROM +", "TOWARD +"
            target, slot = _prep_slot(low, nxt[1], None, target, sets, lemma)
            slots.append(slot)
            k += 2
            continue
        if low in PARTICLES:
            slots.append({"k": "prt", "w": [low]})
            if nxt is None and low in PREPOSITIONS:
                target = low  # a trailing "ON" introduces the target when it is a preposition
            k += 1
            continue
        if low in PREPOSITIONS:
            if nxt is not None:
                raise Reject("preposition before a prepositional phrase")
            target = low  # a trailing bare preposition: "* FROM"
            slots.append({"k": "prep", "p": low})
            k += 1
            continue
        # a bare content word: the object (or an adverb or adjective hanging off the verb)
        if nxt is not None and nxt[0] == "word" and nxt[1][0] not in ("+", "$", "^", "%") and not function_next:
            raise Reject("two bare content words")
        if has_object or (nxt is not None and nxt[0] == "group"):
            raise Reject("two object phrases")
        slots.append({"k": "obj", **_group([w], sets, lemma)})
        has_object = True
        k += 1
    return {"slots": slots, "target": target}


def _prep_slot(prep: str, rest: list[str], nxt, target: str | None, sets, lemma: Lemma) -> tuple[str | None, dict]:
    """One prepositional slot; returns the (possibly updated) target preposition and the slot. A slot with
    ``eat_next`` consumed the ``+`` after it ("(AGAINST) +")."""
    rest = [w for w in rest if w.lower() not in DETERMINERS]
    if rest == ["+"]:
        return prep, {"k": "prep", "p": prep}
    if rest == ["^"]:
        return target, {"k": "prep", "p": prep}
    if not rest:
        if nxt is None:
            return prep, {"k": "prep", "p": prep}  # a trailing "(TO)": the target's preposition
        if nxt == ("word", ["+"]):
            return prep, {"k": "prep", "p": prep, "eat_next": True}
        return target, {"k": "prep", "p": prep}
    if any(w in ("+", "$", "^", "%") for w in rest):
        raise Reject("actor marker inside a noun phrase")
    return target, {"k": "prep", "p": prep, **_group(rest, sets, lemma)}


def slot_weight(slot: dict) -> int:
    """How many words a slot fixes (the specificity of a pattern is the sum over its slots)."""
    if slot["k"] == "prep":
        return 1 + (1 + len(slot.get("m", ())) if "w" in slot else 0)
    if slot["k"] == "obj":
        return 1 + len(slot.get("m", ()))
    return 1


# ------------------------------------------------------------------------------------------ convert


@dataclass
class Counts:
    dropped: Counter = field(default_factory=Counter)


def convert(
    dictionary: str,
    table_text: str,
    lemma: Lemma,
    zipf: Callable[[str], float],
    complement_verbs: frozenset[str] = frozenset(),
) -> dict:
    """The whole conversion (pure: texts in, the JSON-ready dict out)."""
    table = parse_plover_table(table_text)
    sets = parse_synsets(dictionary)
    blocks = parse_dictionary(dictionary)
    dropped: Counter = Counter()
    verbs: dict[str, str | None] = {}  # bare verb → type (None: no event)
    gated: list[str] = []
    phrasal: list[list] = []  # [verb, [rest words], type]
    out_blocks: list[dict] = []
    noun_types: dict[str, set[str]] = {}
    noun_preps: dict[str, list[str]] = {}
    noun_verbs: dict[str, set[str]] = {}
    raw_patterns = 0

    for block in blocks:
        block_verbs: list[list] = []
        header_type = plover_type(forward_code(block.code), table)
        own_kind: dict[str, tuple[list, str | None]] = {}  # verb written as in comments → (entry, own type)
        for v in block.verbs:
            code = forward_code(v.code) if v.code is not None else forward_code(block.code)
            typ = plover_type(code, table)
            words = v.words
            if not words:
                continue
            if len(words) > 1:
                if any(w in ("and", "or") for w in words):
                    dropped["multiword verb joined by and/or"] += 1
                    continue
                if words[0] in AUXILIARIES:
                    dropped["multiword verb on an auxiliary"] += 1
                    continue
                if words[0] == "re":
                    dropped["re_ form"] += 1
                    continue
                head = lemma(words[0], "VERB") if words[0].endswith(("ed", "ing")) else words[0]
                rest = list(words[1:])
                block_verbs.append([head, rest])
                if v.code is not None and typ != header_type:
                    own_kind.setdefault("_".join(words), (block_verbs[-1], typ))
                if typ is not None:
                    if v.code is None and "_".join(words) != block.name.lower():
                        gated.append(" ".join(words))  # a synonym-block member: needs a pattern
                    else:
                        phrasal.append([head, rest, typ])
                continue
            word = words[0]
            block_verbs.append([word, []])
            if v.code is not None and typ != header_type:
                own_kind.setdefault(word, (block_verbs[-1], typ))
            if typ is None:
                verbs.setdefault(word, None)
                continue
            if word in complement_verbs:
                gated.append(word)  # "decided to", "sought to": the complement is the event
                verbs.setdefault(word, None)
                continue
            if v.code is None and (word != block.name.lower() or zipf(word) >= ZIPF_GATE):
                gated.append(word)  # a synonym-block member, or a frequent head: needs a pattern
                verbs.setdefault(word, None)
                continue
            if v.code is not None and block.code.startswith(NO_EVENT_ROOTS) and zipf(word) >= ZIPF_GATE:
                gated.append(word)  # a frequent verb of saying: its own code is one reading, read through patterns
                verbs.setdefault(word, None)
                continue
            if verbs.get(word) is None:
                verbs[word] = typ
        patterns: list[dict] = []
        for text, raw in block.patterns:
            raw_patterns += 1
            m = _CODE.search(text)
            if not m:
                dropped["no code"] += 1
                continue
            code = forward_code(m.group(1))
            if code is None:
                dropped["reverse direction only"] += 1
                continue
            try:
                parsed = parse_pattern(text[: m.start()], sets, lemma)
            except Reject as exc:
                dropped[str(exc)] += 1
                continue
            if not parsed["slots"]:
                dropped["no words besides the verb"] += 1
                continue
            typ = plover_type(code, table)
            comment = raw.split("#", 1)[1].strip().split() if "#" in raw else []
            pattern = {"t": typ, "c": code, "s": parsed["slots"], "p": parsed["target"],
                       "w": sum(slot_weight(s) for s in parsed["slots"]), "src": " ".join(text.split())}  # fmt: skip
            written_for = comment[0].lower() if comment else ""
            if written_for in own_kind and own_kind[written_for][1] == typ:
                pattern["v"] = own_kind[written_for][0]  # the verb's own sense: that verb only
            patterns.append(pattern)
            only_object = [s for s in parsed["slots"] if s["k"] == "obj"]
            others = [s for s in parsed["slots"] if s["k"] != "obj"]
            if (
                typ is not None
                and written_for in LIGHT_VERBS
                and len(only_object) == 1
                and all(s["k"] == "prep" and "w" not in s and s["p"] == parsed["target"] for s in others)
            ):
                obj = only_object[0]
                if obj["m"]:
                    if len(obj["m"]) > 1 or len(obj["m"][0]) > 2 or len(obj["w"]) > 2:
                        continue  # a set inside a multiword noun: too loose for a stand-alone noun
                    keys = [f"{m} {h}" for m in obj["m"][0] for h in obj["raw"]]
                else:
                    keys = list(obj["raw"])
                for key in keys:
                    noun_types.setdefault(key, set()).add(typ)
                    noun_verbs.setdefault(key, set()).add(written_for.split("_")[0])
                    if parsed["target"] and parsed["target"] not in noun_preps.setdefault(key, []):
                        noun_preps[key].append(parsed["target"])
        for p in patterns:
            for slot in p["s"]:
                slot.pop("raw", None)
        patterns = _dedupe_patterns(patterns, dropped)
        if patterns:
            out_blocks.append({"name": block.name, "code": block.code, "verbs": block_verbs, "patterns": patterns})

    nouns: dict[str, list] = {}
    for key, types in sorted(noun_types.items()):
        if len(types) != 1:
            dropped["event noun with two types"] += 1
            continue
        if len(noun_verbs[key]) < 2:
            dropped["event noun under one light verb only"] += 1
            continue
        nouns[key] = [next(iter(types)), noun_preps.get(key, [])]

    n_patterns = sum(len(b["patterns"]) for b in out_blocks)
    counts = {
        "dictionary_verb_lines": sum(len(b.verbs) for b in blocks),
        "dictionary_patterns": raw_patterns,
        "verbs": sum(1 for t in verbs.values() if t),
        "verbs_only_through_patterns": len(set(gated)),
        "phrasal_verbs": len(phrasal),
        "patterns": n_patterns,
        "blocking_patterns": sum(1 for b in out_blocks for p in b["patterns"] if p["t"] is None),
        "patterns_for_one_verb": sum(1 for b in out_blocks for p in b["patterns"] if "v" in p),
        "nouns": len(nouns),
        "dropped": dict(sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    return {
        "counts": counts,
        "verbs": {v: t for v, t in sorted(verbs.items()) if t},
        "phrasal": phrasal,
        "blocks": out_blocks,
        "nouns": nouns,
    }


def _dedupe_patterns(patterns: list[dict], dropped: Counter) -> list[dict]:
    """One pattern per shape (and verb, for a pattern of one verb); a shape listed with codes of two
    different types (or an event type and no event) is ambiguous and dropped. Most specific first, a
    pattern of one verb before the block's own of the same weight."""
    by_shape: dict[str, list[dict]] = {}
    for p in patterns:
        key = json.dumps([p["s"], p["p"], p.get("v")], sort_keys=True)
        by_shape.setdefault(key, []).append(p)
    out = []
    for group in by_shape.values():
        types = {p["t"] for p in group}
        if len(types) > 1:
            dropped["same shape, two types"] += len(group)
            continue
        out.append(group[0])
        dropped["duplicate shape"] += len(group) - 1
    return sorted(out, key=lambda p: (-p["w"], "v" not in p))


# ------------------------------------------------------------------------------------------ output

def notice(dictionary: str) -> list[str]:
    """The output's notice: where it comes from, its licence, and the dictionary's own MIT notice as the
    dictionary writes it."""
    return [
        "PLOVER event lexicon converted from general resources by scripts/build_lexicon.py (do not edit by hand;",
        "rerun the script). Derived data: licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).",
        "",
        "Event codes mapped with the CAMEO to PLOVER conversion table of the PLOVER project",
        "(openeventdata/PLOVER, CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8, Philip Schrodt et al.),",
        "licensed CC BY-SA 4.0; the PLOVER manual's text overrides the table where they disagree.",
        "",
        "Verbs, patterns and synonym sets from PETRARCH2's CAMEO verb dictionary (openeventdata/petrarch2,",
        "CAMEO.2.0.txt), whose notice follows:",
        *phoenix.licence_text(dictionary),
        "",
        "The frequency criterion used word frequencies from wordfreq (Robyn Speer; data CC BY-SA 4.0).",
        "Licence texts and credits: kg/data/LICENSES.md.",
    ]


FORMAT = {
    "verbs": "lemma -> PLOVER type: the verb triggers on its own",
    "phrasal": "[verb lemma, [words that must hang off it], type]",
    "blocks": "[{name, code, verbs: [[lemma, [extra words]]], patterns}]: each pattern applies to every verb of its block (code: the block header's CAMEO code)",
    "pattern": "{t: type or null (blocks the verb), c: CAMEO code, s: slots, p: target preposition, w: specificity, src, v: [lemma, [extra words]] when it applies to that block verb only}",
    "slot": "{k: prt|obj|prep, w: head word forms, m: [modifier forms], p: preposition}",
    "nouns": "noun (or 'modifier noun') -> [type, [prepositions introducing the target]]",
}


def _lemmatizer() -> Lemma:
    from spacy.tokens import Doc

    from kg.extract.nlp import load_nlp

    nlp = load_nlp()
    lem = nlp.get_pipe("lemmatizer")
    cache: dict[tuple[str, str], str] = {}

    def lemma(word: str, pos: str) -> str:
        key = (word, pos)
        if key not in cache:
            doc = Doc(nlp.vocab, words=[word], pos=[pos])
            cache[key] = (lem.rule_lemmatize(doc[0]) or [word])[0].lower()
        return cache[key]

    return lemma


def _zipf() -> Callable[[str], float]:
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        sys.exit("build_lexicon.py needs wordfreq for its frequency criterion: pip install -e '.[lexicon]'")
    return lambda word: zipf_frequency(word, "en")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    dictionary = (args.resources / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace")
    table = (args.resources / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    from kg.extract.eventwords import ASPECT_VERBS

    data = convert(dictionary, table, _lemmatizer(), _zipf(), ASPECT_VERBS)
    out = {"notice": notice(dictionary), "format": FORMAT, **data}
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    c = data["counts"]
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    print(f"  dictionary: {c['dictionary_verb_lines']} verb lines, {c['dictionary_patterns']} patterns")
    print(f"  converted: {c['verbs']} verbs that trigger alone ({c['verbs_only_through_patterns']} more "
          f"only through a pattern), {c['phrasal_verbs']} phrasal verbs, {c['patterns']} patterns "
          f"({c['blocking_patterns']} blocking, {c['patterns_for_one_verb']} for one verb only), "
          f"{c['nouns']} event nouns")  # fmt: skip
    for reason, n in c["dropped"].items():
        print(f"  dropped {n:5d}  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
