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

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.comparisons.context import FigureContext, figure_contexts
from pipeline.registry import AUTHOR

EXTENSION = "figure_contexts"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def annotate(doc: Doc) -> Doc:
    """Set ``doc._.figure_contexts`` (one record per figure span)."""
    figures = list(doc.spans.get("figures", []))
    claims = doc._.claims or []
    sources = [
        claims[s._.figure_claim].source.id if s._.figure_claim >= 0 else AUTHOR.id for s in figures
    ]
    doc._.figure_contexts = [c.record() for c in figure_contexts(doc, figures, claims, sources)]
    return doc


def doc_figure_contexts(doc: Doc) -> list[dict]:
    """The records of ``doc._.figure_contexts`` (set first for a Doc of a pipeline
    without the component), with lists again where a DocBin gives tuples back."""
    if doc._.figure_contexts is None:
        annotate(doc)
    return [FigureContext.from_record(c).record() for c in doc._.figure_contexts]


@Language.factory(
    "figure_contexts",
    assigns=["doc._.figure_contexts"],
    requires=["doc.spans", "doc.ents", "doc._.claims", "span._.figure_claim"],
    default_config={},
)
def make_figure_contexts(nlp: Language, name: str):
    return annotate
