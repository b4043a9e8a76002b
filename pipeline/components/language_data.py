"""The language data (lexicons) as a pipeline component, so a saved pipeline carries them.

``language_data`` does nothing to a Doc: it puts the data files the other components
read in place (:mod:`pipeline.lexicons`) and saves them with the pipeline
(``nlp.to_disk``: ``language_data/*.txt|csv``), as spaCy's SpanRuler saves its
patterns. Loading a saved pipeline (``spacy.load(DIR)``) installs that copy, so the
components see the lexicons the pipeline was built with, whatever the installed package
ships. ``initialize(data_dir=…)`` lays a user folder over the package's files: a file
there replaces the file of the same name (a name the package lacks is refused; the folder
is read then, and the pipeline saves the result, so a saved pipeline does not need it).

>>> from pipeline import lexicons
>>> nlp.get_pipe("language_data").data == lexicons.active()
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import lexicons
from pipeline.lexicons import LanguageData

NAME = "language_data"


def package_with(data_dir: str | Path | None) -> LanguageData:
    """The package's data files, with ``data_dir``'s laid over them."""
    base = LanguageData.package()
    if data_dir is None:
        return base
    return base.overlaid(LanguageData.read_dir(data_dir), where=data_dir)


class LanguageDataHolder:
    """A pipeline component that installs and saves the pipeline's language data."""

    def __init__(self) -> None:
        self.data = package_with(None)
        lexicons.install(self.data)

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        data_dir: str | Path | None = None,
    ) -> None:
        """Lay ``data_dir`` over the package's files."""
        self.data = package_with(data_dir)
        lexicons.install(self.data)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.data.write_dir(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LanguageDataHolder:
        self.data = LanguageData.read_dir(path)
        lexicons.install(self.data)
        return self


@Language.factory(NAME, assigns=[], requires=[], default_config={})
def make_language_data(nlp: Language, name: str) -> LanguageDataHolder:
    return LanguageDataHolder()
