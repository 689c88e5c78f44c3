"""DATE mention text + document date → ISO ``yyyy-mm-dd`` (or None). Pure Python, no spaCy.

Only dates that name a day are normalized: absolute ("March 3, 2017", "3 March 2017", "2017-03-03"),
weekdays relative to the document date ("Tuesday", "last Friday", "on Monday"), "today", "yesterday",
"tomorrow", "N days ago" and month-day without a year ("March 3", resolved to the most recent such
day not after the document date). Vague spans ("last month", "the 1990s", "this week") give None:
a statement carries a date only when the text fixes one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    re.compile(r"^(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})$"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_MONTH}\s+{_DAY}$"),
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$"),
]
_AGO = re.compile(r"^(?P<n>\d+|" + "|".join(NUMBERS) + r")\s+days?\s+(?:ago|earlier|before)$")
_LEAD = re.compile(r"^(?:on|the|this|that|late|early|last|past|next|coming|on\s+the)\s+")
_TRAIL = re.compile(r"\s+(?:morning|afternoon|evening|night)$")


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_doc_date(value: str | None) -> date | None:
    """The document date as a ``date``, or None if absent or malformed."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value.strip())
    return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def normalize_date(text: str, doc_date: str | date | None = None) -> str | None:
    """ISO date for a DATE mention, relative to ``doc_date`` when the mention needs one.

    >>> normalize_date("March 3, 2017")
    '2017-03-03'
    >>> normalize_date("Tuesday", "2017-09-29")   # a Friday: the Tuesday before it
    '2017-09-26'
    >>> normalize_date("last month", "2017-09-29") is None
    True
    """
    ref = parse_doc_date(doc_date) if isinstance(doc_date, str) or doc_date is None else doc_date
    s = " ".join(text.lower().replace("\u2019", "'").split()).strip(" ,.")
    s = _TRAIL.sub("", s)
    for pat in _PATTERNS:
        m = pat.match(s)
        if not m:
            continue
        gd = m.groupdict()
        month = int(gd["m"]) if gd.get("m") else MONTHS[gd["month"]]
        day = int(gd["day"])
        if gd.get("year"):
            got = _valid(int(gd["year"]), month, day)
            return got.isoformat() if got else None
        if ref is None:
            return None
        got = _valid(ref.year, month, day)
        if got and got > ref:
            got = _valid(ref.year - 1, month, day)
        return got.isoformat() if got else None
    if ref is None:
        return None
    if s in ("today", "tonight"):
        return ref.isoformat()
    if s in ("yesterday", "last night"):
        return (ref - timedelta(days=1)).isoformat()
    if s == "tomorrow":
        return (ref + timedelta(days=1)).isoformat()
    m = _AGO.match(s)
    if m:
        n = m.group("n")
        return (ref - timedelta(days=int(n) if n.isdigit() else NUMBERS[n])).isoformat()
    forward = s.startswith(("next ", "coming ", "this coming "))
    bare = _LEAD.sub("", s)
    if bare in WEEKDAYS:
        delta = (ref.weekday() - WEEKDAYS[bare]) % 7
        if forward:
            return (ref + timedelta(days=(WEEKDAYS[bare] - ref.weekday()) % 7 or 7)).isoformat()
        if s.startswith("last ") and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat()
    return None
