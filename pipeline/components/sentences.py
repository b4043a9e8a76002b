"""Sentence look-ups that cost O(log n): ``Token.sent`` and ``Doc.sents`` walk the whole
Doc on every call, which makes long articles quadratic. The sentence starts are read
once per Doc and kept in ``doc.user_data`` (a list of ints, so the Doc still
serialises)."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "claimtrace.sent_starts"


def sent_starts(doc: Doc) -> list[int]:
    """Token index of every sentence start, computed once per Doc."""
    starts = doc.user_data.get(_KEY)
    if starts is None or (starts and starts[-1] >= len(doc)):
        starts = [s.start for s in doc.sents] if len(doc) else []
        doc.user_data[_KEY] = starts
    return starts


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, from the cached starts."""
    starts = sent_starts(doc)
    if not starts:
        return []
    ends = [*starts[1:], len(doc)]
    return [doc[s:e] for s, e in zip(starts, ends, strict=True)]


def sent_of(item: Token | Span) -> Span:
    """The sentence holding a token or a span's first token (``.sent``, cached).

    >>> import spacy                                                  # doctest: +SKIP
    """
    doc = item.doc
    i = item.i if isinstance(item, Token) else item.start
    starts = sent_starts(doc)
    k = bisect_right(starts, i) - 1
    start = starts[k] if k >= 0 else 0
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[start:end]
