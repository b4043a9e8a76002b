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

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.components.content import Quotes, content_spans, trim
from pipeline.components.cues import ACCORDING_TO, Cue
from pipeline.components.sentences import sent_of, sent_starts
from pipeline.components.sources import is_inverted, source_mentions
from pipeline.lexicons import source_nouns


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


class _AllBut:
    """``items - {but}`` for ``in`` tests, without copying ``items`` for every cue."""

    def __init__(self, items: set[int], but: int) -> None:
        self.items, self.but = items, but

    def __contains__(self, i: object) -> bool:
        return i != self.but and i in self.items


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
    quotes = Quotes.of(quotes)
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
                cue, quotes, mentions[k], _AllBut(cue_heads, cue.head.i), floor
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


def _by_sentence(drafts: list[_Draft]) -> dict[int, list[_Draft]]:
    """The drafts of each sentence (by its first token), in their order."""
    groups: dict[int, list[_Draft]] = {}
    for d in drafts:
        groups.setdefault(d.sent_start, []).append(d)
    return groups


def _drop_nested(drafts: list[_Draft]) -> list[_Draft]:
    """A ``selon`` phrase that repeats a verb claim of its sentence is dropped (and cut
    out of that claim's content); then cues inside another claim's content become
    speakers of that claim. Drafts are compared within their sentence, and nesting is
    found by a sweep over the contents: n·log n in the number of drafts."""
    # "Selon un sondage Elabe, 68 % des Français jugent que…": respondents counted by a
    # poll are what the poll says, not a source of their own
    polled = set()
    for group in _by_sentence(drafts).values():
        for o in group:
            poll = next(
                (
                    d
                    for d in group
                    if o.cue.kind != ACCORDING_TO
                    and d.cue.kind == ACCORDING_TO
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
    groups = _by_sentence(drafts)
    kept = []
    for d in drafts:
        if d.cue.kind == ACCORDING_TO:
            twin = next(
                (
                    o
                    for o in groups[d.sent_start]
                    if o.cue.kind != ACCORDING_TO
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
    inner_cues = sorted({d.cue.head.i for d in kept})
    kept = [o for o in kept if not _introduces(o, inner_cues)]
    outers = _first_covering(kept)
    result = []
    for k, d in enumerate(kept):
        outer = kept[outers[k]] if outers[k] >= 0 else None
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


def _first_covering(drafts: list[_Draft]) -> list[int]:
    """For each draft, the index of the first other draft that covers its cue's head
    (:meth:`_Draft.covers`), -1 when none: a sweep over the token positions with a heap
    of the drafts whose stretch is open."""
    # draft o covers i when some content c has min(cue end, c.start) <= i < c.end
    opens = sorted(
        (min(o.cue.span.end, c.start), c.end, k)
        for k, o in enumerate(drafts)
        for c in o.contents
        if min(o.cue.span.end, c.start) < c.end
    )
    queries = sorted((d.cue.head.i, k) for k, d in enumerate(drafts))
    found = [-1] * len(drafts)
    heap: list[tuple[int, int]] = []  # (draft index, end of its stretch)
    n = 0
    for i, k in queries:
        while n < len(opens) and opens[n][0] <= i:
            heapq.heappush(heap, (opens[n][2], opens[n][1]))
            n += 1
        while heap and heap[0][1] <= i:
            heapq.heappop(heap)
        held = []
        while heap and (heap[0][0] == k or heap[0][1] <= i):
            held.append(heapq.heappop(heap))
        if heap:
            found[k] = heap[0][0]
        for item in held:
            if item[1] > i:
                heapq.heappush(heap, item)
    return found


def _introduces(outer: _Draft, cue_heads: list[int]) -> bool:
    """True when ``outer``'s content is just a document noun that another cue, a
    participle hung on it, speaks for: "publié [une déclaration] remerciant …"
    (``cue_heads``: every cue head, sorted)."""
    for content in outer.contents:
        head = next((t for t in content[:3] if t.pos_ == "NOUN"), None)
        if head is None or head.lemma_.lower() not in source_nouns().documents:
            continue
        k = bisect_left(cue_heads, content.start)
        # the first two heads from the content's start: one of them may be outer's own
        for i in cue_heads[k : k + 2]:
            if i <= head.i + 2 and i != outer.cue.head.i:
                return True
    return False


def _cut_before(span: Span, i: int) -> Span:
    if span.start < i < span.end:
        return trim(span.doc[span.start : i]) or span
    return span
