"""The ``claimtrace`` commands that build and show the analyst outputs (``export``,
``show``, ``sources``, ``version``), and the options they share with ``run`` and
``eval``. Registered on the app by :mod:`pipeline.cli`.

Every value from the tables or the user printed through rich is escaped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from pipeline import __version__
from pipeline.export.show import ShowFormat, ShowKind
from pipeline.registry import RegistryError

console = Console(stderr=True)

SOURCES_OPTION = typer.Option(
    None, "--sources", help="Extra source-registry CSV (id,name,type,aliases); repeatable."
)


XLSX_OPTION = typer.Option(
    False, "--xlsx", help="Also write claims.xlsx (a sheet per table + review)."
)
EXCEL_OPTION = typer.Option(
    False,
    "--excel",
    help="CSV for French spreadsheets: UTF-8 BOM, ';' separator, decimal comma, VRAI/FAUX.",
)


def analyst_outputs(
    out: Path, xlsx: bool, excel: bool, report: bool, excel_dir: Path, shown: Path | None = None
) -> None:
    """Workbook, spreadsheet CSV and review page from the tables of ``out`` (``shown``:
    the folder to name in messages, when ``out`` is a run's staged folder)."""
    from pipeline.atomic import interrupt_on_sigterm, settle
    from pipeline.export import OutputError, write_excel_csv
    from pipeline.export.report import write_report
    from pipeline.export.workbook import write_workbook

    interrupt_on_sigterm()  # kill PID: temporary files removed, as on Ctrl-C
    if not out.is_dir():
        what = "is a file" if out.exists() else "does not exist"
        raise fail(f"{out}: {what}, not the output folder of a run")
    shown = shown or out
    try:
        settle(out)  # finish a commit a dead run left half done; drop its temp files
        if xlsx:
            path = shown / write_workbook(out).name
            console.print(f"workbook → {escape(str(path))}", highlight=False)
        if report:
            path = shown / write_report(out).name
            console.print(f"review page → {escape(str(path))}", highlight=False)
        if excel:
            write_excel_csv(out, excel_dir)
            dest = shown if excel_dir == out else excel_dir
            console.print(f"spreadsheet CSV (BOM, ';') → {escape(str(dest))}", highlight=False)
    except OutputError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc


def fail(message: str) -> typer.Exit:
    """Print ``error: message`` (escaped) on stderr; the exit to raise (code 2)."""
    console.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def export(
    out_dir: Path = typer.Argument(..., help="Output folder of a run (its CSV tables)."),
    xlsx: bool = XLSX_OPTION,
    excel: bool = typer.Option(
        False,
        "--excel",
        help="Write the tables for French spreadsheets (BOM, ';', decimal comma, VRAI/FAUX) "
        "into OUT_DIR/excel/.",
    ),
    report: bool = typer.Option(False, "--report", help="Write OUT_DIR/report.html."),
) -> None:
    """Build analyst outputs from a run's tables, without re-running the pipeline
    (with no option: the workbook and the review page).

    Example: claimtrace export outputs/ --xlsx
    """
    if not (xlsx or excel or report):
        xlsx = report = True
    analyst_outputs(out_dir, xlsx, excel, report, out_dir / "excel")


def show(
    out_dir: Path = typer.Argument(Path("outputs"), help="Output folder of a run."),
    source: str = typer.Option(None, "--source", "-s", help="Source id or words of its name."),
    doc: str = typer.Option(None, "--doc", "-d", help="One document (doc_id)."),
    kind: ShowKind = typer.Option(
        ShowKind.claims, "--kind", "-k", help="Which table (comparisons: where sources differ)."
    ),
    fmt: ShowFormat = typer.Option(
        ShowFormat.table,
        "--format",
        "-f",
        help="table (for people), csv (all columns, for csvkit) or json (typed, for jq).",
    ),
    limit: int = typer.Option(200, "--limit", "-n", help="Rows at most (0 = all)."),
) -> None:
    """Print the claims, figures or comparisons of a run, filtered by source or document.

    Example: claimtrace show outputs/ --source nis --kind figures

    Example: claimtrace show outputs/ --format json | jq '.[].text'
    """
    from pipeline.export import OutputError, has_table
    from pipeline.export.show import rows_csv, rows_json, rows_table, select_table

    kind, fmt = ShowKind(kind), ShowFormat(fmt)
    try:
        columns, rows = select_table(out_dir, kind.value, source, doc)
    except OutputError as exc:
        raise fail(str(exc)) from exc
    shown = rows if limit <= 0 else rows[:limit]
    if fmt is ShowFormat.csv:
        sys.stdout.write(rows_csv(columns, shown))
    elif fmt is ShowFormat.json:
        sys.stdout.write(rows_json(columns, shown))
    else:
        filters = ", ".join(f"{k} {v}" for k, v in (("source", source), ("doc", doc)) if v)
        title = f"{len(rows)} {kind.value}" + (f" ({filters})" if filters else "")
        if kind is ShowKind.comparisons and not has_table(out_dir, kind.value):
            title += " (this run wrote no comparisons.csv)"
        out = Console()
        out.print(rows_table(kind.value, shown, title, out.width, one_doc=bool(doc)))
    if len(shown) < len(rows):
        console.print(f"{len(rows) - len(shown)} more rows: use --limit 0 to see all")


def list_sources(sources: list[Path] = SOURCES_OPTION) -> None:
    """List the source registry (id, name, type, aliases), extended by --sources files.

    Example: claimtrace sources --sources my_sources.csv
    """
    from pipeline.export.show import registry_table
    from pipeline.registry import SourceRegistry

    try:
        registry = SourceRegistry.load([Path(s) for s in sources or []])
    except RegistryError as exc:
        raise fail(str(exc)) from exc
    Console().print(registry_table(registry))


def version() -> None:
    """Print claimtrace's version (also: claimtrace --version).

    Example: claimtrace version
    """
    typer.echo(__version__)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``, in help order."""
    app.command()(export)
    app.command()(show)
    app.command("sources")(list_sources)
    app.command()(version)
