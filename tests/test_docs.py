"""The README documents what users can run: every CLI command and every shipped named query."""

from pathlib import Path

import pytest

from kg.cli import app
from kg.rdf.sparql import named_queries

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("name", command_names())
def test_docs_readme_mentions_command(name):
    assert f"kg {name}" in README


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_docs_readme_mentions_named_query(name):
    assert f"kg query {name}" in README


def test_docs_readme_starts_with_the_two_commands():
    head = README[:1200]
    assert "make demo" in head and "make test" in head
