"""A SPARQL query (text, dataset options, media type) → the answer's bytes, under a time and a row limit.

pyoxigraph cannot interrupt a query once it runs. So for a store directory ``kg serve`` evaluates each
query in one of a few worker processes (``QueryPool``), each with its own read-only handle on the
directory: a query still running at its time limit is stopped by ending its worker, and a new worker
takes its place. While serving, the pool holds the directory's lock, so no other process writes to it;
a SPARQL Update (``--allow-update``) waits for the running queries, is applied through a read-write
handle opened for it alone, and the workers reopen the store before their next query.

``InProcess`` evaluates in a thread of the server itself: for in-memory stores and systems without POSIX
locks. There a query past its limit gets its error answer but runs on to its end in the background.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from itertools import islice
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.results import ProtocolError, render

Spec = dict[str, object]
"""Dataset options as plain data (they cross to the workers): ``{"union": True}``, or
``{"default_graph": [IRI, ...], "named_graphs": [IRI, ...]}``."""


class Engine(Protocol):
    """What kg.serve needs of whatever evaluates its queries."""

    def query(self, query: str, spec: Spec, media: str, prefixes: dict[str, str]) -> bytes: ...

    def update(self, update: str) -> None: ...

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
    """Run a SPARQL Update, then recompute the derived counts (kg.rdf.stats) if the store kept them."""
    from kg.rdf.stats import DROP_STATS, current_query, refresh_update

    try:
        had_stats = bool(store.query(current_query()))
        store.update(update)
        store.update(refresh_update() if had_stats else DROP_STATS)
    except SyntaxError as exc:
        raise ProtocolError(400, f"invalid SPARQL update: {first_line(exc)}") from exc
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

    def query(self, query: str, spec: Spec, media: str, prefixes: dict[str, str]) -> bytes:
        if not self.running.acquire(blocking=False):
            raise ProtocolError(503, f"server busy: {self.size} queries are running; try again later")
        outcome: dict = {}

        def work() -> None:
            try:
                outcome["value"] = render(*evaluate(self.store, query, spec, self.max_rows, self.timeout),
                                          media, prefixes)
            except ProtocolError as exc:  # handed over as plain data: its traceback holds pyoxigraph objects
                outcome["error"] = (exc.status, str(exc))  # that must be dropped in the thread that made them
            except Exception as exc:  # noqa: BLE001 - answered as a 500
                outcome["error"] = (500, f"query failed: {first_line(exc)}")
            finally:
                self.running.release()

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            raise ProtocolError(503, f"query exceeded the time limit of {self.timeout:g} s (kg serve --timeout)")
        if "error" in outcome:
            raise ProtocolError(*outcome["error"])
        return outcome["value"]

    def update(self, update: str) -> None:
        apply_update(self.store, update)

    def close(self) -> None:
        if self._on_close is not None:
            self._on_close()


# ------------------------------------------------------------------------------------------ worker pool


def _serve_queries(path: str, conn) -> None:
    """A worker process: answer (query, spec, media, prefixes, generation) messages until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which ends its workers
    # Opened on the first query, not at start: the pool lets no update run while a query does, so a
    # read-only handle is never opened while the server's read-write one is writing.
    store, generation = None, -1
    while True:
        try:
            query, spec, media, prefixes, gen, max_rows, timeout = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if gen != generation or store is None:  # first query, or the store was updated since
                store = None
                store = ox.Store.read_only(path)
                generation = gen
            conn.send(("ok", render(*evaluate(store, query, spec, max_rows, timeout), media, prefixes)))
        except ProtocolError as exc:
            conn.send(("error", exc.status, str(exc)))
        except Exception as exc:  # noqa: BLE001 - answered as a 500, the worker goes on
            conn.send(("error", 500, f"query failed: {first_line(exc)}"))


class _Worker:
    def __init__(self, ctx, path: Path):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve_queries, args=(str(path), child), name="kg-query", daemon=True)
        self.proc.start()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)


