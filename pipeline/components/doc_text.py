"""The Doc's text, read once per Doc: ``Doc.text`` joins every token's text on each
access (about as slow as a loop over the tokens), and the entity and figure components
all need it. The text is kept in ``doc.user_data`` (a plain string, so the Doc still
serialises) from the first component that asks (or from :func:`pipeline.nlp.article_doc`,
which has it) to ``quotes``, the last reader, which drops it."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "claimtrace.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    >>> import spacy
    >>> doc = spacy.blank("fr")("Il pleut sur Paris. ")
    >>> doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    True
    """
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str) or len(text) != _length(doc):
        text = doc.text
        doc.user_data[_KEY] = text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Keep ``text``, the string ``doc`` was made from, as its text (so that no
    component joins the tokens again).

    >>> import spacy
    >>> doc = spacy.blank("fr")("Il pleut.")
    >>> keep_text(doc, "Il pleut."); doc_text(doc)
    'Il pleut.'
    """
    doc.user_data[_KEY] = text


def forget_text(doc: Doc) -> None:
    """Drop the kept text (the last component that reads it calls this)."""
    doc.user_data.pop(_KEY, None)


def _length(doc: Doc) -> int:
    # (a kept text of another length is no text of this Doc: recompute it)
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
