"""Disk I/O at the edges: paths/stdin → Source records (streamed), and atomic writes of outputs.

Reading never raises for a bad input: each problem becomes a ``Skipped`` (the input is dropped) or a
warning (the input is kept, e.g. invalid UTF-8 decoded with replacement characters).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.settings import INPUT_SUFFIXES
from kg.types import Skipped, Source

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class InputIssues:
    """Collects what went wrong while reading inputs."""

    skipped: list[Skipped]
    warnings: list[str]

    def __init__(self) -> None:
        self.skipped = []
        self.warnings = []

    def skip(self, origin: str, reason: str) -> None:
        self.skipped.append(Skipped(origin, reason))

    def warn(self, origin: str, message: str) -> None:
        self.warnings.append(f"{origin}: {message}")


def content_hash(text: str) -> str:
    """Stable short hash of a document's text (its identity together with the identifier)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


# ---------------------------------------------------------------------------------------------- decoding


def decode(data: bytes, origin: str, issues: InputIssues) -> str | None:
    """Bytes → text; None (and a skip) for binary content."""
    if not data.strip():
        issues.skip(origin, "empty file")
        return None
    sample = data[:8192]
    if b"\x00" in sample or sample.startswith(b"%PDF"):
        issues.skip(origin, "binary content (NUL bytes); expected UTF-8 text")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.warn(origin, f"invalid UTF-8 at byte {exc.start}; undecodable bytes replaced with U+FFFD")
        return data.decode("utf-8", errors="replace")


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page; <script>, <style> and friends dropped; <title> kept apart."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "header", "footer", "blockquote", "pre", "td", "th", "ul", "ol", "table", "hr", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
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
    """Visible text and <title> of an HTML document."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = " ".join("".join(parser.title_parts).split()) or None
    return text, title


# ---------------------------------------------------------------------------------------------- sources


def _title_from_text(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip().lstrip("# ").strip()
    return first[:200] if first and len(first) <= 200 else None


def _file_sources(path: Path, issues: InputIssues, default_date: str | None) -> Iterator[Source]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        issues.skip(origin, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(INPUT_SUFFIXES)}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        issues.skip(origin, f"cannot read: {exc.strerror or exc}")
        return
    if suffix == ".jsonl":
        yield from _jsonl_sources(data, origin, issues, default_date)
        return
    text = decode(data, origin, issues)
    if text is None:
        return
    title = None
    if suffix in (".html", ".htm"):
        text, title = html_to_text(text)
    else:
        title = _title_from_text(text)
    if not text.strip():
        issues.skip(origin, "no visible text")
        return
    yield Source(identifier=path.name, text=text, title=title, date=default_date, origin=origin)


def _jsonl_sources(data: bytes, origin: str, issues: InputIssues, default_date: str | None) -> Iterator[Source]:
    text = decode(data, origin, issues)
    if text is None:
        return
    base = Path(origin).name
    for n, line in enumerate(text.splitlines(), 1):
        where = f"{origin}:{n}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            issues.skip(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            issues.skip(where, "record is not a JSON object; expected {\"text\": ..., \"id\": ...}")
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            issues.skip(where, "record has no \"text\" string")
            continue
        date = rec.get("date")
        if date is not None and not (isinstance(date, str) and DATE_RE.match(date)):
            issues.warn(where, f"ignored date {date!r}; expected YYYY-MM-DD")
            date = None
        date = date[:10] if date else default_date
        ident = rec.get("id")
        ident = str(ident) if ident not in (None, "") else f"{base}#{n}"
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        yield Source(identifier=ident, text=body, title=title, date=date, url=url, origin=where)


def _expand(arg: str, issues: InputIssues) -> Iterator[Path]:
    path = Path(arg)
    if path.is_dir():
        found = False
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.lower().startswith("readme"):
                found = True
                yield p
        if not found:
            issues.skip(arg, f"directory has no input files ({', '.join(INPUT_SUFFIXES)})")
    elif path.is_file():
        yield path
    elif any(ch in arg for ch in "*?["):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            issues.skip(arg, "glob matches no files")
        for m in matches:
            if Path(m).is_file():
                yield Path(m)
    else:
        issues.skip(arg, "no such file or directory")


def iter_sources(
    inputs: Iterable[str],
    issues: InputIssues,
    default_date: str | None = None,
    stdin: Callable[[], bytes] | None = None,
) -> Iterator[Source]:
    """Stream Sources from paths, directories, globs and ``-`` (stdin), one at a time."""
    for arg in inputs:
        if arg == "-":
            data = stdin() if stdin else sys.stdin.buffer.read()
            text = decode(data, "<stdin>", issues)
            if text is None:
                continue
            if text.lstrip().startswith("{"):
                yield from _jsonl_sources(text.encode("utf-8"), "stdin.jsonl", issues, default_date)
            else:
                yield Source("stdin", text, _title_from_text(text), default_date, origin="<stdin>")
            continue
        for path in _expand(arg, issues):
            yield from _file_sources(path, issues, default_date)


def source_from_text(text: str, n: int, default_date: str | None = None) -> Source:
    """A Source for a string handed to the Python API."""
    return Source(identifier=f"text-{n + 1}", text=text, title=_title_from_text(text), date=default_date,
                  origin=f"text #{n + 1}")


# ---------------------------------------------------------------------------------------------- writing


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
