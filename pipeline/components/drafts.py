"""Claim drafts: each cue with its source mentions and its contents, before coreference.

:func:`draft_claims` is what the ``contents`` component runs: per sentence, in text
order, the content of every cue that has a source (a ``selon`` phrase or an inverted
cue after its content moves the *floor* where the next content may start); then
:func:`_drop_nested` decides how the drafts combine:

- a cue inside another claim's content is *nested*: ``KCNA a indiqué que Kim a salué…``
  is KCNA's claim, with Kim kept as the content's ``speaker``;
- ``…, selon l'agence`` repeating the sentence's own verb cue adds no claim;
- respondents counted by a poll are what the poll says.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.components.content import content_spans, trim
from pipeline.components.cues import ACCORDING_TO, Cue
from pipeline.components.sentences import sent_of, sent_starts
from pipeline.components.sources import is_inverted, source_mentions


@dataclass
class _Draft:
    cue: Cue
    mentions: list[Span]
    contents: list[Span]
    attribution: str
    speakers: list[str] = field(default_factory=list)
    index: int = -1  # of the cue in doc.spans["cues"]

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


def claim_mentions(cue: Cue) -> list[Span]:
    """The source mentions a cue gives its statement to ("on" speaks for no one)."""
    # "souffle-t-il", "glisse un diplomate": these verbs report speech only as an
    # incise after what is said ("Le vent a soufflé" says nothing)
    if cue.verb is not None and cue.verb.kind == "incise" and not is_inverted(cue):
        return []
    return [m for m in source_mentions(cue) if m.text.lower() != "on"]


def draft_claims(
    doc: Doc, quotes: list[Span], cues: list[Cue], mentions: list[list[Span]]
) -> list[_Draft]:
    """Cue, source mentions and content of every candidate claim, before coreference;
    ``mentions[k]`` are the source mentions of ``cues[k]``."""
    cue_heads = {c.head.i for c in cues}
    drafts: list[_Draft] = []
    starts = sent_starts(doc)
    by_sentence: dict[int, list[int]] = {}
    for k, cue in enumerate(cues):
        by_sentence.setdefault(bisect_right(starts, cue.head.i) - 1, []).append(k)
    for s in sorted(by_sentence):
        floor = starts[s]
        for k in by_sentence[s]:
            cue = cues[k]
            if not mentions[k]:
                continue
            contents, attribution = content_spans(
                cue, quotes, mentions[k], cue_heads - {cue.head.i}, floor
            )
            # one word says nothing, unless it is a number ("37.000 selon la préfecture")
            contents = [c for c in contents if len(c) > 1 or c[0].like_num]
            # what comes after a source named after its content ("…, selon la CGT, 37.000
            # selon la préfecture"; "« … », a-t-il assuré, …") starts a new statement
            if cue.kind == ACCORDING_TO or is_inverted(cue):
                floor = max(floor, cue.span.end, max(m.end for m in mentions[k]))
            if contents:
                drafts.append(_Draft(cue, mentions[k], contents, attribution, index=k))
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
