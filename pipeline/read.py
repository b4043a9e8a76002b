"""Read: a corpus folder → :class:`Article` objects with their cleaned text and zones.

Cleaning never deletes article text (offsets in every table point into the text as
read, less a BOM and with ``\\n`` line ends). Instead it *recognises* the parts of a
news page that are not the article's own statements and records them as zones:
section line, headline, standfirst, "Publié" line, image file names, photo captions and
"À VOIR AUSSI" teasers. Title and section go to documents.csv; the claim builder skips
captions and teasers.

Inputs (see :mod:`pipeline.formats`): ``.txt`` / ``.md`` in any of UTF-8 (± BOM),
UTF-16/32 with BOM, Windows-1252 / Latin-1; ``.html`` / ``.htm`` pages (article text
extracted); ``.jsonl`` files, one article per line, whose doc ids are
``<file's doc id>/<record id>`` (``batch/a1`` for ``{"id": "a1"}`` in ``batch.jsonl``).
Anything else in the folder is reported, not silently ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.formats import (
    ReadError,
    binary_kind,
    decode_bytes,
    extract_html,
    guess_language,
    jsonl_records,
)

# corpus listing and doc ids live in pipeline.listing; imported here for callers
from pipeline.listing import (  # noqa: F401
    ARTICLE_SUFFIXES,
    OUTPUT_MARKERS,
    UniqueIds,
    doc_id_for,
    list_corpus,
    shown_path,
)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
#: Longest article read, in characters of cleaned text (a 2 000-page book). Long
#: articles go through the pipeline in chunks (pipeline/chunks.py); beyond this the
#: rows alone would fill memory, so the file is refused with a clear error.
MAX_CHARS = 20_000_000

# Zone kinds, in reading order of a typical news page.
DATELINE = "dateline"
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
NON_ARTICLE_ZONES = frozenset({SECTION, PUBLISHED, IMAGE, CAPTION, TEASER, DATELINE})

# "PARIS (AFP) -", "MARSEILLE (Reuters) —", "[03/08/2006 14:58:52] PARIS (AFP)"
_DATELINE_PREFIX = re.compile(
    r"^(?:\[[^\]\n]{4,40}\]\s*)?"  # an optional [date time] stamp
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{1,40}?\s*"  # the city, in capitals
    r"(?:\([A-Za-zÀ-ÿ]+(?:[ /-][A-Za-zÀ-ÿ]+)?\)\s*[-–—:]?|\s[–—-])\s*"  # (AFP) or a dash
)
_IMAGE_FILE = re.compile(r"\b[0-9a-f]{16,}\.(?:jpe?g|png|gif|webp)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:Publié|Mis à jour|Modifié|Mise à jour)\b", re.IGNORECASE)
_TEASER = re.compile(r"^(?:À|A)?\s*(?:VOIR|LIRE|ÉCOUTER|REGARDER) AUSSI\b", re.IGNORECASE)
_CAPTION_START = re.compile(r"^(?:Sur cette (?:photo|image)|Photo\s*:|Crédit\s*:)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…»\"”]\s*$")
_DATELINE = re.compile(r"\[(\d{2})/(\d{2})/(\d{4})[^\]]*\]")
_PUBLISHED_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


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
    #: ``fr``, another language code when the text looks foreign, "" when too short to tell
    lang: str = ""
    url: str = ""
    #: (error code, detail) of problems that did not stop the article: errors.csv rows
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: (index, count, offset into the whole text) for a chunk of a long article
    #: (pipeline/chunks.py); None for a whole article
    chunk: tuple[int, int, int] | None = None

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
    [(0, 5), (8, 14)]
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
        dateline = _DATELINE_PREFIX.match(line)
        if dateline and dateline.end() < len(line):
            zones.append((s, s + len(dateline.group().rstrip()), DATELINE))
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


def _finish(art: Article, title: str = "", published: str = "", url: str = "") -> Article:
    """Metadata from the input's own fields over what the page layout suggests; a
    language check; a refusal when the text is too long or empty."""
    if not art.text.strip():
        raise ReadError("no text", "empty")
    if len(art.text) > MAX_CHARS:
        raise ReadError(
            f"article too long ({len(art.text):,} characters, limit {MAX_CHARS:,}): "
            "split it into several files",
            "too_long",
        )
    art.title = title or art.title
    art.published = published or art.published
    art.url = url
    art.lang = guess_language(art.text)
    if art.lang not in ("fr", ""):
        art.notes.append(
            (
                "not_french",
                f"text looks like '{art.lang}', not French (lang={art.lang} in "
                "documents.csv), expect poor results; processed",
            )
        )
    return art


def read_path(
    path: Path, root: Path, doc_id: str | None = None
) -> Iterator[Article | tuple[str, ReadError]]:
    """The articles of one input file: one for ``.txt``/``.md``/``.html``, one per line
    for ``.jsonl``. A file (or jsonl line) that cannot be read comes as
    ``(path, error)``, with ``path`` ``file.jsonl:LINE`` for a line. ``doc_id`` is the
    file's (default: :func:`doc_id_for`)."""
    root = root if root.is_dir() else root.parent
    suffix = path.suffix.lower()
    shown = shown_path(path)
    try:
        if suffix not in ARTICLE_SUFFIXES:
            what = binary_kind(path.read_bytes()[:8192])
            raise ReadError(
                f"not an article file ({what or suffix or 'no extension'}); "
                f"claimtrace reads {', '.join(ARTICLE_SUFFIXES)}",
                "unsupported",
            )
        try:
            # not read at all when it cannot fit the limit, even in UTF-32 (a 3 GB
            # dump would fill memory first); a .jsonl holds many articles
            size = path.stat().st_size
            if suffix not in JSONL_SUFFIXES and size > 4 * MAX_CHARS:
                raise ReadError(
                    f"file too big for one article ({size:,} bytes, limit "
                    f"{4 * MAX_CHARS:,}): split it into several files",
                    "too_long",
                )
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(f"cannot read file ({exc.strerror})", "unreadable") from exc
        if not data.strip():
            raise ReadError("empty file", "empty")
        decoded = decode_bytes(data)
        doc_id = doc_id or doc_id_for(path, root)
        notes = []
        if decoded.replaced:
            notes.append(
                (
                    "replaced_bytes",
                    f"{decoded.replaced} invalid UTF-8 byte(s), first at byte "
                    f"{decoded.first_bad_byte}, replaced by U+FFFD; processed",
                )
            )
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_articles(shown, doc_id, decoded.text, notes)
            return
        if suffix in HTML_SUFFIXES:
            page = extract_html(decoded.text)
            art = make_article(doc_id, page.text, path=shown)
            art.notes = notes
            # the page's own section (its metadata), not a guess from the first line,
            # which on a web page is the headline
            art.section = page.section
            yield _finish(art, page.title, page.published, page.url)
            return
        art = make_article(doc_id, decoded.text, path=shown)
        art.notes = notes
        yield _finish(art)
    except ReadError as exc:
        yield shown, exc


def _jsonl_articles(
    path: str, doc_id: str, text: str, notes: list[tuple[str, str]]
) -> Iterator[Article | tuple[str, ReadError]]:
    """One article per valid line; the file's own notes go on its first article."""
    for rec in jsonl_records(text):
        if isinstance(rec, tuple):
            n, err = rec
            yield f"{path}:{n}", err
            continue
        where = f"{path}:{rec.line}"
        try:
            art = make_article(f"{doc_id}/{rec.id}", rec.text, path=where)
            art.notes, notes = notes, []
            if rec.replaced:
                art.notes.append(
                    (
                        "replaced_bytes",
                        f"{rec.replaced} lone surrogate(s) (half of a character, e.g. an "
                        "emoji cut in two) or control character(s) replaced by U+FFFD; "
                        "processed",
                    )
                )
            yield _finish(art, rec.title, rec.published, rec.url)
        except ReadError as exc:
            yield where, exc


def read_corpus(root: Path) -> Iterator[Article | tuple[str, ReadError]]:
    """Articles of a corpus folder in path order; unreadable files (and jsonl lines)
    come as ``(path, error)`` so the caller can report them and go on."""
    root = Path(root)
    for path in list_corpus(root):
        yield from read_path(path, root)
