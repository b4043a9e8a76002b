"""The attribution stages as spaCy components, each writing its result on the Doc.

=====================  ===========================  ========================================
component              writes                       what
=====================  ===========================  ========================================
``quotes``             ``doc.spans["quotes"]``      «…», “…”, "…" passages
``cues``               ``doc.spans["cues"]``        label = kind (``verb``,
                                                    ``according_to``); ``span._.cue_head``
                                                    and the speech-verb entry
                                                    (``_.verb_lemma``, ``_.verb_kind``,
                                                    ``_.verb_certainty``); ``span._.cue``
                                                    rebuilds the :class:`Cue`
``sources``            ``doc.spans["sources"]``     each cue's source mentions;
                                                    ``attrs["cue"][j]``: the cue's index
``contents``           ``doc.spans["contents"]``    label = attribution; ``attrs["cue"]``,
                                                    ``attrs["speakers"]``; nested cues are
                                                    speakers, not claims
``source_identities``  ``doc.spans["sources"]``     ``attrs["source"][j]``: ``[id, name,
                                                    type]`` of each mention; quote
                                                    speakers and bracketed sources added
                                                    (``attrs["quote"]``, ``attrs["figure"]``)
=====================  ===========================  ========================================

Every value is a plain int, string or list (the span groups serialise with the Doc);
the records the stage functions work on (:class:`Cue`, :class:`_Draft`, :class:`Source`)
are rebuilt from them by :func:`doc_cues`, :func:`doc_drafts` and :func:`mention_source`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.components.content import find_quotes
from pipeline.components.coref import SourceResolver
from pipeline.components.cues import Cue, SpeechVerb, find_cues
from pipeline.components.doc_text import forget_text
from pipeline.components.drafts import _Draft, claim_mentions, draft_claims
from pipeline.components.identities import (
    bracket_sources,
    draft_claim_list,
    quote_speakers,
    resolve_draft_sources,
)
from pipeline.components.segment import in_article_body
from pipeline.components.source_registry import registry_of
from pipeline.registry import Source

QUOTES, CUES, SOURCES, CONTENTS = "quotes", "cues", "sources", "contents"

for _name, _default in (
    ("cue_head", -1),
    ("verb_lemma", ""),
    ("verb_kind", ""),
    ("verb_certainty", ""),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


def cue_of(span: Span) -> Cue:
    """The :class:`Cue` a span of ``doc.spans["cues"]`` stands for."""
    ext = span._  # one Underscore for the four look-ups (each ``span._`` builds one)
    verb = None
    if ext.verb_lemma:
        verb = SpeechVerb(ext.verb_lemma, ext.verb_kind, ext.verb_certainty)
    doc = span.doc
    return Cue(Span(doc, span.start, span.end), doc[ext.cue_head], span.label_, verb)


if not Span.has_extension("cue"):
    Span.set_extension("cue", getter=cue_of)


def cue_span(cue: Cue) -> Span:
    """``cue`` as a labelled span carrying its head and speech-verb entry."""
    span = Span(cue.span.doc, cue.span.start, cue.span.end, label=cue.kind)
    span._.cue_head = cue.head.i
    if cue.verb is not None:
        span._.verb_lemma = cue.verb.lemma
        span._.verb_kind = cue.verb.kind
        span._.verb_certainty = cue.verb.certainty
    return span


# the cues of the last Doc asked about: the stages after ``cues`` each need them all, and
# rebuilding ~40 records per Doc per stage showed in profiles. The group itself is the
# key (held, so its id cannot be reused); a stage that wrote a new group misses.
_last_cues: list = [None, []]


def doc_cues(doc: Doc) -> list[Cue]:
    """The :class:`Cue` records of ``doc.spans["cues"]``, in order."""
    group = doc.spans.get(CUES)
    if group is None:
        return []
    if _last_cues[0] is not group or len(_last_cues[1]) != len(group):
        _last_cues[0], _last_cues[1] = group, [cue_of(s) for s in group]
    return list(_last_cues[1])


def _mentions_by_cue(doc: Doc, n_cues: int) -> tuple[list[list[Span]], list[list[int]]]:
    """The source mentions of each cue and their indexes in ``doc.spans["sources"]``."""
    mentions: list[list[Span]] = [[] for _ in range(n_cues)]
    where: list[list[int]] = [[] for _ in range(n_cues)]
    group = doc.spans.get(SOURCES)
    if group is not None:
        for j, (span, k) in enumerate(zip(group, group.attrs.get("cue", []), strict=False)):
            if k >= 0:
                mentions[k].append(span)
                where[k].append(j)
    return mentions, where


def doc_drafts(doc: Doc) -> tuple[list[_Draft], list[list[int]]]:
    """The claim drafts written by ``contents`` (in draft order), with the indexes of
    each draft's mentions in ``doc.spans["sources"]``."""
    cues = doc_cues(doc)
    mentions, where = _mentions_by_cue(doc, len(cues))
    group = doc.spans.get(CONTENTS)
    drafts: list[_Draft] = []
    indexes: list[list[int]] = []
    if group is None:
        return drafts, indexes
    for span, k, speakers in zip(group, group.attrs["cue"], group.attrs["speakers"], strict=True):
        doc_span = Span(doc, span.start, span.end)
        if drafts and drafts[-1].index == k:
            drafts[-1].contents.append(doc_span)
            continue
        drafts.append(_Draft(cues[k], mentions[k], [doc_span], span.label_, list(speakers), k))
        indexes.append(where[k])
    return drafts, indexes


