"""Mention shapes: noun phrases whose words the parser attaches in ways a source
mention must undo — a participle describing a noun ("le sondage publié vendredi"), an
enumeration of prepositional conjuncts ("aux États-Unis, au Royaume-Uni et à la
Lituanie, qui ont promis…").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.components.cues import is_past_participle
from pipeline.lexicons import data_lines


def _strip(span: Span) -> Span | None:
    """``span`` without punctuation or spaces at its ends."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def describes_noun(verb: Token) -> bool:
    """A past participle with no auxiliary right after a noun: it describes that noun
    ("le sondage publié vendredi"), whatever the parser attached it to."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return (
        i >= 0
        and is_past_participle(verb)
        and not any(c.dep_.startswith("aux") for c in verb.children)
        and (doc[i].pos_ in ("NOUN", "PROPN") or doc[i].text in ("»", "”"))
    )


def enumeration_start(doc: Doc, left: int) -> int:
    """Back over "aux États-Unis, au Royaume-Uni, et" before a prepositional conjunct the
    parser hung on the verb instead of coordinating it."""
    first = left + 1 if doc[left].lower_ in ("et", "ou") else left
    if first >= len(doc) or doc[first].lower_ not in _PREPOSITIONS:
        return left
    start, boundary = first, first - 1
    while boundary >= 1 and (doc[boundary].text == "," or doc[boundary].lower_ in ("et", "ou")):
        k = next(
            (
                j
                for j in range(boundary - 1, max(boundary - 8, -1), -1)
                if doc[j].lower_ in _PREPOSITIONS or doc[j].text in (",", ";", ".", ":")
            ),
            None,
        )
        if k is None or doc[k].lower_ not in _PREPOSITIONS:
            break
        start, boundary = k, k - 1
    return start if start < first else left


_PREPOSITIONS = frozenset({"à", "au", "aux"})


def prepositional_conjuncts(span: Span) -> list[Span] | None:
    """``aux États-Unis, au Royaume-Uni et à la Lituanie`` → one mention per country,
    without its preposition; None when ``span`` is no such enumeration."""
    doc = span.doc
    if span[0].lower_ not in _PREPOSITIONS:
        return None
    parts, start = [], span.start
    for t in span[1:]:
        if t.lower_ in _PREPOSITIONS and doc[t.i - 1].lower_ in (",", "et", "ou"):
            end = t.i - 1
            parts.append(doc[start:end])
            start = t.i
    parts.append(doc[start : span.end])
    out = [_strip(p[1:]) for p in parts if len(p) > 1]
    return [p for p in out if p is not None]


def title_apposed_name(mention: Span) -> Span | None:
    """The proper name in apposition to a job title in a mention ("le ministre de
    l'Education Jean-Michel Blanquer" → "Jean-Michel Blanquer"): the person who speaks,
    even where the tagger ran the name into an organisation ("Education Jean-Michel
    Blanquer"). Titles are in ``pipeline/data/person_titles.txt``."""
    titles = data_lines("person_titles.txt")
    doc = mention.doc
    for tok in mention:
        if tok.lower_ not in titles:
            continue
        first = next(
            (t for t in tok.children if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > tok.i),
            None,
        )
        if first is None or first.i >= mention.end or not first.is_title:
            continue
        end = first.i + 1
        while end < mention.end and doc[end].pos_ == "PROPN" and doc[end].dep_ == "flat:name":
            end += 1
        return doc[first.i : end]
    return None
