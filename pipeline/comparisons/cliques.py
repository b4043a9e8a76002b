"""The sets of positions every two of which are joined (one source's value against
another's), for :func:`pipeline.comparisons.relations.split_by_relation`.

>>> joined = {frozenset((0, 1)), frozenset((1, 2)), frozenset((0, 2)), frozenset((2, 3))}
>>> cliques([0, 1, 2, 3], joined), greedy_cliques([0, 1, 2, 3], joined)
([[0, 1, 2], [2, 3]], [[0, 1, 2], [2, 3]])
"""

from __future__ import annotations


def cliques(nodes: list[int], joined: set[frozenset[int]]) -> list[list[int]]:
    """Maximal sets of ``nodes`` every two of which are ``joined`` (Bron–Kerbosch with
    a pivot), sorted."""
    out: list[list[int]] = []

    def grow(r: list[int], p: set[int], x: set[int]) -> None:
        if not p and not x:
            out.append(sorted(r))
            return
        pivot = max(p | x, key=lambda u: sum(frozenset((u, v)) in joined for v in p))
        for v in sorted(p - {u for u in p if frozenset((u, pivot)) in joined}):
            near = {u for u in nodes if frozenset((u, v)) in joined}
            grow([*r, v], p & near, x & near)
            p = p - {v}
            x = x | {v}

    grow([], set(nodes), set())
    return sorted(out)


def greedy_cliques(nodes: list[int], joined: set[frozenset[int]]) -> list[list[int]]:
    """Cliques grown from each node in turn (for many positions, where listing every
    maximal clique could take exponential time)."""
    out = set()
    for seed in nodes:
        clique = [seed]
        for v in nodes:
            if v != seed and all(frozenset((u, v)) in joined for u in clique):
                clique.append(v)
        out.add(tuple(sorted(clique)))
    return sorted(list(c) for c in out)
