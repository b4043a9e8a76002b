"""Who speaks in a group of comparisons, and of what: one source under its article's
names (:func:`speakers`), a group split so that each source gives one figure
(:func:`one_per_source`), the words naming its quantity (:func:`subject_of`)."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import TYPE_CHECKING

from pipeline.comparisons.words import singular
from pipeline.lexicons import data_rows, lexicon_cache

if TYPE_CHECKING:
    from pipeline.comparisons.group import FigureRecord

AUTHOR_ID = "author"
#: up to this many ways to pick one figure per source, a group is split into all of
#: them; beyond, into as many as its most repeated source has figures
MAX_PICKS = 16


#: words of a source's id that do not tell it apart
_ID_STOPWORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "au", "aux", "et"})


def _id_words(source_id: str) -> frozenset[str]:
    return frozenset(w for w in source_id.split("_") if w and w not in _ID_STOPWORDS)


def _initials(source_id: str) -> str:
    return "".join(w[0] for w in source_id.split("_") if w and w not in _ID_STOPWORDS)


def same_speaker(short: str, long: str) -> bool:
    """Whether one article's two source ids name one source: one's words among the
    other's ("ministere" and "ministere_de_la_sante"), or an acronym of its words'
    initials ("hcp", "haut_commissariat_au_plan"; "hcp", "haut_commissariat").

    >>> same_speaker("ministere", "ministere_de_la_sante"), same_speaker("hcp", "haut_commissariat")
    (True, True)
    >>> same_speaker("ministere_russe", "ministere_ukrainien"), same_speaker("cgt", "police")
    (False, False)
    """
    if AUTHOR_ID in (short, long) or short == long:
        return short == long
    a, b = _id_words(short), _id_words(long)
    if a and (a <= b or b <= a):
        return True
    for x, y in ((short, long), (long, short)):
        initials = _initials(y)
        if "_" not in x and len(initials) >= 2 and len(x) <= 6 and x.startswith(initials):
            return True
    return False


@lexicon_cache()
def _roles() -> dict[str, str]:
    return {r["word"]: r["role"] for r in data_rows("comparison_speakers.csv")}


def _role(source_id: str) -> str:
    """``work`` for a study's id ("grande_etude_publiee"), ``authors`` for its writers'
    ("auteurs_de_la_recherche"): the role of its first word that has one.

    >>> _role("etude_norvegienne"), _role("chercheurs"), _role("police")
    ('work', 'authors', '')
    """
    for word in source_id.split("_"):
        if role := _roles().get(singular(word)):
            return role
    return ""


def speakers(records: list[FigureRecord]) -> None:
    """Each figure's :attr:`~FigureRecord.speaker`: in one article, the longest id of
    the sources that :func:`same_speaker` finds one; a study's authors speak for the
    study when the article names one study only."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for r in records:
        by_doc[r.doc_id].add(r.source_id)
    names: dict[tuple[str, str], str] = {}
    for doc_id, ids in by_doc.items():
        ordered = sorted(ids, key=lambda s: (-len(s), s))
        works = [sid for sid in ordered if _role(sid) == "work"]
        for sid in ids:
            names[(doc_id, sid)] = next(o for o in ordered if same_speaker(sid, o))
            if len(works) == 1 and _role(sid) == "authors":
                names[(doc_id, sid)] = works[0]
    for r in records:
        object.__setattr__(r, "speaker", names[(r.doc_id, r.source_id)])


def one_per_source(figures: list[FigureRecord]) -> list[list[FigureRecord]]:
    """A group's figures as groups of one figure per source and article: a source's
    repeats in one article ("1,3 million" twice) are each set against every other
    source's figure, never against each other (they are no comparison); a story told
    by many articles stays one group. Every way to pick, up to :data:`MAX_PICKS`;
    beyond, the n-th figure of each source (cycling) for n up to the largest source's
    count, so the groups stay as many as the figures."""
    by_source: dict[tuple[str, str], list[FigureRecord]] = {}
    for m in figures:
        by_source.setdefault((m.speaker, m.doc_id), []).append(m)
    lists = list(by_source.values())
    if math.prod(len(own) for own in lists) <= MAX_PICKS:
        return [list(pick) for pick in itertools.product(*lists)]
    rounds = max(len(own) for own in lists)
    return [[own[n % len(own)] for own in lists] for n in range(rounds)]


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
