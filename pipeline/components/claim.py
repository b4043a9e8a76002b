"""The Claim record: one attributed statement, as every stage after the claim builder
sees it (tables, links, exports)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span

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


def _pair(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def claim_record(claim: Claim, cue_index: int = -1) -> dict:
    """``claim`` as plain values (token offsets, strings), as ``doc._.claim_records``
    keeps it; ``cue_index`` is its cue's place in ``doc.spans["cues"]``."""
    src = claim.source
    return {
        "content": _pair(claim.content),
        "source": [src.id, src.name, src.type],
        "attribution": claim.attribution,
        "certainty": claim.certainty,
        "negated": claim.negated,
        "cue": cue_index,
        "mention": _pair(claim.source_mention),
        "speaker": claim.speaker,
        "scope": [_pair(s) for s in claim.scope],
    }


def claim_from_record(doc: Doc, record: dict, cues: Mapping[int, Cue] | list[Cue]) -> Claim:
    """The :class:`Claim` a record stands for (``cues``: the Doc's cues by index in
    ``doc.spans["cues"]``, at least those the record names)."""
    mention = record["mention"]
    # offsets written by the claims component: always in range, so Span() directly
    return Claim(
        content=Span(doc, *record["content"]),
        source=Source(*record["source"]),
        attribution=record["attribution"],
        certainty=record["certainty"],
        negated=record["negated"],
        cue=cues[record["cue"]] if record["cue"] >= 0 else None,
        source_mention=Span(doc, *mention) if mention is not None else None,
        speaker=record["speaker"],
        scope=tuple(Span(doc, s, e) for s, e in record["scope"]),
    )
