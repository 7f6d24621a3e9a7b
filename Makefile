# One entry point. `make run` and `make test` create the environment first when it is missing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint bench serve clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/timeline run seeds/

test: $(STAMP)
	$(BIN)/python -m pytest -q

# A local Prefect server on 127.0.0.1:4200 (UI there) serving the flow over seeds/ hourly; Ctrl-C stops both.
# Other folders or schedules: SERVE_ARGS='--cron "*/15 * * * *" inbox/'.
SERVE_ARGS ?= seeds/
serve: $(STAMP)
	$(BIN)/python -m flows.serve --start-server $(SERVE_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/throughput.py --articles 2000

lint: $(STAMP)
	$(BIN)/ruff check src flows tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.wal
