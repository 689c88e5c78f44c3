"""DocEntities + parse → the organs of states and the collectives one document names, and who each stands for.

Called by ``entities.DocEntities`` (``scan`` once the mentions are indexed, ``resolve`` once the officials
are known); what a noun is comes from ``kg.extract.actors``, what qualifies it from ``kg.extract.qualifiers``. For every organ or collective noun it decides
the entity, creates it with its label, and records the structural links:

- **organ with a state** ("the Afghan government", "Pakistan's army", "the government of Peru", "police
  in Kenya", "the Somali National Army", "the Russian Foreign Ministry") → ``body/<ISO>-<organ>``, a
  GovernmentBody labelled as the text first names it (other names become alt labels), ``partOf`` the
  state (rule ``state-organ``).
- **bare organ** ("the government", "the army", "security forces"; a generic gazetteer body such as
  "Foreign Office" or "Congress") → the organ of the state the text is about, when that is clear: an
  organ of this kind already named for (or, bare, resolved to) a state named in this or the previous
  sentence; for a gazetteer body, its own state when the text has named it; the only state this organ was
  named for so far; the
  only state named in this or the previous sentence (up to the noun). A bare organ whose state is clear
  is that state's organ, labelled as the text names it ("police"), so that "the army clashed with rebels"
  is no state fighting its own rebels (people of an organ not named, "police officers", stand for the
  state). Otherwise no one: a bare organ is then no actor, and a generic gazetteer body is a body of no
  state (keyed to the document). A dateline never counts as naming a state.
- **organ inside a longer noun phrase** ("Russian coast guard ships", "Kenyan police officers", "Chinese
  navy vessels"): the state qualifies the whole phrase, and the organ is the state's; the ships and
  officers are its things and people (``DocEntities.actor`` reads them as the organ). A title after the
  organ ("the army chief") or a second organ word ("police forces") is no such phrase.
- **collective with a state** ("Rwandan rebels", "rebels in the Ivory Coast") → ``group/<ISO>-<noun>``,
  ``basedIn`` the state (``group-nationality`` for a demonym or possessive, ``collective-located`` for
  "in"/"from"); with a place ("rebels in Darfur") a document-scoped group ``basedIn`` the place; with a
  people ("Kurdish rebels", "Yoruba leaders") ``group/<people>-<noun>``.
- **bare collective** ("the rebels", "protesters", "the opposition") → the collective of that noun named
  earlier in the document, else a group keyed to the document (``group/<doc>/<noun>``): the rebels of
  one article are not those of the next. Such an unnamed group is an entity only if it takes part in
  an event (``DocEntities.entities(used)``): "militants" said in passing names no one.
- **peoples** ("Kurds", "ethnic Albanians", "Bosnian Serbs": a demonym that names a people rather than a
  state, or a nationality that is no state) → ``group/<people>`` (``group/<ISO>-<people>`` when placed).

People nouns ("Pakistani officials", "Israeli soldiers") are left to ``DocEntities.actor``: they stand
for the state, or for the organ that qualifies them ("Afghan government officials").
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from kg.extract import actors, peoples, roles, tree
from kg.extract import gazetteer as gz
from kg.extract.keys import slug
from kg.extract.mentions import BODY, DEMONYM, ORG, PERSON, PLACE, Mention
from kg.extract.qualifiers import (
    QUALIFIER_DEPS,
    Qualifier,
    bare,
    conjoined_states,
    is_state,
    mention_of,
    one_person,
    org_organ,
    organ_at,
    organ_heads,
    organ_qualifier,
    outer_phrase,
    people_name,
    qualifier,
)
from kg.extract.records import Actor, Structural

# modifiers that describe rather than name: "top Hamas leaders", "angry protesters" → "protesters"
NOT_NAME = frozenset(
    "top senior junior several other many few some more most former new own local angry thousands hundreds "
    "dozens all both".split()
)
# a people's leaders, clerics or activists speak for it ("Yoruba leaders"); its villages or civilians do not
PEOPLE_SPEAKERS = frozenset({"GOV", "REL", "OPP"})


# ------------------------------------------------------------------------------- reading the parse


# ------------------------------------------------------------------------------------- resolution


def _window_states(ents, pos: int) -> list[str]:
    """States named in this sentence up to ``pos`` and in the sentence before (datelines excluded)."""
    start = tree.recent_start(ents.doc, ents.doc[pos])
    out = []
    for m in ents.mentions:
        if start <= m.start < pos and is_state(ents, m):
            out.append(str(m.ref))
    return list(dict.fromkeys(out))


def owner(ents, pos: int, organ_key: str, home: str | None = None) -> str | None:
    """The state a bare organ (or a generic gazetteer body whose own state is ``home``) belongs to."""
    named = [(p, iso) for p, k, iso in ents.organs if p < pos and k == organ_key]
    window = _window_states(ents, pos)
    # an organ of this kind named for a state of the window, also a bare one resolved before
    resolved = [(p, iso) for p, k, iso in ents.bare_organs if p < pos and k == organ_key]
    near = [iso for _, iso in sorted(named + resolved) if iso in window]
    if near:
        return near[-1]
    if home is not None and (home in window or any(
        m.start < pos and is_state(ents, m) and str(m.ref) == home for m in ents.mentions)):
        return home
    states = list(dict.fromkeys(iso for _, iso in named))
    if len(states) == 1:
        return states[0]
    if len(window) == 1:
        return window[0]
    if home is not None and not window:  # "A Foreign Office spokesman said Britain would ...": its own state,
        sent = ents.doc[pos].sent  # named later in the sentence, where no other state is named before it
        if any(sent.start <= m.start < sent.end and is_state(ents, m) and str(m.ref) == home for m in ents.mentions):
            return home
    return None


def scan(ents) -> None:
    """Organs named with their state, by position (before any entity exists): what a bare organ can
    refer to. ``ents.organs`` = [(token index, organ key, ISO)], in order (``resolve`` keeps the bare
    organs it gives a state in ``ents.bare_organs``: the next bare organ near that state refers to them)."""
    out = []
    for i in sorted(organ_heads(ents.doc)):
        tok = ents.doc[i]
        hit = organ_at(ents, tok)
        if hit is None:
            continue
        q = organ_qualifier(ents, tok, hit[1], groups=False)
        if q is not None and q.kind == "state":
            out.append((tok.i, hit[0].key, q.value))
    for m in ents.mentions:
        if m.kind == ORG:
            hit2 = org_organ(ents, m)
            if hit2 is not None and hit2[0]:
                out.append((m.start, hit2[1].key, hit2[0]))
        elif m.kind == BODY:
            org = generic_body(m.ref[1])  # type: ignore[index]
            state = _explicit_state(ents, m) if org is not None else None
            if state:
                out.append((m.start, org.key, state))  # type: ignore[union-attr]
    ents.organs = sorted(out)


def generic_body(name: str) -> actors.Organ | None:
    """A gazetteer body whose whole name is an organ's ("Foreign Office", "Congress", "Home Office")."""
    found = actors.organ(name.split())
    return found if found is not None and found.size == len(name.split()) else None


