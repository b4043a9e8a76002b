"""Engines: a process pool and a Dask cluster give the same tables as one process,
byte for byte; the ordered runner keeps corpus order with a bounded window."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch import run_corpus
from pipeline.engines import BATCH_SIZE, resolve_workers, run_ordered
from pipeline.read import make_article
from pipeline.tables import TABLES, DocTables

from . import corpora

# Short articles written for these tests (not from any evaluation set).
ARTICLES = {
    "2025/incendie-lyon": (
        "Faits divers\n\nIncendie dans un entrepôt de Lyon\n\n"
        "Selon l'AFP, 12 personnes ont été blessées lors de l'incendie. Le préfet a "
        "indiqué que près de 80 pompiers étaient mobilisés dans la nuit.\n"
    ),
    "2025/budget": (
        "Le ministre de l'Économie a déclaré mardi que le déficit atteindrait 5 % du PIB. "
        "D'après la Cour des comptes, la dette dépasserait 3000 milliards d'euros.\n"
    ),
    "2025/greve": (
        "« Nous ne reculerons pas », a affirmé la CGT, qui revendique environ 15 000 "
        "manifestants à Paris. La police en a compté 6000.\n"
    ),
    "autre/meteo": "Il a plu toute la journée sur la Bretagne, sans incident notable.\n",
}


def write_corpus(root: Path, articles: dict[str, str] = ARTICLES) -> Path:
    return corpora.write_corpus(root, articles)


def table_bytes(out: Path, suffix: str = "csv") -> dict[str, bytes]:
    return {name: (out / f"{name}.{suffix}").read_bytes() for name in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def local_out(corpus, tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("local")
    run_corpus(corpus, out)
    return out


def test_pool_of_two_workers_gives_identical_tables(corpus, local_out, tmp_path):
    summary = run_corpus(corpus, tmp_path, workers=2)
    assert summary.documents == len(ARTICLES)
    assert table_bytes(tmp_path) == table_bytes(local_out)
    assert (tmp_path / "errors.csv").read_bytes() == (local_out / "errors.csv").read_bytes()


def test_dask_local_cluster_gives_identical_tables(corpus, local_out, tmp_path):
    pytest.importorskip("distributed")
    summary = run_corpus(corpus, tmp_path, engine="dask", workers=2)
    assert summary.documents == len(ARTICLES)
    assert table_bytes(tmp_path) == table_bytes(local_out)


def test_parquet_has_the_data_rows(corpus, local_out, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    run_corpus(corpus, tmp_path, fmt="parquet")
    assert not list(tmp_path.glob("*.csv.tmp"))
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        csv_lines = (local_out / f"{name}.csv").read_text(encoding="utf-8").count("\n") - 1
        assert table.num_rows == csv_lines, name
    figures = pq.read_table(tmp_path / "figures.parquet").to_pylist()
    blesses = next(r for r in figures if r["text"].startswith("12"))
    assert blesses["value"] == 12.0 and blesses["approx"] is False
    assert isinstance(blesses["start"], int)
    assert (tmp_path / "errors.csv").exists()


def test_resolve_workers():
    assert resolve_workers(None) == 1
    assert resolve_workers(3) == 3
    assert resolve_workers(0) >= 1
    with pytest.raises(ValueError):
        resolve_workers(-1)


class FakeEngine:
    """Rows made without a model; records how many chunks were in flight at once."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.submitted: list[list[str]] = []
        self.pending = 0
        self.max_pending = 0

    def submit(self, chunk):
        self.submitted.append([a.doc_id for a in chunk])
        self.pending += 1
        self.max_pending = max(self.max_pending, self.pending)
        engine = self

        class Later:
            def result(self):
                engine.pending -= 1
                return [rows(a.doc_id) for a in chunk]

        return Later()

    def close(self) -> None:
        pass


def rows(doc_id: str) -> DocTables:
    return DocTables({"doc_id": doc_id}, [], [], [], {})


def test_run_ordered_keeps_order_and_a_bounded_window():
    engine = FakeEngine(window=2)
    arts = [make_article(f"d{i:03d}", "x") for i in range(200)]
    # every third document is known (an unchanged article of an incremental run)
    items = [(a, rows(a.doc_id) if i % 3 == 0 else None) for i, a in enumerate(arts)]
    out = list(run_ordered(iter(items), engine, batch_size=BATCH_SIZE))
    assert [a.doc_id for a, _, _ in out] == [a.doc_id for a in arts]
    assert all(t.document["doc_id"] == a.doc_id for a, t, _ in out)
    assert [reused for *_, reused in out] == [i % 3 == 0 for i in range(200)]
    assert engine.max_pending <= engine.window + 1
    sent = [d for chunk in engine.submitted for d in chunk]
    assert sent == [a.doc_id for i, a in enumerate(arts) if i % 3]


def test_run_ordered_sends_a_partial_chunk_rather_than_queue_without_bound():
    engine = FakeEngine(window=1)
    arts = [make_article(f"d{i:04d}", "x") for i in range(1000)]
    # one new article, then hundreds of known ones: the lone chunk must not wait for more
    items = [(a, None if i in (0, 999) else rows(a.doc_id)) for i, a in enumerate(arts)]
    seen = []
    for article, _, _ in run_ordered(iter(items), engine, batch_size=BATCH_SIZE):
        seen.append(article.doc_id)
        if article.doc_id == "d0000":
            assert len(seen) == 1
            position_of_first = len(engine.submitted)
    assert seen == [a.doc_id for a in arts]
    assert engine.submitted[0] == ["d0000"] and position_of_first == 1


def test_cli_rejects_bad_engine_options(corpus, tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    runner = CliRunner()
    for args in (
        ["--engine", "spark"],
        ["--format", "xml"],
        ["--scheduler", "tcp://127.0.0.1:1"],  # without --engine dask
    ):
        result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path), *args])
        assert result.exit_code == 2, (args, result.output)
    assert not (tmp_path / "documents.csv").exists()


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    import dask

    from pipeline.engines import DaskEngine, EngineError

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(EngineError, match="cannot reach the Dask scheduler"),
    ):
        DaskEngine(scheduler="tcp://127.0.0.1:1")
