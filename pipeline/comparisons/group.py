"""Groups of figures that measure the same quantity, given by different sources.

:func:`same_quantity` decides it for two figures (:class:`FigureRecord`), within a
document or across documents; :func:`_clusters` links every such pair of the run (and
a source's repeats) and takes the connected figures as one quantity, which
:func:`pipeline.comparisons.relations.comparison_groups` splits by relation: one
``agree`` group when every two sources' values can both be true, one ``disagree``
group when none can, else an ``agree`` group per set of compatible figures and a
``disagree`` group per pair of sources at odds.

Not grouped: figures of one source only (a toll it updates), figures whose counted
noun, category, place, group, date or part/rate/addition marker differ, and a figure
the article gives in its own name (``author``) that only restates a source's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from pipeline.columns import COMPARISONS_COLUMNS
from pipeline.comparisons.context import GENERIC, FigureContext
from pipeline.comparisons.speakers import AUTHOR_ID
from pipeline.comparisons.values import compatible, interval, magnitude_ratio
from pipeline.comparisons.words import holds

UNKNOWN = "other"  # the category of a figure the figure stage could not class
#: categories of people that "personnes" may stand for
PERSON_CATEGORIES = frozenset(
    {"people", "protesters", "civilians", "workers", "refugees", "casualties", "troops"}
)
#: how many times larger one source's figure may be than another's for the same
#: quantity: in one sentence ("300.000 selon la CGT, 37.000 selon la préfecture"), in
#: other sentences of one article (where a place may be only the headline's, and a
#: wide gap is rather a city against the country), in sentences that both name their
#: place and in other articles (which must share a place or group and one more sign)
MAX_RATIO_SENTENCE = 20.0
MAX_RATIO_APART = 5.0
MAX_RATIO_ACROSS = 10.0
#: measures that say nothing of what is measured ("12 %", "270 millions de dollars",
#: "+0,2 point": a share, a sum, a change of what?)
UNITLESS = frozenset({"%", "", "euro", "dollar", "point"})
#: documents further apart than this (published dates) report different days
MAX_DAYS_APART = 3
#: up to this many positions (a source's value) in one quantity, every largest group
#: is listed; beyond, groups are grown greedily
MAX_EXACT_POSITIONS = 24
#: how many figures of other articles, next in date, one figure is tested against
MAX_NEIGHBOURS = 200
COLUMNS = COMPARISONS_COLUMNS  # comparisons.csv, SCHEMA.md
_YEAR = re.compile(r"(?:19|20)\d\d")


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
    #: the values the figure allows (:func:`~pipeline.comparisons.values.interval`)
    interval: tuple[float, float] = field(init=False, compare=False)
    #: who speaks: the source, under one id for the names it has in its article
    #: (:func:`speakers`)
    speaker: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        bounds = interval(self.value, self.value_max, self.approx, self.qualifier)
        object.__setattr__(self, "interval", bounds)
        object.__setattr__(self, "speaker", self.source_id)

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
        # a category the figure stage could not tell ("other") does not contradict, nor
        # two classes of people when neither says what happened to them ("trois
        # soldats" of one source, "au moins trois soldats" of another)
        categories = (a.category, b.category)
        people = set(categories) <= PERSON_CATEGORIES and not (a.context.event or b.context.event)
        return a.category == b.category or GENERIC in (ma, mb) or UNKNOWN in categories or people
    if GENERIC in (ma, mb):
        return a.category in PERSON_CATEGORIES and b.category in PERSON_CATEGORIES
    return False


def _days(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """Like :func:`_meet`, for labels: one must hold the other ("milieu rural" is not
    "milieu urbain", "grévistes dans le primaire" is "dans le primaire")."""
    if not a or not b:
        return None
    return set(a) <= set(b) or set(b) <= set(a)


def _dated(periods: tuple[str, ...]) -> tuple[str, ...]:
    """The dates that name their day ("10 decembre"), not a weekday ("mardi"), which
    two articles published on different days may mean differently."""
    return tuple(p for p in periods if p[:1].isdigit())


def _years(r: FigureRecord) -> frozenset[str]:
    """The years a figure is of: those its dates name ("le 5 décembre 2019"), else its
    article's (published), else none known."""
    named = frozenset(w for p in r.context.periods for w in p.split() if _YEAR.fullmatch(w))
    return named or (frozenset({r.published[:4]}) if _YEAR.fullmatch(r.published[:4]) else named)


