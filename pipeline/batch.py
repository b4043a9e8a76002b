"""Batch: one run over a corpus, read → nlp → figures → claims → tables.

:func:`run_corpus` streams articles through an engine and the rows into a
:class:`~pipeline.tables.TableWriter`; files that cannot be read are reported (one
line each, and a row in ``errors.csv``) and the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.engines import run_local
from pipeline.nlp import load_pipeline
from pipeline.read import Article, ReadError, list_corpus, read_article
from pipeline.tables import TableWriter, write_csv

ERROR_COLUMNS = ["path", "error", "detail"]


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


def read_articles(paths: Sequence[Path], root: Path, on_error: Callable[[dict], None]):
    """Articles from ``paths``; unreadable files go to ``on_error`` and are skipped."""
    for path in paths:
        try:
            yield read_article(path, root)
        except ReadError as exc:
            on_error({"path": path.as_posix(), "error": "unreadable", "detail": str(exc)})


def run_articles(
    articles: Iterable[Article],
    out_dir: Path,
    sources: Sequence[str] = (),
    on_document: Callable[[Article], None] | None = None,
    errors: list[dict] | None = None,
) -> RunSummary:
    """Process ``articles`` into the tables of ``out_dir``."""
    summary = RunSummary(errors=errors if errors is not None else [])
    started = time.perf_counter()
    nlp = load_pipeline(tuple(str(s) for s in sources))
    with TableWriter(out_dir) as writer:
        for article, tables in run_local(articles, nlp):
            writer.write(tables)
            summary.tokens += len(article.text.split())
            if on_document is not None:
                on_document(article)
        summary.sources = len(writer.sources.rows())
    summary.documents = writer.counts["documents"]
    summary.entities = writer.counts["entities"]
    summary.figures = writer.counts["figures"]
    summary.claims = writer.counts["claims"]
    write_csv(Path(out_dir) / "errors.csv", ERROR_COLUMNS, summary.errors)
    summary.seconds = time.perf_counter() - started
    return summary


def run_corpus(
    corpus: Path,
    out_dir: Path,
    sources: Sequence[str] = (),
    on_error: Callable[[dict], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[Article], None] | None = None,
) -> RunSummary:
    """Process every article under ``corpus`` into the tables of ``out_dir``."""
    corpus = Path(corpus)
    paths = list_corpus(corpus)
    if on_start is not None:
        on_start(len(paths))
    errors: list[dict] = []

    def report(err: dict) -> None:
        errors.append(err)
        if on_error is not None:
            on_error(err)

    articles = read_articles(paths, corpus, report)
    return run_articles(articles, out_dir, sources, on_document, errors)
