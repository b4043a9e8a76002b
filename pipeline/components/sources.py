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

import re

from spacy.tokens import Span, Token

from pipeline.components.agents import agent_mentions
from pipeline.components.cues import ACCORDING_TO, Cue, is_past_participle
from pipeline.components.sentences import sent_of
from pipeline.lexicons import calendar_words, data_lines

# words that can sit between an inverted verb and its subject: days, times, "à l'AFP"
TIME_WORDS = calendar_words() | frozenset(
    {"dernier", "dernière", "encore", "également", "aussi", "notamment", "enfin",
     "toutefois", "cependant", "pourtant", "ensuite", "déjà"}
)  # fmt: skip
_SUBJECT_DEPS = ("nsubj", "nsubj:pass")
_INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl", "acl:relcl", "ccomp", "parataxis")
CLITIC_SUBJECTS = frozenset(
    {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "on", "-on"}
)


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

    >>> import spacy                                                   # doctest: +SKIP
    """
    doc = tok.doc
    limit_right = len(doc) if limit_right is None else limit_right
    left = min((t.i for t in tok.subtree), default=tok.i)
    right = max((t.i for t in tok.subtree), default=tok.i) + 1
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
        if c.dep_ in _SUBJECT_DEPS:
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


def describes_noun(verb: Token) -> bool:
    """A past participle with no auxiliary right after a noun: it describes that noun
    ("le sondage publié vendredi"), whatever the parser attached it to."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return (
        i >= 0
        and is_past_participle(verb)
        and not any(c.dep_.startswith("aux") for c in verb.children)
        and (doc[i].pos_ in ("NOUN", "PROPN") or doc[i].text in ("»", "”"))
    )


def agent_after(verb: Token) -> Token | None:
    """The noun after ``par`` following a participle, wherever the parser hung it
    ("quatre ans requis contre X par le parquet")."""
    for t in verb.doc[verb.i + 1 : sent_of(verb).end]:
        if t.is_punct:
            return None
        if t.lower_ == "par" and t.head.i > t.i and t.head.lower_ not in NOT_AGENTS:
            return t.head
    return None


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


#: adverbial phrases between a verb and its inverted subject, or after a subject
ADVERBIALS = frozenset(
    {"par ailleurs", "en outre", "de son côté", "de leur côté", "pour sa part",
     "pour leur part", "en revanche", "quant à lui", "quant à elle", "lui aussi",
     "elle aussi", "dans un communiqué", "dans son communiqué", "dans un rapport"}
)  # fmt: skip
#: subjects that are no speaker ("Rien ne permet d'affirmer…")
NON_SPEAKERS = frozenset({"rien", "personne", "aucun", "aucune", "nul", "nulle", "cela", "ce"})
_CLAUSE_END = frozenset({",", ".", ";", "!", "?", ")", "»", "…", '"', "”"})
_SUBJECT_STOP = frozenset({",", ".", ";", ":", "!", "?", "»", '"', "”", "(", "—"})
#: subjects that speak inside a quote ("Nous pouvons considérer…"): the quote's speaker
#: is found from the quote, not from them
FIRST_PERSON = frozenset({"je", "j'", "j’", "nous", "on", "vous", "tu"})
RELATIVE_PRONOUNS = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})


_CLITIC = re.compile(r"^-(?:t-?)?(il|elle|on|ils|elles)$")


def is_clitic_subject(tok: Token) -> bool:
    """``-il``, ``-t-elle``, ``-on``: a subject glued after an inverted verb."""
    return bool(_CLITIC.match(tok.lower_))


def clitic_pronoun(tok: Token) -> str:
    """``-t-elle`` → ``elle``."""
    m = _CLITIC.match(tok.lower_)
    return m.group(1) if m else tok.lower_


