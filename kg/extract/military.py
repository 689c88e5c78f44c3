"""Defence and security reporting → mentions of coalitions and military formations, and partner phrases.

Two small hooks into the general flow (the structural statements of formations are
``kg.extract.formations``):

- ``add_mentions(doc, mentions)`` (mentions → DocEntities): "the Coalition" / "Coalition forces" and
  "the U.S.-led coalition" name a coalition. When the document names a known coalition from the
  gazetteer ("Global Coalition to Defeat ISIS", "CJTF-OIR", "Saudi-led coalition") they corefer with
  it; otherwise they are a group of their own ("Coalition", "U.S.-led coalition").
- ``relations(rules, sent)`` (after the lexicon rules of a sentence):
    * "X conducted strikes coordinated with / in support of Y", "X fought alongside Y",
      "X, together with Y, ...", "X partnered with Y" → cooperate (aid for "in support of");

All word lists are module constants; nothing is compiled per document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract import gazetteer as gz
from kg.extract import tree
from kg.extract.mentions import GROUP, ORG, Mention
from kg.extract.records import Candidate

COALITION = "coalition"
# heads of military formation names ("3rd Battalion", "507th Air Refueling Wing", "CTF 50")
UNIT_HEADS = frozenset(
    "battalion regiment brigade division wing squadron group company battery corps fleet command "
    "force forces task detachment flotilla marines infantry cavalry artillery team unit army navy".split()
)
LEAD_VERBS = frozenset({"lead", "command", "head"})
# titles the tagger may take into a unit's name: "the 12th Signal Battalion Commander"
TRAILING_TITLES = frozenset({"commander", "commandant", "chief", "spokesman", "spokeswoman", "spokesperson"})
TASK_FORCE_CODES = frozenset({"CTF", "TF", "CTG", "TG", "JTF", "CJTF"})
# "coordinated with Y", "alongside Y": prepositions/adverbs naming a partner of the subject's action
PARTNER_PREPS = {"alongside": "cooperate"}
PARTNER_HEADS = {  # governing word → preposition → type
    "coordinate": ("with", "cooperate"),
    "partner": ("with", "cooperate"),
    "cooperate": ("with", "cooperate"),
    "together": ("with", "cooperate"),
    "conjunction": ("with", "cooperate"),
    "partnership": ("with", "cooperate"),
    "coordination": ("with", "cooperate"),
    "cooperation": ("with", "cooperate"),
    "support": ("of", "aid"),  # "in support of Y"
}


# ------------------------------------------------------------------------------------------ mentions


def _coalition_span(doc: Doc, tok: Token) -> tuple[int, int] | None:
    """ "Coalition" (capitalized: the proper name of an operational coalition) or "X-led coalition"."""
    if tok.lower_ != COALITION:
        return None
    i = tok.i
    # "the U.S.-led coalition", "a US-led coalition"
    if i >= 1 and doc[i - 1].lower_.endswith("-led") and len(doc[i - 1].text) > 4:
        return i - 1, i + 1
    if i >= 2 and doc[i - 1].lower_ == "led" and doc[i - 2].text == "-":
        start = i - 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].is_punct:
            start -= 1
        return (start, i + 1) if start < i - 2 else None
    if tok.text == COALITION.capitalize():
        return i, i + 1
    return None


def _definite_coalition(doc: Doc, tok: Token) -> bool:
    """ "the coalition" (lower case, definite, nothing said of which: no "of" phrase, no modifier): the
    coalition the document names, if it names one ("a coalition of parties" describes a new one; "accused
    the coalition of using ..." says what it did: an "of" with a gerund is the verb's complement)."""
    if tok.text != COALITION or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
        return False
    if any(c.dep_ in ("amod", "compound", "nmod", "poss", "nummod") for c in tok.children):
        return False
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
        return all(c.dep_ == "pcomp" or c.tag_ == "VBG" for c in doc[tok.i + 1].children)
    return True


def _known_coalition(mentions: list[Mention]) -> str | None:
    """The gazetteer coalition the document names (its entry name), if exactly one."""
    names = []
    for m in mentions:
        if m.kind == GROUP:
            g = gz.lookup_group(str(m.ref))
            name = getattr(g, "name", None) or str(m.ref)
            if COALITION in name.lower() and name not in names:
                names.append(name)
    return names[0] if len(names) == 1 else None


def _longer_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A gazetteer coalition inside a longer proper name ("Arab coalition" in "the Syrian Arab
    Coalition") is that longer name, a group of its own."""
    out = []
    for m in mentions:
        if m.kind == GROUP and COALITION in str(m.ref).lower() and m.start > 0:
            prev = doc[m.start - 1]
            if prev.text[:1].isupper() and prev.pos_ in ("PROPN", "ADJ") and prev.i > prev.sent.start:
                start = m.start - 1
                while start > prev.sent.start and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ in ("PROPN", "ADJ"):
                    start -= 1
                text = doc[start : m.end].text
                out = [o for o in out if o.end <= start]
                out.append(Mention(start, m.end, ORG, text, text))
                continue
        out.append(m)
    return out


_ORDINAL_ENDS = ("st", "nd", "rd", "th")


def _ordinal(text: str) -> bool:
    return text[:1].isdigit() and text.lower().endswith(_ORDINAL_ENDS)


def _unit_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    """Formation names the tagger misses: "2nd Battalion", "20th Fighter Wing", "Task Force 50".

    One pass over the token texts; Token objects are made only around a candidate (building them is
    most of what a scan of the document costs)."""
    texts = [t.text for t in doc]
    n = len(texts)
    found: tuple[list, list, list, list] = ([], [], [], [])  # kept in this order: ordinals, Task Force, codes, commands

    def mention(kind: int, start: int, end: int) -> None:
        span = doc[start:end]
        found[kind].append(Mention(span.start, span.end, ORG, span.text, span.text))

    for i, text in enumerate(texts):
        if i in taken:
            continue
        low = text.lower()
        if text[:1].isdigit() and low.endswith(_ORDINAL_ENDS):  # "2nd Battalion"
            end = i + 1
            while end < n and end - i <= 5 and texts[end][:1].isupper() and end not in taken:
                end += 1
            last = end - 1
            while last > i and texts[last].lower() not in UNIT_HEADS:
                last -= 1
            if last > i:
                mention(0, i, last + 1)
        if low == "task" and i + 2 < n and texts[i + 1].lower() == "force" and doc[i + 2].like_num:
            start = i - 1 if i > 0 and texts[i - 1] in ("Combined", "Joint") else i
            if not any(j in taken for j in range(start, i + 3)):  # "Task Force 50", "Combined Task Force 150"
                mention(1, start, i + 3)
        if text in TASK_FORCE_CODES and i + 1 < n and i + 1 not in taken and doc[i + 1].like_num:
            mention(2, i, i + 2)  # "CTF 50", "TF 51": task force designations
        if text == "Command" or text == "Group" and i > 0 and texts[i - 1] == "Task":
            tok = doc[i]  # "Joint Forces Maritime Component Command", "Amphibious Task Group"
            start = i
            while (
                start > tok.sent.start
                and start - 1 not in taken
                and texts[start - 1][:1].isupper()
                and doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN")
                and i - start < 7
            ):
                start -= 1
            if i - start >= 1:
                mention(3, start, i + 1)
    return [m for kind in found for m in kind]


def add_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Coalition mentions the gazetteer and NER leave out (or leave as a bare ORG), and unit names."""
    mentions = _longer_names(doc, mentions)
    ends = {m.end for m in mentions}
    for m in mentions:
        if m.kind in (ORG, GROUP) and m.end - m.start >= 3 and doc[m.end - 1].lower_ in TRAILING_TITLES and (
            doc[m.end - 2].lower_ in UNIT_HEADS
        ):
            m.end -= 1  # "507th Support Group Commander": the group; the commander is its leader, not its name
            m.text = doc[m.start : m.end].text
            m.ref = m.text if m.kind == ORG else m.ref
        if m.kind == ORG and m.text in TASK_FORCE_CODES and m.end < len(doc) and doc[m.end].like_num:
            m.end += 1  # the tagger's "CTF" without its number
            m.text = m.ref = doc[m.start : m.end].text
        elif (
            m.kind == ORG and m.start > 0 and m.start not in ends
            and _ordinal(doc[m.start - 1].text) and doc[m.end - 1].lower_ in UNIT_HEADS
        ):
            m.start -= 1  # "the 41st Signal Battalion" tagged without its number
            m.text = m.ref = doc[m.start : m.end].text
    units = _unit_mentions(doc, {i for m in mentions for i in range(m.start, m.end)})
    if units:
        mentions = sorted(mentions + units, key=lambda m: m.start)
    owner: dict[int, Mention] = {i: m for m in mentions for i in range(m.start, m.end)}
    known = _known_coalition(mentions)
    named: bool | None = None  # does the document name a coalition? (asked only of a lower-case "the coalition")
    out = list(mentions)
    added = False
    for tok in doc if COALITION in doc.text.lower() else ():  # no scan of a text without the word
        if tok.lower_ != COALITION:
            continue
        span = _coalition_span(doc, tok)
        if span is None and _definite_coalition(doc, tok):
            if named is None:
                named = known is not None or any(t.text == COALITION.capitalize() for t in doc)
            span = (tok.i, tok.i + 1) if named else None  # "the coalition" after "the Coalition" or its name
        if span is None:
            continue
        start, end = span
        covering = {id(owner[i]): owner[i] for i in range(start, end) if i in owner}
        if any(o.kind != ORG or o.text.lower() not in (COALITION, doc[start:end].text.lower()) for o in covering.values()):
            continue  # a gazetteer coalition, or part of a longer name
        out = [m for m in out if id(m) not in covering]
        text = doc[start:end].text
        if known is not None:
            m = Mention(start, end, GROUP, known, text)
        else:
            name = COALITION.capitalize() if text == COALITION else text
            m = Mention(start, end, ORG, name, text)
        m.extra["coalition"] = True
        out.append(m)
        added = True
    if added:
        out.sort(key=lambda m: m.start)
    return out


# ------------------------------------------------------------------------------------------ relations


def acting_verb(tok: Token, limit: int = 5) -> Token | None:
    """The nearest verb above ``tok`` that has its own subject (through "strikes coordinated with")."""
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in cur.children):
            return cur
    return None


def relations(rules, sent: Span) -> list:
    """Cooperation expressed by a partner phrase attached to the subject's own action."""
    out = []
    for tok in sent:
        if tok.dep_ != "prep" and not (tok.dep_ == "conj" and tok.pos_ == "ADP"):
            continue
        low = tok.lower_
        typ = PARTNER_PREPS.get(low)
        if typ is None:
            head = tok.head
            if head.pos_ == "ADP" and tok.dep_ == "conj":
                continue
            want = PARTNER_HEADS.get(head.lemma_.lower()) or PARTNER_HEADS.get(head.lower_)
            if want is None or want[0] != low:
                continue
            typ = want[1]
            if head.lemma_.lower() == "support" and not (head.dep_ == "pobj" and head.head.lower_ == "in"):
                continue  # only the adverbial "in support of Y"
        targets = tree.pobjs(tok)
        # "working with and in support of Y": the shared object sits under the conjoined preposition
        if not targets:
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ == "ADP":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets.extend(tree.prep_objects(p, "of"))
        if not targets:
            continue
        verb = acting_verb(tok)
        if verb is None or rules.embedded_in_trigger(verb):
            continue
        subs = rules.resolve(rules.subjects(verb), modifier="state")
        objs = rules.resolve(targets, modifier=False)
        for s in subs:
            for o in objs:
                if s.key != o.key:
                    out.append(Candidate(s, typ, o, verb, "partner-phrase", 0.6))
    return out
