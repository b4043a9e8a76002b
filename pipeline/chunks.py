"""Chunks: very long articles go through the pipeline in paragraph chunks.

Why chunks rather than raising spaCy's ``max_length``: measured on this pipeline, time
grows faster than the text: 6 s for 50 000 characters, 15 s for 100 000, 63 s for
200 000 (the claims component is quadratic: it scans the whole Doc per quote, per
draft pair and per source mention). Chunks of at most :data:`CHUNK_CHARS` keep the time
linear and the memory bounded.

How: :func:`split_article` cuts the cleaned text at line breaks (sentences never cross
a line break, see ``pipeline/components/segment.py``, so no sentence is cut), before a
paragraph that reads as body text (so the chunk's first line is not mistaken for a
section line or headline). A text with no line break in half a chunk (one 1 MB line)
is cut after a sentence end; with no sentence end either, between two words but never
inside a number ("15 000"). Finding a cut looks at most at one chunk of text, so the
whole split is linear in the text. Each chunk is an :class:`~pipeline.read.Article` with the
same ``doc_id`` and its ``chunk`` = (index, count, offset). :func:`merge_chunks` puts
the rows of consecutive chunks back together: offsets shifted by the chunk's offset
into the whole text, ``sent_id`` by the sentences before it, ``m``/``f``/``c`` ids
renumbered in text order, claim references remapped, source counts summed. Offsets
therefore index the whole cleaned text, as for any document.

What is lost at a chunk boundary: coreference across it (a "l'agence" at the start of a
chunk cannot resolve to an agency named only in the chunk before; entity ids are
name-based, so "Kim Jong Un" keeps one id across chunks, but a bare "Kim" in a later
chunk is its own cluster).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from pipeline.read import Article
from pipeline.tables import DocTables, SourceUse

#: Longest text sent to the pipeline in one piece (characters). A news article is
#: 2 000–20 000 characters: only archives or book-length texts are ever cut.
CHUNK_CHARS = 50_000

_BODY_LINE = re.compile(r"\S+(?:\s+\S+){3,}.*[.!?…»\"”]\s*$")


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``text``: consecutive, covering it exactly.

    >>> chunk_bounds("Une phrase de corps ici.\\n" * 4, limit=60)
    [(0, 50), (50, 100)]
    """
    bounds = []
    start = 0
    while len(text) - start > limit:
        cut = _cut_point(text, start, start + limit)
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


#: A sentence end inside a line: . ! ? … (then closing quotes or brackets), spaces, and
#: what can start a sentence. Not after a lone capital ("M. Dupont", "J. Martin").
_SENTENCE_END = re.compile(
    r"(?<![\s.(][A-ZÀ-Ý])[.!?…][»\"”’)\]]*[ \t\u00a0]+(?=[«\"“(\[A-ZÀ-Ý0-9])"
)


def _cut_point(text: str, start: int, stop: int) -> int:
    """Where to end the chunk starting at ``start``, at most at ``stop``: after a line
    break followed by a body paragraph, else after any line break, else after a
    sentence end, else between two words (never inside a number), else at ``stop``
    moved back out of a digit run. Never in the first half, so chunks stay large."""
    floor = start + (stop - start) // 2
    first_break = None
    pos = stop
    for _ in range(500):
        nl = text.rfind("\n", floor, pos)
        if nl < 0:
            break
        line_end = text.find("\n", nl + 1, stop + 1)
        line = text[nl + 1 : line_end if line_end >= 0 else stop]
        if nl + 1 < stop and line.strip():
            if first_break is None:
                first_break = nl + 1
            if _BODY_LINE.match(line):
                return nl + 1
        pos = nl
    if first_break is not None:
        return first_break
    last_end = None
    for m in _SENTENCE_END.finditer(text, floor, stop):
        last_end = m.end()
    if last_end is not None:
        return last_end
    return _word_break(text, floor, stop)


