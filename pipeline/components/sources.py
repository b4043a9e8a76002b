"""Sources: who a cue attributes its statement to, as written in the sentence.

This module finds the *mention* (``les médias d'État``, ``Washington et Séoul``,
``l'agence``, ``-t-il``); :mod:`pipeline.components.coref` resolves mentions to one
identity. Forms handled:

- subject before the verb: ``KCNA a indiqué que…`` (the parse's ``nsubj``, widened over
  a coordination the parser may have broken: ``Washington et Séoul ont accusé``);
- inverted subject: ``…, ont rapporté mercredi les médias d'État`` / ``a-t-il ajouté``
  / ``a indiqué à l'AFP une source au sein du club``;
- passive agent: ``… a été annoncé par le ministère``;
- inherited subject of an infinitive, participle or coordinated verb: ``Après avoir nié
  …, la Corée du Nord a confirmé``, ``…, la qualifiant d'essentielle``;
- the object of ``selon`` / ``d'après``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.components.agents import agent_mentions, is_agent
from pipeline.components.backrefs import refers_back, speaker_after
from pipeline.components.cues import ACCORDING_TO, Cue
from pipeline.components.inversion import (  # noqa: F401  (stage functions, imported from here)
    ADVERBIALS,
    clitic_pronoun,
    inverted_subject,
    is_clitic_subject,
    is_inverted,
)
from pipeline.components.mention_shapes import (
    describes_noun,
    enumeration_start,
    prepositional_conjuncts,
)
from pipeline.components.sentences import sent_of
from pipeline.components.subjects import (  # noqa: F401
    CLITIC_SUBJECTS,
    NOT_AGENTS,
    _trim,
    agent_after,
    noun_phrase,
    subject_token,
    time_words,
)
from pipeline.components.token_lookups import morph_values
from pipeline.lexicons import data_lines

_INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl", "acl:relcl", "ccomp", "parataxis")


def _widen_coordination(span: Span) -> Span:
    """Extend a subject leftwards over ``X et`` when the parser attached only the last
    conjunct ("Washington et Séoul ont accusé" parsed with "Séoul" as the subject)."""
    doc = span.doc
    start = span.start
    if start >= 2 and doc[start - 1].lower_ in ("et", "ou") and doc[start - 2].pos_ == "PROPN":
        j = start - 2
        while (
            j > sent_of(span).start
            and doc[j - 1].pos_ in ("PROPN", "DET")
            and doc[j - 1].text != ","
        ):
            j -= 1
        return doc[j : span.end]
    return span


def split_coordination(span: Span) -> list[Span]:
    """Split ``Washington et Séoul`` / ``Ipsos, OpinionWay et Ifop`` into one mention per
    conjunct, when each side names someone (a proper noun, or a determiner and a noun);
    a comma splits only in an enumeration closed by ``et`` (not in an apposition).

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> [s.text for s in split_coordination(nlp("Washington et Séoul")[:])]
    ['Washington', 'Séoul']
    """
    doc = span.doc
    has_et = any(t.lower_ == "et" for t in span)
    parts, start = [], span.start
    for t in span:
        if t.i == span.start or t.i >= span.end - 1 or doc[t.i - 1].text == ",":
            continue
        is_sep = t.lower_ == "et" or (
            t.text == "," and has_et and _names_next(doc, t.i + 1, span.end)
        )
        if not is_sep:
            continue
        left, right = doc[start : t.i], doc[t.i + 1 : span.end]
        if _names_something(left) and _starts_a_name(right):
            parts.append(left)
            start = t.i + 1
    parts.append(doc[start : span.end])
    return [p for p in (_trim(p) for p in parts) if p is not None]


def _starts_a_name(span: Span) -> bool:
    first = span[0]
    return (
        first.pos_ == "PROPN"
        or first.text[:1].isupper()
        or (first.pos_ == "DET" and first.lower_ not in ("des", "du") and len(span) > 1)
    )


def _names_something(span: Span) -> bool:
    return any(t.pos_ in ("PROPN", "NOUN") or (t.text[:1].isupper() and t.is_alpha) for t in span)


#: subjects that are no speaker ("Rien ne permet d'affirmer…")
NON_SPEAKERS = frozenset({"rien", "personne", "aucun", "aucune", "nul", "nulle", "cela", "ce"})
#: subjects that speak inside a quote ("Nous pouvons considérer…"): the quote's speaker
#: is found from the quote, not from them
FIRST_PERSON = frozenset({"je", "j'", "j’", "nous", "on", "vous", "tu"})
RELATIVE_PRONOUNS = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})


def _according_to_object(cue: Cue) -> Span | None:
    """What follows ``selon`` / ``d'après`` / ``à en croire``: up to the clause's end,
    without bracketed figures (``à en croire Ipsos (70 à 100), OpinionWay (65 à 105)``)."""
    doc = cue.span.doc
    sent = sent_of(cue.span)
    if cue.head.lemma_ == "croire" or cue.head.dep_ not in ("case", "fixed"):
        obj = None
    else:
        obj = cue.head.head if cue.head.head.i > cue.head.i else None
    if obj is not None:
        # "de source militaire": the cue shows "de source", the source is "source militaire"
        left = cue.span.start + 1 if cue.span[0].lower_ == "de" else cue.span.end
        return _trim(noun_phrase(obj, limit_left=left))
    end = cue.span.end
    depth = 0
    while end < sent.end:
        t = doc[end].text
        depth += t == "("
        depth -= t == ")"
        if depth <= 0 and t in {".", ";", ":", "!", "?"}:
            break
        if depth <= 0 and t == "," and not _names_next(doc, end + 1, sent.end):
            break
        if doc[end].pos_ == "VERB":
            break
        end += 1
    return _trim(doc[cue.span.end : end])


def _names_next(doc, i: int, end: int) -> bool:
    """A comma followed by another name continues an enumeration of sources."""
    return i < end and (doc[i].pos_ == "PROPN" or doc[i].text[:1].isupper())


def not_sources() -> frozenset[str]:
    """Head nouns that name a rule, not a speaker (``pipeline/data/not_sources.txt``)."""
    return frozenset(data_lines("not_sources.txt"))


def _names_no_speaker(span: Span) -> bool:
    """``selon la méthode des quotas``: the head noun names no one."""
    head = next((t for t in span if t.pos_ in ("NOUN", "PROPN")), None)
    return head is not None and head.lower_ in not_sources()


def _without_brackets(span: Span) -> Span:
    """``Ipsos (70 à 100)`` → ``Ipsos``."""
    for t in span:
        if t.text == "(" and t.i > span.start:
            return span.doc[span.start : t.i]
    return span


def verb_group_start(verb: Token) -> int:
    """Index of the first auxiliary of ``verb`` ("Poutine [ayant] publié")."""
    return min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux")])


def _is_clitic_object(tok: Token) -> bool:
    return tok.pos_ == "PRON" and tok.dep_ in ("iobj", "obj", "expl:comp", "expl:pv")


def _relative_antecedent(verb: Token) -> Span | None:
    """``les projections de trois instituts qui leur prédisent``: ``qui`` stands for the
    noun the relative clause hangs on."""
    if verb.dep_ != "acl:relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    head = verb.head
    # "aux États-Unis, au Royaume-Uni et à la Lituanie, qui ont promis": the relative
    # hangs on the last conjunct and stands for them all
    while head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        head = head.head
    left = enumeration_start(verb.doc, head.left_edge.i)
    return _trim(verb.doc[left : verb.left_edge.i])


def _without_case(span: Span) -> Span:
    """``avec un groupe de jeunes`` → ``un groupe de jeunes``: the preposition that hangs
    a relative's antecedent on the clause before is no part of its name."""
    start = span.start
    while start < span.end - 1 and span.doc[start].dep_ == "case":
        start += 1
    # "trois instituts" alone reads as a count: the span stays whole then
    return span.doc[start : span.end] if is_agent(span.doc[start : span.end]) else span


