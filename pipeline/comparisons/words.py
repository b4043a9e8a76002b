"""The vocabulary comparisons read figures with: folded spellings, crude singulars and
the lexicons of ``pipeline/data/comparison_*.csv`` (measures, events, markers) and
``place_adjectives.csv``, each loaded once per process."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pipeline.lexicons import calendar_words, data_lines, data_rows, lexicon_cache
from pipeline.registry import SourceRegistry

#: measure classes that stand for people in general ("1,3 million de personnes")
GENERIC = "personne"


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes unified (cached: the same words
    come back in every sentence).

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
def calendar() -> frozenset[str]:
    return calendar_words()


@lexicon_cache()
def measures() -> dict[str, str]:
    return {fold(r["term"]): r["measure"] for r in data_rows("comparison_measures.csv")}


@lexicon_cache()
def markers() -> dict[tuple[str, str], str]:
    """(where the word stands: before | inside | after the figure, word) → marker."""
    return {
        (r["position"], fold(r["word"])): r["marker"] for r in data_rows("comparison_markers.csv")
    }


@lexicon_cache()
def events() -> dict[str, str]:
    return {fold(r["word"]): r["event"] for r in data_rows("comparison_events.csv")}


#: the measure of a noun that names no counted thing ("une fourchette", "le bilan"):
#: what happened to those counted says it (killed → mort)
BY_EVENT = "=event"


@lexicon_cache()
def event_measures() -> dict[str, str]:
    """Event → the measure class that names it (killed → mort, wounded → blesse): the
    words of comparison_events.csv that are measure classes too.

    >>> event_measures()["killed"], event_measures()["wounded"]
    ('mort', 'blesse')
    """
    classes = set(measures().values())
    out: dict[str, str] = {}
    for word, event in events().items():
        if word in classes:
            out.setdefault(event, word)
    return out


@lexicon_cache()
def labels() -> dict[str, str]:
    """Words or two-word phrases of a label → its class (comparison_labels.csv)."""
    return {fold(r["words"]): r["label"] for r in data_rows("comparison_labels.csv")}


@lexicon_cache()
def place_adjectives() -> dict[str, str]:
    """Every form of the city adjectives (parisien, parisienne, parisiens…) → place."""
    out = {}
    for r in data_rows("place_adjectives.csv"):
        adj, place = fold(r["adjective"]), fold(r["place"])
        stems = [adj, *([adj + "n"] if adj.endswith("ien") else [])]
        for stem in stems:
            for end in ("", "e", "s", "es"):
                out[stem + end] = place
    return out


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


def event_of(measure: str, tokens: list) -> str:
    """What happened to those counted: from the measure ("morts"), else from the first
    word among ``tokens`` that says it ("personnes ont été tuées").

    >>> event_of("mort", []), event_of("blesse", [])
    ('killed', 'wounded')
    """
    table = events()
    if measure in table:
        return table[measure]
    for t in tokens:
        for word in (fold(t.lemma_ or ""), fold(t.text)):
            if word in table:
                return table[word]
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
    table = measures()
    whole = " ".join(words[:2])
    if whole in table:
        return table[whole]
    head = singular(words[0])
    for word in (words[0], head, words[0].rstrip("s")):
        if word in table:
            return table[word]
    return head


@lexicon_cache()
def place_parents() -> dict[str, str]:
    """Place → the place that holds it (comparison_places.csv)."""
    return {fold(r["place"]): fold(r["within"]) for r in data_rows("comparison_places.csv")}


def holds(region: str, place: str) -> bool:
    """Whether ``place`` lies in ``region``, through the chain of comparison_places.csv.

    >>> holds("canada", "montreal"), holds("belgique", "bruxelles"), holds("paris", "france")
    (True, True, False)
    """
    parents = place_parents()
    for _ in range(8):  # a chain is short; a loop in the file ends here
        place = parents.get(place, "")
        if not place:
            return False
        if place == region:
            return True
    return False


@lexicon_cache()
def sites() -> frozenset[str]:
    """Nouns that head the name of a site (comparison_sites.csv: hôpital, école…)."""
    return frozenset(fold(r["word"]) for r in data_rows("comparison_sites.csv"))


@lexicon_cache()
def known_places() -> frozenset[str]:
    """Countries, regions and capitals (places.txt), folded."""
    return frozenset(fold(p) for p in data_lines("places.txt"))
