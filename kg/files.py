"""Disk I/O at the edges: paths/stdin → Source records (streamed), and atomic writes of outputs (one file,
or several replaced all or nothing).

Reading never raises for a bad input: each problem becomes a ``Skipped`` (the input is dropped) or a
warning (the input is kept, e.g. invalid UTF-8 decoded with replacement characters).
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import json
import os
import re
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from kg.settings import INPUT_SUFFIXES
from kg.types import Skipped, Source

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NOTHING: Mapping[Path, str] = {}


@dataclass
class InputIssues:
    """Collects what went wrong while reading inputs."""

    skipped: list[Skipped]
    warnings: list[str]

    def __init__(self) -> None:
        self.skipped = []
        self.warnings = []

    def skip(self, origin: str, reason: str) -> None:
        self.skipped.append(Skipped(printable(origin), printable(reason)))

    def warn(self, origin: str, message: str) -> None:
        self.warnings.append(f"{printable(origin)}: {printable(message)}")


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean_text(text: str) -> str:
    """Lone surrogates (from JSON escapes or undecodable file names) → U+FFFD, so the text encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """One line of UTF-8 for messages: surrogates replaced, newlines and other controls escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], clean_text(text))


# ---------------------------------------------------------------------------------------------- decoding

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (.docx, .xlsx, .epub ...)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x7fELF": "an executable",
    b"{\\rtf": "an RTF document",
}
_BINARY_CONTROLS = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _binary_kind(sample: bytes) -> str | None:
    """What a non-text file looks like, or None for text."""
    for magic, kind in _MAGIC.items():
        if sample.startswith(magic):
            return kind
    if b"\x00" in sample:
        return "binary content (NUL bytes)"
    if len(_BINARY_CONTROLS.findall(sample)) > max(8, len(sample) // 20):
        return "binary content (control bytes)"
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# what browsers do with these labels (WHATWG Encoding): Latin-1 and ASCII pages are read as windows-1252
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def html_charset(data: bytes) -> str | None:
    """The Python codec of an HTML page's ``<meta charset>`` (first 4 KB), or None if absent or unknown."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None


