"""Source identities: every claim's source mention resolved to one source, in the
order the article names them (what ``l'agence`` or ``il`` refers to depends on what
came before; :class:`~pipeline.components.coref.SourceResolver` keeps that history).

Three kinds of mention, resolved in this order:

1. the mentions of each cue's claim (``doc.spans["sources"]``), in the order the
   drafts' first mentions appear;
2. the speakers of quotes no cue introduced (:func:`quote_speakers`);
3. sources in brackets after a figure (:func:`bracket_sources`).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from spacy.tokens import Doc, Span

from pipeline.components.claim import Claim
from pipeline.components.content import trim
from pipeline.components.coref import SourceResolver
from pipeline.components.drafts import _Draft
from pipeline.components.intervals import Stabber
from pipeline.components.segment import in_article_body
from pipeline.components.sentences import ents_within, sent_of, sent_starts
from pipeline.lexicons import source_nouns
from pipeline.registry import AUTHOR, Source


def draft_order(drafts: list[_Draft]) -> list[int]:
    """Indexes of ``drafts`` in the order their first mentions appear."""
    return sorted(range(len(drafts)), key=lambda i: min(m.start for m in drafts[i].mentions))


def resolve_draft_sources(drafts: list[_Draft], resolver: SourceResolver) -> list[list[Source]]:
    """The source of each mention of each draft (``[draft][mention]``)."""
    found: list[list[Source]] = [[] for _ in drafts]
    for i in draft_order(drafts):
        for mention in drafts[i].mentions:
            src = resolver.resolve(mention)
            resolver.remember(src, mention)
            found[i].append(src)
    return found


def draft_claim_list(drafts: list[_Draft], sources: list[list[Source]]) -> list[Claim]:
    """The (ungraded) claims of the drafts, in resolution order: each mention, each
    content."""
    from pipeline.components.links import bracket_after

    claims = []
    for i in draft_order(drafts):
        d = drafts[i]
        for mention, src in zip(d.mentions, sources[i], strict=True):
            for content in d.contents:
                claims.append(
                    Claim(
                        content=content,
                        source=src,
                        attribution=d.attribution,
                        cue=d.cue,
                        source_mention=mention,
                        speaker=" | ".join(dict.fromkeys(d.speakers)),
                        scope=bracket_after(mention),
                    )
                )
    return claims


#: prepositions that open who a figure goes to ("22 % pour le Parti québécois (PQ)")
_RECIPIENT_WORDS = frozenset({"pour", "chez"})


def bracket_sources(doc: Doc, resolver: SourceResolver) -> list[tuple[int, Span, Source]]:
    """A figure followed by its source in brackets: ``125 à 165 députés (Ipsos)``; as
    (figure index, mention, source)."""
    out = []
    figures = list(doc.spans.get("figures", []))
    for fi, fig in enumerate(figures):
        j = fig.end
        # the counted noun's complement may sit between figure and bracket
        while j < len(doc) and j < fig.end + 4 and doc[j].text != "(" and not doc[j].is_punct:
            j += 1
        if j >= len(doc) or doc[j].text != "(":
            continue
        # "32 % pour les libéraux (PLQ)": the bracket names who gets the score, not who
        # gives it
        if any(t.lower_ in _RECIPIENT_WORDS for t in doc[fig.end : j]):
            continue
        close = next((t.i for t in doc[j + 1 : min(j + 6, len(doc))] if t.text == ")"), None)
        if close is None:
            continue
        inner = doc[j + 1 : close]
        ents = ents_within(inner)
        if not ents or ents[0].label_ not in ("ORG", "PER") or len(ents[0]) != len(inner):
            continue
        source = resolver.resolve(inner)
        resolver.remember(source, inner)
        out.append((fi, inner, source))
    return out


def bracket_content(figure: Span, mention: Span) -> Span:
    """What a bracketed source says: the figure and its noun, up to the bracket."""
    j = mention.start - 1
    return figure.doc[figure.start : j] if j > figure.start else figure


def quote_speakers(
    doc: Doc, claims: list[Claim], resolver: SourceResolver, quotes: list[Span]
) -> list[tuple[int, Span, Source]]:
    """Quotes no cue introduced, given to their speaker, as (quote index, mention,
    source):

    - ``X est inquiet : « … »``: the subject of the clause before the colon;
    - ``« … ». Déclaration mercredi de la ministre …``: the ``de X`` of a declaration
      noun opening the next sentence;
    - a quote that continues the previous sentence's claim: that claim's source.
    """
    covered = Stabber((c.content.start, c.content.end) for c in claims)
    out = []
    starts = sent_starts(doc)
    # the last claim (in ``claims``' order) of a speaker ending by each token: claims
    # sorted by where they end, with the latest index reached up to each
    ends = sorted((c.content.end, k) for k, c in enumerate(claims) if c.source.id != AUTHOR.id)
    latest = list(accumulate((k for _, k in ends), max))
    for qi, q in enumerate(quotes):
        if len([t for t in q if t.is_alpha]) < 4 or not in_article_body(q):
            continue
        if covered.covers(q.start) or covered.starts_in(q.start, q.end):
            continue
        mention = _colon_speaker(q) or _declaration_speaker(q)
        source = resolver.resolve(mention) if mention is not None else None
        if source is None:
            # a quote continuing the quoted account of the last speaker (within two
            # sentences); after a paraphrase, a quoted phrase is the article's own
            n = bisect_right(ends, (q.start, len(claims)))
            prev = claims[latest[n - 1]] if n else None
            if prev is not None and prev.attribution not in ("direct", "mixed"):
                prev = None
            k = bisect_right(starts, sent_of(q).start)  # the sentences up to the quote's
            recent = starts[k - 3] if k >= 3 else 0
            if prev is not None and prev.content.start >= recent:
                source, mention = prev.source, prev.source_mention
        if source is None:
            continue
        if mention is not None:
            resolver.remember(source, mention)
        out.append((qi, mention, source))
    return out


def _colon_speaker(quote: Span) -> Span | None:
    doc = quote.doc
    i = quote.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in '«“"'):
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    root = next((t for t in sent_of(doc[i]) if t.head.i == t.i and t.i < i), None)
    if root is None:
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < i), None)
    if subj is None:
        return None
    span = doc[subj.left_edge.i : subj.right_edge.i + 1]
    return trim(doc[span.start : min(span.end, i)])


def _declaration_speaker(quote: Span) -> Span | None:
    doc = quote.doc
    j = quote.end
    while j < len(doc) and (doc[j].is_punct or doc[j].is_space):
        j += 1
    if j >= len(doc) or doc[j].lemma_.lower() not in source_nouns().quotes:
        return None
    sent = sent_of(doc[j])
    for t in doc[j + 1 : sent.end]:
        if t.lower_ in ("de", "du", "d'") and t.i + 1 < sent.end:
            end = t.i + 1
            while end < sent.end and doc[end].text not in {",", ".", ";", ":"}:
                if doc[end].lower_ in ("devant", "lors", "sur", "pendant", "à", "dans"):
                    break
                end += 1
            start = t.i + 1 if t.lower_ != "du" else t.i
            return trim(doc[start:end])
    return None
