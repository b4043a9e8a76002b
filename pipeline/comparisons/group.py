"""Groups of figures that measure the same quantity, given by different sources.

:func:`same_quantity` decides it for two figures (:class:`FigureRecord`), within a
document or across documents; :func:`comparison_groups` links every such pair of the
run, takes the connected figures as one quantity and splits it by relation: one
``agree`` group when every two sources' values can both be true, one ``disagree``
group when none can, else an ``agree`` group per set of compatible figures and a
``disagree`` group per pair of sources at odds. :func:`comparison_rows` gives the rows
of comparisons.csv (SCHEMA.md), groups numbered ``g1``, ``g2``… in corpus order.

Not grouped: figures of one source only (a toll it updates), figures whose counted
noun, category, place, group, date or part/rate/addition marker differ, and a figure
the article gives in its own name (``author``) that only restates a source's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from pipeline.comparisons.context import GENERIC, FigureContext
from pipeline.comparisons.values import compatible, interval, magnitude_ratio

AUTHOR_ID = "author"
#: categories of people that "personnes" may stand for
PERSON_CATEGORIES = frozenset(
    {"people", "protesters", "civilians", "workers", "refugees", "casualties", "troops"}
)
#: how many times larger one source's figure may be than another's for the same
#: quantity: in one sentence ("300.000 selon la CGT, 37.000 selon la préfecture"),
#: across sentences and documents (where a tenfold gap is rather another quantity)
MAX_RATIO_SENTENCE = 20.0
MAX_RATIO_APART = 5.0
#: measures that say nothing of what is measured ("12 %", "trois fois")
UNITLESS = frozenset({"%", ""})
#: documents further apart than this (published dates) report different days
MAX_DAYS_APART = 3
COLUMNS = [
    "group_id",
    "relation",
    "doc_id",
    "figure_id",
    "source_id",
    "source_name",
    "value",
    "value_max",
    "unit",
    "category",
    "subject",
    "text",
]


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """What the run keeps of one figure until the comparisons are made."""

    doc_index: int  # position of the document in corpus order
    doc_id: str
    figure_index: int  # position of the figure in its document
    figure_id: str
    sent_id: int
    source_id: str
    source_name: str
    value: float
    value_max: float | None
    unit: str
    category: str
    approx: bool
    qualifier: str
    text: str
    published: str
    context: FigureContext

    @property
    def interval(self) -> tuple[float, float]:
        return interval(self.value, self.value_max, self.approx, self.qualifier)

    @property
    def key(self) -> tuple[int, int]:
        return (self.doc_index, self.figure_index)


def _meet(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """True when both say and share a name, False when both say and share none, None
    when one says nothing."""
    if not a or not b:
        return None
    return bool(set(a) & set(b))


def same_measure(a: FigureRecord, b: FigureRecord) -> bool:
    """Same counted thing: one synonym class and category, or people in general
    ("1,3 million de personnes") against a class of people ("440.000 manifestants")."""
    ma, mb = a.context.measure, b.context.measure
    if not ma or not mb:
        return False
    if ma == mb:
        return a.category == b.category or GENERIC in (ma, mb)
    if GENERIC in (ma, mb):
        return a.category in PERSON_CATEGORIES and b.category in PERSON_CATEGORIES
    return False


def _days(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def same_quantity(a: FigureRecord, b: FigureRecord) -> bool:
    """Whether two figures of different sources measure the same quantity.

    Same counted thing and marker; places, groups, dates and labels that do not
    contradict each other; values of one order of magnitude. Figures in different
    sentences or documents need a place, group, date or label in common besides;
    documents must be published within a few days of each other.
    """
    if a.source_id == b.source_id or a.context.marker != b.context.marker:
        return False
    if not same_measure(a, b):
        return False
    ca, cb = a.context, b.context
    meets = [_meet(ca.places, cb.places), _meet(ca.groups, cb.groups)]
    meets += [_meet(ca.periods, cb.periods), _meet(ca.labels, cb.labels)]
    if False in meets:
        return False
    if _meet((*ca.groups, *ca.topics), (*cb.groups, *cb.topics)):
        meets[1] = True  # the same party, army… named in both sentences
    together = a.doc_id == b.doc_id and a.sent_id == b.sent_id
    if AUTHOR_ID in (a.source_id, b.source_id) and not together:
        return False  # the article's own figures elsewhere are its narration, mostly
    limit = MAX_RATIO_SENTENCE if together else MAX_RATIO_APART
    if magnitude_ratio(a.interval, b.interval) > limit:
        return False
    if together:
        return True
    if ca.measure in UNITLESS and meets[1] is not True and meets[3] is not True:
        return False  # a share or a length of what? the same group or label says
    if a.doc_id != b.doc_id:
        da, db = _days(a.published), _days(b.published)
        if da is not None and db is not None and abs((da - db).days) > MAX_DAYS_APART:
            return False
        # another article: a place or group in common, and one more sign
        return (meets[0] is True or meets[1] is True) and (
            meets.count(True) > 1 or GENERIC not in (ca.measure, cb.measure)
        )
    return True in meets


def _candidate_pairs(records: list[FigureRecord]) -> Iterator[tuple[int, int]]:
    """Index pairs worth testing: every two figures of one document, and figures of
    different documents that name one place or group (an index by name, so the work
    grows with the figures that share a name, not with the square of the run)."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        by_doc[r.doc_index].append(i)
        for name in (*r.context.places, *r.context.groups):
            by_name[(r.category, name)].append(i)
    for members in by_doc.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield i, j
    seen: set[tuple[int, int]] = set()
    for members in by_name.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if records[i].doc_index != records[j].doc_index and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _clusters(records: list[FigureRecord]) -> list[list[int]]:
    """Figures linked by :func:`same_quantity`, directly or through others."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(records):
        if same_quantity(records[i], records[j]):
            parent[root(i)] = root(j)
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        out[root(i)].append(i)
    return [sorted(m) for m in out.values() if len(m) > 1]


def _agree(a: FigureRecord, b: FigureRecord) -> bool:
    return compatible(a.interval, b.interval)


def _cliques(nodes: list[str], edges: set[frozenset[str]]) -> list[list[str]]:
    """Maximal sets of ``nodes`` every two of which are joined (Bron–Kerbosch), in the
    order of their first node: the sources that all agree, or all disagree."""
    out: list[list[str]] = []

    def grow(r: list[str], p: list[str], x: list[str]) -> None:
        if not p and not x:
            if len(r) > 1:
                out.append(r)
            return
        for v in list(p):
            joined = [u for u in p if frozenset((u, v)) in edges]
            grow([*r, v], joined, [u for u in x if frozenset((u, v)) in edges])
            p.remove(v)
            x.append(v)

    grow([], list(nodes), [])
    order = {n: i for i, n in enumerate(nodes)}
    return sorted((sorted(c, key=order.get) for c in out), key=lambda c: [order[n] for n in c])


def split_by_relation(members: list[FigureRecord]) -> list[tuple[str, list[FigureRecord]]]:
    """The groups of one quantity's figures: the sources whose values can all be true
    together (``agree``), and those no two of which can (``disagree``), each group
    with every figure of its sources, so that every two figures of different sources
    in a group have the group's relation. An ``author`` figure compatible with a
    source's is a restatement and left out."""
    sourced = [m for m in members if m.source_id != AUTHOR_ID]
    members = [
        m for m in members if m.source_id != AUTHOR_ID or not any(_agree(m, s) for s in sourced)
    ]
    by_source: dict[str, list[FigureRecord]] = {}
    for m in members:
        by_source.setdefault(m.source_id, []).append(m)
    sources = list(by_source)
    agree: set[frozenset[str]] = set()
    disagree: set[frozenset[str]] = set()
    for x, a in enumerate(sources):
        for b in sources[x + 1 :]:
            votes = [_agree(fa, fb) for fa in by_source[a] for fb in by_source[b]]
            # a source that updates its figure: its most frequent relation counts
            (agree if 2 * sum(votes) >= len(votes) else disagree).add(frozenset((a, b)))
    groups = [
        (relation, sorted((m for s in clique for m in by_source[s]), key=lambda m: m.key))
        for relation, edges in (("disagree", disagree), ("agree", agree))
        for clique in _cliques(sources, edges)
    ]
    return groups


def subject_of(members: list[FigureRecord]) -> str:
    """A few words naming the quantity: its most specific unit, then its places and
    groups (``manifestants, France``)."""
    units = sorted({m.unit for m in members if m.unit}, key=lambda u: (u == "personnes", -len(u)))
    names: list[str] = []
    for m in members:
        for n in (*m.context.places, *m.context.groups, *m.context.labels):
            if n not in names:
                names.append(n)
    return ", ".join([*units[:1], *names[:3]])


def comparison_groups(records: Iterable[FigureRecord]) -> list[tuple[str, list[FigureRecord]]]:
    """Every group of the run, in corpus order (of each group's first figure)."""
    records = [r for r in records if r.context.measure]
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
