"""A SPARQL query or update (text, dataset options, media type) → the answer's bytes, under a time, a row
and a memory limit.

pyoxigraph cannot interrupt a query once it runs. So for a store directory ``kg serve`` evaluates each
query in one of a few worker processes of a pebble ``ProcessPool``, each with its own read-only handle on
the directory and its data segment limited (``--max-memory``): a query still running at its time limit is
stopped by ending its worker (pebble starts another in its place), one that allocates past the memory
limit ends its worker itself, and either is answered 503. A query whose client has gone is stopped the
same way. While serving, the pool holds the directory's lock, so no other process writes to it. A SPARQL
Update (``--allow-update``) waits for the running queries (new ones are answered 503 meanwhile), and is
applied in a worker too, through a read-write handle opened for it alone, under the same limits: the
pool lets go of the lock for it and takes it back after; the workers reopen the store before their next
query.

``InProcess`` evaluates in a thread of the server itself: for in-memory stores and systems without POSIX
locks. There a query or update past its limit gets its error answer but runs on to its end in the
background, and there is no memory limit.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Protocol

import pebble
import pyoxigraph as ox

from kg.results import ProtocolError, render

Spec = dict[str, object]
"""Dataset options as plain data (they cross to the workers): ``{"union": True}``, or
``{"default_graph": [IRI, ...], "named_graphs": [IRI, ...]}``."""


class Engine(Protocol):
    """What kg.serve needs of whatever evaluates its queries."""

    def query(self, query: str, spec: Spec, media: str, prefixes: dict[str, str],
              gone: Callable[[], bool] | None = None) -> bytes: ...

    def update(self, update: str, gone: Callable[[], bool] | None = None) -> None: ...

    def close(self) -> None: ...

    def __len__(self) -> int: ...


def ox_options(spec: Spec) -> dict:
    """``Store.query`` keyword arguments for a dataset spec."""
    if spec.get("union"):
        return {"use_default_graph_as_union": True}
    out: dict = {}
    if spec.get("default_graph"):
        out["default_graph"] = [ox.NamedNode(u) for u in spec["default_graph"]]  # type: ignore[union-attr]
    if spec.get("named_graphs"):
        out["named_graphs"] = [ox.NamedNode(u) for u in spec["named_graphs"]]  # type: ignore[union-attr]
    return out


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def timed_out(timeout: float) -> ProtocolError:
    return ProtocolError(503, f"query exceeded the time limit of {timeout:g} s (kg serve --timeout); it was stopped")


def evaluate(store: ox.Store, query: str, spec: Spec, max_rows: int, timeout: float):
    """(kind, variables, rows) of a query: kind "boolean", "solutions" or "triples"; ProtocolError for a
    bad query or a limit passed (checked between rows; a worker is ended if its first row never comes)."""
    deadline = time.monotonic() + timeout
    try:
        result = store.query(query, **ox_options(spec))
        if isinstance(result, ox.QueryBoolean):
            return "boolean", None, bool(result)
        variables = [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else None
        rows = []
        for item in islice(result, max_rows + 1):
            if time.monotonic() > deadline:
                raise timed_out(timeout)
            rows.append(item if variables is None else [item[i] for i in range(len(variables))])
    except SyntaxError as exc:
        raise ProtocolError(400, f"invalid SPARQL query: {first_line(exc)}") from exc
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        raise ProtocolError(400, f"query failed: {first_line(exc)}") from exc
    if len(rows) > max_rows:
        what = "rows" if variables is not None else "triples"
        raise ProtocolError(413, f"result has more than {max_rows} {what}, the limit (kg serve --max-rows); "
                                 "add LIMIT or narrow the query")
    return ("solutions" if variables is not None else "triples"), variables, rows


def apply_update(store: ox.Store, update: str) -> None:
    """Run a SPARQL Update, then recompute the derived counts (kg.rdf.stats) if the store kept them.

    The counts are dropped in the update's own transaction: a process ended in the middle (a time limit)
    leaves the update unapplied and the counts as they were, or the counts absent, never stale."""
    from kg.rdf.stats import DROP_STATS, current_query, refresh_embedded

    prefix = f"{DROP_STATS} ; "
    had_stats = False
    try:
        had_stats = bool(store.query(current_query()))
        store.update(prefix + update if had_stats else update)
        if had_stats:
            refresh_embedded(store)
    except SyntaxError as exc:
        message = first_line(exc)
        if had_stats:  # positions on the first line as in the text the user sent
            message = re.sub(r"^error at 1:(\d+)", lambda m: f"error at 1:{int(m[1]) - len(prefix)}", message)
        raise ProtocolError(400, f"invalid SPARQL update: {message}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise ProtocolError(500, f"update failed: {first_line(exc)}") from exc


# ------------------------------------------------------------------------------------------ in process


class InProcess:
    """Queries in threads of this process over one pyoxigraph Store (a query past its limit runs on)."""

    def __init__(self, store: ox.Store, size: int, timeout: float, max_rows: int, on_close=None):
        self.store, self.timeout, self.max_rows = store, timeout, max_rows
        self.running = threading.BoundedSemaphore(size)
        self.size = size
        self._on_close = on_close

    def __len__(self) -> int:
        return len(self.store)

    def query(self, query: str, spec: Spec, media: str, prefixes: dict[str, str],
              gone: Callable[[], bool] | None = None) -> bytes:
        return self._in_thread(lambda: render(*evaluate(self.store, query, spec, self.max_rows, self.timeout),
                                              media, prefixes), "query")

    def update(self, update: str, gone: Callable[[], bool] | None = None) -> None:
        self._in_thread(lambda: apply_update(self.store, update), "update")

    def _in_thread(self, work, what: str):
        if not self.running.acquire(blocking=False):
            raise ProtocolError(503, f"server busy: {self.size} requests are running; try again later")
        outcome: dict = {}

        def run() -> None:
            try:
                outcome["value"] = work()
            except ProtocolError as exc:  # handed over as plain data: its traceback holds pyoxigraph objects
                outcome["error"] = (exc.status, str(exc))  # that must be dropped in the thread that made them
            except Exception as exc:  # noqa: BLE001 - answered as a 500
                outcome["error"] = (500, f"{what} failed: {first_line(exc)}")
            finally:
                self.running.release()

        worker = threading.Thread(target=run, name=f"sparql-{what}", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():  # a thread cannot be stopped: it runs on, and an update may still be applied
            raise ProtocolError(503, f"{what} exceeded the time limit of {self.timeout:g} s (kg serve --timeout)"
                                + ("; it could not be stopped and may still be applied" if what == "update" else ""))
        if "error" in outcome:
            raise ProtocolError(*outcome["error"])
        return outcome.get("value")

    def close(self) -> None:
        if self._on_close is not None:
            self._on_close()


# ------------------------------------------------------------------------------------------ worker pool

_OPEN: dict[str, object] = {}
"""In a worker process: the read-only store it queries and the generation it was opened at."""


def _start_worker(max_memory: int | None) -> None:
    """Each worker process, as it starts: SIGTERM ends it at once (pebble stops a task past its time limit
    with SIGTERM; a query inside Oxigraph's native code would never reach Python's handler), and the data
    segment is limited to ``max_memory`` bytes (an allocation past it fails and ends the worker)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ["RUST_BACKTRACE"] = "0"  # a failed allocation prints its one line, not a backtrace
    if max_memory:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))


