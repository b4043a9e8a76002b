"""Docstring examples (``--doctest-modules`` over pipeline/) that need the model find it as
``nlp``: the full pipeline, loaded once per test session and only for those examples."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _model_for_doctests(request: pytest.FixtureRequest) -> None:
    if not isinstance(request.node, pytest.DoctestItem):
        return
    if any("nlp" in example.source for example in request.node.dtest.examples):
        from pipeline.nlp import load_pipeline

        request.getfixturevalue("doctest_namespace")["nlp"] = load_pipeline()
