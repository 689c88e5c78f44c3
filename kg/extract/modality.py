"""A trigger token → is the event negated, hypothetical or future? Reads only the dependency tree.

Negation: a ``neg`` child ("did not", "never") on the trigger or on a verb governing it through
xcomp/ccomp, or a governing verb of refusal/failure ("refused to", "failed to"). Hypothetical: modal
"could/may/might", a clause introduced by "if/unless", or a governing verb of consideration ("options
included", "considering"). Future: "will/would/shall", "going to", or a governing verb of intention
("plans to", "vowed to"). The cue lists come from the lexicon data file, with defaults here.
"""

from __future__ import annotations

from spacy.tokens import Token

NEGATION_HEADS = frozenset("refuse decline fail deny reject rule".split())
NEGATION_WORDS = frozenset("not n't never no neither nor without".split())
HYPOTHETICAL_AUX = frozenset("could may might can should ought".split())
HYPOTHETICAL_MARKS = frozenset("if unless whether lest".split())
HYPOTHETICAL_HEADS = frozenset("consider weigh mull contemplate propose suggest discuss option explore".split())
FUTURE_AUX = frozenset("will would shall 'll wo".split())
FUTURE_HEADS = frozenset(
    "plan intend vow pledge promise expect prepare schedule aim seek willing ready prepared eager determined".split()
)

def _chain(tok: Token, limit: int = 3) -> list[Token]:
    """The trigger and the verbs governing it through clausal links (nearest first)."""
    out = [tok]
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in ("xcomp", "conj", "pcomp", "acomp") or cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


def negation(tok: Token, cues: frozenset[str] = frozenset()) -> str | None:
    """A reason string when the event at ``tok`` is negated, else None."""
    cues = frozenset(w for w in cues if " " not in w)
    for i, v in enumerate(_chain(tok)):
        for c in v.children:
            if c.dep_ == "neg" or (c.lower_ in NEGATION_WORDS and c.dep_ in ("advmod", "neg", "det")):
                return f"negated by '{c.text}'"
            if i == 0 and c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children):
                return f"negated by 'no {c.text}'"  # "shipped no arms to Chad"
        if i > 0 and (v.lemma_.lower() in NEGATION_HEADS or v.lemma_.lower() in cues):
            return f"negated by '{v.text}'"
    return None


def modality(tok: Token, hypothetical: frozenset[str] = frozenset(), future: frozenset[str] = frozenset()) -> str | None:
    """ "hypothetical", "future" or None for the event at ``tok``."""
    fut = False
    # the data file lists "would" as hypothetical; in reported speech it is the future of the past
    hypothetical = frozenset(w for w in hypothetical if " " not in w) - FUTURE_AUX
    future = frozenset(w for w in future if " " not in w)
    for i, v in enumerate(_chain(tok)):
        for c in v.children:
            low = c.lower_
            if c.dep_ in ("aux", "auxpass"):
                if low in HYPOTHETICAL_AUX or low in hypothetical:
                    return "hypothetical"
                if low in FUTURE_AUX or low in future:
                    fut = True
            if c.dep_ == "mark" and (low in HYPOTHETICAL_MARKS or low in hypothetical):
                return "hypothetical"
        lemma = v.lemma_.lower()
        if i > 0 and (lemma in HYPOTHETICAL_HEADS or lemma in hypothetical):
            return "hypothetical"
        if i > 0 and (lemma in FUTURE_HEADS or lemma in future):
            fut = True
        if v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in v.children):
            return "hypothetical"
    # "going to attack"
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
        fut = True
    return "future" if fut else None
