"""A store directory → the first damaged block of its table files, found by recomputing checksums.

An embedded store is a RocksDB directory; its data lives in immutable table files (``*.sst``), written as
blocks that each end in a 5-byte trailer: the compression type and a 32-bit checksum of the block. RocksDB
checks a block when it reads it, but Oxigraph does not always stop at the error it gets: a COUNT over a
store with a few bytes overwritten grew to 24 GB instead of failing (issue 19). So a store is checked
before it is opened: every block listed in a table's index and meta-index has its checksum recomputed
here, without RocksDB, in bounded memory (one table file at a time).

What is read (RocksDB's block-based table format, format_version 2 to 5, the one Oxigraph writes): the
53-byte footer (checksum type, the meta-index and index block handles, format version, magic number);
the index block (entries whose values are block handles, delta-encoded from format version 4 on); the
meta-index (named meta blocks). Checksum type XXH3 (RocksDB's default, and Oxigraph's) is recomputed;
a table written with another checksum type or format version is not checked (``None``), never
reported as damaged.
"""

from __future__ import annotations

import mmap
import os
import struct
from pathlib import Path
from typing import NamedTuple

from kg.errors import StoreError

MAGIC = 0x88E241B785F4CFF7  # kBlockBasedTableMagicNumber
FOOTER = 53  # checksum type, two block handles padded to 40 bytes, format version, magic
TRAILER = 5  # after every block: compression type, fixed32 checksum
XXH3 = 4
LZ4 = 4  # compression type of a block
_LAST_BYTE_PRIME = 0x6B9083D9


class Damage(NamedTuple):
    """Where a table file stops being what was written."""

    file: str
    offset: int
    what: str

    def __str__(self) -> str:
        return f"{self.file} at byte {self.offset}: {self.what}"


class _Malformed(Exception):
    pass


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(buf) or shift > 63:
            raise _Malformed("truncated number")
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _handles(block: bytes, delta: bool) -> list[tuple[int, int]]:
    """The (offset, size) block handles an index (``delta``: values delta-encoded) or meta-index block holds."""
    if len(block) < 4:
        raise _Malformed("block too short")
    restarts = struct.unpack_from("<I", block, len(block) - 4)[0] & 0x7FFFFFFF
    end = len(block) - 4 - 4 * restarts
    if end < 0:
        raise _Malformed("bad restart count")
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < end:
        shared, pos = _varint(block, pos)
        non_shared, pos = _varint(block, pos)
        length = None
        if not delta:
            length, pos = _varint(block, pos)
        pos += non_shared  # the key
        start = pos
        if delta and shared and out:  # only the size, as a signed difference from the previous block's
            diff, pos = _varint(block, pos)
            diff = (diff >> 1) ^ -(diff & 1)
            offset, size = out[-1][0] + out[-1][1] + TRAILER, out[-1][1] + diff
        else:
            offset, pos = _varint(block, pos)
            size, pos = _varint(block, pos)
        if length is not None:
            pos = start + length
        if pos > end or size < 0:
            raise _Malformed("entry runs past its block")
        out.append((offset, size))
    return out


def _checksum(block: bytes, compression: int) -> int:
    import xxhash

    value = xxhash.xxh3_64_intdigest(block) & 0xFFFFFFFF
    return value ^ ((compression * _LAST_BYTE_PRIME) & 0xFFFFFFFF)


def _lz4(block: bytes) -> bytes:
    """A block RocksDB compressed with LZ4: the decompressed size (varint), then a raw LZ4 block."""
    import lz4.block

    size, pos = _varint(block, 0)
    try:
        return lz4.block.decompress(block[pos:], uncompressed_size=size)
    except lz4.block.LZ4BlockError as exc:
        raise _Malformed(f"index block does not decompress ({exc})") from exc


