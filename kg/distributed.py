"""``kg build --engine dask``: Sources → (spaCy on the workers of a dask.distributed cluster) → DocResults → store.

The client reads the inputs, skips documents the store already holds, sends chunks of Sources to the
cluster, and writes the DocResults that come back to the store in batches (``pipeline.run``). Each
worker process loads the spaCy pipeline once (``load_nlp`` is cached per process). A task is a pure
function of its chunk and is keyed by the chunk's content, so a task retried after a worker dies gives
the same results, and the store's document identity (identifier + content hash) makes writing them
again a no-op.

Workers need geokg and the spaCy pipeline installed, and are best started with one thread per
process (``dask worker ADDR --nworkers N --nthreads 1``): one process parses one chunk at a time.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import KGError
from kg.pipeline import BuildResult, Extracted, Unit, chunks, extract_chunk, run, unit_key
from kg.types import Source

_NLP_LOCK = threading.Lock()  # one chunk at a time per worker process, whatever its thread count


def extract_task(sources: list[Unit], model: str | None, without: frozenset[str] = frozenset()) -> list[Extracted]:
    """Runs on a worker: parse and extract one chunk with the process's cached pipeline."""
    from kg.extract.nlp import load_nlp

    with _NLP_LOCK:
        return extract_chunk(sources, load_nlp(model), without)


def _task_key(chunk: list[Unit], model: str | None, without: frozenset[str] = frozenset()) -> str:
    h = hashlib.sha256(((model or "") + "|" + ",".join(sorted(without))).encode())
    for s in chunk:
        h.update(unit_key(s).encode())
    return f"geokg-extract-{h.hexdigest()[:32]}"


def extract_dask(
    sources: Iterable[Source], client, model: str | None = None, window: int | None = None,
    without: frozenset[str] = frozenset(),
) -> Iterator[Extracted]:
    """Parse and extract on the cluster; results come back in input order, as the local engine gives
    them, so that a build's graph is the same whatever the engine (an entity's preferred label is the
    one its first document gives it: ``store.one_label``).

    At most ``window`` chunks (default: twice the cluster's threads, plus two) are in flight, so the
    client never holds more than that many chunks of text or results.
    """
    from collections import deque

    if window is None:
        window = 2 * max(1, sum(client.nthreads().values())) + 2
    running: deque = deque()
    for chunk in chunks(sources):
        running.append(client.submit(extract_task, chunk, model, without, key=_task_key(chunk, model, without), retries=2))
        if len(running) >= window:
            yield from _collect(running.popleft())
    while running:
        yield from _collect(running.popleft())


def _collect(future) -> list[Extracted]:
    results = future.result()
    future.release()
    return results


def build_dask(
    inputs: Iterable[str] | Iterable[Source],
    *,
    scheduler: str,
    store: str | Path | None = None,
    out: str | Path | None = None,
    date: str | None = None,
    model: str | None = None,
    without_rules: Iterable[str] = (),
    on_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """``pipeline.build`` with extraction on the dask.distributed cluster at ``scheduler`` (tcp://HOST:PORT)."""
    from kg.extract.registry import check_rules

    without = check_rules(without_rules)
    try:
        from distributed import Client
    except ImportError as exc:
        raise KGError("--engine dask needs dask.distributed; install it with 'pip install geokg[dask]'") from exc
    try:
        client = Client(scheduler, set_as_default=False)  # waits distributed.comm.timeouts.connect
    except OSError as exc:
        raise KGError(f"cannot reach the dask scheduler {scheduler!r}: {exc}; give tcp://HOST:PORT of a running scheduler") from exc
    with client:
        return run(
            inputs,
            lambda sources: extract_dask(sources, client, model=model, without=without),
            store=store,
            out=out,
            date=date,
            on_progress=on_progress,
        )
