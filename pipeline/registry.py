"""The source registry: who can be quoted, under which names, and of which type.

Data, not code: the shipped registry is ``pipeline/data/sources.csv`` (columns ``id,
name, type, aliases`` with aliases ``|``-separated); users add their own with
``--sources FILE`` in the same format. Unknown sources get a stable id from their
canonical name and a type guessed from their head noun (``head_noun_types.csv``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from pipeline.lexicons import data_text, head_noun_types, lexicon_cache

SOURCE_TYPES = (
    "state_media",
    "media",
    "intelligence",
    "government",
    "military",
    "person",
    "analyst",
    "think_tank",
    "international_org",
    "organization",
    "author",
)

AUTHOR_ID = "author"
#: how the shipped registry is named in error messages
SHIPPED = "pipeline/data/sources.csv"

# Head nouns of source descriptions and the source type they imply. Checked in order, the
# first noun found in the description wins ("agence de presse" before "agence").

_ARTICLES = re.compile(r"^(?:le|la|les|l|un|une|des|du|de|d)\s+", re.IGNORECASE)


# pure functions of a short string, called for every mention of every document: cached
# (bounded, so memory stays flat over a long run)
@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Fold a name for matching: lower case, no accents, unified apostrophes and hyphens,
    no leading article.

    >>> normalize_name("L’Agence centrale de presse nord-coréenne")
    'agence centrale de presse nord coreenne'
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    # apostrophes split words ("l'institut" → "l institut") so aliases match inside
    s = re.sub(r"[-\u2010-\u2015\u00a0\u202f'\u2019\u2018\u02bc`´]", " ", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    prev = None
    while prev != s:
        prev, s = s, _ARTICLES.sub("", s).strip()
    return s


#: ids longer than this keep their first words and a hash of the rest: an id names a
#: source, its ``source_name`` describes it
MAX_ID_LENGTH = 48


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """A stable ASCII id from a name, at most :data:`MAX_ID_LENGTH` characters.

    >>> slugify("Service national de renseignement sud-coréen")
    'service_national_de_renseignement_sud_coreen'
    >>> slugify("les habitants d'un village du nord-est du pays attaqué dans la nuit")
    'habitants_d_un_village_du_nord_est_du_pays_e850'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", normalize_name(text)).strip("_") or "unknown"
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    # distinct long names stay distinct ids: the hash is of the whole slug
    digest = hashlib.sha1(slug.encode()).hexdigest()[:4]
    head = slug[: MAX_ID_LENGTH - 5].rsplit("_", 1)[0]
    return f"{head}_{digest}"


@lexicon_cache(maxsize=1 << 14)
def guess_source_type(description: str, default: str = "organization") -> str:
    """The source type implied by the head noun of a source description.

    >>> guess_source_type("le ministère de la Défense")
    'military'
    >>> guess_source_type("les analystes")
    'analyst'
    """
    low = description.lower().replace("’", "'")
    for pattern, kind in _head_noun_patterns():
        if pattern.search(low):
            return kind
    return default


@lexicon_cache()
def _head_noun_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """:func:`head_noun_types` compiled once (a noun not preceded by a letter)."""
    return tuple((re.compile(rf"(?<!\w){re.escape(n)}"), kind) for n, kind in head_noun_types())


