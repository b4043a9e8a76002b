"""The names of one Doc that say what its figures are about: places (entities, city
adjectives, the place a site's name gives), groups (parties, armies, nationalities) and
sites, sources aside (:class:`Names`), for :mod:`pipeline.comparisons.context`."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.comparisons.tokens import DocWords
from pipeline.comparisons.words import (
    fold,
    is_channel,
    known_places,
    place_adjectives,
    singular,
    sites,
)
from pipeline.extension_values import span_values

_PLACE_LABELS = frozenset({"LOC", "GPE"})
#: kinds of names: places, groups (parties, armies, nationalities), sites (hôpital X)
PLACE, GROUP, SITE = "place", "group", "site"
PLACES, GROUPS, TOPICS = frozenset({PLACE}), frozenset({GROUP}), frozenset({GROUP, SITE})


class ClaimSources(NamedTuple):
    """What :class:`Names` reads of a Doc's claims: their sources' names, folded, and
    the (start, end) token offsets of every source mention, in claim order."""

    names: set[str]
    mentions: list[tuple[int, int]]


class Names:
    """The names of one Doc, read once (entities, city adjectives), looked up between
    two tokens by bisection: every figure and sentence asks, and a fresh walk over the
    entities (folding each name, matching it against the registry) made it quadratic."""

    def __init__(self, doc: Doc, claims: ClaimSources, words: DocWords | None = None) -> None:
        sources = claims.mentions
        source_names = claims.names
        source_starts = sorted(m[0] for m in sources)

        def in_mention(start: int, end: int) -> bool:
            i = bisect_right(source_starts, start) - 1
            return any(m[0] <= start and end <= m[1] for m in sources[max(i - 2, 0) : i + 1])

        self.words = words if words is not None else DocWords(doc)
        #: per entity: start, kind (PLACE, GROUP, SITE), MISC or not, its name (None:
        #: a source's mention), whether it only bears a source's name
        self.ents: list[tuple[int, str, bool, str | None, bool]] = []
        ents = doc.ents
        site_heads = sites()
        for e, canonical in zip(ents, span_values(ents, "canonical"), strict=True):
            text, label = e.text, e.label_
            name = fold(canonical or text)
            kind = PLACE if label in _PLACE_LABELS else GROUP
            if kind == PLACE and not _place_like(text, name):
                continue  # "la réforme des retraites" tagged LOC names no place
            mention = in_mention(e.start, e.end)
            source = name in source_names or is_channel(text) or mention
            # "les Ukrainiens disent…" makes the nationality a source's name, yet in "51
            # drones ukrainiens" it says whose drones: beside a figure, it still counts
            named_only = source and label == "MISC" and not mention
            if kind == GROUP and name.split()[0] in site_heads:
                # "l'hôpital de Gaza", "l'hôpital al-Ahli": outlets name a site each
                # their way, so its name may support a match, never contradict one; the
                # place it names is a place
                kind = SITE
                if (place := _site_place(name)) and not source:
                    self.ents.append((e.start, PLACE, False, place, False))
            if kind != PLACE:  # "italiens" and "italien" alike; place names as they are
                name = " ".join(singular(w) for w in name.split())
            kept = name if named_only or not source else None
            self.ents.append((e.start, kind, label == "MISC", kept, named_only))
        self.starts = [e[0] for e in self.ents]
        self._adjectives: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def adjectives(self, sent: tuple[int, int]) -> list[tuple[int, str]]:
        """The city adjectives of a sentence ("le cortège parisien"; ``sent``: its first
        and end token), read once per sentence that is asked about (those with figures
        and before them)."""
        if sent not in self._adjectives:
            table = place_adjectives()
            lower = self.words.lower
            self._adjectives[sent] = [
                (i, table[w]) for i in range(*sent) if (w := fold(lower[i])) in table
            ]
        return self._adjectives[sent]

    def between(
        self,
        sent: tuple[int, int],
        start: int,
        end: int,
        kinds: frozenset[str],
        near: tuple[int, int] | None = None,
    ) -> tuple[str, ...]:
        """The names of ``kinds`` between two tokens of ``sent`` (its first and end
        token); with ``near`` (a figure's first and end token), a nationality (MISC)
        only inside the figure or right after it ("1 351 soldats russes", "51 drones
        ukrainiens")."""
        out = set()
        for k in range(bisect_left(self.starts, start), len(self.ents)):
            e_start, kind, misc, name, named_only = self.ents[k]
            if e_start >= end:
                break
            if kind not in kinds or name is None:
                continue
            beside = near is not None and near[0] <= e_start <= near[1] + 2
            if (misc and near is not None and not beside) or (named_only and not beside):
                continue
            out.add(name)
        if PLACE in kinds and (adjectives := self.adjectives(sent)):
            out.update(place for i, place in adjectives if start <= i < end)
        return tuple(sorted(out)) if out else ()


def _place_like(text: str, name: str) -> bool:
    """Whether a name the model tags as a place reads as one: not in lower case ("la
    réforme des retraites"), nor a phrase whose words after the first are all in lower
    case or all in capitals (a kicker: "RÉFORME DES RETRAITES"), unless a known place
    is among its words ("Arabie saoudite", "BANDE DE GAZA").

    >>> _place_like("Bruxelles", "bruxelles"), _place_like("Pays de la Loire", "pays de la loire")
    (True, True)
    >>> _place_like("RÉFORME DES RETRAITES", "reforme des retraites")
    False
    """
    words = text.split()
    if text.islower():
        return False
    tail = [w for w in words[1:] if any(c.isalpha() for c in w)]
    if not tail or not (all(w.islower() for w in tail) or text.isupper()):
        return True
    return name in known_places() or any(w in known_places() for w in name.split())


def _site_place(name: str) -> str:
    """The place a site's name puts it in ("hopital de gaza" → "gaza"), when that is
    a place of places.txt; else "".

    >>> _site_place("hopital de gaza"), _site_place("hopital al-ahli")
    ('gaza', '')
    """
    for link in (" de ", " du ", " d'"):
        if link in name:
            tail = name.rsplit(link, 1)[1].strip()
            return tail if tail in known_places() else ""
    return ""
