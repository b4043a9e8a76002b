"""HTML pages → article text and metadata (trafilatura, with lxml and a flat scan as
fallbacks, so that no nesting depth loses the text)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Page:
    """What an HTML page gives: article text and metadata ("" when absent)."""

    text: str
    title: str = ""
    published: str = ""
    url: str = ""
    section: str = ""


def extract_html(html: str) -> Page:
    """The article of an HTML page: main text by trafilatura (menus, footers, scripts
    left out), title, date (``YYYY-MM-DD``) and canonical address from the page's
    metadata. Falls back to the whole visible text of ``<body>`` (lxml) when
    trafilatura finds no article (a very short page) or the page nests more than
    :data:`MAX_DEPTH` levels, and to a flat scan of the tags beyond what lxml can nest.
    """
    import trafilatura

    # a page nested deeper than lxml's default parser goes (255 levels: trafilatura
    # would see it empty) is read by the fallbacks below, with huge_tree
    tree = _parse_html(html)
    try:
        if tree is None or _depth(tree) > MAX_DEPTH:
            raise ValueError("nested too deeply for trafilatura")
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
        )
    except Exception:  # noqa: BLE001 — a page trafilatura chokes on still gets the fallback
        doc = None
    text = (getattr(doc, "text", None) or "").strip()
    page = Page(
        text=text,
        title=_one_line(getattr(doc, "title", None) or ""),
        published=_iso_date(getattr(doc, "date", None) or ""),
        url=getattr(doc, "url", None) or "",
        section=_one_line(", ".join(getattr(doc, "categories", None) or [])),
    )
    if not page.text:
        page.text, title = _visible_text(html)
        page.title = page.title or title
    if not page.text:
        # nested deeper than even huge_tree allows (thousands of levels): the text of
        # the page by a flat scan of its tags, which no depth can stop
        page.text = _flat_text(html)
    return page


#: Deepest page given to trafilatura, whose time grows with the square of the nesting
#: (2 s at 1 000 levels); real pages stay under 100 levels. Deeper ones get the lxml fallback.
MAX_DEPTH = 250


def _depth(tree) -> int:
    """How deeply the elements of ``tree`` nest, in one pass."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _parse_html(html: str):
    """The lxml tree of a page, whatever its nesting (None when it cannot be parsed)."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ParserError, ValueError):
        return None


#: Tags whose content is no visible text, and tags that start a new line.
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article"})


def _flat_text(html: str) -> str:
    """Visible text of a page by :mod:`html.parser` events, in linear time and with no
    tree (so no nesting limit): blocks become lines, scripts and styles are left out.

    >>> _flat_text("<div>" * 3000 + "<p>Le texte.</p><script>x=1</script>" + "</div>" * 3000)
    'Le texte.'
    """
    from html.parser import HTMLParser

    parts: list[str] = []
    hidden = [0]

    class Scan(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _HIDDEN_TAGS:
                hidden[0] += 1
            elif tag in _BLOCK_TAGS:
                parts.append("\n")

        def handle_endtag(self, tag):
            if tag in _HIDDEN_TAGS:
                hidden[0] = max(0, hidden[0] - 1)
            elif tag in _BLOCK_TAGS:
                parts.append("\n")

        def handle_data(self, data):
            if not hidden[0]:
                parts.append(data)

    scan = Scan(convert_charrefs=True)
    scan.feed(html)
    scan.close()
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _visible_text(html: str) -> tuple[str, str]:
    """(visible text of ``<body>``, ``<title>``) with lxml; blocks become lines."""
    root = _parse_html(html)
    if root is None:
        return "", ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title = _one_line(root.findtext(".//title") or "")
    body = root.find("body")
    if body is None:
        return "", title
    for block in body.xpath(".//p|.//div|.//br|.//li|.//h1|.//h2|.//h3|.//h4|.//tr"):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in body.text_content().splitlines())
    return "\n".join(line for line in lines if line), title


def _one_line(text: str) -> str:
    return " ".join(text.split())


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _iso_date(value: str) -> str:
    """``YYYY-MM-DD`` from an ISO or ``dd/mm/yyyy`` date; other strings as given.

    >>> _iso_date("2025-03-12T10:00:00Z"), _iso_date("12/3/2025"), _iso_date("mars 2025")
    ('2025-03-12', '2025-03-12', 'mars 2025')
    """
    value = _one_line(str(value))
    if m := _ISO.match(value):
        return "-".join(m.groups())
    if m := _DMY.match(value):
        d, mth, y = m.groups()
        return f"{y}-{int(mth):02d}-{int(d):02d}"
    return value
