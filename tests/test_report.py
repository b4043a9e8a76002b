"""The review page: highlighting markup, and the page itself in headless Chromium."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.export import read_columns, read_table
from pipeline.export.report import (
    Highlight,
    ReportData,
    doc_data,
    highlight_text,
    render_report,
    write_report,
)
from pipeline.tables import COLUMNS, write_csv

from .comparisons_fixture import write_comparisons

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "Chromium not found: the review-page browser test needs it. Install it with "
    "`apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this) and rerun."
)


def _span(start, end, kind, ident="x"):
    return Highlight(start, end, kind, ident, "s0")


class _Checker(HTMLParser):
    """Checks nesting and collects the text, so markup can be compared with the input."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def _parse(markup: str) -> str:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == []
    return "".join(checker.text)


def test_highlights_nest_and_cross_without_losing_text():
    text = "Selon <l'AFP>, environ 15 000 soldats nord-coréens & plus."
    spans = [
        _span(0, 40, "claim", "c1"),
        _span(15, 37, "figure", "f1"),
        _span(30, 51, "entity", "m1"),  # crosses the figure and the claim's end
        _span(6, 13, "entity", "m2"),
    ]
    markup = highlight_text(text, spans)
    assert _parse(markup) == text
    assert markup.count("data-fig='f1'") == 1  # the figure encloses the crossing piece
    assert markup.count("data-mention='m1'") == 3  # split where it crosses f1, then c1
    assert "&lt;l&#x27;AFP&gt;" in markup


def test_highlights_outside_the_text_are_ignored():
    assert highlight_text("abc", [_span(2, 9, "figure")]) == "abc"


@pytest.fixture(scope="module")
def sample_report(sample_out, tmp_path_factory) -> Path:
    return write_report(sample_out, tmp_path_factory.mktemp("report") / "report.html")


def test_report_is_self_contained(sample_report):
    page = sample_report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "<svg" in page and 'id="source-nis"' in page


def test_report_without_texts_file_rereads_the_articles(sample_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_out, out)
    (out / "texts.jsonl").unlink()
    data = ReportData.load(out)
    assert "data-fig='f2'" in doc_data(data, "kim-obus-2025")["html"]


def test_page_data_cannot_close_its_script_tag():
    data = ReportData(
        [dict.fromkeys(COLUMNS["documents"], "") | {"doc_id": "d", "title": "t"}],
        [],
        {},
        {},
        {},
        {"d": "</script><script>alert(1)</script>"},
        {},
        {},
        {},
    )
    page = render_report(data)
    assert "</script><script>alert" not in page and page.count("</script>") == 2


def _chromium() -> str:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    # CI installs chromium and sets this: there a missing browser is a failure, not a skip
    if os.environ.get("CLAIMTRACE_REQUIRE_BROWSER"):
        pytest.fail(INSTALL_HINT)
    pytest.skip(INSTALL_HINT)


