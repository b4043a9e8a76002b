"""Figures: numbers with what they count, as ``doc.spans["figures"]``.

Each span carries ``span._.figure``, a :class:`Figure` (value, value_max, unit, approx,
qualifier, category). fr_core_news_md tags no numbers; this component finds them in two
steps, to stay cheap (one compiled regex pass over ``doc.text``, then a few token
look-ups per candidate, never a loop over every token):

1. :func:`pipeline.figures_parse.scan` reads the text: digits in French formats
   (``15 000``, ``15.000``, ``2,73``), number words (via ``text2num``), vague amounts
   (``une soixantaine``, ``des milliards``), multipliers and shares (``doubler``,
   ``un doublement``, ``la moitié``, ``un tiers``), scale words, ranges, percentages,
   unit symbols and the hedges before them (``environ``, ``plus de``, ``jusqu'à``).
   Dates, clock times, phone numbers, list markers, match scores (``3-1``) and file
   names never become candidates.
2. :func:`find_figures` checks each candidate against the parse: drops years, model and
   article numbers (``CAC 40``, ``situation 6``, ``49.3``), addresses and postal codes,
   number words inside names (``Les Quatre Cents Coups``), relative dates (``il y a deux
   semaines``, ``trois minutes plus tard``), ``un``/``une`` unless it is a toll
   (``un mort``, ``un militaire a été tué``, ``un an de prison``); then finds the counted
   noun (``soldats``; for ``5000 d'entre eux`` the antecedent's; for a bare number the
   unit of the next figure in a series, ``8 et 11 ans``, else of the figure just before
   it) and the category (``figure_categories.csv``: the noun's category, overridden by
   a casualty event such as ``tués ou blessés``; ``sentence`` and ``age`` for durations
   of prison terms and of people).

Value conventions (SCHEMA.md, figures.csv):

- ``value`` is a plain decimal; percentages are fractions (``18 %`` → 0.18, unit ``%``);
  vague amounts take the unit's value (``des milliers`` → 1000, ``approx`` true, the
  qualifier is the phrase itself); multipliers and shares are factors (``doubler`` → 2,
  ``la moitié`` → 0.5, ``deux fois moins`` → 0.5, ``une femme sur deux`` → 0.5).
- Ranges (``de 711 à 720``, ``entre 10 et 15``, ``10-15``): ``value`` is the lower bound,
  ``value_max`` the upper one; ``approx`` stays false (a range is exact about its ends).
- Lower bounds (``plus de``, ``au moins``, ``dépasser``): ``value`` is the bound,
  ``value_max`` empty, ``approx`` true, ``qualifier`` the hedge.
- Upper bounds (``moins de``, ``jusqu'à``, ``au plus``): ``value`` *and* ``value_max``
  are the bound (the number stated is still the value analysts compare), ``approx`` true.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.figures_parse import APOS, Raw, lexicons, post_qualifier, scan

SPAN_KEY = "figures"
LABEL = "FIGURE"


@dataclass(frozen=True)
class Figure:
    """What a figure span says: ``value`` (plain decimal; 18 % → 0.18), ``value_max``
    for ranges and open bounds, ``unit`` as written, ``approx``/``qualifier`` for
    hedges (environ, près de, des milliers…), ``category`` from figure_categories."""

    value: float
    value_max: float | None = None
    unit: str = ""
    approx: bool = False
    qualifier: str = ""
    category: str = "other"


if not Span.has_extension("figure"):
    Span.set_extension("figure", default=None)

# Kinds of candidate whose counted noun follows a "de" ("des milliers de manifestants",
# "la moitié des groupes"); plain numbers take their noun directly ("15 000 soldats").
_DE_KINDS = frozenset({"vague", "share", "fraction", "noun"})
_DE_WORDS = frozenset({"de", "d'", "des", "du"})
_NOUNISH = frozenset({"NOUN", "PROPN"})
# Persons whose age "de 51 ans" gives; checked on the categories of their head noun.
_PERSON_CATEGORIES = frozenset(
    {"people", "civilians", "troops", "workers", "casualties", "refugees", "protesters"}
)
# How far back (tokens) a bare number looks for the noun it counts.
_LOOK_BACK = 40
_ANAPHORA = re.compile(rf"\s*d[{APOS}]\s*entre\s+(?:eux|elles|nous|vous)\b", re.I)


@dataclass
class _Found:
    """A figure accepted so far (for units of later bare numbers)."""

    span: Span
    figure: Figure
    sent_start: int


def _fold(text: str) -> str:
    """Lower case with ASCII apostrophes: ``_fold("D’Emprisonnement") == "d'emprisonnement"``."""
    return text.lower().replace("\u2019", "'")


@dataclass
class _Index:
    """Token offsets and sentence starts of a Doc, read once as arrays: ``Token.sent``
    walks the Doc on every call, far too slow to ask per candidate."""

    text: str
    starts: list[int]
    sents: list[int]
    n: int

    @classmethod
    def of(cls, doc: Doc) -> _Index:
        starts = doc.to_array("IDX").tolist()
        if len(doc) and doc.has_annotation("SENT_START"):
            flags = doc.to_array("SENT_START")
            flags[0] = 1
            sents = np.flatnonzero(flags == 1).tolist()
        else:
            sents = [0]
        return cls(doc.text, starts, sents, len(doc))

    def token_at(self, char: int) -> int:
        """Index of the token that contains character ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def sent(self, i: int) -> tuple[int, int]:
        """(start, end) token indices of the sentence of token ``i``."""
        k = bisect_right(self.sents, i) - 1
        end = self.sents[k + 1] if k + 1 < len(self.sents) else self.n
        return self.sents[k], end

    def prev_sent_start(self, i: int) -> int:
        """Start of the sentence before the one of token ``i`` (or of that one)."""
        k = bisect_right(self.sents, i) - 1
        return self.sents[max(0, k - 1)]


