"""Each quantity's figures split into groups by relation (see
:mod:`pipeline.comparisons.group`), and the rows of comparisons.csv (SCHEMA.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pipeline.comparisons.cliques import cliques, greedy_cliques
from pipeline.comparisons.group import (
    MAX_EXACT_POSITIONS,
    FigureRecord,
    _agree,
    _close_enough,
    _clusters,
    _no_conflict,
    repeats,
)
from pipeline.comparisons.speakers import AUTHOR_ID, one_per_source, speakers, subject_of


def _positions(members: list[FigureRecord]) -> list[list[FigureRecord]]:
    """The figures in sets of one source saying one thing: same value and context (a
    source's repeats, in one article or several), in order of their first figure."""
    out: dict[tuple, list[FigureRecord]] = {}
    for m in sorted(members, key=lambda m: m.key):
        c = m.context
        key = (m.speaker, m.interval, c.places, c.groups, c.periods, c.labels)
        out.setdefault(key, []).append(m)
    return list(out.values())


def _consistent(positions: list[list[FigureRecord]]) -> list[list[FigureRecord]]:
    """Each source's positions less those at odds with a value it gives more often for
    the same thing: a source that gives 1,3 million three times and 440.000 once (an
    update, or the article's slip) is compared on 1,3 million. A figure of the article
    itself (``author``) that a source's value covers only restates it, and is left out."""
    by_source: dict[str, list[list[FigureRecord]]] = defaultdict(list)
    for p in positions:
        by_source[p[0].speaker].append(p)
    kept = []
    for own in by_source.values():
        support = [sum(len(q) for q in own if _agree(p[0], q[0])) for p in own]
        kept += [
            p
            for x, p in enumerate(own)
            if not any(
                support[y] > support[x] and not _agree(p[0], q[0]) and _no_conflict(p[0], q[0])
                for y, q in enumerate(own)
            )
        ]
    sourced = [p[0] for p in kept if p[0].source_id != AUTHOR_ID]
    return sorted(
        (
            p
            for p in kept
            if p[0].source_id != AUTHOR_ID or not any(_agree(p[0], s) for s in sourced)
        ),
        key=lambda p: p[0].key,
    )


def _repeated(positions: list[list[FigureRecord]]) -> list[list[int]]:
    """Per position, the positions where its source gives the very same value in its
    article (itself first): "700.000 selon la CGT" in the headline, beside the
    préfecture's 81.000, and "la CGT revendique 700.000" below, where a gap that wide
    between sentences would be too wide to trust, are one claim, set against the
    préfecture's alike."""
    out = []
    for i, p in enumerate(positions):
        a = p[0]
        out.append(
            [i]
            + [
                j
                for j, q in enumerate(positions)
                if j != i and q[0].doc_id == a.doc_id and repeats(a, q[0])
            ]
        )
    return out


def split_by_relation(members: list[FigureRecord]) -> list[tuple[str, list[FigureRecord]]]:
    """The groups of one quantity's figures: the largest sets whose every two figures
    of different sources measure the same thing (no context contradicts) and can both
    be true (``agree``), or cannot (``disagree``); figures of one source join a set
    when they repeat one value. Sets with one source are no comparison."""
    positions = _consistent(_positions(members))
    agree: set[frozenset[int]] = set()
    disagree: set[frozenset[int]] = set()
    same = _repeated(positions)
    for i, p in enumerate(positions):
        for j in range(i + 1, len(positions)):
            a, b = p[0], positions[j][0]
            pair = frozenset((i, j))
            if a.speaker == b.speaker:
                if _agree(a, b) and _no_conflict(a, b):
                    agree.add(pair)
                    disagree.add(pair)
            elif _no_conflict(a, b) and any(
                _close_enough(positions[x][0], positions[y][0]) for x in same[i] for y in same[j]
            ):
                (agree if _agree(a, b) else disagree).add(pair)
    nodes = list(range(len(positions)))
    find = cliques if len(nodes) <= MAX_EXACT_POSITIONS else greedy_cliques
    groups = []
    for relation, joined in (("disagree", disagree), ("agree", agree)):
        for clique in find(nodes, joined):
            figures = [m for i in clique for m in positions[i]]
            if len({m.speaker for m in figures}) > 1:
                groups += [(relation, pick) for pick in one_per_source(figures)]
    return groups


def comparison_groups(records: Iterable[FigureRecord]) -> list[tuple[str, list[FigureRecord]]]:
    """Every group of the run, in corpus order (of each group's first figure)."""
    records = [r for r in records if r.context.measure]
    speakers(records)
    groups = []
    for cluster in _clusters(records):
        groups += split_by_relation([records[i] for i in cluster])
    groups = [(rel, sorted(ms, key=lambda m: m.key)) for rel, ms in groups]
    groups.sort(key=lambda g: ([m.key for m in g[1]], g[0]))
    return groups


def comparison_rows(records: Iterable[FigureRecord], number=None) -> list[dict]:
    """The rows of comparisons.csv; ``number`` formats values (as figures.csv does)."""
    fmt = number or (lambda v: "" if v is None else repr(v))
    rows = []
    for n, (relation, members) in enumerate(comparison_groups(records), 1):
        subject = subject_of(members)
        rows += [
            {
                "group_id": f"g{n}",
                "relation": relation,
                "doc_id": m.doc_id,
                "figure_id": m.figure_id,
                "source_id": m.source_id,
                "source_name": m.source_name,
                "value": fmt(m.value),
                "value_max": fmt(m.value_max),
                "unit": m.unit,
                "category": m.category,
                "subject": subject,
                "text": m.text,
            }
            for m in members
        ]
    return rows
