"""Give memory the C allocator holds back to the system, between steps that each allocate and free a lot.

glibc's allocator returns freed heap memory to the system only from the top of each heap, and only above
its trim threshold, which it raises as large blocks are freed; the rest stays with the process, resident.
The closing count of a build (kg.rdf.stats.refresh_embedded) runs grouping queries over the whole store
and loads their counts step by step: each step's buffers, freed at its end, stayed resident, and the steps
added up (20,000 short documents: the main process's peak 245 MB, 60 MB of it gained in the count).
``malloc_trim`` between the steps hands each step's freed memory back before the next one.

Fixing the allocator's thresholds instead (``mallopt``, the ``MALLOC_*_THRESHOLD_`` variables) did as much
for the count, but made spaCy's parse about 10 % slower (its arrays then mapped and unmapped each time),
in the workers that inherit it and in ``--jobs 1``.

Anywhere but glibc (macOS, musl, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None  # glibc only
    except (OSError, AttributeError):
        return None
    if trim is not None:
        trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def give_back() -> bool:
    """Return the allocator's free memory to the system now (a few milliseconds); False where there is no
    ``malloc_trim`` (not glibc)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
