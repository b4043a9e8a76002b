"""Robustness: a messy corpus goes through, every problem is reported, nothing is lost.

The corpus is generated here (no binary committed): every input format and every bad
input of issue 7, each with its expected outcome. One CLI run over it is shared by most
tests (module fixture); interruption tests run the CLI in a subprocess.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import chunks
from pipeline.batch import guarded
from pipeline.chunks import chunk_bounds, split_article
from pipeline.cli import app
from pipeline.formats import ReadError, decode_bytes, extract_html, guess_language, jsonl_records
from pipeline.read import make_article
from pipeline.tables import TEMP_PREFIX, remove_stale_temp

from .conftest import CORPUS

runner = CliRunner()

FR = (
    "Le ministre a déclaré mardi que « l’accord est historique ». Selon l'AFP, "
    "12 personnes ont été blessées lors de l'incendie à Genève.\n\n"
    "Les syndicats ont estimé que près de 300 emplois étaient menacés, une œuvre "
    "coûteuse de 5 millions d'euros.\n"
)
FR_LATIN1 = FR.replace("’", "'").replace("œ", "oe")  # Latin-1 has no ’ nor œ
EN = (
    "The minister said on Tuesday that the agreement was historic and that it would "
    "enter into force in May, according to the news agency, which has seen the text.\n"
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 2
PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Accord historique à Genève | Le Journal</title>
<meta property="og:title" content="Accord historique à Genève">
<meta property="article:published_time" content="2025-03-12T10:00:00+01:00">
<link rel="canonical" href="https://journal.example/monde/accord">
<script>var tracker = "ne doit pas apparaître";</script></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Accord historique à Genève</h1>
<p>Le ministre a déclaré mardi que « l’accord est historique ».</p>
<p>Selon l'AFP, 12 personnes ont été blessées lors de l'incendie à Genève, et les
syndicats ont estimé que près de 300 emplois étaient menacés.</p></article>
<footer>© 2025 Le Journal — mentions légales</footer></body></html>"""
LONG_PARAGRAPH = (
    "Selon le ministère, {n} soldats ont été déployés près de la frontière. "
    "Le porte-parole a indiqué que la situation restait calme.\n\n"
)
LONG = "".join(LONG_PARAGRAPH.format(n=100 + i) for i in range(60))  # ~8 000 characters
CHUNK_FOR_TEST = 3_000


def jsonl_lines() -> str:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": FR,
                "title": "Titre A1",
                "published": "2025-01-02",
                "url": "https://x.example/a1",
            },
            ensure_ascii=False,
        ),
        json.dumps({"id": 2, "text": FR.replace("mardi", "mercredi")}, ensure_ascii=False),
        '{"id": "a3", "text": "Coupé',  # broken line
        json.dumps({"id": "a4", "title": "sans texte"}),
        json.dumps({"id": "a1", "text": "Doublon."}),
    ]
    return "\n".join(lines) + "\n"