def decode(data: bytes, origin: str, issues: InputIssues, declared: str | None = None) -> str | None:
    """Bytes → text; None (and a skip) for empty or binary content.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read. Bytes that are not UTF-8 are decoded
    with the ``declared`` codec when there is one (an HTML page's ``<meta charset>``), else with U+FFFD
    replacements and a warning, so the rest of the text is kept.
    """
    if not data.strip():
        issues.skip(origin, "empty file")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            issues.warn(origin, "invalid UTF-16; undecodable bytes replaced with U+FFFD")
        if not text.strip():
            issues.skip(origin, "empty file")
            return None
        return text
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    kind = _binary_kind(data[:8192])
    if kind is not None:
        issues.skip(origin, f"{kind}; expected UTF-8 text ({', '.join(INPUT_SUFFIXES)})")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if declared and declared != "utf-8":
            text = data.decode(declared, errors="replace")
            if "\ufffd" in text:
                issues.warn(origin, f"invalid {declared}; undecodable bytes replaced with U+FFFD, text kept")
            return text
        text = data.decode("utf-8", errors="replace")
        issues.warn(origin, f"invalid UTF-8 at byte {exc.start} ({text.count(chr(0xFFFD))} replacement(s)); "
                            "undecodable bytes replaced with U+FFFD, text kept")
        return text


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page; <script>, <style> and friends dropped; the first <title> kept apart."""

    SKIP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "header", "footer", "blockquote", "pre", "td", "th", "ul", "ol", "table", "hr", "figcaption",
             "main", "nav", "aside", "dd", "dt", "figure", "caption", "address", "body"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip = 0
        self._in_title = False
        self._titled = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            # only the document's own title: not an <svg><title> tooltip, not a second <title>
            self._in_title = not self._skip and not self._titled
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._titled = self._titled or self._in_title
            self._in_title = False
        elif tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Visible text and <title> of an HTML document.

    >>> html_to_text("<title>T</title><script>alert(1)</script><p>Hello &amp; bye</p>")
    ('Hello & bye', 'T')
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = " ".join("".join(parser.title_parts).split())[:500] or None
    return text, title


# ---------------------------------------------------------------------------------------------- sources


def _title_from_text(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip().lstrip("# ").strip()
    return first[:200] if first and len(first) <= 200 else None


_DATELINE = re.compile(
    r"^[^\S\n]*[A-Z][A-Z .'\u2019-]{1,40}(?:\([^)\n]{1,40}\))?,\s+"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})\b",
    re.MULTILINE,
)


def dateline_date(text: str) -> str | None:
    """The date of a news dateline near the top ("ISLAMABAD, March 12, 2018 —"), as YYYY-MM-DD."""
    from kg.extract.dates import MONTHS  # the one month table (pure Python, no spaCy)

    m = _DATELINE.search(text[:600])
    if not m or m.group("month").lower() not in MONTHS:
        return None
    try:
        return dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day"))).isoformat()
    except ValueError:
        return None


def _file_sources(
    path: Path, issues: InputIssues, default_date: str | None, identifier: str | None = None
) -> Iterator[Source]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        issues.skip(origin, _unsupported(suffix))
        return
    if suffix == ".jsonl":
        yield from _jsonl_file_sources(path, origin, issues, default_date)
        return
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        issues.skip(origin, "vanished before it was read")
        return
    except OSError as exc:
        issues.skip(origin, f"cannot read: {exc.strerror or exc}")
        return
    is_html = suffix in (".html", ".htm")
    text = decode(data, origin, issues, declared=html_charset(data) if is_html else None)
    if text is None:
        return
    title = None
    if is_html:
        text, title = html_to_text(text)
    else:
        title = _title_from_text(text)
    if not text.strip():
        issues.skip(origin, "no visible text")
        return
    yield Source(identifier=clean_text(identifier or path.name), text=text, title=title,
                 date=dateline_date(text) or default_date, origin=clean_text(origin))


def _valid_date(value: object) -> str | None:
    """``YYYY-MM-DD`` (a real calendar date) from a date or datetime string, else None."""
    if not isinstance(value, str) or not DATE_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _jsonl_record(line: str, n: int, origin: str, issues: InputIssues, default_date: str | None) -> Source | None:
    """Line ``n`` of a JSONL input → a Source, or None (and a skip naming ``origin:n``)."""
    where = f"{origin}:{n}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        issues.skip(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
        return None
    except RecursionError:
        issues.skip(where, "malformed JSON: nested too deeply")
        return None
    except ValueError as exc:  # e.g. a number with more than 4300 digits
        issues.skip(where, f"malformed JSON: {str(exc).split(':')[0][:80]}")
        return None
    if not isinstance(rec, dict):
        issues.skip(where, "record is not a JSON object; expected {\"text\": ..., \"id\": ...}")
        return None
    body = rec.get("text")
    if not isinstance(body, str):
        got = "no \"text\" field" if "text" not in rec else f"\"text\" of type {type(body).__name__}"
        issues.skip(where, f"record has {got}; expected a \"text\" string")
        return None
    if not body.strip():
        issues.skip(where, "record has an empty \"text\"")
        return None
    date = rec.get("date")
    if date is not None and _valid_date(date) is None:
        issues.warn(where, f"ignored date {date!r}; expected YYYY-MM-DD")
    date = _valid_date(date) or dateline_date(body) or default_date
    ident = rec.get("id")
    ident = str(ident) if ident not in (None, "") and not isinstance(ident, (dict, list)) else f"{Path(origin).name}#{n}"
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    if _SURROGATE.search(body):
        issues.warn(where, "lone surrogate escapes in \"text\" replaced with U+FFFD")
    return Source(identifier=clean_text(ident), text=clean_text(body), title=title and clean_text(title),
                  date=date, url=url and clean_text(url), origin=clean_text(where))


def _jsonl_sources(data: bytes, origin: str, issues: InputIssues, default_date: str | None) -> Iterator[Source]:
    """JSONL held in memory (stdin, UTF-16 files)."""
    text = decode(data, origin, issues)
    if text is None:
        return
    # JSON Lines are separated by \n only; str.splitlines() would also split at U+2028, \x0c, \x85 ...
    # which JSON allows raw inside strings.
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip() and (src := _jsonl_record(line, n, origin, issues, default_date)) is not None:
            yield src


def _jsonl_stream(fh: BinaryIO, origin: str, issues: InputIssues, default_date: str | None) -> Iterator[Source]:
    """Sources from a binary JSONL stream (a file or stdin), decoded line by line."""
    head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decode whole
        yield from _jsonl_sources(fh.read(), origin, issues, default_date)
        return
    bom = head.startswith(b"\xef\xbb\xbf")
    kind = _binary_kind(head[3 if bom else 0 :])
    if kind is not None:
        issues.skip(origin, f"{kind}; expected UTF-8 text ({', '.join(INPUT_SUFFIXES)})")
        return
    seen_text = False
    for n, raw in enumerate(fh, 1):  # binary streams split at b"\n" only
        if n == 1 and bom:
            raw = raw[3:]
        raw = raw.removesuffix(b"\n").removesuffix(b"\r")
        if not raw.strip():
            continue
        seen_text = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.decode("utf-8", errors="replace")
            issues.warn(f"{origin}:{n}", f"invalid UTF-8 at byte {exc.start} of the line; undecodable "
                                         "bytes replaced with U+FFFD, text kept")
        if (src := _jsonl_record(line, n, origin, issues, default_date)) is not None:
            yield src
    if not seen_text:
        issues.skip(origin, "empty file")


def _jsonl_file_sources(path: Path, origin: str, issues: InputIssues, default_date: str | None) -> Iterator[Source]:
    """JSONL streamed from disk one line at a time, so a large export is never held in memory whole."""
    try:
        with path.open("rb") as fh:
            yield from _jsonl_stream(fh, origin, issues, default_date)
    except OSError as exc:
        issues.skip(origin, f"cannot read: {exc.strerror or exc}")


def _readme(name: str) -> bool:
    return name.lower().startswith("readme")


def _unsupported(suffix: str) -> str:
    return f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(INPUT_SUFFIXES)}"


def _walk(folder: Path, issues: InputIssues, exclude: Mapping[Path, str]) -> Iterator[Path]:
    """The input files under ``folder``, depth first in name order (the order of ``sorted(rglob)``).

    Hidden entries (``.git/``) and ``README*`` files are passed over; ``exclude`` folders (the build's own
    ``--out`` and ``--store``) are not entered. Every other entry that is not read is reported: an unreadable folder, a
    file of another type, a broken link, a link to a folder (not followed: loops), a device or pipe.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        issues.skip(str(folder), f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                if (option := exclude.get(path.resolve())) is not None:
                    issues.warn(str(path), f"not read: it is this build's {option} folder")
                else:
                    yield from _walk(path, issues, exclude)
                continue
            mode = os.stat(path).st_mode  # follows a link to its target
        except FileNotFoundError:
            if entry.is_symlink():
                issues.skip(str(path), f"broken link (to {os.readlink(path)!r}, which does not exist)")
            else:
                issues.skip(str(path), "vanished before it was read")
            continue
        except OSError as exc:
            issues.skip(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):
            issues.skip(str(path), "link to a folder, not followed; give the folder itself to read it")
        elif not stat.S_ISREG(mode):
            issues.skip(str(path), "not a regular file (device, socket or pipe)")
        elif _readme(entry.name):
            continue
        elif path.suffix.lower() not in INPUT_SUFFIXES:
            issues.skip(str(path), _unsupported(path.suffix.lower()))
        else:
            yield path


def _expand(arg: str, issues: InputIssues, exclude: Mapping[Path, str] = _NOTHING) -> Iterator[tuple[Path, str | None]]:
    """(file, identifier) pairs for one argument; files under a directory are known by their relative path."""
    path = Path(arg)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:  # e.g. a folder on the way that cannot be read
        issues.skip(arg, f"cannot read: {exc.strerror or exc}")
        return
    if mode is not None and stat.S_ISDIR(mode) and path.resolve() in exclude:
        issues.skip(arg, f"not read: it is this build's {exclude[path.resolve()]} folder")
    elif mode is not None and stat.S_ISDIR(mode):
        found = False
        for p in _walk(path, issues, exclude):
            found = True
            yield p, p.relative_to(path).as_posix()
        if not found:
            issues.skip(arg, f"directory has no input files ({', '.join(INPUT_SUFFIXES)})")
    elif mode is not None and stat.S_ISREG(mode):
        yield path, None
    elif mode is None and any(ch in arg for ch in "*?["):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            issues.skip(arg, "glob matches no files")
        for m in matches:  # glob passes over hidden names unless the pattern names them
            yield from _expand(m, issues, exclude)
    elif os.path.lexists(arg):
        issues.skip(arg, "not a regular file or directory (device, socket, pipe or broken link)")
    else:
        issues.skip(arg, "no such file or directory")


def input_exists(arg: str) -> bool:
    """Whether an input argument names anything at all: ``-``, a path (even one that cannot be read), or a
    glob with a match. A build where none does is a usage mistake, not a build of nothing."""
    if arg == "-":
        return True
    try:
        os.lstat(arg)
        return True
    except FileNotFoundError:
        return any(ch in arg for ch in "*?[") and bool(glob.glob(arg, recursive=True))
    except OSError:
        return True  # there, but not readable: reported as skipped by the build


def out_overlaps_input(out: str | os.PathLike, inputs: Iterable[str]) -> str | None:
    """The input folder that ``out`` would be (writing the graph among the articles), or None."""
    target = Path(out).resolve()
    for arg in inputs:
        if arg != "-" and os.path.isdir(arg) and Path(arg).resolve() == target:
            return arg
    return None


def output_folders(out: str | os.PathLike | None, store: object = None) -> dict[Path, str]:
    """The folders a build writes (resolved path → option), which it must not read as input."""
    found = {Path(out).resolve(): "--out"} if out is not None else {}
    if isinstance(store, (str, os.PathLike)) and "://" not in str(store):
        found[Path(store).resolve()] = "--store"
    return found


def not_a_store(path: str | os.PathLike) -> str | None:
    """Why a folder given as ``--store`` must not be used (it holds files that are not a store), or None.

    An embedded store is a RocksDB directory (``CURRENT``, ``IDENTITY``, ``MANIFEST-*``); a missing or
    empty folder is fine (the store is created there).
    """
    p = Path(path)
    try:
        names = sorted(os.listdir(p))
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return "it is a file; valid: a directory (created if missing)"
    except OSError as exc:
        return f"cannot read it: {exc.strerror or exc}"
    if not names or ({"CURRENT", "IDENTITY"} <= set(names) and any(n.startswith("MANIFEST-") for n in names)):
        return None
    shown = ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
    return (f"it is a folder of {len(names)} other file(s) ({shown}), not a geokg store; "
            "give a new or empty folder, or an existing store")


def iter_sources(
    inputs: Iterable[str],
    issues: InputIssues,
    default_date: str | None = None,
    stdin: Callable[[], bytes] | None = None,
    exclude: Mapping[Path, str] = _NOTHING,
) -> Iterator[Source]:
    """Stream Sources from paths, directories, globs and ``-`` (stdin), one at a time; the folders in
    ``exclude`` (resolved path → what it is: the build's ``--out`` and ``--store``) are not read."""
    for arg in inputs:
        if arg == "-":
            buf = sys.stdin.buffer
            if stdin is None and hasattr(buf, "peek") and buf.peek(64).lstrip().startswith(b"{"):
                yield from _jsonl_stream(buf, "stdin.jsonl", issues, default_date)  # streamed
                continue
            data = stdin() if stdin else sys.stdin.buffer.read()
            text = decode(data, "<stdin>", issues)
            if text is None:
                continue
            if text.lstrip().startswith("{"):
                yield from _jsonl_sources(text.encode("utf-8"), "stdin.jsonl", issues, default_date)
            else:
                yield Source("stdin", text, _title_from_text(text), dateline_date(text) or default_date,
                             origin="<stdin>")
            continue
        for path, identifier in _expand(arg, issues, exclude):
            yield from _file_sources(path, issues, default_date, identifier)


def source_from_text(text: str, n: int, default_date: str | None = None) -> Source:
    """A Source for a string handed to the Python API."""
    text = clean_text(text)
    return Source(identifier=f"text-{n + 1}", text=text, title=_title_from_text(text),
                  date=dateline_date(text) or default_date,
                  origin=f"text #{n + 1}")


# ---------------------------------------------------------------------------------------------- writing

_TMP_SUFFIX = ".tmp"


def _tmp_prefix(path: Path) -> str:
    return f".{path.name[:100]}."


def _sweep_stale_temps(path: Path) -> None:
    """Remove temp files of ``path`` left by writers that were killed (their pid is gone)."""
    prefix = _tmp_prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
            continue
        pid_part = name[len(prefix):].split(".", 1)[0]
        if not pid_part.isdigit() or int(pid_part) == os.getpid():
            continue
        try:
            os.kill(int(pid_part), 0)
        except ProcessLookupError:
            Path(entry.path).unlink(missing_ok=True)
        except OSError:
            pass


def _write_temp(path: Path, data: str | bytes) -> Path:
    """``data`` in a new temporary file beside ``path``, flushed and fsynced, with the old file's mode (or
    the usual one under the umask, not mkstemp's 0600); removed again if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _sweep_stale_temps(path)
    tmp = path.parent / f"{_tmp_prefix(path)}{os.getpid()}.{secrets.token_hex(6)}{_TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        except OSError:
            pass  # no previous file: keep the umask-derived mode
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place.

    Readers see the old file or the new one, never a part: the data is flushed and fsynced before the
    rename, and the directory is fsynced after it. The new file gets the old file's permissions (or the
    usual ones under the umask, not mkstemp's 0600). A crash removes the temporary file; one left by a
    writer killed with SIGKILL is removed by the next write to the same path.
    """
    with ReplaceTogether() as files:
        files.write(path, data)


class ReplaceTogether:
    """Several files written all or nothing: each is written to a temporary file beside its target, and only
    when every one has been written (and fsynced) are they renamed into place, one after the other.

    A failure while writing (a full disk) removes the temporary files and leaves every target as it was;
    the folder itself is never replaced (it may hold the user's other files). Only a failure among the
    renames themselves, which need no space, could leave some targets new and some old.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> with ReplaceTogether() as files:
    ...     files.write(d / "a.txt", "A")
    ...     files.write(d / "b.txt", "B")
    >>> sorted(p.name for p in d.iterdir()), (d / "b.txt").read_text()
    (['a.txt', 'b.txt'], 'B')
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []  # (temporary, target)

    def write(self, path: str | os.PathLike, data: str | bytes) -> None:
        target = Path(path)
        self._pending.append((_write_temp(target, data), target))

    def __enter__(self) -> ReplaceTogether:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        pending, self._pending = self._pending, []
        if exc_type is not None:
            for tmp, _ in pending:
                tmp.unlink(missing_ok=True)
            return
        try:
            for tmp, target in pending:
                os.replace(tmp, target)
        finally:
            for tmp, _ in pending:
                tmp.unlink(missing_ok=True)  # (those renamed are gone already)
        for directory in dict.fromkeys(target.parent for _, target in pending):
            _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