class QueryPool:
    """``size`` worker processes over the store directory ``path``; holds the directory's lock meanwhile."""

    def __init__(self, path: str | Path, size: int, timeout: float, max_rows: int):
        from kg.errors import StoreError
        from kg.rdf.store import open_error

        self.path, self.size, self.timeout, self.max_rows = Path(path), size, timeout, max_rows
        if not (self.path / "CURRENT").is_file():  # RocksDB's pointer to its manifest: every store has one
            raise StoreError(f"invalid store {str(path)!r}: not an Oxigraph store directory; build one with: "
                             f"kg build INPUT... --store {path}")
        try:
            self._lock_fd = os.open(self.path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(open_error(self.path, exc)) from exc
        try:
            if not self._relock():
                raise OSError("LOCK held by another process")
            len(self)  # an Oxigraph directory, readable: else the workers would fail on every query
        except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB reports corruption so
            os.close(self._lock_fd)
            raise StoreError(open_error(self.path, exc)) from exc
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._gate = threading.Condition()  # queries wait while an update runs, an update for queries
        self._running, self._updating = 0, False
        self._write = threading.Lock()
        self._generation = 0
        self._closed = False
        self._refusing: str | None = None  # why queries and updates are refused (the lock was lost)
        try:
            for _ in range(size):
                self._add_worker()
        except BaseException:
            self.close()
            raise

    def _relock(self) -> bool:
        import fcntl

        try:
            fcntl.lockf(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _add_worker(self) -> None:
        worker = _Worker(self._ctx, self.path)
        with self._gate:
            if self._closed:
                worker.stop()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """End a worker (past its limit, or dead) now, and start another in its place in the background.

        Killed before its query's slot is given back, so an update waiting for the slots never opens the
        store for writing while the worker may still be reading it."""
        with self._gate:
            self._workers.discard(worker)
        if worker.proc.is_alive():
            worker.proc.kill()
            worker.proc.join(5)

        def swap() -> None:
            worker.stop()
            self._add_worker()

        threading.Thread(target=swap, name="kg-query-restart", daemon=True).start()

    def __len__(self) -> int:
        """The number of quads (read when the pool starts; not while an update may run)."""
        return len(ox.Store.read_only(str(self.path)))

    def _check_open(self) -> None:
        if self._closed:
            raise ProtocolError(503, "the server is shutting down")
        if self._refusing:
            raise ProtocolError(503, self._refusing)

    def query(self, query: str, spec: Spec, media: str, prefixes: dict[str, str]) -> bytes:
        with self._gate:
            while self._updating:
                self._gate.wait()
            self._check_open()
            self._running += 1
        try:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                raise ProtocolError(503, f"server busy: {self.size} queries are running; try again later") from None
            return self._ask(worker, (query, spec, media, prefixes, self._generation, self.max_rows, self.timeout))
        finally:
            with self._gate:
                self._running -= 1
                self._gate.notify_all()

    def _ask(self, worker: _Worker, message: tuple) -> bytes:
        try:
            worker.conn.send(message)
            if not worker.conn.poll(self.timeout):
                self._replace(worker)
                raise timed_out(self.timeout)
            reply = worker.conn.recv()
        except (EOFError, OSError) as exc:  # the worker died: the pool closing, or out of memory
            self._replace(worker)
            self._check_open()
            raise ProtocolError(500, "the query's worker process ended before answering (out of memory?); "
                                     "narrow the query") from exc
        self._idle.put(worker)
        if reply[0] == "ok":
            return reply[1]
        raise ProtocolError(reply[1], reply[2])

    def update(self, update: str) -> None:
        """Apply an update once no query runs (new ones wait); the workers reopen the store afterwards."""
        with self._write:
            with self._gate:
                self._check_open()
                self._updating = True
                while self._running:
                    self._gate.wait()
            try:
                self._apply(update)
            finally:
                with self._gate:
                    self._updating = False
                    self._gate.notify_all()

    def _apply(self, update: str) -> None:
        try:
            store = ox.Store(str(self.path))  # this process holds the lock, so the open succeeds
        except OSError as exc:
            raise ProtocolError(500, f"update failed: cannot open the store for writing: {first_line(exc)}") from None
        failure: ProtocolError | None = None
        try:
            apply_update(store, update)
            store.flush()
        except Exception as exc:  # noqa: BLE001 - kept as a plain error: its traceback would keep the store open
            failure = ProtocolError(getattr(exc, "status", 500), str(exc) or type(exc).__name__)
        # Closing the handle releases this process's POSIX lock on the directory (any close of it does):
        # take the lock again, and have the workers reopen the store before their next query.
        del store
        self._generation += 1
        if not self._relock():  # another process opened the directory in the moment it was free
            self._refusing = (f"another process opened {self.path} during an update; restart kg serve "
                              "once it has finished")
            print(f"error: {self._refusing}", file=sys.stderr)
        if failure is not None:
            raise failure

    def close(self) -> None:
        """End the workers and release the directory (a second call does nothing)."""
        with self._gate:
            if self._closed:
                return
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            worker.stop()
        os.close(self._lock_fd)
