"""Batch: one run over a corpus, read → nlp → figures → claims → tables.

:func:`run_corpus` streams articles through an engine and the rows into a
:class:`~pipeline.tables.TableWriter`; files that cannot be read are reported (one
line each, and a row in ``errors.csv``) and the batch goes on.

Error reporting: every problem is a row ``{path, error, detail}`` where ``error`` is a
short code (:data:`ERROR_CODES`) and ``detail`` says what is wrong and what was done
(``…; skipped`` or ``…; processed``). A document that crashes the pipeline is retried
alone and, if it fails again, reported as ``failed`` while the rest goes on.
Tables (errors.csv included) replace the previous ones only when at least one document
was processed; a run that processed nothing writes errors.csv alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from pipeline.chunks import merge_chunks, split_article
from pipeline.engines import analyse_article, make_engine, run_engine
from pipeline.manifest import Manifest, fingerprint
from pipeline.nlp import load_pipeline
from pipeline.read import Article, ReadError, list_corpus, read_path
from pipeline.registry import load_registry
from pipeline.tables import TABLES, TEMP_PREFIX, DocTables, TableWriter, write_csv

ERROR_COLUMNS = ["path", "error", "detail"]
FORMATS = ("csv", "parquet")
#: ``error`` codes of errors.csv; the README's Troubleshooting section explains each.
ERROR_CODES = {
    "missing_corpus": "the corpus folder does not exist (exit 2)",
    "empty_corpus": "the corpus folder holds no file (exit 1)",
    "unsupported": "not an article file (.pdf, .jpg, .csv…); skipped",
    "unreadable": "the file cannot be opened (permissions, I/O error); skipped",
    "empty": "empty file, or a page with no text; skipped",
    "binary": "a binary file (PDF, image, archive) named like an article; skipped",
    "undecodable": "bytes that are neither UTF-8 nor a Western encoding; skipped",
    "bad_json_line": "a .jsonl line that is not {id, text…}; that line skipped",
    "too_long": "an article over the length limit; skipped",
    "failed": "the pipeline crashed on this document; skipped",
    "replaced_bytes": "a few invalid UTF-8 bytes replaced by U+FFFD; processed",
    "not_french": "the text does not look French; processed, see documents.lang",
}


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


def error_row(path: str, kind: str, detail: str) -> dict:
    """A row of errors.csv."""
    return {"path": path, "error": kind, "detail": detail}


def read_articles(paths: Sequence[Path], root: Path, on_error: Callable[[dict], None]):
    """Articles from ``paths``; unreadable files (and .jsonl lines) go to ``on_error``
    and are skipped; problems that did not stop an article (its ``notes``) too."""
    for path in paths:
        try:
            for item in read_path(path, root):
                if isinstance(item, tuple):
                    where, exc = item
                    done = "line skipped" if exc.kind == "bad_json_line" else "skipped"
                    on_error(error_row(where, exc.kind, f"{exc}; {done}"))
                    continue
                for kind, detail in item.notes:
                    on_error(error_row(item.path, kind, detail))
                yield item
        except Exception as exc:  # noqa: BLE001 — a reader bug must not end the batch
            on_error(error_row(path.as_posix(), "failed", f"reader crashed ({exc!r}); skipped"))


def guarded(
    engine: Callable[[Iterable[Article]], Iterator[tuple[Article, DocTables]]],
    articles: Iterable[Article],
    nlp: Callable[[], Language],
    on_error: Callable[[dict], None],
) -> Iterator[tuple[Article, DocTables]]:
    """``engine(articles)``, surviving documents that crash it.

    When the engine raises, the articles it had taken but not given back are analysed
    again one by one in this process (``nlp()`` gives the pipeline); those that fail
    again are reported as ``failed``, the others go on, and the engine restarts on the
    rest of the stream. Assumes the engine gives articles back in input order (every
    claimtrace engine does, for byte-identical tables).
    """
    source = iter(articles)
    pending: dict[int, Article] = {}

    def taken(stream: Iterable[Article]) -> Iterator[Article]:
        for article in stream:
            pending[id(article)] = article
            yield article

    while True:
        try:
            for article, tables in engine(taken(source)):
                pending.pop(id(article), None)
                yield article, tables
            return
        except Exception:  # noqa: BLE001 — isolate the culprit below
            if not pending:
                raise
            retry = list(pending.values())
            pending.clear()
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


def _error_sort_key(row: dict) -> tuple:
    """errors.csv order: by file, then jsonl line number (so that rows do not depend
    on which worker reported first)."""
    path, _, line = row["path"].rpartition(":")
    if path and line.isdigit():
        return (path, int(line), row["error"])
    return (row["path"], 0, row["error"])


def write_errors(out_dir: Path, errors: list[dict]) -> None:
    """errors.csv alone, atomically (a temporary file renamed over the old one)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{os.getpid()}-errors-", suffix=".csv", dir=out_dir
    )
    os.close(fd)
    try:
        write_csv(Path(tmp), ERROR_COLUMNS, sorted(errors, key=_error_sort_key))
        os.replace(tmp, out_dir / "errors.csv")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def run_articles(
    articles: Iterable[Article],
    out_dir: Path,
    sources: Sequence[str] = (),
    on_document: Callable[[Article, bool], None] | None = None,
    errors: list[dict] | None = None,
    on_error: Callable[[dict], None] | None = None,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    fmt: str = "csv",
    incremental: bool = False,
    reuse: bool = True,
) -> RunSummary:
    """Process ``articles`` into the tables of ``out_dir``.

    ``engine``/``workers``/``scheduler`` choose how documents are processed
    (:mod:`pipeline.engines`); the tables are byte-identical whatever they are. ``fmt``
    is ``csv`` or ``parquet``. With ``incremental`` the folder's manifest is kept up to
    date and, when ``reuse``, unchanged articles take their rows from it instead of
    going through the model (:mod:`pipeline.manifest`). ``on_document(article,
    reused)`` is called for each document as it is written, in corpus order.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        from pipeline.parquet import check_available

        check_available()
    started = time.perf_counter()
    sources = tuple(str(s) for s in sources)
    load_registry(sources)  # a bad registry fails here, before any worker starts
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # the engine first: if it cannot start (no Dask scheduler there), nothing is left over
    runner = make_engine(engine, workers, sources, scheduler)
    manifest = Manifest.open(out_dir, fingerprint(sources), reuse) if incremental else None
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

    # parquet: the usual writer into a private folder, converted at the end
    table_dir = (
        Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-parquet-", dir=out_dir))
        if fmt == "parquet"
        else out_dir
    )
    try:
        summary = _write_tables(
            engine_run,
            articles,
            table_dir,
            sources,
            on_document,
            errors,
            on_error,
            manifest,
            reused_ids,
            split,
        )
        if fmt == "parquet":
            _csv_folder_to_parquet(table_dir, out_dir, convert=summary.documents > 0)
    except BaseException:
        if manifest is not None:
            manifest.abort()
        raise
    finally:
        runner.close()
        if table_dir != out_dir:
            shutil.rmtree(table_dir, ignore_errors=True)
    if manifest is not None:
        # nothing processed = previous tables kept, so the previous manifest stays too
        (manifest.commit if summary.documents else manifest.abort)()
    summary.seconds = time.perf_counter() - started
    return summary


def _csv_folder_to_parquet(table_dir: Path, out_dir: Path, convert: bool = True) -> None:
    """The tables of ``table_dir`` as Parquet files in ``out_dir`` (unless not
    ``convert``: nothing was processed); other files (errors.csv, texts…) are moved
    over as they are."""
    from pipeline.parquet import csv_to_parquet

    for name in TABLES if convert else ():
        csv_to_parquet(table_dir / f"{name}.csv", out_dir / f"{name}.parquet")
    for path in table_dir.iterdir():
        if path.is_file() and path.stem not in TABLES:
            os.replace(path, out_dir / path.name)


def _write_tables(
    engine_run: Callable[[Iterable[Article]], Iterator[tuple[Article, DocTables]]],
    articles: Iterable[Article],
    out_dir: Path,
    sources: tuple[str, ...],
    on_document: Callable[[Article, bool], None] | None,
    errors: list[dict] | None,
    on_error: Callable[[dict], None] | None,
    manifest: Manifest | None,
    reused_ids: set[int],
    split: Callable[[Article], list[Article]] = split_article,
) -> RunSummary:
    """The rows of every article, from ``engine_run``, into the tables of ``out_dir``;
    ``split`` cuts long articles into chunks."""
    summary = RunSummary(errors=errors if errors is not None else [])
    started = time.perf_counter()

    def nlp() -> Language:
        # only for documents retried after an engine failure: built on first use
        return load_pipeline(sources)

    def report(err: dict) -> None:
        summary.errors.append(err)
        if on_error is not None:
            on_error(err)

    # long articles go through in chunks, merged back before they are written
    pieces = (chunk for article in articles for chunk in split(article))
    with TableWriter(out_dir) as writer:
        for article, tables in merge_chunks(guarded(engine_run, pieces, nlp, report)):
            writer.write(tables)
            if manifest is not None:
                manifest.record(article, tables)
            summary.tokens += len(article.text.split())
            reused = id(article) in reused_ids
            reused_ids.discard(id(article))
            if reused:
                summary.unchanged += 1
            else:
                summary.new += 1
            if on_document is not None:
                on_document(article, reused)
        summary.sources = len(writer.sources.rows())
        if writer.counts["documents"]:
            # errors.csv goes in with the tables, in the same move into place
            writer.write_extra(
                "errors.csv", ERROR_COLUMNS, sorted(summary.errors, key=_error_sort_key)
            )
        else:
            # nothing processed: the previous tables stay; errors.csv says why
            writer.abort()
            write_errors(out_dir, summary.errors)
    summary.documents = writer.counts["documents"]
    summary.entities = writer.counts["entities"]
    summary.figures = writer.counts["figures"]
    summary.claims = writer.counts["claims"]
    summary.seconds = time.perf_counter() - started
    return summary


def run_corpus(
    corpus: Path,
    out_dir: Path,
    sources: Sequence[str] = (),
    on_error: Callable[[dict], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[Article, bool], None] | None = None,
    **options,
) -> RunSummary:
    """Process every article under ``corpus`` into the tables of ``out_dir``;
    ``options`` are :func:`run_articles`'s (engine, workers, fmt, incremental…)."""
    corpus = Path(corpus)
    errors: list[dict] = []

    def report(err: dict) -> None:
        errors.append(err)
        if on_error is not None:
            on_error(err)

    try:
        paths = list_corpus(
            corpus, lambda where, exc: report(error_row(where, exc.kind, f"{exc}; skipped"))
        )
    except ReadError as exc:
        # bad arguments: errors.csv says so, the previous tables stay, the caller exits 2
        write_errors(out_dir, [error_row(corpus.as_posix(), exc.kind, f"{exc}; nothing done")])
        raise
    if not paths:
        report(error_row(corpus.as_posix(), "empty_corpus", "no file in the folder; nothing done"))
    if on_start is not None:
        on_start(len(paths))
    articles = read_articles(paths, corpus, report)
    return run_articles(
        articles, out_dir, sources, on_document, errors, on_error=on_error, **options
    )