def _real_preverbal_subject(cue: Cue) -> Token | None:
    """The subject before the verb group, unless the parser took it from another clause:
    a finite verb or a closing quote between it and the cue means it is not this verb's
    ("« Le gouvernement … », a indiqué la ministre")."""
    doc = cue.span.doc
    subj = subject_token(cue.head)
    if subj is None or subj.i >= cue.span.start or subj.lower_ in CLITIC_SUBJECTS:
        return None
    for t in doc[subj.i + 1 : cue.span.start]:
        if t.text in ("»", "”") or (t.text == '"' and not doc[t.i - 1].whitespace_):
            return None
        finite = t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
        # a relative clause of the subject is part of it: "Le groupe, qui emploie…, a dit"
        in_subject = t.dep_ == "acl:relcl" and subj.left_edge.i <= t.i <= subj.right_edge.i
        if finite and t.head.i != cue.head.i and not in_subject:
            return None
    return subj


def _can_invert(cue: Cue) -> bool:
    """Only a finite verb or a compound tense inverts its subject; a participle or an
    infinitive after a comma ("…, confirmant des informations") does not."""
    head = cue.head
    if any(c.dep_ == "aux:pass" for c in head.children):
        return False  # a passive keeps its subject before it ("X est créditée de …")
    forms = head.morph.get("VerbForm")
    if "Fin" in forms or (len(cue.span) > 1 and cue.span[0].pos_ == "AUX"):
        return True  # a conjugated verb or a compound tense ("a tempéré")
    return "Part" in forms and "Past" in head.morph.get("Tense") and len(cue.span) > 1


def is_inverted(cue: Cue) -> bool:
    """True for ``…, a indiqué l'agence`` / ``« … », a-t-il dit``: the cue follows what
    is said, after a comma or a closing quote, and its subject follows it."""
    doc = cue.span.doc
    if cue.kind != "verb":
        return False
    if any(is_clitic_subject(t) for t in cue.span):
        return True  # "a-t-il dit", "a-t-elle précisé"
    if any(is_clitic_subject(t) for t in doc[cue.head.i + 1 : min(cue.head.i + 3, len(doc))]):
        return True  # "dit-il", "raconte-t-elle", "dit-on"
    if not _can_invert(cue):
        return False
    if _real_preverbal_subject(cue) is not None:
        return False
    i = cue.span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < sent_of(cue.span).start or doc[i].text not in {",", "»", '"', "”"}:
        return False
    # the words after the verb must be its subject, closing the clause ("…, a indiqué
    # l'agence."), not an object run on by a verb ("…, avait salué les efforts qui…")
    after = inverted_subject(cue)
    if after is None:
        return False
    nxt = after.end
    while nxt < sent_of(cue.span).end and doc[nxt].is_space:
        nxt += 1
    # "… a annoncé l'Agence française de lutte contre le dopage (AFLD)."
    if nxt < sent_of(cue.span).end and doc[nxt].text == "(":
        close = next((t.i for t in doc[nxt : min(nxt + 6, len(doc))] if t.text == ")"), None)
        if close is not None:
            nxt = close + 1
    return nxt >= sent_of(cue.span).end or doc[nxt].text in _CLAUSE_END or doc[nxt].lower_ == "en"


def _locative_after(doc, i: int, end: int) -> Span | None:
    """``dit-on à la préfecture`` / ``indique-t-on au ministère``: the place speaks."""
    for j in range(i, min(i + 4, end)):
        if doc[j].lower_ in ("à", "au", "aux", "auprès"):
            k = j + 1
            if doc[j].lower_ == "auprès" and k < end and doc[k].lower_ in ("de", "du", "des"):
                k += 1
            stop = k
            while stop < end and doc[stop].text not in _SUBJECT_STOP:
                stop += 1
            return _trim(doc[k:stop]) if stop > k else None
    return None