def _is_counted_noun(tok: Token) -> bool:
    """A token that can be what a number counts: a noun, a known unit word, or a
    title-case word of an all-caps headline (``400 INTERVENTIONS``)."""
    lx = lexicons()
    low = tok.lower_
    if low in lx.words("month") or low in lx.words("weekday"):
        return False
    if low in lx.unit_categories or tok.lemma_.lower() in lx.unit_categories:
        return tok.pos_ not in ("ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ")
    if tok.pos_ == "NOUN" and tok.is_alpha:
        return True
    return tok.pos_ == "PROPN" and tok.is_upper and len(tok) > 2


def _counted_noun(doc: Doc, i: int, after_de: bool) -> tuple[int, int, list[Token]] | None:
    """The counted noun phrase starting at token ``i``: (first, end) token indices of the
    unit and the prenominal adjectives skipped on the way, or None.

    ``15 000 [soldats]``, ``huit principaux [syndicats]``, ``des milliers de
    [manifestants]``, ``103.000 nouveaux [cas]``, ``200 [plans sociaux]``."""
    n = len(doc)
    if after_de:
        if i >= n or _fold(doc[i].text) not in _DE_WORDS:
            return None
        i += 1
        if i < n and doc[i].pos_ == "DET":
            i += 1
    skipped: list[Token] = []
    while i < n and doc[i].pos_ == "ADJ" and not _is_counted_noun(doc[i]) and len(skipped) < 2:
        skipped.append(doc[i])
        i += 1
    if i >= n or not _is_counted_noun(doc[i]):
        return None
    first = i
    end = i + 1
    lx = lexicons()
    # "nombre de cas", "niveau de production": the measure noun is read with its object
    if (
        doc[i].lemma_.lower() in lx.words("measure_noun")
        and end + 1 < n
        and doc[end].lower_ in _DE_WORDS
        and _is_counted_noun(doc[end + 1])
    ):
        end += 2
    # post-nominal adjectives belong to the unit ("plans sociaux", "députés sortants"),
    # not one that opens an age ("enfants âgés de 8 ans")
    age_words = lx.words("age_before")
    while (
        end < n
        and doc[end].pos_ == "ADJ"
        and end - first < 3
        and doc[end].is_alpha
        and doc[end].lower_ not in age_words
    ):
        end += 1
    return first, end, skipped


