"""A full disk: one clear line (no traceback), the documents committed before stay in the store (a rerun with
room resumes and ends with the store of a clean build), and --out is written all or nothing: the four graph
files are either all the new ones or all the old ones, and the user's other files in the folder are untouched.

The disk is a real one that fills: a small tmpfs mounted for the test (the tests run as root). Where
mounting is not allowed the tmpfs tests are skipped; the all-or-nothing test with an injected ENOSPC at the
third file's fsync runs everywhere.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.pipeline as pipeline
from kg.cli import app
from kg.errors import KGError
from kg.pipeline import build
from kg.rdf.store import open_store
from kg.types import DocResult, Entity, Source, Triple

OUTPUTS = ("graph.html", "graph.trig", "graph.ttl", "report.json")
FILLER = "The envoys of both states met again to discuss the border and the prisoners held on either side. " * 15


def stub_extract(sources, jobs=1, model=None, without=frozenset()):
    """Two states and one relation per document, with a long evidence sentence (a store that grows fast)."""
    for s in sources:
        a, b = Entity("state/PAK", "Pakistan", "State"), Entity("state/IND", "India", "State")
        t = Triple(a.key, "consult", b.key, s.text, 0, len(s.text), "stub", 0.5)
        yield DocResult(s, (a, b), (t,), words=len(s.text.split()))


@pytest.fixture
def stub(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_all", stub_extract)


def corpus(folder: Path, n: int, tag: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"d{i:03d}.txt").write_text(f"Report {tag}{i}. {FILLER}")
    return folder


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 1 MB at tmp_path/disk; call ``resize(size)`` to give it more room (contents kept)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")

    def resize(size: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)

    try:
        yield disk, resize
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def kg_build(*args: str):
    result = CliRunner().invoke(app, ["build", "--jobs", "1", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def nquads(store) -> list[bytes]:
    return sorted(store.export("nq").splitlines())


def test_disk_full_store_build_one_line_committed_kept_and_resumable(tmp_path, small_disk, stub, monkeypatch):
    disk, resize = small_disk
    monkeypatch.setattr(pipeline, "STORE_BATCH_DOCS", 5)
    docs = corpus(tmp_path / "in", 300)
    store = disk / "store"

    full = kg_build(str(docs), "--store", str(store))
    assert full.exit_code == 1
    assert full.stderr.startswith(f"error: cannot write to the store {str(store)!r}: the disk is full "
                                  "(No space left on device); the ")
    assert "committed before stay in it" in full.stderr and len(full.stderr.splitlines()) == 1
    kept = int(full.stderr.split("; the ")[1].split()[0])
    assert 0 < kept < 300
    del full  # its traceback holds the failed build's store handle (a new process would not have it)
    gc.collect()

    resize("64m")
    # every committed document is there; the failing batch may have landed whole too (its transaction was
    # written, and the flush after it failed); the rerun shows none is half-written
    stored = len(open_store(store).documents())
    assert kept <= stored <= kept + 5
    again = kg_build(str(docs), "--store", str(store))
    assert again.exit_code == 0, again.stderr
    assert f"{300 - stored} documents ({stored} unchanged" in again.stdout
    assert nquads(open_store(store)) == nquads(build([str(docs)]).store)


def test_disk_full_out_is_all_or_nothing(tmp_path, small_disk, stub):
    disk, _ = small_disk
    out = disk / "out"
    assert kg_build(str(corpus(tmp_path / "v1", 2, "old")), "--out", str(out)).exit_code == 0
    (out / "my-notes.txt").write_text("the user's own file")
    old = {name: (out / name).read_bytes() for name in OUTPUTS}
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "ballast").write_bytes(b"\0" * (free - 60_000))  # room for a small graph.ttl, not all four

    result = kg_build(str(corpus(tmp_path / "v2", 20, "new")), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"error: cannot write the graph files to {str(out)!r}: the disk is full (No space "
                             "left on device); the files there are as they were (none of the four was replaced)\n")
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == old
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "my-notes.txt"])  # no temporaries left


def test_disk_full_out_injected_at_the_third_file_changes_none(tmp_path, stub, monkeypatch):
    """The same without a mount: the third output file's fsync fails with ENOSPC."""
    out = tmp_path / "out"
    build([str(corpus(tmp_path / "v1", 2, "old"))], out=out)
    old = {name: (out / name).read_bytes() for name in OUTPUTS}
    real_fsync = os.fsync
    files_synced = 0

    def fsync(fd: int) -> None:
        nonlocal files_synced
        if stat.S_ISREG(os.fstat(fd).st_mode):
            files_synced += 1
            if files_synced == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(KGError, match=r"the disk is full .*\(none of the four was replaced\)"):
        build([str(corpus(tmp_path / "v2", 3, "new"))], out=out)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == old
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_disk_full_out_written_whole_when_there_is_room(tmp_path, stub):
    out = tmp_path / "out"
    build([Source("a.txt", "Pakistan met India.")], out=out)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
