"""Spans of text whose numbers are never figures: dates (``17/05/2018``, ``01/1995``, ``25
avril 2025``), clock times, phone numbers, list markers, URLs, file names and hashes."""

from __future__ import annotations

import re

from pipeline.figure_lexicon import alternation, lexicons
from pipeline.lexicons import lexicon_cache
from pipeline.numerals import APOS
from pipeline.regex_gates import start_gate

_LIST_MARKER = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]", re.M)


# A file name needs its extension, a hash twelve hex digits in a row (the same class as
# ``[0-9a-f]`` under re.I): in a text with neither, the pattern goes without them and
# opens on a start gate, every other form starting with a digit, a sign or a few words.
_FILE = r"[\w-]+\.(?:jpe?g|png|gif|webp|svg|pdf|mp4)\b"
_FILE_EXTENSION = re.compile(_FILE.removeprefix(r"[\w-]+"), re.I)
_HEX = r"\b(?=[0-9a-f]{12})(?=[a-f]*\d)(?=[0-9]*[a-f])[0-9a-f]+\b"
_HEX_RUN = re.compile(r"[0-9a-fA-F]{12}")


@lexicon_cache(maxsize=5)
def _mask_re(files: bool = True, hashes: bool = True, gated: bool = False) -> re.Pattern[str]:
    """The masked forms (all of them by default; see ``_FILE`` for the others)."""
    month_words = sorted(lexicons().words("month"))
    months = alternation(month_words)
    day = r"(?:1er|\d{1,2})"
    gate = ""
    if gated and not files and not hashes:
        # (the words the forms below start with; "à" before a space)
        words = [*month_words, "à ", "vers", "dès", "avant", "après", "jusqu'à", "depuis"]
        gate = start_gate([*words, "de", "entre", "https"], r"\d+")
    file_form = f"| {_FILE}" if files else ""
    hash_form = f"| {_HEX}" if hashes else ""
    return re.compile(
        rf"""(?<!\w){gate}(?:
        (?=\d)(?:  # (one test of the first character for all the numeric forms)
        \b{day}(?:\s*(?:-|–|au|et|à|ou)\s*{day})?\s+(?:{months})\b(?:\s+\d{{4}})?
      | \b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b
      | \b(?:0?[1-9]|1[0-2])/(?:1[89]|20)\d{{2}}\b
      | \b\d{{1,2}}\s?[hH:]\s?\d{{2}}(?::\d{{2}})?\b
      | \b\d{{1,2}}\s?[hj]\s?/\s?\d{{1,2}}\b(?!\s*/)
      | \b(?P<num>\d{{1,2}})/(?P=num)\b
      | \b0\d(?:[ .\u00a0-]?\d{{2}}){{4}}\b
      | \b0\s?[89]\d{{2}}(?:[ .\u00a0]?\d{{2,3}}){{2,3}}\b
      | \b0[1-9]\d(?:[ .\u00a0]\d{{2,3}}){{3}}\b)
      | \b(?:{months})\s+\d{{4}}\b
      | \b(?:à|vers|dès|avant|après|jusqu[{APOS}]à|depuis)\s+\d{{1,2}}\s?(?:h|heures?)\b
      | \b(?:de|entre)\s+\d{{1,2}}\s?h\b(?=\s*(?:à|et)\s+\d{{1,2}}\s?h\b)
      | \+\d{{1,3}}(?:[ .\u00a0-]?\(0\))?(?:[ .\u00a0-]?\d{{1,4}}){{3,6}}\b
      {file_form}
      | \bhttps?://\S+
      {hash_form})
        """,
        re.I | re.X,
    )


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of dates, times, phone numbers, URLs and file names in ``text``.

    >>> masked_spans("le 25 avril 2025 à 17h00")
    [(3, 16), (19, 24)]
    >>> masked_spans("né en 01/1995, joignable au +33 6 12 34 56 78")
    [(6, 13), (28, 45)]
    """
    files = _FILE_EXTENSION.search(text) is not None
    hashes = _HEX_RUN.search(text) is not None
    spans = [m.span() for m in _mask_re(files, hashes, gated=True).finditer(text)]
    # list markers at the start of a line ("1. ", "2) ") number items, they count nothing
    spans += [m.span(1) for m in _LIST_MARKER.finditer(text)]
    return sorted(spans)
