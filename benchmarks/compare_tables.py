"""Byte-compare the tables of this working tree with those of a reference commit.

    .venv/bin/python benchmarks/compare_tables.py              # ref = merge-base with main
    .venv/bin/python benchmarks/compare_tables.py --ref main --n 400

For a refactoring that must not change behaviour. Two corpora are run:

- ``dev``: the gold articles of ../shared/eval/dev as plain texts (what
  ../shared/tools/gold2corpus.py writes);
- ``bench``: ``--n`` articles sampled as ``make bench`` samples them
  (:func:`benchmarks.bench.build_corpus`, same seed);
- ``long``: one article of about 45 000 characters on a single line (the paragraphs of
  the sampled articles run together, under the 50 000 characters of one chunk): where a
  stage quadratic in one paragraph shows, and where a faster rewrite must agree.

Each through ``claimtrace run CORPUS --out DIR --full --no-report`` twice: once with the
reference commit's code (``git archive REF``, imported through ``PYTHONPATH`` with this
environment's libraries) and once with the working tree. Every table, ``texts.jsonl``
and ``errors.csv`` must be byte-identical; the first differing line of each file that
differs is shown and the exit status is 1. The reference tables are kept under
``--cache`` by commit hash, so they are computed once per reference.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import build_corpus, sample_articles  # noqa: E402

GOLD_DEV = ROOT.parent / "shared" / "eval" / "dev"
COMPARED = (
    "documents.csv",
    "entities.csv",
    "figures.csv",
    "claims.csv",
    "sources.csv",
    "errors.csv",
    "texts.jsonl",
)
_RUN = "import sys; from pipeline.cli import app; sys.argv[0] = 'claimtrace'; app()"


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def resolve_ref(ref: str | None) -> str:
    """The commit hash of ``ref`` (default: where this branch last met ``main``)."""
    return git("rev-parse", ref) if ref else git("merge-base", "HEAD", "main")


def export_source(commit: str, dest: Path) -> Path:
    """The ``pipeline`` package of ``commit`` under ``dest`` (no git worktree made)."""
    if not (dest / "pipeline").is_dir():
        data = subprocess.run(
            ["git", "archive", commit, "pipeline"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")
    return dest


def gold_corpus(gold: Path, folder: Path) -> Path:
    """Each gold file's text as ``folder/<id>.txt`` (as gold2corpus.py does)."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted(gold.glob("*.json")):
        text = json.loads(p.read_text(encoding="utf-8"))["text"]
        (folder / f"{p.stem}.txt").write_text(text, encoding="utf-8")
    return folder


def long_corpus(folder: Path, chars: int = 45_000) -> Path:
    """One single-line article of about ``chars`` characters (see the module docstring)."""
    # body paragraphs only (a headline or a caption would make the line something else)
    lines = [
        line.strip()
        for path in sample_articles()
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 80 and line.strip()[-1] in ".»"
    ]
    words: list[str] = []
    size = 0
    while size < chars:
        for line in lines:
            words.append(line)
            size += len(line) + 1
            if size >= chars:
                break
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "one-paragraph.txt").write_text(" ".join(words) + "\n", encoding="utf-8")
    return folder


def run_tables(code_root: Path, corpus: Path, out: Path) -> float:
    """Run ``claimtrace run`` with the package under ``code_root``; wall seconds. The
    corpus is given by its name from its parent folder, so the ``path`` column is the
    same whatever the run."""
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    started = time.perf_counter()
    cmd = [sys.executable, "-c", _RUN, "run", corpus.name, "--out", str(out.resolve())]
    proc = subprocess.run(
        [*cmd, "--full", "--no-report"],
        env=env,
        capture_output=True,
        text=True,
        cwd=corpus.parent,
    )
    if proc.returncode not in (0, 1):  # 1: some files had errors, the tables are written
        raise SystemExit(f"claimtrace failed with {code_root}:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - started


def differences(ref: Path, new: Path) -> list[str]:
    """One line per compared file that differs: its name and first differing line."""
    out = []
    for name in COMPARED:
        a, b = ref / name, new / name
        if not a.exists() and not b.exists():
            continue
        if not a.exists() or not b.exists():
            out.append(f"{name}: only in {'new' if b.exists() else 'reference'}")
            continue
        ra, rb = a.read_bytes(), b.read_bytes()
        if ra == rb:
            continue
        la, lb = ra.splitlines(), rb.splitlines()
        k = next(
            (i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y),
            min(len(la), len(lb)),
        )
        show = [(la[k] if k < len(la) else b"<end>"), (lb[k] if k < len(lb) else b"<end>")]
        out.append(
            f"{name}: {len(la)} vs {len(lb)} lines, first difference at line {k + 1}:\n"
            f"  ref: {show[0].decode(errors='replace')[:300]}\n"
            f"  new: {show[1].decode(errors='replace')[:300]}"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="reference commit (default: merge-base with main)")
    parser.add_argument("--n", type=int, default=400, help="benchmark corpus size")
    parser.add_argument("--gold", type=Path, default=GOLD_DEV, help="gold folder for 'dev'")
    parser.add_argument(
        "--only", choices=("dev", "bench", "long"), help="run one corpus instead of all"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "claimtrace-compare",
        help="where reference tables are kept, by commit",
    )
    args = parser.parse_args(argv)
    commit = resolve_ref(args.ref)
    base = args.cache / commit
    ref_code = export_source(commit, base / "src")
    corpora = {
        "dev": lambda d: gold_corpus(args.gold, d),
        "bench": lambda d: build_corpus(args.n, d),
        "long": long_corpus,
    }
    failed = False
    with tempfile.TemporaryDirectory(prefix="compare-") as tmp:
        for name, make in corpora.items():
            if args.only and name != args.only:
                continue
            label = f"bench-{args.n}" if name == "bench" else name
            corpus = Path(tmp) / "corpora" / label
            shutil.rmtree(corpus, ignore_errors=True)
            make(corpus)
            ref_out = base / label
            if not (ref_out / "documents.csv").exists():
                seconds = run_tables(ref_code, corpus, ref_out)
                print(f"{label}: reference tables of {commit[:10]} in {seconds:.0f} s")
            new_out = Path(tmp) / f"{label}-new"
            seconds = run_tables(ROOT, corpus, new_out)
            diffs = differences(ref_out, new_out)
            n_docs = len(list(corpus.glob("*.txt")))
            verdict = "byte-identical" if not diffs else "DIFFERENT"
            print(f"{label}: {n_docs} articles, working tree {seconds:.0f} s: {verdict}")
            for line in diffs:
                print("  " + line)
            failed |= bool(diffs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
