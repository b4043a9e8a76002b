"""The words of one Doc as plain lists, read once for :mod:`pipeline.comparisons.context`:
every figure scans its sentence and stretch, and reading ``Token`` attributes there
(a ``Token`` object made per look-up) cost more than the scans themselves."""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import IS_PUNCT, LOWER, POS
from spacy.symbols import ADJ
from spacy.tokens import Doc


class DocWords:
    """Per token of ``doc``: its lower-case form (``Token.lower_``), POS id and whether
    it is punctuation; with sorted token indexes of the tokens that
    some scan looks for (:meth:`indexes`), found in one pass per Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)
        strings = doc.vocab.strings
        rows = doc.to_array([LOWER, POS, IS_PUNCT]).tolist() if self.n else []
        self.lower: list[str] = [strings[r[0]] for r in rows]
        self.pos: list[int] = [r[1] for r in rows]
        self.punct: list[bool] = [bool(r[2]) for r in rows]
        #: what the scans derive from these lists, once per Doc (by the scan's name)
        self.memo: dict[str, object] = {}

    def is_adj(self, i: int) -> bool:
        return self.pos[i] == ADJ

    def text(self, i: int) -> str:
        """``doc[i].text``."""
        return self.doc[i].text

    def indexes(self, kind: str, keep) -> list[int]:
        """Sorted indexes of the tokens whose lower-case form ``keep`` accepts, computed
        once per ``kind``."""
        if kind not in self.memo:
            self.memo[kind] = [i for i, w in enumerate(self.lower) if keep(w)]
        return self.memo[kind]

    @staticmethod
    def within(found: list[int], start: int, end: int) -> list[int]:
        """The indexes of ``found`` from ``start`` (included) to ``end`` (excluded)."""
        return found[bisect_left(found, start) : bisect_left(found, end)]
