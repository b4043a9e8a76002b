"""Start gates: a lookahead put before a long alternation so that the regex engine turns
most positions down after testing a character or two. Python's ``re`` tries every
alternative in turn at every position when a pattern opens with a look-behind (such as
``(?<!\\w)``), and that is most of the time of the figure scanner. A gate admits more
positions than the alternation matches at (it tests the first two characters only),
never fewer, so the matches are the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.numerals import APOS


def start_gate(words: Iterable[str], chars: str = "") -> str:
    """A lookahead that admits every position where one of ``words`` starts, written as
    :func:`pipeline.figure_lexicon.alternation` writes them (a space reads any run of
    spaces, an apostrophe either apostrophe, a final ``de`` also ``d'``), or one of the
    characters of the class ``chars``. For a pattern compiled with the same flags: the
    first character is tested against one class, then the first two against the words'.

    >>> gate = re.compile(start_gate(["deux", "d'un", "à peu"], r"\\d"), re.I)
    >>> [bool(gate.match(s)) for s in ("Deux", "d’une", "à\\npeu", "7", "dans", "àla")]
    [True, True, True, True, False, False]
    >>> start_gate(["deux", ""])
    ''
    """
    prefixes: set[str] = set()
    initials: set[str] = set()
    for word in words:
        first, second = word[:1], word[1:2]
        if not first:
            return ""  # (an empty word starts everywhere: no gate)
        initials.add(first)
        if word == "de" or word.endswith(" de"):
            prefixes.add(re.escape(first) + f"[{APOS}]")  # ("de" also reads "d'")
        if second.isalpha():
            prefixes.add(re.escape(first + second))
        elif second and second in APOS:
            prefixes.add(re.escape(first) + f"[{APOS}]")
        elif second.isspace():
            prefixes.add(re.escape(first) + r"\s")
        else:
            prefixes.add(re.escape(first))  # (one letter, or a hyphen, a digit, a dot…)
    alternatives = sorted(prefixes)
    first_class = "".join(re.escape(c) for c in sorted(initials))
    if chars:
        alternatives.insert(0, f"[{chars}]")
    return f"(?=[{chars}{first_class}])(?=" + "|".join(alternatives) + ")"
