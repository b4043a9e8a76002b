"""Pure-string side of figure extraction: lexicons, regexes and number parsing.

Nothing here needs spaCy: :func:`parse_number` turns a French number as written into a
float, and :func:`scan` finds figure candidates in raw text with their value, bounds and
hedges. :mod:`pipeline.components.figures` then checks each candidate against the parse
(counted noun, dates, identifiers, tolls) and puts the survivors on the ``Doc``.

Lexicons are data, in ``pipeline/data/figure_*.csv``: categories of counted nouns and
events, hedges (``figure_qualifiers.csv``), vague amounts (``une dizaine``), multipliers
and shares (``doubler``, ``la moitié``), unit symbols, and context words (months, time
units, relative-date and prison-sentence markers). Number words are read by ``text2num``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

from text_to_num import text2num

# Spaces that French typography puts inside numbers: normal, no-break, narrow no-break,
# thin and figure space ("15 000", "15\u00a0000", "15\u202f000").
NUM_SPACE = " \u00a0\u202f\u2009\u2007"
APOS = "'\u2019"


# --------------------------------------------------------------------------- lexicons


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a shipped data file, e.g. ``_rows("figure_vague.csv")[0]["word"]``."""
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(text.splitlines())
        if any((v or "").strip() for v in row.values())
    ]


@dataclass(frozen=True)
class Lexicons:
    """All figure lexicons, loaded once (see :func:`lexicons`)."""

    unit_categories: dict[str, str]
    event_categories: dict[str, str]
    qualifiers: dict[str, tuple[str, bool]]
    vague: dict[str, Decimal]
    multipliers: dict[str, tuple[Decimal, str]]
    unit_symbols: dict[str, tuple[str, str]]
    context: dict[str, frozenset[str]]

    def words(self, kind: str) -> frozenset[str]:
        """Context words of one kind, e.g. ``lexicons().words("month")``."""
        return self.context.get(kind, frozenset())


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Load every ``figure_*.csv`` lexicon from the package data (cached)."""
    units, events = {}, {}
    for row in _rows("figure_categories.csv"):
        target = events if row.get("applies_to") == "event" else units
        target[row["term"].lower()] = row["category"]
    context: dict[str, set[str]] = {}
    for row in _rows("figure_context.csv"):
        context.setdefault(row["kind"], set()).add(_fold_apos(row["term"].lower()))
    return Lexicons(
        unit_categories=units,
        event_categories=events,
        qualifiers={
            _fold_apos(r["qualifier"].lower()): (r["bound"], r["approx"].lower() == "true")
            for r in _rows("figure_qualifiers.csv")
        },
        vague={r["word"].lower(): Decimal(r["value"]) for r in _rows("figure_vague.csv")},
        multipliers={
            r["word"].lower(): (Decimal(r["value"]), r["kind"])
            for r in _rows("figure_multipliers.csv")
        },
        unit_symbols={r["unit"]: (r["category"], r["position"]) for r in _rows("figure_units.csv")},
        context={k: frozenset(v) for k, v in context.items()},
    )


def _fold_apos(text: str) -> str:
    """Typographic apostrophe to ASCII: ``_fold_apos("jusqu’à") == "jusqu'à"``."""
    return text.replace("\u2019", "'")


def _alt(words: list[str]) -> str:
    """Regex alternation, longest first, with flexible spaces and apostrophes."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        pat = re.escape(w).replace("\\ ", r"\s+").replace(" ", r"\s+")
        pat = pat.replace("'", f"[{APOS}]\\s*")
        if w.endswith(" de") or w == "de":
            pat = pat[:-2] + f"(?:de|d[{APOS}])"  # "près de" also reads "près d'une"
        out.append(pat)
    return "|".join(out)


# ----------------------------------------------------------------------- number parsing

# Number words text2num knows (it gives the values; this only says where words are).
_NUMWORD = (
    r"z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize"
    r"|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille"
    r"|millions?|milliards?"
)
_WORDSEQ = rf"(?:{_NUMWORD})(?:(?:[\s-]+et[\s-]+(?:une?|onze)\b)|(?:[\s-]+(?:{_NUMWORD})\b))*"
_WORDS_RE = re.compile(rf"\b(?:{_WORDSEQ})\b", re.I)

