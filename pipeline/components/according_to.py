"""``selon X``, ``d'après X``, ``à en croire X``, ``de source X``, ``Pour X, …`` and
``…, ressort-il de X``: the cues that give what a sentence states to a source named
beside it (:func:`pipeline.components.cues.find_cues` takes them with the verb cues)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.components.cue_records import ACCORDING_TO, Cue
from pipeline.components.token_lookups import token_ids, word_ids
from pipeline.registry import guess_source_type

RELATIVE_AFTER_SELON = frozenset({"lequel", "laquelle", "lesquels", "lesquelles", "quoi"})


@lru_cache(maxsize=1)
def _according_to_openers() -> tuple[frozenset[int], frozenset[int]]:
    """The first word of every according-to cue form below, and the clitics after
    "ressort" (:func:`_emerges_from`)."""
    openers = ("selon", "d'", "d’", "d'après", "d’après", "à", "de", "pour")
    return word_ids(openers), word_ids(_EMERGES_CLITICS)


def according_to_cues(sent: Span) -> list[Cue]:
    """``selon X`` / ``d'après X`` cues of one sentence.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> [c.text for c in according_to_cues(nlp("Selon la CGT, 200 plans sont attendus.")[:])]
    ['Selon']
    """
    cues = []
    lower = token_ids(sent.doc).lower
    # only these words open a cue below ("ressort-il de" is found by its "-il"): the
    # other tokens are not looked at
    openers, clitics = _according_to_openers()
    hits = [
        i - sent.start
        for i in range(sent.start, sent.end)
        if lower[i] in openers or (i + 1 < sent.end and lower[i + 1] in clitics)
    ]
    if not hits:
        return cues
    toks = list(sent)
    for i in hits:
        tok = toks[i]
        low = tok.lower_
        if low == "selon" and not (
            i + 1 < len(toks) and toks[i + 1].lower_ in RELATIVE_AFTER_SELON
        ):  # "des informations selon lesquelles …" reports a rumour, names no source
            cues.append(Cue(sent.doc[tok.i : tok.i + 1], tok, ACCORDING_TO))
        elif low in ("d'", "d’") and i + 1 < len(toks) and toks[i + 1].lower_ == "après":
            cues.append(Cue(sent.doc[tok.i : tok.i + 2], toks[i + 1], ACCORDING_TO))
        elif low == "d'après" or low == "d’après":
            cues.append(Cue(sent.doc[tok.i : tok.i + 1], tok, ACCORDING_TO))
        elif (
            low == "à"
            and i + 2 < len(toks)
            and toks[i + 1].lower_ == "en"
            and toks[i + 2].lemma_ == "croire"
        ):
            cues.append(Cue(sent.doc[tok.i : tok.i + 3], toks[i + 2], ACCORDING_TO))
        elif (
            low == "de"
            and i + 1 < len(toks)
            and toks[i + 1].lower_ in ("source", "sources")
            # "un réseau de militants et de sources médicales": sources it relies on
            and not (i > 0 and toks[i - 1].lower_ in ("et", "ou"))
            and i + 2 < len(toks)
            and (toks[i + 2].pos_ == "ADJ" or toks[i + 2].lower_ in ("proche", "proches"))
            # "vérifiés de source indépendante" says who could not confirm, not who said
            and not toks[i + 2].lower_.startswith("indépendant")
        ):
            # "de source militaire", "de sources proches du dossier"
            cues.append(Cue(sent.doc[tok.i : tok.i + 2], tok, ACCORDING_TO))
        elif low == "pour" and _opens_with_opinion_holder(toks, i):
            cues.append(Cue(sent.doc[tok.i : tok.i + 1], tok, ACCORDING_TO))
        elif _emerges_from(toks, i):
            # "…, ressort-il du sondage Elabe": "selon le sondage Elabe", after the fact
            cues.append(Cue(sent.doc[tok.i : tok.i + 3], toks[i + 2], ACCORDING_TO))
    return cues


_EMERGES_CLITICS = ("-il", "-t-il")


def _emerges_from(toks: list[Token], i: int) -> bool:
    """``ressort-il de`` (inverted "il ressort de X que"): the fact before it comes from
    X. The parser often takes "ressort" for a name, so the form is read, not the tag."""
    return (
        toks[i].lower_.startswith("ressort")
        and i + 2 < len(toks)
        and toks[i + 1].lower_ in _EMERGES_CLITICS
        and toks[i + 2].lower_ in ("de", "du", "des", "d'", "d’")
    )


def _opens_with_opinion_holder(toks: list[Token], i: int) -> bool:
    """``Pour le politologue X, …`` / ``Pour la CGT, …`` at the head of a sentence: the
    phrase up to the comma names someone whose view the sentence gives."""
    if any(not (t.is_punct or t.is_space) for t in toks[:i]):
        return False
    comma = next((k for k in range(i + 1, min(i + 14, len(toks))) if toks[k].text == ","), None)
    if comma is None or comma == i + 1:
        return False
    phrase = toks[i + 1 : comma]
    if any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return False  # "Pour obtenir un visa, …"
    if any(t.ent_type_ == "PER" for t in phrase):
        return True
    return guess_source_type(" ".join(t.text for t in phrase), "") in (
        "analyst", "person", "think_tank", "organization", "government"
    )  # fmt: skip