def build_corpus(root: Path) -> dict[str, tuple]:
    """Write every kind of input under ``root``; return {file: expected outcome}:
    ("doc", doc_id) or ("error", code)."""
    files: dict[str, bytes] = {
        "utf8.txt": FR.encode(),
        "utf8-bom.txt": codecs.BOM_UTF8 + FR.encode(),
        "utf16.txt": codecs.BOM_UTF16_LE + FR.replace("\n", "\r\n").encode("utf-16-le"),
        "utf16be.txt": codecs.BOM_UTF16_BE + FR.encode("utf-16-be"),
        "cp1252.txt": FR.replace("\n", "\r").encode("cp1252"),
        "latin1.txt": FR_LATIN1.encode("latin-1"),
        "crlf.md": FR.replace("\n", "\r\n").encode(),
        "page.html": PAGE.encode(),
        "short.htm": "<html><body><p>Le maire a démissionné lundi.</p></body></html>".encode(),
        "nested/batch.jsonl": jsonl_lines().encode(),
        "long.txt": LONG.encode(),
        "english.txt": EN.encode(),
        "mixed.txt": FR.encode()[:30] + b"\x81" + FR.encode()[30:],
        "empty.txt": b"",
        "blank.md": b"  \n\n \t\n",
        "empty.html": b"<html><head><title>x</title></head><body> </body></html>",
        "report.pdf": PDF,
        "scan.txt": PDF,
        "photo.jpg": JPEG,
        "photo.txt": JPEG,
        "garbage.txt": bytes(range(0x80, 0x100)) * 8,
        "locked.txt": FR.encode(),
        ".hidden.txt": FR.encode(),
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    docs = [
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16be",
        "cp1252",
        "latin1",
        "crlf",
        "page",
        "short",
        "long",
        "english",
        "mixed",
    ]
    expected: dict[str, tuple] = {f"{d}": ("doc", d) for d in docs}
    expected.update(
        {
            "nested/batch.jsonl:1": ("doc", "nested/batch/a1"),
            "nested/batch.jsonl:2": ("doc", "nested/batch/2"),
            "nested/batch.jsonl:3": ("error", "bad_json_line"),
            "nested/batch.jsonl:4": ("error", "bad_json_line"),
            "nested/batch.jsonl:5": ("error", "bad_json_line"),
            "english.txt": ("error", "not_french"),  # processed, and flagged
            "mixed.txt": ("error", "replaced_bytes"),  # processed, and flagged
            "empty.txt": ("error", "empty"),
            "blank.md": ("error", "empty"),
            "empty.html": ("error", "empty"),
            "report.pdf": ("error", "unsupported"),
            "scan.txt": ("error", "binary"),
            "photo.jpg": ("error", "unsupported"),
            "photo.txt": ("error", "binary"),
            "garbage.txt": ("error", "undecodable"),
            "locked.txt": ("error", "unreadable"),
        }
    )
    return expected


def rows(out: Path, name: str) -> list[dict]:
    with open(out / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def texts(out: Path) -> dict[str, str]:
    lines = (out / "texts.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc_id"]: r["text"] for r in map(json.loads, lines)}


def run_cli(corpus: Path, out: Path, *extra: str):
    """The CLI in this process, with ``locked.txt`` unreadable and small chunks."""
    locked = (corpus / "locked.txt").resolve()
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        # tests run as root, where chmod 000 does not stop reading: simulate it
        if self.resolve() == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Path, "read_bytes", read_bytes)
        mp.setattr(chunks, "CHUNK_CHARS", CHUNK_FOR_TEST)
        return runner.invoke(app, ["run", str(corpus), "--out", str(out), "--no-report", *extra])


@pytest.fixture(scope="module")
def messy(tmp_path_factory, nlp):
    """(corpus, expected outcomes, out folder, CLI result) of one run."""
    corpus = tmp_path_factory.mktemp("messy")
    expected = build_corpus(corpus)
    out = tmp_path_factory.mktemp("messy-out")
    result = run_cli(corpus, out)
    return corpus, expected, out, result


# --- the messy corpus, end to end ------------------------------------------------


def test_messy_corpus_exit_0_and_every_outcome(messy):
    corpus, expected, out, result = messy
    assert result.exit_code == 0, result.output
    doc_ids = {r["doc_id"] for r in rows(out, "documents")}
    want_docs = {v[1] for v in expected.values() if v[0] == "doc"}
    assert doc_ids == want_docs
    errors = {(r["path"], r["error"]) for r in rows(out, "errors")}
    want_errors = {((corpus / k).as_posix(), v[1]) for k, v in expected.items() if v[0] == "error"}
    assert errors == want_errors
    assert not any(".hidden" in r["path"] for r in rows(out, "documents"))


def test_every_problem_is_one_stderr_line_with_file_problem_and_action(messy):
    corpus, _, out, result = messy
    lines = result.stderr.splitlines()
    for row in rows(out, "errors"):
        (line,) = [ln for ln in lines if ln.split(" ", 2)[1:2] == [f"{row['path']}:"]]
        assert row["detail"] in line and f"[{row['error']}]" in line
        assert row["detail"].endswith(("skipped", "processed", "line skipped"))
        assert line.startswith("warning " if row["detail"].endswith("processed") else "skipped ")


def test_encodings_and_line_ends_decode_to_the_same_text(messy):
    _, _, out, _ = messy
    text = texts(out)
    for doc_id in ("utf8", "utf8-bom", "utf16", "utf16be", "cp1252", "crlf"):
        assert text[doc_id] == FR, doc_id  # é « ’ œ right, no BOM, \n line ends
    assert text["latin1"] == FR_LATIN1
    mixed = FR.encode()[:30] + b"\x81" + FR.encode()[30:]
    assert text["mixed"] == mixed.decode("utf-8", errors="replace")


def test_offsets_index_the_cleaned_text(messy):
    _, _, out, _ = messy
    text = texts(out)
    for name in ("entities", "figures", "claims"):
        for r in rows(out, name):
            assert text[r["doc_id"]][int(r["start"]) : int(r["end"])] == r["text"], (name, r)


