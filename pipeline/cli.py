"""The ``claimtrace`` command line (typer): run a corpus, score against gold, build and
show the analyst outputs.

Help texts go through rich markup: a literal ``[`` is written ``\\[`` (``claimtrace\\[dask]``).
Every value from the tables or the user printed through rich is escaped.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline import __version__
from pipeline.atomic import interrupt_on_sigterm
from pipeline.batch import (
    FORMATS,
    OutputFolderError,
    RunOptions,
    RunSummary,
    run_articles,
    run_corpus,
)
from pipeline.cli_outputs import (
    EXCEL_OPTION,
    SOURCES_OPTION,
    XLSX_OPTION,
    analyst_outputs,
    fail,
    register,
)
from pipeline.engines import ENGINES, EngineError, scheduler_address
from pipeline.lexicons import DataFolderError
from pipeline.progress import RunProgress
from pipeline.read import ReadError
from pipeline.registry import RegistryError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console(stderr=True)

#: Choices as enums, so that --help lists them and a wrong value is refused with them.
Engine = Enum("Engine", {name: name for name in ENGINES}, type=str)
TableFormat = Enum("TableFormat", {name: name for name in FORMATS}, type=str)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrace {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Print claimtrace's version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """claimtrace: who says what in French news. Entities, figures and claims with their
    sources, as tables.

    Commands: run (a corpus → tables), eval (score against gold), export (workbook,
    review page, spreadsheet CSV), show (claims, figures, comparisons in the terminal),
    sources (the source registry), version.
    """


def _summary_table(summary: RunSummary, out: Path) -> Table:
    table = Table(title=escape(f"claimtrace → {out}"))
    for col in ("documents", "entities", "figures", "claims", "sources", "errors", "time"):
        table.add_column(col, justify="right")
    table.add_row(
        *(
            str(getattr(summary, c))
            for c in ("documents", "entities", "figures", "claims", "sources")
        ),
        str(len(summary.errors)),
        f"{summary.seconds:.1f}s",
    )
    return table


def _fail(message: str, code: int) -> None:
    """One red line on stderr (escaped), then exit ``code``."""
    fail(message)
    raise typer.Exit(code)


#: errno of a failed write → what to tell the user (else the system's own words)
_WRITE_ERRORS = {errno.ENOSPC: "no space left on the device", errno.EDQUOT: "disk quota exceeded"}


WORKERS_OPTION = typer.Option(
    None,
    "--workers",
    "-w",
    help="Processes, each with its own model (default 1; 0 = all cores). With --engine "
    "dask: workers of the LocalCluster (default all cores).",
    min=0,
)
ENGINE_OPTION = typer.Option(
    "local", "--engine", help="local (this machine) or dask (needs claimtrace\\[dask])."
)
SCHEDULER_OPTION = typer.Option(
    None, "--scheduler", help="With --engine dask: an existing cluster, tcp://HOST:PORT."
)
FORMAT_OPTION = typer.Option(
    "csv", "--format", help="csv, or parquet (needs claimtrace\\[parquet], i.e. pyarrow)."
)
FULL_OPTION = typer.Option(
    False, "--full", help="Reprocess every article, ignoring the manifest of the last run."
)


def _check_run_options(engine: str, scheduler: str | None, fmt: str) -> None:
    """Exit 2 on an engine, scheduler or format the run cannot use."""
    from pipeline.batch import FORMATS
    from pipeline.engines import ENGINES

    problem = None
    if engine not in ENGINES:
        problem = f"--engine {engine!r}: expected one of {', '.join(ENGINES)}"
    elif fmt not in FORMATS:
        problem = f"--format {fmt!r}: expected one of {', '.join(FORMATS)}"
    elif scheduler and engine != "dask":
        problem = "--scheduler needs --engine dask"
    elif scheduler and not scheduler_address(scheduler):
        problem = (
            f"--scheduler {scheduler!r}: expected a Dask scheduler address such as "
            "tcp://HOST:8786 (tcp, tls, ws, wss, inproc or ucx)"
        )
    else:
        try:
            if engine == "dask":
                import distributed  # noqa: F401
            if fmt == "parquet":
                import pyarrow  # noqa: F401
        except ImportError as exc:
            extra = "dask" if engine == "dask" and exc.name != "pyarrow" else "parquet"
            problem = f"{exc.name} is not installed: pip install 'claimtrace[{extra}]'"
    if problem:
        console.print(f"[red]error:[/] {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)


def _report_error(err: dict) -> None:
    """One line on stderr per problem: file, what is wrong, what was done (never wrapped,
    so that each problem stays one greppable line)."""
    label = "warning" if err["detail"].endswith("processed") else "skipped"
    console.print(
        f"[yellow]{label}[/] {escape(err['path'])}: {escape(err['detail'])} "
        + escape(f"[{err['error']}]"),
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def run(
    corpus: Path = typer.Argument(
        ...,
        help="Folder of articles (*.txt, *.md, *.html, *.htm, *.jsonl), read recursively.",
    ),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the tables."),
    sources: list[Path] = SOURCES_OPTION,
    data: Path = typer.Option(
        None,
        "--data",
        help="Folder of lexicon files laid over the shipped ones (same names as "
        "pipeline/data/: speech_verbs.csv, places.txt…).",
    ),
    xlsx: bool = XLSX_OPTION,
    excel: bool = EXCEL_OPTION,
    report: bool = typer.Option(
        True, "--report/--no-report", help="Write the review page report.html."
    ),
    workers: int = WORKERS_OPTION,
    engine: Engine = ENGINE_OPTION,
    scheduler: str = SCHEDULER_OPTION,
    fmt: TableFormat = FORMAT_OPTION,
    full: bool = FULL_OPTION,
) -> None:
    """Process a corpus folder into documents, entities, figures, claims and sources CSV.

    Example: claimtrace run corpus/ --out outputs/ --workers 0

    Reruns are incremental: only new or changed articles go through the model (see
    claimtrace-manifest.sqlite in the output folder); the tables equal a full run's.

    Exit codes (every skipped file or line is one line on stderr and a row of errors.csv):

    0 = tables written; files that could not be read were skipped (see errors.csv)
    1 = nothing could be processed (empty folder, no readable article): previous tables kept
    2 = bad arguments (missing corpus folder, bad registry): previous tables kept
    130 = interrupted (Ctrl-C): previous tables kept, partial work discarded
    """
    engine, fmt = Engine(engine).value, TableFormat(fmt).value
    _check_run_options(engine, scheduler, fmt)
    interrupt_on_sigterm()
    options = RunOptions(
        sources=tuple(str(s) for s in sources or []),
        data_dir=str(data) if data is not None else None,
        engine=engine,
        workers=workers,
        scheduler=scheduler,
        fmt=fmt,
        incremental=True,
        reuse=not full,
    )
    progress = RunProgress(console)

    def finish(folder: Path) -> None:
        # the analyst outputs are built in the run's staged folder, moved in with the tables
        analyst_outputs(folder, xlsx, excel, report, folder, shown=out)

    try:
        with progress:
            summary = run_corpus(
                corpus,
                out,
                on_error=_report_error,
                on_start=progress.start,
                on_document=lambda _a, reused, tables: progress.document(reused, tables.n_tokens),
                options=options,
                on_status=progress.status,
                finish=finish,
            )
    except (ReadError, RegistryError, DataFolderError, EngineError, OutputFolderError) as exc:
        _fail(str(exc), 2)
    except KeyboardInterrupt as exc:
        console.print(
            f"[red]interrupted:[/] the tables in {escape(str(out))} were left as they were",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from exc
    except OSError as exc:
        what = _WRITE_ERRORS.get(exc.errno, exc.strerror or type(exc).__name__)
        where = exc.filename if exc.filename else out
        _fail(
            f"{where}: {what} while writing the outputs; the tables in {out} were left as "
            "they were",
            1,
        )
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 — a bug: one line, the previous tables stay
        if os.environ.get("CLAIMTRACE_DEBUG"):
            raise
        _fail(
            f"claimtrace failed ({type(exc).__name__}: {exc}); the tables in {out} were left "
            "as they were (CLAIMTRACE_DEBUG=1 shows the traceback; please report it)",
            1,
        )
    console.print(_summary_table(summary, out))
    console.print(f"{summary.new} new, {summary.unchanged} unchanged", highlight=False)
    if summary.documents == 0:
        _fail(
            f"{corpus}: no article could be processed; previous tables in {out} kept, "
            "see errors.csv",
            1,
        )


@app.command("eval")
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold JSON files (FORMAT.md)."),
    out: Path = typer.Option(None, "--out", "-o", help="Keep the run's tables here."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss."),
    sources: list[Path] = SOURCES_OPTION,
) -> None:
    """Run the pipeline on gold texts and print precision, recall, F1 and source accuracy.

    Example: claimtrace eval ../shared/eval/dev --verbose
    """
    from pipeline.evaluate import gold_articles, load_cross, load_gold, score_tables

    golds = load_gold(gold_dir)
    if not golds:
        raise fail(f"{gold_dir}: no gold *.json files")
    out_dir = out or Path(tempfile.mkdtemp(prefix="claimtrace-eval-"))
    run_articles(gold_articles(golds), out_dir, [str(s) for s in sources or []])
    score = score_tables(golds, out_dir, load_cross(gold_dir))
    table = Table(title=escape(f"claimtrace eval on {score.docs} documents ({gold_dir})"))
    for col in ("kind", "precision", "recall", "F1", "source acc.", "gold", "predicted"):
        table.add_column(col, justify="right")
    kinds = [(name, getattr(score, name)) for name in ("entities", "figures", "claims", "sources")]
    for prefix, pairs in (
        ("pairs", score.comparisons),
        ("cross-doc pairs", score.cross_comparisons),
    ):
        kinds += [(f"{prefix} {rel}", k) for rel, k in pairs.items()]
    for name, k in kinds:
        acc = k.source_accuracy
        table.add_row(
            name,
            f"{k.precision:.3f}",
            f"{k.recall:.3f}",
            f"{k.f1:.3f}",
            "" if acc is None else f"{acc:.3f}",
            str(k.n_gold),
            str(k.n_pred),
        )
    Console().print(table)
    certainty = score.metrics()["claim_certainty_acc"]
    Console().print(f"claim certainty accuracy {certainty:.3f}", highlight=False)
    from pipeline.stage_metrics import print_stages

    print_stages(golds, out_dir, Console())
    if verbose:
        for doc_id, kind, what in score.misses:
            Console().print(f"MISS {doc_id:14s} {kind:14s} {what}", highlight=False, markup=False)


register(app)


def main() -> None:
    """The ``claimtrace`` command (the console script).

    Once the command has returned (outputs written, committed and closed, workers shut
    down), the process ends without the interpreter's teardown: freeing the model's
    objects one by one takes about a second, as long as analysing some sixty articles.
    The output streams are flushed first; an exception still ends the normal way.
    """
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
