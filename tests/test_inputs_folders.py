"""Nothing is dropped silently: every entry of an input folder that is not read, every input that vanishes or
cannot be read, is a line in report.json's "skipped" and on stderr, and the build goes on. The build's own
--out folder is never read as input; --store never turns a folder of other files into a store.

The tests run as root, which reads anything whatever its mode, so "cannot be read" is made by the operating
system's own error at the one call that meets it: ``os.scandir`` / ``os.stat`` monkeypatched to raise
PermissionError(EACCES) for one path. A vanishing file is really deleted between listing and reading.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app, skipped_lines
from kg.files import InputIssues, iter_sources
from kg.settings import INPUT_SUFFIXES
from kg.types import DocResult, Skipped

SUPPORTED = ", ".join(INPUT_SUFFIXES)
GOOD = b"Pakistan and India agreed to talks.\n"


def stub_extract(sources, jobs=1, model=None, without=frozenset()):
    """The extractor's shape without spaCy: one DocResult per Source, no entities."""
    for s in sources:
        yield DocResult(s, (), (), words=len(s.text.split()))


@pytest.fixture
def stub(monkeypatch):
    monkeypatch.setattr("kg.pipeline.extract_all", stub_extract)


def kg(*args: str):
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def deny(monkeypatch, func: str, path: Path) -> None:
    """Make ``os.<func>(path)`` fail as it does for a folder the user may not read."""
    real = getattr(os, func)
    target = os.fspath(path)

    def denied(p, *args, **kwargs):
        if os.fspath(p) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
        return real(p, *args, **kwargs)

    monkeypatch.setattr(os, func, denied)


def folder_of_everything(root: Path) -> Path:
    """One folder with each kind of entry an input folder can hold."""
    d = root / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_bytes(GOOD)
    (d / "sub" / "b.md").write_bytes(GOOD)
    (d / "report.pdf").write_bytes(b"%PDF-1.4")
    (d / "letter.docx").write_bytes(b"PK\x03\x04")
    (d / "table.csv").write_bytes(b"a,b\n1,2\n")
    (d / "NOTES").write_bytes(GOOD)
    (d / ".hidden.pdf").write_bytes(b"%PDF")
    (d / ".git").mkdir()
    (d / ".git" / "HEAD.txt").write_bytes(GOOD)
    (d / "README.md").write_bytes(GOOD)
    (d / "gone.txt").symlink_to(root / "nowhere.txt")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "c.txt").write_bytes(GOOD)
    (d / "linked").symlink_to(root / "elsewhere")
    os.mkfifo(d / "pipe.txt")
    return d


EXPECTED = {  # entry → reason; hidden entries and README.md are passed over without a word
    "NOTES": f"unsupported file type '(none)'; supported: {SUPPORTED}",
    "gone.txt": "broken link (to '{root}/nowhere.txt', which does not exist)",
    "letter.docx": f"unsupported file type '.docx'; supported: {SUPPORTED}",
    "linked": "link to a folder, not followed; give the folder itself to read it",
    "pipe.txt": "not a regular file (device, socket or pipe)",
    "report.pdf": f"unsupported file type '.pdf'; supported: {SUPPORTED}",
    "table.csv": f"unsupported file type '.csv'; supported: {SUPPORTED}",
}


def test_inputs_folder_reports_every_entry_it_does_not_read(tmp_path):
    d = folder_of_everything(tmp_path)
    issues = InputIssues()
    ids = [s.identifier for s in iter_sources([str(d)], issues)]
    assert ids == ["a.txt", "sub/b.md"]
    got = {Path(s.origin).name: s.reason for s in issues.skipped}
    assert got == {k: v.replace("{root}", str(tmp_path)) for k, v in EXPECTED.items()}


def test_inputs_unreadable_subfolder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "secret.txt").write_bytes(GOOD)
    (d / "z.txt").write_bytes(GOOD)
    deny(monkeypatch, "scandir", d / "locked")
    issues = InputIssues()
    assert [s.identifier for s in iter_sources([str(d)], issues)] == ["z.txt"]
    assert issues.skipped == [Skipped(str(d / "locked"), "cannot read folder: Permission denied")]