_CLAUSE_OPENERS = frozenset({",", ";", ":", "mais", "que", "qu'", "qui", "car", "(", "»"})


def _linear_subject(cue: Cue) -> Span | None:
    """The noun phrase right before a cue, back to the clause's start."""
    doc = cue.span.doc
    start = cue.span.start
    floor = sent_of(cue.span).start
    while (
        start > floor
        and doc[start - 1].lower_ not in _CLAUSE_OPENERS
        and doc[start - 1].pos_ not in ("VERB", "AUX")
    ):
        start -= 1
    span = _trim(doc[start : cue.span.start])
    if span is None and start > floor and doc[start - 1].text == ",":
        # an apposition ends right before the cue: the subject is the whole noun phrase
        # from the clause start ("L'agent du joueur, Mehdi Saïdi, dément")
        j = start - 1
        while j > floor and doc[j - 1].text not in (";", ":") and doc[j - 1].pos_ not in (
            "VERB", "AUX"
        ):  # fmt: skip
            j -= 1
        span = _trim(doc[j : cue.span.start])
    if span is None or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span):
        return None
    return span


def _trim_time_words(span: Span) -> Span:
    """``le ministère de l'Économie mardi`` → ``le ministère de l'Économie``."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].lower_ in time_words():
        end -= 1
    return span.doc[span.start : end]


def snap_to_entities(span: Span) -> Span:
    """Widen a mention over any named entity it cuts ("Kim Jong" → "Kim Jong-un")."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def source_mentions(cue: Cue) -> list[Span]:
    """The source mention(s) of a cue, one per coordinated source, widened over the
    named entities they cut."""
    return agent_mentions([snap_to_entities(_trim_time_words(m)) for m in _source_mentions(cue)])


