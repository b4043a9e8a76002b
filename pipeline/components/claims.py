"""Claims: the stages' results put together into attributed statements.

The ``claims`` component puts a list of :class:`Claim` on ``doc._.claims`` (and the
content spans on ``doc.spans["claims"]``, labelled by attribution). It only assembles
what the stages before it wrote (:mod:`~pipeline.components.attribution`): one claim per
draft content and resolved source (coordinated sources, ``Washington et Séoul ont
accusé``, give one claim each), the quotes given to their speaker, the figures with a
bracketed source; then what the article states itself with a figure, a journalistic
conditional or a relation between two entities becomes an ``unattributed`` claim of
``author``.

The :class:`~pipeline.components.claim.Claim` record is in ``claim.py``; how certain a
claim is, the ``certainty`` component decides; which claim a span (an entity, a
figure) belongs to, ``claim_links`` (``links.py``).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from pipeline.components.attribution import (
    QUOTES,
    SOURCES,
    doc_cues,
    doc_drafts,
    mention_source,
)
from pipeline.components.certainty import is_conditional
from pipeline.components.claim import Claim, claim_from_record, claim_record
from pipeline.components.content import trim
from pipeline.components.identities import bracket_content, draft_claim_list
from pipeline.components.links import extend_to_sentence_tail
from pipeline.components.segment import in_article_body
from pipeline.components.sentences import ents_within, sentences
from pipeline.components.token_lookups import morph_values, pos_id, token_ids
from pipeline.registry import AUTHOR

SPAN_KEY = "claims"


def doc_claims(doc: Doc) -> list[Claim] | None:
    """``doc._.claims``: the claims rebuilt from ``doc._.claim_records`` (plain values,
    so the Doc serialises); None before the ``claims`` component ran."""
    records = doc._.claim_records
    if records is None:
        return None
    # the cue records are built once per Doc and shared by the stages (doc_cues)
    cues = doc_cues(doc) if any(r["cue"] >= 0 for r in records) else []
    return [claim_from_record(doc, r, cues) for r in records]


if not Doc.has_extension("claim_records"):
    Doc.set_extension("claim_records", default=None)
    Doc.set_extension("claims", getter=doc_claims)


def build_claims(doc: Doc) -> list[Claim]:
    """Every claim of ``doc`` in text order, put together from what the stages wrote:
    the drafts' contents with each resolved source, quotes given to their speaker, figures
    with a bracketed source, and the article's own statements (not yet graded: that is
    the ``certainty`` component's job)."""
    drafts, indexes = doc_drafts(doc)
    group = doc.spans[SOURCES]
    values = group.attrs["source"]
    found = [[mention_source(values[j]) for j in where] for where in indexes]
    claims = draft_claim_list(drafts, found)
    quotes = list(doc.spans[QUOTES])
    figures = list(doc.spans.get("figures", []))
    for kind in ("quote", "figure"):
        for span, index, value in zip(group, group.attrs[kind], values, strict=True):
            if index < 0:
                continue
            mention = doc[span.start : span.end]
            if kind == "quote":
                content, attribution = quotes[index], "direct"
            else:
                content, attribution = bracket_content(figures[index], mention), "according_to"
            claims.append(
                Claim(content, mention_source(value), attribution, source_mention=mention)
            )
    extend_to_sentence_tail(claims)
    claims.extend(author_claims(doc, claims))
    # claims sharing a content keep the order their sources are named in
    claims.sort(
        key=lambda c: (
            c.content.start,
            c.content.end,
            c.source_mention.start if c.source_mention is not None else -1,
        )
    )
    return claims


def author_claims(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """The article's own statements that carry a figure or a journalistic conditional,
    in the stretches of body sentences no claim covers."""
    covered = set()
    for c in claims:
        covered.update(range(c.content.start, c.content.end))
        if c.source_mention is not None:
            covered.update(range(c.source_mention.start, c.source_mention.end))
        if c.cue is not None:
            covered.update(range(c.cue.span.start, c.cue.span.end))
    figures = [(f.start, f.end) for f in doc.spans.get("figures", [])]
    out = []
    for sent in sentences(doc):
        if not in_article_body(sent):
            continue
        start = None
        for i in range(sent.start, sent.end + 1):  # sent.end: the stretch at its end
            free = i < sent.end and i not in covered
            if free and start is None:
                start = i
            elif not free and start is not None:
                seg = trim(doc[start:i])
                start = None
                if seg is None or len(seg) < 3:
                    continue
                for part in _split_at_mais(seg):
                    out.extend(_author_claim(part, figures))
    return out


_MAIS = get_string_id("mais")
_VERB_LIKE = frozenset(pos_id(tag) for tag in ("VERB", "AUX", "ADJ"))


def _split_at_mais(seg: Span) -> list[Span]:
    doc = seg.doc
    lower = token_ids(doc).lower
    for i in range(seg.start + 1, seg.end):
        if lower[i] == _MAIS and doc[i - 1].text == ",":
            return [p for p in (trim(doc[seg.start : i]), trim(doc[i + 1 : seg.end])) if p]
    return [seg]


def _author_claim(seg: Span, figures: list[tuple[int, int]]) -> list[Claim]:
    """An ``author`` claim for a stretch that carries a figure, a journalistic
    conditional, or a fact between two named entities ("la Corée du Nord a envoyé des
    troupes en Russie"). ``figures``: (start, end) of the Doc's figures, in order."""
    # figures do not overlap: the first one starting in the stretch is the one to check
    k = bisect_left(figures, (seg.start, -1))
    has_figure = k < len(figures) and figures[k][1] <= seg.end
    pos, doc = token_ids(seg.doc).pos, seg.doc
    conditional = any(
        is_conditional(doc[i]) for i in range(seg.start, seg.end) if pos[i] in _VERB_LIKE
    )
    if not (has_figure or conditional or _relates_entities(seg)):
        return []
    return [Claim(seg, AUTHOR, "unattributed")]


def _relates_entities(seg: Span) -> bool:
    """Two distinct named entities and a conjugated verb between them."""
    ents = [e for e in ents_within(seg) if e.label_ != "MISC"]
    if len({e._.entity_id or e.text for e in ents}) < 2:
        return False
    first, last = ents[0], ents[-1]
    return any(
        t.pos_ in ("VERB", "AUX") and "Fin" in morph_values(t, "VerbForm")
        for t in seg.doc[first.end : last.start]
    )


@Language.factory(
    "claims",
    assigns=["doc._.claim_records", "doc.spans"],
    requires=["doc.spans"],
    default_config={},
)
def make_claims(nlp: Language, name: str):
    def claims_component(doc: Doc) -> Doc:
        claims = build_claims(doc)
        cue_index = {c.head.i: k for k, c in enumerate(doc_cues(doc))}
        doc._.claim_records = [
            claim_record(c, cue_index[c.cue.head.i] if c.cue is not None else -1) for c in claims
        ]
        doc.spans[SPAN_KEY] = [
            Span(doc, c.content.start, c.content.end, label=c.attribution) for c in claims
        ]
        return doc

    return claims_component
