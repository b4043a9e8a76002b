"""Interval look-ups in O(log n), so that no stage compares every span with every other
(a long article would cost its length squared)."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any


class Stabber:
    """Which of a fixed set of ``[start, end)`` intervals hold a point, or start in a
    range.

    >>> s = Stabber([(0, 5), (10, 12), (3, 7)])
    >>> s.covers(6), s.covers(8), s.starts_in(8, 11), s.starts_in(4, 9)
    (True, False, True, False)
    """

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(intervals)
        self.starts = [s for s, _ in pairs]
        self.reach: list[int] = []  # the furthest end of the intervals up to each one
        far = None
        for _, e in pairs:
            far = e if far is None or e > far else far
            self.reach.append(far)

    def covers(self, i: int) -> bool:
        """Some interval has ``start <= i < end``."""
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.reach[k] > i

    def starts_in(self, start: int, end: int) -> bool:
        """Some interval starts in ``[start, end)``."""
        k = bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] < end


def best_containing(
    queries: Sequence[tuple[int, int]], regions: Iterable[tuple[int, int, Any]]
) -> list[Any]:
    """For each query ``(start, end)``, the smallest key among the regions ``(start,
    end, key)`` that contain it (``None`` when none does). The queries must not overlap
    one another (entity mentions, figures): a sweep in text order with a heap of the
    open regions, n·log n.

    >>> best_containing([(0, 2), (3, 4), (8, 9)], [(0, 5, "b"), (2, 4, "a")])
    ['b', 'a', None]
    """
    order = sorted(range(len(queries)), key=lambda k: queries[k])
    spans = sorted(regions, key=lambda r: r[0])
    found: list[Any] = [None] * len(queries)
    heap: list[tuple[Any, int]] = []
    n, last_end = 0, None
    for k in order:
        start, end = queries[k]
        if last_end is not None and end < last_end:
            raise ValueError("best_containing: the queries overlap")
        last_end = end
        while n < len(spans) and spans[n][0] <= start:
            heapq.heappush(heap, (spans[n][2], spans[n][1]))
            n += 1
        # a region that ends before this query ends contains no later query either
        while heap and heap[0][1] < end:
            heapq.heappop(heap)
        if heap:
            found[k] = heap[0][0]
    return found
