"""Earlier mentions a source description can refer back to, found in O(log n).

:class:`~pipeline.components.coref.SourceResolver` asks, for a mention at character
``pos``: the latest speaker or subject before it whose gender agrees; the latest source
of a compatible type; the nearest compatible entity before, then after it. A scan of
everything said before costs O(n) per mention (quadratic over a long article); here
each question is a prefix maximum in a sparse Fenwick tree (mentions are remembered in
any order) or a bisection over the entities (known from the start, in text order).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


class _Mention(Protocol):
    start: int
    gender: str
    subject: bool
    number: str

    @property
    def source(self) -> Any: ...


class PrefixMax:
    """The largest value stored at a position < ``pos``, values added in any order.

    >>> t = PrefixMax(100)
    >>> t.add(10, (10, 0)); t.add(40, (40, 1)); t.add(20, (20, 2))
    >>> t.before(30), t.before(10), t.before(99)
    ((20, 2), None, (40, 1))
    """

    def __init__(self, size: int) -> None:
        self.size = size + 1
        self.tree: dict[int, Any] = {}

    def add(self, pos: int, value: Any) -> None:
        i = pos + 1
        while i <= self.size:
            old = self.tree.get(i)
            if old is None or value > old:
                self.tree[i] = value
            i += i & -i

    def before(self, pos: int) -> Any:
        best, i = None, min(pos, self.size)
        while i > 0:
            v = self.tree.get(i)
            if v is not None and (best is None or v > best):
                best = v
            i -= i & -i
        return best


@dataclass
class _Entities:
    """Entity mentions of one kind, in text order."""

    mentions: list
    starts: list[int]

    @classmethod
    def of(cls, mentions: Iterable) -> _Entities:
        ms = list(mentions)
        return cls(ms, [m.start for m in ms])

    def last_before(self, pos: int):
        k = bisect_left(self.starts, pos) - 1
        return self.mentions[k] if k >= 0 else None

    def first_after(self, pos: int):
        k = bisect_right(self.starts, pos)
        return self.mentions[k] if k < len(self.mentions) else None


class CandidateIndex:
    """The remembered mentions (speakers) and the entity mentions of one Doc."""

    def __init__(self, entity_mentions: list, size: int) -> None:
        self.size = size
        self.remembered: list = []
        self._entities = _Entities.of(entity_mentions)
        self._agreeing_entities = {
            g: _Entities.of(
                m
                for m in entity_mentions
                if m.subject and m.gender in ("", g) and m.source.type != "author"
            )
            for g in ("Fem", "Masc")
        }
        # the same, keyed by gender and number ("ils" is not "Boko Haram")
        self._agreeing_entities_num = {
            (g, n): _Entities.of(m for m in ms.mentions if m.number in ("", n))
            for g, ms in self._agreeing_entities.items()
            for n in ("Sing", "Plur")
        }
        self._entities_of_type: dict[str, _Entities] = {}
        for m in entity_mentions:
            self._entities_of_type.setdefault(m.source.type, _Entities([], []))
            group = self._entities_of_type[m.source.type]
            group.mentions.append(m)
            group.starts.append(m.start)
        self._agreeing = {g: PrefixMax(size) for g in ("Fem", "Masc")}
        self._agreeing_num = {
            (g, n): PrefixMax(size) for g in ("Fem", "Masc") for n in ("Sing", "Plur")
        }
        self._any = PrefixMax(size)
        self._of_type: dict[str, PrefixMax] = {}

    def add_remembered(self, m: _Mention, seq: int) -> None:
        """Index ``m``, the ``seq``-th mention remembered."""
        self.remembered.append(m)
        for g, tree in self._agreeing.items():
            if m.gender in ("", g) and m.source.type != "author":
                tree.add(m.start, (m.start, seq))
        for (g, n), tree in self._agreeing_num.items():
            if m.gender in ("", g) and m.number in ("", n) and m.source.type != "author":
                tree.add(m.start, (m.start, seq))
        self._any.add(m.start, (m.start, -seq))
        self._of_type.setdefault(m.source.type, PrefixMax(self.size)).add(m.start, seq)

    def latest_agreeing(self, gender: str, pos: int, number: str = ""):
        """The latest speaker or subject entity before ``pos`` whose gender (and
        ``number``, when one agrees) does not contradict the pronoun's (a speaker wins a
        tie; the latest remembered first)."""
        if number:
            found = self._agreeing_num[gender, number].before(pos)
            ent = self._agreeing_entities_num[gender, number].last_before(pos)
            if found is not None or ent is not None:
                if found is not None and (ent is None or found[0] >= ent.start):
                    return self.remembered[found[1]]
                return ent
        found = self._agreeing[gender].before(pos)
        ent = self._agreeing_entities[gender].last_before(pos)
        if found is not None and (ent is None or found[0] >= ent.start):
            return self.remembered[found[1]]
        return ent

    def latest_any(self, pos: int):
        """The latest mention of any kind before ``pos`` (the first remembered of a tie,
        a speaker before an entity)."""
        found = self._any.before(pos)
        ent = self._entities.last_before(pos)
        if found is not None and (ent is None or found[0] >= ent.start):
            return self.remembered[-found[1]]
        return ent

    def compatible(self, types: Iterable[str], pos: int):
        """The last remembered speaker before ``pos`` of one of ``types``; else the
        nearest such entity before ``pos``; else the first after it."""
        seqs = [t.before(pos) for k in types if (t := self._of_type.get(k)) is not None]
        seqs = [s for s in seqs if s is not None]
        if seqs:
            return self.remembered[max(seqs)]
        groups = [g for k in types if (g := self._entities_of_type.get(k)) is not None]
        before = [m for g in groups if (m := g.last_before(pos)) is not None]
        if before:
            return max(before, key=lambda m: m.start)
        after = [m for g in groups if (m := g.first_after(pos)) is not None]
        return min(after, key=lambda m: m.start) if after else None
