"""Bad inputs: each one is skipped (or kept with a warning) with one line naming it, and the rest go on.

The table ``CASES`` is every input case of the reliability issue; ``docs/inputs.md`` is the same table for
users. ``iter_sources`` is checked case by case, then the CLI on all of them at once: in-process with a stub
extractor (fast, no model), and as a real ``kg`` subprocess with the spaCy model (real stderr).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import files
from kg.files import InputIssues, html_to_text, iter_sources
from kg.settings import INPUT_SUFFIXES
from kg.types import DocResult

SUPPORTED = ", ".join(INPUT_SUFFIXES)
GOOD = b"Pakistan and India agreed to talks.\n\nThe talks will take place in Lahore.\n"


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    sources: int  # how many Source records come out
    skip: str | None = None  # regex the skip reason must match
    warn: str | None = None  # regex a warning must match
    text: str | None = None  # a substring of the (first) Source's text


def jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


CASES = [
    Case("plain.txt", GOOD, 1, text="Pakistan and India"),
    Case("notes.md", b"# Kashmir\n\nIndia accused Pakistan.\n", 1, text="India accused"),
    Case("empty.txt", b"", 0, skip=r": empty file$"),
    Case("blank.txt", b"  \n\t\n ", 0, skip=r": empty file$"),
    Case("nul.txt", b"Pakistan\x00\x00\x01\x02India", 0, skip=r"binary content \(NUL bytes\); expected UTF-8 text"),
    Case("renamed-pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", 0, skip=r"a PDF document; expected UTF-8"),
    Case("renamed-zip.md", b"PK\x03\x04\x14\x00\x06\x00", 0, skip=r"ZIP archive"),
    Case("controls.txt", bytes(range(1, 9)) * 40, 0, skip=r"binary content \(control bytes\)"),
    Case("report.pdf", b"%PDF-1.7\n", 0, skip=rf"unsupported file type '\.pdf'; supported: {SUPPORTED}$"),
    Case("memo.docx", b"PK\x03\x04", 0, skip=r"unsupported file type '\.docx'; supported: \.txt, \.md"),
    Case("NOSUFFIX", GOOD, 0, skip=r"unsupported file type '\(none\)'; supported"),
    Case("latin1.txt", b"Caf\xe9 talks in Lahore between Pakistan and India.", 1,
         warn=r"latin1\.txt: invalid UTF-8 at byte 3 \(1 replacement\(s\)\).*text kept", text="Caf\ufffd talks"),
    Case("truncated.txt", b"Delhi talks ended. " + "Peshāwar".encode()[:-4], 1,
         warn=r"invalid UTF-8 at byte 23", text="Delhi talks ended."),
    Case("bom.txt", b"\xef\xbb\xbf" + GOOD, 1, text="Pakistan and India"),
    Case("utf16.txt", "\ufeffIndia and Pakistan met in Geneva.".encode("utf-16-le"), 1, text="India and Pakistan"),
    Case("huge.txt", b"India met Pakistan in Lahore. " * 100_000, 1, text="India met Pakistan"),
    Case("page.html",
         b"<html><head><title>Talks in  Lahore</title><style>p{color:red}</style>"
         b"<script>var s = 'Pakistan bombed India';</script></head>"
         b"<body><p>India and Pakistan <b>agreed</b> to talks &amp; visits.</p><!-- hidden comment -->"
         b"<noscript>enable JS</noscript></body></html>", 1, text="India and Pakistan agreed to talks & visits."),
    Case("unclosed-head.htm", b"<html><head><title>T</title><body><p>India met Pakistan.</p>", 1,
         text="India met Pakistan."),
    Case("cp1252.html", b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                        b"<p>Caf\xe9 talks \x96 India and Pakistan</p>", 1, text="Café talks \u2013 India"),
    Case("declared-utf8-but-latin1.html", b'<meta charset="utf-8"><p>Caf\xe9 in Lahore</p>', 1,
         warn=r"invalid UTF-8 at byte 28", text="Caf\ufffd in Lahore"),
    Case("only-script.html", b"<html><script>alert(1)</script><style>x{}</style></html>", 0,
         skip=r": no visible text$"),
    Case("feed.jsonl", jsonl(
        '{"id": "a1", "text": "India accused Pakistan.", "title": "Kashmir", "date": "2019-02-15", "url": "https://x.org/a"}',
        '{"id": "a2", "text": "Pakistan rejected',
        '{"id": "a3", "title": "no text here"}',
        '{"id": "a4", "text": 42}',
        '["not", "an", "object"]',
        '{"id": "a6", "text": "   "}',
        '',
        '{"text": "Line 8 has no id.", "date": "2019-02-30"}',
        '{"id": "a9", "text": "Split\u2028inside a string is still one line."}',
        "[" * 50_000,
        '{"text": 1' + "1" * 5000 + "}",
        '{"id": "a12", "text": "lone \\ud800 surrogate"}',
    ), 4, skip=r"feed\.jsonl:(2|3|4|5|6|10|11): ", warn=r"feed\.jsonl:8: ignored date '2019-02-30'"),
    Case("empty.jsonl", b"\n\n", 0, skip=r": empty file$"),
    Case("crlf.jsonl", b'{"id": "c1", "text": "India met Pakistan."}\r\n{"text": "cut off\r\n', 1,
         skip=r"crlf\.jsonl:2: malformed JSON: Unterminated string"),
    Case("latin1.jsonl", b'{"id": "l1", "text": "Caf\xe9 talks in Lahore"}\n', 1,
         warn=r"latin1\.jsonl:1: invalid UTF-8 at byte 25 of the line.*text kept", text="Caf\ufffd talks"),
    Case("nul.jsonl", b'{"text": "a"}\x00\x00', 0, skip=r"nul\.jsonl: binary content \(NUL bytes\)"),
]


def read(tmp_path: Path, case: Case) -> tuple[list, InputIssues]:
    path = tmp_path / case.name
    path.write_bytes(case.data)
    issues = InputIssues()
    return list(iter_sources([str(path)], issues)), issues


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_inputs_case_through_iter_sources(tmp_path, case):
    sources, issues = read(tmp_path, case)
    assert len(sources) == case.sources
    if case.skip:
        assert issues.skipped, "expected a skip"
        for s in issues.skipped:
            assert case.name in s.origin
            assert re.search(case.skip, f"{s.origin}: {s.reason}"), s
    else:
        assert issues.skipped == []
    if case.warn:
        assert any(re.search(case.warn, w) for w in issues.warnings), issues.warnings
    elif case.name != "feed.jsonl":
        assert issues.warnings == []
    if case.text:
        assert case.text in sources[0].text
    for problem in [f"{s.origin}: {s.reason}" for s in issues.skipped] + issues.warnings:
        assert "\n" not in problem and "\r" not in problem
        problem.encode("utf-8")  # printable: no lone surrogates


def test_inputs_jsonl_records_and_line_numbers(tmp_path):
    case = next(c for c in CASES if c.name == "feed.jsonl")
    sources, issues = read(tmp_path, case)
    assert [s.identifier for s in sources] == ["a1", "feed.jsonl#8", "a9", "a12"]
    first = sources[0]
    assert (first.title, first.date, first.url) == ("Kashmir", "2019-02-15", "https://x.org/a")
    assert sources[1].date is None  # the impossible date was dropped, with a warning
    assert "\u2028" in sources[2].text  # JSON Lines split at \n only
    assert sources[3].text == "lone \ufffd surrogate"
    reasons = {s.origin.rsplit(":", 1)[1]: s.reason for s in issues.skipped}
    assert reasons["2"] == "malformed JSON: Unterminated string starting at (column 22)"
    assert reasons["3"] == 'record has no "text" field; expected a "text" string'
    assert reasons["4"] == 'record has "text" of type int; expected a "text" string'
    assert reasons["5"].startswith("record is not a JSON object")
    assert reasons["6"] == 'record has an empty "text"'
    assert reasons["10"] == "malformed JSON: nested too deeply"
    assert reasons["11"].startswith("malformed JSON: Exceeds the limit")


def test_inputs_html_visible_text_only():
    text, title = html_to_text(
        "<title>Real  title</title><svg><title>icon</title></svg><template><p>tmpl</p></template>"
        "<h1>Head</h1><p>One<br>two</p><script>document.write('x')</script><p>&lt;b&gt; &#x41;</p>"
    )
    assert title == "Real title"
    assert text == "Head\n\nOne\n\ntwo\n\n<b> A"


def test_inputs_huge_text_is_one_source_never_rejected(tmp_path):
    sources, issues = read(tmp_path, next(c for c in CASES if c.name == "huge.txt"))
    assert len(sources[0].text) == 3_000_000 and not issues.skipped


@pytest.mark.parametrize(
    "arg, reason",
    [
        ("missing.txt", "no such file or directory"),
        ("missing-dir/", "no such file or directory"),
        ("nothing-*.txt", "glob matches no files"),
        ("emptydir", rf"directory has no input files \({SUPPORTED}\)"),
        ("onlypdfs", "directory has no input files"),
        ("/dev/null", r"not a regular file or directory"),
        ("bad\nname.txt", "no such file or directory"),
    ],
)
def test_inputs_paths_that_give_nothing(tmp_path, monkeypatch, arg, reason):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "onlypdfs").mkdir()
    (tmp_path / "onlypdfs" / "a.pdf").write_bytes(b"%PDF")
    issues = InputIssues()
    assert list(iter_sources([arg], issues)) == []
    *inside, skipped = issues.skipped  # a folder's files that are not read come first, each on its own
    assert [s.reason for s in inside] == (["unsupported file type '.pdf'; supported: " + SUPPORTED]
                                          if arg == "onlypdfs" else [])
    assert skipped.origin == arg.replace("\n", "\\n")
    assert re.search(reason, skipped.reason)


def test_inputs_directory_recurses_skips_hidden_and_names_by_relative_path(tmp_path):
    (tmp_path / "2019" / "feb").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "2019" / "feb" / "a.txt").write_bytes(GOOD)
    (tmp_path / "2020").mkdir()
    (tmp_path / "2020" / "a.txt").write_bytes(b"India met China.")
    (tmp_path / ".git" / "notes.txt").write_bytes(GOOD)
    (tmp_path / ".hidden.pdf").write_bytes(b"%PDF")
    (tmp_path / "README.md").write_bytes(GOOD)
    issues = InputIssues()
    ids = [s.identifier for s in iter_sources([str(tmp_path)], issues)]
    assert ids == ["2019/feb/a.txt", "2020/a.txt"]  # same file name in two folders: two documents
    assert issues.skipped == [] and issues.warnings == []  # hidden files and READMEs are passed over


def test_inputs_stdin_text_jsonl_and_empty():
    issues = InputIssues()
    [src] = iter_sources(["-"], issues, stdin=lambda: GOOD)
    assert (src.identifier, src.origin) == ("stdin", "<stdin>")
    recs = list(iter_sources(["-"], issues, stdin=lambda: b'{"id": "s1", "text": "India met Pakistan."}\n{"x": 1}\n'))
    assert [s.identifier for s in recs] == ["s1"]
    assert list(iter_sources(["-"], issues, stdin=lambda: b"")) == []
    assert [(s.origin, s.reason.split(";")[0].split(" (")[0]) for s in issues.skipped] == [
        ("stdin.jsonl:2", 'record has no "text" field'), ("<stdin>", "empty file"),
    ]


def test_inputs_bad_ones_do_not_stop_the_good_ones(tmp_path):
    paths = []
    for case in CASES:
        (tmp_path / case.name).write_bytes(case.data)
        paths.append(str(tmp_path / case.name))
    issues = InputIssues()
    sources = list(iter_sources([*paths, str(tmp_path / "missing.txt")], issues))
    assert len(sources) == sum(c.sources for c in CASES)


def test_inputs_undecodable_file_name_is_reported_as_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.pdf")  # a Latin-1 file name on a UTF-8 system: a lone surrogate in str
    try:
        (tmp_path / name).write_bytes(b"%PDF")
    except (OSError, UnicodeEncodeError):
        pytest.skip("file system does not take undecodable names")
    issues = InputIssues()
    list(iter_sources([str(tmp_path / name)], issues))
    [skipped] = issues.skipped
    assert skipped.origin.endswith("caf\ufffd.pdf")
    json.dumps(skipped.origin, ensure_ascii=False).encode("utf-8")


# ------------------------------------------------------------------------------------------------- CLI


def write_cases(folder: Path) -> list[str]:
    folder.mkdir()
    for case in CASES:
        (folder / case.name).write_bytes(case.data)
    return [str(folder / c.name) for c in CASES] + [str(folder / "missing.txt"), str(folder / "emptydir")]


def expected_skips(args: list[str]) -> int:
    per_case = {"feed.jsonl": 7}
    n = sum(per_case.get(c.name, 1) for c in CASES if c.skip)
    return n + 2  # missing.txt, emptydir


def stub_extract(sources, jobs=1, model=None, without=frozenset()):
    """The extractor's shape without spaCy: one DocResult per Source, no entities."""
    for s in sources:
        yield DocResult(s, (), (), words=len(s.text.split()))


