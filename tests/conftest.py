"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The full claimtrace pipeline (fr_core_news_md + components), built once."""
    from pipeline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_text() -> str:
    return (CORPUS / "kim-obus-2025.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """The tables of a run over corpus/, made once for the end-to-end tests."""
    from pipeline.batch import run_corpus

    out = tmp_path_factory.mktemp("outputs")
    run_corpus(CORPUS, out)
    return out
