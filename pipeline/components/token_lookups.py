"""Cheap token look-ups for the stages that ask about many tokens.

A Doc's lowercase forms and coarse tags as lists of ints, read once per Doc:

``tok.lower_`` or ``tok.pos_`` builds a Token and looks a string up on every access
(about 250 ns); the stages that scan every token of every sentence for a few words
compare ints from these lists instead (``Doc.to_array``, one C loop) and build the
Token only where a word matched. One Doc is cached, the last one asked about: the
components after the model run one Doc at a time, and the Doc is held so its id cannot
be reused.

A token's morphological values by feature, cached by analysis: ``tok.morph.get`` parses
strings on every call (about 0.7 µs), and a Doc has a few hundred distinct analyses.

>>> import spacy
>>> doc = spacy.blank("fr")("Selon l'AFP, il pleut.")
>>> token_ids(doc).lower[0] in word_ids(("selon", "d'après"))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy
import spacy.symbols
from spacy.attrs import HEAD, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class TokenIds:
    """``lower`` (the string id of ``tok.lower_``), ``pos`` (``tok.pos``, a
    ``spacy.symbols`` id, see :func:`pos_id`), ``head`` (``tok.head.i``) and ``lemma``
    (the string id of ``tok.lemma_``) of every token, by token index."""

    lower: list[int]
    pos: list[int]
    head: list[int]
    lemma: list[int]


def pos_id(tag: str) -> int:
    """The id :attr:`TokenIds.pos` holds for a coarse tag: ``pos_id("VERB")`` == 100."""
    return spacy.symbols.IDS[tag]


_last: list = [None, None]


def token_ids(doc: Doc) -> TokenIds:
    """The :class:`TokenIds` of ``doc`` (read on the first call for this Doc)."""
    if _last[0] is not doc or len(_last[1].lower) != len(doc):
        if len(doc):
            rows = doc.to_array([LOWER, POS, HEAD, LEMMA])
            # HEAD is the offset to the head, stored unsigned
            heads = rows[:, 2].astype(numpy.int64) + numpy.arange(len(doc))
            lower, pos, lemma = (rows[:, k].tolist() for k in (0, 1, 3))
            ids = TokenIds(lower, pos, heads.tolist(), lemma)
        else:
            ids = TokenIds([], [], [], [])
        _last[0], _last[1] = doc, ids
    return _last[1]


def word_ids(words: Iterable[str]) -> frozenset[int]:
    """The string ids of ``words``, to test :attr:`TokenIds.lower` against."""
    return frozenset(get_string_id(w) for w in words)


_MORPH: dict[tuple[int, str], tuple[str, ...]] = {}


def morph_values(tok: Token, feature: str) -> tuple[str, ...]:
    """``tuple(tok.morph.get(feature))``, e.g. ``("Cnd",)`` for ``Mood`` of "serait"."""
    morph = tok.morph
    key = (morph.key, feature)
    values = _MORPH.get(key)
    if values is None:
        values = _MORPH[key] = tuple(morph.get(feature))
    return values
