"""Agents: who can be the source of a statement.

Only agents speak: a person, an organisation, an institution, a group, a medium, or a
document, study or poll that speaks for its authors. A quantity ("environ la moitié des
groupes"), a thing ("les armes promises"), a topic ("la hausse des prix"), a place or a
time phrase is never a source, even as the subject of a speech verb; the head nouns
that mark them are in ``pipeline/data/non_agents.txt``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.closed_words import THIRD_PERSON, with_inverted
from pipeline.components.token_lookups import morph_values
from pipeline.lexicons import calendar_words, data_lines, lexicon_cache, word_set

PRONOUNS = with_inverted(THIRD_PERSON) | {"on"}
#: words that open a demonstrative or an impersonal subject, no agent ("c'est ce qu'a dit")
#: "un"/"une" open a noun phrase as often as they count
ISSUER_WORDS = frozenset({"de", "du", "des", "d'", "d’", "par"})
ARTICLES = frozenset({"un", "une"})
IMPERSONAL = frozenset({"c'", "c’", "ce", "cela", "ça", "ceci", "tout", "rien"})


@lexicon_cache()
def non_agent_heads() -> frozenset[str]:
    """Head nouns that never name a speaker (``pipeline/data/non_agents.txt``)."""
    return frozenset(data_lines("non_agents.txt"))


def head_word(span: Span) -> Token | None:
    """The first noun, proper noun or pronoun of a mention: the word that says what it
    names ("environ la moitié des groupes" → "moitié")."""
    # "l'une des avocates": the noun after "l'un(e) de"
    return next(
        (t for t in span if t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in ARTICLES),
        None,
    )


def is_agent(span: Span) -> bool:
    """True when ``span`` can name someone who speaks.

    With the full pipeline (``tests/test_scopes.py``): ``is_agent(nlp("environ la moitié
    des groupes")[:])`` is False, ``is_agent(nlp("le ministère de la Santé")[:])`` True.
    """
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words:
        return False
    first = words[0]
    impersonal = first.lower_ in IMPERSONAL and (first.pos_ == "PRON" or len(words) == 1)
    # "68 % des Français jugent…" are a poll's respondents: the claim builder gives what
    # they think to the poll (components/drafts.py), so the mention stays for it to see
    share = is_share(span)
    if impersonal or (first.like_num and first.lower_ not in ARTICLES and not share):
        return False
    if len(words) == 1 and first.lower_ in PRONOUNS:
        return True
    head = head_word(span)
    if head is None:
        return False
    if head.ent_type_ in ("PER", "ORG") or (head.pos_ == "PROPN" and head.ent_type_ != "LOC"):
        return True
    if head.ent_type_ and head.text[:1].isupper():
        return True  # a name ("les Pays-Bas"), whatever its head word means in lower case
    low = head.lower_
    if low in calendar_words() or head.like_num:
        return False
    if low in word_set("data_nouns.txt"):
        # "les chiffres de l'Insee" speak for the Insee; "les chiffres" alone for no one
        return any(t.lower_ in ISSUER_WORDS for t in span[head.i - span.start :])
    return low not in non_agent_heads()


def is_share(span: Span) -> bool:
    """``68 % des Français``: a share of the people a poll or study counted."""
    return any(t.text == "%" for t in span[:3])


def issuer_after(span: Span) -> Span | None:
    """The agent of a participle right after a document mention: "les chiffres
    [communiqués par le ministère]" → "le ministère"."""
    doc = span.doc
    i = span.end
    if (
        i + 2 >= len(doc)
        or doc[i].tag_ == "PUNCT"
        or "Part" not in morph_values(doc[i], "VerbForm")
    ):
        return None
    if doc[i + 1].lower_ != "par":
        return None
    end = i + 2
    while end < len(doc) and end < i + 10 and doc[end].text not in {",", ".", ";", ":", "«"}:
        end += 1
    agent = doc[i + 2 : end]
    return agent if len(agent) and is_agent(agent) else None


def without_cleft(span: Span) -> Span:
    """``C'est Abigaël`` → ``Abigaël``: a cleft names its agent after "c'est"."""
    if len(span) > 2 and span[0].lower_ in ("c'", "c’") and span[1].lower_ == "est":
        return span[2:]
    return span


#: prepositions that open where or how a source spoke, never part of its name ("le
#: ministre Jean Dupont sur France Inter", "l'état-major dans un communiqué")
_DETERMINERS = frozenset({"le", "la", "les", "l'", "l’", "un", "une", "des", "du"})
SETTING_WORDS = frozenset({"dans", "sur", "auprès", "lors", "devant", "via"})


def without_setting(span: Span) -> Span:
    """``l'état-major des Armées dans un communiqué`` → ``l'état-major des Armées``.

    >>> import spacy
    >>> without_setting(spacy.blank("fr")("la ministre sur France Inter")[:]).text
    'la ministre'
    """
    for t in span[1:]:
        if t.lower_ in SETTING_WORDS or (
            t.lower_ == "au" and t.i + 1 < span.end and t.nbor().lower_ == "cours"
        ):
            head = span.doc[span.start : t.i]
            if any(x.is_alpha and x.lower_ not in _DETERMINERS for x in head):
                return head
            break
    return span


_CLITIC_OBJECTS = frozenset({"leur", "lui", "me", "te", "se", "nous", "vous", "y", "en"})


def without_clitics(span: Span) -> Span:
    """``Ipsos leur`` → ``Ipsos``: a clitic object before the verb is no part of the
    subject."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].lower_ in _CLITIC_OBJECTS:
        end -= 1
    return span.doc[span.start : end]


def agent_mentions(mentions: list[Span]) -> list[Span]:
    """The mentions that name agents, a document's issuer standing in for it."""
    out = []
    for m in mentions:
        m = without_clitics(without_setting(without_cleft(m)))
        if is_agent(m):
            out.append(m)
            continue
        issuer = issuer_after(m)
        if issuer is not None:
            out.append(issuer)
    return out
