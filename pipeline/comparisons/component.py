"""The ``figure_contexts`` pipeline component: what each figure measures
(:func:`~pipeline.comparisons.context.figure_contexts`), read while the Doc exists and
kept on it as plain data (``doc._.figure_contexts``: one dict of strings, booleans and
lists per span of ``doc.spans["figures"]``, in order), so a DocBin with user data or a
worker process carries it and :func:`pipeline.tables.doc_tables` only reads it.

>>> doc = nlp("À Nantes, 4 000 personnes ont défilé selon la préfecture.")
>>> [c["measure"] for c in doc._.figure_contexts], doc._.figure_contexts[0]["places"]
(['personne'], ['nantes'])
"""

from __future__ import annotations

from dataclasses import fields

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.comparisons.context import FigureContext, contexts_of
from pipeline.comparisons.names import ClaimSources
from pipeline.comparisons.words import fold
from pipeline.extension_values import span_values
from pipeline.registry import AUTHOR

EXTENSION = "figure_contexts"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def annotate(doc: Doc) -> Doc:
    """Set ``doc._.figure_contexts`` (one record per figure span)."""
    figures = list(doc.spans.get("figures", []))
    # the claims' records, not ``doc._.claims``: that rebuilds every claim (its spans,
    # its cue) where only the sources' ids, names and mentions are read
    records = doc._.claim_records or []
    sources = [
        records[k]["source"][0] if k >= 0 else AUTHOR.id
        for k in span_values(figures, "figure_claim")
    ]
    claim_sources = ClaimSources(
        {fold(r["source"][1]) for r in records},
        [(r["mention"][0], r["mention"][1]) for r in records if r["mention"] is not None],
    )
    contexts = contexts_of(doc, figures, claim_sources, sources)
    doc._.figure_contexts = [c.record() for c in contexts]
    return doc


_FIELDS = tuple(f.name for f in fields(FigureContext))
_SEQUENCES = (tuple, list)


def doc_figure_contexts(doc: Doc) -> list[dict]:
    """The records of ``doc._.figure_contexts`` (set first for a Doc of a pipeline
    without the component), with lists again where a DocBin gives tuples back."""
    if doc._.figure_contexts is None:
        annotate(doc)
    # a record of every field in order (as FigureContext.record() wrote it) is copied
    # as it is, without building a FigureContext from it
    return [
        {k: list(v) if isinstance(v, _SEQUENCES) else v for k, v in c.items()}
        if tuple(c) == _FIELDS
        else FigureContext.from_record(c).record()
        for c in doc._.figure_contexts
    ]


@Language.factory(
    "figure_contexts",
    assigns=["doc._.figure_contexts"],
    requires=["doc.spans", "doc.ents", "doc._.claims", "span._.figure_claim"],
    default_config={},
)
def make_figure_contexts(nlp: Language, name: str):
    return annotate
