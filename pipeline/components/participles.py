"""Participles: what a cue says when it is given by a participle clause after it —
"a confirmé, parlant de « bilan provisoire »", "a réagi, évoquant une provocation".
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.lexicons import word_set

_END = frozenset({".", ";", "!", "?"})


def participle_content(cue_span: Span) -> Span | None:
    """``a confirmé, parlant de « bilan provisoire »`` → ``bilan provisoire`` (the words
    after the participle and its ``de``, quote marks left out)."""
    doc = cue_span.doc
    i = cue_span.end
    if (
        i + 2 >= len(doc)
        or doc[i].text != ","
        or doc[i + 1].lower_ not in word_set("naming_participles.txt")
    ):
        return None
    start = i + 2
    if doc[start].lower_ in ("de", "d'", "d’"):
        start += 1
    end = start
    while end < len(doc) and doc[end].text not in _END and "\n" not in doc[end].text:
        end += 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None
