"""Engines: how articles go through the pipeline. One per-document function,
:func:`analyse_article`, is what every engine maps over the corpus.

- ``local``: one process, ``nlp.pipe`` in batches (:func:`run_local`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from pipeline.read import Article
from pipeline.tables import DocTables, doc_tables


def analyse_article(article: Article, nlp: Language) -> DocTables:
    """All table rows for one article.

    >>> from pipeline.read import make_article                    # doctest: +SKIP
    >>> analyse_article(make_article("x", "Selon l'AFP, 3 morts."), nlp).claims[0]["source_id"]
    'afp'
    """
    return doc_tables(article, nlp(article.text))


def run_local(
    articles: Iterable[Article], nlp: Language, batch_size: int = 16
) -> Iterator[tuple[Article, DocTables]]:
    """Articles through ``nlp.pipe`` in one process, rows out as each document finishes."""
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield article, doc_tables(article, doc)
