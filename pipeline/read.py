"""Read: a corpus folder → :class:`Article` objects with their cleaned text and zones.

Cleaning never deletes article text (offsets in every table point into the text as
read, less a BOM and with ``\\n`` line ends). Instead it *recognises* the parts of a
news page that are not the article's own statements and records them as zones:
section line, headline, standfirst, "Publié" line, image file names, photo captions and
"À VOIR AUSSI" teasers. Title and section go to documents.csv; the claim builder skips
captions and teasers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".md")

# Zone kinds, in reading order of a typical news page.
SECTION, HEADLINE, STANDFIRST, PUBLISHED, IMAGE, CAPTION, TEASER = (
    "section",
    "headline",
    "standfirst",
    "published",
    "image",
    "caption",
    "teaser",
)
#: Zones whose content is not the article's own reporting: no claims come from them.
NON_ARTICLE_ZONES = frozenset({SECTION, PUBLISHED, IMAGE, CAPTION, TEASER})

_IMAGE_FILE = re.compile(r"\b[0-9a-f]{16,}\.(?:jpe?g|png|gif|webp)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:Publié|Mis à jour|Modifié|Mise à jour)\b", re.IGNORECASE)
_TEASER = re.compile(r"^(?:À|A)?\s*(?:VOIR|LIRE|ÉCOUTER|REGARDER) AUSSI\b", re.IGNORECASE)
_CAPTION_START = re.compile(r"^(?:Sur cette (?:photo|image)|Photo\s*:|Crédit\s*:)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…»\"”]\s*$")
_DATELINE = re.compile(r"\[(\d{2})/(\d{2})/(\d{4})[^\]]*\]")
_PUBLISHED_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


class ReadError(Exception):
    """An input that cannot be read as an article; the message names the problem."""


@dataclass
class Article:
    """One input article, cleaned, with its recognised zones."""

    doc_id: str
    text: str
    path: str = ""
    title: str = ""
    section: str = ""
    published: str = ""
    zones: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def clean_text(raw: str) -> str:
    """Normalise what differs between exports without moving any article character:
    drop a BOM, turn CRLF / CR line ends into ``\\n``.

    >>> clean_text("\\ufeffLigne 1\\r\\nLigne 2\\r")
    'Ligne 1\\nLigne 2\\n'
    """
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding spaces.

    >>> list(paragraphs("Titre\\n\\n Corps. \\n"))
    [(0, 5), (8, 13)]
    """
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield m.start() + lead, m.start() + len(line.rstrip())


def find_zones(text: str) -> list[tuple[int, int, str]]:
    """Recognise the non-body parts of a news page in ``text``.

    >>> t = "International\\n\\nKim appelle à produire\\n\\nLe dirigeant a exhorté.\\n\\nPublié\\n"
    >>> [(text, kind) for text, kind in [(t[s:e], k) for s, e, k in find_zones(t)]]
    [('International', 'section'), ('Kim appelle à produire', 'headline'), \
('Le dirigeant a exhorté.', 'standfirst'), ('Publié', 'published')]
    """
    zones: list[tuple[int, int, str]] = []
    paras = list(paragraphs(text))
    published_at = next(
        (i for i, (s, e) in enumerate(paras[:6]) if _PUBLISHED.match(text[s:e]) and e - s < 80),
        None,
    )
    i = 0
    if (
        len(paras) > 1
        and len(text[paras[0][0] : paras[0][1]].split()) <= 3
        and not _SENTENCE_END.search(text[paras[0][0] : paras[0][1]])
        and published_at != 0
    ):
        zones.append((*paras[0], SECTION))
        i = 1
    if i < len(paras) and i != published_at:
        s, e = paras[i]
        line = text[s:e]
        if len(line) <= 250 and not re.search(r"[.!?…]\s*$", line) and len(paras) > i + 1:
            zones.append((s, e, HEADLINE))
            i += 1
            # a standfirst is the paragraph between the headline and the "Publié" line
            if published_at is not None and i < published_at:
                for s2, e2 in paras[i:published_at]:
                    zones.append((s2, e2, STANDFIRST))
    if published_at is not None:
        zones.append((*paras[published_at], PUBLISHED))
    for s, e in paras:
        line = text[s:e]
        if _TEASER.match(line):
            zones.append((s, e, TEASER))
            continue
        img = _IMAGE_FILE.search(line)
        if img:
            zones.append((s + img.start(), s + img.end(), IMAGE))
            if line[img.end() :].strip():
                cap = s + img.end() + (len(line[img.end() :]) - len(line[img.end() :].lstrip()))
                zones.append((cap, e, CAPTION))
        elif _CAPTION_START.match(line):
            zones.append((s, e, CAPTION))
    return sorted(zones)


def zone_text(article: Article, kind: str) -> str:
    return " ".join(article.text[s:e] for s, e, k in article.zones if k == kind)


def published_date(text: str, zones: list[tuple[int, int, str]]) -> str:
    """The publication date as ISO ``YYYY-MM-DD`` when the page states one."""
    for s, e, k in zones:
        if k == PUBLISHED and (m := _PUBLISHED_DATE.search(text[s:e])):
            d, mth, y = m.groups()
            return f"{y}-{int(mth):02d}-{int(d):02d}"
    if m := _DATELINE.search(text[:300]):
        d, mth, y = m.groups()
        return f"{y}-{mth}-{d}"
    return ""


def make_article(doc_id: str, raw: str, path: str = "") -> Article:
    """Clean ``raw`` and recognise its zones.

    >>> a = make_article("x", "International\\n\\nKim appelle à produire\\n\\nCorps.\\n")
    >>> a.section, a.title
    ('International', 'Kim appelle à produire')
    """
    text = clean_text(raw)
    zones = find_zones(text)
    art = Article(doc_id=doc_id, text=text, path=path, zones=zones)
    art.title = zone_text(art, HEADLINE)
    art.section = zone_text(art, SECTION)
    art.published = published_date(text, zones)
    return art


def doc_id_for(path: Path, root: Path) -> str:
    """``doc_id`` = path relative to the corpus root, without extension, ``/``-separated.

    >>> doc_id_for(Path("corpus/2025/kim.txt"), Path("corpus"))
    '2025/kim'
    """
    return path.relative_to(root).with_suffix("").as_posix()


def list_corpus(root: Path) -> list[Path]:
    """Every article file under ``root``, recursively, in a stable order."""
    root = Path(root)
    if not root.exists():
        raise ReadError(f"{root}: corpus folder does not exist")
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
    )


def read_article(path: Path, root: Path) -> Article:
    """Read one file as UTF-8 (with or without BOM) into an :class:`Article`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror}") from exc
    if not data.strip():
        raise ReadError("empty file")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (byte {exc.start})") from exc
    root = root if root.is_dir() else root.parent
    return make_article(doc_id_for(path, root), raw, path=path.as_posix())


def read_corpus(root: Path) -> Iterator[Article | tuple[Path, ReadError]]:
    """Articles of a corpus folder in path order; unreadable files come as
    ``(path, error)`` so the caller can report them and go on."""
    root = Path(root)
    for path in list_corpus(root):
        try:
            yield read_article(path, root)
        except ReadError as exc:
            yield path, exc
