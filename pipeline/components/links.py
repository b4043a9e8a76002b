"""Links: which claim a span of the text (an entity mention, a figure) belongs to.

A claim covers its content and its *scope*: the bracket after its source ("à en croire
Ipsos (70 à 100)") and the rest of its sentence when no other claim is there ("…, a
estimé Santé publique France, soit une hausse de 22 %").
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.claim import Claim
from pipeline.components.intervals import best_containing
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
    others = _PartIndex(claims)
    for k, c in enumerate(claims):
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
        if others.overlaps(tail.start, tail.end, but=k):
            continue
        c.scope = (*c.scope, tail)


class _PartIndex:
    """Whether a stretch overlaps a part (content, source mention, cue) of a claim other
    than a given one, in O(log n): the parts sorted by start, with the two furthest ends
    (of two different claims) reached up to each."""

    def __init__(self, claims: list[Claim]) -> None:
        parts = sorted((p.start, p.end, k) for k, c in enumerate(claims) for p in _claim_parts(c))
        self.starts = [s for s, _, _ in parts]
        self.top: list[tuple[tuple[int, int], tuple[int, int]]] = []
        first, second = (-1, -1), (-1, -1)  # (end, claim), the second of another claim
        for _, e, k in parts:
            if e > first[0]:
                first, second = (e, k), (first if first[1] != k else second)
            elif e > second[0] and k != first[1]:
                second = (e, k)
            self.top.append((first, second))

    def overlaps(self, start: int, end: int, but: int) -> bool:
        n = bisect_left(self.starts, end)  # the parts that start before ``end``
        if n == 0:
            return False
        first, second = self.top[n - 1]
        reach = first[0] if first[1] != but else second[0]
        return reach > start


def bracket_after(mention: Span) -> tuple[Span, ...]:
    """The bracket right after a source mention: ``Ipsos (70 à 100)``."""
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].text == "(":
        for t in doc[mention.end + 1 : min(mention.end + 12, len(doc))]:
            if t.text == ")":
                return (doc[mention.end : t.i + 1],)
    return ()


for _name, _default in (("figure_claim", -1), ("entity_claim", -1), ("entity_role", "other")):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


def link_claims(doc: Doc) -> Doc:
    """Which claim each figure and each entity mention belongs to, by index in
    ``doc._.claims`` (-1: none): ``span._.figure_claim`` on ``doc.spans["figures"]``;
    ``span._.entity_claim`` and ``span._.entity_role`` (``source``: it names the
    claim's source; ``content``: it is in what is said; ``other``) on ``doc.ents``.

    A span belongs to the first claim whose source mention holds it (entities only),
    else to the innermost attributed claim whose content or scope holds it (an
    unattributed one failing that); a figure in a source's account (``scopes``) keeps
    that account's claim. One sweep over the text for each kind of span."""
    claims: list[Claim] = doc._.claims or []
    # the innermost attributed region first, then the first claim
    regions = [
        (r.start_char, r.end_char, (c.attribution == "unattributed", len(r), k))
        for k, c in enumerate(claims)
        for r in (c.content, *c.scope)
    ]
    sources = [
        (c.source_mention.start_char, c.source_mention.end_char, k)
        for k, c in enumerate(claims)
        if c.source_mention is not None
    ]
    figures = list(doc.spans.get("figures", []))
    in_claim = best_containing([(s.start_char, s.end_char) for s in figures], regions)
    index = {id(c): i for i, c in enumerate(claims)}
    for span, found in zip(figures, in_claim, strict=True):
        # a figure in a source's account keeps that source (components/scopes.py)
        claim = attributed_claim(span, claims, claims[found[2]] if found is not None else None)
        span._.figure_claim = index[id(claim)] if claim is not None else -1
    ents = list(doc.ents)
    bounds = [(e.start_char, e.end_char) for e in ents]
    by_source = best_containing(bounds, sources)
    by_content = best_containing(bounds, regions)
    for ent, source, content in zip(ents, by_source, by_content, strict=True):
        if source is not None:
            ent._.entity_claim, ent._.entity_role = source, "source"
        elif content is not None:
            ent._.entity_claim, ent._.entity_role = content[2], "content"
        else:
            ent._.entity_claim, ent._.entity_role = -1, "other"
    return doc


@Language.factory(
    "claim_links",
    assigns=["span._.figure_claim", "span._.entity_claim", "span._.entity_role"],
    requires=["doc._.claims", "doc.ents"],
    default_config={},
)
def make_claim_links(nlp: Language, name: str):
    return link_claims
