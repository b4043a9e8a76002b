"""Polls: the verbs by which a poll or a pollster gives figures ("Léger donne 32 % à la
CAQ", "Ipsos leur donne 40 à 60 sièges"). They report only with a name for subject
and a figure in what they give (``pipeline/data/score_verbs.txt``); "Il donne 20 euros
à son fils" reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from pipeline.lexicons import word_set


def score_verbs() -> frozenset[str]:
    """Lemmas of the verbs a poll gives figures with."""
    return word_set("score_verbs.txt")


def score_verb_lemma(tok: Token, lemmas: Iterable[str]) -> str | None:
    """The score-verb lemma among ``lemmas`` (the verb's candidate lemmas) when ``tok``
    gives a figure with a name for subject, else None."""
    lemma = next((x for x in lemmas if x in score_verbs()), None)
    if lemma is None:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "acl:relcl":
        subj = tok.head  # "…, Ipsos leur donne 40 sièges" parsed as a relative
    if subj is None or not (subj.pos_ == "PROPN" or subj.ent_type_ == "ORG"):
        return None
    figures = tok.doc.spans.get("figures", [])
    # what it gives, or the figure right after it when the parser hung that elsewhere
    reach = {t.i for c in tok.children if c.i > tok.i for t in c.subtree}
    reach.update(range(tok.i + 1, tok.i + 3))
    return lemma if any(f.start in reach for f in figures) else None


def gives_figures(cue) -> bool:
    """True for a cue whose verb is a score verb: what it gives runs on after it, even
    where the parser hung it elsewhere ("Ipsos leur donne 40 à 60 sièges")."""
    return cue.verb is not None and cue.verb.lemma in score_verbs()


def up_to_next_subject(span: Span) -> Span:
    """What a poll gives, up to another subject: in "40 à 60 sièges, les autres instituts
    entre 30 et 50" the rest says what others give."""
    cut = next((t.i for t in span[:-1] if t.text == "," and t.nbor().pos_ == "DET"), None)
    return span.doc[span.start : cut] if cut is not None and cut > span.start else span
