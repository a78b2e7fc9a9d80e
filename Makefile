# newsreader: `make run` opens the app on the bundled samples; `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench corpus clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsreader needs Python 3.11 or newer (set PYTHON=...)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsreader

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Three workers on two cores: the TUI tests spend much of their time waiting on events
# (2 min 47 s here, against 3 min 24 s on two workers).
test: lint
	$(BIN)/python -m pytest -n 3

corpus: $(STAMP)
	$(BIN)/python -m pytest -n 3 -m corpus

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/read_bench.py
	$(BIN)/python benchmarks/store_bench.py
	$(BIN)/python benchmarks/hostile_bench.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
