"""Every module of ``kg`` → the modules it imports (read statically with ``ast``): no import cycles, and
extraction never imports RDF.

Every ``import`` counts, also one inside a function (a cycle deferred to call time is still a cycle);
only imports under ``if TYPE_CHECKING:`` are left out (they never run). ``from kg.extract import names``
is an import of the module ``kg.extract.names``; a package's ``__init__`` that Python runs on the way to
a submodule is not counted as an edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# issue 15: being removed (the store helper's branch breaks store.py ↔ remote.py); nothing may join this list
KNOWN_CYCLES: list[frozenset[str]] = []


def module_name(path: Path, root: Path = KG) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported(source: str, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules of ``known`` that the module ``name`` (its ``source``) imports."""
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for a in node.names:
                out.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return {m for m in out if m in known and m != name}


def import_graph(root: Path = KG) -> dict[str, set[str]]:
    paths = {module_name(p, root): p for p in root.rglob("*.py")}
    known = set(paths)
    return {n: imported(p.read_text(encoding="utf-8"), n, p.name == "__init__.py", known) for n, p in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan), each a set of module names."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(frozenset(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_imports_no_cycles_in_kg():
    found = cycles(import_graph())
    new = [sorted(c) for c in found if c not in KNOWN_CYCLES]
    assert not new, f"import cycles: {new}"


def test_imports_known_cycles_still_exist():
    """A cycle that was removed leaves the list, so the list never hides a new one under an old name."""
    found = cycles(import_graph())
    assert all(c in found for c in KNOWN_CYCLES), [sorted(c) for c in KNOWN_CYCLES if c not in found]


def test_imports_extraction_never_imports_rdf():
    graph = import_graph()
    bad = {m: sorted(d for d in deps if d == "kg.rdf" or d.startswith("kg.rdf.")) for m, deps in graph.items()}
    bad = {m: d for m, d in bad.items() if m.startswith("kg.extract") and d}
    assert not bad, f"kg.extract imports kg.rdf: {bad}"


def private_uses(source: str) -> list[str]:
    """``x._name`` where ``x`` is a module imported from kg, or a document's ``ents`` / ``rules``."""
    tree = ast.parse(source)
    modules = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("kg")
               for a in n.names}  # fmt: skip
    return [
        f"{n.value.id}.{n.attr} (line {n.lineno})"
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.attr.startswith("_")
        and not n.attr.startswith("__") and (n.value.id in modules or n.value.id in ("ents", "rules"))
    ]  # fmt: skip


def test_imports_extraction_modules_talk_through_public_names():
    """The pieces of extraction (DocEntities' passes, the rules) use one another's public functions and
    attributes only: no ``nominals._bare`` or ``ents._antecedent`` from another module."""
    found = {p.name: private_uses(p.read_text(encoding="utf-8")) for p in sorted((KG / "extract").glob("*.py"))}
    assert not {k: v for k, v in found.items() if v}


def test_imports_private_use_is_seen():
    src = "from kg.extract import nominals\nnominals._bare(1)\nents._anaphor(2)\nents.actor(3)\nx._y\n"
    assert private_uses(src) == ["nominals._bare (line 2)", "ents._anaphor (line 3)"]


@pytest.mark.parametrize(
    "modules, expected",
    [
        ({"kg/a.py": "from kg import b\n", "kg/b.py": "def f():\n    import kg.a\n"}, [{"kg.a", "kg.b"}]),
        ({"kg/a.py": "from kg.b import x\n", "kg/b.py": "x = 1\n"}, []),
        (
            {"kg/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kg import b\n",
             "kg/b.py": "import kg.a\n"},
            [],
        ),
        ({"kg/p/__init__.py": "", "kg/p/a.py": "from . import b\n", "kg/p/b.py": "from .a import y\n"}, [{"kg.p.a", "kg.p.b"}]),
    ],
)
def test_imports_walker_finds_cycles(tmp_path, modules, expected):
    """The walker itself: a deferred import closes a cycle, a TYPE_CHECKING one does not, relative imports resolve."""
    for rel, text in modules.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (tmp_path / "kg" / "__init__.py").touch()
    assert [set(c) for c in cycles(import_graph(tmp_path / "kg"))] == expected
