"""Give BLIS its optimised kernels on an x86-64 CPU it does not recognise: once per process, before parsing.

thinc multiplies spaCy's matrices with BLIS (the ``blis`` package, 1.3.x), which picks its kernels by the CPU
model. A CPU newer than its table (AMD's family 0x1A, Zen 5, is one) gets the "generic" reference kernels,
plain C, about four times slower than the AVX kernels the same build ships. BLIS exports the functions
that fill a context with a named sub-configuration's kernels and block sizes (``bli_cntx_init_skx``,
``bli_cntx_init_haswell``, ...), so when it chose "generic" and the CPU has the instructions a shipped
sub-configuration needs, the generic context is filled with that one's: Skylake-X's AVX-512 kernels, else
Haswell's AVX2/FMA kernels. A product checked against numpy afterwards confirms it (the generic kernels are
restored if it disagrees). The parse is the same up to float rounding (no tag, head, label or entity
differed on 71k tokens) and takes about 15% less CPU than with OpenBLAS (``kg.extract.nlp.matmul_by_numpy``,
what geokg uses when BLIS keeps its generic kernels); the parser's and NER's per-step products, which thinc
sends to BLIS from compiled code, gain too.

BLIS also settles for Haswell's kernels on an AVX-512 CPU whose model it does not know to have two FMA
units (it cannot tell from the model number a virtual machine shows: this project's Intel Xeon VM, family
6 model 167, is one). There the Skylake-X kernels measured 1.35x faster on the token-to-vector layers'
shapes (2,000 x 96 x 288: 81 -> 114 GFLOP/s on one thread) and the whole parse ~6% less CPU, so a
"haswell" choice is upgraded the same way when the CPU has AVX-512 (``UPGRADES``). Any other choice BLIS
made is left as it is; $KG_BLIS_KERNELS=off leaves every choice as it is.
"""

from __future__ import annotations

import ctypes
import functools
import os
from pathlib import Path

KERNELS_ENV = "KG_BLIS_KERNELS"
GENERIC = "generic"
# BLIS's choices that are replaced by the best CONFIGS entry the CPU can run, when that one is better
UPGRADES = (GENERIC, "haswell")

# Sub-configurations to fill the generic context with, best first, and the CPU features (as /proc/cpuinfo
# names them) their kernels use: BLIS's own requirements for selecting each one.
CONFIGS = (
    ("skx", frozenset({"avx512f", "avx512dq", "avx512bw", "avx512vl", "avx2", "fma"})),
    ("haswell", frozenset({"avx2", "fma"})),
)


def cpu_flags(cpuinfo: str) -> frozenset[str]:
    """The features on the first "flags" line of a /proc/cpuinfo text (empty when there is none)."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


def kernels_for(flags: frozenset[str], shipped: set[str]) -> str | None:
    """The best sub-configuration among ``shipped`` whose kernels the CPU with ``flags`` can run."""
    return next((name for name, needs in CONFIGS if name in shipped and needs <= flags), None)


@functools.cache
def blis_kernels() -> str:
    """The BLIS sub-configuration whose kernels this process multiplies with, after switching from the
    generic (or Haswell's) ones where possible (see the module's doc); "unknown" if BLIS cannot be asked."""
    try:
        import blis.cy

        lib = ctypes.CDLL(blis.cy.__file__)  # the library already loaded: the same handle, the same state
        lib.bli_arch_query_id.restype = ctypes.c_int
        lib.bli_arch_string.restype = ctypes.c_char_p
        lib.bli_arch_string.argtypes = [ctypes.c_int]
        lib.bli_gks_query_cntx.restype = ctypes.c_void_p
        lib.bli_init_once()
        chosen = lib.bli_arch_string(lib.bli_arch_query_id()).decode()
    except (ImportError, OSError, AttributeError):  # another BLIS build, or none: nothing to change
        return "unknown"
    if chosen not in UPGRADES or os.environ.get(KERNELS_ENV, "").lower() in ("off", "0", "false", "no"):
        return chosen
    try:
        flags = cpu_flags(Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace"))
    except OSError:  # not Linux: no cheap way to ask the CPU, keep what BLIS chose
        return chosen
    shipped = {name for name, _ in CONFIGS if hasattr(lib, f"bli_cntx_init_{name}")}
    name = kernels_for(flags, shipped)
    if name is None or not better(name, chosen):
        return chosen
    context = ctypes.c_void_p(lib.bli_gks_query_cntx())
    getattr(lib, f"bli_cntx_init_{name}")(context)
    if not _agrees_with_numpy():
        getattr(lib, f"bli_cntx_init_{chosen}")(context)
        return chosen
    return name


def better(name: str, chosen: str) -> bool:
    """Are ``name``'s kernels (a CONFIGS entry) better than those of BLIS's choice ``chosen``?"""
    ranks = [n for n, _ in CONFIGS]
    return chosen == GENERIC or (chosen in ranks and ranks.index(name) < ranks.index(chosen))


def _agrees_with_numpy() -> bool:
    """Do BLIS's products (shapes of spaCy's layers and of the parser's steps) match numpy's?"""
    import blis.py
    import numpy

    rng = numpy.random.default_rng(17)
    for m, k, n in ((1, 1, 1), (3, 96, 288), (32, 64, 100), (257, 96, 384)):
        a = rng.standard_normal((m, k), dtype="float32")
        b = rng.standard_normal((k, n), dtype="float32")
        if not numpy.allclose(blis.py.gemm(a, b), a.astype("float64") @ b, rtol=1e-4, atol=1e-3):
            return False
    return True
