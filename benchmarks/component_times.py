"""Time of every pipeline component over the ``make bench`` texts, in one process.

    .venv/bin/python benchmarks/component_times.py [--n 400]

The texts are those of ``benchmarks/bench.py`` (same sampling, same seed). Each
component runs over all of them in turn (``pipe`` in batches of 16 where it has one),
so its total is measured alone; the tokenizer is timed as ``make_doc``. Printed: seconds
per component, and what claimtrace's components cost next to the model's own
(``fr_core_news_md``: tok2vec, morphologizer, parser, attribute_ruler, lemmatizer, ner).
A shared machine makes single runs noisy: compare shares, not seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import build_corpus  # noqa: E402

MODEL_COMPONENTS = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner")


def component_times(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each component (and ``tokenizer``) over ``texts``."""
    times = {}
    started = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    times["tokenizer"] = time.perf_counter() - started
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=16))
        else:
            docs = [proc(d) for d in docs]
        times[name] = time.perf_counter() - started
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    args = parser.parse_args(argv)
    from pipeline.nlp import build_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(args.n, Path(tmp) / "corpus")
        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    nlp = build_pipeline()
    times = component_times(nlp, texts)
    model = sum(times[k] for k in ("tokenizer", *MODEL_COMPONENTS) if k in times)
    ours = sum(v for k, v in times.items() if k not in ("tokenizer", *MODEL_COMPONENTS))
    for name, seconds in times.items():
        kind = "model" if name in ("tokenizer", *MODEL_COMPONENTS) else "claimtrace"
        print(f"{name:22} {seconds:7.2f} s  {kind}")
    print(f"model {model:.2f} s, claimtrace components {ours:.2f} s = {ours / model:.1%} of it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