def test_html_page_text_and_metadata(messy):
    _, _, out, _ = messy
    doc = {r["doc_id"]: r for r in rows(out, "documents")}["page"]
    assert doc["title"] == "Accord historique à Genève"
    assert doc["published"] == "2025-03-12"
    assert doc["url"] == "https://journal.example/monde/accord"
    body = texts(out)["page"]
    assert "12 personnes ont été blessées" in body
    for boilerplate in ("tracker", "Accueil", "mentions légales"):
        assert boilerplate not in body
    assert "Le maire a démissionné" in texts(out)["short"]  # too short for trafilatura


def test_jsonl_records_fields(messy):
    _, _, out, _ = messy
    docs = {r["doc_id"]: r for r in rows(out, "documents")}
    a1 = docs["nested/batch/a1"]
    assert (a1["title"], a1["published"], a1["url"]) == (
        "Titre A1",
        "2025-01-02",
        "https://x.example/a1",
    )
    assert a1["path"].endswith("nested/batch.jsonl:1")
    details = {
        r["path"].rsplit(":", 1)[1]: r["detail"]
        for r in rows(out, "errors")
        if "batch.jsonl:" in r["path"]
    }
    assert "broken JSON" in details["3"] and 'no "text"' in details["4"]
    assert "duplicate id" in details["5"]


def test_language_flag(messy):
    _, _, out, _ = messy
    lang = {r["doc_id"]: r["lang"] for r in rows(out, "documents")}
    assert lang["english"] == "en"
    assert lang["utf8"] == "fr" and lang["page"] == "fr"


def test_long_article_chunks_merge_into_one_document(messy, nlp):
    _, _, out, _ = messy
    from pipeline.engines import analyse_article

    (doc,) = [r for r in rows(out, "documents") if r["doc_id"] == "long"]
    assert texts(out)["long"] == LONG
    assert len(split_article(make_article("long", LONG), CHUNK_FOR_TEST)) == 3
    whole = analyse_article(make_article("long", LONG), nlp)  # unchunked reference
    assert int(doc["n_sentences"]) == whole.document["n_sentences"]
    figures = [
        (r["figure_id"], r["sent_id"], r["start"], r["end"], r["value"])
        for r in rows(out, "figures")
        if r["doc_id"] == "long"
    ]
    want = [
        (r["figure_id"], str(r["sent_id"]), str(r["start"]), str(r["end"]), r["value"])
        for r in whole.figures
    ]
    assert figures == want
    claims = [r for r in rows(out, "claims") if r["doc_id"] == "long"]
    assert [r["claim_id"] for r in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert len(claims) == len(whole.claims)


def test_tables_pass_the_shared_checker(messy):
    _, _, out, _ = messy
    checker = CORPUS.parent.parent / "shared" / "tools" / "check_tables.py"
    if not checker.exists():
        pytest.skip("../shared/tools/check_tables.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(checker), str(out)], capture_output=True)
    assert result.returncode == 0, result.stdout.decode()


def test_no_temporary_folder_left(messy):
    _, _, out, _ = messy
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


# --- determinism ---------------------------------------------------------------------


def output_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".csv", ".jsonl")}


def test_two_runs_give_byte_identical_tables(messy, tmp_path):
    corpus, _, out, _ = messy
    again = run_cli(corpus, tmp_path / "again")
    assert again.exit_code == 0, again.output
    assert output_bytes(tmp_path / "again") == output_bytes(out)


def test_two_workers_give_byte_identical_tables(messy, tmp_path):
    corpus, _, out, _ = messy
    if "--workers" not in runner.invoke(app, ["run", "--help"]).output:
        pytest.skip("run has no --workers option yet")
    again = run_cli(corpus, tmp_path / "workers", "--workers", "2")
    assert again.exit_code == 0, again.output
    assert output_bytes(tmp_path / "workers") == output_bytes(out)


# --- exit codes, and what a failed run leaves ------------------------------------------