def _named_measure(doc: Doc, i: int) -> Token | None:
    """The counted noun of ``<number> le nombre de <noun>`` (starting at token ``i``)."""
    toks = doc[i : i + 4]
    if (
        len(toks) == 4
        and toks[0].pos_ == "DET"
        and toks[1].lemma_.lower() in lexicons().words("measure_noun")
        and toks[2].lower_ in _DE_WORDS
        and _is_counted_noun(toks[3])
    ):
        return toks[3]
    return None


def _verb_qualifier(doc: Doc, i0: int) -> tuple[str, str, bool] | None:
    """A hedging verb right before the number in any tense (``dépasseraient 500.000``):
    (lemma, bound, approx) when the lemma is listed in figure_qualifiers.csv."""
    if i0 == 0:
        return None
    prev = doc[i0 - 1]
    lemma = prev.lemma_.lower()
    quals = lexicons().qualifiers
    if prev.pos_ in ("VERB", "AUX") and lemma in quals:
        return (lemma, *quals[lemma])
    return None


def _lookup_category(tok: Token | None, unit: str) -> str:
    """Category of a unit from its head token's lemma or the unit text."""
    table = lexicons().unit_categories
    keys = [unit.lower(), unit.lower().split()[0] if unit else ""]
    if tok is not None:
        keys = [tok.lemma_.lower(), tok.lower_, *keys]
    for k in keys:
        if k and k in table:
            return table[k]
    return ""


def _event_category(doc: Doc, span: Span, unit_tok: Token | None, sent_end: int) -> str:
    """Casualty/refugee/... event that governs the figure: the verb right after it in
    the clause (``5000 d'entre eux ont été tués ou blessés``) or the verb it is the
    subject or object of (``l'attaque a tué 12 personnes``)."""
    events = lexicons().event_categories
    for tok in doc[span.end : min(span.end + 6, sent_end)]:
        if tok.is_punct:
            break
        if tok.pos_ in ("VERB", "ADJ", "NOUN") and tok.lemma_.lower() in events:
            return events[tok.lemma_.lower()]
    for tok in (unit_tok, span.root):
        if (
            tok is not None
            and tok.head.pos_ == "VERB"
            and tok.head.lemma_.lower() in events
            and tok.dep_.startswith(("nsubj", "obj"))
        ):
            return events[tok.head.lemma_.lower()]
    return ""


