"""Formats: bytes of an input file → text, whatever the export looked like.

- :func:`decode_bytes`: UTF-8 with or without BOM, UTF-16/32 with BOM, Windows-1252 /
  Latin-1 (detected with charset-normalizer); binary files (PDF, images, office files)
  are recognised by their first bytes and refused with a clear message.
- :func:`extract_html`: the article text of a web page (trafilatura), with its title,
  publication date and address when the page gives them.
- :func:`jsonl_records`: one article per line of a ``.jsonl`` file.
- :func:`guess_language`: a cheap stop-word vote, to flag articles that are not French.

Every refusal is a :class:`ReadError` whose ``kind`` is a short code (the ``error``
column of ``errors.csv``) and whose message says what is wrong.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: First bytes of binary formats that turn up in article folders.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio…)"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.xlsx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)

# BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings a French text that is not Unicode comes in. Restricting the detector to
# them matters: left free, charset-normalizer reads short French cp1252 text as cp1250
# ("ŕ" for "à") and Latin-1 as ISO-8859-14.
WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class ReadError(Exception):
    """An input that cannot be turned into article text.

    ``kind`` is the code written to the ``error`` column of ``errors.csv``.
    """

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Decoded:
    """Text decoded from bytes; ``replaced`` counts bytes that had to become U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0
    first_bad_byte: int = -1


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is, or None for what may be text.

    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind("Le texte".encode())
    ('a PDF document', None)
    """
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    if any(data.startswith(bom) for bom, _ in _BOMS) or utf16_without_bom(data):
        return None
    if b"\x00" in data[:8192]:
        # NUL bytes never occur in 8-bit or UTF-8 text
        return "a binary file (NUL bytes)"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when ``data`` looks like UTF-16 text saved without
    a byte-order mark: Latin-script text has a NUL high byte in almost every character.

    >>> utf16_without_bom("Déjà vu, l’été.".encode("utf-16-le")), utf16_without_bom(b"ab")
    ('utf-16-le', None)
    """
    sample = data[:8192]
    half = len(sample) // 2
    if half < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.7 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.7 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode an input file's bytes.

    Order: a BOM decides; else UTF-16 when the NUL bytes say so (a BOM-less export);
    else strict UTF-8; else, when the bytes are mostly valid UTF-8 with a few broken
    ones, UTF-8 with U+FFFD for each broken byte; else the best Western encoding
    according to charset-normalizer (Latin-1 is read as Windows-1252, its superset for
    every printable character, as browsers do).

    >>> decode_bytes("Déjà « vu »".encode("cp1252")).text
    'Déjà « vu »'
    >>> decode_bytes(codecs.BOM_UTF16_LE + "été".encode("utf-16-le")).encoding
    'utf-16'
    """
    what = binary_kind(data)
    if what is not None:
        raise ReadError(f"binary file ({what}), not text", "binary")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"starts with a {encoding} byte-order mark but byte {exc.start} is invalid",
                    "undecodable",
                ) from exc
            return Decoded(text.lstrip("\ufeff"), encoding)
    if encoding := utf16_without_bom(data):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as exc:
            raise ReadError("binary file (NUL bytes, not UTF-16), not text", "binary") from exc
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    valid = len(_UTF8_MULTIBYTE.findall(data))
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if valid > replaced:
        return Decoded(text, "utf-8", replaced=replaced, first_bad_byte=first_bad)
    return _detect_western(data)


def _detect_western(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
    if best is None:
        raise ReadError(
            "undecodable bytes: neither UTF-8 nor a Western encoding (cp1252, Latin-1)",
            "undecodable",
        )
    encoding = best.encoding
    if encoding in ("latin_1", "iso8859_1"):
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    return Decoded(str(best), encoding)


# --- HTML: pipeline/html_text.py (imported here for callers) -------------------------

from pipeline.html_text import Page, _iso_date, _one_line, extract_html  # noqa: E402, F401

# --- JSON lines --------------------------------------------------------------------


@dataclass
class Record:
    """One article of a ``.jsonl`` file."""

    line: int
    id: str
    text: str
    title: str = ""
    published: str = ""
    url: str = ""
    #: lone surrogates (``"\\ud83d"``: half of an emoji cut by a scraper) and control
    #: characters (``"\\u0000"``) made U+FFFD
    replaced: int = 0


# lone surrogates cannot be written as UTF-8; NUL and other controls (not \t \n \r)
# break the CSV readers of spreadsheets. One character for one: offsets do not move.
_UNWRITABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _whole_characters(value: object) -> tuple[object, int]:
    """``value`` with every lone surrogate or control character of a string made U+FFFD,
    and their count
    (a string with one cannot be written as UTF-8: it would end the run).

    >>> _whole_characters("caf\\ud83d")
    ('caf\ufffd', 1)
    """
    if not isinstance(value, str):
        return value, 0
    return _UNWRITABLE.subn("\ufffd", value)


def jsonl_records(text: str) -> Iterator[Record | tuple[int, ReadError]]:
    """Articles of a JSON-lines file: ``{"id", "text", "title"?, "published"?, "url"?}``
    per line. A line that is not such an object comes as ``(line number, error)``;
    blank lines are skipped. Without ``id`` a record is named ``line-N``; an ``id``
    seen before in the file is an error (doc ids must be unique).

    >>> [r.id if isinstance(r, Record) else r[1].kind for r in jsonl_records(
    ...     '{"id": 7, "text": "A."}\\n\\n{"text": "B."}\\n{oops\\n{"id": 7, "text": "C."}\\n')]
    ['7', 'line-3', 'bad_json_line', 'bad_json_line']
    """
    seen: dict[str, int] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, ReadError(f"broken JSON ({exc.msg} at column {exc.colno})", "bad_json_line")
            continue
        except RecursionError:
            yield n, ReadError("JSON nested too deeply (1000 levels or more)", "bad_json_line")
            continue
        if not isinstance(obj, dict):
            yield n, ReadError("not a JSON object", "bad_json_line")
            continue
        replaced = 0
        for key in ("id", "text", "title", "published", "url"):
            obj[key], count = _whole_characters(obj.get(key))
            replaced += count
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield n, ReadError('no "text" string, or an empty one', "bad_json_line")
            continue
        raw_id = obj.get("id")
        rid = _one_line(str(raw_id)) if raw_id not in (None, "") else f"line-{n}"
        if rid in seen:
            yield n, ReadError(f'duplicate id "{rid}" (first on line {seen[rid]})', "bad_json_line")
            continue
        seen[rid] = n
        yield Record(
            line=n,
            id=rid,
            text=body,
            title=_one_line(str(obj.get("title") or "")),
            published=_iso_date(obj.get("published") or ""),
            url=str(obj.get("url") or ""),
            replaced=replaced,
        )


# --- language ----------------------------------------------------------------------

# Frequent function words that are (mostly) specific to each language; words shared by
# several of them ("a", "de", "la", "en", "in") are left out so they do not vote.
_STOPWORD_TEXT: dict[str, str] = {
    "fr": (
        "le les des du et est une dans pour qui que sur au aux pas par avec ce cette il ils"
        " elle elles sont ont été mais ou où nous vous leur leurs son ses sa plus selon"
        " aussi comme entre sans après avant être avait était"
    ),
    "en": (
        "the and of to is are was were that this with for on from by have has had not"
        " which their they it its be been will would said an at or but"
    ),
    "es": (
        "el los las y del que es por para con una su sus se al lo como pero más fue"
        " han ha está son según"
    ),
    "de": (
        "der die das und ist nicht mit von den dem zu ein eine auf für sich auch wird"
        " wurde sind hat haben nach bei aus"
    ),
    "it": (
        "il lo gli della delle degli che è non per con una sono del nella alla ha"
        " hanno anche più come dei"
    ),
    "pt": ("o os as da do das dos e é não para com uma um em no na que foi são mais pelo pela ao"),
}
_STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORD_TEXT.items()}
_WORD = re.compile(r"[^\W\d_]+")
#: Fewer words than this and no language is guessed.
MIN_WORDS = 12


def guess_language(text: str, sample: int = 20_000) -> str:
    """The language of ``text`` by a stop-word vote over its first ``sample``
    characters: ``fr``, ``en``, ``es``, ``de``, ``it``, ``pt``, or ``""`` when the text
    is too short or has no function words to tell (a list, a table of figures).

    >>> guess_language("Le ministre a déclaré que les négociations étaient dans une impasse "
    ...                "et que rien ne serait signé avant la fin de la semaine.")
    'fr'
    >>> guess_language("The minister said that the talks were stalled and that nothing "
    ...                "would be signed before the end of the week.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if len(words) < MIN_WORDS:
        return ""
    votes = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(votes, key=lambda lang: (votes[lang], lang == "fr"))
    if votes[best] < max(2, len(words) // 50):
        return ""
    # French wins ties: a French text quoting an English phrase stays French
    return "fr" if votes["fr"] >= votes[best] else best
