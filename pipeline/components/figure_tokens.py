"""What the parse says around a figure candidate: token look-ups for
:mod:`pipeline.components.figures` (the counted noun, hedging verbs, years, labels and
addresses, relative dates, prison sentences and ages, tolls, multiplier verbs).

Each function reads a few tokens next to the candidate, never the whole Doc, so that the
component stays linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from pipeline.components.doc_text import doc_text
from pipeline.figures_parse import Raw, lexicons
from pipeline.lexicons import lexicon_cache

DE_WORDS = frozenset({"de", "d'", "des", "du"})
NOUNISH = frozenset({"NOUN", "PROPN"})
# How far back (tokens) a bare number looks for the noun it counts.
LOOK_BACK = 40


def fold(text: str) -> str:
    """Lower case with ASCII apostrophes: ``fold("D’Emprisonnement") == "d'emprisonnement"``."""
    return text.lower().replace("\u2019", "'")


@dataclass
class TokenIndex:
    """Token offsets and sentence starts of a Doc, read once as arrays: ``Token.sent``
    walks the Doc on every call, far too slow to ask per candidate."""

    text: str
    starts: list[int]
    sents: list[int]
    n: int

    @classmethod
    def of(cls, doc: Doc) -> TokenIndex:
        starts = doc.to_array("IDX").tolist()
        if len(doc) and doc.has_annotation("SENT_START"):
            flags = doc.to_array("SENT_START")
            flags[0] = 1
            sents = np.flatnonzero(flags == 1).tolist()
        else:
            sents = [0]
        return cls(doc_text(doc), starts, sents, len(doc))

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


@lexicon_cache()
def _calendar_and_units() -> tuple[frozenset[str], dict[str, str]]:
    """Months and weekdays, and the unit categories (asked for every token a figure may
    count: one cached look-up instead of three)."""
    lx = lexicons()
    return lx.words("month") | lx.words("weekday"), lx.unit_categories


def is_counted_noun(tok: Token) -> bool:
    """A token that can be what a number counts: a noun, a known unit word, or a
    title-case word of an all-caps headline (``400 INTERVENTIONS``)."""
    calendar, units = _calendar_and_units()
    low = tok.lower_
    if low in calendar:
        return False
    if low in units or tok.lemma_.lower() in units:
        return tok.pos_ not in ("ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ")
    if tok.pos_ == "NOUN" and tok.is_alpha:
        return True
    return tok.pos_ == "PROPN" and tok.is_upper and len(tok) > 2


def counted_noun(doc: Doc, i: int, after_de: bool) -> tuple[int, int, list[Token]] | None:
    """The counted noun phrase starting at token ``i``: (first, end) token indices of the
    unit and the prenominal adjectives skipped on the way, or None.

    ``15 000 [soldats]``, ``huit principaux [syndicats]``, ``des milliers de
    [manifestants]``, ``103.000 nouveaux [cas]``, ``200 [plans sociaux]``."""
    n = len(doc)
    if after_de:
        if i >= n or fold(doc[i].text) not in DE_WORDS:
            return None
        i += 1
        if i < n and doc[i].pos_ == "DET":
            i += 1
    skipped: list[Token] = []
    while i < n and doc[i].pos_ == "ADJ" and not is_counted_noun(doc[i]) and len(skipped) < 2:
        skipped.append(doc[i])
        i += 1
    if i >= n or not is_counted_noun(doc[i]):
        return None
    first = i
    end = i + 1
    lx = lexicons()
    # "nombre de cas", "niveau de production": the measure noun is read with its object
    if (
        doc[i].lemma_.lower() in lx.words("measure_noun")
        and end + 1 < n
        and doc[end].lower_ in DE_WORDS
        and is_counted_noun(doc[end + 1])
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


def named_measure(doc: Doc, i: int) -> Token | None:
    """The counted noun of ``<number> le nombre de <noun>`` (starting at token ``i``)."""
    toks = doc[i : i + 4]
    if (
        len(toks) == 4
        and toks[0].pos_ == "DET"
        and toks[1].lemma_.lower() in lexicons().words("measure_noun")
        and toks[2].lower_ in DE_WORDS
        and is_counted_noun(toks[3])
    ):
        return toks[3]
    return None


def verb_qualifier(doc: Doc, i0: int) -> tuple[str, str, bool] | None:
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


def lookup_category(tok: Token | None, unit: str) -> str:
    """Category of a unit from its head token's lemma or the unit text."""
    table = lexicons().unit_categories
    keys = [unit.lower(), unit.lower().split()[0] if unit else ""]
    if tok is not None:
        keys = [tok.lemma_.lower(), tok.lower_, *keys]
    for k in keys:
        if k and k in table:
            return table[k]
    return ""


def event_category(doc: Doc, span: Span, unit_tok: Token | None, sent_end: int) -> str:
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


def prev_word(doc: Doc, i: int) -> Token | None:
    return doc[i - 1] if i > 0 else None


def is_year(raw: Raw, doc: Doc, i0: int, continues: bool) -> bool:
    """A bare four-digit number from 1000 to 2100 with no unit: a year (``en 2012``,
    ``(2007-2012)``), unless it continues a count (``contre 1200 selon la police``)."""
    if raw.kind != "digits" or raw.unit or raw.scaled or raw.percent:
        return False
    if not re.fullmatch(r"\d{4}", raw.core_text) or not 1000 <= raw.value <= 2100:
        return False
    if raw.value_max is not None and not 1000 <= raw.value_max <= 2100:
        return False  # "de 1000 à 5000" counts; "2007-2012" are years
    prev = prev_word(doc, i0)
    lx = lexicons()
    return not (prev is not None and prev.lower_ in lx.words("count_before") and continues)


