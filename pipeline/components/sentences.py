"""Sentence and entity look-ups that cost O(log n): ``Token.sent`` and ``Doc.sents`` walk the whole
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
    # several stages walk the sentences: the spans of the last Doc are kept
    if _last_sents[0] is not doc or _last_sents[1] is not starts:
        ends = [*starts[1:], len(doc)]
        # Span() directly: Doc.__getitem__ normalises the slice in Python first
        spans = [Span(doc, s, e) for s, e in zip(starts, ends, strict=True)]
        _last_sents[:] = [doc, starts, spans]
    return list(_last_sents[2])


_last_sents: list = [None, None, []]


def sent_of(item: Token | Span) -> Span:
    """The sentence holding a token or a span's first token (``.sent``, cached).

    >>> doc = nlp("Il pleut sur Paris. Le vent souffle fort.")
    >>> sent_of(doc[6]).text
    'Le vent souffle fort.'
    """
    doc = item.doc
    i = item.i if isinstance(item, Token) else item.start
    starts = sent_starts(doc)
    k = bisect_right(starts, i) - 1
    start = starts[k] if k >= 0 else 0
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return Span(doc, start, end)


def ents_within(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``) from the tokens' IOB tags:
    ``Span.ents`` walks every entity of the Doc on each call.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> doc = nlp("Kim Jong Un a vu Poutine")
    >>> doc.ents = [Span(doc, 0, 3, label="PER"), Span(doc, 5, 6, label="PER")]
    >>> [e.text for e in ents_within(doc[0:5])], [e.text for e in ents_within(doc[1:6])]
    (['Kim Jong Un'], ['Poutine'])
    """
    doc = span.doc
    found = []
    for tok in span:
        if tok.ent_iob_ != "B":
            continue
        end = _ent_end(doc, tok.i)
        if end <= span.end:
            found.append(Span(doc, tok.i, end, label=tok.ent_type, kb_id=tok.ent_kb_id))
    return found


def first_ent_start(span: Span) -> int:
    """Where ``span.ents[0]`` starts, -1 when ``span.ents`` is empty, from the tokens'
    IOB tags (``Span.ents`` walks every entity of the Doc). As there, the first entity
    starting inside the span counts only if it also ends inside it.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> doc = nlp("Selon Kim Jong Un hier")
    >>> doc.ents = [Span(doc, 1, 4, label="PER")]
    >>> first_ent_start(doc[0:4]), first_ent_start(doc[0:3]), first_ent_start(doc[2:5])
    (1, -1, -1)
    """
    doc = span.doc
    for i in range(span.start, span.end):
        if doc[i].ent_iob_ == "B":
            return i if _ent_end(doc, i) <= span.end else -1
    return -1


def _ent_end(doc: Doc, start: int) -> int:
    """The end of the entity whose first token (IOB tag ``B``) is ``doc[start]``."""
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end
