"""The Claim record: one attributed statement, as every stage after the claim builder
sees it (tables, links, exports)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.components.certainty import certainty, is_negated
from pipeline.components.cues import Cue
from pipeline.registry import Source


@dataclass
class Claim:
    """One attributed statement: ``content`` said by ``source`` (as written:
    ``source_mention``), introduced by ``cue``."""

    content: Span
    source: Source
    attribution: str  # direct | indirect | mixed | according_to | unattributed
    certainty: str = "asserted"
    negated: bool = False
    cue: Cue | None = None
    source_mention: Span | None = None
    speaker: str = ""
    #: other stretches that belong to the claim for linking figures and entities, such
    #: as the bracket after its source ("à en croire Ipsos (70 à 100)")
    scope: tuple[Span, ...] = ()


def graded_claim(
    content: Span,
    source: Source,
    attribution: str,
    cue: Cue | None = None,
    mention: Span | None = None,
    **extra,
) -> Claim:
    """A claim with its certainty and polarity read from its cue and content."""
    return Claim(
        content=content,
        source=source,
        attribution=attribution,
        certainty=certainty(cue, content),
        negated=is_negated(content),
        cue=cue,
        source_mention=mention,
        **extra,
    )
