"""Links: which claim a span of the text (an entity mention, a figure) belongs to.

A claim covers its content and its *scope*: the bracket after its source ("à en croire
Ipsos (70 à 100)") and the rest of its sentence when no other claim is there ("…, a
estimé Santé publique France, soit une hausse de 22 %").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.claim import Claim
from pipeline.components.scopes import attributed_claim
from pipeline.components.sentences import sent_of


def _claim_parts(c: Claim) -> list[Span]:
    parts = [c.content]
    if c.source_mention is not None:
        parts.append(c.source_mention)
    if c.cue is not None:
        parts.append(c.cue.span)
    return parts


def extend_to_sentence_tail(claims: list[Claim]) -> None:
    """What follows a claim to the end of its sentence, when no other claim is there,
    still belongs to it: "…, a estimé Santé publique France, [soit une hausse de 22 %]",
    "…, indique l'institut, [avec 52 % face à Mme Morel]"."""
    for c in claims:
        if c.cue is None:
            continue
        sent = sent_of(c.content)
        parts = _claim_parts(c)
        if any(sent_of(p).start != sent.start for p in parts):
            continue
        end = max(p.end for p in parts)
        if end >= sent.end - 1:
            continue
        tail = sent.doc[end : sent.end]
        first = next((t for t in tail if not (t.is_punct or t.is_space)), None)
        if first is None or first.lower_ == "contre":
            continue  # "…, contre environ 250 sortants": the article's own comparison
        if any(
            p.start < tail.end and tail.start < p.end
            for o in claims
            if o is not c
            for p in _claim_parts(o)
        ):
            continue
        c.scope = (*c.scope, tail)


def bracket_after(mention: Span) -> tuple[Span, ...]:
    """The bracket right after a source mention: ``Ipsos (70 à 100)``."""
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].text == "(":
        for t in doc[mention.end + 1 : min(mention.end + 12, len(doc))]:
            if t.text == ")":
                return (doc[mention.end : t.i + 1],)
    return ()


def claim_containing(span: Span, claims: list[Claim]) -> Claim | None:
    """The innermost attributed claim whose content contains ``span`` (or, failing
    that, an unattributed one).

    >>> claim_containing(doc[3:5], doc._.claims)                     # doctest: +SKIP
    """
    best = None
    for c in claims:
        for region in (c.content, *c.scope):
            if region.start_char <= span.start_char and span.end_char <= region.end_char:
                rank = (c.attribution == "unattributed", len(region))
                if best is None or rank < best[0]:
                    best = (rank, c)
    return best[1] if best else None


def claim_with_source(span: Span, claims: list[Claim]) -> Claim | None:
    """The first claim whose source mention contains ``span``."""
    for c in claims:
        m = c.source_mention
        if m is not None and m.start_char <= span.start_char and span.end_char <= m.end_char:
            return c
    return None


for _name, _default in (("figure_claim", -1), ("entity_claim", -1), ("entity_role", "other")):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


def link_claims(doc: Doc) -> Doc:
    """Which claim each figure and each entity mention belongs to, by index in
    ``doc._.claims`` (-1: none): ``span._.figure_claim`` on ``doc.spans["figures"]``;
    ``span._.entity_claim`` and ``span._.entity_role`` (``source``: it names the
    claim's source; ``content``: it is in what is said; ``other``) on ``doc.ents``."""
    claims: list[Claim] = doc._.claims or []
    index = {id(c): i for i, c in enumerate(claims)}
    for span in doc.spans.get("figures", []):
        # a figure in a source's account keeps that source (components/scopes.py)
        claim = attributed_claim(span, claims, claim_containing(span, claims))
        span._.figure_claim = index[id(claim)] if claim is not None else -1
    for ent in doc.ents:
        claim = claim_with_source(ent, claims)
        role = "source"
        if claim is None:
            claim = claim_containing(ent, claims)
            role = "content" if claim is not None else "other"
        ent._.entity_claim = index[id(claim)] if claim is not None else -1
        ent._.entity_role = role
    return doc


@Language.factory(
    "claim_links",
    assigns=["span._.figure_claim", "span._.entity_claim", "span._.entity_role"],
    requires=["doc._.claims", "doc.ents"],
    default_config={},
)
def make_claim_links(nlp: Language, name: str):
    return link_claims
