"""Participles: what a cue says when it is given by a participle clause after it —
"a confirmé, parlant de « bilan provisoire »", "a réagi, évoquant une provocation";
and the auxiliary a participle leans on ("avait jusqu'ici fait état").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

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


def is_auxiliary(tok: Token) -> bool:
    """``a``, ``avait``, ``est``: an auxiliary of a compound tense."""
    return tok.pos_ == "AUX" and tok.lemma_ in ("avoir", "être")


def auxiliary_before(tok: Token) -> int:
    """``avait jusqu'ici fait état``: where the auxiliary of a participle parsed as an
    adjective sits, past the adverbs that part them (-1 when there is none)."""
    doc, i = tok.doc, tok.i - 1
    while 0 <= i > tok.i - 4 and (doc[i].pos_ == "ADV" or doc[i].text in ("jusqu'", "jusqu’")):
        i -= 1
    return i if tok.i - 1 > i >= 0 and is_auxiliary(doc[i]) else -1
