"""`make bench`: run every bench/bench_*.py in turn, each in its own process, and print what it prints.

A benchmark that fails or runs past its time limit is reported and the next one runs; the exit status
is 1 if any of them failed. ``BENCH_TIMEOUT`` (seconds, default 1800) limits each one;
``python bench/run.py scale store`` runs only the named ones.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(only: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in only]
    timeout = float(os.environ.get("BENCH_TIMEOUT", "1800"))
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        start = time.monotonic()
        # its own process group, so that a benchmark stopped for time takes its children with it
        proc = subprocess.Popen([sys.executable, str(script)], cwd=HERE.parent, start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
            status = "ok" if code == 0 else f"FAILED (exit status {code})"
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            status = f"FAILED (stopped after {timeout:.0f} s)"
        except KeyboardInterrupt:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        if status != "ok":
            failed.append(script.name)
        print(f"=== {script.name}: {status} in {time.monotonic() - start:.0f} s ===", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
