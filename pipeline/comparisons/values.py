"""What values a figure allows, and whether two figures' values can both be true.

A figure stands for an interval: ``15 000`` for itself (give or take rounding),
``environ 15 000`` for 15 000 give or take its last significant digit or 10 %,
``près de 400`` for a little under 400, ``plus de 36.000`` for 36 000 and up, ``de 230 à
280`` for its range, ``des dizaines`` for several tens (20 and up), ``une dizaine`` for
about ten. Two figures agree when their intervals meet.
"""

from __future__ import annotations

import math

from pipeline.comparisons.context import fold, singular
from pipeline.figures_parse import lexicons
from pipeline.lexicons import lexicon_cache

#: hedges that put the true value a little under the number ("près de 400 km")
_JUST_UNDER = frozenset({"pres de", "presque", "quasiment", "quasi", "a peine"})
#: relative margin of a round hedged number ("environ 600": 540 to 660)
_ROUND_MARGIN = 0.1
#: relative margin of an exact count or amount, for rounding ("1,3 million", 1 312 000)
_EXACT_MARGIN = 0.01


@lexicon_cache()
def _bounds() -> dict[str, str]:
    return {fold(q): bound for q, (bound, _) in lexicons().qualifiers.items()}


@lexicon_cache()
def _vague_words() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicons().vague)


def significant_digits(value: float) -> int:
    """Digits that carry the number, trailing zeros of integers aside.

    >>> significant_digits(15000), significant_digits(24700), significant_digits(0.5887)
    (2, 3, 4)
    """
    if value == 0:
        return 1
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    digits = text.replace(".", "").lstrip("0")
    if "." not in text:
        digits = digits.rstrip("0")
    return max(len(digits), 1)


def interval(
    value: float, value_max: float | None = None, approx: bool = False, qualifier: str = ""
) -> tuple[float, float]:
    """The values a figure allows.

    >>> interval(15000, approx=True, qualifier="environ")
    (13500.0, 16500.0)
    >>> interval(400, approx=True, qualifier="près de"), interval(36000, None, True, "plus de")
    ((360.0, 400), (36000, inf))
    >>> interval(10, None, True, "des dizaines"), interval(230, 280)
    ((20, 99.0), (230, 280))
    """
    q = fold(qualifier)
    words = [singular(w) for w in q.split()]
    if any(w in _vague_words() for w in words):
        if q.startswith(("des ", "plusieurs ")) or q.split()[-1].endswith("s"):
            # des dizaines: several tens, fewer than a hundred
            return (2 * value, 10 * value * (1 - _EXACT_MARGIN))
        return (0.8 * value, 1.2 * value)  # une dizaine: about ten
    if value_max is not None and value_max > value:
        return (value, value_max)
    bound = _bounds().get(q, "approx" if approx else "")
    if bound == "lower":
        return (value, math.inf)
    if bound == "upper":
        return (0.0, value)
    if bound == "approx":
        margin = abs(value) * _ROUND_MARGIN
        if significant_digits(value) > 2:
            last = 10 ** (math.floor(math.log10(abs(value))) - significant_digits(value) + 1)
            margin = 2 * last
        if q in _JUST_UNDER:
            return (value - margin, value)
        return (value - margin, value + margin)
    margin = abs(value) * _EXACT_MARGIN if abs(value) >= 100 else 0.0
    return (value - margin, value + margin)


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two intervals meet (a small tolerance for float noise).

    >>> compatible((3, math.inf), (3, 3)), compatible((6, 6), (8, 8))
    (True, False)
    """
    eps = 1e-9 * max(1.0, abs(a[0]), abs(b[0]))
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def magnitude_ratio(a: tuple[float, float], b: tuple[float, float], gap: bool = False) -> float:
    """How many times larger one figure is than the other: their lower ends (an
    interval starting at 0 counts from its upper end); with ``gap``, the gap between
    the intervals, from the top of the lower to the bottom of the higher (1 when they
    meet), for disputes that run wide: "entre 10 et 50" morts against 471 is 471 / 50.

    >>> magnitude_ratio((300000, 300000), (37000, 37000)) > 8
    True
    >>> dozens, toll = (10, 50), (471, 471)
    >>> magnitude_ratio(dozens, toll) > 40, magnitude_ratio(dozens, toll, gap=True) < 10
    (True, True)
    """
    if gap:
        low, high = (a, b) if a[0] <= b[0] else (b, a)
        if compatible(low, high):
            return 1.0
        a, b = (low[1], low[1]) if not math.isinf(low[1]) else low, high
    x = a[0] if a[0] > 0 else a[1]
    y = b[0] if b[0] > 0 else b[1]
    if x <= 0 or y <= 0 or math.isinf(x) or math.isinf(y):
        return 1.0
    return max(x, y) / min(x, y)
