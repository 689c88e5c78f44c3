"""A damaged store (bytes overwritten inside a RocksDB table file) is a one-line error naming the store and
what to do, never a runaway read or a traceback (issue 19, item 2)."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.integrity import DamagedStore, check_store_files


def damage(store, offset: int = 0, length: int = 32) -> str:
    """Overwrite ``length`` bytes of the largest table file (at offset 0 is the first data block)."""
    table = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    with table.open("r+b") as f:
        f.seek(offset)
        f.write(b"\xa5" * length)
    return table.name


def _limit_memory() -> None:  # the child may not take the machine if the fix is missing
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def kg_process(*args: str):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit_memory)


def test_store_integrity_sound_stores_pass(disk_store):
    from kg.rdf.store import GraphStore

    assert check_store_files(disk_store) is None
    store = GraphStore(disk_store)
    store._ox.optimize()  # compacted: other table files, same verdict
    store.close()
    del store
    assert check_store_files(disk_store) is None


@pytest.mark.parametrize("command", [
    ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    ["query", "officials"],
    ["analyze"],
    ["validate"],
])
def test_store_integrity_damaged_store_is_one_line(disk_store, command):
    name = damage(disk_store)
    run = kg_process(*command, "--store", str(disk_store))
    assert run.returncode == 1, (run.returncode, run.stderr[-800:])
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr[-800:]
    assert str(disk_store) in lines[0] and "is damaged" in lines[0] and name in lines[0]
    assert "kg export" in lines[0] and "kg build" in lines[0]


def test_store_integrity_export_saves_what_can_be_read(tmp_path, disk_store):
    import pyoxigraph as ox

    from kg.rdf.store import load_graph_file

    total = len(ox.Store.read_only(str(disk_store)))
    damage(disk_store, offset=0, length=8)
    out = tmp_path / "saved.nq"
    run = kg_process("export", "--store", str(disk_store), "--format", "nq", "-o", str(out))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "is damaged" in run.stderr and "can still be read" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    saved = load_graph_file(out)  # what was readable, as valid N-Quads
    assert 0 < len(saved) < total


def test_store_integrity_serve_refuses_a_damaged_store(disk_store):
    from kg.querypool import QueryPool

    damage(disk_store)
    with pytest.raises(DamagedStore, match="is damaged"):
        QueryPool(disk_store, 1, 1.0, 10)
    r = CliRunner().invoke(app, ["serve", "--store", str(disk_store)])
    assert r.exit_code == 1 and r.output.startswith("error: ") and "is damaged" in r.output


@pytest.mark.parametrize("offset", [0, -4, -60])
def test_store_integrity_finds_damage_anywhere_in_a_table(disk_store, offset):
    """A data block (start), the footer's magic number (end), the index or meta blocks (before it)."""
    table = max(disk_store.glob("*.sst"), key=lambda p: p.stat().st_size)
    size = table.stat().st_size
    damage(disk_store, offset % size, 4)
    unfinished: list = []
    found = check_store_files(disk_store, unfinished)
    if found is None:  # no magic number: it looks unfinished, and is damage once the opened store keeps it
        from kg.rdf.store import GraphStore

        assert [t.name for t in unfinished] == [table.name]
        with pytest.raises(DamagedStore) as caught:
            GraphStore(disk_store)
        found = caught.value.damage
    assert found.file == table.name


def test_store_integrity_an_unfinished_table_is_damage_only_if_the_store_keeps_it(disk_store):
    """A flush, compaction or bulk load a killed writer left has no footer yet, whatever its number (several
    background jobs write at once); RocksDB deletes it when it opens the store, which then opens as it was.
    A table the store refers to, cut short, is damage: one line naming it, when the store is opened."""
    from kg.rdf.store import GraphStore

    numbers = sorted(int(t.stem) for t in disk_store.glob("[0-9]*.sst"))
    assert numbers and check_store_files(disk_store) is None
    quads = len(GraphStore(disk_store))
    unfinished = [disk_store / f"{n:06d}.sst" for n in (numbers[0] - 1 if numbers[0] > 1 else 999_998,
                                                          numbers[-1] + 1)]  # older and newer than the rest
    for table in unfinished:
        table.write_bytes(b"\x00" * 20)  # being written: no footer yet
    assert check_store_files(disk_store) is None
    store = GraphStore(disk_store)
    # (RocksDB may merge the small tables of the derived counts in the background once open: the others vary)
    assert len(store) == quads and not any(table.exists() for table in unfinished)
    del store
    live = max(disk_store.glob("[0-9]*.sst"), key=lambda t: t.stat().st_size)
    live.write_bytes(live.read_bytes()[:20])  # a table of the store, cut short
    with pytest.raises(DamagedStore) as caught:
        GraphStore(disk_store)
    assert caught.value.damage.file == live.name and "kg export" in str(caught.value)