def _prev_word(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 else None


def _is_year(raw: Raw, doc: Doc, i0: int, found: list[_Found], sent_start: int) -> bool:
    """A bare four-digit number from 1000 to 2100 with no unit: a year (``en 2012``,
    ``(2007-2012)``), unless it continues a count (``contre 1200 selon la police``)."""
    if raw.kind != "digits" or raw.unit or raw.scaled or raw.percent:
        return False
    if not re.fullmatch(r"\d{4}", raw.core_text) or not 1000 <= raw.value <= 2100:
        return False
    if raw.value_max is not None and not 1000 <= raw.value_max <= 2100:
        return False  # "de 1000 à 5000" counts; "2007-2012" are years
    prev = _prev_word(doc, i0)
    same_sentence = bool(found) and found[-1].sent_start == sent_start
    lx = lexicons()
    return not (prev is not None and prev.lower_ in lx.words("count_before") and same_sentence)


def _in_a_name(doc: Doc, raw: Raw, core_i: int, sent_start: int) -> bool:
    """Capitalised number words inside a sentence belong to a name: ``Les Quatre Cents
    Coups``, ``les Vingt-Sept`` (sentence starts and all-caps headlines excepted)."""
    word = raw.core_text
    if not word[:1].isupper() or word.isupper() or core_i == sent_start:
        return False
    prev = doc[core_i - 1]
    return not (prev.is_punct or prev.is_space)


def _is_address(raw: Raw, doc: Doc, i1: int, unit_tok: Token | None) -> bool:
    """Street numbers and postal codes: ``15 rue de la Paix``, ``75002 Paris``."""
    if raw.kind != "digits":
        return False
    if unit_tok is not None and unit_tok.lower_ in lexicons().words("street"):
        return True
    nxt = doc[i1] if i1 < len(doc) else None
    return bool(re.fullmatch(r"\d{5}", raw.core_text)) and nxt is not None and nxt.is_title


def _is_identifier(raw: Raw, doc: Doc, i0: int) -> bool:
    """A number right after a name or noun is a label, not a count: ``CAC 40``,
    ``situation 6``, ``numéro 2``, ``Boeing 737`` (prefix units such as ``magnitude``
    were taken by the scanner)."""
    if raw.kind != "digits" or raw.unit or raw.qualifier or raw.start != raw.core_start:
        return False
    prev = _prev_word(doc, i0)
    if prev is None:
        return False
    if prev.lower_ in lexicons().words("identifier_before"):
        return True
    if prev.lower_ in lexicons().words("count_before") or not prev.whitespace_:
        return False
    # "qui en compte 400", "on en dénombre 30": clitic "en" + verb (often tagged NOUN)
    if (
        prev.i >= 2
        and doc[prev.i - 1].lower_ == "en"
        and (doc[prev.i - 2].pos_ == "PRON" or doc[prev.i - 2].lower_ in ("n'", "n’", "y"))
    ):
        return False
    # a plural noun is elliptic ("les syndicats 20.000"), a label is singular ("CAC 40")
    if "Plur" in prev.morph.get("Number"):
        return False
    return prev.pos_ in ("NOUN", "PROPN", "X") and prev.is_alpha


def _relative_time(doc: Doc, text: str, raw: Raw, unit_tok: Token, skipped: list[Token]) -> bool:
    """``il y a deux semaines``, ``trois minutes plus tard``, ``ces deux derniers mois``:
    a point in time, not a duration."""
    lx = lexicons()
    if unit_tok.lemma_.lower() not in lx.words("time_unit") and unit_tok.lower_ not in (
        lx.words("time_unit")
    ):
        return False
    after = lx.words("relative_after")
    if any(t.lower_ in after for t in skipped):
        return True
    before = _fold(text[max(0, raw.start - 12) : raw.start]).split()
    if any(" ".join(before[-len(w.split()) :]) == w for w in lx.words("relative_before")):
        return True
    nxt = doc[unit_tok.i + 1 : unit_tok.i + 3]
    words = [t.lower_ for t in nxt]
    return bool(words) and (words[0] in after or " ".join(words) in after)


def _sentence_tail(text: str, pos: int) -> int:
    """End of a prison-sentence complement right after ``pos`` (``de prison ferme``,
    ``d'emprisonnement``, ``(de suspension)``, ``avec sursis``), or ``pos``."""
    markers = lexicons().words("sentence_after")
    best = pos
    m = re.match(r"\s*\(?", text[pos:])
    start = pos + (m.end() if m else 0)
    chunk = _fold(text[start : start + 40])
    for w in markers:
        if chunk.startswith(w) and (len(chunk) == len(w) or not chunk[len(w)].isalpha()):
            end = start + len(w)
            if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
                end += 1
            best = max(best, end)
    return best


def _classify_duration(doc: Doc, span: Span, unit_tok: Token) -> str:
    """``sentence`` (peine de 5 ans), ``age`` (un homme de 51 ans, âgés de 27 à 74 ans,
    ``Pierre Dupont, 45 ans,``) or ``duration``."""
    lx = lexicons()
    start = span.start
    # "âgés de 8 et 11 ans": read the context of the first number of the series
    while start >= 2 and doc[start - 1].lower_ in ("et", "ou", ",") and doc[start - 2].like_num:
        start -= 2
    prev = _prev_word(doc, start)
    if prev is None:
        return "duration"
    is_year_unit = unit_tok.lemma_.lower() == "an" or unit_tok.lower_ == "ans"
    nxt = doc[span.end] if span.end < len(doc) else None
    if is_year_unit and prev.text in (",", "(") and nxt is not None and nxt.text in (",", ")"):
        return "age"  # "Pierre Dupont, 45 ans, ..."
    before = prev
    if prev.lower_ in ("de", "d'", "d’", "à") and start >= 2:
        before = doc[start - 2]
    words = {before.lemma_.lower(), before.lower_}
    if words & lx.words("sentence_before"):
        return "sentence"
    if words & lx.words("age_before"):
        return "age"
    if before is not prev and is_year_unit and prev.lower_ != "à":
        head = unit_tok.head
        if words & lx.words("duration_before") or head.lemma_ in lx.words("duration_before"):
            return "duration"
        if head.pos_ in _NOUNISH or before.pos_ in ("ADJ", "PROPN", "NOUN"):
            return "age"
    return "duration"


def _toll_one(doc: Doc, unit_tok: Token | None, text: str, end: int) -> bool:
    """``un``/``une`` is a figure only in a toll or a sentence: ``un mort``, ``un
    militaire a été tué``, ``un an de prison``."""
    if unit_tok is None:
        return False
    lx = lexicons()
    lemma = unit_tok.lemma_.lower()
    if lx.unit_categories.get(lemma) == "casualties" or (
        lx.unit_categories.get(unit_tok.lower_) == "casualties"
    ):
        return True
    if lemma in lx.words("time_unit") and _sentence_tail(text, end) > end:
        return True
    head = unit_tok.head
    return (
        unit_tok.dep_.startswith("nsubj")
        and head.lemma_.lower() in lx.event_categories
        and lx.event_categories[head.lemma_.lower()] == "casualties"
    )


def _inherit_unit(found: list[_Found], prev_sent_start: int, scaled: bool) -> tuple[str, str]:
    """Unit and category of the last figure in this or the previous sentence (for a
    bare number: ``440.000 manifestants selon le ministère, 1,3 million d'après la CGT``).
    An amount in millions or billions takes the last amount of money in the last
    figures, wherever it is (``rapporter environ 2 milliards`` after ``60 milliards
    d'euros``)."""
    for f in reversed(found[-6:]):
        if scaled and f.figure.category == "money":
            return f.figure.unit, f.figure.category
    for f in reversed(found[-3:]):
        usable = f.figure.unit not in ("", "%") and f.figure.category != "duration"
        if usable and f.sent_start >= prev_sent_start:
            return f.figure.unit, f.figure.category
    return "", ""


def _antecedent_noun(doc: Doc, span: Span, start: int) -> Token | None:
    """Nearest plural noun before the span, from token ``start`` (the previous sentence)."""
    for tok in reversed(doc[max(start, span.start - _LOOK_BACK) : span.start]):
        if tok.pos_ == "NOUN" and "Plur" in tok.morph.get("Number"):
            return tok
    return None


def _is_multiplier_verb(doc: Doc, tok: Token) -> bool:
    """``doubler``, ``a triplé``: the verb, not the adjective (``une chambre double``).
    The tagger often reads a past participle after ``avoir`` as ADJ (``a presque doublé``)."""
    mult = lexicons().multipliers
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in mult:
        return True
    if not re.search(r"(?:é|ée|és|ées|er)$", tok.lower_):
        return False
    window = doc[max(0, tok.i - 3) : tok.i]
    return any(t.pos_ == "AUX" or t.lemma_ in ("avoir", "être") for t in window)


def _subject(verb: Token) -> Token | None:
    """The nominal subject of ``verb`` (through its auxiliaries), or None."""
    for child in verb.lefts:
        if child.dep_.startswith("nsubj") and child.pos_ in _NOUNISH:
            return child
    return None


def _multiplier_object(doc: Doc, verb: Token) -> tuple[int, Token] | None:
    """End token index and head of the object a multiplier verb applies to
    (``doubler [leur capacité annuelle]``)."""
    for child in verb.rights:
        if child.dep_ in ("obj", "nsubj:pass") and child.pos_ in _NOUNISH:
            end = child.i + 1
            while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].head.i == child.i:
                end += 1
            return end, child
    return None


