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
import unicodedata
from bisect import bisect_right
from dataclasses import asdict, dataclass

from spacy.tokens import Doc, Span

from pipeline.components.claim import Claim
from pipeline.lexicons import calendar_words, data_rows, lexicon_cache
from pipeline.registry import SourceRegistry

#: measure classes that stand for people in general ("1,3 million de personnes")
GENERIC = "personne"
_PLACE_LABELS = frozenset({"LOC", "GPE"})
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
        """A plain, JSON-able dict (for worker processes and the manifest)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_record(cls, record: dict) -> FigureContext:
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in record.items()})


def fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes unified.

    >>> fold("Côte d’Ivoire")
    "cote d'ivoire"
    """
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).lower()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


#: endings of words the same in the singular (décès, corps, virus, français, pays)
_INVARIABLE = ("ès", "us", "ps", "ais", "ois", "ys")


def singular(word: str) -> str:
    """A crude French singular for lexicon look-ups.

    >>> singular("soldats"), singular("chevaux"), singular("décès"), singular("français")
    ('soldat', 'cheval', 'décès', 'français')
    """
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and len(word) > 3 and not word.endswith(_INVARIABLE):
        return word[:-1]
    return word


@lexicon_cache()
def _measures() -> dict[str, str]:
    return {fold(r["term"]): r["measure"] for r in data_rows("comparison_measures.csv")}


@lexicon_cache()
def _markers() -> dict[tuple[str, str], str]:
    """(where the word stands: before | inside | after the figure, word) → marker."""
    return {
        (r["position"], fold(r["word"])): r["marker"] for r in data_rows("comparison_markers.csv")
    }


#: registry types that name a channel, not what a figure is about ("a rapporté l'AFP")
_CHANNEL_TYPES = frozenset({"media", "state_media"})


@lexicon_cache()
def _registry() -> SourceRegistry:
    return SourceRegistry.load()


def is_channel(name: str) -> bool:
    """Whether ``name`` is a news medium of the registry (AFP, Reuters, KCNA…).

    >>> is_channel("AFP"), is_channel("Ukraine")
    (True, False)
    """
    src = _registry().match(name)
    return src is not None and src.type in _CHANNEL_TYPES and len(name) <= 40


@lexicon_cache()
def _place_adjectives() -> dict[str, str]:
    """Every form of the city adjectives (parisien, parisienne, parisiens…) → place."""
    out = {}
    for r in data_rows("place_adjectives.csv"):
        adj, place = fold(r["adjective"]), fold(r["place"])
        stems = [adj, *([adj + "n"] if adj.endswith("ien") else [])]
        for stem in stems:
            for end in ("", "e", "s", "es"):
                out[stem + end] = place
    return out


@lexicon_cache()
def _events() -> dict[str, str]:
    return {fold(r["word"]): r["event"] for r in data_rows("comparison_events.csv")}


def event_of(measure: str, tokens: list) -> str:
    """What happened to those counted: from the measure ("morts"), else from the first
    word among ``tokens`` that says it ("personnes ont été tuées").

    >>> event_of("mort", []), event_of("blesse", [])
    ('killed', 'wounded')
    """
    events = _events()
    if measure in events:
        return events[measure]
    for t in tokens:
        for word in (fold(t.lemma_ or ""), fold(t.text)):
            if word in events:
                return events[word]
    return ""


def measure_of(unit: str, category: str = "") -> str:
    """The synonym class of a figure's unit: its first word, singular, looked up in
    ``comparison_measures.csv`` (else that word itself).

    >>> measure_of("troupes"), measure_of("soldats russes tués"), measure_of("élus")
    ('soldat', 'soldat', 'siege')
    >>> measure_of("ans (de suspension)"), measure_of("%"), measure_of("")
    ('an', '%', '')
    """
    words = fold(unit).replace("(", " ").split()
    if not words:
        return ""
    table = _measures()
    whole = " ".join(words[:2])
    if whole in table:
        return table[whole]
    head = singular(words[0])
    for word in (words[0], head, words[0].rstrip("s")):
        if word in table:
            return table[word]
    return head


def _span_tokens(doc: Doc, start: int, end: int) -> list:
    return [doc[i] for i in range(max(start, 0), min(end, len(doc)))]


def marker_of(fig: Span, window_end: int) -> str:
    """What sets the figure apart from a plain total, from the word before it
    (``dont``, ``contre``) or the words after it (``par jour``, ``supplémentaires``).

    ``contre`` counts only before the figure's own sentence part: "300.000 selon la
    CGT, contre 37.000 selon la police" compares sources, and the caller keeps the
    marker only when both figures have the same source.
    """
    doc = fig.doc
    markers = _markers()
    before = [fold(t.text) for t in _span_tokens(doc, fig.start - 3, fig.start) if not t.is_punct]
    for words in (" ".join(before[-2:]), *reversed(before)):
        if ("before", words) in markers:
            return markers["before", words]
    after = _span_tokens(doc, fig.end, min(fig.end + 3, window_end))
    for i, t in enumerate(after):
        if t.is_punct:
            break
        for words in (f"{t.text} {after[i + 1].text}" if i + 1 < len(after) else "", t.text):
            if ("after", fold(words)) in markers:
                return markers["after", fold(words)]
    # "neuf autres personnes", "neuf corps supplémentaires": inside the figure's text
    for t in fig:
        if ("inside", fold(t.text)) in markers:
            return markers["inside", fold(t.text)]
    return ""


