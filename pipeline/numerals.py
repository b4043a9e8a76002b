"""French numerals as news writes them: digits in every national format and number words.

Digits: thousands grouped by a space of any width (``15 000``, ``15\u202f000``), a dot
(``15.000``) or an apostrophe (Swiss ``30'000``, ``824’000``), a decimal comma or, after
apostrophe groups, a decimal point (``1 234 567,89``, ``1'234.50``).

Words: a small grammar over a tokenizer. A run of number words (``pipeline/data/
numerals.csv``: units, tens with the Belgian and Swiss ``septante``, ``huitante``,
``nonante``, hundreds, scales up to ``billion`` = 10^12, denominators ``demi``, ``tiers``,
``quart``) is split into an integer part, which ``text2num`` evaluates (it also says where
a well-formed number stops: ``deux trois`` is two numbers), and what may follow it:
``et demi`` / ``et trois quarts`` (a fraction of the last scale: ``un million et demi``),
``virgule`` decimals, a denominator (``trois quarts``, ``deux cinquièmes``). A run that ends
in an ordinal (``vingt et unième``) or is glued to a word by a hyphen (``mille-pattes``)
is no quantity. Runs are capped (:data:`MAX_DIGITS`, :data:`MAX_WORDS`) so that the cost
stays linear in the text whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

from pipeline.lexicons import lexicon_cache, numeral_words

# Spaces that French typography puts inside numbers: normal, no-break, narrow no-break,
# thin and figure space ("15 000", "15\u00a0000", "15\u202f000").
NUM_SPACE = " \u00a0\u202f\u2009\u2007"
APOS = "'\u2019"
# Longest digit run read as one number; longer runs (serial numbers, noise) are no figure.
MAX_DIGITS = 30
# Longest run of number words read as one number ("quatre-vingt-dix-sept mille ...").
MAX_WORDS = 24

DIGITS = (
    rf"\d{{1,3}}(?:[{NUM_SPACE}]\d{{3}})+(?:,\d{{1,{MAX_DIGITS}}})?(?!\d|[.,]\d)"
    rf"|\d{{1,3}}(?:[{APOS}]\d{{3}})+(?:[.,]\d{{1,{MAX_DIGITS}}})?(?!\d|[.,]\d)"
    rf"|\d{{1,3}}(?:\.\d{{3}})+(?:,\d{{1,{MAX_DIGITS}}})?(?!\d|[.,]\d)"
    rf"|\d{{1,{MAX_DIGITS}}}(?:[.,]\d{{1,{MAX_DIGITS}}})?(?![\d])"
)
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def parse_digits(text: str) -> Decimal | None:
    """French digits as a Decimal, or None.

    >>> parse_digits("15\u202f000"), parse_digits("15.000"), parse_digits("2,73")
    (Decimal('15000'), Decimal('15000'), Decimal('2.73'))
    >>> parse_digits("824’000"), parse_digits("1 234 567,89")
    (Decimal('824000'), Decimal('1234567.89'))
    """
    t = text.strip().replace("\u2212", "-")
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-").strip()
    for s in NUM_SPACE + APOS:
        t = t.replace(s, "")
    if _DOT_GROUPS.fullmatch(t):
        t = t.replace(".", "")  # "15.000", "2.200": a dot between groups of three
    t = t.replace(",", ".")
    try:
        return sign * Decimal(t)
    except InvalidOperation:
        return None


# --------------------------------------------------------------------- number words


@dataclass(frozen=True)
class WordNumber:
    """A run of number words read from the text: ``end`` (character offset after the
    last word read), ``value``, ``kind`` (``cardinal``, ``fraction``, ``ordinal``) and
    ``scale`` (the scale word it ends with, 10^6 for ``trois millions``, else 1).
    ``needs_de`` marks ``un cinquième``, a fraction only before ``de``/``des``."""

    end: int
    value: Decimal
    kind: str
    scale: int = 1
    needs_de: bool = False


@dataclass(frozen=True)
class _Tok:
    word: str
    start: int
    end: int
    sep: str  # what stands before it: "" (first), " ", "-", "et"


_SEP = re.compile(r"[ \t\u00a0\u202f]*-[ \t\u00a0\u202f]*|[ \t\u00a0\u202f]+")
_WORD = re.compile(r"[^\W\d_]+")
_GRAMMAR_WORDS = frozenset({"et", "virgule"})


@lexicon_cache()
def ordinals() -> dict[str, int]:
    """Ordinal forms of the number words → the cardinal value: ``cinquième`` → 5,
    ``centièmes`` → 100 (``cinq`` → ``cinquième``, ``neuf`` → ``neuvième``).

    >>> ordinals()["cinquième"], ordinals()["unième"], ordinals()["millièmes"]
    (5, 1, 1000)
    """
    out: dict[str, int] = {}
    for word, (value, kind) in numeral_words().items():
        if kind == "fraction" or word.endswith("s") and kind != "unit" or word == "zéro":
            continue
        stem = {"cinq": "cinqu", "neuf": "neuv"}.get(word, word.removesuffix("e"))
        out[stem + "ième"] = out[stem + "ièmes"] = value
    return out


def _tokens(text: str, pos: int) -> list[_Tok]:
    """Number words from ``pos``, with what separates them (at most MAX_WORDS)."""
    vocab, ords = numeral_words(), ordinals()
    out: list[_Tok] = []
    p = pos
    while len(out) < MAX_WORDS:
        sep = ""
        if out:
            m = _SEP.match(text, p)
            if m is None:
                break
            sep = "-" if "-" in m.group() else " "
            p = m.end()
        w = _WORD.match(text, p)
        if w is None:
            break
        low = w.group().lower()
        if low not in vocab and low not in ords and low not in _GRAMMAR_WORDS:
            break
        if out and out[-1].word == "et":
            sep = "et"
        out.append(_Tok(low, w.start(), w.end(), sep))
        p = w.end()
    while out and out[-1].word in _GRAMMAR_WORDS:
        out.pop()
    return [t for t in out if t.word != "et"] if out else out


def _integer(words: list[str]) -> int | None:
    """Value of cardinal words (text2num; ``billion`` = 10^12 split off first)."""
    return _integer_of(tuple(words))


@lexicon_cache(maxsize=4096)
def _integer_of(words: tuple[str, ...]) -> int | None:
    vocab = numeral_words()
    if len(words) == 1 and words[0] in vocab:
        return vocab[words[0]][0]  # (one word: no need to ask text2num)
    for k in range(len(words) - 1, -1, -1):
        if vocab.get(words[k]) == (10**12, "scale"):
            high = _integer_of(words[:k]) if k else 1
            low = _integer_of(words[k + 1 :]) if k + 1 < len(words) else 0
            return None if high is None or low is None else high * 10**12 + low
    try:
        return int(text2num(" ".join(words), "fr"))
    except (ValueError, TypeError):
        return None


def _with_et(toks: list[_Tok]) -> list[str]:
    """The words as text2num reads them: "vingt et un", "soixante et onze"."""
    out: list[str] = []
    for t in toks:
        if t.sep == "et":
            out.append("et")
        out.append(t.word)
    return out


def read_words(text: str, pos: int) -> WordNumber | None:
    """The number written in words at ``pos``, or None.

    >>> read_words("un million et demi de fidèles", 0).value
    Decimal('1500000')
    >>> [read_words(t, 0).value for t in ("septante-cinq", "trois quarts", "deux virgule cinq")]
    [Decimal('75'), Decimal('0.75'), Decimal('2.5')]
    >>> read_words("le vingt et unième siècle", 3).kind
    'ordinal'
    """
    vocab, ords = numeral_words(), ordinals()
    if (single := _single_word(text, pos, vocab)) is not None:
        return single
    toks = _tokens(text, pos)
    if not toks:
        return None
    last = len(toks)
    if (
        toks[-1].end < len(text)
        and text[toks[-1].end] == "-"
        and text[toks[-1].end + 1 : toks[-1].end + 2].isalpha()
    ):
        return WordNumber(toks[-1].end, Decimal(0), "ordinal")  # "mille-pattes", "Trois-Rivières"
    # a denominator with a hyphenated scale: "un demi-million"
    first = (
        1
        if toks[0].word in ("un", "une") and len(toks) > 1 and toks[1].word.startswith("demi")
        else 0
    )
    if len(toks) > first + 1 and toks[first].word.startswith("demi") and toks[first + 1].sep == "-":
        scale = vocab.get(toks[first + 1].word)
        if scale and scale[1] == "scale":
            return WordNumber(toks[first + 1].end, Decimal(scale[0]) / 2, "cardinal", scale[0])
    cardinal = 0
    while cardinal < last and vocab.get(toks[cardinal].word, (0, "fraction"))[1] != "fraction":
        cardinal += 1
    # the longest prefix text2num accepts as one number
    n, value = cardinal, None
    while n > 0 and (
        (toks[n - 1].sep == "et" and toks[n - 1].word not in ("un", "une", "onze"))
        or (value := _integer(_with_et(toks[:n]))) is None
    ):
        n -= 1  # (in a number, "et" comes only before un, une, onze: "soixante et onze")
    if value is None:
        return WordNumber(toks[-1].end, Decimal(0), "ordinal") if toks[0].word in ords else None
    number = Decimal(value)
    end = toks[n - 1].end
    scale = vocab[toks[n - 1].word][0] if vocab[toks[n - 1].word][1] == "scale" else 1
    rest = toks[n:]
    if not rest:
        return WordNumber(end, number, "cardinal", scale)
    nxt = rest[0]
    if nxt.word in ords and nxt.sep in ("-", "et"):
        return WordNumber(nxt.end, Decimal(0), "ordinal")  # "vingt-cinquième", "trente et unième"
    if nxt.sep == "et":
        # "un million et demi", "cinq et un quart", "cent et trois quarts"
        num, k = 1, 0
        if vocab.get(nxt.word, (0, ""))[1] == "unit" and len(rest) > 1:
            num, k = vocab[nxt.word][0], 1
        den = _denominator(rest[k].word) if k < len(rest) else None
        if den and (k == 0 or rest[k].sep == " "):
            return WordNumber(rest[k].end, number + Decimal(num) * scale / den, "cardinal", scale)
        return WordNumber(end, number, "cardinal", scale)
    if nxt.word == "virgule":
        return _decimal(number, rest[1:], end) or WordNumber(end, number, "cardinal", scale)
    den = _denominator(nxt.word)
    if den and nxt.sep == " " and scale == 1 and value < 1000:
        single = nxt.word in ords and not nxt.word.endswith("s")
        if single and value != 1:
            return WordNumber(nxt.end, Decimal(0), "ordinal")  # "trois centième" is no share
        return WordNumber(nxt.end, Decimal(value) / den, "fraction", needs_de=single)
    return WordNumber(end, number, "cardinal", scale)


def _single_word(text: str, pos: int, vocab: dict[str, tuple[int, str]]) -> WordNumber | None:
    """The common case, one number word followed by a space and a word that is no number
    ("un homme", "trois jours"): read without the grammar."""
    w = _WORD.match(text, pos)
    if w is None or (entry := vocab.get(w.group().lower())) is None or entry[1] == "fraction":
        return None
    end = w.end()
    if end < len(text) and text[end] != " ":
        return None
    nxt = _WORD.match(text, end + 1)
    if nxt is not None:
        low = nxt.group().lower()
        if low in vocab or low in _GRAMMAR_WORDS or low in ordinals():
            return None
    scale = entry[0] if entry[1] == "scale" else 1
    return WordNumber(end, Decimal(entry[0]), "cardinal", scale)


def _denominator(word: str) -> int | None:
    """``quart`` → 4, ``cinquièmes`` → 5; None for other words."""
    entry = numeral_words().get(word)
    if entry and entry[1] == "fraction":
        return entry[0]
    value = ordinals().get(word)
    return value if value and value > 1 else None


def _decimal(number: Decimal, toks: list[_Tok], end: int) -> WordNumber | None:
    """``deux virgule cinq`` (2.5), ``un virgule zéro cinq`` (1.05), ``deux virgule cinq
    millions`` (2.5 × 10^6): the words after ``virgule``."""
    vocab = numeral_words()
    zeros = 0
    while zeros < len(toks) and toks[zeros].word == "zéro":
        zeros += 1
    digits = zeros
    while digits < len(toks) and vocab.get(toks[digits].word, (0, ""))[1] in (
        "unit",
        "ten",
        "hundred",
    ):
        digits += 1
    if digits == 0:
        return None
    part = _integer(_with_et(toks[zeros:digits])) if digits > zeros else 0
    if part is None:
        return None
    value = number + Decimal(part) / Decimal(10) ** (zeros + len(str(part)) if part else zeros)
    end = toks[digits - 1].end
    if digits < len(toks) and vocab.get(toks[digits].word, (0, ""))[1] == "scale":
        scale = vocab[toks[digits].word][0]
        return WordNumber(toks[digits].end, value * scale, "cardinal", scale)
    return WordNumber(end, value, "cardinal")


def parse_words(text: str) -> Decimal | None:
    """Number words as a Decimal when the whole text is one number, or None.

    >>> parse_words("vingt-et-un"), parse_words("quinze mille"), parse_words("nonante")
    (Decimal('21'), Decimal('15000'), Decimal('90'))
    """
    t = text.strip()
    found = read_words(t, 0)
    if found is None or found.kind == "ordinal" or found.end != len(t):
        return None
    return found.value
