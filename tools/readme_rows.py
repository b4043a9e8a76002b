"""The example rows of the README's "Reading the tables", made from a run's tables.

    make run && .venv/bin/python tools/readme_rows.py outputs --write README.md

rewrites the blocks between ``<!-- readme-rows:NAME -->`` and ``<!-- /readme-rows -->``;
without ``--write`` it prints them. ``tests/test_readme_rows.py`` checks that the README
holds exactly what this script makes from a run over ``corpus/`` (what ``make run``
does), so the README's rows are always real output.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.export import read_table  # noqa: E402

#: Claims shown, found by words of their content (claim ids move when the pipeline
#: improves; these statements stay in the sample article).
CLAIM_PHRASES = (
    "avait salué",
    "environ 15 000 soldats",
    "fournir à la Russie",
    "rien n'indique",
    "aurait probablement compensé",
)
CLAIM_COLUMNS = [
    "claim_id",
    "text",
    "cue",
    "attribution",
    "source_text",
    "source_id",
    "source_type",
    "certainty",
    "negated",
]
FIGURE_COLUMNS = [
    "figure_id",
    "text",
    "value",
    "unit",
    "approx",
    "qualifier",
    "category",
    "claim_id",
    "source_id",
]
MAX_TEXT = 80  # characters of a claim's text shown
BLOCK = re.compile(r"(<!-- readme-rows:(\w+) -->\n)(.*?)(<!-- /readme-rows -->)", re.S)


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with an ellipsis.

    >>> shorten("la Corée du Nord a envoyé environ 15 000 soldats en Russie", 30)
    'la Corée du Nord a envoyé …'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit - 1)] + " …"


def markdown_table(columns: list[str], rows: list[dict]) -> str:
    def cell(value: str) -> str:
        return value.replace("|", "\\|")

    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(cell(r[c]) for c in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def blocks(out_dir: Path) -> dict[str, str]:
    """The README blocks, by name, from the tables of ``out_dir``."""
    claims = read_table(out_dir, "claims")
    chosen = [c for c in claims if any(p in c["text"] for p in CLAIM_PHRASES)]
    chosen = [c | {"text": shorten(c["text"])} for c in chosen]
    figures = read_table(out_dir, "figures")
    return {
        "claims": markdown_table(CLAIM_COLUMNS, chosen),
        "figures": markdown_table(FIGURE_COLUMNS, figures),
    }


def rewrite(readme: str, made: dict[str, str]) -> str:
    """``readme`` with every block replaced by the one made from the tables."""
    return BLOCK.sub(lambda m: m[1] + made.get(m[2], m[3]) + m[4], readme)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="outputs", type=Path)
    parser.add_argument("--write", type=Path, help="README file to rewrite in place")
    args = parser.parse_args()
    made = blocks(args.out)
    if args.write:
        args.write.write_text(rewrite(args.write.read_text(encoding="utf-8"), made), "utf-8")
    else:
        for name, block in made.items():
            print(f"{name}:\n{block}")


if __name__ == "__main__":
    main()
