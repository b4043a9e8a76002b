"""Certainty and polarity of a claim: how firmly it is stated, and whether it denies.

- ``denied``: the cue is a denial verb (``a nié``, ``dément``);
- ``conditional``: the journalistic conditional in the content's main clause
  (``aurait``, ``serait``, ``auraient compensé``), and it wins over a hedge word;
- ``hedged``: an opinion/evidence cue (``suggèrent``, ``estime``, ``a déclaré penser``)
  or a hedge word in the content (``probablement``, ``pourrait``, ``semble``), from
  ``pipeline/data/hedges.csv``;
- else ``asserted``.

``negated`` is true when the content's main clause says something did not happen
(``rien n'indique``, ``n'a pas été``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.components.cues import NEGATION_WORDS, Cue
from pipeline.components.sentences import sent_of
from pipeline.components.token_lookups import morph_values, pos_id, token_ids, word_ids
from pipeline.lexicons import data_rows, lexicon_cache

# modal verbs in the conditional hedge ("pourrait") rather than report hearsay
MODALS = frozenset({"pouvoir", "devoir"})


@lexicon_cache()
def hedge_words() -> frozenset[str]:
    return frozenset(r["word"].lower() for r in data_rows("hedges.csv"))


def clause_root(span: Span) -> Token:
    """The content's main verb: the first token whose head lies outside the span."""
    heads = token_ids(span.doc).head
    start, end = span.start, span.end
    for i in range(start, end):
        if heads[i] < start or heads[i] >= end or heads[i] == i:
            return span.doc[i]
    return span.root


_CONDITIONAL_ENDING = re.compile(r"r(?:ais|ait|aient|ions|iez)$")


def _conditional_form(tok: Token) -> bool:
    """The model's mood, or the conditional ending when the model missed it
    ("disposeraient", "perdraient")."""
    if "Cnd" in morph_values(tok, "Mood"):
        return True
    return (
        tok.pos_ in ("VERB", "AUX")
        and "Fin" in morph_values(tok, "VerbForm")
        and bool(_CONDITIONAL_ENDING.search(tok.lower_))
        and "Imp" not in morph_values(tok, "Tense")
    )


def is_conditional(root: Token) -> bool:
    """True for the journalistic conditional on ``root`` or its auxiliaries."""
    for tok in (root, *(c for c in root.children if c.dep_.startswith(("aux", "cop")))):
        if _conditional_form(tok) and tok.lemma_ not in MODALS:
            return True
    return False


@lexicon_cache()
def _hedge_phrases() -> tuple[str, ...]:
    """The hedges of several words, found in the text rather than by token."""
    return tuple(w for w in hedge_words() if " " in w)


@lexicon_cache()
def _hedge_ids() -> frozenset[int]:
    return word_ids(hedge_words())


_MODAL_IDS = word_ids(MODALS)
_NOUN = pos_id("NOUN")


def has_hedge(span: Span) -> bool:
    ids, doc = token_ids(span.doc), span.doc
    hedges, tokens = _hedge_ids(), range(span.start, span.end)
    # "il risque de perdre" hedges, "le risque de décéder" (a noun) states a risk
    if any(ids.lower[i] in hedges and ids.pos[i] != _NOUN for i in tokens):
        return True
    modals = (i for i in tokens if ids.lemma[i] in _MODAL_IDS)
    if any("Cnd" in morph_values(doc[i], "Mood") for i in modals):
        return True
    low = span.text.lower()
    return any(w in low for w in _hedge_phrases())


def certainty(cue: Cue | None, content: Span) -> str:
    """``asserted`` | ``hedged`` | ``conditional`` | ``denied`` (see module docstring)."""
    if cue is not None and cue.verb is not None and cue.verb.certainty == "denied":
        return "denied"
    root = clause_root(content)
    # after a past reporting verb the conditional is the future-in-the-past, not hearsay:
    # "ont annoncé qu'ils la voteraient", "a promis que l'aide serait versée"
    sequence_of_tenses = cue is not None and _past_report(cue) and _after_que(cue, content)
    if (is_conditional(root) and not sequence_of_tenses) or (
        cue is not None and is_conditional(cue.head)
    ):
        return "conditional"
    if cue is not None and cue.verb is not None and cue.verb.certainty == "hedged":
        return "hedged"
    # "a déclaré penser que": an opinion verb between the cue and its content
    if cue is not None:
        doc = content.doc
        between = doc[cue.span.end : content.start] if cue.span.end <= content.start else []
        if any(t.lemma_ in ("penser", "croire", "estimer", "sembler") for t in between):
            return "hedged"
    # a quote over several sentences is graded on its first, the statement it opens
    # with (a hedge in a later sentence of a long account hedges only that sentence)
    first = sent_of(content[0])
    lead = content.doc[content.start : min(content.end, first.end)]
    return "hedged" if has_hedge(lead) else "asserted"


def _past_report(cue: Cue) -> bool:
    """A reporting verb in a past tense: "a annoncé", "avait promis", "déclarait"."""
    head = cue.head
    if "Imp" in morph_values(head, "Tense") or "Past" in morph_values(head, "Tense"):
        return cue.kind == "verb"
    return any(t.pos_ == "AUX" for t in cue.span) and cue.kind == "verb"


def _after_que(cue: Cue, content: Span) -> bool:
    doc = content.doc
    return any(t.lower_ in ("que", "qu'", "qu’") for t in doc[cue.span.end : content.start + 1])


def is_negated(content: Span) -> bool:
    """True when the content's main clause is negated (``rien n'indique que…``)."""
    root = clause_root(content)
    children = list(root.children)
    if any(c.lower_ == "rien" and c.dep_.startswith("nsubj") for c in children):
        return True
    has_ne = any(c.lower_ in ("ne", "n'", "n’") for c in children)
    return has_ne and any(c.lower_ in NEGATION_WORDS for c in root.subtree)


@Language.factory(
    "certainty",
    assigns=["doc._.claim_records"],
    requires=["doc._.claim_records"],
    default_config={},
)
def make_certainty(nlp: Language, name: str):
    def certainty_component(doc: Doc) -> Doc:
        for record, claim in zip(doc._.claim_records or [], doc._.claims or [], strict=True):
            record["certainty"] = certainty(claim.cue, claim.content)
            record["negated"] = is_negated(claim.content)
        return doc

    return certainty_component
