"""Segment: paragraph breaks are sentence breaks, and the page's zones go on the Doc.

``paragraph_sentences`` runs before the parser, which respects boundaries that are
already set: no sentence crosses a line break, so a headline ("Kim Jong Un appelle à…")
stays one sentence whatever the parser would have guessed around it.
``article_zones`` puts :func:`pipeline.read.find_zones` on ``doc.spans["zones"]``
(labels: section, headline, standfirst, published, image, caption, teaser).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.doc_text import doc_text
from pipeline.read import NON_ARTICLE_ZONES, find_zones

ZONES_KEY = "zones"


_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "»", '"', "”"})
_CLOSING_QUOTES = frozenset({"»", '"', "”"})
_FINAL_CODES = numpy.array(sorted(ord(c) for c in _SENTENCE_FINAL), dtype=numpy.uint32)
ABBREVIATIONS = frozenset(
    {"etc.", "av.", "apr.", "env.", "cf.", "p.ex.", "mme.", "mlle.", "dr.", "st.", "me.", "mgr."}
)


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, and only after sentence-final punctuation
    inside a line (the parser otherwise splits "Kim | Jong Un appelle…" or
    "Washington | et Séoul ont accusé…").

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> doc = mark_paragraph_starts(nlp("Titre sans point\\n\\nCorps du texte."))
    >>> [t.is_sent_start for t in doc][:4]
    [True, False, False, False]
    """
    # flags collected first and set in one from_array call: the Token.is_sent_start
    # setter scans the whole Doc for a parse each time, quadratic in the Doc's length
    # (45 s for a 200 000-character text, 5% of a normal article's time); the tokens are
    # read as offsets into the text, and only those after sentence-final punctuation are
    # looked at one by one (a Token object per look-up is what costs)
    flags = doc.to_array(SENT_START).astype("int64")  # 1 / -1 / 0 (unset)
    n = len(doc)
    if n:
        text = doc_text(doc)
        starts = doc.to_array(IDX).astype("int64")
        ends = starts + doc.to_array(LENGTH).astype("int64")
        chars = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
        # token i follows a token whose last character is sentence-final punctuation
        after_final = numpy.isin(chars[ends[:-1] - 1], _FINAL_CODES)
        flags[1:][~after_final] = -1
        for i in (numpy.flatnonzero(after_final) + 1).tolist():
            flag = _after_final_flag(
                text, int(starts[i - 1]), int(ends[i - 1]), int(starts[i]), int(ends[i])
            )
            if flag:
                flags[i] = flag
        # a line break in the token before or in its whitespace starts a sentence
        lines = numpy.concatenate(([0], numpy.cumsum(chars == 10)))
        flags[1:][lines[starts[1:]] > lines[starts[:-1]]] = 1
        flags[0] = 1
    # a dateline ("PARIS (AFP) -") is no part of the first sentence's subject
    for zone in doc.spans.get(ZONES_KEY, []):
        if zone.label_ == "dateline" and zone.end < len(doc):
            flags[zone.end] = 1
    if n:
        # spaCy stores attributes as uint64: -1 (not a start) wraps around, as in to_array
        doc.from_array([SENT_START], flags.astype("uint64"))
    return doc


def _after_final_flag(text: str, prev_start: int, prev_end: int, start: int, end: int) -> int:
    """The sentence-start flag (1, -1, or 0 for the parser's) of a token that follows a
    token ending in sentence-final punctuation (``text[prev_start:prev_end]``), the
    line breaks aside."""
    prev, tok, prev_space = text[prev_start:prev_end], text[start:end], text[prev_end:start]
    if tok in ("«", "“") and prev in (".", "!", "?", "…"):
        return 1  # a quote opening after a full stop opens a sentence
    if (
        prev.endswith(".")
        and len(prev) >= 3
        and prev.lower() not in ABBREVIATIONS
        and tok.istitle()
        and prev_space
    ):
        return 1  # "40 M€. L'agent …": a word glued to its full stop ends a sentence
    if (
        tok.isspace()
        # a quote glued to the word before it closes; one followed by no space opens
        or (tok in _CLOSING_QUOTES and not prev_space)
        or (prev in _CLOSING_QUOTES and not prev_space)
    ):
        return -1  # a whitespace token holding a break belongs to the sentence before it
    return 0


#: ``doc.user_data`` key of the zones found when the article was read (``[start, end,
#: kind]`` lists), so ``article_zones`` does not look for them again
FOUND_ZONES = "claimtrace.zones"


def zone_spans(doc: Doc) -> list[Span]:
    """The page's zones as labelled spans: those the reader found
    (:data:`FOUND_ZONES`), else :func:`pipeline.read.find_zones` on the Doc's text."""
    found = doc.user_data.pop(FOUND_ZONES, None)
    spans = []
    for start, end, kind in find_zones(doc_text(doc)) if found is None else found:
        span = doc.char_span(start, end, label=kind, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def zone_of(span: Span) -> str:
    """The zone label covering ``span``'s start ("body" when none does)."""
    for zone in span.doc.spans.get(ZONES_KEY, []):
        if zone.start_char <= span.start_char < zone.end_char:
            return zone.label_
    return "body"


def in_article_body(span: Span) -> bool:
    """False for captions, teasers, section and "Publié" lines."""
    return zone_of(span) not in NON_ARTICLE_ZONES


@Language.factory("paragraph_sentences")
def make_paragraph_sentences(nlp: Language, name: str):
    return mark_paragraph_starts


@Language.factory("article_zones")
def make_article_zones(nlp: Language, name: str):
    def article_zones(doc: Doc) -> Doc:
        doc.spans[ZONES_KEY] = zone_spans(doc)
        return doc

    return article_zones
