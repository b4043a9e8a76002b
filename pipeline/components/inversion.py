"""Inversion: a cue after what is said, its subject after it (``…, a indiqué
l'agence``, ``« … », a-t-il dit``, ``dit-on à la préfecture``)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.components.cues import Cue
from pipeline.components.sentences import sent_of
from pipeline.components.subjects import CLITIC_SUBJECTS, _trim, subject_token, time_words
from pipeline.components.token_lookups import morph_values

#: adverbial phrases between a verb and its inverted subject, or after a subject
ADVERBIALS = frozenset(
    {"par ailleurs", "en outre", "de son côté", "de leur côté", "pour sa part",
     "pour leur part", "en revanche", "quant à lui", "quant à elle", "lui aussi",
     "elle aussi", "dans un communiqué", "dans son communiqué", "dans un rapport"}
)  # fmt: skip


_CLAUSE_END = frozenset({",", ".", ";", "!", "?", ")", "»", "…", '"', "”"})


_SUBJECT_STOP = frozenset({",", ".", ";", ":", "!", "?", "»", '"', "”", "(", "—"})


_CLITIC = re.compile(r"^-(?:t-?)?(il|elle|on|ils|elles)$")


def is_clitic_subject(tok: Token) -> bool:
    """``-il``, ``-t-elle``, ``-on``: a subject glued after an inverted verb."""
    low = tok.lower_
    return low[:1] == "-" and bool(_CLITIC.match(low))


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
        if t.text in ("»", "”", "’’") or (t.text == '"' and not doc[t.i - 1].whitespace_):
            return None
        finite = t.pos_ in ("VERB", "AUX") and "Fin" in morph_values(t, "VerbForm")
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
    forms = morph_values(head, "VerbForm")
    if "Fin" in forms or (len(cue.span) > 1 and cue.span[0].pos_ == "AUX"):
        return True  # a conjugated verb or a compound tense ("a tempéré")
    if cue.verb is not None and _present_form(head.lower_, cue.verb.lemma):
        return True  # "déplore" tagged as a participle
    # a compound tense, its auxiliary apart ("avait d'ailleurs déclaré")
    compound = len(cue.span) > 1 or any(c.dep_.startswith("aux") for c in head.children)
    return "Part" in forms and "Past" in morph_values(head, "Tense") and compound


def _present_form(word: str, lemma: str) -> bool:
    """``déplore`` / ``déplorent`` of ``déplorer``: a present tense, whatever the tagger
    says (a participle would be ``déploré``).

    >>> _present_form("déplore", "déplorer"), _present_form("déploré", "déplorer")
    (True, False)
    """
    stem = lemma[:-2]
    return lemma.endswith("er") and word in (stem + "e", stem + "ent")


def is_inverted(cue: Cue) -> bool:
    """True for ``…, a indiqué l'agence`` / ``« … », a-t-il dit``: the cue follows what
    is said, after a comma or a closing quote, and its subject follows it."""
    if cue.inverted is None:
        cue.inverted = _is_inverted(cue)
    return cue.inverted


def _is_inverted(cue: Cue) -> bool:
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
    # from the auxiliary, when an adverb parts it from the cue ("avait d'ailleurs déclaré")
    auxes = [c.i for c in cue.head.children if c.dep_.startswith("aux") and c.i < cue.head.i]
    i = min(cue.span.start, max(auxes, default=cue.span.start)) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < sent_of(cue.span).start or doc[i].text not in {",", "»", '"', "”", "’’"}:
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
    # "…, a plaidé l'Allemand dans des propos relayés par…": a setting after the subject
    return (
        nxt >= sent_of(cue.span).end
        or doc[nxt].text in _CLAUSE_END
        or doc[nxt].lower_ in _SETTING_AFTER
    )


#: prepositions opening the setting of a speech act after an inverted subject
_SETTING_BREAK = frozenset({"dans", "sur", "auprès", "lors", "devant"})
_SETTING_AFTER = _SETTING_BREAK | {"en", "à", "au", "aux"}


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
        elif t.lower_ in time_words() or t.is_space or t.pos_ == "ADV":
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
        if (
            t.lower_ == "en"
            and end + 1 < sent.end
            and "Part" in morph_values(doc[end + 1], "VerbForm")
        ):
            break
        # the setting of the speech act: "l'Allemand [dans des propos relayés par…]"
        if t.pos_ in ("ADP", "ADV") and t.lower_ in _SETTING_BREAK and end > i:
            break
        end += 1
    if cue.verb is not None and cue.verb.lemma == "apprendre":
        # "a appris l'AFP auprès de l'organisation": the newsroom learnt it, the one it
        # learnt it from is the source
        told = _locative_after(doc, end, sent.end)
        if told is not None:
            return told
    return _trim(doc[i:end]) if end > i else None