# Digits: "15 000" (grouped by one of NUM_SPACE), "15.000" (grouped by dots), "2,73", "5000".
_DIGITS = (
    rf"\d{{1,3}}(?:[{NUM_SPACE}]\d{{3}})+(?![\d,.]\d)(?:,\d+)?"
    rf"|\d{{1,3}}(?:\.\d{{3}})+(?!\d)(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?"
)
_DIGITS_RE = re.compile(rf"(?:{_DIGITS})")
_SCALES = {
    "mille": Decimal(1000),
    "millier": Decimal(1000),
    "million": Decimal(10**6),
    "milliard": Decimal(10**9),
}
_SCALE_ABBR = {
    "k": Decimal(1000),
    "m": Decimal(10**6),
    "md": Decimal(10**9),
    "mds": Decimal(10**9),
    "mrd": Decimal(10**9),
}


_TRAILING_SCALE = re.compile(r"\b(millions?|milliards?)$", re.I)


def parse_digits(text: str) -> Decimal | None:
    """French digits as a Decimal, or None.

    >>> parse_digits("15\u202f000"), parse_digits("15.000"), parse_digits("2,73")
    (Decimal('15000'), Decimal('15000'), Decimal('2.73'))
    """
    t = text.strip().replace("\u2212", "-")
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-").strip()
    for s in NUM_SPACE:
        t = t.replace(s, "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        # "15.000", "2.200": a dot between groups of three digits is a thousands mark
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        return sign * Decimal(t)
    except InvalidOperation:
        return None


def parse_words(text: str) -> Decimal | None:
    """Number words as a Decimal via text2num, or None.

    >>> parse_words("vingt-et-un"), parse_words("quinze mille")
    (Decimal('21'), Decimal('15000'))
    """
    t = re.sub(r"\s+", " ", text.strip().lower())
    try:
        return Decimal(text2num(t, "fr"))
    except (ValueError, TypeError):
        pass
    # text2num wants "vingt et un", "deux millions"; retry with hyphens as spaces
    try:
        return Decimal(text2num(t.replace("-", " "), "fr"))
    except (ValueError, TypeError):
        return None


def parse_number(text: str) -> float | None:
    """A French number as written → float (percent as a decimal), or None.

    >>> parse_number("1,5 milliard"), parse_number("3,2 %"), parse_number("quinze mille")
    (1500000000.0, 0.032, 15000.0)
    """
    t = text.strip()
    pct = bool(re.search(r"(?:%|pour\s*cent)\s*$", t, re.I))
    t = re.sub(r"\s*(?:%|pour\s*cent)\s*$", "", t, flags=re.I)
    scale = Decimal(1)
    m = re.search(r"[\s\d](millions?|milliards?|mille)$", t, re.I)
    if m and re.match(r"\s*[-+\u2212]?\d", t):
        scale = _SCALES[m.group(1).lower().rstrip("s")]
        t = t[: m.start(1)].strip()
    value = parse_digits(t) if re.match(r"\s*[-+\u2212]?\d", t) else parse_words(t)
    if value is None:
        return None
    value *= scale
    if pct:
        value /= 100
    return float(value)


# ------------------------------------------------------------------------- candidates


@dataclass
class Raw:
    """A figure candidate found in text, before the parse is consulted.

    ``kind`` says what the core is: ``digits``, ``words``, ``score`` (3-1), ``vague``, ``verb``
    (doubler), ``noun`` (un doublement, le double), ``share`` (la moitié), ``fraction``
    (un tiers). ``unit`` is set when the text itself names it (``%``, ``km``, ``fois``)."""

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


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = lexicons()
    vague = _alt(list(lx.vague))
    verbs = [w for w, (_, k) in lx.multipliers.items() if k == "verb"]
    verb_stems = _alt([v[:-2] if v.endswith("er") else v for v in verbs])
    nouns = _alt([w for w, (_, k) in lx.multipliers.items() if k == "noun"])
    shares = _alt([w for w, (_, k) in lx.multipliers.items() if k == "share"])
    fractions = _alt([w for w, (_, k) in lx.multipliers.items() if k == "fraction"])
    after_units = [u for u, (_, pos) in lx.unit_symbols.items() if pos == "after" and u != "%"]
    before_units = [u for u, (_, pos) in lx.unit_symbols.items() if pos == "before"]
    qualifiers = _alt(list(lx.qualifiers) + ["entre", "de"])
    # every alternative starts a word: "(?<!\w)" rejects the positions inside words fast
    core = rf"""(?<!\w)(?:
        (?P<vague>(?:(?P<vdet>une?|des|quelques|plusieurs|leurs?|ses|ces|les|d[{APOS}]|de)\s+)
            (?P<vword>{vague})(?P<vpl>s)?\b)
      | (?P<verb>\b(?:{verb_stems})(?:er|é|ée|és|ées|e|es|ent|ait|aient|era|erait|eraient|
            eront|ant|ons|ez|a|èrent)\b)
      | (?P<noun>\b(?:un|le|du|au|ce)\s+(?:{nouns})\b)
      | (?P<share>\b(?:la|de|une|d[{APOS}]une)\s+(?:{shares})\b)
      | (?P<fraction>\b(?P<fnum>un|deux|trois|le|les|un\s+petit|un\s+bon)\s+(?:{fractions})s?\b
            (?!\s+(?:de\s+finale|d[{APOS}]\s*heure)))
      | (?P<ratio>\b(?P<rnum>une?|deux|trois|quatre|cinq|\d)\s+(?P<rnoun>(?:[^\W\d_]+\s+){{1,2}}?)
            sur\s+(?P<rden>deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d{{1,2}})\b)
      | (?P<digits>(?<![\w.,/°№-])(?:[-+\u2212](?=\d))?(?:{_DIGITS}))
      | (?P<words>(?<![\w-])(?:{_WORDSEQ})(?![\w-])))
    """
    number = rf"(?:(?:{_DIGITS})(?![\w-])|\b(?:{_WORDSEQ})\b)"
    return {
        "core": re.compile(core, re.I | re.X),
        "scale": re.compile(
            r"[\s]*(?:(millions?|milliards?|mille)\b|(Mds?|Mrd|Md|M|k)(?=\s?[€$£]))"
        ),
        "vague_scale": re.compile(r"\s+de\s+(milliers|millions|milliards)\b", re.I),
        "percent": re.compile(r"\s*(?:%|pour\s*cent\b)", re.I),
        "unit": re.compile(rf"\s?(?:{_alt(after_units)})(?![\w/²])"),
        "range": re.compile(rf"\s*(?P<sep>-|–|—|à|a|et|ou)\s*(?P<num>{number})", re.I),
        "fois": re.compile(r"\s+fois(?:\s+(?P<dir>plus|moins))?\b", re.I),
        "qualifier": re.compile(rf"(?:^|(?<=[\s(«\"“]))(?P<q>{qualifiers})\s*$", re.I),
        "before_unit": re.compile(rf"\b(?P<u>{_alt(before_units)})\s+(?:de\s+)?$", re.I),
        "environ_after": re.compile(r"\s+environ\b", re.I),
    }


def _value_of(text: str) -> Decimal | None:
    """Value of one number core (digits or words)."""
    if re.match(r"[-+\u2212]?\d", text):
        return parse_digits(text)
    return parse_words(text)


def _scale_of(m: re.Match[str]) -> Decimal:
    if m.group(1):
        return _SCALES[m.group(1).lower().rstrip("s")]
    return _SCALE_ABBR[m.group(2).lower()]


def _raw_from_core(m: re.Match[str], text: str) -> Raw | None:
    """Value and kind of one core match (no context yet)."""
    lx = lexicons()
    kind = m.lastgroup or ""
    if kind in ("vdet", "vword", "vpl", "fnum", "rnum", "rnoun", "rden"):
        kind = next(k for k in ("vague", "fraction", "ratio") if m.group(k))
    s = m.group(kind)
    low = _fold_apos(s.lower())
    raw = Raw(m.start(), m.end(), m.start(), m.end(), kind, Decimal(0), core_text=s)
    if kind == "vague":
        raw.value = lx.vague[m.group("vword").lower()]
        if m.group("vdet").lower() in ("un", "une") and not m.group("vpl") and raw.value >= 10**6:
            return raw  # "un million" is exact
        raw.approx = True
        raw.qualifier = re.sub(r"\s+", " ", low)
    elif kind == "ratio":
        # "une femme sur deux", "deux salariés sur trois": a share
        num, den = _value_of(m.group("rnum")), _value_of(m.group("rden"))
        if not num or not den or num >= den:
            return None
        raw.value = num / den
        raw.unit = m.group("rnoun").strip()
    elif kind == "verb":
        stem = low
        for w, (v, k) in lx.multipliers.items():
            if k == "verb" and low.startswith(w[:-2]):
                raw.value = v
                stem = w
        raw.qualifier = stem
    elif kind in ("noun", "share"):
        word = low.split()[-1]
        raw.value = lx.multipliers[word][0]
        raw.qualifier = re.sub(r"\s+", " ", low)
    elif kind == "fraction":
        head, word = low.rsplit(None, 1)
        num = parse_words(head) if head.split()[0] in ("un", "deux", "trois") else Decimal(1)
        factor = lx.multipliers.get(word) or lx.multipliers[word.rstrip("s")]
        raw.value = (num or Decimal(1)) * factor[0]
    else:
        value = _value_of(s)
        if value is None:
            return None
        raw.value = value
    return raw


def _extend_right(raw: Raw, text: str, pats: dict[str, re.Pattern[str]]) -> None:
    """Scale words, ranges, percent, unit symbols and ``fois`` after a number core."""
    pos = raw.end
    if raw.kind == "vague" and (m := pats["vague_scale"].match(text, pos)):
        raw.value *= _SCALES[m.group(1).lower().rstrip("s")]  # "des dizaines de milliers"
        raw.scaled = True
        raw.end = m.end()
        return
    if raw.kind not in ("digits", "words"):
        return
    if raw.kind == "digits" and (m := pats["scale"].match(text, pos)):
        raw.value *= _scale_of(m)
        raw.scaled = True
        pos = m.end()
    if (m := pats["percent"].match(text, pos)) or (m := pats["unit"].match(text, pos)):
        _set_symbol_unit(raw, m.group(0).strip())
        pos = m.end()
    if (m := pats["range"].match(text, pos)) and _range_ok(raw, m, text):
        sep = m.group("sep").lower()
        hi = _value_of(m.group("num"))
        end = m.end()
        if hi is not None:
            hi_scaled, hi_unit = False, ""
            if m.group("num")[0].isdigit() and (sm := pats["scale"].match(text, end)):
                hi *= _scale_of(sm)
                hi_scaled = True
                end = sm.end()
            elif (
                (sw := _TRAILING_SCALE.search(m.group("num")))
                and not raw.scaled
                and not _TRAILING_SCALE.search(raw.core_text)
            ):
                # "deux à trois millions": the scale word belongs to both ends
                raw.value *= _SCALES[sw.group(1).lower().rstrip("s")]
                raw.scaled = True
            um = pats["percent"].match(text, end) or pats["unit"].match(text, end)
            if um:
                hi_unit = um.group(0).strip()
            if hi_unit.lower().replace(" ", "") == "pourcent":
                hi_unit = "%"
            # "de 53 % à 548 millions" is two figures, "de 10 à 15 %" one range
            ok = (not raw.unit or hi_unit == raw.unit) and not (raw.percent and hi_scaled)
            if hi_unit == "%" and raw.unit == "%":
                hi /= 100
            if ok:
                if hi_scaled and not raw.scaled and raw.value < 1000:
                    raw.value *= hi / _value_of(m.group("num"))  # "de 2 à 3 milliards"
                    raw.scaled = True
                if hi_unit and not raw.unit:
                    _set_symbol_unit(raw, hi_unit)
                    if raw.percent:
                        hi /= 100
                if hi > raw.value and (sep not in ("-", "–", "—") or raw.kind == "digits"):
                    raw.value_max = hi
                    pos = um.end() if um else end
                    raw.approx = raw.approx or sep == "ou"
                elif sep in ("-", "–", "—") and not raw.unit:
                    # "3-1", "(2-2)": a match score, not a quantity
                    raw.kind = "score"
                    pos = end
    if not raw.unit and (m := pats["fois"].match(text, pos)):
        raw.unit = "fois"
        if m.group("dir") and m.group("dir").lower() == "moins" and raw.value:
            raw.value = 1 / raw.value
        pos = m.end()
    if (m := pats["environ_after"].match(text, pos)) and not raw.qualifier:
        raw.approx, raw.qualifier, raw.bound = True, "environ", "approx"
        pos = m.end()
    raw.end = pos


def _range_ok(raw: Raw, m: re.Match[str], text: str) -> bool:
    """Whether ``X <sep> Y`` after a core is a range (``et`` only after ``entre``)."""
    sep = m.group("sep").lower()
    if sep in ("-", "–", "—"):
        # "10-15" (no spaces) is a range; "Shahed-136", years "2007-2012" are not
        return m.group(0)[0] in "-–—" and m.group("num")[0].isdigit() and raw.kind == "digits"
    if sep == "et":
        return bool(re.search(r"\bentre\s+$", text[max(0, raw.start - 8) : raw.start], re.I))
    return sep != "a"  # "a" is the verb avoir ("10 a été"), never a range mark


def _set_symbol_unit(raw: Raw, symbol: str) -> None:
    lx = lexicons()
    if symbol.lower().replace(" ", "") in ("%", "pourcent"):
        if not raw.percent:
            raw.value /= 100
        raw.percent = True
        raw.unit, raw.unit_category = "%", "percent"
        return
    raw.unit = symbol
    raw.unit_category = lx.unit_symbols.get(symbol, ("other", ""))[0]


def _extend_left(raw: Raw, text: str, pats: dict[str, re.Pattern[str]]) -> None:
    """Hedges before the core (environ, plus de, jusqu'à, entre…) and prefix units."""
    lx = lexicons()
    window = text[max(0, raw.start - 40) : raw.start]
    if m := pats["qualifier"].search(window):
        q = _fold_apos(re.sub(r"\s+", " ", m.group("q").lower()))
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
    if raw.kind == "digits" and (m := pats["before_unit"].search(window)):
        raw.start -= len(window) - m.start("u")
        raw.unit = m.group("u")
        raw.unit_category = lx.unit_symbols.get(raw.unit.lower(), ("other", ""))[0]


_LIST_MARKER = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]", re.M)


