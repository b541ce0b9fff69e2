# Two commands for a newcomer: `make run` and `make test`. Everything the project needs is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
EVENTS := data/events.parquet
PORT   ?= 8501

.PHONY: run test build system-deps clean bench

run: $(EVENTS)
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

test: $(DEV) system-deps
	$(PY) -m pytest

build: $(EVENTS)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	# the project itself, editable: the `timeline` command works from any folder
	$(PY) -m pip install -q --no-deps -e .
	touch $@

$(DEV): requirements-dev.txt $(STAMP)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# Rebuild the events when they are missing or older than the articles or the pipeline.
$(EVENTS): $(STAMP) $(wildcard seeds/*) $(shell find pipeline -name '*.py' 2>/dev/null) $(shell find pipeline/data -type f 2>/dev/null)
	$(PY) -m pipeline build seeds --out $@

# Debian's Chromium for static chart export and the browser test: installed when root and missing.
system-deps:
	@bash scripts/system-deps.sh

bench: $(DEV)
	$(PY) bench/tempeval.py

clean:
	rm -rf $(VENV) data .pytest_cache
