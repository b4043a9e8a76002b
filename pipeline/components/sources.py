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

from pipeline.components.cues import ACCORDING_TO, Cue

# words that can sit between an inverted verb and its subject: days, times, "à l'AFP"
TIME_WORDS = frozenset(
    [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "hier",
        "aujourd'hui",
        "soir",
        "matin",
        "matinée",
        "après-midi",
        "dernier",
        "dernière",
        "encore",
        "également",
        "aussi",
        "notamment",
        "enfin",
        "toutefois",
        "cependant",
        "pourtant",
        "ensuite",
        "déjà",
    ]
)
_SUBJECT_DEPS = ("nsubj", "nsubj:pass")
_INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl", "acl:relcl", "ccomp", "parataxis")
CLITIC_SUBJECTS = frozenset({"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "on"})


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


def _subject_token(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    # passive agent: "annoncé par le ministère"
    for c in verb.children:
        if c.dep_ == "obl:agent":
            return c
    return None


def _widen_coordination(span: Span) -> Span:
    """Extend a subject leftwards over ``X et`` when the parser attached only the last
    conjunct ("Washington et Séoul ont accusé" parsed with "Séoul" as the subject)."""
    doc = span.doc
    start = span.start
    if start >= 2 and doc[start - 1].lower_ in ("et", "ou") and doc[start - 2].pos_ == "PROPN":
        j = start - 2
        while (
            j > span.sent.start and doc[j - 1].pos_ in ("PROPN", "DET") and doc[j - 1].text != ","
        ):
            j -= 1
        return doc[j : span.end]
    return span


def split_coordination(span: Span) -> list[Span]:
    """Split ``Washington et Séoul`` into one mention per conjunct (only when each side
    names something: a proper noun or a noun).

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> [s.text for s in split_coordination(nlp("Washington et Séoul")[:])]
    ['Washington', 'Séoul']
    """
    parts, start = [], span.start
    doc = span.doc
    for t in span:
        if t.lower_ in ("et",) and t.i > span.start and t.i < span.end - 1:
            left, right = doc[start : t.i], doc[t.i + 1 : span.end]
            if _names_something(left) and _names_something(right) and doc[t.i - 1].text != ",":
                parts.append(left)
                start = t.i + 1
    parts.append(doc[start : span.end])
    return [p for p in parts if len(p)]


def _names_something(span: Span) -> bool:
    return any(t.pos_ in ("PROPN",) or (t.text[:1].isupper() and t.is_alpha) for t in span)


def is_inverted(cue: Cue) -> bool:
    """True for ``…, a indiqué l'agence`` / ``« … », a-t-il dit``: the cue follows what
    is said, after a comma or a closing quote, and its subject follows it."""
    doc = cue.span.doc
    head = cue.head
    subj = _subject_token(head)
    if subj is not None and subj.i < cue.span.start and subj.lower_ not in CLITIC_SUBJECTS:
        return False
    i = cue.span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < cue.span.sent.start:
        return False
    if subj is not None and subj.i > head.i:
        return True
    if doc[i].text not in {",", "»", '"', "”"}:
        return False
    # the words after the verb must be its subject, closing the clause ("…, a indiqué
    # l'agence."), not an object run on by a verb ("…, avait salué les efforts qui…")
    after = inverted_subject(cue)
    if after is None:
        return False
    nxt = after.end
    while nxt < cue.span.sent.end and doc[nxt].is_space:
        nxt += 1
    return nxt >= cue.span.sent.end or doc[nxt].text in {",", ".", ";", "!", "?", ")", "»", "…"}


def inverted_subject(cue: Cue) -> Span | None:
    """The subject after an inverted verb, skipping time words and ``à l'AFP``."""
    doc = cue.span.doc
    sent = cue.span.sent
    i = cue.head.i + 1
    # "a-t-il dit": the clitic sits between auxiliary and participle, or glued after
    for t in doc[cue.span.start : min(cue.head.i + 3, sent.end)]:
        if t.lower_ in CLITIC_SUBJECTS:
            return doc[t.i : t.i + 1]
    while i < sent.end:
        t = doc[i]
        if t.lower_ in TIME_WORDS or t.is_space or t.pos_ == "ADV":
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
    while end < sent.end and doc[end].text not in {
        ",",
        ".",
        ";",
        ":",
        "!",
        "?",
        "»",
        '"',
        "(",
        "—",
    }:
        if doc[end].pos_ == "VERB" and end > i and doc[end - 1].pos_ not in ("ADP",):
            break
        end += 1
    return _trim(doc[i:end]) if end > i else None


def source_mentions(cue: Cue) -> list[Span]:
    """The source mention(s) of a cue, one per coordinated source.

    Falls back on the governing verb's subject for infinitives, participles and
    coordinated verbs with no subject of their own (up to three levels).
    """
    doc = cue.span.doc
    if cue.kind == ACCORDING_TO:
        obj = cue.head.head if cue.head.dep_ in ("case", "fixed") else None
        if obj is None or obj.i <= cue.head.i:
            # unparsed: the noun phrase right after "selon"
            j = cue.span.end
            end = j
            while end < cue.span.sent.end and doc[end].text not in {",", ".", ";", ":", ")"}:
                end += 1
            span = _trim(doc[j:end])
            return [span] if span is not None else []
        span = _trim(noun_phrase(obj, limit_left=cue.span.end))
        return split_coordination(span) if span is not None else []
    if is_inverted(cue):
        span = inverted_subject(cue)
        return split_coordination(span) if span is not None else []
    verb = cue.head
    for _ in range(4):
        subj = _subject_token(verb)
        if subj is not None:
            if subj.lower_ in CLITIC_SUBJECTS or subj.pos_ == "PRON":
                return [doc[subj.i : subj.i + 1]]
            if subj.i < cue.span.start:
                # everything from the subject's first word to the verb group: keeps
                # "Kim Jong-un" whole and appositions ("la ministre, Astrid X,")
                left = max(min(t.i for t in subj.subtree), cue.span.sent.start)
                # an introductory phrase the parser hung on the subject ("Lors d'une
                # réunion …, le Service … a déclaré") ends at its comma
                for t in doc[left : subj.i]:
                    if t.text == "," and all(
                        x.pos_ in ("DET", "ADJ", "NOUN", "PROPN") for x in doc[t.i + 1 : subj.i]
                    ):
                        left = t.i + 1
                span = doc[left : cue.span.start]
            else:
                span = noun_phrase(subj)
            span = _trim(_widen_coordination(span))
            return split_coordination(span) if span is not None else []
        if verb.dep_ not in _INHERIT_DEPS or verb.head is verb:
            break
        verb = verb.head
    return []
