"""BLIS's optimised kernels for a CPU it does not recognise (kg.extract.blis_kernels): which sub-configuration
a CPU's features allow, and, in a fresh process, that the products stay right and $KG_BLIS_KERNELS=off
leaves BLIS's own choice."""

from __future__ import annotations

import os
import subprocess
import sys

from kg.extract.blis_kernels import CONFIGS, UPGRADES, better, cpu_flags, kernels_for

SHIPPED = {name for name, _ in CONFIGS}
CPUINFO = """processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 26
flags\t\t: fpu sse sse2 avx avx2 fma bmi2 {extra}
bugs\t\t: sysret_ss_attrs
"""


def test_cpu_flags_reads_the_first_flags_line():
    flags = cpu_flags(CPUINFO.format(extra="avx512f") + "flags\t: other")
    assert {"avx2", "fma", "avx512f"} <= flags and "other" not in flags and "sysret_ss_attrs" not in flags
    assert cpu_flags("processor : 0\n") == frozenset()


def test_kernels_for_takes_the_best_the_cpu_can_run():
    avx512 = "avx512f avx512dq avx512bw avx512vl"
    assert kernels_for(cpu_flags(CPUINFO.format(extra=avx512)), SHIPPED) == "skx"
    assert kernels_for(cpu_flags(CPUINFO.format(extra="avx512f")), SHIPPED) == "haswell"  # AVX-512 in part
    assert kernels_for(cpu_flags(CPUINFO.format(extra=avx512)), {"haswell"}) == "haswell"  # skx not in the build
    assert kernels_for(frozenset({"sse2", "avx"}), SHIPPED) is None  # no FMA: BLIS's own choice stays
    assert kernels_for(frozenset(), SHIPPED) is None


CHECK = """
import blis.py, numpy
from kg.extract.blis_kernels import blis_kernels
name = blis_kernels()
rng = numpy.random.default_rng(3)
a, b = rng.standard_normal((40, 96), dtype="float32"), rng.standard_normal((96, 70), dtype="float32")
assert numpy.allclose(blis.py.gemm(a, b), a.astype("float64") @ b, rtol=1e-4, atol=1e-3)
print(name)
"""


def run(env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "KG_BLIS_KERNELS"}
    if env_value is not None:
        env["KG_BLIS_KERNELS"] = env_value
    out = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_only_generic_or_haswell_choices_are_upgraded_and_only_to_better_kernels():
    assert better("skx", "generic") and better("haswell", "generic")
    assert better("skx", "haswell")  # an AVX-512 CPU BLIS gave Haswell's kernels
    assert not better("haswell", "haswell") and not better("haswell", "skx")
    assert not better("skx", "zen2")  # a choice outside CONFIGS is BLIS's own knowledge: kept
    assert set(UPGRADES) == {"generic", "haswell"}


def test_blis_kernels_multiply_right_and_can_be_switched_off():
    chosen = run("off")  # what BLIS picked for this CPU by itself
    name = run(None)
    assert chosen and name
    if chosen in UPGRADES and name != chosen:  # a Zen 5 BLIS 1.3 does not know; an AVX-512 VM given Haswell's
        assert name in SHIPPED and better(name, chosen)
    else:
        assert name == chosen  # any other choice (or a CPU without the instructions) stays BLIS's
