"""Each mention of a person → the titles the text gives them there and where each places them.

Read around one mention: title words before the name ("Syrian Foreign Minister X"), a title noun the name
is apposed to ("Pakistan's army chief, Gen. X"), a title apposition ("X, the commander of the Arakan
Army"), a copula ("X is a deputy head of Hamas"), a plural title a name is listed under ("the two foreign
ministers, A and B"), an "of" phrase ("President X of Ruritania"). Each title with the state or group it
names is a ``Placement`` (``DocEntities.placements``); mentions whose titles name none are kept in
``DocEntities.untitled`` for ``kg.extract.officials`` to decide. Titles written as part of a name
("President Bush") become other names of the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.extract import coref, names, nominals, persons, qualifiers, title_anaphora
from kg.extract.mentions import (
    BODY,
    DEMONYM,
    GROUP,
    ORG,
    PERSON,
    PLACE,
    SEAT,
    STATE,
    Mention,
)
from kg.extract.officials import LEADER_WORDS, Placement, head_of_state_title
from kg.extract.tree import RELATIVE_PRONOUNS

if TYPE_CHECKING:
    from kg.extract.entities import DocEntities

SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
# prepositions before a place that opens a phrase: the scene of what follows ("In Turkey, X said")
SCENE_PREPS = frozenset({"in", "at", "from", "inside"})


def read_titles(ents: DocEntities) -> None:
    for m in list(ents.mentions):
        if m.kind != PERSON or id(m) not in ents.person_keys:
            continue
        _official(ents, m)


def _affiliation(ents: DocEntities, toks: list[Token]) -> tuple[str | None, list[Token]]:
    """First State/Group named among ``toks`` (directly or as "U.S. forces"), and the other tokens."""
    aff = None
    rest = []
    for t in toks:
        m = ents.mention_at(t)
        if m is not None and m.kind in (STATE, DEMONYM, GROUP, ORG, BODY, SEAT):
            if aff is None:
                aff = ents.key_of(m, acting=m.kind in (STATE, DEMONYM, SEAT))
                if m.kind == BODY and aff:
                    # the state whose body it is: its own, or for a body every state has ("Foreign
                    # Office"), the state the text makes it (``nominals.body_key``), else no state
                    aff = ents.parts[aff][0] if aff in ents.parts else None
            continue
        if aff is None and t.dep_ == "poss" and m is None and (hit := qualifiers.organ_at(ents, t)) is not None:
            # "the army's chief spokesman", "the Egyptian army's spokesman": the state whose organ it is
            q = qualifiers.qualifier(ents, t, organ=True, groups=False)
            state = q.value if q is not None and q.kind == "state" else (
                nominals.owner(ents, t.i, hit[0].key) if q is None and qualifiers.bare(t, hit[1]) else None)
            if state:
                aff = ents.state_key(state)
                continue
        if aff is None and t.dep_ == "poss" and (t.lower_ in ("its", "their") or coref.anaphor(ents, t)):
            # "Its leader, X": a group's role when a group was named recently; "Its foreign minister": a state's
            lead = any(w.lower_ in LEADER_WORDS or w.lower_ in SPOKESPEOPLE for w in toks)
            found = (coref.antecedent(ents, t, groups_only=True, within=25) if lead else None) or coref.antecedent(ents,
                t, groups_only=t.lower_ not in ("its", "their")
            )
            if found:
                aff = found
                continue
        rest.append(t)
    return aff, rest


def _title_text(ents: DocEntities, toks: list[Token], own: Mention | None = None, head: Token | None = None) -> str | None:
    """The title a phrase gives, as a clean noun phrase: its head title word (``head``, else the last
    title word) with the modifiers right before it ("foreign ministry spokesman", "Prime Minister") and
    a capitalized "of"/"for" complement ("Secretary of Defense"). Never a possessor ("Kiir's", "his",
    "the army's"), a state or group (the affiliation), a name other than ``own``, a determiner, a verb,
    a relative clause ("deputy leader which"), punctuation, or a complement with lower-case words
    ("spokesman for the group's political office")."""
    doc = ents.doc
    phrase = {t.i for t in toks}
    drop: set[int] = set()
    for t in toks:
        if t.dep_ == "poss" or t.tag_ in ("PRP$", "WP$"):
            drop.update(x.i for x in t.subtree)
        m = ents.mention_at(t)
        if m is not None and m is not own:
            drop.add(t.i)

    def word(t: Token) -> bool:  # a word a title may be made of
        if t.i in drop or t.i not in phrase or t.lower_ in RELATIVE_PRONOUNS or t.tag_ == "POS":
            return False
        return t.text == "-" or names.is_title_token(t) or t.pos_ in ("ADJ", "NOUN", "PROPN")

    if head is None:  # the last title word (the phrase ends at the name)
        head = max((t for t in toks if word(t) and names.is_title_token(t) and t.text != "-"), key=lambda t: t.i, default=None)
    if head is None or not word(head):
        return None
    start = head.i
    while start > 0 and word(doc[start - 1]) and doc[start - 1].dep_ not in ("appos", "conj"):
        start -= 1
    end = head.i + 1
    while end < len(doc) and end in phrase and end not in drop:
        t = doc[end]
        if t.lower_ in ("of", "for", "and", "the", "&") or t.text == "-":
            end += 1
        elif t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") and ents.mention_at(t) is None:
            end += 1
        else:
            break
    while end > head.i + 1 and (doc[end - 1].lower_ in ("of", "for", "and", "the", "&") or doc[end - 1].text == "-"):
        end -= 1
    while start < head.i and doc[start].text == "-":
        start += 1
    return "".join(t.text_with_ws for t in doc[start:end]).strip() or None


def _official(ents: DocEntities, m: Mention) -> None:
    """Read the titles around one mention of a person and record where each places them (``DocEntities.placements``)
    and the mentions whose titles place them nowhere (``DocEntities.untitled``); ``officials.place_officials`` decides once
    every mention of every person has been read."""
    doc = ents.doc
    root = doc[m.start : m.end].root
    key = ents.person_keys[id(m)]
    found: list[tuple] = []  # (title, affiliation, rule, title phrase tokens) in the order read
    # (a) title words to the left inside the noun phrase: "French Minister of the Armed Forces Anne Roux"
    left = [t for t in root.subtree if t.i < m.start]
    left = [t for t in left if t.i >= _contiguous_start(ents, m.start, left)]
    prefix = []  # title words the tagger put inside the name: "President Bush" (not "Tom King")
    for t in doc[m.start : m.end - 1]:
        if not (names.is_title_token(t) or names.honorific(t.lower_)) or persons.first_name(ents, t):
            break
        prefix.append(t)
    if left or prefix:
        # "In Turkey Minister X met ...": a place after a sentence-level "in" is where X is, not X's state
        loc = _locative_prefix(ents, left)
        phrase = [t for t in left if loc is None or not (loc.start <= t.i < loc.end)]
        a, _ = _affiliation(ents, phrase)
        t = _title_text(ents, phrase + [p for p in prefix if not names.honorific(p.lower_)], own=m)
        if t:
            found.append((t, a, "official-title", left))
            ents.title_span.update(x.i for x in left)
            _titled_name(ents, key, doc[(left[0].i if left else m.start) : m.end])
            if a is None and loc is not None and head_of_state_title(t):  # "In Lusaka President X"
                _record(ents, key, ents.key_of(loc, acting=True), t, "official-locale", root)
    # (b) the person is an apposition of a title noun: "Pakistan's army chief, Gen. Q. J. Bajwa"
    head = root.head
    appos_of = root.dep_ == "appos" and names.is_title_token(head) and ents.mention_at(head) is None
    if not appos_of and root.dep_ not in ("nsubj", "nsubjpass"):
        # the parser's npadvmod for "to strike them and their founder, X, who ...": read the surface order
        surface = _title_before_comma(ents, root.left_edge.i)
        appos_of = surface is not None
        head = surface if surface is not None else head
    if appos_of:
        t, a = _np_title(ents, head, exclude=root)
        t = _counterpart_title(ents, head, key, t)
        if t:
            found.append((t, a, "official-apposition", [x for x in head.subtree if not (root.i == x.i or root.is_ancestor(x))]))
            _titled_name(ents, key, doc[min(x.i for x in head.subtree) : m.end])  # no comma: a titled name
            _designated(ents, key, head, exclude=root)
    # (c) the person has a title apposition: "X, the commander of the Arakan Army"
    for child in root.children:
        if child.dep_ == "appos" and names.is_title_token(child) and ents.mention_at(child) is None:
            t, a = _np_title(ents, child, exclude=None)
            if t:
                found.append((t, a, "official-apposition", list(child.subtree)))
                _designated(ents, key, child)
                break
    # (d) a copular title: "X is now a deputy head of Hamas"
    subj = root.head if root.dep_ == "appos" else root  # "Its leader, X, is also ..."
    if subj.dep_ == "nsubj" and subj.head.lemma_ == "be":
        for attr in subj.head.children:
            if attr.dep_ == "attr" and names.is_title_token(attr) and ents.mention_at(attr) is None:
                t, a = _np_title(ents, attr, exclude=None)
                if t and a:
                    found.append((t, a, "official-apposition", list(attr.subtree)))
    # (e) one of the names listed after a plural title: "the two foreign ministers, A and B" (each holds
    # the title; the phrase does not say which state is whose)
    listed = _listed_under(ents, root)
    if listed is not None and not found:
        t, _ = _np_title(ents, listed, exclude=root)
        if t:
            words = t.split()
            found.append((" ".join([*words[:-1], listed.lemma_ if words[-1] == listed.text else words[-1]]), None,
                          "official-apposition", []))
    # (f) "President X of Ruritania": the state or group in an "of" phrase on a titled name
    if found and not any(f[1] for f in found):
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pm = next((ents.mention_at(p) for p in prep.children if p.dep_ == "pobj"), None)
                if pm is not None and pm.kind in (STATE, SEAT, GROUP, ORG):
                    found[-1] = (found[-1][0], ents.key_of(pm, acting=True), found[-1][2], found[-1][3])
    if not found:
        return
    title = found[-1][0]
    b = ents.ents[key]
    b.cls = "Official"
    b.title = b.title or title
    ents.titles.setdefault(key, {}).update(dict.fromkeys(f[0] for f in found))  # once each, not per mention
    for t, a, rule, _ in found:
        if a:
            _record(ents, key, a, t, rule, root)
    if not any(f[1] for f in found):
        locale = _sentence_locale(ents, m, root, title)
        if locale:
            _record(ents, key, locale, title, "official-locale", root)
        ents.untitled.setdefault(key, []).append((m, root, title, [x for f in found for x in f[3]]))


def _listed_under(ents: DocEntities, root: Token) -> Token | None:
    """The plural title noun a name is listed under after a comma: "the two foreign ministers, A and B"
    (the parser makes A a conjunct or an apposition of the title, B a conjunct of A)."""
    tok = root
    for _ in range(4):
        if tok.dep_ not in ("conj", "appos") or tok.head.i >= tok.i:
            return None
        tok = tok.head
        if tok.tag_ == "NNS" and names.is_title_token(tok) and ents.mention_at(tok) is None:
            between = ents.doc[tok.i + 1 : root.i]
            return tok if any(t.text == "," for t in between) else None
    return None


def _title_before_comma(ents: DocEntities, start: int) -> Token | None:
    """The title noun whose phrase ends right before ", <name at start>", whatever the parser attached
    the name to: "the Minister of Defence of Peru, Dr Luis Prado"."""
    doc = ents.doc
    if start < 2 or doc[start - 1].text != ",":
        return None
    tok = doc[start - 2]
    for _ in range(6):
        if tok.right_edge.i != start - 2:
            return None
        if tok.pos_ in ("NOUN", "PROPN") and names.is_title_token(tok) and ents.mention_at(tok) is None:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _designated(ents: DocEntities, key: str, head: Token, exclude: Token | None = None) -> None:
    """An apposed capitalized title is another name of its holder: "X, Minister for the Middle East"."""
    name = title_anaphora.designation(ents, head, exclude)
    if name is not None and len(name.split()) >= 2:
        ents.ents[key].alts.add(name)


def _counterpart_title(ents: DocEntities, head: Token, key: str, title: str | None) -> str | None:
    """ "his Malian counterpart, X": X holds the title of the official whose counterpart he is (so that "the
    minister" may later refer to him), in the state the adjective names."""
    if not title or title.lower().split()[-1] != "counterpart":
        return title
    for c in head.children:
        if c.dep_ != "poss":
            continue
        other = None
        pm = ents.mention_at(c)
        if pm is not None and pm.kind == PERSON:
            other = ents.person_keys.get(id(pm))
        elif c.lower_ in ("his", "her"):
            other = next((ents.person_keys.get(id(o)) for o in ents.before(c.i, 30)
                          if o.kind == PERSON and ents.person_keys.get(id(o)) not in (None, key)), None)
        theirs = ents.ents[other].title if other in ents.ents else None
        if theirs:
            return theirs
    return title


def _titled_name(ents: DocEntities, key: str, span: Span) -> None:
    """Keep "President Bush", "Kenyan President Uhuru Kenyatta" as another name of the person: a title
    written as part of the name, from after the last comma, conjunction or other person's name before
    it, a leading "the" dropped. A phrase is no name: nothing with a determiner or a possessive inside
    ("Iran's foreign ministry spokesman X"); "The Kremlin's spokesman, X" keeps only "X"."""
    own = ents.by_token[span.end - 1]
    start = span.start
    for t in span:
        other = ents.by_token[t.i]
        if t.dep_ == "cc" or t.text in (",", ";", ":") or (other is not None and other is not own and other.kind == PERSON):
            start = t.i + 1
    while start < span.end and ents.doc[start].dep_ == "det":
        start += 1
    span = ents.doc[start : span.end]
    if not len(span) or any(t.is_punct and t.text not in ("-", ".") or t.dep_ == "det" or t.tag_ == "POS" for t in span):
        return
    ents.ents[key].alts.add(" ".join(span.text.split()))


def _record(ents: DocEntities, key: str, aff: str | None, title: str, rule: str, root: Token) -> None:
    if aff and aff != key:
        ents.placements.setdefault(key, []).append(Placement(aff, title, rule, root.sent))


def _locative_prefix(ents: DocEntities, left: list[Token]) -> Mention | None:
    """The State/seat/place that opens ``left`` right after a preposition outside the phrase ("In Turkey")."""
    if not left or left[0].i == 0:
        return None
    prep = ents.doc[left[0].i - 1]
    if prep.lower_ not in SCENE_PREPS or prep.head.i in {t.i for t in left}:
        return None
    lm = ents.mention_at(left[0])
    return lm if lm is not None and lm.kind in (STATE, SEAT, PLACE) and lm.start == left[0].i else None


def _sentence_locale(ents: DocEntities, m: Mention, root: Token, title: str = "") -> str | None:
    """ "In Lusaka, President X said ...": a sentence-initial seat or state names where
    a head of state or government holds office (a minister or envoy there may be visiting)."""
    sent = root.sent
    if not head_of_state_title(title):
        return None
    if root.dep_ not in ("nsubj", "nsubjpass") or sent[0].lower_ not in ("in", "from"):
        return None
    first = ents.mention_at(sent[1]) if len(sent) > 2 else None
    if first is None or first.kind not in (STATE, SEAT) or first.end >= m.start:
        return None
    if not any(t.text == "," for t in ents.doc[first.end : min(first.end + 2, m.start)]):
        return None
    return ents.key_of(first, acting=True)


def _contiguous_start(ents: DocEntities, start: int, left: list[Token]) -> int:
    idx = {t.i for t in left}
    i = start
    while i - 1 in idx:
        i -= 1
    return i


def _np_title(ents: DocEntities, head: Token, exclude: Token | None) -> tuple[str | None, str | None]:
    """Title and affiliation of a title noun phrase ("the commander of French forces in Mali")."""
    toks = []
    aff = None
    for t in head.subtree:
        if exclude is not None and (t.i == exclude.i or exclude.is_ancestor(t)):
            continue
        toks.append(t)
    # an "of" phrase naming an actor is the affiliation, not part of the title
    keep: list[Token] = []
    skip: set[int] = set()
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "in", "at", "to"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            found = coref.actor(ents, pobj, allow_pronoun=False)
            if found is not None and found.key.startswith("person/"):
                # "the spokesman for President X": whom they serve (``officials._served_official``), not a title
                skip.update(x.i for x in prep.subtree)
                continue
            # "envoy for Yemen", "ambassador to the UN" name where they serve, not whom; but a
            # spokesman "for the foreign ministry" or "for the Taliban" speaks as one of them
            speaks_for = prep.lower_ == "for" and found is not None and (
                found.via == "nominal" or (head.lower_ in SPOKESPEOPLE and found.key.startswith("group/"))
            )
            if found and aff is None and (prep.lower_ == "of" or speaks_for):
                aff = found.key
            if found or prep.lower_ in ("in", "at"):
                skip.update(x.i for x in prep.subtree)
    for t in toks:
        if t.i in skip:
            continue
        if t.i != head.i and t.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj"):
            skip.update(x.i for x in t.subtree)
            continue
        keep.append(t)
    a, _ = _affiliation(ents, keep)
    return _title_text(ents, keep, head=head), aff or a