def mention_source(value: list[str]) -> Source:
    """The :class:`Source` of an ``attrs["source"]`` entry (``[id, name, type]``)."""
    return Source(value[0], value[1], value[2])


@Language.factory(QUOTES, assigns=["doc.spans"], requires=["doc.sents"], default_config={})
def make_quotes(nlp: Language, name: str):
    def quotes_component(doc: Doc) -> Doc:
        doc.spans[QUOTES] = find_quotes(doc)
        forget_text(doc)  # the last stage to read the Doc's text (doc_text)
        return doc

    return quotes_component


@Language.factory(
    CUES,
    assigns=["doc.spans"],
    requires=["doc.sents", "token.lemma", "token.pos", "token.dep"],
    default_config={},
)
def make_cues(nlp: Language, name: str):
    def cues_component(doc: Doc) -> Doc:
        # a cue in a caption, a teaser or a section line introduces no claim
        cues = [c for c in find_cues(doc) if in_article_body(c.span)]
        doc.spans[CUES] = [cue_span(c) for c in cues]
        # the records the next stages would rebuild from the spans (cue_of) are these
        _last_cues[0], _last_cues[1] = doc.spans[CUES], cues
        return doc

    return cues_component


@Language.factory(
    SOURCES,
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={},
)
def make_sources(nlp: Language, name: str):
    def sources_component(doc: Doc) -> Doc:
        spans, owner = [], []
        for k, cue in enumerate(doc_cues(doc)):
            for mention in claim_mentions(cue):
                spans.append(mention)
                owner.append(k)
        doc.spans[SOURCES] = spans
        doc.spans[SOURCES].attrs["cue"] = owner
        return doc

    return sources_component


@Language.factory(
    CONTENTS,
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={},
)
def make_contents(nlp: Language, name: str):
    def contents_component(doc: Doc) -> Doc:
        cues = doc_cues(doc)
        mentions, _ = _mentions_by_cue(doc, len(cues))
        drafts = draft_claims(doc, list(doc.spans[QUOTES]), cues, mentions)
        spans, owner, speakers = [], [], []
        for d in drafts:
            for content in d.contents:
                spans.append(Span(doc, content.start, content.end, label=d.attribution))
                owner.append(d.index)
                speakers.append(list(d.speakers))
        doc.spans[CONTENTS] = spans
        doc.spans[CONTENTS].attrs.update(cue=owner, speakers=speakers)
        return doc

    return contents_component


@Language.factory(
    "source_identities",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.ents"],
    default_config={"sources": []},
)
def make_source_identities(nlp: Language, name: str, sources: list[str]):
    registry = registry_of(nlp, sources)

    def source_identities(doc: Doc) -> Doc:
        drafts, indexes = doc_drafts(doc)
        resolver = SourceResolver(doc, registry)
        found = resolve_draft_sources(drafts, resolver)
        group = doc.spans[SOURCES]
        n = len(group)
        values: list[list[str] | None] = [None] * n
        for where, srcs in zip(indexes, found, strict=True):
            for j, src in zip(where, srcs, strict=True):
                values[j] = [src.id, src.name, src.type]
        attrs = {"cue": list(group.attrs["cue"]), "quote": [-1] * n, "figure": [-1] * n}
        spans = list(group)
        claims = draft_claim_list(drafts, found)
        quotes = list(doc.spans[QUOTES])
        extra = [("quote", *q) for q in quote_speakers(doc, claims, resolver, quotes)]
        extra += [("figure", *b) for b in bracket_sources(doc, resolver)]
        for kind, index, mention, src in extra:
            spans.append(mention)
            values.append([src.id, src.name, src.type])
            for key in ("cue", "quote", "figure"):
                attrs[key].append(index if key == kind else -1)
        doc.spans[SOURCES] = spans
        doc.spans[SOURCES].attrs.update(attrs, source=values)
        return doc

    return source_identities
