"""Unlucky output folders (issue 13): a damaged manifest, a full disk, a death between two
moves, a folder that is a file. Never partial tables with exit 0; previous tables kept
when a run fails; one line and the documented exit code."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import atomic
from pipeline.cli import app
from pipeline.manifest import MANIFEST_NAME
from pipeline.tables import TABLES, TEMP_PREFIX, TableWriter

from .corpora import numbered_corpus

runner = CliRunner()

PHRASE = (
    "Le préfet a annoncé jeudi que {n} communes seraient aidées. Selon le ministère, "
    "près de 1 200 foyers ont été touchés par les crues.\n"
)


def corpus_of(root: Path, n: int = 6) -> Path:
    return numbered_corpus(root, PHRASE, n, first=10)


def run(corpus: Path, out: Path, *extra: str):
    return runner.invoke(app, ["run", str(corpus), "--out", str(out), "--no-report", *extra])


def tables_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def one_error_line(result, *words: str) -> None:
    lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(scope="module")
def done(tmp_path_factory, nlp):
    """A corpus and the tables of a complete run over it."""
    root = tmp_path_factory.mktemp("done")
    corpus = corpus_of(root / "corpus")
    out = root / "out"
    assert run(corpus, out).exit_code == 0
    return corpus, out


# --- the manifest ------------------------------------------------------------------------


def test_a_damaged_manifest_is_reported_rebuilt_and_never_gives_partial_tables(done, tmp_path):
    corpus, good = done
    out = tmp_path / "out"
    assert run(corpus, out).exit_code == 0
    manifest = out / MANIFEST_NAME
    data = bytearray(manifest.read_bytes())
    data[4096:8192] = os.urandom(4096)  # random bytes over one page
    manifest.write_bytes(bytes(data))
    result = run(corpus, out)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "[bad_manifest]" in line]
    assert len(warnings) == 1 and "damaged manifest" in warnings[0]
    assert "6 new, 0 unchanged" in result.stderr
    assert (out / "documents.csv").read_bytes() == (good / "documents.csv").read_bytes()
    again = run(corpus, out)  # rebuilt: the next run reuses it and says nothing
    assert again.exit_code == 0 and "bad_manifest" not in again.stderr
    assert "0 new, 6 unchanged" in again.stderr


def test_an_error_while_articles_are_fed_fails_the_run_and_keeps_the_tables(
    done, tmp_path, monkeypatch
):
    corpus, good = done
    out = tmp_path / "out"
    assert run(corpus, out).exit_code == 0
    before = tables_bytes(out)
    import pipeline.batch

    real = pipeline.batch.split_article
    calls = []

    def split(article):
        calls.append(article)
        if len(calls) == 3:
            raise RuntimeError("lookup failed")
        return real(article)

    monkeypatch.setattr(pipeline.batch, "split_article", split)
    result = run(corpus, out, "--full")
    assert result.exit_code == 1  # not 0 with 2 of 6 documents
    one_error_line(result, "RuntimeError", "left as they were")
    assert tables_bytes(out) == before
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def test_reuse_takes_the_current_path_of_an_unchanged_article(done, tmp_path):
    corpus, _ = done
    out, full = tmp_path / "out", tmp_path / "full"
    assert run(corpus, out).exit_code == 0
    moved = tmp_path / "moved"
    corpus_of(moved)  # the same articles under another corpus path
    assert run(moved, out).exit_code == 0
    assert run(moved, full, "--full").exit_code == 0
    assert (out / "documents.csv").read_bytes() == (full / "documents.csv").read_bytes()
    assert str(moved) in (out / "documents.csv").read_text(encoding="utf-8")


# --- formats ------------------------------------------------------------------------------


def test_a_parquet_run_replaces_the_csv_tables_of_an_older_run(done, tmp_path):
    from pipeline.export.show import select_rows

    corpus, _ = done
    out = tmp_path / "out"
    assert run(corpus, out).exit_code == 0
    smaller = corpus_of(tmp_path / "smaller", n=2)
    assert run(smaller, out, "--format", "parquet").exit_code == 0
    assert not any((out / f"{name}.csv").exists() for name in TABLES)
    assert '"format": "parquet"' in (out / "claimtrace-run.json").read_text()
    assert {r["doc_id"] for r in select_rows(out, "claims", None, None)} == {"d0", "d1"}
    assert run(corpus, out).exit_code == 0  # and back
    assert not any((out / f"{name}.parquet").exists() for name in TABLES)


# --- a full disk, a folder that is no folder -------------------------------------------------


def test_disk_full_while_writing_is_one_line_exit_1_and_the_old_tables_stay(
    done, tmp_path, monkeypatch
):
    corpus, _ = done
    out = tmp_path / "out"
    assert run(corpus, out).exit_code == 0
    before = tables_bytes(out)
    real = TableWriter.write

    def write(self, tables):
        if self.counts["documents"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / "claims.csv"))
        real(self, tables)

    monkeypatch.setattr(TableWriter, "write", write)
    result = run(corpus, out, "--full")
    assert result.exit_code == 1
    one_error_line(result, "no space left on the device", "left as they were")
    after = tables_bytes(out)
    after.pop("errors.csv", None)
    before.pop("errors.csv", None)
    assert after == before
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def test_disk_full_while_writing_the_review_page_keeps_every_old_file(done, tmp_path, monkeypatch):
    import pipeline.export.report as report

    corpus, _ = done
    out = tmp_path / "out"
    assert run(corpus, out).exit_code == 0
    before = tables_bytes(out)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "render_report", full)
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out), "--full"])
    assert result.exit_code == 1
    one_error_line(result, "no space left")
    after = tables_bytes(out)
    after.pop("errors.csv", None)
    before.pop("errors.csv", None)
    assert after == before  # the tables were not moved in without their report


@pytest.mark.parametrize("case", ["file", "under-file", "read-only", "manifest-folder"])
def test_an_output_folder_that_cannot_be_written_is_one_line_exit_2(
    done, tmp_path, monkeypatch, case
):
    corpus, _ = done
    out = tmp_path / "out"
    if case == "file":
        out.write_text("not a folder")
    elif case == "under-file":
        (tmp_path / "f").write_text("a file")
        out = tmp_path / "f" / "out"
    elif case == "read-only":
        out.mkdir()
        real = atomic.tempfile.mkdtemp

        def mkdtemp(*args, dir=None, **kwargs):  # root ignores chmod 555: simulate it
            if dir is not None and Path(dir) == out:
                raise PermissionError(errno.EACCES, "Permission denied", str(out))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(atomic.tempfile, "mkdtemp", mkdtemp)
    else:
        (out / MANIFEST_NAME).mkdir(parents=True)
    result = run(corpus, out)
    assert result.exit_code == 2
    one_error_line(result, str(out) if case != "manifest-folder" else MANIFEST_NAME)
    assert "loading the model" not in result.stderr  # found before any work


@pytest.mark.parametrize("target", ["file", "missing"])
def test_export_of_a_file_is_one_line_exit_2(tmp_path, target):
    path = tmp_path / "tables.csv"
    if target == "file":
        path.write_text("a,b\n")
    result = runner.invoke(app, ["export", str(path)])
    assert result.exit_code == 2
    one_error_line(result, str(path))


def test_a_nonsense_scheduler_is_one_line_exit_2(done, tmp_path):
    corpus, _ = done
    result = run(corpus, tmp_path / "out", "--engine", "dask", "--scheduler", "nonsense://")
    assert result.exit_code == 2
    one_error_line(result, "nonsense://", "tcp://HOST:8786")


# --- the commit: a death between two moves, a kill while writing ---------------------------

DIE_BETWEEN_MOVES = """
import os, sys
from pathlib import Path
from pipeline import atomic
out = Path(sys.argv[1])
folder = atomic.stage(out)
for name in ("claims.csv", "documents.csv", "entities.csv", "figures.csv", "sources.csv"):
    (folder / name).write_text("new " + name)
