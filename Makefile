# claimtrace: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= corpus
OUT    ?= outputs

.PHONY: run test lint format bench eval clean screenshot

# The environment is (re)built when pyproject.toml changes.
$(BIN)/claimtrace: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

run: $(BIN)/claimtrace
	$(BIN)/claimtrace run $(CORPUS) --out $(OUT)

test: $(BIN)/claimtrace
	$(BIN)/python -m pytest -q

lint: $(BIN)/claimtrace
	$(BIN)/ruff check pipeline tests benchmarks tools conftest.py
	$(BIN)/ruff format --check pipeline tests benchmarks tools conftest.py

format: $(BIN)/claimtrace
	$(BIN)/ruff check --fix pipeline tests benchmarks tools conftest.py
	$(BIN)/ruff format pipeline tests benchmarks tools conftest.py

# docs/s, tokens/s vs plain spaCy, --workers 2, peak RSS at N=400 and 2000 (< 10 min on
# 2 cores) → outputs/bench.json
bench: $(BIN)/claimtrace
	$(BIN)/python benchmarks/bench.py

eval: $(BIN)/claimtrace
	$(BIN)/claimtrace eval ../shared/eval/dev --verbose

# a PNG of the review page (outputs/ is git-ignored), with Debian's chromium
screenshot:
	test -f $(OUT)/report.html || $(MAKE) run
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
	  --user-data-dir=$$(mktemp -d) --window-size=1280,2400 \
	  --screenshot=$(abspath $(OUT))/report.png file://$(abspath $(OUT))/report.html

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