@pytest.fixture
def case_args(tmp_path) -> list[str]:
    args = write_cases(tmp_path / "in")
    (tmp_path / "in" / "emptydir").mkdir()
    return args


def check_run(stderr: str, out: Path, args: list[str]) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    skipped_lines = [ln for ln in lines if ln.startswith("skipped ")]
    assert len(skipped_lines) == expected_skips(args)
    for case in CASES:
        if case.skip:
            assert any(case.name in ln for ln in skipped_lines), case.name
    assert any(ln.startswith("warning: ") and "latin1.txt" in ln for ln in lines)
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["documents"] == sum(c.sources for c in CASES)
    assert len(report["skipped"]) == expected_skips(args)
    assert all(set(s) == {"input", "reason"} and s["reason"] for s in report["skipped"])
    assert {Path(s["input"].split(":")[0]).name for s in report["skipped"]} >= {"empty.txt", "report.pdf", "missing.txt",
                                                                               "emptydir", "feed.jsonl"}
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).stat().st_size > 0


@pytest.mark.parametrize("strict, status", [(False, 0), (True, 1)])
def test_inputs_cli_reports_every_problem_in_one_line(tmp_path, monkeypatch, case_args, strict, status):
    from kg.cli import app

    monkeypatch.setattr("kg.pipeline.extract_all", stub_extract)
    out = tmp_path / "out"
    args = ["build", *case_args, "--out", str(out), "--jobs", "1"] + (["--strict"] if strict else [])
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == status, result.stderr
    check_run(result.stderr, out, case_args)


