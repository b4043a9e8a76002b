"""claimtrace's spaCy components, one job each, registered with ``@Language.factory``.

:func:`pipeline.nlp.load_pipeline` imports them all, which registers every factory.
Reading order of the attribution stages (after BBC Citron): cues → sources → content →
coreference (``coref``) → claims; segments, entities and figures are found before them.
"""
