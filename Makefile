# Two commands for a newcomer: `make run` and `make test`. Both create the virtualenv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= var/index
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test install index bench screenshots load clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

$(INDEX)/CURRENT: | $(STAMP)
	$(BIN)/telusur index seeds --index $(INDEX)

index: $(STAMP)
	$(BIN)/telusur index seeds --index $(INDEX)

run: $(STAMP) $(INDEX)/CURRENT
	$(BIN)/telusur serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.index_clickid
	$(BIN)/python -m bench.search_latency --scale 1
	$(BIN)/python -m bench.relevance

screenshots: $(STAMP)
	$(BIN)/python -m bench.screenshots

load: $(STAMP)
	$(BIN)/python -m bench.load_test --index bench/out/index-x1-light --attackers --during-rebuild

clean:
	rm -rf $(VENV) var build *.egg-info