def in_a_name(doc: Doc, raw: Raw, core_i: int, sent_start: int) -> bool:
    """Capitalised number words inside a sentence belong to a name: ``Les Quatre Cents
    Coups``, ``les Vingt-Sept`` (sentence starts and all-caps headlines excepted)."""
    word = raw.core_text
    if not word[:1].isupper() or word.isupper() or core_i == sent_start:
        return False
    prev = doc[core_i - 1]
    return not (prev.is_punct or prev.is_space)


def is_address(raw: Raw, doc: Doc, i1: int, unit_tok: Token | None) -> bool:
    """Street numbers and postal codes: ``15 rue de la Paix``, ``75002 Paris``."""
    if raw.kind != "digits":
        return False
    if unit_tok is not None and unit_tok.lower_ in lexicons().words("street"):
        return True
    nxt = doc[i1] if i1 < len(doc) else None
    return bool(re.fullmatch(r"\d{5}", raw.core_text)) and nxt is not None and nxt.is_title


def is_identifier(raw: Raw, doc: Doc, i0: int) -> bool:
    """A number right after a name or noun is a label, not a count: ``CAC 40``,
    ``situation 6``, ``numéro 2``, ``Boeing 737`` (prefix units such as ``magnitude``
    were taken by the scanner)."""
    if raw.kind != "digits" or raw.unit or raw.qualifier or raw.start != raw.core_start:
        return False
    prev = prev_word(doc, i0)
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


def relative_time(doc: Doc, text: str, raw: Raw, unit_tok: Token, skipped: list[Token]) -> bool:
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
    before = fold(text[max(0, raw.start - 12) : raw.start]).split()
    if any(" ".join(before[-len(w.split()) :]) == w for w in lx.words("relative_before")):
        return True
    nxt = doc[unit_tok.i + 1 : unit_tok.i + 3]
    words = [t.lower_ for t in nxt]
    return bool(words) and (words[0] in after or " ".join(words) in after)


def sentence_tail(text: str, pos: int) -> int:
    """End of a prison-sentence complement right after ``pos`` (``de prison ferme``,
    ``d'emprisonnement``, ``(de suspension)``, ``avec sursis``), or ``pos``."""
    markers = lexicons().words("sentence_after")
    best = pos
    m = re.match(r"\s*\(?", text[pos:])
    start = pos + (m.end() if m else 0)
    chunk = fold(text[start : start + 40])
    for w in markers:
        if chunk.startswith(w) and (len(chunk) == len(w) or not chunk[len(w)].isalpha()):
            end = start + len(w)
            if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
                end += 1
            best = max(best, end)
    return best


def classify_duration(doc: Doc, span: Span, unit_tok: Token) -> str:
    """``sentence`` (peine de 5 ans), ``age`` (un homme de 51 ans, âgés de 27 à 74 ans,
    ``Pierre Dupont, 45 ans,``) or ``duration``."""
    lx = lexicons()
    start = span.start
    # "âgés de 8 et 11 ans": read the context of the first number of the series
    while start >= 2 and doc[start - 1].lower_ in ("et", "ou", ",") and doc[start - 2].like_num:
        start -= 2
    prev = prev_word(doc, start)
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
        if head.pos_ in NOUNISH or before.pos_ in ("ADJ", "PROPN", "NOUN"):
            return "age"
    return "duration"


def toll_one(doc: Doc, unit_tok: Token | None, text: str, end: int) -> bool:
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
    if lemma in lx.words("time_unit") and sentence_tail(text, end) > end:
        return True
    head = unit_tok.head
    return (
        unit_tok.dep_.startswith("nsubj")
        and head.lemma_.lower() in lx.event_categories
        and lx.event_categories[head.lemma_.lower()] == "casualties"
    )


def antecedent_noun(doc: Doc, span: Span, start: int) -> Token | None:
    """Nearest plural noun before the span, from token ``start`` (the previous sentence)."""
    for tok in reversed(doc[max(start, span.start - LOOK_BACK) : span.start]):
        if tok.pos_ == "NOUN" and "Plur" in tok.morph.get("Number"):
            return tok
    return None


def is_multiplier_verb(doc: Doc, tok: Token) -> bool:
    """``doubler``, ``a triplé``: the verb, not the adjective (``une chambre double``).
    The tagger often reads a past participle after ``avoir`` as ADJ (``a presque doublé``)."""
    mult = lexicons().multipliers
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in mult:
        return True
    if not re.search(r"(?:é|ée|és|ées|er)$", tok.lower_):
        return False
    window = doc[max(0, tok.i - 3) : tok.i]
    return any(t.pos_ == "AUX" or t.lemma_ in ("avoir", "être") for t in window)


def subject(verb: Token) -> Token | None:
    """The nominal subject of ``verb`` (through its auxiliaries), or None."""
    for child in verb.lefts:
        if child.dep_.startswith("nsubj") and child.pos_ in NOUNISH:
            return child
    return None


def multiplier_object(doc: Doc, verb: Token) -> tuple[int, Token] | None:
    """End token index and head of the object a multiplier verb applies to
    (``doubler [leur capacité annuelle]``)."""
    for child in verb.rights:
        if child.dep_ in ("obj", "nsubj:pass") and child.pos_ in NOUNISH:
            end = child.i + 1
            while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].head.i == child.i:
                end += 1
            return end, child
    return None
