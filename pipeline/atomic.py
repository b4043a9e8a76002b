"""Atomic output: a file appears whole or not at all, a run's files together or not at all.

Every writer of an output folder goes through here:

- :func:`replace_file` writes one file (errors.csv alone, the review page, the workbook)
  to a temporary name beside it and renames it over the old one;
- :func:`stage` gives a run a private folder inside the output folder; everything the run
  writes (tables, texts, manifest, report, workbook) goes there, and :func:`commit` moves
  the whole set in at the end. POSIX cannot rename a folder over a non-empty one, so the
  commit first writes a *journal* (what to move, what to remove) into the staged folder,
  then does the renames. A process that dies between two renames leaves a staged folder
  with its journal: :func:`settle`, run at the start of every run and export, finishes
  the moves (roll forward), so no later reader sees a mix of two runs.

Temporary names start with :data:`TEMP_PREFIX` and the writer's pid
(``.claimtrace-1234-…``): :func:`settle` removes those whose process is gone (kill -9,
power cut) and leaves a live run's alone.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> folder = stage(out)
>>> _ = (folder / "a.csv").write_text("x\\n")
>>> commit(folder, out)
>>> sorted(p.name for p in out.iterdir())
['a.csv']
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

TEMP_PREFIX = ".claimtrace-"
#: The journal of a commit, inside the staged folder (never moved itself).
JOURNAL = ".commit.json"


def temp_prefix(label: str) -> str:
    """The start of a temporary name of this process: ``.claimtrace-PID-LABEL-``."""
    return f"{TEMP_PREFIX}{os.getpid()}-{label}-"


def replace_file(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)`` then move the result onto ``path``: readers never see a
    half-written file, and an error (disk full, Ctrl-C) leaves the old one in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        # mkstemp makes the file private (0600); outputs are meant to be shared
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stage(out_dir: Path, label: str = "run") -> Path:
    """A new private folder inside ``out_dir`` for a run's files (see :func:`commit`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=temp_prefix(label), dir=out_dir))
    os.chmod(folder, 0o755)
    return folder


def commit(folder: Path, out_dir: Path, remove: Iterable[str] = ()) -> None:
    """Move every file of the staged ``folder`` into ``out_dir`` (replacing files of the
    same name) and delete the files named in ``remove`` (a previous run's tables in
    another format), as one step that a crash cannot leave half done (see module doc)."""
    folder, out_dir = Path(folder), Path(out_dir)
    names = sorted(p.name for p in folder.iterdir() if p.name != JOURNAL)
    journal = {"move": names, "remove": sorted(set(remove) - set(names))}
    tmp = folder / f"{JOURNAL}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(journal, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / JOURNAL)  # from here on the commit will complete
    _apply(folder, out_dir, journal)


@contextlib.contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM wait until the block is done, then interrupt as usual (a
    commit cut by a signal would leave two runs' files mixed). Python handlers run in
    the main thread only, so that is where they are held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {
        sig: signal.signal(sig, lambda signum, frame: caught.append(signum)) for sig in held
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
    if caught:
        raise KeyboardInterrupt


def _apply(folder: Path, out_dir: Path, journal: dict) -> None:
    """The moves and removals of a journal, never cut by Ctrl-C or SIGTERM."""
    with _signals_held():
        for name in journal["move"]:
            if (folder / name).exists():
                os.replace(folder / name, out_dir / name)
        for name in journal["remove"]:
            (out_dir / name).unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)


def discard(folder: Path) -> None:
    """Drop a staged folder (a failed or interrupted run): nothing of it is kept, unless
    its commit had begun (journal written), which is then finished instead."""
    folder = Path(folder)
    if (folder / JOURNAL).is_file():
        try:
            _apply(folder, folder.parent, json.loads((folder / JOURNAL).read_text("utf-8")))
            return
        except (OSError, ValueError, KeyError, TypeError):
            pass  # settle() of the next run tries again
    shutil.rmtree(folder, ignore_errors=True)


def interrupt_on_sigterm() -> None:
    """Make ``kill PID`` (SIGTERM) raise KeyboardInterrupt, as Ctrl-C does, so that a
    writer's ``finally`` removes its temporary files (by default the process would die on
    the spot and leave them for the next run's :func:`settle`)."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, interrupt)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def settle(out_dir: Path) -> list[Path]:
    """Finish or remove what dead runs left in ``out_dir``: a staged folder whose journal
    was written is committed (its run had finished), any other temporary folder or file
    whose writer process is gone is removed. Returns what was handled."""
    handled = []
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return handled
    for tmp in sorted(out_dir.glob(f"{TEMP_PREFIX}*")):
        pid = tmp.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and _pid_alive(int(pid)):
            continue
        if tmp.is_dir():
            discard(tmp)  # finishes a commit whose journal was written
        else:
            tmp.unlink(missing_ok=True)
        handled.append(tmp)
    return handled