@lru_cache(maxsize=1)
def _mask_re() -> re.Pattern[str]:
    """Dates, clock times and file names: numbers in them are never figures."""
    months = _alt(sorted(lexicons().words("month")))
    day = r"(?:1er|\d{1,2})"
    return re.compile(
        rf"""(?<!\w)(?:
        \b{day}(?:\s*(?:-|–|au|et|à|ou)\s*{day})?\s+(?:{months})\b(?:\s+\d{{4}})?
      | \b(?:{months})\s+\d{{4}}\b
      | \b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b
      | \b\d{{1,2}}\s?[hH:]\s?\d{{2}}(?::\d{{2}})?\b
      | \b(?:à|vers|dès|avant|après|jusqu[{APOS}]à|depuis)\s+\d{{1,2}}\s?(?:h|heures?)\b
      | \b(?:de|entre)\s+\d{{1,2}}\s?h\b(?=\s*(?:à|et)\s+\d{{1,2}}\s?h\b)
      | \b\d{{1,2}}\s?[hj]?\s?/\s?\d{{1,2}}\b(?!\s*/)
      | \b0\d(?:[ .\u00a0]?\d{{2}}){{4}}\b
      | \b0\s?[89]\d{{2}}(?:[ .\u00a0]?\d{{2,3}}){{2,3}}\b
      | [\w-]+\.(?:jpe?g|png|gif|webp|svg|pdf|mp4)\b
      | \bhttps?://\S+
      | \b[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]{{10,}}\b)
        """,
        re.I | re.X,
    )


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of dates, times, URLs and file names in ``text``.

    >>> masked_spans("le 25 avril 2025 à 17h00")
    [(3, 16), (19, 24)]
    """
    spans = [m.span() for m in _mask_re().finditer(text)]
    # list markers at the start of a line ("1. ", "2) ") number items, they count nothing
    spans += [m.span(1) for m in _LIST_MARKER.finditer(text)]
    return sorted(spans)


def scan(text: str) -> list[Raw]:
    """Figure candidates in ``text``, left to right, not overlapping.

    Candidates still include dates, years, identifiers and a bare ``un``: the spaCy
    component filters those with the parse.

    >>> [(r.value, r.value_max, r.unit) for r in scan("de 180 à 200 sièges, 3,2 %")]
    [(Decimal('180'), Decimal('200'), ''), (Decimal('0.032'), None, '%')]
    """
    pats = _patterns()
    masks = masked_spans(text)
    out: list[Raw] = []
    last = 0
    for m in pats["core"].finditer(text):
        if m.start() < last or any(a < m.end() and m.start() < b for a, b in masks):
            continue
        raw = _raw_from_core(m, text)
        if raw is None:
            continue
        # glued letters: ordinals (5e, 1er), codes (A320): only a unit may follow ("17km")
        glued = raw.kind == "digits" and text[m.end() : m.end() + 1].isalpha()
        if glued and not (pats["unit"].match(text, m.end()) or pats["scale"].match(text, m.end())):
            continue
        _extend_right(raw, text, pats)
        _extend_left(raw, text, pats)
        if out and raw.start < out[-1].end:
            raw.start = out[-1].end
        last = raw.end
        if raw.kind != "score":
            out.append(raw)
    return out
