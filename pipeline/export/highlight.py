"""Article text as HTML with its claims, figures and entity mentions wrapped in tags, for
the review page (well formed however the spans nest or cross)."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# Nesting order of highlights sharing a start and end: claims outermost, entities inside.
LAYER = {"claim": 0, "figure": 1, "entity": 2}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Highlight:
    """One span of text to wrap: a claim, a figure or an entity mention."""

    start: int
    end: int
    kind: str  # claim | figure | entity
    ident: str  # claim_id, figure_id or mention_id
    css: str  # source colour class (s0, s1…) or "none"

    @property
    def order(self) -> tuple[int, int, int]:
        # earlier and longer spans are opened first, so they enclose the others
        return (self.start, -self.end, LAYER[self.kind])

    def open_tag(self) -> str:
        # tooltips are added by the page's script from the data (see SCRIPT): keeping
        # them out of the markup keeps a 1000-article page small
        tag = "span" if self.kind == "claim" else "mark"
        attr = {"claim": "data-claim", "figure": "data-fig", "entity": "data-mention"}[self.kind]
        # single quotes: this markup travels inside JSON, where " would be escaped
        return f"<{tag} class='{self.kind} {self.css}' {attr}='{esc(self.ident)}'>"

    def close_tag(self) -> str:
        return "</span>" if self.kind == "claim" else "</mark>"


def highlight_text(text: str, spans: Iterable[Highlight]) -> str:
    """``text`` as HTML with every span wrapped in its tag. Spans may nest or cross:
    at each boundary the open tags are closed back to the common prefix and reopened, so
    the markup stays well formed (a crossing span is simply split in pieces)."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Highlight]] = defaultdict(list)
    ends: dict[int, list[Highlight]] = defaultdict(list)
    for s in spans:
        starts[s.start].append(s)
        ends[s.end].append(s)
    cuts = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    active: set[Highlight] = set()
    stack: list[Highlight] = []
    for here, nxt in zip(cuts, cuts[1:], strict=False):
        active.difference_update(ends.get(here, ()))
        active.update(starts.get(here, ()))
        want = sorted(active, key=lambda s: s.order)
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        out.extend(s.close_tag() for s in reversed(stack[keep:]))
        out.extend(s.open_tag() for s in want[keep:])
        stack = want
        out.append(esc(text[here:nxt]))
    out.extend(s.close_tag() for s in reversed(stack))
    return "".join(out)
