"""Progress of ``claimtrace run``: a bar on a terminal, plain lines elsewhere.

On a terminal, a rich progress bar (documents, spaCy tokens per second, new/unchanged).
When stderr is not a terminal (``| tee``, ``nohup``, CI logs) a bar would be invisible
or garbage, so one plain line is printed every :data:`EVERY` seconds and at the end::

    progress: 120/500 documents, 24.1 docs/s, 4310 tokens/s (118 new, 2 unchanged), 5 s

Status lines (loading the model, starting workers, a lost worker) are printed as they
come, in both cases.
"""

from __future__ import annotations

import os
import time

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

#: seconds between two plain progress lines
EVERY = float(os.environ.get("CLAIMTRACE_PROGRESS_SECONDS", "10"))


class RunProgress:
    """Counts documents and spaCy tokens; shows them as a bar or as plain lines."""

    def __init__(self, console: Console, every: float | None = None) -> None:
        self.console = console
        self.every = EVERY if every is None else every
        self.total = 0
        self.counts = {False: 0, True: 0}  # reused → documents
        self.tokens = 0
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar: Progress | None = None
        self._task = None
        if console.is_terminal:
            self._bar = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[tps]:>8.0f} tokens/s"),
                TextColumn("{task.fields[status]}"),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            )

    def __enter__(self) -> RunProgress:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
        elif exc[0] is None and self.done:
            self._line()

    @property
    def done(self) -> int:
        return self.counts[False] + self.counts[True]

    def start(self, total: int) -> None:
        """The run found ``total`` files."""
        self.total = total
        self.started = self._last_line = time.monotonic()
        if self._bar is not None:
            self._task = self._bar.add_task("articles", total=total, tps=0.0, status="")

    def status(self, line: str) -> None:
        """What the run is doing, one line."""
        style = "yellow" if line.startswith(("warning", "note")) else "dim"
        self.console.print(f"[{style}]{escape(line)}[/]", highlight=False, soft_wrap=True)

    def document(self, reused: bool, tokens: int) -> None:
        """One more document written; ``tokens`` spaCy tokens when it went through the
        model (tokens/s is the model's speed, not the manifest's)."""
        self.counts[reused] += 1
        if not reused:
            self.tokens += tokens
        if self._bar is not None and self._task is not None:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self._bar.update(
                self._task,
                advance=1,
                tps=self.tokens / elapsed,
                status=f"{self.counts[False]} new, {self.counts[True]} unchanged",
            )
        elif self._bar is None and time.monotonic() - self._last_line >= self.every:
            self._line()

    def _line(self) -> None:
        now = time.monotonic()
        self._last_line = now
        elapsed = max(now - self.started, 1e-9)
        total = f"/{self.total}" if self.total >= self.done else ""
        self.console.print(
            f"progress: {self.done}{total} documents, {self.done / elapsed:.1f} docs/s, "
            f"{self.tokens / elapsed:.0f} tokens/s ({self.counts[False]} new, "
            f"{self.counts[True]} unchanged), {elapsed:.0f} s",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
