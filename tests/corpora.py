"""Small corpora written by tests: one text file per article."""

from __future__ import annotations

from pathlib import Path


def write_corpus(root: Path, articles: dict[str, str]) -> Path:
    """``{doc_id: text}`` as ``root/doc_id.txt`` files (doc_ids may hold folders)."""
    for doc_id, text in articles.items():
        path = root / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    root.mkdir(parents=True, exist_ok=True)
    return root


def numbered_corpus(root: Path, template: str, n: int, first: int) -> Path:
    """``n`` articles ``d0``… whose texts differ by their number: ``template`` with
    ``{n}`` = ``first``, ``first + 1``…"""
    return write_corpus(root, {f"d{i}": template.format(n=first + i) for i in range(n)})
