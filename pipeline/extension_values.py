"""Span extension values read in bulk: ``span._.NAME`` makes an ``Underscore`` object
and looks the value up in ``doc.user_data`` on every call, which the row builders paid
once per figure, entity and attribute. :func:`span_values` reads the same key for a
whole list of spans, and :func:`set_span_value` writes one the way ``span._.NAME = value``
does (``tests/test_row_speedups.py`` holds them to ``span._``)."""

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
    data = spans[0].doc.user_data
    return [data.get(_key(span, name), default) for span in spans]


def set_span_value(span: Span, name: str, value: object) -> None:
    """``span._.NAME = value`` for an extension with no setter, without the
    ``Underscore`` object each ``span._`` makes."""
    span.doc.user_data[_key(span, name)] = value


def _key(span: Span, name: str) -> tuple:
    # spaCy keeps a span's value under ("._.", NAME, start_char, end_char)
    return ("._.", name, span.start_char, span.end_char)