def _close_enough(a: FigureRecord, b: FigureRecord) -> bool:
    """Values of one order of magnitude, as far apart as where they stand allows."""
    limit = MAX_RATIO_APART
    if a.doc_id != b.doc_id or (a.context.placed and b.context.placed):
        limit = MAX_RATIO_ACROSS
    if a.doc_id == b.doc_id and a.sent_id == b.sent_id:
        limit = MAX_RATIO_SENTENCE
    # a toll (the killed, the wounded) is disputed by orders of magnitude ("quelques
    # dizaines" against 471): two tolls are as far apart as the gap between them
    toll = bool(a.context.event) and a.context.event == b.context.event
    return magnitude_ratio(a.interval, b.interval, gap=toll) <= limit


def _meets(a: FigureRecord, b: FigureRecord) -> list[bool | None]:
    """Whether their places, groups, dates and labels meet (see :func:`_meet`)."""
    ca, cb = a.context, b.context
    periods = _meet(ca.periods, cb.periods)
    places = _meet(ca.places, cb.places)
    if a.doc_id != b.doc_id:
        periods = _meet(_dated(ca.periods), _dated(cb.periods))
    elif places is False and not (ca.placed or cb.placed):
        # in one article, places both taken from other sentences may be a country and
        # a town of it (Burkina Faso, Bouroum): no contradiction, no sign either
        places = None
    elif places is False and ca.placed != cb.placed and _frames(a, b):
        places = None
    ya, yb = _years(a), _years(b)
    if ya and yb and not ya & yb:
        periods = False  # "51 % en 2019" is not this year's strike
    return [
        places,
        _meet(ca.groups, cb.groups),
        periods,
        _nested(ca.labels, cb.labels),
    ]


def _frames(a: FigureRecord, b: FigureRecord) -> bool:
    """Whether the places named in one figure's sentence only hold the article's place
    that the other figure carries from elsewhere: "80.000 selon la police" under a
    headline on Brussels, "100.000, un record en Belgique" for the unions; the other
    way ("1,3 million" in France, "à Paris, 400.000") the city is another count."""
    named, carried = (a, b) if a.context.placed else (b, a)
    return all(
        any(holds(region, p) for p in carried.context.places) for region in named.context.places
    )


def same_quantity(a: FigureRecord, b: FigureRecord) -> bool:
    """Whether two figures of different sources measure the same quantity.

    Same counted thing and marker; places, groups, dates and labels that do not
    contradict each other; values of one order of magnitude. Figures in different
    sentences or documents need a place, group, date or label in common besides;
    documents must be published within a few days of each other.
    """
    if a.speaker == b.speaker or not _no_conflict(a, b):
        return False
    ca, cb = a.context, b.context
    meets = _meets(a, b)
    # a share, a sum of money: of what? in two sentences, the same label says
    # ("dans le primaire"); a name beside a sum is too often its currency ("millions US")
    said = meets[3] is True
    if _meet((*ca.groups, *ca.topics), (*cb.groups, *cb.topics)):
        meets[1] = True  # the same party, army… named in both sentences
    together = a.doc_id == b.doc_id and a.sent_id == b.sent_id
    if AUTHOR_ID in (a.source_id, b.source_id) and not together:
        return False  # the article's own figures elsewhere are its narration, mostly
    if not _close_enough(a, b):
        return False
    if together:
        return True
    if ca.measure in UNITLESS and not said:
        return False
    if a.doc_id == b.doc_id and (a.value, a.value_max) == (b.value, b.value_max):
        return True  # one article, one count of one thing, the very same number
    if a.doc_id != b.doc_id:
        da, db = _days(a.published), _days(b.published)
        if da is not None and db is not None and abs((da - db).days) > MAX_DAYS_APART:
            return False
        # another article: a place, group or named day in common (for a share, what it
        # is a share of: "dans le primaire"), and one more sign
        return (True in meets[:3] or said) and (
            meets.count(True) > 1 or GENERIC not in (ca.measure, cb.measure)
        )
    return True in meets or (_estimates(a, b) and GENERIC not in (ca.measure, cb.measure))


