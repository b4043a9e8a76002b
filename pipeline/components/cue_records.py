"""The cue records the stages share: :class:`Cue` and the speech-verb entry it carries
(:mod:`pipeline.components.cues` finds them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

VERB, ACCORDING_TO = "verb", "according_to"


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    # speech | report | opinion | appeal | accusation | denial | evidence | incise (speech
    # only after what is said: "lâche-t-elle", "glisse un diplomate")
    kind: str
    certainty: str  # asserted | hedged | denied


@dataclass
class Cue:
    """A cue: ``span`` is what an analyst reads in the ``cue`` column, ``head`` the verb
    (or the preposition of ``selon``)."""

    span: Span
    head: Token
    kind: str
    verb: SpeechVerb | None = None
    #: :func:`~pipeline.components.inversion.is_inverted`, once asked (several stages ask)
    inverted: bool | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.span.text