moves = []
real = os.replace
def replace(src, dst):
    if Path(dst).parent == out:
        moves.append(dst)
        if len(moves) == 3:
            os._exit(9)  # the process dies after two of five moves
    real(src, dst)
os.replace = replace
atomic.commit(folder, out)
"""


def test_a_death_between_two_table_moves_leaves_no_mixed_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    names = ("claims.csv", "documents.csv", "entities.csv", "figures.csv", "sources.csv")
    for name in names:
        (out / name).write_text("old " + name)
    code = subprocess.run([sys.executable, "-c", DIE_BETWEEN_MOVES, str(out)]).returncode
    assert code == 9
    contents = {(out / n).read_text().split()[0] for n in names}
    assert contents == {"old", "new"}  # mixed right after the death…
    atomic.settle(out)  # …and finished by the next run or export, which starts so
    assert {(out / n).read_text() for n in names} == {"new " + n for n in names}
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def test_a_killed_workbook_writer_leaves_nothing_behind(done, tmp_path, monkeypatch):
    import pipeline.export.workbook as workbook

    _, good = done
    out = tmp_path / "out"
    out.mkdir()
    for path in good.iterdir():
        if path.is_file():
            (out / path.name).write_bytes(path.read_bytes())
    # kill -9 while writing: the temporary file of a process that is gone…
    (out / f"{TEMP_PREFIX}999999999-claims.xlsx-k2j3").write_bytes(b"PK\x03\x04 half")
    # …and SIGTERM or Ctrl-C while writing, in this process
    real = workbook.write_sheet

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(workbook, "write_sheet", interrupted)
    result = runner.invoke(app, ["export", str(out), "--xlsx"])
    assert result.exit_code != 0
    assert not list(out.glob(f"{TEMP_PREFIX}*")) and not list(out.glob(".claims.xlsx-*"))
    assert not (out / "claims.xlsx").exists()


def test_sigterm_ends_a_command_as_ctrl_c_does():
    """``kill PID`` raises KeyboardInterrupt, so a run or export cleans up and exits 130
    (the Ctrl-C path, tested end to end in test_robustness.py)."""
    import signal

    from pipeline.atomic import interrupt_on_sigterm

    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        interrupt_on_sigterm()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler interrupts this at once
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_manifest_in_a_folder_named_like_a_uri_is_reused(done, tmp_path):
    corpus, _ = done
    out = tmp_path / "res#1?mode=rwc"
    assert run(corpus, out).exit_code == 0
    again = run(corpus, out)
    assert again.exit_code == 0 and "0 new, 6 unchanged" in again.stderr


def test_sqlite_disk_full_is_the_same_one_line_as_any_full_disk(tmp_path):
    import sqlite3

    from pipeline.manifest import Manifest, fingerprint

    manifest = Manifest.open(tmp_path, fingerprint())
    with pytest.raises(OSError) as caught, manifest._disk_full():
        raise sqlite3.OperationalError("database or disk is full")
    assert caught.value.errno == errno.ENOSPC
    manifest.abort()


def test_a_signal_during_the_commit_waits_for_its_end(tmp_path, monkeypatch):
    """Ctrl-C or SIGTERM arriving while the files are moved in is held until the last
    move; an error after the journal was written finishes the commit instead."""
    import signal

    out = tmp_path / "out"
    folder = atomic.stage(out)
    for name in ("a.csv", "b.csv", "c.csv"):
        (folder / name).write_text("new")
    real = os.replace

    def replace(src, dst):
        real(src, dst)
        if Path(dst).name == "a.csv":
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after the first move

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        atomic.commit(folder, out)
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv", "c.csv"]