def previous_outputs(out: Path) -> dict[str, bytes]:
    """Tables of an imaginary earlier run, to check that a run leaves them alone."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("documents", "entities", "figures", "claims", "sources"):
        (out / f"{name}.csv").write_text(f"previous {name}\n", encoding="utf-8")
    return output_bytes(out)


def test_missing_corpus_exit_2_and_error_row(tmp_path):
    out = tmp_path / "out"
    before = previous_outputs(out)
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--out", str(out)])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    (row,) = rows(out, "errors")
    assert row["error"] == "missing_corpus"
    after = output_bytes(out)
    after.pop("errors.csv")
    assert after == before


def test_empty_corpus_exit_1_and_previous_tables_kept(tmp_path):
    (tmp_path / "corpus").mkdir()
    out = tmp_path / "out"
    before = previous_outputs(out)
    result = runner.invoke(app, ["run", str(tmp_path / "corpus"), "--out", str(out)])
    assert result.exit_code == 1
    assert [r["error"] for r in rows(out, "errors")] == ["empty_corpus"]
    after = output_bytes(out)
    after.pop("errors.csv")
    assert after == before


def test_nothing_readable_exit_1_and_previous_tables_kept(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(PDF)
    (corpus / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    before = previous_outputs(out)
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert "no article could be processed" in result.stderr
    assert {r["error"] for r in rows(out, "errors")} == {"binary", "empty"}
    after = output_bytes(out)
    after.pop("errors.csv")
    assert after == before


def test_help_documents_exit_codes():
    text = runner.invoke(app, ["run", "--help"]).output
    for code in ("0 =", "1 =", "2 =", "130 ="):
        assert code in text


# --- a crashing document does not end the batch ----------------------------------------


def test_guarded_engine_reports_the_culprit_and_goes_on(monkeypatch):
    arts = [make_article(f"d{i}", f"Texte {i}.") for i in range(6)]

    def engine(stream):
        for a in stream:  # the engine dies on d3, as a worker pool would
            if a.doc_id == "d3":
                raise RuntimeError("boom")
            yield a, a.doc_id

    def analyse(article, nlp):
        if article.doc_id == "d3":
            raise IndexError("still boom")
        return f"retried {article.doc_id}"

    monkeypatch.setattr("pipeline.batch.analyse_article", analyse)
    errors: list[dict] = []
    out = list(guarded(engine, arts, lambda: None, errors.append))
    assert [a.doc_id for a, _ in out] == ["d0", "d1", "d2", "d4", "d5"]
    assert [e["error"] for e in errors] == ["failed"]
    assert "IndexError" in errors[0]["detail"] and errors[0]["detail"].endswith("skipped")


def test_a_document_that_crashes_the_pipeline_is_reported_and_the_batch_goes_on(
    tmp_path, monkeypatch, nlp
):
    import pipeline.engines as engines

    real = engines.doc_tables

    def doc_tables(article, doc):
        if article.doc_id == "b-boom":
            raise IndexError("list index out of range")
        return real(article, doc)

    monkeypatch.setattr(engines, "doc_tables", doc_tables)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a-ok", "b-boom", "c-ok"):
        (corpus / f"{name}.txt").write_text(FR, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--no-report"])
    assert result.exit_code == 0, result.output
    assert [r["doc_id"] for r in rows(out, "documents")] == ["a-ok", "c-ok"]
    (row,) = rows(out, "errors")
    assert row["error"] == "failed" and row["path"].endswith("b-boom.txt")
    assert "IndexError: list index out of range" in row["detail"]
    assert f"{row['path']}: pipeline crashed (IndexError" in result.stderr


# --- interrupted runs (subprocess) ------------------------------------------------------

CLI = [sys.executable, "-c", "from pipeline.cli import main; main()"]


def slow_corpus(root: Path, n: int = 24) -> Path:
    text = (CORPUS / "kim-obus-2025.txt").read_text(encoding="utf-8")
    root.mkdir()
    for i in range(n):
        (root / f"a{i:02d}.txt").write_text(text.replace("2025", str(1900 + i)), "utf-8")
    return root


def start_and_stop(corpus: Path, out: Path, sig: int) -> int:
    """Start a run, wait until it is mid-batch (its table writer is open), send
    ``sig``; the run's exit code."""
    proc = subprocess.Popen(
        [*CLI, "run", str(corpus), "--out", str(out), "--no-report"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            # the table writer's folder exists once the model is loaded and documents
            # are going through (rows are buffered, so file sizes tell nothing)
            if list(out.glob(f"{TEMP_PREFIX}*/documents.csv")):
                time.sleep(1.0)
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(sig)
        return proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_interrupted_runs_leave_previous_tables_and_a_rerun_finishes(tmp_path):
    corpus = slow_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    before = previous_outputs(out)

    assert start_and_stop(corpus, out, signal.SIGINT) == 130  # Ctrl-C
    assert output_bytes(out) == before
    assert not list(out.glob(f"{TEMP_PREFIX}*"))  # cleaned up on the way out

    assert start_and_stop(corpus, out, signal.SIGKILL) == -signal.SIGKILL  # kill -9
    assert output_bytes(out) == before  # still the previous tables, whole
    assert list(out.glob(f"{TEMP_PREFIX}*"))  # a killed run cannot clean up…

    done = subprocess.run(
        [*CLI, "run", str(corpus), "--out", str(out), "--no-report"], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert not list(out.glob(f"{TEMP_PREFIX}*"))  # …the next run does
    assert len(rows(out, "documents")) == 24


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    parent_of = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent_of[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent_of.items() if pp in frontier} - found
        found |= frontier
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_9_with_workers_leaves_no_orphan_process(tmp_path):
    corpus = slow_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*CLI, "run", str(corpus), "--out", str(out), "--no-report", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # mid-batch: the writer is open and both workers (with their helpers) are up
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not (
            list(out.glob(f"{TEMP_PREFIX}*/documents.csv")) and len(descendants(proc.pid)) >= 3
        ):
            time.sleep(0.1)
        time.sleep(2)
        children = descendants(proc.pid)
        assert len(children) >= 3, f"workers not seen: {children}"
        proc.kill()
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() for c in children):
            time.sleep(0.5)
        left = [c for c in children if Path(f"/proc/{c}").exists()]
        for c in left:  # do not leave them behind for the next tests
            os.kill(c, signal.SIGKILL)
        assert not left, f"orphans after kill -9: {left}"
    finally:
        if proc.poll() is None:
            for c in descendants(proc.pid):
                os.kill(c, signal.SIGKILL)
            proc.kill()


def test_stale_temp_folders_are_removed_live_ones_kept(tmp_path):
    dead = tmp_path / f"{TEMP_PREFIX}999999999-abc"
    old_style = tmp_path / f"{TEMP_PREFIX}k2j3h4"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-xyz"
    for d in (dead, old_style, live):
        d.mkdir()
        (d / "documents.csv").write_text("partial", encoding="utf-8")
    assert set(remove_stale_temp(tmp_path)) == {dead, old_style}
    assert live.exists() and not dead.exists() and not old_style.exists()


def test_unlistable_folder_is_reported(tmp_path, monkeypatch):
    from pipeline.read import list_corpus

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(FR, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        # root reads any folder: simulate a folder without read permission
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors = []
    paths = list_corpus(tmp_path, on_error=lambda where, exc: errors.append((where, exc.kind)))
    assert paths == [tmp_path / "ok" / "a.txt"]
    assert errors == [((tmp_path / "locked").as_posix(), "unreadable")]


# --- readers, without the model ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7", "binary"),
        (b"\x89PNG\r\n\x1a\n....", "binary"),
        (b"PK\x03\x04docx", "binary"),
        (b"texte\x00avec NUL", "binary"),
        (bytes(range(0x80, 0x100)) * 4, "undecodable"),
        (codecs.BOM_UTF8 + b"\xff\xfe bad", "undecodable"),
    ],
)
def test_decode_refuses_binary_and_garbage(data, kind):
    with pytest.raises(ReadError) as info:
        decode_bytes(data)
    assert info.value.kind == kind


@pytest.mark.parametrize(
    "encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"]
)
def test_decode_french_in_every_supported_encoding(encoding):
    decoded = decode_bytes(FR.encode(encoding))
    assert decoded.text == FR and not decoded.replaced


