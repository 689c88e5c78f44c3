"""Tables that used to exist twice now exist once: the month names (datelines and dates in text) and the RDF
formats (export names and graph file suffixes)."""

from __future__ import annotations

import pytest

from kg.extract.dates import MONTHS, normalize_date
from kg.files import dateline_date
from kg.rdf.store import EXPORT_FORMATS, GRAPH_FILE_FORMATS


@pytest.mark.parametrize("text, expected", [
    ("KABUL, Sept. 4, 2019 — Talks resumed.", "2019-09-04"),
    ("KABUL, Sep 4, 2019 — Talks resumed.", "2019-09-04"),
    ("NAIROBI, May 30, 2020 — A meeting.", "2020-05-30"),
    ("NAIROBI, December 1, 2020 — A meeting.", "2020-12-01"),
    ("NAIROBI, Smarch 1, 2020 — A meeting.", None),
    ("NAIROBI, Feb 30, 2020 — A meeting.", None),
])
def test_cleanup_dateline_reads_the_month_table(text, expected):
    assert dateline_date(text) == expected


def test_cleanup_one_month_table_for_datelines_and_dates():
    for name, number in MONTHS.items():
        assert dateline_date(f"KABUL, {name.title()} 4, 2019 — x") == f"2019-{number:02d}-04"
        assert normalize_date(f"{name.title()} 4, 2019", None) == f"2019-{number:02d}-04"


def test_cleanup_graph_file_suffixes_are_the_export_formats():
    assert GRAPH_FILE_FORMATS == {f".{name}": fmt for name, fmt in EXPORT_FORMATS.items()}
    assert list(GRAPH_FILE_FORMATS) == [".ttl", ".trig", ".nq", ".nt", ".jsonld"]
