"""Span extension values read in bulk: ``span._.NAME`` makes an ``Underscore`` object
and looks the value up in ``doc.user_data`` on every call, which the row builders paid
once per figure, entity and attribute. :func:`span_values` reads the same key for a
whole list of spans (``tests/test_extension_values.py`` holds it to ``span._``)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

#: defaults ``span._`` copies into the Doc on first read (spaCy #2581): read through it
_MUTABLE = (dict, list, set)


def span_values(spans: Sequence[Span], name: str) -> list:
    """``[span._.NAME for span in spans]`` (all spans of one Doc)."""
    default, method, getter, _ = Span.get_extension(name)
    if not spans or getter is not None or method is not None or isinstance(default, _MUTABLE):
        return [getattr(span._, name) for span in spans]
    # spaCy keeps a span's value under ("._.", NAME, start_char, end_char)
    data = spans[0].doc.user_data
    return [data.get(("._.", name, span.start_char, span.end_char), default) for span in spans]