def _explicit_state(ents, m: Mention) -> str | None:
    """ "the Pakistani Foreign Office", "Pakistan's Foreign Office": a state named right before a body."""
    i = m.start - 1
    if i >= 0 and ents.doc[i].lower_ in ("'s", "'"):
        i -= 1
    prev = ents.by_token[i] if i >= 0 else None
    return str(prev.ref) if prev is not None and prev.end in (m.start, m.start - 1) and is_state(ents, prev) else None


def body_key(ents, m: Mention) -> str:
    """The entity of a gazetteer body mention (its own state's, or, if generic, whose the text makes it)."""
    iso, name = m.ref  # type: ignore[misc]
    org = generic_body(name)
    if org is None:
        return _body(ents, f"body/{iso}-{slug(name)}", name, iso, m.start, m.text, _sector(m))
    state = _explicit_state(ents, m) or owner(ents, m.start, org.key, home=str(iso))
    return _body(ents, _organ_key(ents, state, org.key), name, state, m.start, m.text, _sector(m))


def _sector(m: Mention) -> str:
    info = gz.lookup_body_info(m.ref[1])  # type: ignore[index]
    return (info[1].sector if info else None) or "GOV"


def org_key(ents, m: Mention) -> str | None:
    """The entity of an organization name that is a state's organ ("Somali National Army"), else None."""
    hit = org_organ(ents, m)
    if hit is None:
        return None
    iso, org = hit
    state = iso or owner(ents, m.start, org.key)
    return _body(ents, _organ_key(ents, state, org.key), m.text, state, m.start, m.text, org.sector)


