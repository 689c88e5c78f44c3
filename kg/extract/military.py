"""Defence and security reporting: coalitions, military formations, memberships and alliances.

Three small hooks into the general flow:

- ``add_mentions(doc, mentions)`` (mentions → DocEntities): "the Coalition" / "Coalition forces" and
  "the U.S.-led coalition" name a coalition. When the document names a known coalition from the
  gazetteer ("Global Coalition to Defeat ISIS", "CJTF-OIR", "Saudi-led coalition") they corefer with
  it; otherwise they are a group of their own ("Coalition", "U.S.-led coalition").
- ``structural(ents)`` (after DocEntities' own structural rules):
    * "Coalition nations include A, B and C", "NATO comprises A", "Y consists of A", "Y, including A"
      → A memberOf the group (a group has members; only states and groups are members);
    * "the 2nd Battalion, 7th Marine Regiment" (a unit, then its larger parent formation) → memberOf;
    * "X ... as part of Y" (X and Y groups) → X memberOf Y.
- ``relations(rules, sent)`` (after the lexicon rules of a sentence):
    * "X conducted strikes coordinated with / in support of Y", "X fought alongside Y",
      "X, together with Y, ...", "X partnered with Y" → cooperate (aid for "in support of");

All word lists are module constants; nothing is compiled per document.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract import coref, tree
from kg.extract import gazetteer as gz
from kg.extract.mentions import BODY, DEMONYM, GROUP, ORG, PERSON, STATE, Mention
from kg.extract.records import Candidate, Structural

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


# ------------------------------------------------------------------------------------------ structure


def _unit(m: Mention | None, doc: Doc) -> bool:
    return m is not None and m.kind in (ORG, GROUP) and doc[m.end - 1].lower_ in UNIT_HEADS


# "Coalition nations", "NATO members", "member states of the EU": the states that make up a group
MEMBER_WORDS = frozenset("nation country state member partner ally government".split())
# verbs of composition: "Y includes / comprises / consists of / is made up of / is composed of A, B and C"
COMPOSE_VERBS = frozenset({"include", "comprise", "consist", "compose", "make"})
# the size order of formations, smallest first: in a designation "2nd Battalion, 7th Marine Regiment"
# the parent named after the comma is the larger one
ECHELONS = {
    "team": 0, "detachment": 0, "platoon": 1, "company": 2, "battery": 2, "troop": 2,
    "battalion": 3, "squadron": 3, "regiment": 4, "group": 4, "marines": 4, "infantry": 4,
    "cavalry": 4, "artillery": 4, "brigade": 5, "wing": 5, "division": 6, "corps": 7, "fleet": 7,
    "army": 8, "command": 8,
}


def _echelon(m: Mention, doc: Doc) -> int:
    """A formation's size rank from its head word (unknown heads rank above every known one)."""
    return ECHELONS.get(doc[m.end - 1].lower_, len(ECHELONS))


def _group_key(ents, tok: Token) -> str | None:
    a = ents.actor(tok, allow_pronoun=False)
    if a is None and tok.lemma_.lower() in MEMBER_WORDS:
        near = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        near += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in") for p in c.children if p.dep_ == "pobj"]
        for c in near:
            m = ents.by_token[c.i]
            if m is not None and m.kind in (GROUP, ORG):
                key = ents.key_of(m, acting=True)
                if key and key.startswith("group/"):
                    coref.name_members(ents, key, tok, min(m.start, c.i), max(tok.i, c.i) + 1)
                    return key
    if a is None or not a.key.startswith("group/"):
        return None
    return a.key