def check_table(path: Path) -> Damage | None:
    """The first damaged block of one table file, or None (sound, or a format not checked here)."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size < FOOTER:
            return Damage(path.name, 0, "shorter than a table footer")
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:  # read block by block, not all at once
            return _check_blocks(path.name, data, size)


def _check_blocks(name: str, data, size: int) -> Damage | None:
    footer = data[-FOOTER:]
    kind = footer[0]
    version, magic = struct.unpack_from("<IQ", footer, 41)
    if magic != MAGIC:
        return Damage(name, size - 8, "the table's magic number is gone")
    if kind != XXH3 or not 2 <= version <= 5:
        return None

    def block(offset: int, length: int, what: str) -> bytes:
        if offset < 0 or offset + length + TRAILER > size - FOOTER:
            raise _Malformed(f"{what} block handle points outside the file")
        contents = data[offset:offset + length]
        compression, stored = data[offset + length], struct.unpack_from("<I", data, offset + length + 1)[0]
        if _checksum(contents, compression) != stored:
            raise _Malformed(f"{what} block checksum mismatch")
        return contents

    where = size - FOOTER
    try:
        meta_offset, pos = _varint(footer, 1)
        meta_size, pos = _varint(footer, pos)
        index_offset, pos = _varint(footer, pos)
        index_size, pos = _varint(footer, pos)
        where = meta_offset
        metaindex = block(meta_offset, meta_size, "meta-index")
        where = index_offset
        index = block(index_offset, index_size, "index")
        compression = data[index_offset + index_size]
        if compression == LZ4:
            index = _lz4(index)
        elif compression != 0:
            return None  # a compression not read here
        for offset, length in _handles(metaindex, delta=False):
            where = offset
            block(offset, length, "meta")
        for offset, length in _handles(index, delta=version >= 4):
            where = offset
            block(offset, length, "data")
    except _Malformed as exc:
        return Damage(name, where, str(exc))
    return None


UNFINISHED = ("shorter than a table footer", "the table's magic number is gone")
"""What a table file looks like while RocksDB is still writing it: its footer (with the magic number) is
written last."""


def check_store_files(directory: str | Path, unfinished: list[Path] | None = None) -> Damage | None:
    """The first damaged block among a store directory's table files (``NNNNNN.sst``), or None.

    A table file without its footer yet (``UNFINISHED``) is passed over and, when ``unfinished`` is given,
    added to it: it is what a flush, compaction or bulk load a killed process left, which no version of the
    store refers to and RocksDB deletes when it opens the store; or a live table cut short, which then
    stays after the open (``GraphStore`` checks: it is damage). Several background jobs write at once, so
    such a file need not be the newest. A file deleted while the check runs (RocksDB's own cleanup) is
    not damage either."""
    tables = sorted(Path(directory).glob("[0-9]*.sst"), key=lambda t: (len(t.stem), t.stem))
    for table in reversed(tables):
        try:
            damage = check_table(table)
        except FileNotFoundError:
            continue
        except OSError as exc:
            return Damage(table.name, 0, f"cannot be read ({exc.strerror or exc})")
        if damage is not None and damage.what in UNFINISHED:
            if unfinished is not None:
                unfinished.append(table)
            continue
        if damage is not None:
            return damage
    return None


class DamagedStore(StoreError):
    """A store whose table files fail their checksums; ``damage`` says where."""

    def __init__(self, message: str, damage: Damage):
        super().__init__(message)
        self.damage = damage


def check_store(directory: str | Path) -> list[Path]:
    """DamagedStore naming the store, the damage and what to do, if a table file of ``directory`` is damaged;
    else the unfinished table files passed over (to look for again once the store is open: ``still_there``).

    ``KG_STORE_CHECK=off`` skips the check (for a checker mistaken about a format it does not know)."""
    if os.environ.get("KG_STORE_CHECK", "").lower() in ("off", "0", "no"):
        return []
    unfinished: list[Path] = []
    damage = check_store_files(directory, unfinished)
    if damage is not None:
        raise damaged(directory, damage)
    return unfinished


def still_there(directory: str | Path, unfinished: list[Path]) -> None:
    """After the store is opened: an unfinished table file RocksDB kept (it deletes those no version refers
    to) is part of the store, cut short: DamagedStore."""
    for table in unfinished:
        if table.exists():
            raise cut_short(directory, table)


def cut_short(directory: str | Path, table: Path) -> DamagedStore:
    """A table file of the store that lost its end (its footer)."""
    return damaged(directory, Damage(table.name, 0, "cut short: shorter than a table footer"))


def damaged(directory: str | Path, damage: Damage) -> DamagedStore:
    return DamagedStore(
        f"store {str(directory)!r} is damaged ({damage}), so its answers cannot be trusted; save what can "
        f"still be read with kg export --store {directory} -o saved.trig, then rebuild it from its inputs "
        "with kg build INPUT... --store NEW_DIR", damage)


def salvage(directory: str | Path) -> tuple[list, list[str]]:
    """(quads, lost graphs) of a damaged store: every named graph read on its own through a read-only handle;
    a graph whose blocks fail their checksums is left out and named."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(directory))
    quads, lost = [], []
    try:
        graphs = list(store.named_graphs())
    except (OSError, RuntimeError):
        return [], ["(the list of graphs)"]
    for graph in graphs:
        try:
            quads.extend(store.quads_for_pattern(None, None, None, graph))
        except (OSError, RuntimeError):
            lost.append(graph.value)
    try:
        quads.extend(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    except (OSError, RuntimeError):
        lost.append("(the default graph)")
    return quads, lost
