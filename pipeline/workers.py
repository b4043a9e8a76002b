"""How many worker processes: ``--workers`` resolved (0 = every core) and capped by the
cores, the free memory (:data:`WORKER_MEMORY` each) and the work there is."""

from __future__ import annotations

import os

#: articles per chunk: one ``nlp.pipe`` batch, one task for a worker
BATCH_SIZE = 16
#: memory one worker process needs (the model and a batch), for the cap on --workers
WORKER_MEMORY = 500 * 2**20


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def resolve_workers(workers: int | None, default: int = 1) -> int:
    """``None`` → ``default``; ``0`` → every core; else ``workers``."""
    if workers is None:
        workers = default
    if workers < 0:
        raise ValueError(f"workers must be >= 0, got {workers}")
    return cpu_count() if workers == 0 else workers


def available_memory() -> int | None:
    """Bytes of memory free for new processes (Linux ``MemAvailable``), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def cap_workers(requested: int, expected: int | None = None) -> tuple[int, str]:
    """At most one worker per core, per :data:`WORKER_MEMORY` of free memory and per
    chunk of ``expected`` articles; returns the number and, when it is fewer than
    ``requested``, why (for a one-line notice), else "".

    >>> cap_workers(1000, expected=20)[0] <= 2
    True
    """
    limits = {"cores": cpu_count()}
    memory = available_memory()
    if memory is not None:
        limits["memory"] = max(1, memory // WORKER_MEMORY)
    if expected is not None:
        limits["chunks"] = max(1, -(-expected // BATCH_SIZE))
    n = min(requested, *limits.values())
    if n >= requested:
        return requested, ""
    why = {
        "cores": f"{limits['cores']} cores",
        "memory": f"{(memory or 0) / 2**30:.1f} GB of free memory at ~500 MB a worker",
        "chunks": f"{expected} articles, {BATCH_SIZE} per task",
    }
    reasons = ", ".join(why[k] for k, v in limits.items() if v == n)
    return n, f"using {n} worker(s), not {requested}: {reasons}"
