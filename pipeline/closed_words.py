"""Closed-class French words shared by stages and writers (open-class word lists are data
files under ``pipeline/data/``; these few cannot grow)."""

from __future__ import annotations

#: third-person subject pronouns, the ones a sentence uses for a source it named before
THIRD_PERSON = frozenset({"il", "elle", "ils", "elles"})


def with_inverted(words: frozenset[str]) -> frozenset[str]:
    """``words`` and their inverted clitic forms ("a-t-il" tokenises to "-il").

    >>> sorted(with_inverted(frozenset({"il", "on"})))
    ['-il', '-on', 'il', 'on']
    """
    return words | {f"-{w}" for w in words}


#: personal pronouns that can stand for a source, without the inverted clitic's hyphen
PERSONAL_PRONOUNS = frozenset(
    {"il", "elle", "ils", "elles", "on", "lui", "eux", "je", "j'", "nous", "vous", "tu"}
)


def is_pronoun(text: str) -> bool:
    """Whether ``text`` is a personal pronoun, inverted clitics included ("a-t-il").

    >>> is_pronoun("-t-elle"), is_pronoun("Il"), is_pronoun("-ils"), is_pronoun("l'agence")
    (True, True, True, False)
    """
    low = text.strip().lower()
    return low.removeprefix("-t-").removeprefix("-") in PERSONAL_PRONOUNS
