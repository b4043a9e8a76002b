# claimtrace: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= corpus
OUT    ?= outputs

.PHONY: run test lint format bench eval clean

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
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/ruff format --check pipeline tests benchmarks

format: $(BIN)/claimtrace
	$(BIN)/ruff check --fix pipeline tests benchmarks
	$(BIN)/ruff format pipeline tests benchmarks

eval: $(BIN)/claimtrace
	$(BIN)/claimtrace eval ../shared/eval/dev --verbose

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