def _build(raw: Raw, doc: Doc, ix: _Index, found: list[_Found]) -> tuple[Span, Figure, bool] | None:
    """Check one scanned candidate against the parse; the figure span, or None."""
    text = ix.text  # (Doc.text rebuilds the string from every token on each call)
    lx = lexicons()
    i0 = ix.token_at(raw.start)
    i1 = ix.token_at(raw.end - 1) + 1
    core_i = ix.token_at(raw.core_start)
    core_tok = doc[core_i]
    sent_start, sent_end = ix.sent(core_i)
    prev_sent_start = ix.prev_sent_start(core_i)
    low_core = _fold(raw.core_text)
    unit, category = raw.unit, raw.unit_category
    unit_tok: Token | None = None
    end_i = i1
    approx, qualifier, value_max = raw.approx, raw.qualifier, raw.value_max

    if raw.kind == "verb":
        if not _is_multiplier_verb(doc, core_tok):
            return None
        obj = _multiplier_object(doc, core_tok)
        if obj is not None:
            end_i, unit_tok = obj
            unit = doc[unit_tok.i : end_i].text
        elif (subj := _subject(core_tok)) is not None:
            unit_tok, unit = subj, subj.text  # "le budget a doublé": what doubled
    elif raw.kind == "noun" and low_core.split()[-1] in ("double", "triple", "quadruple"):
        # "le double de", "au double": a factor; "un double meurtre" is not
        nxt = doc[i1] if i1 < len(doc) else None
        if nxt is not None and not (nxt.is_punct or nxt.lower_ in _DE_WORDS):
            return None
    if raw.kind == "words" and low_core in ("neuf", "neuve") and core_tok.pos_ == "ADJ":
        # "un bâtiment neuf" is new; "neuf blessés" (before a plural noun) counts
        nxt = doc[core_tok.i + 1] if core_tok.i + 1 < len(doc) else None
        if nxt is None or "Plur" not in nxt.morph.get("Number") or low_core == "neuve":
            return None
    if raw.kind == "words" and _in_a_name(doc, raw, core_i, sent_start):
        return None

    skipped: list[Token] = []
    if not unit and raw.kind != "verb":
        anaphora = _ANAPHORA.match(text, raw.end)
        if anaphora:
            end_i = ix.token_at(anaphora.end() - 1) + 1
            antecedent = next((f for f in reversed(found) if f.figure.unit), None)
            if antecedent is not None and antecedent.figure.unit != "%":
                unit, category = antecedent.figure.unit, antecedent.figure.category
            elif (tok := _antecedent_noun(doc, doc[i0:end_i], prev_sent_start)) is not None:
                unit, unit_tok = tok.text, tok
        elif doc[i1 - 1].idx + len(doc[i1 - 1]) <= raw.end:
            # (a token glued to the number, "2012.La", starts something else)
            after_de = raw.kind in _DE_KINDS or raw.scaled or raw.kind == "vague"
            noun = _counted_noun(doc, i1, after_de)
            if (
                noun is None
                and raw.kind == "words"
                and re.search(r"\b(millions?|milliards?)$", low_core)
            ):
                noun = _counted_noun(doc, i1, True)  # "deux millions de personnes"
            if noun is not None:
                first, end_i, skipped = noun
                unit_tok = doc[first]
                unit = doc[first:end_i].text
            elif (named := _named_measure(doc, i1)) is not None:
                unit_tok, unit = named, named.text  # "à 6,5 millions le nombre de réfugiés"

    if _is_address(raw, doc, i1, unit_tok):
        return None
    if (
        raw.kind == "words"
        and low_core in ("un", "une")
        and not _toll_one(doc, unit_tok, text, doc[end_i - 1].idx + len(doc[end_i - 1].text))
    ):
        return None
    if unit_tok is None and not unit:
        if _is_year(raw, doc, i0, found, sent_start) or _is_identifier(raw, doc, i0):
            return None
    elif raw.kind == "digits" and _is_year(raw, doc, i0, found, sent_start) and unit_tok is None:
        return None
    if unit_tok is not None and _relative_time(doc, text, raw, unit_tok, skipped):
        return None
    if (
        raw.kind == "share"
        and low_core.startswith("de ")
        and i0 > 0
        and doc[i0 - 1].pos_
        in (
            "VERB",
            "ADJ",
        )
    ):
        i0 -= 1  # "réduite de moitié"

    if not qualifier and raw.start == raw.core_start and (vq := _verb_qualifier(doc, i0)):
        qualifier, bound, hedge = vq
        approx = approx or hedge
        i0 -= 1
        if bound == "upper" and value_max is None:
            value_max = raw.value

    # prison sentences and ages
    end_char = doc[end_i - 1].idx + len(doc[end_i - 1].text)
    if unit_tok is not None and unit_tok.lemma_.lower() in lx.words("time_unit"):
        tail = _sentence_tail(text, end_char)
        span_tmp = doc[i0:end_i]
        if tail > end_char:
            unit = unit + " " + text[end_char:tail].strip()
            end_i = ix.token_at(tail - 1) + 1
            category = "sentence"
        else:
            category = _classify_duration(doc, span_tmp, unit_tok)

    # a hedge after the counted noun: "50 membres au moins", "300 personnes au maximum"
    if unit_tok is not None and not qualifier and value_max is None:
        end_char = doc[end_i - 1].idx + len(doc[end_i - 1].text)
        if post := post_qualifier(text, end_char):
            qualifier, bound, approx = post[0], post[1], approx or post[2]
            value_max = raw.value if bound == "upper" else None
            end_i = ix.token_at(post[3] - 1) + 1

    own_unit = bool(unit)
    if not own_unit and raw.kind == "digits" and re.fullmatch(r"\d+\.\d{1,2}", raw.core_text):
        return None  # French writes decimals with a comma: "49.3", "2.0" are labels
    # no noun: the unit of the figure before ("1,3 million d'après la CGT")
    if not unit and raw.kind in ("digits", "words"):
        unit, category = _inherit_unit(found, prev_sent_start, raw.scaled)
        if not unit:
            # (a bounded look-back: a sentence of thousands of numbers stays linear)
            window = doc[max(sent_start, i0 - _LOOK_BACK) : i0]
            prev_noun = next((t for t in reversed(window) if t.pos_ == "NOUN"), None)
            if prev_noun is not None:
                unit, unit_tok = prev_noun.text, prev_noun
    span = doc[i0:end_i]
    if not category:
        category = _lookup_category(unit_tok, unit) or ("percent" if unit == "%" else "")
    if raw.kind == "verb" and not category:
        category = "other"
    event = _event_category(doc, span, unit_tok, sent_end)
    if event == "casualties" or (event and category in ("", "other", "people")):
        category = event
    if not all(math.isfinite(float(v)) for v in (raw.value, value_max) if v is not None):
        return None  # a run of hundreds of digits overflows a float: not a figure
    figure = Figure(
        value=float(raw.value),
        value_max=float(value_max) if value_max is not None else None,
        unit=unit,
        approx=approx,
        qualifier=qualifier,
        category=category or "other",
    )
    return span, figure, own_unit


