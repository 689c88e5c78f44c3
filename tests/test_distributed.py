"""kg build --engine dask: extraction on a LocalCluster of two worker processes gives the same store as the
single-process build, also when a worker is killed mid-build and its tasks are retried elsewhere."""

from __future__ import annotations

import os
import signal

import pytest
from conftest import import_or_fail_in_ci

from kg.pipeline import build

distributed = import_or_fail_in_ci("distributed", "dask.distributed is not installed: pip install geokg[dask]")

pytestmark = [pytest.mark.model, pytest.mark.slow]

SEEDS = os.path.join(os.path.dirname(__file__), "..", "seeds", "0[1-3]-*.txt")  # three articles


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as c:
        yield c


def nquads(store) -> list[bytes]:
    return sorted(store.export("nq").splitlines())


def _model_loaded() -> int:
    from kg.extract.nlp import load_nlp

    return load_nlp.cache_info().currsize


def test_distributed_equals_single_process_despite_a_killed_worker(cluster, monkeypatch, tmp_path):
    import kg.pipeline
    from kg.distributed import build_dask

    monkeypatch.setattr(kg.pipeline, "CHUNK_DOCS", 1)  # one task per document: both workers get some
    with distributed.Client(cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_one_worker(docs: int, words: int) -> None:
        if not killed:  # a task is retried on the other worker (or on the nanny's replacement)
            killed.append(next(iter(pids.values())))
            os.kill(killed[0], signal.SIGKILL)

    store = tmp_path / "store"
    result = build_dask([SEEDS], scheduler=cluster.scheduler_address, store=store, on_progress=kill_one_worker)
    assert killed and result.report.documents == 3 and not result.report.skipped
    reference = build([SEEDS], jobs=1, store=tmp_path / "reference")  # persistent too: same stats graph
    assert nquads(result.store) == nquads(reference.store)
    assert result.report.relations == reference.report.relations
    with distributed.Client(cluster, set_as_default=False) as client:
        assert sum(client.run(_model_loaded).values()) >= 1  # the workers parsed, not the client
    del result

    again = build_dask([SEEDS], scheduler=cluster.scheduler_address, store=store)
    assert (again.report.documents, again.report.unchanged) == (0, 3)


def test_distributed_unreachable_scheduler_is_one_clear_error():
    import dask

    from kg.distributed import build_dask
    from kg.errors import KGError

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(KGError, match="cannot reach the dask scheduler 'tcp://127.0.0.1:9'"):
        build_dask([SEEDS], scheduler="tcp://127.0.0.1:9")