def _word_break(text: str, floor: int, stop: int) -> int:
    """After the last space of ``text[floor:stop]`` that is not inside a number
    ("15 000"), else ``stop`` moved back out of a run of digits (a 100 000-digit number
    is cut somewhere all the same).

    >>> t = "il a payé 15 000 euros"
    >>> t[: _word_break(t, 0, 14)]
    'il a payé '
    """

    def inside_number(i: int) -> bool:
        return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()

    for i in range(stop - 1, floor - 1, -1):  # one pass: linear even in "1 1 1 1 …"
        if text[i] in " \t" and not inside_number(i):
            return i + 1
    cut = stop
    while cut > floor and text[cut - 1].isdigit() and text[cut].isdigit():
        cut -= 1
    return cut if cut > floor else stop


def split_article(article: Article, limit: int | None = None) -> list[Article]:
    """``article`` itself when short enough, else its chunks (see module docstring).
    ``limit`` defaults to :data:`CHUNK_CHARS` (read at call time, so tests can lower it)."""
    limit = limit or CHUNK_CHARS
    if len(article.text) <= limit:
        return [article]
    bounds = chunk_bounds(article.text, limit)
    return [
        replace(
            article,
            text=article.text[s:e],
            zones=[(zs - s, ze - s, k) for zs, ze, k in article.zones if s <= zs and ze <= e],
            notes=[],
            chunk=(i, len(bounds), s),
        )
        for i, (s, e) in enumerate(bounds)
    ]


def _moved(row: dict, offset: int, sent_base: int) -> dict:
    """A chunk's row with offsets and sentence index into the whole document."""
    return dict(
        row,
        start=row["start"] + offset,
        end=row["end"] + offset,
        sent_id=row["sent_id"] + sent_base,
    )


def merge_tables(parts: list[tuple[Article, DocTables]]) -> tuple[Article, DocTables]:
    """One article and its rows from the rows of its chunks, in chunk order."""
    claims: list[dict] = []
    entities: list[dict] = []
    figures: list[dict] = []
    contexts: list[dict] = []  # aligned with figures: concatenated in the same order
    sources: dict[str, SourceUse] = {}
    sent_base = 0
    for article, tables in parts:
        offset = article.chunk[2] if article.chunk else 0
        claim_ids = {"": ""}
        for row in tables.claims:
            claim_ids[row["claim_id"]] = f"c{len(claims) + 1}"
            claims.append(dict(_moved(row, offset, sent_base), claim_id=claim_ids[row["claim_id"]]))
        # entity and figure rows: renumbered, their claim links remapped
        for rows, out, key, prefix in (
            (tables.entities, entities, "mention_id", "m"),
            (tables.figures, figures, "figure_id", "f"),
        ):
            for row in rows:
                moved = _moved(row, offset, sent_base)
                out.append(
                    dict(
                        moved,
                        **{key: f"{prefix}{len(out) + 1}"},
                        claim_id=claim_ids.get(row["claim_id"], ""),
                    )
                )
        contexts += tables.figure_context
        for sid, use in tables.sources.items():
            sources.setdefault(sid, SourceUse(use.name, use.type)).absorb(use)
        sent_base += tables.document["n_sentences"]
    first = parts[0][0]
    whole = replace(first, text="".join(a.text for a, _ in parts), chunk=None)
    document = dict(
        parts[0][1].document,
        n_sentences=sent_base,
        n_entities=len(entities),
        n_figures=len(figures),
        n_claims=len(claims),
        sha256=whole.sha256,
    )
    return whole, DocTables(
        document, entities, figures, claims, sources, whole.text, figure_context=contexts
    )


def merge_chunks(
    results: Iterable[tuple[Article, DocTables]],
) -> Iterator[tuple[Article, DocTables]]:
    """Results in input order with the chunks of each long article merged back. A long
    article one of whose chunks is missing (it failed, and was reported) is dropped
    whole: a document with a hole would have misleading counts."""
    parts: list[tuple[Article, DocTables]] = []
    for article, tables in results:
        if article.chunk is None:
            parts.clear()
            yield article, tables
            continue
        index, count, _ = article.chunk
        if parts and (parts[0][0].doc_id != article.doc_id or len(parts) != index):
            parts.clear()
        if index == len(parts):
            parts.append((article, tables))
        if len(parts) == count:
            yield merge_tables(parts)
            parts.clear()