def test_short_cp1252_is_not_read_as_cp1250():
    assert decode_bytes("Crédit à la consommation".encode("cp1252")).text == (
        "Crédit à la consommation"
    )


def test_guess_language():
    assert guess_language(FR * 2) == "fr"
    assert guess_language(EN) == "en"
    assert guess_language("12 345 678") == ""
    assert guess_language("«»!?" * 100) == ""


def test_jsonl_records_blank_lines_and_ids():
    recs = list(jsonl_records('\n{"text": "A."}\n[1, 2]\n{"id": "", "text": "B."}\n'))
    assert [r.id if not isinstance(r, tuple) else r[1].kind for r in recs] == [
        "line-2",
        "bad_json_line",
        "line-4",
    ]


def test_extract_html_without_body_text():
    assert extract_html("<html><body><script>x()</script></body></html>").text == ""
    assert extract_html("not html at all, just text").text in ("", "not html at all, just text")


def test_chunk_bounds_cover_the_text_at_line_starts():
    bounds = chunk_bounds(LONG, CHUNK_FOR_TEST)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(LONG)
    assert all(a[1] == b[0] for a, b in zip(bounds[:-1], bounds[1:], strict=True))
    assert all(LONG[s - 1] == "\n" for s, _ in bounds[1:])
    assert all(e - s <= CHUNK_FOR_TEST for s, e in bounds)
    # a text without line breaks or spaces is still cut, within the limit
    assert chunk_bounds("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]