def structural(ents) -> None:
    """memberOf from inclusion lists, unit designations and "as part of"; commanders of formations."""
    commanders(ents)
    person_memberships(ents)
    doc = ents.doc
    for m in ents.mentions:
        # "2nd Battalion, 7th Marine Regiment": the unit, then the larger formation it belongs to
        if m.end + 1 < len(doc) and doc[m.end].text == "," and _unit(m, doc):
            nxt = ents.by_token[m.end + 1]
            if nxt is not None and nxt.start == m.end + 1 and _unit(nxt, doc) and _echelon(m, doc) < _echelon(nxt, doc):
                a, b = ents.key_of(m, acting=False), ents.key_of(nxt, acting=False)
                if a and b and a != b:
                    ents.link(Structural(a, "memberOf", b, doc[m.start].sent, "unit-designation", 0.75))
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma in COMPOSE_VERBS and tok.pos_ == "VERB":
            _composition(ents, tok)
        elif lemma == "assign" and tok.pos_ == "VERB":
            # "Cpl. X was assigned to 4th Battalion, 3rd Marine Regiment": a member of that unit
            persons = [ents.by_token[c.i] for c in tok.children if c.dep_ == "nsubjpass"]
            if persons and persons[0] is None and tok.dep_ == "relcl":
                persons = [ents.by_token[tok.head.i]]
            units = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
            for pm in persons:
                pkey = ents.key_of(pm, acting=True) if pm is not None and pm.kind == PERSON else None
                for ut in units:
                    ukey = _commands(ents, ents.by_token[ut.i])
                    if pkey and ukey and ukey != pkey:
                        ents.link(Structural(pkey, "memberOf", ukey, tok.sent, "assigned-to", 0.75))
        elif lemma in LEAD_VERBS and tok.pos_ == "VERB":
            # "the task force is led by Commodore X" / "Gen. X commands the brigade" → X leaderOf it
            if any(c.dep_ == "nsubjpass" for c in tok.children):
                leaders = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
                units = [u for c in tok.children if c.dep_ == "nsubjpass" for u in tree.conjuncts(c, appos="any")]
                if tok.dep_ == "relcl" and all(u.lower_ in ("which", "that", "who") for u in units):
                    units = [tok.head]  # "the brigade, which was led until May by X"
            else:
                leaders = [c for c in tok.children if c.dep_ == "nsubj"]
                units = [c for c in tok.children if c.dep_ == "dobj"]
            for lt in leaders:
                lm = ents.by_token[lt.i]
                if lm is None or lm.kind != PERSON:
                    continue
                lkey = ents.key_of(lm, acting=True)
                for ut in units:
                    ukey = _commands(ents, ents.by_token[ut.i])
                    if ukey is None and coref.anaphor(ents, ut):  # "the group ... is led by X"
                        ukey = coref.antecedent(ents, ut, groups_only=True)
                    if lkey and ukey and ukey != lkey:
                        ents.link(Structural(lkey, "leaderOf", ukey, tok.sent, "led-by", 0.75))
        elif lemma == "part" and tok.dep_ == "pobj" and tok.head.lower_ == "as":
            # "the battalion trains recruits as part of the 3rd Division"
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            whole = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
            wkey = _group_key(ents, whole) if whole is not None else None
            verb = tok.head.head
            if wkey is None or verb.pos_ not in ("VERB", "AUX"):
                continue
            subs = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.dep_ == "relcl" and all(s.lower_ in ("who", "which", "that") for s in subs):
                subs = [verb.head]
            for s in subs:
                actor = ents.actor(s, allow_pronoun=False)
                skey = actor.key if actor is not None and actor.key.startswith(("group/", "state/")) else None
                if skey and skey != wkey:
                    ents.link(Structural(skey, "memberOf", wkey, tok.sent, "part-of", 0.7))