def _query_task(path: str, generation: int, query: str, spec: Spec, media: str, prefixes: dict[str, str],
                max_rows: int, timeout: float) -> tuple:
    """In a worker: one query → ("ok", bytes) or ("error", status, message), plain data for the pipe."""
    try:
        if _OPEN.get("generation") != generation:  # first query, or the store was updated since
            _OPEN.clear()
            _OPEN["store"] = ox.Store.read_only(path)
            _OPEN["generation"] = generation
        return "ok", render(*evaluate(_OPEN["store"], query, spec, max_rows, timeout), media, prefixes)  # type: ignore[arg-type]
    except ProtocolError as exc:
        return "error", exc.status, str(exc)
    except MemoryError:
        return ("memory",)
    except Exception as exc:  # noqa: BLE001 - answered as a 500, the worker goes on
        return "error", 500, f"query failed: {first_line(exc)}"


def _update_task(path: str, update: str) -> tuple:
    """In a worker: one SPARQL Update through a read-write handle opened for it alone (the server let go of
    the directory's lock for it), closed before the answer so the server can take the lock back."""
    _OPEN.clear()
    try:
        store = ox.Store(path)
    except OSError as exc:
        return "error", 500, f"update failed: cannot open the store for writing: {first_line(exc)}"
    try:
        apply_update(store, update)
        store.flush()
        return ("ok", None)
    except ProtocolError as exc:
        return "error", exc.status, str(exc)
    except MemoryError:
        return ("memory",)
    except Exception as exc:  # noqa: BLE001
        return "error", 500, f"update failed: {first_line(exc)}"
    finally:
        del store


