"""claimtrace's spaCy components, one job each, registered with ``@Language.factory``.

:func:`pipeline.nlp.build_pipeline` imports them all, which registers every factory.
Segments, entities and figures come first; then the attribution stages, in order
(:data:`pipeline.nlp.ATTRIBUTION_STAGES`): quotes → cues → sources → contents →
source_identities → claims → certainty → claim_links (see
:mod:`pipeline.components.attribution`).
"""