def _composition(ents, tok: Token) -> None:
    """Membership by composition: "Y includes / comprises / consists of / is made up of / is composed of
    A, B and C", "Y, which includes A", "Y, including A and B". Only a group (a named group, or a member
    noun of one: "Coalition nations", "NATO members") has members, and only states and groups are
    members."""
    lemma = tok.lemma_.lower()
    preps = [c for c in tok.children if c.dep_ in ("prep", "agent")]
    if lemma == "make":  # "made up of X", "made up largely by X"
        if not any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            return
        objs = [p for c in preps if c.lower_ in ("of", "by") for p in c.children if p.dep_ == "pobj"]
    elif lemma in ("consist", "compose"):  # "consists of X", "is composed of X"
        objs = [p for c in preps if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    elif tok.dep_ == "prep":  # "Y, including A and B"
        objs = [p for p in tok.children if p.dep_ == "pobj"]
    else:
        objs = [c for c in tok.children if c.dep_ == "dobj"]
    if tok.dep_ == "prep":
        whole = tok.head
    else:
        whole = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (whole is None or whole.lower_ in ("which", "that")) and tok.dep_ in ("relcl", "acl"):
            whole = tok.head  # "the SDF, which includes X" / "the SDF, made up of X and Y"
    gkey = _group_key(ents, whole) if whole is not None else None
    if gkey is None:
        return
    for obj in objs:
        for member in tree.conjuncts(obj, appos="any"):
            mm = ents.by_token[member.i]
            if mm is None or mm.kind not in (STATE, DEMONYM, GROUP, ORG):
                continue
            mkey = ents.key_of(mm, acting=mm.kind in (STATE, DEMONYM))
            if mkey and mkey != gkey and mkey.startswith(("state/", "group/")):
                ents.link(Structural(mkey, "memberOf", gkey, tok.sent, "inclusion-list", 0.75))


# "commander of X", "X's commanding general", "X commander": the formation a commander leads
COMMAND_TITLES = frozenset({"commander", "commandant"})
COMMANDING = frozenset({"commanding"})  # "the commanding general / officer of X"


def _commands(ents, m: Mention | None) -> str | None:
    """The key of a formation a commander can lead: a military body ("U.S. Central Command"), a unit
    or a group; a state is no command ("commander of U.S. forces" serves the state)."""
    if m is None:
        return None
    if m.kind == BODY:
        hit = gz.lookup_body_info(str(m.ref[1]) if isinstance(m.ref, tuple) else m.text)
        military = hit is not None and getattr(hit[1], "sector", None) == "MIL"
        if not military and ents.doc[m.end - 1].lower_ not in UNIT_HEADS:
            return None
        return ents.key_of(m, acting=False)
    if m.kind in (ORG, GROUP):
        return ents.key_of(m, acting=False)
    return None


def _command_titles(doc: Doc) -> list[Token]:
    """Title nouns of a command, in document order: "commander", "commandant", and a noun that a
    "commanding" modifies ("the commanding general"), found from the modifier (no walk over every
    noun's children)."""
    out = {}
    for tok in doc:
        low = tok.lower_
        if low in COMMAND_TITLES or tok.lemma_.lower() in COMMAND_TITLES:
            out[tok.i] = tok
        elif low in COMMANDING and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN":
            out[tok.head.i] = tok.head
    return [out[i] for i in sorted(out)]


def _titled_person(ents, tok: Token) -> Mention | None:
    """The person a title noun names: "X, commander, ..." / "the commander, X" / "Y commander X"."""
    cands = [tok.head] if tok.dep_ in ("appos", "compound") else []
    cands += [c for c in tok.children if c.dep_ == "appos"]
    for c in cands:
        m = ents.by_token[c.i]
        if m is not None and m.kind == PERSON:
            return m
    return None


def _commanded(ents, tok: Token) -> Mention | None:
    """The formation after "commander": "of X", "X's", an apposition, a compound, or ", X" right after."""
    doc = ents.doc
    cands: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            cands += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ in ("poss", "compound", "nmod") and c.i < tok.i:
            cands.append(c)
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and tok.i + 2 < tok.sent.end:
        cands.append(doc[tok.i + 2])  # "X, commander, U.S. Africa Command, said"
    for c in tok.children:
        if c.dep_ == "appos" and ents.by_token[c.i] is not None and ents.by_token[c.i].kind != PERSON:
            cands.append(c)
    for c in cands:
        m = ents.by_token[c.i]
        if m is not None and m.kind != PERSON:
            return m
    return None


# "X, a member of Y", "X was a militant active with Y", "X, an ISIS fighter": a person in a group
PERSON_MEMBER_NOUNS = frozenset("member militant fighter operative militiaman jihadist recruit".split())


def _group_in(ents, tok: Token) -> str | None:
    m = ents.by_token[tok.i]
    if m is None:  # "the ISIS Shura Council" parsed around its head
        m = next((ents.by_token[c.i] for c in tok.children if c.dep_ == "compound" and ents.by_token[c.i]), None)
    if m is None or m.kind not in (GROUP, ORG):
        return None
    key = ents.key_of(m, acting=False)
    return key if key and key.startswith("group/") else None


def person_memberships(ents) -> None:
    doc = ents.doc
    for m in ents.mentions:
        if m.kind != PERSON:
            continue
        root = doc[m.start : m.end].root
        heads = [c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in PERSON_MEMBER_NOUNS]
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            heads += [c for c in root.head.children if c.dep_ == "attr" and c.lemma_.lower() in PERSON_MEMBER_NOUNS]
        pkey = ents.key_of(m, acting=True) if heads else None
        for h in heads:
            found = None
            places = [h] + [c for c in h.children if c.dep_ == "amod" and c.lower_ in ("active", "involved")]
            for x in places:
                for c in x.children:
                    if c.dep_ in ("poss", "compound") and x is h:
                        found = found or _group_in(ents, c)
                    elif c.dep_ == "prep" and c.lower_ in (("of", "in", "within") if x is h else ("with", "in", "within")):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                found = found or _group_in(ents, p)
            if pkey and found and pkey != found:
                ents.link(Structural(pkey, "memberOf", found, root.sent, "person-member", 0.7))
                break


def commanders(ents) -> None:
    """ "Gen. X, commander of U.S. Africa Command" / "X, commander, Task Force 50" → X leaderOf the
    command (besides any officialOf the state that the title rules give)."""
    doc = ents.doc
    have = {(st.subject, st.object) for st in ents.structural}
    for tok in _command_titles(doc):
        if ents.by_token[tok.i] is not None:
            continue
        pm = _titled_person(ents, tok)
        if pm is None:
            continue
        pkey = ents.key_of(pm, acting=True)
        ckey = _commands(ents, _commanded(ents, tok))
        if not pkey or not ckey or ckey == pkey:
            continue
        # a leader of this very group already stated as its official: the leadership replaces it
        ents.unlink(pkey, "officialOf", ckey)
        if (pkey, ckey) in have and any(
            st.subject == pkey and st.object == ckey and st.relation == "leaderOf" for st in ents.structural
        ):
            continue
        ents.link(Structural(pkey, "leaderOf", ckey, tok.sent, "commander-of", 0.8))
        have.add((pkey, ckey))


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