def _store_size(path: str) -> int:
    return len(ox.Store.read_only(path))


class ClientGone(ProtocolError):
    """The client closed its connection while its request was evaluated; the work was stopped."""

    def __init__(self) -> None:
        super().__init__(499, "client closed the connection")


class QueryPool:
    """``size`` worker processes (a pebble ProcessPool) over the store directory ``path``, each limited to
    ``max_memory`` bytes; holds the directory's lock, except while a worker applies an update."""

    POLL_S = 0.2  # how often a waiting request looks whether its client is still there

    def __init__(self, path: str | Path, size: int, timeout: float, max_rows: int, max_memory: int | None = None):
        from kg.errors import StoreError
        from kg.rdf.integrity import check_store
        from kg.rdf.store import open_error

        self.path, self.size, self.timeout, self.max_rows = Path(path), size, timeout, max_rows
        self.max_memory = max_memory
        if not (self.path / "CURRENT").is_file():  # RocksDB's pointer to its manifest: every store has one
            raise StoreError(f"invalid store {str(path)!r}: not an Oxigraph store directory; build one with: "
                             f"kg build INPUT... --store {path}")
        check_store(self.path)  # damaged table files: one line now, not runaway workers later
        try:
            self._lock_fd = os.open(self.path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(open_error(self.path, exc)) from exc
        try:
            if not self._relock():
                raise OSError("LOCK held by another process")
            self._size = _store_size(str(self.path))  # readable: else the workers would fail on every query
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB reports corruption so
            os.close(self._lock_fd)
            raise StoreError(open_error(self.path, exc)) from exc
        self._gate = threading.Condition()  # no query starts while an update runs; an update waits for queries
        self._running, self._updating = 0, False
        self._write = threading.Lock()
        self._generation = 0
        self._closed = False
        self._refusing: str | None = None  # why queries and updates are refused (the lock was lost)
        self._pool = pebble.ProcessPool(max_workers=size, initializer=_start_worker, initargs=(max_memory,),
                                        context=multiprocessing.get_context("spawn"))
        try:  # start the workers now, and see that one can read the store within the memory limit
            self._wait(self._pool.schedule(_store_size, args=(str(self.path),)), None)
        except BaseException as exc:
            self.close()
            if isinstance(exc, ProtocolError):
                raise StoreError(f"kg serve cannot query {str(path)!r} in a worker process: {exc}") from None
            raise

    def _relock(self) -> bool:
        import fcntl

        try:
            fcntl.lockf(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def __len__(self) -> int:
        """The number of quads, read when the pool started."""
        return self._size

    def _check_open(self) -> None:
        if self._closed:
            raise ProtocolError(503, "the server is shutting down")
        if self._refusing:
            raise ProtocolError(503, self._refusing)

    def _wait(self, future, gone: Callable[[], bool] | None, what: str = "query") -> object:
        """The value a worker task returned; its errors as ProtocolError (a time or memory limit: 503)."""
        while not future.done():
            concurrent.futures.wait([future], timeout=self.POLL_S)
            if not future.done() and gone is not None and gone():
                future.cancel()  # pebble ends the worker running it
                time.sleep(3 * self.POLL_S)  # and does so within its next round (0.1 s): then give the slot back
                raise ClientGone()
        try:
            reply = future.result()
        except TimeoutError:  # pebble ended the worker at the time limit
            stopped = "; it was stopped" + (" and nothing of it was applied" if what == "update" else "")
            raise ProtocolError(503, f"{what} exceeded the time limit of {self.timeout:g} s (kg serve --timeout)"
                                     f"{stopped}") from None
        except pebble.ProcessExpired as exc:  # the worker died: an allocation past --max-memory aborts it
            if self.max_memory and exc.exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGKILL):
                reply = ("memory",)
            else:
                raise ProtocolError(500, f"the {what}'s worker process ended before answering "
                                         f"(exit {exc.exitcode}); narrow the {what}") from None
        except concurrent.futures.CancelledError:
            raise ClientGone() from None
        except Exception as exc:  # noqa: BLE001 - the pool itself failed
            self._check_open()
            raise ProtocolError(500, f"{what} failed: {first_line(exc)}") from None
        if isinstance(reply, tuple) and reply[0] == "memory":
            limit = f"{self.max_memory / 2**20:g} MB" if self.max_memory else "the memory available"
            raise ProtocolError(503, f"{what} exceeded the memory limit of {limit} (kg serve --max-memory); "
                                     f"it was stopped" + (" and nothing of it was applied" if what == "update" else ""))
        if isinstance(reply, tuple) and reply[0] == "error":
            raise ProtocolError(reply[1], reply[2])
        return reply[1] if isinstance(reply, tuple) else reply

    def query(self, query: str, spec: Spec, media: str, prefixes: dict[str, str],
              gone: Callable[[], bool] | None = None) -> bytes:
        """Evaluate in a free worker; 503 at once when all are busy or an update is being applied."""
        with self._gate:
            self._check_open()
            if self._updating:
                raise ProtocolError(503, "an update is being applied; try the query again in a moment")
            if self._running >= self.size:
                raise ProtocolError(503, f"server busy: {self.size} queries are running; try again later")
            self._running += 1
        try:
            args = (str(self.path), self._generation, query, spec, media, prefixes, self.max_rows, self.timeout)
            return self._wait(self._pool.schedule(_query_task, args=args, timeout=self.timeout), gone)  # type: ignore[return-value]
        finally:
            with self._gate:
                self._running -= 1
                self._gate.notify_all()

    def update(self, update: str, gone: Callable[[], bool] | None = None) -> None:
        """Apply an update in a worker, under the time and memory limits, once no query runs (queries that
        arrive meanwhile are answered 503); the workers reopen the store afterwards."""
        if not self._write.acquire(timeout=self.timeout):
            raise ProtocolError(503, "another update is being applied; try again later")
        try:
            with self._gate:
                self._check_open()
                self._updating = True
                deadline = time.monotonic() + self.timeout + 5  # running queries end by their time limit
                while self._running and time.monotonic() < deadline:
                    self._gate.wait(deadline - time.monotonic())
                if self._running:
                    self._updating = False
                    self._gate.notify_all()
                    raise ProtocolError(503, "queries are still running; try the update again later")
            try:
                self._apply(update, gone)
            finally:
                with self._gate:
                    self._updating = False
                    self._gate.notify_all()
        finally:
            self._write.release()

    def _apply(self, update: str, gone: Callable[[], bool] | None = None) -> None:
        import fcntl

        fcntl.lockf(self._lock_fd, fcntl.LOCK_UN)  # the worker applying it opens the directory read-write
        try:
            self._wait(self._pool.schedule(_update_task, args=(str(self.path), update), timeout=self.timeout),
                       gone, "update")
        finally:
            self._generation += 1  # every worker reopens the store before its next query
            deadline = time.monotonic() + 5  # a worker being ended lets go of the lock as it dies
            while not self._relock():
                if time.monotonic() > deadline:  # another process opened the directory while it was free
                    self._refusing = (f"another process opened {self.path} during an update; restart kg serve "
                                      "once it has finished")
                    print(f"error: {self._refusing}", file=sys.stderr)
                    break
                time.sleep(0.05)

    def close(self) -> None:
        """End the workers and release the directory (a second call does nothing)."""
        with self._gate:
            if self._closed:
                return
            self._closed = True
        self._pool.stop()
        self._pool.join()
        os.close(self._lock_fd)
