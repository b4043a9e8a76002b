"""Quotes: «…», “…” and "…" passages, which may span sentences, and the quote right
before or after a cue."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span

from pipeline.components.cues import Cue
from pipeline.components.doc_text import doc_text

# «…», “…”, "…" and the doubled apostrophes some sites type for quote marks (‘‘…’’)
_QUOTES = re.compile(
    r"«([^«»]*)»|“([^“”]*)”|\"([^\"\n]*)\"|[‘’]{2}((?:(?![‘’]{2}|[«»]).){1,2000}?)’’", re.S
)


def find_quotes(doc: Doc) -> list[Span]:
    """Quoted passages (inside the quote marks) as spans, possibly over several sentences.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> [q.text for q in find_quotes(nlp('Il a dit : « Tout va bien ». Puis "rien".'))]
    ['Tout va bien', 'rien']
    """
    spans = []
    text = doc_text(doc)
    for m in _QUOTES.finditer(text):
        group = next(g for g in (1, 2, 3, 4) if m.group(g) is not None)
        start, end = m.start(group), m.end(group)
        inner = text[start:end]
        start += len(inner) - len(inner.lstrip())
        end -= len(inner) - len(inner.rstrip())
        span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is not None and len(span):
            spans.append(span)
    return spans


def doc_quotes(doc: Doc) -> list[Span]:
    """The quotes stage's spans (``doc.spans["quotes"]``, empty or not), or
    :func:`find_quotes` on a Doc the stage has not seen."""
    return doc.spans["quotes"] if "quotes" in doc.spans else find_quotes(doc)


class Quotes(list):
    """The quotes of a Doc in text order (their starts and ends both non-decreasing),
    with their bounds, for look-ups by bisection."""

    def __init__(self, spans=()) -> None:
        super().__init__(spans)
        self.starts = [q.start for q in self]
        self.ends = [q.end for q in self]

    @classmethod
    def of(cls, quotes: list[Span]) -> Quotes:
        return quotes if isinstance(quotes, cls) else cls(quotes)

    def within(self, span: Span) -> bool:
        """Some quote lies inside ``span``."""
        k = bisect_left(self.starts, span.start)
        return k < len(self) and self.ends[k] <= span.end


def quote_before(cue: Cue, quotes: list[Span]) -> Span | None:
    """The quote that ends right before an inverted cue (``« … », a déclaré X``)."""
    doc = cue.span.doc
    i = cue.span.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in {",", "»", '"', "”", "’’"}):
        i -= 1
    # the first quote ending between i and the cue
    quotes = Quotes.of(quotes)
    k = bisect_left(quotes.ends, i)
    return quotes[k] if k < len(quotes) and quotes.ends[k] <= cue.span.start else None


def colon_after(cue: Cue) -> int | None:
    """The colon that opens a quote after a cue and a short object of it (``raconte la
    suite : « … »``, ``poursuit : « … »``), or None."""
    doc = cue.span.doc
    for t in doc[cue.span.end : min(cue.span.end + 6, len(doc))]:
        if t.text == ":":
            return t.i if _opens_quote(doc, t.i + 1) else None
        # a bare object only: "contestée par X : « … »" is X's quote, the cue of which
        # comes after it
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP") or t.lower_ in ("que", "qu'", "qu’"):
            return None
    return None


def quote_after(cue: Cue, quotes: list[Span]) -> Span | None:
    """The quote that starts right after a cue (``a prévenu : « … »``), or after its
    short object and a colon (``raconte la suite : « … »``)."""
    doc = cue.span.doc
    colon = colon_after(cue)
    i = cue.span.end if colon is None else colon
    while i < len(doc) and (doc[i].is_space or doc[i].text in {":", "«", '"', "“"}):
        i += 1
    quotes = Quotes.of(quotes)
    k = bisect_left(quotes.starts, i)
    return quotes[k] if k < len(quotes) and quotes.starts[k] == i else None


def _standalone(quote: Span) -> bool:
    """A quote opening its own sentence (after a full stop or a colon), not a phrase
    quoted inside the article's sentence."""
    doc = quote.doc
    i = quote.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in '«“"'):
        i -= 1
    return i < 0 or doc[i].text in (".", "!", "?", "…", ":")


def _opens_quote(doc: Doc, i: int) -> bool:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i < len(doc) and doc[i].text in '«“"'
