"""Segment: paragraph breaks are sentence breaks, and the page's zones go on the Doc.

``paragraph_sentences`` runs before the parser, which respects boundaries that are
already set: no sentence crosses a line break, so a headline ("Kim Jong Un appelle à…")
stays one sentence whatever the parser would have guessed around it.
``article_zones`` puts :func:`pipeline.read.find_zones` on ``doc.spans["zones"]``
(labels: section, headline, standfirst, published, image, caption, teaser).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.read import NON_ARTICLE_ZONES, find_zones

ZONES_KEY = "zones"


_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "»", '"', "”"})
_CLOSING_QUOTES = frozenset({"»", '"', "”"})
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
    # (45 s for a 200 000-character text, 5% of a normal article's time); the tokens'
    # strings are read once into lists (a Token object per look-up is what costs)
    flags = doc.to_array(SENT_START).astype("int64").tolist()  # 1 / -1 / 0 (unset)
    texts = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    for i in range(len(doc)):
        if i == 0:
            flags[i] = 1
            continue
        text, prev, prev_space = texts[i], texts[i - 1], spaces[i - 1]
        if "\n" in prev_space or "\n" in prev:
            flags[i] = 1
        elif text in ("«", "“") and prev in (".", "!", "?", "…"):
            flags[i] = 1  # a quote opening after a full stop opens a sentence
        elif (
            prev.endswith(".")
            and len(prev) >= 3
            and prev.lower() not in ABBREVIATIONS
            and text.istitle()
            and prev_space
        ):
            flags[i] = 1  # "40 M€. L'agent …": a word glued to its full stop ends a sentence
        elif (
            text.isspace()
            or prev[-1] not in _SENTENCE_FINAL
            # a quote glued to the word before it closes; one followed by no space opens
            or (text in _CLOSING_QUOTES and not prev_space)
            or (prev in _CLOSING_QUOTES and not prev_space)
        ):
            # a whitespace token holding a break belongs to the sentence before it
            flags[i] = -1
    # a dateline ("PARIS (AFP) -") is no part of the first sentence's subject
    for zone in doc.spans.get(ZONES_KEY, []):
        if zone.label_ == "dateline" and zone.end < len(doc):
            flags[zone.end] = 1
    if len(doc):
        # spaCy stores attributes as uint64: -1 (not a start) wraps around, as in to_array
        doc.from_array([SENT_START], numpy.asarray(flags, dtype="int64").astype("uint64"))
    return doc


#: ``doc.user_data`` key of the zones found when the article was read (``[start, end,
#: kind]`` lists), so ``article_zones`` does not look for them again
FOUND_ZONES = "claimtrace.zones"


def zone_spans(doc: Doc) -> list[Span]:
    """The page's zones as labelled spans: those the reader found
    (:data:`FOUND_ZONES`), else :func:`pipeline.read.find_zones` on the Doc's text."""
    found = doc.user_data.pop(FOUND_ZONES, None)
    spans = []
    for start, end, kind in find_zones(doc.text) if found is None else found:
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