def test_inputs_file_deleted_after_listing_is_reported(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (d / name).write_bytes(GOOD)
    issues = InputIssues()
    stream = iter_sources([str(d)], issues)
    assert next(stream).identifier == "a.txt"  # the folder is listed; b.txt is not read yet
    (d / "b.txt").unlink()
    assert [s.identifier for s in stream] == ["c.txt"]
    assert issues.skipped == [Skipped(str(d / "b.txt"), "vanished before it was read")]


def test_inputs_glob_matching_a_folder_reads_it(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "a.txt").write_bytes(GOOD)
    (tmp_path / "b.txt").write_bytes(GOOD)
    issues = InputIssues()
    assert [s.identifier for s in iter_sources([str(tmp_path / "*")], issues)] == ["a.txt", "b.txt"]
    assert issues.skipped == []


def test_inputs_cli_folder_of_everything_each_skip_in_report_and_stderr(tmp_path, stub):
    d = folder_of_everything(tmp_path)
    result = kg(str(d), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["documents"] == 2
    assert sorted(Path(s["input"]).name for s in report["skipped"]) == sorted(EXPECTED)
    for entry in EXPECTED:
        assert f"skipped {d / entry}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_inputs_cli_many_skipped_alike_are_one_line_with_count_and_first_names(tmp_path, stub):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(GOOD)
    for n in range(40):
        (d / f"scan{n:02d}.pdf").write_bytes(b"%PDF")
    result = kg(str(d), "--out", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 1
    pdf_lines = [line for line in result.stderr.splitlines() if ".pdf" in line]
    assert pdf_lines == [f"skipped 40 inputs: unsupported file type '.pdf'; supported: {SUPPORTED} "
                         f"({d / 'scan00.pdf'}, {d / 'scan01.pdf'}, {d / 'scan02.pdf'} ...; all in report.json)"]
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(report["skipped"]) == 40


@pytest.mark.parametrize("skipped, lines", [
    ([Skipped("a", "r")] * 3, ["skipped a: r"] * 3),
    ([Skipped(str(n), "r") for n in range(4)] + [Skipped("x", "s")],
     ["skipped 4 inputs: r (0, 1, 2 ...; all in report.json)", "skipped x: s"]),
])
def test_inputs_skipped_lines(skipped, lines):
    assert skipped_lines(skipped) == lines


def test_inputs_cli_file_in_unreadable_folder_is_skipped_not_a_traceback(tmp_path, monkeypatch, stub):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_bytes(GOOD)
    (tmp_path / "b.txt").write_bytes(GOOD)
    deny(monkeypatch, "stat", tmp_path / "locked" / "a.txt")
    deny(monkeypatch, "lstat", tmp_path / "locked" / "a.txt")
    result = kg(str(tmp_path / "locked" / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"skipped {tmp_path / 'locked' / 'a.txt'}: cannot read: Permission denied"
    assert json.loads((tmp_path / "out" / "report.json").read_text())["documents"] == 1


def test_inputs_cli_no_input_exists_is_a_usage_error(tmp_path, stub):
    result = kg(str(tmp_path / "nope.txt"), str(tmp_path / "none-*.md"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no input exists: ")
    assert len(result.stderr.splitlines()) == 1 and not (tmp_path / "out").exists()


def test_inputs_cli_out_equal_to_input_folder_is_refused(tmp_path, stub):
    (tmp_path / "a.txt").write_bytes(GOOD)
    result = kg(str(tmp_path), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: invalid --out {str(tmp_path)!r}: it is the input folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_inputs_cli_out_inside_input_folder_is_not_read_back(tmp_path, stub):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(GOOD)
    for _ in range(2):
        result = kg(str(d), "--out", str(d / "graph"))
        assert result.exit_code == 0, result.stderr
    report = json.loads((d / "graph" / "report.json").read_text())
    assert report["documents"] == 1 and report["skipped"] == []
    assert report["warnings"] == [f"{d / 'graph'}: not read: it is this build's --out folder"]


def test_inputs_library_out_equal_to_input_folder_is_not_read(tmp_path, monkeypatch):
    from kg.pipeline import build

    monkeypatch.setattr("kg.pipeline.extract_all", stub_extract)
    (tmp_path / "a.txt").write_bytes(GOOD)
    build([str(tmp_path)], out=tmp_path)
    again = build([str(tmp_path)], out=tmp_path)
    assert again.report.documents == 0
    assert again.report.skipped == [Skipped(str(tmp_path), "not read: it is this build's --out folder")]


def test_inputs_cli_store_at_a_folder_of_other_files_is_refused(tmp_path, stub):
    (tmp_path / "a.txt").write_bytes(GOOD)
    mine = tmp_path / "mine"
    mine.mkdir()
    for name in ("photo.jpg", "notes.txt", "taxes.xls", "todo.md"):
        (mine / name).write_bytes(b"x")
    result = kg(str(tmp_path / "a.txt"), "--store", str(mine))
    assert result.exit_code == 2
    assert result.stderr == (f"error: invalid --store {str(mine)!r}: it is a folder of 4 other file(s) "
                             "(notes.txt, photo.jpg, taxes.xls ...), not a geokg store; give a new or empty "
                             "folder, or an existing store\n")
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt", "photo.jpg", "taxes.xls", "todo.md"]


def test_inputs_cli_store_new_empty_or_existing_is_used(tmp_path, stub):
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "empty").mkdir()
    for store in (tmp_path / "new", tmp_path / "empty", tmp_path / "new"):  # the last: an existing store
        result = kg(str(tmp_path / "a.txt"), "--store", str(store))
        assert result.exit_code == 0, result.stderr


def test_inputs_cli_store_inside_input_folder_is_not_read_back(tmp_path, stub):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(GOOD)
    for _ in range(2):
        result = kg(str(d), "--store", str(d / "store"), "--strict")
        assert result.exit_code == 0, result.stderr
    assert result.stderr == f"warning: {d / 'store'}: not read: it is this build's --store folder\n"
