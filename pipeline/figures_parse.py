"""Pure-string side of figure extraction: figure candidates in raw text.

Nothing here needs spaCy: :func:`scan` finds figure candidates with their value, bounds,
unit and hedges; :func:`parse_number` reads one number as written.
:mod:`pipeline.components.figures` then checks each candidate against the parse (counted
noun, dates, identifiers, tolls) and puts the survivors on the ``Doc``. Numbers themselves
are read by :mod:`pipeline.numerals`; what surrounds them (units, money, signs, ranges,
hedges) by :mod:`pipeline.figure_context`; dates, times and phone numbers are masked by
:mod:`pipeline.figure_masks`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.figure_context import (
    Raw,
    extend_left,
    extend_right,
    merge_bounds,
    patterns,
    post_qualifier,
    value_of,
)
from pipeline.figure_lexicon import alternation, fold_apos, lexicons, word_trie
from pipeline.figure_masks import masked_spans
from pipeline.lexicons import lexicon_cache
from pipeline.numerals import APOS, DIGITS, numeral_words, read_words
from pipeline.regex_gates import start_gate

__all__ = ["APOS", "Raw", "lexicons", "parse_number", "post_qualifier", "scan"]


@lexicon_cache(maxsize=2)
def _core(gated: bool = True) -> re.Pattern[str]:
    """Where a figure's core starts: every alternative starts a word, so ``(?<!\\w)``
    rejects the positions inside words fast, and the start gate most word starts
    (``gated=False``: the same pattern without the gate, for the tests)."""
    lx = lexicons()
    alt = alternation
    verbs = [w for w, (_, k) in lx.multipliers.items() if k == "verb"]
    stems = [v[:-2] if v.endswith("er") else v for v in verbs]
    verb_stems = alt(stems)
    nouns = alt([w for w, (_, k) in lx.multipliers.items() if k == "noun"])
    shares = alt([w for w, (_, k) in lx.multipliers.items() if k == "share"])
    fractions = alt([w for w, (_, k) in lx.multipliers.items() if k == "fraction"])
    words = word_trie([w for w in numeral_words() if not w.startswith(("quart", "tiers"))])
    # "un sur trois", "deux élèves sur dix": shares written with small numbers
    units = [(w, v) for w, (v, k) in numeral_words().items() if k == "unit"]
    small = word_trie([w for w, v in units if 1 <= v <= 10])
    small_den = word_trie([w for w, v in units if 2 <= v <= 10])
    # the words the alternatives below start with (determiners, vague amounts, verb
    # stems, number words), and digits and signs
    dets = ["une", "des", "quelques", "plusieurs", "leurs", "ses", "ces", "les", "d'", "de"]
    firsts = [*dets, *lx.vague, *stems, "un", "le", "du", "au", "ce", "la", "d'une"]
    gate = start_gate([*firsts, *numeral_words()], r"\d+\-\u2212") if gated else ""
    core = rf"""(?<!\w){gate}(?:
        (?P<vague>(?:(?P<vdet>une?|des|quelques|plusieurs|leurs?|ses|ces|les|d[{APOS}]|de)\s+)?
            (?P<vword>{alt(list(lx.vague))})(?P<vpl>s)?\b
            (?(vdet)|(?=\s+d(?:e\s|es\s|[{APOS}]))))
      | (?P<verb>\b(?:{verb_stems})(?:er|é|ée|és|ées|e|es|ent|ait|aient|era|erait|eraient|
            eront|ant|ons|ez|a|èrent)\b)
      | (?P<noun>\b(?:un|le|du|au|ce)\s+(?:{nouns})\b)
      | (?P<share>\b(?:la|de|une|d[{APOS}]une)\s+(?:{shares})\b)
      | (?P<fraction>\b(?P<fnum>le|les|un\s+petit|un\s+bon)\s+(?:{fractions})s?\b
            (?!\s+(?:de\s+finale|d[{APOS}]\s*heure)))
      | (?P<ratio>\b(?P<rnum>{small}|\d{{1,3}})\s+
            (?P<rnoun>(?:[^\W\d_]+\s+){{0,2}}?)
            sur\s+(?P<rden>{small_den}|\d{{1,3}})\b
            (?!\s*(?:%|pour))(?![.,]\d))
      | (?=[\d+\-\u2212])(?:
        (?P<dfrac>(?<![\w.,/-])(?:(?P<dwhole>\d{{1,3}})\s+)?(?P<dnum>\d{{1,2}})/(?P<dden>\d{{1,2}})
            (?![\w/]))
      | (?P<digits>(?<![\w.,/°№-])(?:[-+\u2212](?=\d))?(?:{DIGITS})))
      | (?P<words>(?<![\w-])(?:{words})(?!\w)))
    """
    return re.compile(core, re.I | re.X)


_SUBGROUPS = (
    "vdet",
    "vword",
    "vpl",
    "fnum",
    "rnum",
    "rnoun",
    "rden",
    "dwhole",
    "dnum",
    "dden",
)


def _raw_from_core(m: re.Match[str], text: str) -> Raw | None:
    """Value and kind of one core match (no context yet)."""
    lx = lexicons()
    kind = m.lastgroup or ""
    if kind in _SUBGROUPS:
        kind = next(k for k in ("vague", "fraction", "ratio", "dfrac") if m.group(k))
    s = m.group(kind)
    low = fold_apos(s.lower())
    raw = Raw(m.start(), m.end(), m.start(), m.end(), kind, Decimal(0), core_text=s)
    if kind == "vague":
        raw.value = lx.vague[m.group("vword").lower()]
        det = (m.group("vdet") or "").lower()
        if det in ("un", "une") and not m.group("vpl") and raw.value >= 10**6:
            raw.kind = "words"  # "un million" is exact: a number ("un million et demi")
            return _raw_from_words(raw, text)
        raw.approx = True
        raw.qualifier = re.sub(r"\s+", " ", low)
    elif kind in ("ratio", "dfrac"):
        # "une femme sur deux", "1 sur 3": a share; "3/4", "2 1/4": a fraction
        num = value_of(m.group("rnum" if kind == "ratio" else "dnum"))
        den = value_of(m.group("rden" if kind == "ratio" else "dden"))
        if not num or not den or num >= den:
            if kind != "ratio":
                return None
            # "130 emplois sur deux sites": no share, the number alone
            end = m.start() + len(m.group("rnum"))
            alone = Raw(m.start(), end, m.start(), end, "digits", num or Decimal(0))
            alone.core_text = m.group("rnum")
            if alone.core_text[0].isdigit():
                return alone
            alone.kind = "words"
            return _raw_from_words(alone, text)
        raw.value = num / den
        if kind == "ratio":
            raw.unit = m.group("rnoun").strip()
        elif m.group("dwhole"):
            raw.value += Decimal(m.group("dwhole"))
        raw.kind = "fraction" if kind == "dfrac" and not m.group("dwhole") else kind
    elif kind == "verb":
        stem = low
        for w, (v, k) in lx.multipliers.items():
            if k == "verb" and low.startswith(w[:-2]):
                raw.value = v
                stem = w
        raw.qualifier = stem
    elif kind in ("noun", "share"):
        raw.value = lx.multipliers[low.split()[-1]][0]
        raw.qualifier = re.sub(r"\s+", " ", low)
    elif kind == "fraction":
        word = low.rsplit(None, 1)[1]
        raw.value = (lx.multipliers.get(word) or lx.multipliers[word.rstrip("s")])[0]
    elif kind == "words":
        return _counted_collective(_raw_from_words(raw, text), text)
    else:
        value = value_of(s)
        if value is None:
            return None
        raw.value = value
        return _counted_collective(raw, text)
    return raw


@lexicon_cache()
def _collectives() -> re.Pattern[str]:
    lx = lexicons()
    return re.compile(rf"\s+({alternation([w for w in lx.vague if w.endswith('aine')])})s?\b", re.I)


def _counted_collective(raw: Raw | None, text: str) -> Raw | None:
    """``deux douzaines``, ``3 centaines``: a number of collective nouns, approximate as
    ``une douzaine`` is (not ``3 millions``, a scale)."""
    if (
        raw is None
        or raw.kind not in ("digits", "words")
        or "aine" not in text[raw.end : raw.end + 16]
    ):
        return raw
    m = _collectives().match(text, raw.end)
    if m is None:
        return raw
    raw.value *= lexicons().vague[m.group(1).lower()]
    raw.kind, raw.approx = "vague", True
    raw.qualifier = re.sub(r"\s+", " ", fold_apos(text[raw.start : m.end()].lower()))
    raw.end = raw.core_end = m.end()
    return raw


def _raw_from_words(raw: Raw, text: str) -> Raw | None:
    """A run of number words read by the grammar; None for ordinals and compounds."""
    found = read_words(text, raw.start)
    if found is None:
        return None
    raw.end = raw.core_end = found.end
    raw.core_text = text[raw.start : found.end]
    if found.kind == "ordinal":
        raw.kind = "ordinal"  # skipped whole by the scanner: "vingt et unième"
        return raw
    if found.needs_de and not re.match(
        rf"\s*(?:de\b|des\b|du\b|d[{APOS}]|[,.;)]|$)", text[found.end :]
    ):
        raw.kind = "ordinal"  # "un cinquième mandat" is the fifth; "un cinquième des" a share
        return raw
    raw.value = found.value
    raw.kind = "fraction" if found.kind == "fraction" else "words"
    raw.scaled = found.scale >= 10**6  # "trois millions [de] personnes"
    low = raw.core_text.lower()
    if low == "cent" and re.search(r"\bpour[\s-]*$", text[max(0, raw.start - 6) : raw.start], re.I):
        return None  # "pour cent" alone is the word, no number
    return raw


def parse_number(text: str) -> float | None:
    """A French number as written → float (percent as a decimal), or None.

    >>> parse_number("1,5 milliard"), parse_number("3,2 %"), parse_number("quinze mille")
    (1500000000.0, 0.032, 15000.0)
    >>> parse_number("un million et demi"), parse_number("30'000"), parse_number("douze pour-cent")
    (1500000.0, 30000.0, 0.12)
    """
    t = text.strip()
    found = scan(t)
    if len(found) != 1 or found[0].start != 0 or found[0].end < len(t.rstrip(" .")):
        return None
    raw = found[0]
    if raw.kind in ("verb", "noun", "share", "vague", "ratio") and raw.end != len(t):
        return None
    return float(raw.value)


def scan(text: str) -> list[Raw]:
    """Figure candidates in ``text``, left to right, not overlapping.

    Candidates still include dates, years, identifiers and a bare ``un``: the spaCy
    component filters those with the parse.

    >>> [(r.value, r.value_max, r.unit) for r in scan("de 180 à 200 sièges, 3,2 %")]
    [(Decimal('180'), Decimal('200'), ''), (Decimal('0.032'), None, '%')]
    """
    core, pats = _core(), patterns()
    masks = masked_spans(text)
    mask_i = 0
    out: list[Raw] = []
    pos = 0
    while (m := core.search(text, pos)) is not None:
        pos = m.end()
        while mask_i < len(masks) and masks[mask_i][1] <= m.start():
            mask_i += 1  # masks are sorted: one pass over them for the whole text
        if mask_i < len(masks) and masks[mask_i][0] < m.end():
            continue
        raw = _raw_from_core(m, text)
        if raw is None:
            continue
        pos = max(m.start() + 1, raw.end)
        if raw.kind == "ordinal":
            continue
        # glued letters: ordinals (5e, 1er), codes (A320): only a unit may follow ("17km")
        glued = raw.kind == "digits" and text[m.end() : m.end() + 1].isalpha()
        if glued and not (
            pats["unit"].match(text, m.end())
            or pats["scale"].match(text, m.end())
            or pats["kilo"].match(text, m.end())
        ):
            continue
        extend_right(raw, text)
        extend_left(raw, text)
        if out and raw.start < out[-1].end:
            raw.start = out[-1].end
        pos = max(pos, raw.end)
        if raw.kind != "score" and not merge_bounds(out, raw, text):
            out.append(raw)
    return out
