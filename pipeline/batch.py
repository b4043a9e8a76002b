"""Batch: one run over a corpus, read → nlp → figures → claims → tables.

:func:`run_corpus` streams articles through an engine and the rows into a
:class:`~pipeline.tables.TableWriter`. Every problem is one line and a row ``{path,
error, detail}`` of errors.csv (``error``: a code of :data:`ERROR_CODES`; ``detail``: what
is wrong and what was done, ``…; skipped`` or ``…; processed``), and the batch goes on: a
document that crashes the pipeline is retried alone and, failing again, reported as
``failed``. Tables (errors.csv included) replace the previous ones only when at least one
document was processed; a run that processed nothing writes errors.csv alone.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from spacy.language import Language

from pipeline import atomic
from pipeline.chunks import merge_chunks, split_article
from pipeline.components.language_data import package_with
from pipeline.engines import analyse_article, make_engine, run_engine
from pipeline.manifest import Manifest, fingerprint
from pipeline.nlp import load_pipeline
from pipeline.outputs import (  # noqa: F401 — ERROR_CODES, OutputFolderError re-exported
    ERROR_CODES,
    OutputFolderError,
    complete,
    error_row,
    manifest_warning,
    open_output,
    write_errors,
)
from pipeline.read import Article, ReadError, UniqueIds, list_corpus, read_path, shown_path
from pipeline.registry import load_registry
from pipeline.tables import DocTables, TableWriter

FORMATS = ("csv", "parquet")


@dataclass
class RunOptions:
    """How a run goes (the ``claimtrace run`` options), in one place."""

    sources: tuple[str, ...] = ()
    #: a folder of lexicon files laid over the package's (pipeline.components.language_data)
    data_dir: str | None = None
    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    fmt: str = "csv"
    #: keep the folder's manifest up to date; with ``reuse``, take unchanged rows from it
    incremental: bool = False
    reuse: bool = True

    def __post_init__(self) -> None:
        self.sources = tuple(str(s) for s in self.sources)
        self.data_dir = str(self.data_dir) if self.data_dir is not None else None
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r}: expected one of {', '.join(FORMATS)}")

    @classmethod
    def of(cls, sources: Sequence[str] = (), **options) -> RunOptions:
        """From keyword arguments (``engine=``, ``fmt=``…); unknown names are an error."""
        known = {f.name for f in fields(cls)}
        if unknown := set(options) - known:
            raise TypeError(f"unknown run option(s): {', '.join(sorted(unknown))}")
        if sources:
            options["sources"] = tuple(sources)
        return cls(**options)


@dataclass
class RunSummary:
    documents: int = 0
    entities: int = 0
    figures: int = 0
    claims: int = 0
    sources: int = 0
    tokens: int = 0
    seconds: float = 0.0
    errors: list[dict] = field(default_factory=list)
    #: documents run through the model / taken unchanged from the manifest
    new: int = 0
    unchanged: int = 0


def read_articles(
    paths: Sequence[Path], root: Path, on_error: Callable[[dict], None]
) -> Iterator[Article]:
    """Articles from ``paths``; unreadable files (and .jsonl lines) go to ``on_error``
    and are skipped; problems that did not stop an article (its ``notes``) too. Doc ids
    are made unique (:class:`~pipeline.read.UniqueIds`)."""
    ids = UniqueIds(paths, root)
    for path in paths:
        try:
            for item in read_path(path, root, ids.doc_id(path)):
                if isinstance(item, tuple):
                    where, exc = item
                    done = "line skipped" if exc.kind == "bad_json_line" else "skipped"
                    on_error(error_row(where, exc.kind, f"{exc}; {done}"))
                    continue
                if clash := ids.claim(item, path):
                    on_error(error_row(item.path, "duplicate_id", clash))
                for kind, detail in item.notes:
                    on_error(error_row(item.path, kind, detail))
                yield item
        except Exception as exc:  # noqa: BLE001 — a reader bug must not end the batch
            on_error(error_row(shown_path(path), "failed", f"reader crashed ({exc!r}); skipped"))


class _InputFailed(Exception):
    """The article stream itself raised (not the engine): never a document to retry."""


def _lost_worker(exc: BaseException) -> bool:
    """A worker process died under the engine (killed, out of memory)."""
    return type(exc).__name__ in ("BrokenProcessPool", "KilledWorker")


def guarded(
    engine: Callable[[Iterable[Article]], Iterator[tuple[Article, DocTables]]],
    articles: Iterable[Article],
    nlp: Callable[[], Language],
    on_error: Callable[[dict], None],
    on_status: Callable[[str], None] | None = None,
) -> Iterator[tuple[Article, DocTables]]:
    """``engine(articles)``, surviving documents that crash it.

    When the engine raises, the articles it had taken but not given back are analysed
    again one by one in this process (``nlp()`` gives the pipeline); those that fail
    again are reported as ``failed``, the others go on, and the engine restarts on the
    rest of the stream. Assumes the engine gives articles back in input order (every
    claimtrace engine does, for byte-identical tables). An error of the article stream
    itself (reading, the manifest) is raised as it is: the run must fail, not end early
    with part of the corpus.
    """
    source = iter(articles)
    pending: dict[int, Article] = {}

    def taken(stream: Iterator[Article]) -> Iterator[Article]:
        while True:
            try:
                article = next(stream)
            except StopIteration:
                return
            except Exception as exc:
                raise _InputFailed() from exc
            pending[id(article)] = article
            yield article

    while True:
        try:
            for article, tables in engine(taken(source)):
                pending.pop(id(article), None)
                yield article, tables
            return
        except _InputFailed as exc:
            raise exc.__cause__ from None
        except Exception as exc:  # noqa: BLE001 — isolate the culprit below
            if not pending:
                raise
            retry = list(pending.values())
            pending.clear()
            if on_status is not None and _lost_worker(exc):
                on_status(
                    f"warning: a worker process was lost ({type(exc).__name__}: killed or "
                    f"out of memory); its {len(retry)} document(s) are retried"
                )
            for article in retry:
                try:
                    tables = analyse_article(article, nlp())
                except Exception as exc:  # noqa: BLE001
                    on_error(
                        error_row(
                            article.path or article.doc_id,
                            "failed",
                            f"pipeline crashed ({type(exc).__name__}: {exc}); skipped",
                        )
                    )
                    continue
                yield article, tables


def run_articles(
    articles: Iterable[Article],
    out_dir: Path,
    sources: Sequence[str] = (),
    on_document: Callable[[Article, bool, DocTables], None] | None = None,
    errors: list[dict] | None = None,
    on_error: Callable[[dict], None] | None = None,
    *,
    options: RunOptions | None = None,
    on_status: Callable[[str], None] | None = None,
    finish: Callable[[Path], None] | None = None,
    expected: int | None = None,
    **kwargs,
) -> RunSummary:
    """Process ``articles`` into the tables of ``out_dir``.

    ``options`` (or the same as keyword arguments: ``engine=``, ``fmt=``…, see
    :class:`RunOptions`) choose how documents are processed (:mod:`pipeline.engines`);
    the tables are byte-identical whatever they are. With ``incremental`` the folder's
    manifest is kept up to date and, when ``reuse``, unchanged articles take their rows
    from it instead of going through the model (:mod:`pipeline.manifest`).
    ``on_document(article, reused, tables)`` is called for each document as it is
    written, in corpus order; ``on_status(line)`` with what the run is doing (loading
    the model, starting workers, a lost worker). Everything is written into a staged
    folder first; ``finish(folder)`` may add files there (the review page, the workbook)
    before the whole set is moved into ``out_dir`` (:mod:`pipeline.atomic`).
    """
    opts = options or RunOptions.of(sources, **kwargs)
    if opts.fmt == "parquet":
        from pipeline.parquet import check_available

        check_available()
    started = time.perf_counter()
    # a bad registry or data folder fails here, before any worker starts
    load_registry(opts.sources)
    package_with(opts.data_dir)
    out_dir = Path(out_dir)
    summary = RunSummary(errors=errors if errors is not None else [])
    folder = open_output(out_dir)
    manifest = None
    runner = None
    try:
        # nothing to read: said before the model loads, and the previous tables stay
        stream = iter(articles)
        first = next(stream, None)
        if first is not None:
            runner = make_engine(
                opts.engine,
                opts.workers,
                opts.sources,
                opts.scheduler,
                on_status,
                expected,
                opts.data_dir,
            )
            if opts.incremental:
                manifest = Manifest.open(
                    out_dir, fingerprint(opts.sources, opts.data_dir), opts.reuse, folder
                )
                _warn_manifest(manifest, summary, on_error)
            _write_tables(
                runner,
                itertools.chain([first], stream),
                folder,
                opts,
                summary,
                (on_document, on_error, on_status),
                manifest,
            )
        if summary.documents:
            if manifest is not None:
                _warn_manifest(manifest, summary, on_error)  # damage found during the run
            complete(folder, out_dir, opts.fmt, summary.errors, manifest, finish)
        else:
            # nothing processed: the previous tables (and manifest) stay; errors.csv says why
            atomic.discard(folder)
            if manifest is not None:
                manifest.abort()
            write_errors(out_dir, summary.errors)
    except BaseException:
        if manifest is not None:
            manifest.abort()
        atomic.discard(folder)
        raise
    finally:
        if runner is not None:
            runner.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _warn_manifest(manifest: Manifest, summary: RunSummary, on_error) -> None:
    if (err := manifest_warning(manifest)) is not None:
        summary.errors.append(err)
        if on_error is not None:
            on_error(err)


def _write_tables(
    runner,
    articles: Iterable[Article],
    folder: Path,
    opts: RunOptions,
    summary: RunSummary,
    hooks: tuple,
    manifest: Manifest | None,
) -> None:
    """The rows of every article into the tables of the staged ``folder``; long
    articles go through in chunks (unless their rows come from the manifest)."""
    on_document, on_error, on_status = hooks
    reused_ids: set[int] = set()  # articles in flight whose rows came from the manifest
    # Rows found in the manifest wait here until the engine takes their article (held,
    # so its id stays unique meanwhile). The manifest is asked before long articles are
    # cut into chunks, so an unchanged long article is reused whole.
    known: dict[int, tuple[Article, DocTables]] = {}

    def split(article: Article) -> list[Article]:
        tables = manifest.lookup(article) if manifest is not None else None
        if tables is None:
            return split_article(article)
        known[id(article)] = (article, tables)
        reused_ids.add(id(article))
        return [article]

    def lookup(article: Article) -> DocTables | None:
        entry = known.pop(id(article), None)
        return entry[1] if entry is not None and entry[0] is article else None

    def engine_run(stream: Iterable[Article]) -> Iterator[tuple[Article, DocTables]]:
        for article, tables, _ in run_engine(stream, runner, lookup):
            yield article, tables

    def nlp() -> Language:
        # only for documents retried after an engine failure: built on first use
        return load_pipeline(opts.sources, data_dir=opts.data_dir)

    def report(err: dict) -> None:
        summary.errors.append(err)
        if on_error is not None:
            on_error(err)

    pieces = (chunk for article in articles for chunk in split(article))
    results = merge_chunks(guarded(engine_run, pieces, nlp, report, on_status))
    with TableWriter(folder, folder=folder) as writer:
        for article, tables in results:
            writer.write(tables)
            if manifest is not None:
                manifest.record(article, tables)
            reused = id(article) in reused_ids
            reused_ids.discard(id(article))
            if reused:
                summary.unchanged += 1
            else:
                summary.new += 1
                summary.tokens += tables.n_tokens
            if on_document is not None:
                on_document(article, reused, tables)
        writer.finish()
        summary.sources = len(writer.sources.rows())
    for name in ("documents", "entities", "figures", "claims"):
        setattr(summary, name, writer.counts[name])


def run_corpus(
    corpus: Path,
    out_dir: Path,
    sources: Sequence[str] = (),
    on_error: Callable[[dict], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[Article, bool, DocTables], None] | None = None,
    **options,
) -> RunSummary:
    """Process every article under ``corpus`` into the tables of ``out_dir``;
    ``options`` are :func:`run_articles`'s (``options=RunOptions(…)`` or its fields as
    keywords, ``on_status``, ``finish``)."""
    corpus = Path(corpus)
    errors: list[dict] = []

    def report(err: dict) -> None:
        errors.append(err)
        if on_error is not None:
            on_error(err)

    try:
        paths = list_corpus(
            corpus,
            lambda where, exc: report(error_row(where, exc.kind, f"{exc}; skipped")),
            skip=[Path(out_dir)],
        )
    except ReadError as exc:
        # bad arguments: errors.csv says so, the previous tables stay, the caller exits 2
        # (an output folder that cannot be written either: the message says enough)
        with contextlib.suppress(OSError):
            write_errors(out_dir, [error_row(shown_path(corpus), exc.kind, f"{exc}; nothing done")])
        raise
    if not paths:
        report(error_row(shown_path(corpus), "empty_corpus", "no file in the folder; nothing done"))
    if on_start is not None:
        on_start(len(paths))
    # one chunk per BATCH_SIZE files bounds the useful workers (not so for .jsonl files)
    jsonl = any(p.suffix.lower() == ".jsonl" for p in paths)
    articles = read_articles(paths, corpus, report)
    return run_articles(
        articles,
        out_dir,
        sources,
        on_document,
        errors,
        on_error=on_error,
        expected=None if jsonl else len(paths),
        **options,
    )