# What may stand between a bare number and the next figure whose unit it shares:
# "8 et 11 ans", "24 des 31 drones", "3, 4 ou 5 victimes", "12 sur les 40 sièges".
_SHARED_UNIT_LINK = re.compile(r"\s*(?:,|et|ou|à|des|sur|parmi)?\s*(?:les\s+)?", re.I)


def _share_units(ix: _Index, spans: list[Span], own: list[bool]) -> None:
    """Give a bare number the unit of the figure right after it (in place)."""
    for k in range(len(spans) - 2, -1, -1):
        if own[k]:
            continue
        left, right = spans[k], spans[k + 1]
        between = ix.text[left.end_char : right.start_char]
        if between and _SHARED_UNIT_LINK.fullmatch(between) and right._.figure.unit:
            nxt = right._.figure
            left._.figure = replace(left._.figure, unit=nxt.unit, category=nxt.category)
            own[k] = True


def find_figures(doc: Doc) -> list[Span]:
    """Every figure in ``doc`` as a span with ``span._.figure`` set, sorted and not
    overlapping.

    >>> doc = nlp("Environ 15 000 soldats ont été envoyés.")  # doctest: +SKIP
    >>> [(s.text, s._.figure.value, s._.figure.unit) for s in find_figures(doc)]  # doctest: +SKIP
    [('Environ 15 000 soldats', 15000.0, 'soldats')]
    """
    ix = _Index.of(doc)
    raws = scan(ix.text)
    if not raws:
        return []
    found: list[_Found] = []
    spans: list[Span] = []
    own: list[bool] = []
    for raw in raws:
        built = _build(raw, doc, ix, found)
        if built is None:
            continue
        span, figure, own_unit = built
        if spans and span.start < spans[-1].end:
            continue
        span = Span(doc, span.start, span.end, label=LABEL)
        span._.figure = figure
        spans.append(span)
        own.append(own_unit)
        found.append(_Found(span, figure, ix.sent(span.start)[0]))
    _share_units(ix, spans, own)
    return spans


@Language.factory("figures")
def make_figures(nlp: Language, name: str):
    def figures_component(doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = find_figures(doc)
        return doc

    return figures_component
