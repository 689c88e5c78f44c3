"""DATE mention text + document date → ISO date (pure table, no spaCy)."""

import pytest

from kg.extract.dates import normalize_date, parse_doc_date


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("March 3, 2017", None, "2017-03-03"),
        ("3 March 2017", None, "2017-03-03"),
        ("Sept. 12, 2019", "2020-01-01", "2019-09-12"),
        ("2018-01-05", None, "2018-01-05"),
        ("February 30, 2017", None, None),
        ("March 3", "2017-09-29", "2017-03-03"),
        ("December 24", "2017-09-29", "2016-12-24"),  # the most recent one before the document
        ("March 3", None, None),
        ("Tuesday", "2017-09-29", "2017-09-26"),  # 2017-09-29 is a Friday
        ("on Friday", "2017-09-29", "2017-09-29"),
        ("last Friday", "2017-09-29", "2017-09-22"),
        ("Friday night", "2017-09-29", "2017-09-29"),
        ("next Monday", "2017-09-29", "2017-10-02"),
        ("today", "2017-09-29", "2017-09-29"),
        ("yesterday", "2017-09-29", "2017-09-28"),
        ("tomorrow", "2017-09-29", "2017-09-30"),
        ("three days ago", "2017-09-29", "2017-09-26"),
        ("10 days ago", "2017-09-29", "2017-09-19"),
        ("Tuesday", None, None),
        ("last month", "2017-09-29", None),
        ("the 1990s", "2017-09-29", None),
        ("this week", "2017-09-29", None),
        ("2017", "2017-09-29", None),
    ],
)
def test_dates_normalize(text, doc_date, expected):
    assert normalize_date(text, doc_date) == expected


@pytest.mark.parametrize("value, ok", [("2017-09-29", True), ("2017-09-29T10:00:00", True), ("29/09/2017", False), (None, False), ("2017-13-01", False)])
def test_dates_doc_date(value, ok):
    assert (parse_doc_date(value) is not None) == ok