def _organ_key(ents, iso: str | None, organ_key: str) -> str:
    return f"body/{iso}-{organ_key}" if iso else f"body/{ents.scope_slug}/{organ_key}"


def _body(ents, key: str, label: str, iso: str | None, pos: int, alt: str | None, sector: str) -> str:
    ents.add(key, label, "GovernmentBody", None, alt)
    ents.body_sector.setdefault(key, sector)
    if iso:
        ents.parts.setdefault(key, (f"state/{iso}", pos))
    return key


def sibling_organ(ents, body: str, state: str, label: str, pos: int) -> str | None:
    """The same organ of a conjoined state: in "Ethiopian and Eritrean troops" the troops of Eritrea are
    Eritrea's armed forces as those of Ethiopia are Ethiopia's. ``body`` is the first state's organ key."""
    iso, sep, organ_key = body.removeprefix("body/").partition("-")
    if not body.startswith("body/") or not sep or "/" in iso or not state.startswith("state/"):
        return None
    other = state.split("/", 1)[1]
    return _body(ents, f"body/{other}-{organ_key}", label, other, pos, label, ents.body_sector.get(body, "GOV"))


def _hyphen_start(doc, start: int) -> int:
    """The first token of a hyphenated word ending at ``start`` ("Tuareg-led": "Tuareg", not "led")."""
    while start >= 2 and doc[start - 1].text in ("-", "\u2013") and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_:
        start -= 2
    return start


def _label(ents, start: int, end: int) -> str:
    doc = ents.doc
    start = _hyphen_start(doc, start)
    while start < end and (doc[start].dep_ in ("det", "punct") or doc[start].lower_ in NOT_NAME or doc[start].pos_ == "NUM"):
        start += 1
    return " ".join(doc[start:end].text.split())


# the members and leaders of a movement the modifier names: "separatist fighters", "the rebel leadership"
MOVEMENT_PARTS = frozenset("leadership leader commander fighter militiaman gunman member".split())
MOVEMENT_WORDS = frozenset(
    "rebel separatist insurgent militant jihadist islamist guerrilla guerilla paramilitary extremist".split()
)


def _movement(ents, tok: Token) -> Token | None:
    """The modifier naming the movement a leader or fighter noun belongs to ("separatist" in "the
    separatist leadership in X"): its collective is the movement's (one group with "separatist fighters")."""
    if tok.lemma_.lower() not in MOVEMENT_PARTS:
        return None
    return next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                 and c.lower_ in MOVEMENT_WORDS and mention_of(ents, c) is None), None)


def _collective_label(ents, head: Token, q: Qualifier | None) -> str:
    if q is not None:
        movement = _movement(ents, head)
        return _label(ents, min(q.start, movement.i if movement is not None else q.start), q.end)
    start = head.i
    while start > 0 and ents.doc[start - 1].head.i == head.i and ents.doc[start - 1].dep_ in ("amod", "compound"):
        start -= 1
    return _label(ents, start, head.i + 1)


