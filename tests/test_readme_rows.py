"""The README's example rows are real output: what tools/readme_rows.py makes from a run
over corpus/ (what `make run` does)."""

from __future__ import annotations

import doctest
import importlib.util

from .conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("readme_rows", ROOT / "tools" / "readme_rows.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_rows_match_a_run_over_the_corpus(sample_out):
    script = _script()
    assert doctest.testmod(script).failed == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    made = script.blocks(sample_out)
    assert set(made) == {m[2] for m in script.BLOCK.finditer(readme)}
    assert all(block.count("\n") > 3 for block in made.values())  # the rows were found
    assert script.rewrite(readme, made) == readme, (
        "README rows are stale: run `make run && .venv/bin/python tools/readme_rows.py "
        "outputs --write README.md`"
    )