def _source_mentions(cue: Cue) -> list[Span]:
    """The source mention(s) of a cue, one per coordinated source.

    Falls back on the governing verb's subject for infinitives, participles and
    coordinated verbs with no subject of their own (up to three levels). A passive
    with no agent ("le nombre a été estimé à…") and a first-person subject inside a
    quote have no source here.
    """
    doc = cue.span.doc
    if cue.kind == ACCORDING_TO:
        span = _according_to_object(cue)
        if span is None or _names_no_speaker(span):
            return []
        return [_without_brackets(p) for p in split_coordination(span) if len(_without_brackets(p))]
    if refers_back(cue.span):
        # "C'est ce qu'a confirmé l'état-major": the speaker follows the cue
        span = speaker_after(cue.span, time_words())
        return [span] if span is not None else []
    if is_inverted(cue):
        span = inverted_subject(cue)
        return split_coordination(span) if span is not None else []
    if describes_noun(cue.head):
        # "le baromètre [publié] vendredi": the document was published, by its agent if
        # the sentence names one; the subject of the main verb says nothing here
        agent = agent_after(cue.head)
        span = _trim(noun_phrase(agent)) if agent is not None else None
        if span is not None and span[0].lower_ == "par":
            span = _trim(span[1:])
        return [span] if span is not None else []
    verb = cue.head
    for _ in range(6):
        subj = subject_token(verb)
        if subj is not None:
            passive = any(c.dep_ == "aux:pass" for c in verb.children)
            if subj.dep_ == "nsubj:pass" and subj.i < verb.i and passive:
                agent = next((c for c in verb.children if c.dep_ == "obl:agent"), None)
                agent = agent if agent is not None else agent_after(verb)
                if agent is None:
                    return []
                subj = agent
            if subj.lower_ in FIRST_PERSON or subj.lower_ in NON_SPEAKERS:
                return []
            if subj.lower_ in RELATIVE_PRONOUNS:
                ante = _relative_antecedent(verb)
                if ante is None:
                    return []
                return prepositional_conjuncts(ante) or split_coordination(_without_case(ante))
            if subj.lower_ in ("-t", "t") and subj.i + 1 < len(doc):
                subj = doc[subj.i + 1]  # "lâche-t-elle" split as "-t" "-elle"
            if subj.lower_ in CLITIC_SUBJECTS or subj.pos_ == "PRON":
                return [doc[subj.i : subj.i + 1]]
            if subj.dep_ == "obl:agent":
                span = _trim(noun_phrase(subj, limit_left=subj.i - 1))
                if span is not None and span[0].lower_ == "par":
                    span = _trim(doc[span.start + 1 : span.end])
            elif verb.i != cue.head.i:
                # inherited from the governing verb: the subject's own noun phrase
                stop = verb_group_start(verb)
                span = _trim(noun_phrase(subj, limit_right=stop if subj.i < stop else None))
            elif subj.i < cue.span.start:
                # everything from the subject's first word to the verb group: keeps
                # "Kim Jong-un" whole and appositions ("la ministre, Astrid X,")
                left = max(subj.left_edge.i, sent_of(cue.span).start)
                # an introductory phrase the parser hung on the subject ("Lors d'une
                # réunion …, le Service … a déclaré") ends at its comma
                for t in doc[left : subj.i]:
                    if t.text == "," and all(
                        x.pos_ in ("DET", "ADJ", "NOUN", "PROPN") for x in doc[t.i + 1 : subj.i]
                    ):
                        left = t.i + 1
                # up to the verb group ("X a quant à lui rappelé": from "a")
                right = min(cue.span.start, max(verb_group_start(cue.head), left + 1))
                # a clitic object is no part of the subject: "Les projections [lui] prédisent"
                while right > left + 1 and _is_clitic_object(doc[right - 1]):
                    right -= 1
                span = _trim(_widen_coordination(doc[left:right]))
            else:
                span = _trim(noun_phrase(subj))
            return split_coordination(span) if span is not None else []
        # climb to the governing verb; through a noun too, for a participle hung on
        # it ("ayant publié une déclaration remerciant …")
        if verb.head.i == verb.i or not (
            verb.dep_ in _INHERIT_DEPS
            or verb.pos_ in ("NOUN", "PROPN")
            or verb.lower_.endswith("ant")  # a participle the parser hung anywhere
        ):
            break
        verb = verb.head
    if cue.head.pos_ not in ("VERB", "AUX") or _finite(cue):
        # no subject in the parse ("Washington et Paris ont appelé" with "Washington" left
        # hanging, or a mistagged "Stellantis dément"): the noun phrase before the cue
        linear = _linear_subject(cue)
        return split_coordination(linear) if linear is not None else []
    return []


def _finite(cue: Cue) -> bool:
    """A conjugated verb group ("ont appelé", "dément"), which must have a subject."""
    return any("Fin" in morph_values(t, "VerbForm") for t in cue.span)