def resolve(ents) -> None:
    """Create the organs, collectives and peoples of the document in text order; fill ``ents.nominal``
    (token index → Actor, or None for a bare organ that stands for no one) and their structural links."""
    doc = ents.doc
    for m in ents.mentions:  # every body and organ name, so that each has its partOf
        if m.kind in (BODY, ORG):
            ents.key_of(m, acting=False)
    seen: dict[str, str] = {}  # collective noun → latest key
    heads = organ_heads(doc)
    for tok in doc:
        hit = organ_at(ents, tok) if tok.i in heads else None
        if hit is not None:
            org, first = hit
            q = organ_qualifier(ents, tok, first)
            outer = outer_phrase(ents, tok)
            if q is not None and q.kind != "state":
                continue  # "Hamas's military wing", "the Taliban government": the group's own
            if q is not None:
                end = tok.i + 1 if outer is not None and q.end > tok.i + 1 else max(q.end, tok.i + 1)
                label = _label(ents, min(q.start, first), end)
                first_state, others = conjoined_states(ents, tok)
                if first_state is not None:  # "Ethiopian and Eritrean troops": each state's own organ, named apart
                    words = _label(ents, first, tok.i + 1)
                    label = f"{first_state.text} {words}"
                    for m in others:
                        name = f"{m.text} {words}"
                        _body(ents, f"body/{m.ref}-{org.key}", name, str(m.ref), tok.i, name, org.sector)
                key = _body(ents, f"body/{q.value}-{org.key}", label, q.value, tok.i, label, org.sector)
            elif (led := led_by(ents, tok, org.key)) is not None:  # "the Trump administration"
                iso, start = led
                label = _label(ents, start, tok.i + 1)
                key = _body(ents, f"body/{iso}-{org.key}", label, iso, tok.i, label, org.sector)
            elif bare(tok, first):
                state = owner(ents, tok.i, org.key)
                if state is None:
                    ents.nominal[tok.i] = None
                    continue
                key = f"body/{state}-{org.key}"
                if key not in ents.ents and outer is not None:
                    # "police officers", "army reservists": people of an organ the text has not named
                    ents.nominal[tok.i] = Actor(ents.state_key(state), org.sector, "nominal")
                    continue
                # the state's organ, named as the text names it ("police", "the army") if not named before
                label = _label(ents, first, tok.i + 1)
                key = _body(ents, key, label, state, tok.i, label, org.sector)
                bisect.insort(ents.bare_organs, (tok.i, org.key, state))  # what the next bare "army" can refer to
            else:
                continue
            ents.nominal[tok.i] = Actor(key, ents.body_sector.get(key, org.sector), "nominal")
            continue
        m = mention_of(ents, tok)
        if m is not None:
            if m.kind == DEMONYM and ents.ethnic(m) and tok.i == m.end - 1 and tok.pos_ in ("PROPN", "NOUN"):
                _people(ents, tok, m.text, m.start)
            continue
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        people = people_name(ents, tok) if tok.tag_ in ("NNS", "NNPS") else None
        if people and tok.head.i != tok.i and tok.dep_ in ("amod", "compound") and actors.sector(tok.head.lower_, tok.head.lemma_.lower()):
            continue  # "Kurdish rebels": the head noun decides
        if people:
            _people(ents, tok, people, tok.i)
            continue
        low, lemma = tok.lower_, tok.lemma_.lower()
        coll = actors.collective(low, lemma) if not one_person(tok) else None
        movement = _movement(ents, tok)
        if movement is not None and not one_person(tok):  # "separatist fighters", "the rebel leadership"
            coll = (movement.lower_, True)
        sector = actors.sector(low, lemma)
        q = qualifier(ents, tok, organ=False) if coll is not None or sector else None
        if coll is None:
            if q is not None and q.kind == "people" and sector in PEOPLE_SPEAKERS:  # "Yoruba leaders", "Shiite clerics"
                key = ents.add(f"group/{slug(q.value)}-{slug(tok.lemma_.lower())}", _label(ents, q.start, q.end), "Group")
                where = peoples.people_state(ents, tok)  # "Serb leaders in Kosovo"
                if where is not None:
                    ents.based.setdefault(key, (f"state/{where}", tok.i, "collective-located"))
                ents.nominal[tok.i] = Actor(key, sector, "nominal")
            continue
        noun, armed = coll
        cls = "ArmedGroup" if armed else "Group"
        if q is not None and q.kind == "group":
            continue  # "Taliban fighters": the Taliban (DocEntities.actor)
        label = _collective_label(ents, tok, q)
        if q is not None and q.kind == "state":
            key = ents.add(f"group/{q.value}-{slug(noun)}", label, cls, None, label)
            ents.based.setdefault(key, (f"state/{q.value}", tok.i, q.rule))
        elif q is not None and q.kind == "people":
            key = ents.add(f"group/{slug(q.value)}-{slug(noun)}", label, cls, None, label)
        elif q is not None and q.kind == "place" and q.value:
            key = ents.add(f"group/{ents.scope_slug}/{slug(noun)}-{q.value.split('/')[-1]}", label, cls, None, label)
            ents.based.setdefault(key, (q.value, tok.i, q.rule))
        else:
            key = seen.get(noun) or ents.add(f"group/{ents.scope_slug}/{slug(noun)}", label, cls, None, label)
            if key not in ents.based:
                ents.unnamed.add(key)  # kept only as an event's argument (DocEntities.entities)
            if key in ents.ents and label != ents.ents[key].label and _informative(label):
                ents.ents[key].alts.add(label)
        if ents.ents[key].cls == "Group" and cls == "ArmedGroup":
            ents.ents[key].cls = cls
        if q is not None and q.start >= tok.i:  # "the separatist leadership in X" is also "separatist leadership"
            short = _collective_label(ents, tok, None)
            if _informative(short):
                ents.ents[key].alts.add(short)
        seen[noun] = key
        ents.nominal[tok.i] = Actor(key, sector, "nominal")
    _structural(ents)