def test_inputs_cli_only_good_inputs_strict_exits_0(tmp_path, monkeypatch):
    from kg.cli import app

    monkeypatch.setattr("kg.pipeline.extract_all", stub_extract)
    (tmp_path / "a.txt").write_bytes(GOOD)
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 0 and result.stderr == ""


def extraction_ready() -> bool:
    try:
        from kg.extract import extract_sources  # noqa: F401
        from kg.extract.entities import DocEntities  # noqa: F401
        from kg.extract.relations import Rules  # noqa: F401
    except ImportError:
        return False
    return True


needs_extraction = pytest.mark.skipif(not extraction_ready(), reason="kg.extract.extract_sources not landed yet")


@pytest.mark.model
@needs_extraction
def test_inputs_kg_subprocess_real_stderr(tmp_path, case_args):
    """The real console script with the real model: one line per problem on stderr, --strict exits 1."""
    kg = Path(sys.executable).parent / "kg"
    out = tmp_path / "out"
    (tmp_path / "in" / "huge.txt").write_bytes(GOOD)  # 3 MB through the model is a benchmark, not a test
    proc = subprocess.run([str(kg), "build", *case_args, "--out", str(out), "--jobs", "1", "--strict"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    check_run(proc.stderr, out, case_args)


@pytest.mark.model
@needs_extraction
def test_inputs_text_beyond_spacy_max_length_is_split_not_rejected(monkeypatch):
    """A text longer than the pipeline's max_length comes out as one document with offsets into the full text."""

    import kg.extract
    from kg.extract.nlp import load_nlp
    from kg.settings import MAX_CHUNK_CHARS
    from kg.types import Source

    nlp = load_nlp()
    assert MAX_CHUNK_CHARS < nlp.max_length  # the real limits: every chunk fits
    # scaled down 300x so the test runs in seconds: chunks of 2,500 characters, max_length 3,000
    monkeypatch.setattr(nlp, "max_length", 3_000)
    monkeypatch.setattr(kg.extract, "MAX_CHUNK_CHARS", 2_500)
    para = "India accused Pakistan of backing militants. Pakistan rejected the accusation.\n\n"
    text = para * 100  # 8,000 characters, more than 2x max_length
    [result] = kg.extract.extract_sources([Source("long.txt", text)], nlp=nlp)
    assert result.source.text == text
    assert result.words >= 1000
    for t in result.triples:
        assert text[t.char_start:t.char_end] == t.evidence
    assert max((t.char_start for t in result.triples), default=0) > 6_000


@pytest.mark.parametrize("name", ["locked.txt", "locked.jsonl"])
def test_inputs_unreadable_file_is_skipped(tmp_path, monkeypatch, name):
    """Permissions (or a file deleted between listing and reading): skipped with the OS reason."""
    path = tmp_path / name
    path.write_bytes(GOOD)

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    monkeypatch.setattr(Path, "open", denied)
    issues = InputIssues()
    assert list(iter_sources([str(path)], issues)) == []
    assert [(s.origin, s.reason) for s in issues.skipped] == [(str(path), "cannot read: Permission denied")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Headline\n\nISLAMABAD, March 12, 2018 — U.S. officials met.", "2018-03-12"),
        ("WASHINGTON (Reuters), Sept. 3, 2019 - The envoy left.", "2019-09-03"),
        ("KUWAIT CITY, December 3, 2019 — Talks resumed.", "2019-12-03"),
        ("The talks, May 7, 2019, went nowhere.", None),  # not an upper-case place
        ("No dateline here, March 3, 2018.", None),
        ("GENEVA, February 30, 2019 — impossible day", None),
        ("LONDON, Foo 3, 2019 — not a month", None),
    ],
)
def test_inputs_dateline_date(text, expected):
    assert files.dateline_date(text) == expected


def test_inputs_dateline_is_document_date_unless_record_has_one(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nDOHA, May 7, 2019 — Qatar hosted talks.\n")
    (tmp_path / "b.jsonl").write_text(
        '{"id": "r1", "date": "2020-01-02", "text": "DOHA, May 7, 2019 — Qatar hosted talks."}\n'
        '{"id": "r2", "text": "Qatar hosted talks."}\n'
    )
    issues = files.InputIssues()
    got = {s.identifier: s.date for s in files.iter_sources([str(tmp_path)], issues, default_date="2001-01-01")}
    assert got == {"a.txt": "2019-05-07", "r1": "2020-01-02", "r2": "2001-01-01"}
