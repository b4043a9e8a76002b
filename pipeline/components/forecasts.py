"""Forecast and tally revisions: "les économistes de la banque ont relevé leur
prévision d'inflation à 2,9 %", "le ministère a porté le bilan à 40 morts". The verb
says nothing alone ("a porté un colis"); with a forecast or tally for object it
reports the source's own figure (``pipeline/data/forecast_revisions.csv``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from pipeline.lexicons import data_rows, lexicon_cache


@lexicon_cache()
def _words() -> dict[str, frozenset[str]]:
    rows = data_rows("forecast_revisions.csv")
    return {
        role: frozenset(r["word"] for r in rows if r["role"] == role) for role in ("verb", "noun")
    }


def revision_lemma(tok: Token, lemmas: Iterable[str]) -> str | None:
    """The revising verb's lemma among ``lemmas`` when ``tok`` revises a forecast or a
    tally it has a subject for, else None."""
    lemma = next((x for x in lemmas if x in _words()["verb"]), None)
    if lemma is None or not any(c.dep_ == "nsubj" for c in tok.children):
        return None
    obj = next((c for c in tok.children if c.dep_ == "obj"), None)
    return lemma if obj is not None and obj.lower_ in _words()["noun"] else None
