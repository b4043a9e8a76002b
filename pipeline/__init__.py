"""claimtrace: who says what in French news, as tables.

The stages, in order: :mod:`pipeline.read` (corpus → articles), :mod:`pipeline.nlp`
(spaCy model + claimtrace components), :mod:`pipeline.components` (entities, figures,
cues, sources, content, claims), :mod:`pipeline.tables` (Doc → rows → files).
"""

__version__ = "0.1.0"
