"""Grammatical gender and number of a source mention, for pronoun agreement ("ils" refers back to
"les habitants", not to "Boko Haram"; "il" not to "les syndicats").

A name with no plural determiner is one speaker ("Boko Haram", "Paul Girard", "l'ONU");
a description says its number by its determiner ("le villageois", whose noun the tagger
may call plural), else by its head noun ("habitants").
"""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.components.sentences import first_ent_start, sent_of
from pipeline.components.token_lookups import morph_values

PLURAL_DETERMINERS = frozenset({"les", "des", "ces", "leurs", "plusieurs", "certains"})
SINGULAR_DETERMINERS = frozenset(
    {"le", "la", "l'", "l’", "un", "une", "ce", "cet", "cette", "son", "sa", "du"}
)
PLURAL_PRONOUNS = frozenset({"ils", "elles", "-ils", "-elles", "eux", "leur", "leurs"})


def pronoun_number(low: str) -> str:
    """``Plur`` for "ils", "-elles", "leurs"; ``Sing`` for any other pronoun.

    >>> pronoun_number("-t-elles"), pronoun_number("il"), pronoun_number("son")
    ('Plur', 'Sing', 'Sing')
    """
    word = low.strip().lower().removeprefix("-t")
    return "Plur" if word in PLURAL_PRONOUNS or f"-{word}" in PLURAL_PRONOUNS else "Sing"


def mention_number(span: Span) -> str:
    """``Sing``/``Plur`` of a mention; empty when it does not say (a coordination of
    two names is neither one nor the other speaker)."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words:
        return ""
    first = words[0].lower_
    if first in PLURAL_PRONOUNS or first in PLURAL_DETERMINERS:
        return "Plur"
    if first in SINGULAR_DETERMINERS:
        return "Sing"
    if any(t.pos_ == "CCONJ" for t in words):
        return ""
    if first_ent_start(span) == words[0].i:
        return "Sing"  # a name standing alone: one person or body
    root = span.root
    if first in ("il", "elle", "-il", "-elle"):
        return "Sing"
    number = morph_values(root, "Number") if root.pos_ in ("NOUN", "PRON") else []
    return number[0] if number else ""


def entity_number(ent: Span) -> str:
    """A named entity is one speaker unless a plural determiner introduces it ("les
    FSR", "les Forces de soutien rapide")."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return "Plur" if before in PLURAL_DETERMINERS else "Sing"


def mention_gender(span: Span) -> str:
    """``Fem``/``Masc`` from the mention's determiner, title or pronoun ("la ministre",
    "Mme Morel", "il"); empty when it does not say."""
    doc = span.doc
    for tok in doc[max(span.start - 2, sent_of(span).start) : min(span.start + 2, span.end)]:
        low = tok.lower_
        if low in ("mme", "madame", "mlle", "elle", "-elle", "elles"):
            return "Fem"
        if low in ("m.", "monsieur", "il", "-il", "ils"):
            return "Masc"
        # before the mention, only words of its own phrase ("le" of "le villageois
        # Paul", not "l'AFP" in "a déclaré à l'AFP le villageois")
        own = tok.i >= span.start or span.start <= tok.head.i < span.end
        own = own or (span[0].pos_ != "DET" and tok.i == span.root.head.i)
        gender = morph_values(tok, "Gender") if tok.pos_ in ("DET", "NOUN") and own else []
        if gender and low not in ("l'", "l’", "les", "des", "leur", "leurs"):
            return gender[0]
    return ""


def other_nationality(mention: Span, name: str) -> bool:
    """``l'armée française`` is not ``armée malienne``: each names its own country."""
    from pipeline.components.entities import demonym_words

    mine = demonym_words().intersection(t.lower_ for t in mention)
    theirs = demonym_words().intersection(name.lower().split())
    return bool(mine and theirs) and not mine & theirs


def demonym_person(mention: Span) -> Span | None:
    """``l'Allemand``, ``le Français``: a nationality noun standing for the person named
    last before it (a journalistic way to avoid repeating a name)."""
    from pipeline.components.entities import demonym_words
    from pipeline.components.quotes import doc_quotes

    words = [t for t in mention if not t.is_punct]
    if len(words) != 2 or words[0].lower_ not in ("l'", "l’", "le", "la"):
        return None
    noun = words[1]
    if not noun.is_title or noun.lower_ not in demonym_words():
        return None
    # people named inside a quote are what is said, not who says it
    quoted = [(q.start, q.end) for q in doc_quotes(mention.doc)]
    persons = [
        e
        for e in mention.doc.ents
        if e.label_ == "PER"
        and e.end <= mention.start
        and not any(a <= e.start < b for a, b in quoted)
    ]
    return persons[-1] if persons else None
