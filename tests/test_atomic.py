"""write_atomic: a crash at any point leaves the previous file whole and no temporary files behind.

Crashes are simulated in-process (fsync, rename, encoding, Ctrl-C raising) and for real: a writer process
killed with SIGKILL in the middle of a write, once at a chosen point and once at random moments.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg.files import write_atomic

OLD = "old graph\n" * 1000


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def target(tmp_path) -> Path:
    path = tmp_path / "graph.ttl"
    write_atomic(path, OLD)
    return path


def test_atomic_writes_text_and_bytes(tmp_path):
    write_atomic(tmp_path / "sub" / "a.txt", "é\n")
    write_atomic(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "sub" / "a.txt").read_bytes() == "é\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert leftovers(tmp_path) == leftovers(tmp_path / "sub") == []


def test_atomic_permissions_follow_umask_or_previous_file(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.html", "x")
        assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
        (tmp_path / "kept.html").write_text("x")
        os.chmod(tmp_path / "kept.html", 0o640)
        write_atomic(tmp_path / "kept.html", "y")
        assert (tmp_path / "kept.html").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


class Crash(Exception):
    pass


def boom(*args, **kwargs):
    raise Crash("simulated crash")


@pytest.mark.parametrize("where", ["os.fsync", "os.replace", "os.chmod"])
def test_atomic_crash_keeps_previous_file_and_no_temp(monkeypatch, target, where):
    monkeypatch.setattr(where, boom)
    with pytest.raises(Crash):
        write_atomic(target, "new graph, half written")
    monkeypatch.undo()
    assert target.read_text() == OLD
    assert leftovers(target.parent) == []


def test_atomic_interrupt_while_writing(monkeypatch, target):
    """Ctrl-C (a BaseException) half-way through writing the temp file."""
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "N" * 100_000)
    monkeypatch.undo()
    assert target.read_text() == OLD
    assert leftovers(target.parent) == []


def test_atomic_unencodable_text_leaves_nothing(target):
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "lone \ud800 surrogate")
    assert target.read_text() == OLD
    assert leftovers(target.parent) == []


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from kg.files import write_atomic
    path, mode = sys.argv[1], sys.argv[2]
    if mode == "hang":
        real_fsync = os.fsync
        def fsync(fd):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = fsync
        write_atomic(path, "N" * 1_000_000)
    else:
        print("writing", flush=True)
        n = 0
        while True:
            write_atomic(path, ("ab"[n % 2]) * 2_000_000)
            n += 1
    """
)


def spawn(path: Path, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), mode], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    return proc


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    if proc.stdout is not None:
        proc.stdout.close()


def test_atomic_sigkill_mid_write_keeps_previous_file(target):
    proc = spawn(target, "hang")  # stopped inside write_atomic, temp file written, not yet renamed
    kill(proc)
    assert target.read_text() == OLD
    [stale] = leftovers(target.parent)
    assert str(proc.pid) in stale
    write_atomic(target, "next run\n")  # the next write removes what the killed writer left
    assert target.read_text() == "next run\n"
    assert leftovers(target.parent) == []


STAGED = textwrap.dedent(
    """
    import builtins, os, sys, time
    import kg.files
    from kg.files import write_atomic
    path, stage = sys.argv[1], sys.argv[2]

    def stop():
        print("writing", flush=True)
        time.sleep(60)

    class HalfWriter:
        # any file opened for writing gets half the payload, flushed to disk, and then the writer stops
        def __init__(self, fh):
            self.fh = fh
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)
        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            self.fh.flush()
            os.fsync(self.fh.fileno())
            stop()
        def __getattr__(self, name):
            return getattr(self.fh, name)

    if stage == "mid-write":
        real_fdopen, real_open = os.fdopen, builtins.open
        os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))
        builtins.open = lambda f, mode="r", *a, **k: (
            HalfWriter(real_open(f, mode, *a, **k)) if "w" in mode else real_open(f, mode, *a, **k))
    elif stage == "before-rename":
        real_replace = os.replace
        os.replace = lambda *a, **k: (stop(), real_replace(*a, **k))
    elif stage == "after-rename":
        kg.files._fsync_dir = lambda directory: stop()
    write_atomic(path, "b" * 2_000_000)
    """
)


@pytest.mark.parametrize("stage, left", [("mid-write", "a"), ("before-rename", "a"), ("after-rename", "b")])
def test_atomic_sigkill_at_each_step_never_half_file(tmp_path, stage, left):
    """The writer is killed while it is provably at each step (it says so and waits; no timing guesses):
    the file is the whole old one until the rename and the whole new one after it, never a part."""
    path = tmp_path / "graph.html"
    write_atomic(path, "a" * 2_000_000)
    proc = subprocess.Popen([sys.executable, "-c", STAGED, str(path), stage], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing", f"writer never reached {stage}"
    kill(proc)
    assert path.read_text() == left * 2_000_000
    write_atomic(path, "done")
    assert path.read_text() == "done"
    assert leftovers(tmp_path) == []


def test_atomic_leaves_temp_files_of_live_writers_alone(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live = tmp_path / f".graph.ttl.{proc.pid}.abc.tmp"
        live.write_text("in progress")
        write_atomic(tmp_path / "graph.ttl", "x")
        assert live.exists()
    finally:
        proc.kill()
        proc.wait()


def test_atomic_pipeline_outputs_survive_a_failing_renderer(tmp_path, monkeypatch, mem_store):
    """A crash while rendering graph.html leaves the previous graph.html whole (and no temp files)."""
    from kg.pipeline import BuildResult, write_outputs
    from kg.types import BuildReport

    out = tmp_path / "out"
    write_outputs(BuildResult(mem_store, BuildReport()), out)
    before = (out / "graph.html").read_bytes()
    monkeypatch.setattr("kg.network.html.render_html", boom)
    with pytest.raises(Crash):
        write_outputs(BuildResult(mem_store, BuildReport()), out)
    assert (out / "graph.html").read_bytes() == before
    assert leftovers(out) == []