def _browser(args: list[str], url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Headless Chromium, offline and without first-run chores, on ``url``."""
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        url,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _dom(report: Path, tmp_path: Path, fragment: str = "") -> str:
    result = _browser(["--dump-dom"], report.as_uri() + fragment, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


def _marks(dom: str, attr: str) -> dict[str, str]:
    """ident → (first piece of) highlighted text, from the rendered DOM."""
    found = {}
    for m in re.finditer(rf'<mark class="([^"]*)" {attr}="([^"]+)"[^>]*>(.*?)</mark>', dom, re.S):
        found.setdefault(m.group(2), (m.group(1), html.unescape(re.sub(r"<[^>]+>", "", m[3]))))
    return found


def test_review_page_in_chromium_highlights_figures_and_lists_nis(
    sample_report, sample_out, tmp_path
):
    dom = _dom(sample_report, tmp_path)
    figures = read_table(sample_out, "figures")
    assert figures, "the sample article should have figures"
    marks = _marks(dom, "data-fig")
    assert set(marks) == {f["figure_id"] for f in figures}
    soldiers = next(f for f in figures if f["text"] == "environ 15 000 soldats")
    css, text = marks[soldiers["figure_id"]]
    assert text == "environ 15 000 soldats"
    assert "figure" in css
    # coloured like its source: NIS's colour class on the mark and on NIS's table row
    nis_row = re.search(r'<tr id="source-nis" class="source" data-source="nis">(.*?)</tr>', dom)
    assert nis_row, "no NIS entry in the sources overview"
    assert "Service national de renseignement sud-coréen" in nis_row.group(1)
    nis_css = re.search(r'class="dot (s\d+)"', nis_row.group(1)).group(1)
    assert css.split()[-1] == nis_css
    assert re.search(r'<g class="bar" data-source="nis">', dom)  # the chart's bar
    tip = re.search(rf'data-fig="{soldiers["figure_id"]}" [^>]*title="([^"]*)"', dom).group(1)
    assert soldiers["claim_id"] in tip and "renseignement" in tip and "certainty" in tip


def test_review_page_source_filter_runs_in_chromium(sample_report, tmp_path):
    dom = _dom(sample_report, tmp_path, "#source=nis")
    # the script ran: other sources' claim lists are hidden, NIS's and the article are not
    assert re.search(r'<details class="src" id="claims-kcna" data-source="kcna" hidden', dom)
    assert re.search(r'<details class="src" id="claims-nis" data-source="nis">', dom)
    assert re.search(r'<details class="doc" id="doc-kim-obus-2025"[^>]*open', dom)
    assert "1 article shown" in dom  # singular
    # the article's claim list shows NIS's claims only
    body = re.search(r'<details class="doc" id="doc-kim-obus-2025".*?</details>', dom, re.S)[0]
    items = re.findall(r'<li data-source="([^"]+)"( hidden="")?>', body)
    assert {sid for sid, hidden in items if not hidden} == {"nis"}
    assert any(hidden for _, hidden in items)


def test_review_page_screenshot(sample_report, tmp_path):
    shot = tmp_path / "report.png"
    result = _browser(
        ["--hide-scrollbars", "--window-size=1280,1600", f"--screenshot={shot}"],
        sample_report.as_uri(),
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_review_page_fills_a_source_claim_list_on_opening(sample_report, sample_out, tmp_path):
    dom = _dom(sample_report, tmp_path, "#claims-nis")
    section = re.search(r'<details class="src" id="claims-nis"[^>]*open.*?</details>', dom, re.S)
    assert section, "the #claims-nis link did not open NIS's claims"
    nis = [c for c in read_table(sample_out, "claims") if c["source_id"] == "nis"]
    assert section.group(0).count('<li data-source="nis">') == len(nis) > 0


# --- Jinja2 templates, determinism ------------------------------------------------------


def test_templates_are_package_data():
    import fnmatch

    import tomllib

    from pipeline.export.report import TEMPLATES

    config = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["pipeline"]
    files = [f"export/templates/{p.name}" for p in TEMPLATES.iterdir()]
    assert {"export/templates/report.html.j2", "export/templates/report.js"} <= set(files)
    assert all(any(fnmatch.fnmatch(f, p) for p in patterns) for f in files), patterns


def test_titles_and_ids_are_escaped_by_the_templates():
    doc = dict.fromkeys(COLUMNS["documents"], "") | {
        "doc_id": '"><img src=x onerror=alert(1)>',
        "title": "<script>alert(2)</script> & co",
        "n_claims": "1",
    }
    data = ReportData([doc], [], {}, {}, {}, {}, {}, {}, {})
    page = render_report(data)
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt; &amp; co" in page
    assert "1 claim ·" in page and "1 article ·" in page  # singular


@pytest.fixture(scope="module")
def compared_out(sample_out, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compared")
    shutil.copytree(sample_out, out, dirs_exist_ok=True)
    write_comparisons(out)
    return out


@pytest.fixture(scope="module")
def compared_report(compared_out) -> Path:
    return write_report(compared_out)


def test_same_tables_give_the_same_bytes(compared_out, compared_report, tmp_path):
    page = compared_report.read_bytes()
    assert write_report(compared_out, tmp_path / "again.html").read_bytes() == page
    # rows in another order where the page sorts them (sources, comparison groups):
    # ties are broken by id, so the page does not change
    other = tmp_path / "other"
    shutil.copytree(compared_out, other)
    for name in ("sources", "comparisons"):
        columns, rows = read_columns(other, name), read_table(other, name)
        if name == "comparisons":  # groups reversed, rows kept in order within a group
            rows = sorted(rows, key=lambda r: r["group_id"], reverse=True)
        else:
            rows.reverse()
        write_csv(other / f"{name}.csv", columns, rows)
    assert write_report(other, tmp_path / "other.html").read_bytes() == page


def test_comparisons_section_lists_groups_disagreements_first(compared_report):
    page = compared_report.read_text(encoding="utf-8")
    assert page.index('id="comparisons"') < page.index('id="sources"')
    groups = re.findall(r'<div class="group (\w+)" id="group-(g\d+)"', page)
    assert groups == [("disagree", "g2"), ("agree", "g1"), ("agree", "g3")]
    assert "&lt;b&gt;morts&lt;/b&gt;" in page and "=SOMME(1 200)" in page  # as written
    assert "14\u202f000–16\u202f000 soldats" in page and "soldats tués ou blessés [Koursk]" in page


def test_a_run_without_comparisons_has_no_such_section(sample_report):
    assert 'id="comparisons"' not in sample_report.read_text(encoding="utf-8")


def test_comparisons_section_in_chromium(compared_report, tmp_path):
    dom = _dom(compared_report, tmp_path)
    section = re.search(r'<section id="comparisons">.*?</section>', dom, re.S)
    assert section, "no comparisons section in the rendered page"
    first = re.search(r'<div class="group disagree" id="group-g2".*?</div>', section[0], re.S)[0]
    assert "soldats tués ou blessés [Koursk]" in first  # the quantity
    assert "Washington" in first and "1\u202f200 soldats" in first  # each source's value
    assert "=SOMME(1 200) &lt;b&gt;morts&lt;/b&gt;" in first and "<b>morts" not in first
    assert first.count('href="#doc-kim-obus-2025"') == 2  # links to the articles
    assert section[0].index("group-g2") < section[0].index("group-g1")
    # the source filter keeps the groups that source is in
    dom = _dom(compared_report, tmp_path, "#source=washington")
    assert re.search(r'<div class="group agree" id="group-g1"[^>]* hidden', dom)
    assert re.search(r'<div class="group disagree" id="group-g2" data-sources="[^"]*">', dom)


@pytest.mark.parametrize(("words", "shown"), [("travailleurs", True), ("introuvable", False)])
def test_find_searches_titles_sources_and_text_in_chromium(sample_report, tmp_path, words, shown):
    # "travailleurs" is a word of the article's text only, not of its title
    dom = _dom(sample_report, tmp_path, f"#find={words}")
    doc = re.search(r'<details class="doc" id="doc-kim-obus-2025"[^>]*>', dom)[0]
    assert ("hidden" not in doc) is shown, doc
    assert ("1 article shown" if shown else "0 articles shown") in dom
    # titles, ids and source names are searched without opening the text
    words_attr = re.search(r'data-words="([^"]*)"', doc)[1]
    assert "appelle" in words_attr and "washington" in words_attr and "kim-obus" in words_attr


def test_page_keeps_jumped_to_articles_clear_of_the_toolbar(sample_report):
    page = sample_report.read_text(encoding="utf-8")
    assert re.search(r"details[^{]*\{scroll-margin-top:\d+px", page)
    assert "overflow-wrap:anywhere" in page  # long ids wrap