@dataclass(frozen=True)
class Source:
    """One resolved source identity."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = field(default=())


AUTHOR = Source(AUTHOR_ID, "author", "author")


class RegistryError(ValueError):
    """A malformed registry file; the message names the file and line."""


class SourceRegistry:
    """Known sources and their aliases, with lookup by any surface form."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._by_id: dict[str, Source] = {}
        for src in sources:
            self.add(src)

    @classmethod
    def load(cls, extra: Iterable[Path] = ()) -> SourceRegistry:
        """The shipped registry, extended by the user's files (later rows win)."""
        reg = cls()
        reg.extend(read_sources_csv(data_text("sources.csv").splitlines(), SHIPPED))
        for path in extra:
            lines, delimiter = _registry_text(Path(path))
            reg.extend(read_sources_csv(lines, str(path), delimiter))
        return reg

    @classmethod
    def read_csv(cls, path: Path) -> SourceRegistry:
        """A registry of exactly the sources in one CSV file (see :meth:`write_csv`)."""
        with Path(path).open(encoding="utf-8-sig") as f:
            return cls(read_sources_csv(f, str(path)))

    def write_csv(self, path: Path) -> None:
        """Every source in the order it was added (which decides ties between aliases),
        in the registry format: :meth:`read_csv` gives the same registry back."""
        with Path(path).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "name", "type", "aliases"])
            for src in self._by_id.values():
                w.writerow([src.id, src.name, src.type, "|".join(src.aliases)])

    def replace_with(self, other: SourceRegistry) -> None:
        """Become a copy of ``other`` in place (components holding this object see it)."""
        self._by_id = dict(other._by_id)
        self.__dict__.pop("_alias_index", None)
        self._matches = {}

    def add(self, src: Source) -> None:
        self._by_id[src.id] = src
        self.__dict__.pop("_alias_index", None)
        self._matches = {}

    def extend(self, sources: Iterable[Source]) -> None:
        for src in sources:
            self.add(src)

    def __iter__(self):
        return iter(sorted(self._by_id.values(), key=lambda s: s.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, source_id: str) -> Source | None:
        return AUTHOR if source_id == AUTHOR_ID else self._by_id.get(source_id)

    @cached_property
    def _alias_index(self) -> list[tuple[str, Source]]:
        pairs = {}
        for src in self._by_id.values():
            for name in (src.name, *src.aliases):
                key = normalize_name(name)
                if key:
                    pairs.setdefault(key, src)
        # longest alias first, so "services de renseignement sud-coréens" beats "AP"
        return sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def surface_forms(self) -> list[tuple[str, Source]]:
        """Every (alias, source) pair, for building entity-ruler patterns."""
        return [(a, s) for s in self for a in dict.fromkeys((s.name, *s.aliases))]

    def match(self, text: str) -> Source | None:
        """The registered source named in ``text`` (the longest alias found in it).

        >>> SourceRegistry.load().match("De récentes évaluations des services de "
        ...     "renseignement sud-coréens").id
        'nis'
        """
        # the same mentions recur in every document ("l'agence", "KCNA"): remembered,
        # up to a bound; add() forgets them
        matches = self.__dict__.setdefault("_matches", {})
        if text not in matches:
            if len(matches) >= 1 << 14:
                matches.clear()
            matches[text] = self._match(text)
        return matches[text]

    def _match(self, text: str) -> Source | None:
        norm = f" {normalize_name(text)} "
        best: tuple[int, int, Source] | None = None
        for alias, src in self._alias_index:
            pos = norm.find(f" {alias} ")
            # the alias nearest the start names the head ("rapport de l'Institut …,
            # groupe affilié aux services de renseignement" is the Institut's)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, -len(alias), src)
        return best[2] if best else None


def _registry_text(path: Path) -> tuple[io.StringIO, str]:
    """A user's registry file as text, in whatever encoding and separator a spreadsheet
    saved it (Excel fr-FR: cp1252 and ``;``, or UTF-16 and tabs), read like an article
    (:func:`pipeline.formats.decode_bytes`); a binary or unreadable file is an error."""
    from pipeline.formats import ReadError, decode_bytes

    try:
        text = decode_bytes(path.read_bytes()).text.lstrip("\ufeff")
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read source registry: {exc.strerror}") from exc
    except ReadError as exc:
        raise RegistryError(f"{path}:1: not a CSV text file ({exc})") from exc
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)  # the header has 3 of them
    return io.StringIO(text, newline=""), delimiter


@lexicon_cache(maxsize=8)
def load_registry(sources: tuple[str, ...] = ()) -> SourceRegistry:
    """The registry for this set of ``--sources`` files, loaded once per process."""
    return SourceRegistry.load([Path(p) for p in sources])


def read_sources_csv(lines: Iterable[str], filename: str, delimiter: str = ",") -> list[Source]:
    """Parse a registry CSV (``id,name,type,aliases``), raising :class:`RegistryError`
    with file and line on a malformed row."""
    reader = csv.reader(lines, delimiter=delimiter)
    header = next(reader, None)
    want = ["id", "name", "type", "aliases"]
    if header is None or [h.strip().lower() for h in header[:4]] != want:
        raise RegistryError(f"{filename}:1: header must be {','.join(want)}, got {header}")
    out = []
    for row in reader:
        line = reader.line_num
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) < 3:
            raise RegistryError(f"{filename}:{line}: expected 4 columns, got {len(row)}")
        sid, name, stype = (c.strip() for c in row[:3])
        aliases = tuple(a.strip() for a in (row[3] if len(row) > 3 else "").split("|") if a.strip())
        if not re.fullmatch(r"[a-z0-9_]+", sid):
            raise RegistryError(f"{filename}:{line}: id {sid!r} must be lower-case a-z, 0-9, _")
        if not name:
            raise RegistryError(f"{filename}:{line}: empty name for source {sid!r}")
        if stype not in SOURCE_TYPES:
            raise RegistryError(
                f"{filename}:{line}: type {stype!r} is not one of {', '.join(SOURCE_TYPES)}"
            )
        out.append(Source(sid, name, stype, aliases))
    return out
