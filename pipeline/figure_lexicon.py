"""The figure lexicons (``pipeline/data/figure_*.csv``, read by :mod:`pipeline.lexicons`)
as one cached record, and the regex helper that turns a word list into an alternation.

Categories of counted nouns and events, hedges (``figure_qualifiers.csv``, before or after
the number), vague amounts (``une dizaine``), multipliers and shares (``doubler``, ``la
moitié``), unit symbols and unit words (``figure_units.csv``), context words (months, time
units, relative-date and prison-sentence markers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.lexicons import data_rows, lexicon_cache
from pipeline.numerals import APOS


@dataclass(frozen=True)
class Lexicons:
    """All figure lexicons, loaded once (see :func:`lexicons`)."""

    unit_categories: dict[str, str]
    event_categories: dict[str, str]
    qualifiers: dict[str, tuple[str, bool]]
    post_qualifiers: dict[str, tuple[str, bool]]
    vague: dict[str, Decimal]
    multipliers: dict[str, tuple[Decimal, str]]
    unit_symbols: dict[str, tuple[str, str]]
    context: dict[str, frozenset[str]]

    def words(self, kind: str) -> frozenset[str]:
        """Context words of one kind, e.g. ``lexicons().words("month")``."""
        return self.context.get(kind, frozenset())

    def units(self, *positions: str) -> list[str]:
        """Unit symbols or words written at one of ``positions`` (``after``, ``before``,
        ``both``, ``word``, ``subunit``)."""
        return [u for u, (_, pos) in self.unit_symbols.items() if pos in positions]


@lexicon_cache()
def lexicons() -> Lexicons:
    """Load every ``figure_*.csv`` lexicon from the package data (cached)."""
    units, events = {}, {}
    for row in data_rows("figure_categories.csv"):
        target = events if row.get("applies_to") == "event" else units
        target[row["term"].lower()] = row["category"]
    context: dict[str, set[str]] = {}
    for row in data_rows("figure_context.csv"):
        context.setdefault(row["kind"], set()).add(fold_apos(row["term"].lower()))
    quals: dict[str, dict[str, tuple[str, bool]]] = {"before": {}, "after": {}}
    for r in data_rows("figure_qualifiers.csv"):
        entry = (r["bound"], r["approx"].lower() == "true")
        quals[r.get("position") or "before"][fold_apos(r["qualifier"].lower())] = entry
    return Lexicons(
        unit_categories=units,
        event_categories=events,
        qualifiers=quals["before"],
        post_qualifiers=quals["after"],
        vague={r["word"].lower(): Decimal(r["value"]) for r in data_rows("figure_vague.csv")},
        multipliers={
            r["word"].lower(): (Decimal(r["value"]), r["kind"])
            for r in data_rows("figure_multipliers.csv")
        },
        unit_symbols={
            r["unit"]: (r["category"], r["position"]) for r in data_rows("figure_units.csv")
        },
        context={k: frozenset(v) for k, v in context.items()},
    )


def fold_apos(text: str) -> str:
    """Typographic apostrophe to ASCII: ``fold_apos("jusqu’à") == "jusqu'à"``."""
    return text.replace("\u2019", "'")


def alternation(words: list[str]) -> str:
    """Regex alternation, longest first, with flexible spaces and apostrophes; a final
    ``de`` also reads ``d'`` ("près de" reads "près d'une").

    >>> re.fullmatch(alternation(["près de"]), "près  d’un") is not None
    False
    >>> re.match(alternation(["près de"]), "près  d’un") is not None
    True
    """
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = re.escape(w).replace("\\ ", r"\s+").replace(" ", r"\s+")
        pat = pat.replace("'", f"[{APOS}]\\s*")
        if w.endswith(" de") or w == "de":
            pat = pat[:-2] + f"(?:de|d[{APOS}])"
        out.append(pat)
    return "|".join(out)


def word_trie(words: list[str]) -> str:
    """A regex matching exactly ``words`` (single words), written as a trie so that the
    engine reads each character once instead of trying every word in turn.

    >>> word_trie(["deux", "dix", "douze"])
    'd(?:eux|ix|ouze)'
    >>> re.fullmatch(word_trie(["cent", "cents", "cinq"]), "cents") is not None
    True
    """
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
    return body