def _estimates(a: FigureRecord, b: FigureRecord) -> bool:
    """Two ranges that mostly overlap (by half the narrower, at least) estimate one
    thing: "entre 240 et 310 sièges" in the lead, "de 230 à 280 sièges" below under the
    party's leader's name; "40 à 60" and "60 à 90" only touch."""
    if a.value_max is None or b.value_max is None:
        return False
    (lo_a, hi_a), (lo_b, hi_b) = a.interval, b.interval
    overlap = min(hi_a, hi_b) - max(lo_a, lo_b)
    return overlap > 0 and overlap >= 0.5 * min(hi_a - lo_a, hi_b - lo_b)


def repeats(a: FigureRecord, b: FigureRecord) -> bool:
    """Whether a source gives the very same value twice in one article for what
    nothing sets apart: one quantity, so what is compared with one figure is compared
    with the other (a headline's "1,28 million" and the body's "1,28 million de
    personnes en France")."""
    return (
        a.doc_id == b.doc_id
        and a.speaker == b.speaker
        and a.interval == b.interval
        and _no_conflict(a, b)
    )


def _no_conflict(a: FigureRecord, b: FigureRecord) -> bool:
    """Same counted thing, event and marker, and no place, group, date or label that
    differ."""
    ca, cb = a.context, b.context
    if ca.marker != cb.marker or (ca.event and cb.event and ca.event != cb.event):
        return False
    return same_measure(a, b) and False not in _meets(a, b)


def _candidate_pairs(records: list[FigureRecord]) -> Iterator[tuple[int, int]]:
    """Index pairs worth testing: every two figures of one document, and figures of
    different documents that name one place, group, day or label, each against its next
    :data:`MAX_NEIGHBOURS` in (published date, corpus order) among those that share a
    name and kind: the work grows with the run, not with its square.

    Left out, before any test: pairs whose markers or counted things differ (what
    :func:`_no_conflict` asks first), and pairs of two articles that one speaker gives
    or the article itself (``author``) gives: :func:`same_quantity` refuses both and
    :func:`repeats` is for one article."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        by_doc[r.doc_index].append(i)
        kind = "people" if r.category in PERSON_CATEGORIES else r.category
        c = r.context
        for name in (*c.places, *c.groups, *_dated(c.periods), *c.labels):
            by_name[(kind, name)].append(i)
    markers = [r.context.marker for r in records]
    measures = [r.context.measure for r in records]

    def comparable(i: int, j: int) -> bool:
        # same marker, and one measure or people in general (same_measure's first test)
        return markers[i] == markers[j] and (
            measures[i] == measures[j] or GENERIC in (measures[i], measures[j])
        )

    for members in by_doc.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if comparable(i, j):
                    yield i, j
    doc_index = [r.doc_index for r in records]
    doc_ids = [r.doc_id for r in records]
    speaker = [r.speaker for r in records]
    sourced = [r.source_id != AUTHOR_ID for r in records]
    seen: set[tuple[int, int]] = set()
    for members in by_name.values():
        members.sort(key=lambda i: (records[i].published or "9999", records[i].doc_index))
        for x, i in enumerate(members):
            window = members[x + 1 : x + 1 + MAX_NEIGHBOURS]
            di, doc, who = doc_index[i], doc_ids[i], speaker[i]
            if sourced[i]:
                window = [
                    j
                    for j in window
                    if doc_index[j] != di
                    and (doc_ids[j] == doc or (sourced[j] and speaker[j] != who))
                ]
            else:
                window = [j for j in window if doc_index[j] != di and doc_ids[j] == doc]
            for j in window:
                a, b = min(i, j), max(i, j)
                if comparable(a, b) and (a, b) not in seen:
                    seen.add((a, b))
                    yield a, b


def _clusters(records: list[FigureRecord]) -> list[list[int]]:
    """Figures linked by :func:`same_quantity`, directly or through others."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(records):
        if same_quantity(records[i], records[j]) or repeats(records[i], records[j]):
            parent[root(i)] = root(j)
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        out[root(i)].append(i)
    return [sorted(m) for m in out.values() if len(m) > 1]


def _agree(a: FigureRecord, b: FigureRecord) -> bool:
    return compatible(a.interval, b.interval)
