"""Claims: cue → source → content → coreference, assembled into attributed statements.

The ``claims`` component puts a list of :class:`Claim` on ``doc._.claims`` (and the
content spans on ``doc.spans["claims"]``, labelled by attribution). Each stage lives in
its own module: :mod:`~pipeline.components.cues`, :mod:`~pipeline.components.sources`,
:mod:`~pipeline.components.content`, :mod:`~pipeline.components.coref`,
:mod:`~pipeline.components.certainty`. This module only decides how their results
combine:

- a cue inside another claim's content is *nested*: ``KCNA a indiqué que Kim a salué…``
  is KCNA's claim, with Kim kept as the content's ``speaker``;
- ``…, selon l'agence`` repeating the sentence's own verb cue adds no claim;
- coordinated sources (``Washington et Séoul ont accusé``) give one claim each;
- what the article states itself with a figure or a journalistic conditional becomes an
  ``unattributed`` claim of ``author``.

The :class:`~pipeline.components.claim.Claim` record is in ``claim.py``; which claim a
span (an entity, a figure) belongs to is decided in ``links.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.certainty import is_conditional
from pipeline.components.claim import Claim, graded_claim
from pipeline.components.content import content_spans, find_quotes, trim
from pipeline.components.coref import SourceResolver
from pipeline.components.cues import ACCORDING_TO, Cue, find_cues
from pipeline.components.links import bracket_after, extend_to_sentence_tail
from pipeline.components.segment import in_article_body
from pipeline.components.sentences import sent_of, sentences
from pipeline.components.sources import is_inverted, source_mentions
from pipeline.registry import AUTHOR, SourceRegistry

SPAN_KEY = "claims"

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@dataclass
class _Draft:
    cue: Cue
    mentions: list[Span]
    contents: list[Span]
    attribution: str
    speakers: list[str] = field(default_factory=list)

    @property
    def sent_start(self) -> int:
        return sent_of(self.cue.span).start

    def covers(self, i: int) -> bool:
        """True when token ``i`` is in this claim's content, or between its cue and a
        content that follows it ("a déclaré [penser] que …")."""
        return any(c.start <= i < c.end or self.cue.span.end <= i < c.start for c in self.contents)


def _overlap(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    return inter / max(1, min(len(a), len(b)))


def draft_claims(doc: Doc, quotes: list[Span] | None = None) -> list[_Draft]:
    """Cue, source mentions and content of every candidate claim, before coreference."""
    quotes = find_quotes(doc) if quotes is None else quotes
    cues = [c for c in find_cues(doc) if in_article_body(c.span)]
    cue_heads = {c.head.i for c in cues}
    drafts: list[_Draft] = []
    for sent in sentences(doc):
        floor = sent.start
        for cue in (c for c in cues if sent.start <= c.head.i < sent.end):
            # "souffle-t-il", "glisse un diplomate": these verbs report speech only as an
            # incise after what is said ("Le vent a soufflé" says nothing)
            if cue.verb is not None and cue.verb.kind == "incise" and not is_inverted(cue):
                continue
            mentions = [m for m in source_mentions(cue) if m.text.lower() != "on"]
            if not mentions:
                continue
            contents, attribution = content_spans(
                cue, quotes, mentions, cue_heads - {cue.head.i}, floor
            )
            # one word says nothing, unless it is a number ("37.000 selon la préfecture")
            contents = [c for c in contents if len(c) > 1 or c[0].like_num]
            # what comes after a source named after its content ("…, selon la CGT, 37.000
            # selon la préfecture"; "« … », a-t-il assuré, …") starts a new statement
            if cue.kind == ACCORDING_TO or is_inverted(cue):
                floor = max(floor, cue.span.end, max(m.end for m in mentions))
            if contents:
                drafts.append(_Draft(cue, mentions, contents, attribution))
    return _drop_nested(drafts)


def _drop_nested(drafts: list[_Draft]) -> list[_Draft]:
    """A ``selon`` phrase that repeats a verb claim of its sentence is dropped (and cut
    out of that claim's content); then cues inside another claim's content become
    speakers of that claim."""
    # "Selon un sondage Elabe, 68 % des Français jugent que…": respondents counted by a
    # poll are what the poll says, not a source of their own
    polled = set()
    for o in drafts:
        poll = next(
            (
                d
                for d in drafts
                if o.cue.kind != ACCORDING_TO
                and d.cue.kind == ACCORDING_TO
                and o.sent_start == d.sent_start
                and d.cue.span.start < o.cue.span.start
                and any(t.like_num or t.text == "%" for m in o.mentions for t in m)
            ),
            None,
        )
        if poll is not None:
            polled.add(id(o))
            # the poll's content runs on over what the respondents think
            last = poll.contents[-1]
            end = max(c.end for c in o.contents)
            if last.end <= o.cue.span.start + 1 and end > last.end:
                poll.contents[-1] = trim(last.doc[last.start : end]) or last
    drafts = [d for d in drafts if id(d) not in polled]
    kept = []
    for d in drafts:
        if d.cue.kind == ACCORDING_TO:
            twin = next(
                (
                    o
                    for o in drafts
                    if o.cue.kind != ACCORDING_TO
                    and o.sent_start == d.sent_start
                    and (
                        any(_overlap(a, b) > 0.5 for a in o.contents for b in d.contents)
                        or any(b.start <= o.cue.head.i < b.end for b in d.contents)
                    )
                ),
                None,
            )
            if twin is not None:
                twin.contents = [_cut_before(c, d.cue.span.start) for c in twin.contents]
                continue
        kept.append(d)
    # "a publié une déclaration remerciant X": the participle says what the document says
    inner_cues = {d.cue.head.i for d in kept}
    kept = [o for o in kept if not _introduces(o, inner_cues - {o.cue.head.i})]
    result = []
    for d in kept:
        outer = next((o for o in kept if o is not d and o.covers(d.cue.head.i)), None)
        if outer is not None and not d.covers(outer.cue.head.i):
            # the inner cue's speaker, unless it is the outer reporter itself
            outer.speakers.extend(
                m.text
                for m in d.mentions
                if not any(m.start < om.end and om.start < m.end for om in outer.mentions)
            )
            continue
        result.append(d)
    return result


DOCUMENT_NOUNS = frozenset(
    {"déclaration", "communiqué", "message", "texte", "lettre", "rapport", "note", "discours"}
)


def _introduces(outer: _Draft, cue_heads: set[int]) -> bool:
    """True when ``outer``'s content is just a document noun that another cue, a
    participle hung on it, speaks for: "publié [une déclaration] remerciant …"."""
    for content in outer.contents:
        head = next((t for t in content[:3] if t.pos_ == "NOUN"), None)
        if (
            head is not None
            and head.lemma_.lower() in DOCUMENT_NOUNS
            and any(content.start <= i <= head.i + 2 for i in cue_heads)
        ):
            return True
    return False


def _cut_before(span: Span, i: int) -> Span:
    if span.start < i < span.end:
        return trim(span.doc[span.start : i]) or span
    return span


def build_claims(doc: Doc, registry: SourceRegistry) -> list[Claim]:
    """Every claim of ``doc``, its source resolved, in text order."""
    quotes = find_quotes(doc)
    drafts = draft_claims(doc, quotes)
    resolver = SourceResolver(doc, registry)
    claims: list[Claim] = []
    # resolve in the order the mentions appear, so "l'agence" finds what came before
    for d in sorted(drafts, key=lambda d: min(m.start for m in d.mentions)):
        for mention in d.mentions:
            src = resolver.resolve(mention)
            resolver.remember(src, mention)
            for content in d.contents:
                claims.append(
                    graded_claim(
                        content,
                        src,
                        d.attribution,
                        d.cue,
                        mention,
                        speaker=" | ".join(dict.fromkeys(d.speakers)),
                        scope=bracket_after(mention),
                    )
                )
    claims.extend(quote_claims(doc, claims, resolver, quotes))
    claims.extend(bracket_claims(doc, claims, resolver))
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


def bracket_claims(doc: Doc, claims: list[Claim], resolver: SourceResolver) -> list[Claim]:
    """A figure followed by its source in brackets: ``125 à 165 députés (Ipsos)``."""
    out = []
    figures = list(doc.spans.get("figures", []))
    for fig in figures:
        j = fig.end
        # the counted noun's complement may sit between figure and bracket
        while j < len(doc) and j < fig.end + 4 and doc[j].text != "(" and not doc[j].is_punct:
            j += 1
        if j >= len(doc) or doc[j].text != "(":
            continue
        close = next((t.i for t in doc[j + 1 : min(j + 6, len(doc))] if t.text == ")"), None)
        if close is None:
            continue
        inner = doc[j + 1 : close]
        if (
            not inner.ents
            or inner.ents[0].label_ not in ("ORG", "PER")
            or len(inner.ents[0]) != len(inner)
        ):
            continue
        source = resolver.resolve(inner)
        resolver.remember(source, inner)
        content = doc[fig.start : j] if j > fig.start else fig
        out.append(graded_claim(content, source, "according_to", mention=inner))
    return out


QUOTE_NOUNS = frozenset({"déclaration", "propos", "annonce", "message", "confidence", "réaction"})


def quote_claims(
    doc: Doc, claims: list[Claim], resolver: SourceResolver, quotes: list[Span]
) -> list[Claim]:
    """Quotes no cue introduced, given to their speaker:

    - ``X est inquiet : « … »``: the subject of the clause before the colon;
    - ``« … ». Déclaration mercredi de la ministre …``: the ``de X`` of a declaration
      noun opening the next sentence;
    - a quote that continues the previous sentence's claim: that claim's source.
    """
    covered = [c.content for c in claims]
    out = []
    starts = [s.start for s in sentences(doc)]
    for q in quotes:
        if len([t for t in q if t.is_alpha]) < 4 or not in_article_body(q):
            continue
        if any(c.start <= q.start < c.end or q.start <= c.start < q.end for c in covered):
            continue
        mention = _colon_speaker(q) or _declaration_speaker(q)
        source = resolver.resolve(mention) if mention is not None else None
        if source is None:
            # a quote continuing the quoted account of the last speaker (within two
            # sentences); after a paraphrase, a quoted phrase is the article's own
            prev = [c for c in claims if c.content.end <= q.start and c.source.id != AUTHOR.id]
            if prev and prev[-1].attribution not in ("direct", "mixed"):
                prev = []
            sents = [s for s in starts if s <= sent_of(q).start]
            recent = sents[-3] if len(sents) >= 3 else 0
            if prev and prev[-1].content.start >= recent:
                source, mention = prev[-1].source, prev[-1].source_mention
        if source is None:
            continue
        if mention is not None:
            resolver.remember(source, mention)
        out.append(graded_claim(q, source, "direct", mention=mention))
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
    span = doc[min(t.i for t in subj.subtree) : max(t.i for t in subj.subtree) + 1]
    return trim(doc[span.start : min(span.end, i)])


def _declaration_speaker(quote: Span) -> Span | None:
    doc = quote.doc
    j = quote.end
    while j < len(doc) and (doc[j].is_punct or doc[j].is_space):
        j += 1
    if j >= len(doc) or doc[j].lemma_.lower() not in QUOTE_NOUNS:
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
    figures = doc.spans.get("figures", [])
    out = []
    for sent in sentences(doc):
        if not in_article_body(sent):
            continue
        start = None
        for tok in (*sent, None):
            free = tok is not None and tok.i not in covered
            if free and start is None:
                start = tok.i
            elif not free and start is not None:
                seg = trim(doc[start : tok.i if tok is not None else sent.end])
                start = None
                if seg is None or len(seg) < 3:
                    continue
                for part in _split_at_mais(seg):
                    out.extend(_author_claim(part, figures))
    return out


def _split_at_mais(seg: Span) -> list[Span]:
    doc = seg.doc
    for t in seg:
        if t.lower_ == "mais" and t.i > seg.start and doc[t.i - 1].text == ",":
            return [p for p in (trim(doc[seg.start : t.i]), trim(doc[t.i + 1 : seg.end])) if p]
    return [seg]


def _author_claim(seg: Span, figures) -> list[Claim]:
    """An ``author`` claim for a stretch that carries a figure, a journalistic
    conditional, or a fact between two named entities ("la Corée du Nord a envoyé des
    troupes en Russie")."""
    has_figure = any(seg.start <= f.start and f.end <= seg.end for f in figures)
    conditional = any(is_conditional(t) for t in seg if t.pos_ in ("VERB", "AUX", "ADJ"))
    if not (has_figure or conditional or _relates_entities(seg)):
        return []
    return [graded_claim(seg, AUTHOR, "unattributed")]


def _relates_entities(seg: Span) -> bool:
    """Two distinct named entities and a conjugated verb between them."""
    ents = [e for e in seg.ents if e.label_ != "MISC"]
    if len({e._.entity_id or e.text for e in ents}) < 2:
        return False
    first, last = ents[0], ents[-1]
    return any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
        for t in seg.doc[first.end : last.start]
    )


@Language.factory("claims", default_config={"sources": []})
def make_claims(nlp: Language, name: str, sources: list[str]):
    registry = SourceRegistry.load(sources)

    def claims_component(doc: Doc) -> Doc:
        claims = build_claims(doc, registry)
        doc._.claims = claims
        doc.spans[SPAN_KEY] = [
            Span(doc, c.content.start, c.content.end, label=c.attribution) for c in claims
        ]
        return doc

    return claims_component
