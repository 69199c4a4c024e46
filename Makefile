# One command for the demo, one for the tests. Each creates and uses .venv by itself.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint messages bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Jaring butuh Python 3.11 atau lebih baru."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/jaring demo

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

messages: $(STAMP)
	cd jaring && ../$(BIN)/jaring makemessages -l id --no-obsolete --add-location file && ../$(BIN)/jaring compilemessages -l id

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_regions.py
	$(BIN)/python benchmarks/bench_generator.py --population 50000 750000
	$(BIN)/python benchmarks/bench_people_list.py --population 750000

clean:
	rm -rf $(VENV) var
