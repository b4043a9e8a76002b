"""Subjects: the noun phrase, the subject and the agent of a verb, as the parse gives
them, for :mod:`pipeline.components.sources` and :mod:`pipeline.components.inversion`."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.closed_words import THIRD_PERSON, with_inverted
from pipeline.components.cues import is_past_participle
from pipeline.components.sentences import sent_of
from pipeline.lexicons import calendar_words, lexicon_cache


@lexicon_cache()
def time_words() -> frozenset[str]:
    """Words that can sit between an inverted verb and its subject: days, times, "à
    l'AFP"."""
    return calendar_words() | frozenset(
        {"dernier", "dernière", "encore", "également", "aussi", "notamment", "enfin",
         "toutefois", "cependant", "pourtant", "ensuite", "déjà"}
    )  # fmt: skip


_SUBJECT_DEPS = ("nsubj", "nsubj:pass")


CLITIC_SUBJECTS = with_inverted(THIRD_PERSON | {"on"})


def _trim(span: Span) -> Span | None:
    """Strip punctuation and spaces at both ends of ``span``."""
    doc, start, end = span.doc, span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text != "(":
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and doc[end - 1].text != ")"
    ):
        end -= 1
    return doc[start:end] if end > start else None


def noun_phrase(tok: Token, limit_left: int = 0, limit_right: int | None = None) -> Span:
    """The noun phrase headed by ``tok`` within ``[limit_left, limit_right)``, cut before a
    relative clause, a participial clause after a comma, or a following verb.

    >>> doc = nlp("Le porte-parole du ministère, qui était présent, a démenti.")
    >>> noun_phrase(doc[1]).text
    'Le porte-parole du ministère'
    """
    doc = tok.doc
    limit_right = len(doc) if limit_right is None else limit_right
    left = tok.left_edge.i
    right = tok.right_edge.i + 1
    left, right = max(left, limit_left), min(right, limit_right)
    # cut at a relative clause or a comma-separated participle ("…, tombée lors de…")
    for t in doc[tok.i + 1 : right]:
        # "la CGT et 440.000": a number after the conjunction is the next figure
        if t.lower_ in ("et", "ou") and t.i + 1 < right and _starts_a_figure(doc, t.i + 1):
            right = t.i
            break
        if t.dep_ in ("acl:relcl",) or (t.text in ",;:" and t.i > tok.i):
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            # keep an apposition that names the source ("Nicolas Honoré, directeur de…")
            if t.text == "," and nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "DET"):
                continue
            right = t.i
            break
        if t.pos_ == "VERB" and t.dep_ not in ("amod", "acl") and t.head.i < tok.i:
            right = t.i
            break
    return doc[left:right]


def _starts_a_figure(doc, i: int) -> bool:
    """``440.000``, ``plus de 10 000``, ``près de 5000``: the next figure of a list."""
    if doc[i].like_num:
        return True
    return doc[i].lower_ in ("plus", "moins", "près", "environ", "quelque") and any(
        t.like_num for t in doc[i + 1 : i + 4]
    )


def subject_token(verb: Token) -> Token | None:
    for c in verb.children:
        # "quatorze morts, dont sept hommes, a indiqué le ministre": a noun opened by a
        # relative "dont" belongs to the clause before, never the verb's subject
        if c.dep_ in _SUBJECT_DEPS and not _opens_relative(c):
            return c
    # "L'agence relève que …" parsed as a clause hung on "agence": the noun is the subject
    if (
        verb.dep_ == "acl"
        and not is_past_participle(verb)
        and not verb.lower_.endswith("ant")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.head.i == verb.i - 1
    ):
        return verb.head
    # passive agent: "annoncé par le ministère"
    for c in verb.children:
        if c.dep_ == "obl:agent":
            return c
    return agent_after(verb) if verb.dep_ == "acl" else None


def _opens_relative(tok: Token) -> bool:
    return any(c.lower_ == "dont" and c.i < tok.i for c in tok.children)


def agent_after(verb: Token) -> Token | None:
    """The noun after ``par`` following a participle, wherever the parser hung it
    ("quatre ans requis contre X par le parquet")."""
    for t in verb.doc[verb.i + 1 : sent_of(verb).end]:
        if t.is_punct:
            return None
        if t.lower_ == "par" and t.head.i > t.i and t.head.lower_ not in NOT_AGENTS:
            return t.head
    return None


#: "par ailleurs", "par exemple": no agent
NOT_AGENTS = frozenset(
    {"ailleurs", "exemple", "conséquent", "contre", "an", "jour", "mois", "semaine"}
)