def _periods(tokens: list, after: int = -1) -> tuple[str, ...]:
    """Dates among ``tokens``: weekdays and months with the number or the word that
    pins them (``10 décembre``, ``jeudi dernier``), less the points of reference that
    follow a figure (token ``after``: "1,28 million, davantage que le record du 31
    janvier"; but "moins que jeudi dernier, où ils étaient 51 %" is that Thursday's)."""
    calendar = calendar_words()
    found = []
    for i, t in enumerate(tokens):
        word = t.lower_
        if word in _PERIOD_NOUNS and i and tokens[i - 1].pos_ == "ADJ":
            word = f"{tokens[i - 1].lower_} {word}"  # "au troisième trimestre"
        elif _YEAR.fullmatch(t.text):
            pass  # "en 2021"
        elif word not in calendar:
            continue
        before = tokens[max(i - 4, 0) : i]
        if t.i > after >= 0 and any(fold(u.text) in _REFERENCE_WORDS for u in before):
            continue
        prev = tokens[i - 1].lower_ if i else ""
        nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
        if prev.isdigit():
            word = f"{prev} {word}"
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
    return tuple(sorted(set(out)))


def figure_contexts(
    doc: Doc, figures: list[Span], claims: list[Claim], source_ids: list[str]
) -> list[FigureContext]:
    """The context of every figure span of ``doc`` (``source_ids``: who each is
    attributed to), in the order given.

    Each figure's *stretch* runs from the end of the figure before it in its sentence
    to the start of the next one: "à Toulouse, où la police a compté 14.000 personnes
    (contre 25.000 samedi) ou Lille, où ils étaient 3.500" gives Toulouse to 14.000,
    samedi to 25.000 and Lille to 3.500.
    """
    sources = [c.source_mention for c in claims if c.source_mention is not None]
    source_names = {fold(c.source.name) for c in claims}
    source_starts = sorted(m.start for m in sources)

    def is_source(ent: Span) -> bool:
        if fold(ent._.canonical or ent.text) in source_names or is_channel(ent.text):
            return True
        i = bisect_right(source_starts, ent.start) - 1
        return any(
            m.start <= ent.start and ent.end <= m.end for m in sources[max(i - 2, 0) : i + 1]
        )

    ents = list(doc.ents)
    ent_starts = [e.start for e in ents]

    adjectives = _place_adjectives()

    def names(start: int, end: int, places: bool, near: int | None = None) -> tuple[str, ...]:
        """Place names (or the other names) between two tokens; with ``near``, a
        nationality (MISC) only right after that token ("1 351 soldats russes")."""
        lo = bisect_right(ent_starts, start - 1)
        out = set()
        for e in ents[lo:]:
            if e.start >= end:
                break
            if (e.label_ in _PLACE_LABELS) != places or is_source(e):
                continue
            if e.label_ == "MISC" and near is not None and not near <= e.start <= near + 2:
                continue
            name = fold(e._.canonical or e.text)
            # "italiens" and "italien" alike; place names as they are (Paris)
            out.add(name if places else " ".join(singular(w) for w in name.split()))
        if places:  # "le cortège parisien"
            words = (fold(t.text) for t in _span_tokens(doc, start, end))
            out |= {adjectives[w] for w in words if w in adjectives}
        return tuple(sorted(out))

    sents = list(doc.sents)
    sent_starts = [s.start for s in sents]
    by_sent: dict[int, list[int]] = {}
    for i, fig in enumerate(figures):
        by_sent.setdefault(bisect_right(sent_starts, fig.start) - 1, []).append(i)
    out: list[FigureContext | None] = [None] * len(figures)
    # a sentence that names no place is about the one of the sentence before it in its
    # paragraph, else about the headline's
    headline_places = names(sents[0].start, sents[0].end, True) if sents else ()
    prev_places: tuple[str, ...] = ()
    prev_periods: tuple[str, ...] = ()
    prev_topics: tuple[str, ...] = ()
    for si, sent in enumerate(sents):
        sent_places = names(sent.start, sent.end, True)
        members = by_sent.get(si, [])
        first = figures[members[0]].start if members else -1
        sent_periods = _periods(list(sent), first)
        sent_topics = names(sent.start, sent.end, False)
        for k, i in enumerate(members):
            fig = figures[i]
            left = figures[members[k - 1]].end if k else sent.start
            right = figures[members[k + 1]].start if k + 1 < len(members) else sent.end
            fig_obj = fig._.figure
            measure = measure_of(fig_obj.unit if fig_obj is not None else "")
            marker = marker_of(fig, right)
            # "300.000 selon la CGT, contre 37.000 selon la police" sets two sources
            # against each other; "90 sièges, contre 250 sortants" in the article's own
            # name is the state before
            sourced = source_ids[i] != "author"
            alone = not k or source_ids[members[k - 1]] != source_ids[i]
            if marker == "contrast" and sourced and alone:
                marker = ""
            own_periods = _periods(_span_tokens(doc, left, right), first)
            out[i] = FigureContext(
                measure=measure,
                event=event_of(measure, _span_tokens(doc, fig.end, right)),
                marker=marker,
                places=names(left, right, True) or sent_places or prev_places or headline_places,
                placed=bool(sent_places),
                groups=names(left, right, False, near=fig.end),
                topics=sent_topics or prev_topics,
                periods=own_periods
                or (() if marker == "contrast" else sent_periods)
                or prev_periods,
                labels=_labels(doc, fig, right, measure),
            )
        # a date carries to the next sentence only ("…le 10 décembre. Les syndicats
        # évoquent 30 %…"), and a paragraph break ends it (places likewise)
        paragraph_end = "\n" in sent.text_with_ws[-2:]
        prev_periods = () if paragraph_end else sent_periods
        prev_places = () if paragraph_end else sent_places
        # "…créditée de 90 à 120 sièges par Elabe. Ipsos en donne 70 à 100": the party of
        # the sentence before, when this one names none
        prev_topics = () if paragraph_end else (sent_topics or prev_topics)
    return [c if c is not None else FigureContext() for c in out]
