"""What a figure measures, read from its Doc: the compact record comparisons need.

Comparisons across documents run after every document is done, so each figure keeps
only a few short strings (:class:`FigureContext`), never its Doc:

- ``measure``: the counted noun, folded onto a synonym class (``soldats``, ``troupes``,
  ``militaires`` → ``soldat``; ``pipeline/data/comparison_measures.csv``);
- ``event``: what happened to the people it counts (killed, wounded…: its measure, or
  a verb of its stretch, ``comparison_events.csv``);
- ``marker``: what makes it a different quantity from a plain total: a part
  (``dont 25.667 civils``), an addition (``neuf autres personnes``), a rate
  (``165 morts par jour``), a contrast with an earlier state (``contre 150``);
- ``places``, ``periods``: the places and dates of the figure's stretch of its
  sentence, else of its sentence (else of the sentence before, or the headline's:
  ``placed`` says whether its own sentence names them);
- ``groups``: the other named things (parties, armies, nationalities) of its stretch,
  sources aside; ``topics``: those of its whole sentence (they may support a match,
  never contradict one: a sentence names more than its figures are about);
- ``labels``: what a preposition right after the figure restricts it to
  (``12 % dans le primaire`` → ``primaire``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.comparisons.names import GROUPS, PLACES, TOPICS, ClaimSources, Names
from pipeline.comparisons.tokens import DocWords
from pipeline.comparisons.words import (
    BY_EVENT,
    GENERIC,
    calendar,
    event_measures,
    event_of,
    fold,
    labels,
    markers,
    measure_of,
    singular,
)
from pipeline.components.claim import Claim
from pipeline.components.figures import Figure
from pipeline.components.sentences import sent_starts
from pipeline.extension_values import span_values
from pipeline.lexicons import lexicon_cache

__all__ = ["GENERIC", "FigureContext", "figure_contexts", "fold", "measure_of", "singular"]

#: words that make a date a point of reference, not the figure's day ("davantage que
#: le record du 31 janvier", "le plus fort total depuis le 19 janvier")
_REFERENCE_WORDS = frozenset({"que", "qu'", "depuis", "contre", "dès", "avant", "après", "record"})
_PERIOD_NOUNS = frozenset({"trimestre", "semestre"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD_MODIFIERS = frozenset({"dernier", "dernière", "prochain", "prochaine", "précédent"})
_LABEL_PREPOSITIONS = frozenset({"dans", "chez", "parmi", "pour", "au", "aux"})
_LABEL_POS = frozenset({"NOUN", "ADJ", "PROPN"})
_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ"})


@dataclass(frozen=True)
class FigureContext:
    """What one figure measures, beyond its value (see the module docstring)."""

    measure: str = ""
    event: str = ""
    marker: str = ""
    places: tuple[str, ...] = ()
    placed: bool = False  # the places are named in the figure's own sentence
    groups: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    def record(self) -> dict:
        """A plain dict of strings, booleans and lists (msgpack- and JSON-able: kept
        on the Doc, sent back by worker processes, stored in the manifest)."""
        # the instance's own fields, in their order (dataclasses.asdict deep-copies)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in vars(self).items()}

    @classmethod
    def from_record(cls, record: dict) -> FigureContext:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in record.items()})


def _span_tokens(doc: Doc, start: int, end: int) -> list:
    return [doc[i] for i in range(max(start, 0), min(end, len(doc)))]


def _tokens(doc: Doc, start: int, end: int) -> Iterator[Token]:
    """:func:`_span_tokens`, one at a time (a scan that stops early makes no more)."""
    return (doc[i] for i in range(max(start, 0), min(end, len(doc))))


@lexicon_cache()
def _markers_at() -> defaultdict[str, dict[str, str]]:
    """:func:`~pipeline.comparisons.words.markers` by where the word stands (before,
    inside, after the figure…): word → marker."""
    out: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for (position, word), marker in markers().items():
        out[position][word] = marker
    return out


def _stretch_markers(words: DocWords) -> list[int]:
    """The adjectives of the Doc that mark a figure of their sentence ("un précédent
    bilan"), by token index: looked for once per Doc, not from every figure's sentence
    start."""
    if "stretch" not in words.memo:
        table = _markers_at()["stretch"]
        words.memo["stretch"] = [i for i in words.adjectives() if fold(words.text(i)) in table]
    return words.memo["stretch"]


def marker_of(
    fig: Span, window_end: int, window_start: int | None = None, words: DocWords | None = None
) -> str:
    """What sets the figure apart from a plain total, from the word before it
    (``dont``, ``contre``) or the words after it (``par jour``, ``supplémentaires``),
    else from an adjective before it from ``window_start`` (its sentence's start): "un
    précédent bilan faisait état de sept morts et cinq blessés" is an earlier state.

    ``contre`` counts only before the figure's own sentence part: "300.000 selon la
    CGT, contre 37.000 selon la police" compares sources, and the caller keeps the
    marker only when both figures have the same source. ``words``: the Doc's
    :class:`DocWords`, when the caller has them.
    """
    doc = fig.doc
    words = words if words is not None else DocWords(doc)
    table = _markers_at()
    # the figure and three tokens either side, made once for the look-ups below
    lo = max(fig.start - 3, 0)
    near = _span_tokens(doc, lo, fig.end + 3)
    before = [fold(t.text) for t in near[: fig.start - lo] if not t.is_punct]
    for text in (" ".join(before[-2:]), *reversed(before)):
        if text in table["before"]:
            return table["before"][text]
    after = near[fig.end - lo : max(min(fig.end + 3, window_end), fig.end) - lo]
    for i, t in enumerate(after):
        if t.is_punct:
            break
        for text in (f"{t.text} {after[i + 1].text}" if i + 1 < len(after) else "", t.text):
            if fold(text) in table["after"]:
                return table["after"][fold(text)]
    # "41 des 80 drones", "41 sur 80": a part of the number that follows
    # (the number that follows is the next figure, past the window: read the Doc)
    of = near[fig.end - lo : fig.end + 2 - lo]
    if len(of) == 2 and of[1].like_num and fold(of[0].text) in table["of"]:
        return table["of"][fold(of[0].text)]
    # "neuf autres personnes", "dix d'entre eux": inside the figure's text
    inside = [fold(t.text) for t in near[fig.start - lo : fig.end - lo]]
    for i, word in enumerate(inside):
        for text in (" ".join(inside[i : i + 2]), word):
            if text in table["inside"]:
                return table["inside"][text]
    # an adjective only: "un niveau sans précédent" says nothing of the figure
    start = fig.start - 3 if window_start is None else window_start
    if found := words.within(_stretch_markers(words), max(start, 0), fig.start):
        return table["stretch"][fold(words.text(found[0]))]
    return ""


@lexicon_cache()
def _period_words() -> frozenset[str]:
    """The words a date may rest on: weekdays, months, period nouns."""
    return calendar() | _PERIOD_NOUNS


def _period_tokens(words: DocWords) -> list[int]:
    """The tokens :func:`_periods` may keep (a year, a weekday, a month, a period
    noun), by index, found once per Doc: most tokens are none."""
    if "periods" not in words.memo:
        keys = _period_words()
        # lower case leaves a year's digits as they are: the year test reads it too
        words.memo["periods"] = [
            i
            for i, w in enumerate(words.lower)
            if w in keys or (len(w) == 4 and _YEAR.fullmatch(w))
        ]
    return words.memo["periods"]


def _periods(words: DocWords, start: int, end: int, after: int = -1) -> tuple[str, ...]:
    """Dates among the tokens from ``start`` to ``end``: weekdays and months with the
    number or the word that pins them (``10 décembre``, ``jeudi dernier``), less the
    points of reference that follow a figure (token ``after``: "1,28 million, davantage
    que le record du 31 janvier"; but "moins que jeudi dernier, où ils étaient 51 %" is
    that Thursday's)."""
    start, end = max(start, 0), min(end, words.n)
    days = calendar()
    lower = words.lower
    found = []
    for i in words.within(_period_tokens(words), start, end):
        word = lower[i]
        if word in _PERIOD_NOUNS and i > start and words.is_adj(i - 1):
            word = f"{lower[i - 1]} {word}"  # "au troisième trimestre"
        elif _YEAR.fullmatch(word):
            pass  # "en 2021"
        elif word not in days:
            continue
        before = range(max(i - 4, start), i)
        if i > after >= 0 and any(fold(words.text(u)) in _REFERENCE_WORDS for u in before):
            continue
        prev = lower[i - 1] if i > start else ""
        nxt = lower[i + 1] if i + 1 < end else ""
        if prev.isdigit():
            word = f"{prev} {word}"
            if _YEAR.fullmatch(nxt):  # "le 5 décembre 2019": that year's, not this one's
                word = f"{word} {nxt}"
        if nxt in _PERIOD_MODIFIERS:
            word = f"{word} {fold(nxt)[:7]}"  # dernier/dernière, prochain(e) alike
        found.append(fold(word))
    return tuple(sorted(set(found)))


def _labels(doc: Doc, fig: Span, window_end: int, measure: str) -> tuple[str, ...]:
    """Nouns after a preposition right after the figure: ``dans le primaire``."""
    tokens = _span_tokens(doc, fig.end, min(fig.end + 6, window_end))
    out: list[str] = []
    open_ = False
    for t in tokens:
        if t.pos_ in _STOP_POS or t.ent_type_:
            break
        if t.lower_ in _LABEL_PREPOSITIONS or (t.lower_ == "en" and not out):
            open_ = True
            continue
        if open_ and t.pos_ in _LABEL_POS and measure_of(t.text) != measure:
            out.append(singular(fold(t.lemma_ or t.text)))
    return tuple(sorted(set(label_classes(out))))


def label_classes(words: list[str]) -> list[str]:
    """Labels folded onto one class where outlets word them differently
    (``comparison_labels.csv``): "premier degré", "premier niveau" and "primaire" alike;
    two words first, then one.

    >>> label_classes(["premier", "degre"]), label_classes(["college"]), label_classes(["nuit"])
    (['primaire'], ['secondaire'], ['nuit'])
    """
    table = labels()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if i + 1 < len(words) and pair in table:
            out.append(table[pair])
            i += 2
            continue
        out.append(table.get(words[i], words[i]))
        i += 1
    return out


def _paragraph_end(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence from token ``start`` to ``end`` closes its paragraph (a line
    break in its last two characters, read from its last two tokens, not from the text
    of the whole sentence)."""
    tail = "".join(doc[i].text_with_ws for i in range(max(end - 2, start), end))
    return "\n" in tail[-2:]


def figure_contexts(
    doc: Doc, figures: list[Span], claims: list[Claim], source_ids: list[str]
) -> list[FigureContext]:
    """The context of every figure span of ``doc`` (``source_ids``: who each is
    attributed to), in the order given; linear in the Doc.

    Each figure's *stretch* runs from the end of the figure before it in its sentence
    to the start of the next one: "à Toulouse, où la police a compté 14.000 personnes
    (contre 25.000 samedi) ou Lille, où ils étaient 3.500" gives Toulouse to 14.000,
    samedi to 25.000 and Lille to 3.500.
    """
    mentions = [_pair(c.source_mention) for c in claims if c.source_mention is not None]
    names = {fold(c.source.name) for c in claims}
    return contexts_of(doc, figures, ClaimSources(names, mentions), source_ids)


def _pair(span: Span) -> tuple[int, int]:
    return span.start, span.end


def contexts_of(
    doc: Doc, figures: list[Span], sources: ClaimSources, source_ids: list[str]
) -> list[FigureContext]:
    """:func:`figure_contexts`, with the claims' sources as plain values (what
    :class:`~pipeline.comparisons.names.Names` reads of them)."""
    out: list[FigureContext] = [FigureContext()] * len(figures)
    starts = sent_starts(doc)
    if not figures or not starts:
        return out
    words = DocWords(doc)
    names = Names(doc, sources, words)
    sents = list(zip(starts, [*starts[1:], len(doc)], strict=True))
    paragraph_ends = [_paragraph_end(doc, *sent) for sent in sents]
    by_sent: dict[int, list[int]] = {}
    for i, fig in enumerate(figures):
        by_sent.setdefault(bisect_right(starts, fig.start) - 1, []).append(i)
    # places and dates of a sentence, read only for one with figures or before one
    places_of: dict[int, tuple[str, ...]] = {}
    periods_of: dict[int, tuple[str, ...]] = {}

    def sent_places(si: int) -> tuple[str, ...]:
        if si not in places_of:
            places_of[si] = names.between(sents[si], *sents[si], PLACES)
        return places_of[si]

    def sent_periods(si: int) -> tuple[str, ...]:
        if si not in periods_of:
            members = by_sent.get(si, [])
            first = figures[members[0]].start if members else -1
            periods_of[si] = _periods(words, *sents[si], first)
        return periods_of[si]

    units = span_values(figures, "figure_data")
    # a sentence that names no place is about the one of the sentence before it in its
    # paragraph, else about the headline's
    headline_places = sent_places(0)
    prev_topics: tuple[str, ...] = ()
    for si, sent in enumerate(sents):
        sent_start, sent_end = sent
        sent_topics = names.between(sent, sent_start, sent_end, TOPICS)
        members = by_sent.get(si, [])
        # a date carries to the next sentence only ("…le 10 décembre. Les syndicats
        # évoquent 30 %…"), and a paragraph break ends it (places likewise)
        after_break = si == 0 or paragraph_ends[si - 1]
        prev_places = () if after_break else sent_places(si - 1) if members else ()
        prev_periods = () if after_break else sent_periods(si - 1) if members else ()
        # a sentence that names dates only as points of reference ("le plus fort total
        # depuis le 19 janvier") is about its own day, not about those of the figures of
        # the sentence before; a sentence before without figures may date it ("Le record
        # date du 5 décembre 2019. Le taux avait alors été de 51 %, du jamais-vu depuis…")
        if (
            prev_periods
            and by_sent.get(si - 1)
            and not sent_periods(si)
            and _periods(words, sent_start, sent_end)
        ):
            prev_periods = ()
        first = figures[members[0]].start if members else -1
        for k, i in enumerate(members):
            fig = figures[i]
            left = figures[members[k - 1]].end if k else sent_start
            right = figures[members[k + 1]].start if k + 1 < len(members) else sent_end
            data = units[i]
            measure = measure_of(Figure(*data).unit if data is not None else "")
            event = event_of(measure, _tokens(doc, fig.end, right))
            if measure == BY_EVENT:  # "une fourchette de 100 à 300" tués: the killed
                measure = event_measures().get(event, "")
            marker = marker_of(fig, right, sent_start, words)
            # "300.000 selon la CGT, contre 37.000 selon la police" sets two sources
            # against each other; "90 sièges, contre 250 sortants" in the article's own
            # name is the state before
            sourced = source_ids[i] != "author"
            alone = not k or source_ids[members[k - 1]] != source_ids[i]
            if marker == "contrast" and sourced and alone:
                marker = ""
            own_periods = _periods(words, left, right, first)
            placed = sent_places(si)
            out[i] = FigureContext(
                measure=measure,
                event=event,
                marker=marker,
                places=names.between(sent, left, right, PLACES)
                or placed
                or prev_places
                or headline_places,
                placed=bool(placed),
                groups=names.between(sent, left, right, GROUPS, near=(fig.start, fig.end)),
                topics=sent_topics or prev_topics,
                periods=own_periods
                or (() if marker == "contrast" else sent_periods(si))
                or prev_periods,
                labels=_labels(doc, fig, right, measure),
            )
        # "…créditée de 90 à 120 sièges par Elabe. Ipsos en donne 70 à 100": the party of
        # the sentence before, when this one names none
        prev_topics = () if paragraph_ends[si] else (sent_topics or prev_topics)
    return out
