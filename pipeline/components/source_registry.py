"""The source registry as a pipeline component, so a saved pipeline carries it.

``source_registry`` does nothing to a Doc: it holds the one :class:`SourceRegistry`
object the components that need it share (``entity_clusters``, ``source_identities``),
and saves it with the pipeline (``nlp.to_disk``: ``source_registry/sources.csv``), as
spaCy's SpanRuler saves its patterns. Loading a saved pipeline (``spacy.load(DIR)``)
fills that same object in place, so the components see the saved registry, whatever
``--sources`` files existed where it was built.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.registry import SourceRegistry, load_registry

NAME = "source_registry"
FILE = "sources.csv"


class SourceRegistryHolder:
    """A pipeline component that holds the run's source registry."""

    def __init__(self, registry: SourceRegistry) -> None:
        self.registry = registry

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.registry.write_csv(path / FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SourceRegistryHolder:
        self.registry.replace_with(SourceRegistry.read_csv(Path(path) / FILE))
        return self


@Language.factory(NAME, assigns=[], requires=[], default_config={})
def make_source_registry(nlp: Language, name: str) -> SourceRegistryHolder:
    # an empty registry until build_pipeline or from_disk fills it
    return SourceRegistryHolder(SourceRegistry())


def registry_of(nlp: Language, sources: Iterable[str] = ()) -> SourceRegistry:
    """The registry the pipeline's ``source_registry`` holds, or, in a pipeline without
    one, the registry of ``sources`` (loaded once per process)."""
    if NAME in nlp.pipe_names:
        return nlp.get_pipe(NAME).registry
    return load_registry(tuple(str(s) for s in sources))
