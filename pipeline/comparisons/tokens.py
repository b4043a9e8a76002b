"""The words of one Doc read once for :mod:`pipeline.comparisons.context`: every figure
scans its sentence and stretch, and reading ``Token`` attributes there (a ``Token``
object made per look-up) cost more than the scans themselves."""

from __future__ import annotations

from bisect import bisect_left

from spacy.symbols import ADJ
from spacy.tokens import Doc

from pipeline.components.token_lookups import token_ids


class DocWords:
    """Per token of ``doc``: its lower-case form (``Token.lower_``); and the sorted
    indexes of the tokens some scan looks for, once per Doc (:attr:`memo`)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        # the Doc's token ids, read once for all stages (components/token_lookups.py)
        self._ids = token_ids(doc)
        strings = doc.vocab.strings
        self.lower: list[str] = [strings[h] for h in self._ids.lower]
        #: what the scans derive from the Doc, once per Doc (by the scan's name)
        self.memo: dict[str, list[int]] = {}

    def is_adj(self, i: int) -> bool:
        return self._ids.pos[i] == ADJ

    def text(self, i: int) -> str:
        """``doc[i].text``."""
        return self.doc[i].text

    def adjectives(self) -> list[int]:
        """The indexes of the adjectives (POS ``ADJ``)."""
        return [i for i, pos in enumerate(self._ids.pos) if pos == ADJ]

    @staticmethod
    def within(found: list[int], start: int, end: int) -> list[int]:
        """The indexes of ``found`` from ``start`` (included) to ``end`` (excluded)."""
        return found[bisect_left(found, start) : bisect_left(found, end)]