def inverted_subject(cue: Cue) -> Span | None:
    """The subject after an inverted verb, skipping time words and ``à l'AFP``; stops
    at a gerund (``la présidente de la cour en lisant sa décision``)."""
    doc = cue.span.doc
    sent = sent_of(cue.span)
    i = cue.head.i + 1
    # "a-t-il dit": the clitic sits between auxiliary and participle, or glued after
    for t in doc[cue.span.start : min(cue.head.i + 3, sent.end)]:
        if t.lower_ in CLITIC_SUBJECTS or is_clitic_subject(t):
            if clitic_pronoun(t) == "on":
                return _locative_after(doc, t.i + 1, sent.end)
            return doc[t.i : t.i + 1]
    while i < sent.end:
        t = doc[i]
        two = f"{t.lower_} {doc[i + 1].lower_}" if i + 1 < sent.end else ""
        three = f"{two} {doc[i + 2].lower_}" if i + 2 < sent.end else ""
        if three in ADVERBIALS:
            i += 3
        elif two in ADVERBIALS:
            i += 2
        elif t.lower_ in TIME_WORDS or t.is_space or t.pos_ == "ADV":
            i += 1
        elif t.lower_ in ("à", "au", "aux") and i + 1 < sent.end:
            # skip the addressee "à l'AFP", "à Reuters", "au Monde"
            j = i + 1
            while (
                j < sent.end
                and doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ")
                and doc[j].text != ","
            ):
                j += 1
                if doc[j - 1].pos_ in ("PROPN", "NOUN"):
                    break
            i = j
        else:
            break
    end = i
    while end < sent.end and doc[end].text not in _SUBJECT_STOP:
        t = doc[end]
        if t.pos_ == "VERB" and end > i and doc[end - 1].pos_ not in ("ADP",):
            break
        if t.lower_ == "en" and end + 1 < sent.end and "Part" in doc[end + 1].morph.get("VerbForm"):
            break
        end += 1
    return _trim(doc[i:end]) if end > i else None


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
    left = _enumeration_start(verb.doc, min(t.i for t in head.subtree))
    return _trim(verb.doc[left : min(t.i for t in verb.subtree)])


def _enumeration_start(doc, left: int) -> int:
    """Back over "aux États-Unis, au Royaume-Uni, et" before a prepositional conjunct the
    parser hung on the verb instead of coordinating it."""
    first = left + 1 if doc[left].lower_ in ("et", "ou") else left
    if first >= len(doc) or doc[first].lower_ not in _PREPOSITIONS:
        return left
    start, boundary = first, first - 1
    while boundary >= 1 and (doc[boundary].text == "," or doc[boundary].lower_ in ("et", "ou")):
        k = next(
            (
                j
                for j in range(boundary - 1, max(boundary - 8, -1), -1)
                if doc[j].lower_ in _PREPOSITIONS or doc[j].text in (",", ";", ".", ":")
            ),
            None,
        )
        if k is None or doc[k].lower_ not in _PREPOSITIONS:
            break
        start, boundary = k, k - 1
    return start if start < first else left


_PREPOSITIONS = frozenset({"à", "au", "aux"})


def prepositional_conjuncts(span: Span) -> list[Span] | None:
    """``aux États-Unis, au Royaume-Uni et à la Lituanie`` → one mention per country,
    without its preposition; None when ``span`` is no such enumeration."""
    doc = span.doc
    if span[0].lower_ not in _PREPOSITIONS:
        return None
    parts, start = [], span.start
    for t in span[1:]:
        if t.lower_ in _PREPOSITIONS and doc[t.i - 1].lower_ in (",", "et", "ou"):
            end = t.i - 1
            parts.append(doc[start:end])
            start = t.i
    parts.append(doc[start : span.end])
    out = [_trim(p[1:]) for p in parts if len(p) > 1]
    return [p for p in out if p is not None]


_CLAUSE_OPENERS = frozenset({",", ";", ":", "mais", "que", "qu'", "qui", "car", "(", "»"})
#: "par ailleurs", "par exemple": no agent
NOT_AGENTS = frozenset(
    {"ailleurs", "exemple", "conséquent", "contre", "an", "jour", "mois", "semaine"}
)


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
    while end > span.start + 1 and span.doc[end - 1].lower_ in TIME_WORDS:
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
                return prepositional_conjuncts(ante) or split_coordination(ante)
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
                left = max(min(t.i for t in subj.subtree), sent_of(cue.span).start)
                # an introductory phrase the parser hung on the subject ("Lors d'une
                # réunion …, le Service … a déclaré") ends at its comma
                for t in doc[left : subj.i]:
                    if t.text == "," and all(
                        x.pos_ in ("DET", "ADJ", "NOUN", "PROPN") for x in doc[t.i + 1 : subj.i]
                    ):
                        left = t.i + 1
                right = cue.span.start
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
    return any("Fin" in t.morph.get("VerbForm") for t in cue.span)