def _informative(label: str) -> bool:
    """ "striking miners" names more than "miners"; a later bare "the miners" adds no name."""
    return len(label.split()) > 1


# organs a text names after the head of state or government who leads them: "the Biden administration",
# "Khan's government", "the Kurti cabinet": their organ keys, and the nouns naming them so
LED_ORGANS = frozenset({"government", "cabinet"})
LED_ORGAN_NOUNS = frozenset({"administration", "government", "cabinet", "regime"})


def led_by(ents, head: Token, organ_key: str) -> tuple[str, int] | None:
    """(ISO, first token) of the state whose head names this organ: "the Trump administration" is the
    government of the state the text makes Trump the leader of, else the state the actor dictionary gives
    him an office in on the document's date (by his name in full, or by the family name alone when the
    text never writes it in full: "the Biden administration")."""
    if organ_key not in LED_ORGANS:
        return None
    for c in head.children:
        if c.dep_ not in ("compound", "poss") or c.i > head.i or c.pos_ != "PROPN":
            continue
        m = mention_of(ents, c)
        if m is not None and m.kind != PERSON:
            continue
        person = ents.person_keys.get(id(m)) if m is not None else None
        iso = _led_state(ents, person, c.text)
        if iso is not None:
            return iso, c.left_edge.i
    return None


def _led_state(ents, person: str | None, written: str) -> str | None:
    """The state a person (key, or None for a name no mention holds) leads, by the text, else the dictionary."""
    if person is not None:
        for st in ents.structural:
            if st.subject == person and st.relation == "leaderOf" and st.object.startswith("state/"):
                return st.object.split("/", 1)[1]
        full = ents.ents[person].label
        if len(full.split()) > 1:
            return roles.office_state(full, ents.date)
    return roles.surname_office(written, ents.date)


def _people(ents, tok: Token, name: str, start: int) -> None:
    """ "Kurds", "ethnic Albanians", "Iraqi Kurds", "Bosnian Serbs": a people, placed where the text says."""
    if start > 0 and ents.doc[start - 1].lower_ == "ethnic":
        start -= 1
    place = None
    for c in tok.children:
        m = mention_of(ents, c) if c.dep_ in QUALIFIER_DEPS and c.i < start else None
        if is_state(ents, m):
            place = str(m.ref)  # type: ignore[arg-type]
            start = min(start, m.start)  # type: ignore[union-attr]
    if place is None and start > 0:
        prev = ents.by_token[start - 1]
        if is_state(ents, prev) and prev.end == start:  # "Bosnian Serbs" parsed as two names
            place, start = str(prev.ref), prev.start  # type: ignore[union-attr, arg-type]
    if place is None:
        place = peoples.people_state(ents, tok)  # "Serbs in Kosovo", "Kurds living in Syria"
    label = _label(ents, start, tok.i + 1)
    base = slug(name.split()[-1] if name.lower().startswith("ethnic ") else name)
    placed = ents.peoples.setdefault(base, [])
    if place is None and len(placed) == 1:
        key = ents.add(placed[0], label, "Group", None, label)  # "Serbs in Kosovo ... Serbs protested": one people
    else:
        key = ents.add(f"group/{place}-{base}" if place else f"group/{base}", label, "Group", None, label)
    if place:
        if key not in placed:
            placed.append(key)
        ents.based.setdefault(key, (f"state/{place}", tok.i, "group-nationality"))
    else:  # "the Armenians of Nagorno-Karabakh", "Kurds in Kirkuk": where the people lives
        for prep in tok.children:
            m = next((mention_of(ents, p) for p in prep.children if p.dep_ == "pobj"), None) \
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in") else None
            if m is not None and m.kind == PLACE:
                ents.based.setdefault(key, (ents.key_of(m, acting=False), tok.i, "collective-located"))
                break
    ents.nominal[tok.i] = Actor(key, None, "nominal")


def _structural(ents) -> None:
    doc = ents.doc
    for key, (state, pos) in ents.parts.items():
        ents.state_key(state.split("/", 1)[1])
        ents.link(Structural(key, "partOf", state, doc[pos].sent, "state-organ", 0.8))
    for key, (where, pos, rule) in ents.based.items():
        ents.link(Structural(key, "basedIn", where, doc[pos].sent, rule, 0.7))


