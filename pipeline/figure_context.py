"""What surrounds a number in the text: scale words and abbreviations (``1,5 million``,
``40 M€``, ``10k``), units and money on either side (``€ 1000``, ``USD 1,23``, ``75ml``,
``15 dollars et 15 cents``), percentages (``%``, ``pour cent``, ``pour-cent``), signs
(``moins 10 degrés``, ``- 10 °C``, ``10 degrés en dessous de zéro``), ranges (``de 1000 à
5000``, ``10 - 20 euros``, ``entre 10 euros et 20 euros``) and hedges before or after it
(``plus de``, ``supérieur ou égal à``, ``200 ou plus``). Pure text, no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.figure_lexicon import alternation, fold_apos, lexicons, word_trie
from pipeline.lexicons import lexicon_cache
from pipeline.numerals import DIGITS, numeral_words, parse_digits, parse_words

SCALES = {
    "mille": Decimal(1000),
    "millier": Decimal(1000),
    "million": Decimal(10**6),
    "milliard": Decimal(10**9),
    "billion": Decimal(10**12),
}
_SCALE_ABBR = {
    "k": Decimal(1000),
    "m": Decimal(10**6),
    "md": Decimal(10**9),
    "mds": Decimal(10**9),
    "mrd": Decimal(10**9),
}
_DASHES = ("-", "–", "—")


@dataclass
class Raw:
    """A figure candidate found in text, before the parse is consulted.

    ``kind`` says what the core is: ``digits``, ``words``, ``score`` (3-1), ``vague``, ``verb``
    (doubler), ``noun`` (un doublement, le double), ``share`` (la moitié), ``fraction``
    (un tiers, 3/4), ``ratio`` (un sur trois). ``unit`` is set when the text itself names it
    (``%``, ``km``, ``fois``, ``€``)."""

    start: int
    end: int
    core_start: int
    core_end: int
    kind: str
    value: Decimal
    value_max: Decimal | None = None
    approx: bool = False
    qualifier: str = ""
    bound: str = ""
    unit: str = ""
    unit_category: str = ""
    scaled: bool = False
    percent: bool = False
    core_text: str = ""


def value_of(text: str) -> Decimal | None:
    """Value of one number core (digits or words): ``value_of("douze") == 12``."""
    if re.match(r"[-+\u2212]?\d", text):
        return parse_digits(text)
    return parse_words(text)


@lexicon_cache()
def patterns() -> dict[str, re.Pattern[str]]:
    """The context patterns, compiled once from the lexicons."""
    lx = lexicons()
    words = word_trie([w for w, (_, k) in numeral_words().items() if k != "fraction"])
    number = rf"(?:(?:{DIGITS})(?![\w-])|\b(?:{words})(?:[\s-]+(?:et\s+)?(?:{words}))*\b)"
    qualifiers = alternation(list(lx.qualifiers) + ["entre", "de"])
    unit_words = alternation(lx.units("word"))
    return {
        "scale": re.compile(
            r"[\s]*(?:(millions?|milliards?|billions?|mille)\b|(Mds?|Mrd|Md|M|k)(?=\s?[€$£]))"
        ),
        "kilo": re.compile(r"k\b(?![€$£])"),
        "half": re.compile(r"\s+et\s+demi\b", re.I),
        # "deux heures et demie", "trois ans et demi": the half belongs to the number
        "unit_half": re.compile(
            rf"\s+(?P<u>{alternation(_plurals(lx.words('time_unit')))})\s+et\s+demie?\b", re.I
        ),
        "vague_scale": re.compile(r"\s+de\s+(milliers|millions|milliards)\b", re.I),
        "percent": re.compile(r"\s*(?:%|pour[\s-]*cents?\b)", re.I),
        "unit": re.compile(rf"\s?(?:{alternation(lx.units('after', 'both'))})(?![\w/²'’])"),
        "unit_word": re.compile(rf"\s+(?P<u>{unit_words})\b", re.I),
        "subunit": re.compile(
            rf"\s+et\s+(?P<num>\d{{1,2}}|{words})\s+(?:{alternation(lx.units('subunit'))})\b",
            re.I,
        ),
        "below_zero": re.compile(
            r"\s+(?:en\s+dessous|au-dessous|sous)\s+(?:de\s+)?z[ée]ro\b", re.I
        ),
        "range": re.compile(rf"\s*(?P<sep>-|–|—|à|a|et|ou)\s*(?P<num>{number})", re.I),
        "fois": re.compile(r"\s+fois(?:\s+(?P<dir>plus|moins))?\b", re.I),
        "qualifier": re.compile(rf"(?:^|(?<=[\s(«\"“]))(?P<q>{qualifiers})\s*$", re.I),
        "post_qualifier": re.compile(rf"\s+(?P<q>{alternation(list(lx.post_qualifiers))})\b", re.I),
        "before_unit": re.compile(
            rf"(?:^|(?<=[\s(]))(?P<u>{alternation(lx.units('before', 'both'))})\s?(?:de\s+)?$",
            re.I,
        ),
        "sign": re.compile(
            r"(?:(?:^|(?<=[\s(]))(?<!au\s)(?<!pas\s)(?<!ou\s)(?<!du\s)(?<!le\s)(?<!et\s)"
            r"(?<!fois\s)(?<!plus\s)(?<!peu\s)(?P<w>moins)\s+|(?:^|(?<=[\s(:]))(?P<d>[-\u2212])\s+)$",
            re.I,
        ),
        "environ_after": re.compile(r"\s+environ\b", re.I),
    }


def _plurals(words: frozenset[str]) -> list[str]:
    """Words and their plurals (``an``/``ans``; ``mois`` stays)."""
    return sorted({w for word in words for w in (word, word if word.endswith("s") else word + "s")})


def _scale_of(m: re.Match[str]) -> Decimal:
    if m.group(1):
        return SCALES[m.group(1).lower().rstrip("s")]
    return _SCALE_ABBR[m.group(2).lower()]


def _set_unit(raw: Raw, symbol: str) -> None:
    """Set the unit the text writes next to the number (``%`` makes it a fraction)."""
    if symbol.lower().replace(" ", "").replace("-", "").rstrip("s") in ("%", "pourcent"):
        if not raw.percent:
            raw.value /= 100
        raw.percent = True
        raw.unit, raw.unit_category = "%", "percent"
        return
    raw.unit = symbol
    units = lexicons().unit_symbols
    raw.unit_category = (units.get(symbol) or units.get(symbol.lower()) or ("other", ""))[0]


def _unit_at(
    raw: Raw, text: str, pos: int, pats: dict[str, re.Pattern[str]], any_word: bool = False
) -> int:
    """Read a percent sign, unit symbol or unit word at ``pos``; a unit word only where
    the scanner needs it (before cents, ``sous zéro``, a range's second end)."""
    if (m := pats["percent"].match(text, pos)) or (m := pats["unit"].match(text, pos)):
        _set_unit(raw, m.group(0).strip())
        return m.end()
    if (m := pats["unit_word"].match(text, pos)) and (
        any_word
        or pats["subunit"].match(text, m.end())
        or pats["below_zero"].match(text, m.end())
        or _same_unit_range(text, m.end(), m.group("u"), pats)
    ):
        _set_unit(raw, m.group("u"))
        return m.end()
    return pos


def _same_unit_range(text: str, pos: int, unit: str, pats: dict[str, re.Pattern[str]]) -> bool:
    """``entre 10 euros et 20 euros``: a second number with the same unit word follows."""
    m = pats["range"].match(text, pos)
    if m is None:
        return False
    u = pats["unit_word"].match(text, m.end())
    return u is not None and u.group("u").lower() == unit.lower()


def extend_right(raw: Raw, text: str) -> None:
    """Scale words, units, cents, signs, ranges, percent, ``fois`` and hedges after a core."""
    pats = patterns()
    pos = raw.end
    if raw.kind == "vague" and (m := pats["vague_scale"].match(text, pos)):
        raw.value *= SCALES[m.group(1).lower().rstrip("s")]  # "des dizaines de milliers"
        raw.scaled = True
        raw.end = m.end()
        return
    if raw.kind not in ("digits", "words"):
        return
    if raw.kind == "digits" and (m := pats["scale"].match(text, pos)):
        scale = _scale_of(m)
        raw.value *= scale
        raw.scaled = True
        pos = m.end()
        if m.group(1) and (h := pats["half"].match(text, pos)):
            raw.value += scale / 2  # "2 millions et demi"
            pos = h.end()
    elif raw.kind == "digits" and (m := pats["kilo"].match(text, pos)):
        raw.value *= 1000  # "10k" (its noun follows without "de": "10k abonnés")
        pos = m.end()
    pos = _unit_at(raw, text, pos, pats)
    if not raw.unit and (m := pats["unit_half"].match(text, pos)):
        raw.value += Decimal("0.5")
        raw.unit, raw.unit_category = m.group("u"), "duration"
        pos = m.end()
    if raw.unit and (m := pats["subunit"].match(text, pos)):
        cents = value_of(m.group("num"))
        if cents is not None and cents < 100:
            raw.value += cents / 100  # "15 dollars et 15 cents"
            pos = m.end()
    if raw.unit_category == "temperature" and (m := pats["below_zero"].match(text, pos)):
        raw.value = -abs(raw.value)  # "10 degrés en dessous de zéro"
        pos = m.end()
    pos = _extend_range(raw, text, pos, pats)
    if not raw.unit and (m := pats["fois"].match(text, pos)):
        raw.unit = "fois"
        if m.group("dir") and m.group("dir").lower() == "moins" and raw.value:
            raw.value = 1 / raw.value
        pos = m.end()
    if raw.value_max is None and not raw.qualifier:
        if post := post_qualifier(text, pos):
            raw.qualifier, raw.bound, raw.approx, pos = post
            if raw.bound == "upper":
                raw.value_max = raw.value
        elif m := pats["environ_after"].match(text, pos):
            raw.approx, raw.qualifier, raw.bound = True, "environ", "approx"
            pos = m.end()
    raw.end = pos


def post_qualifier(text: str, pos: int) -> tuple[str, str, bool, int] | None:
    """A hedge written after the number at ``pos`` (``ou plus``, ``au maximum``):
    (qualifier, bound, approx, end), or None.

    >>> post_qualifier("200 ou plus", 3)
    ('ou plus', 'lower', True, 11)
    """
    m = patterns()["post_qualifier"].match(text, pos)
    if m is None:
        return None
    q = fold_apos(re.sub(r"\s+", " ", m.group("q").lower()))
    bound, approx = lexicons().post_qualifiers[q]
    return q, bound, approx, m.end()


def _extend_range(raw: Raw, text: str, pos: int, pats: dict[str, re.Pattern[str]]) -> int:
    """``X à Y``, ``X-Y``, ``X ou Y``, ``entre X et Y`` after a core: the upper bound."""
    m = pats["range"].match(text, pos)
    if m is None or not _range_ok(raw, m, text):
        return pos
    sep = m.group("sep").lower()
    if sep == "à" and raw.unit and re.search(r"\bde\s+$", text[max(0, raw.start - 4) : raw.start]):
        return pos  # "passé de 12,3 % à 12,8 %", each end with its unit: a change, two figures
    hi = value_of(m.group("num"))
    end = m.end()
    if hi is None:
        return pos
    hi_scaled = False
    if m.group("num")[0].isdigit() and (sm := pats["scale"].match(text, end)):
        hi *= _scale_of(sm)
        hi_scaled = True
        end = sm.end()
    elif (
        (sw := re.search(r"\b(millions?|milliards?|billions?)$", m.group("num"), re.I))
        and not raw.scaled
        and not re.search(r"\b(millions?|milliards?|billions?)$", raw.core_text, re.I)
    ):
        raw.value *= SCALES[sw.group(1).lower().rstrip("s")]  # "deux à trois millions"
        raw.scaled = True
    probe = Raw(end, end, end, end, "digits", hi)
    um_end = _unit_at(probe, text, end, pats, any_word=bool(raw.unit))
    hi, hi_unit = probe.value, probe.unit
    # "de 53 % à 548 millions" is two figures, "de 10 à 15 %" one range
    same = not raw.unit or hi_unit.lower() == raw.unit.lower()
    if not same or (raw.percent and hi_scaled):
        return pos
    if hi_scaled and not raw.scaled and raw.value < 1000:
        raw.value *= hi / value_of(m.group("num"))  # "de 2 à 3 milliards"
        raw.scaled = True
    if hi_unit and not raw.unit:
        _set_unit(raw, hi_unit)
        if raw.percent:
            hi = probe.value  # (already a fraction)
    spaced = m.group(0)[0] not in _DASHES
    if hi > raw.value and (sep not in _DASHES or raw.kind == "digits"):
        if sep in _DASHES and spaced and not (hi_unit or raw.value >= 10):
            raw.kind = "score"  # "(2 - 3)" is a score; "10 - 20 euros" a range
            return end
        raw.value_max = hi
        raw.approx = raw.approx or sep == "ou"
        return um_end if hi_unit else end
    if sep in _DASHES and not raw.unit:
        raw.kind = "score"  # "3-1", "(2-2)": a match score, not a quantity
        return end
    return pos


def _range_ok(raw: Raw, m: re.Match[str], text: str) -> bool:
    """Whether ``X <sep> Y`` after a core is a range (``et`` only after ``entre``)."""
    sep = m.group("sep").lower()
    if sep in _DASHES:
        # "10-15", "10 - 20 euros" are ranges; "Shahed-136", years "2007-2012" are not
        return m.group("num")[0].isdigit() and raw.kind == "digits"
    if sep == "et":
        return bool(re.search(r"\bentre\s+$", text[max(0, raw.start - 8) : raw.start], re.I))
    return sep != "a"  # "a" is the verb avoir ("10 a été"), never a range mark


def extend_left(raw: Raw, text: str) -> None:
    """Hedges before the core (environ, plus de, jusqu'à, entre…), signs and prefix units."""
    lx, pats = lexicons(), patterns()
    window = text[max(0, raw.start - 40) : raw.start]
    signed = raw.kind in ("digits", "words") and ("moins" in window or "-" in window[-3:])
    m = pats["sign"].search(window) if signed else None
    if m and (m.group("w") or raw.unit_category == "temperature" or raw.unit == "%"):
        raw.value = -raw.value  # "moins 10 degrés", "- 10 °C"
        if raw.value_max is not None:
            raw.value, raw.value_max = -raw.value_max, -raw.value
        raw.start -= len(window) - m.start()
        window = window[: m.start()]
    if m := pats["qualifier"].search(window):
        q = fold_apos(re.sub(r"\s+", " ", m.group("q").lower()))
        q_norm = re.sub(r"d'$", "de", q)
        if q_norm in ("entre", "de"):
            if raw.value_max is not None:
                raw.start -= len(window) - m.start("q")
        elif q_norm in lx.qualifiers:
            bound, approx = lx.qualifiers[q_norm]
            raw.start -= len(window) - m.start("q")
            raw.qualifier, raw.bound = q_norm, bound
            raw.approx = raw.approx or approx
            if bound == "upper" and raw.value_max is None:
                raw.value_max = raw.value
    if raw.kind == "digits" and not raw.unit and (m := pats["before_unit"].search(window)):
        raw.start -= len(window) - m.start("u")
        _set_unit(raw, m.group("u"))


def merge_bounds(found: list[Raw], raw: Raw, text: str) -> bool:
    """``supérieur à 100 et inférieur à 300``, ``au plus 100 et au moins 20``: a lower and
    an upper bound joined by ``et`` are one range (merged into ``found[-1]``, True)."""
    if not found:
        return False
    prev = found[-1]
    bounds = {prev.bound, raw.bound}
    if bounds != {"lower", "upper"} or not re.fullmatch(
        r"\s*(?:et|mais)\s+", text[prev.end : raw.start]
    ):
        return False
    lo, hi = (prev, raw) if prev.bound == "lower" else (raw, prev)
    if hi.value < lo.value:
        return False
    prev.value, prev.value_max = lo.value, hi.value
    prev.qualifier = f"{prev.qualifier} … {raw.qualifier}"
    prev.bound, prev.approx = "range", True
    prev.unit = prev.unit or raw.unit
    prev.unit_category = prev.unit_category or raw.unit_category
    prev.end = raw.end
    return True
