# Two commands matter:  `make run` (set up and chat)  and  `make test` (set up and test everything).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/claims.tar.gz
# python3.10 from PATH, else from pyenv; Rasa 3.6 supports Python 3.8-3.10 only.
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && echo $$p && break; done)

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export TF_INTER_OP_PARALLELISM_THREADS := 2
export TF_INTRA_OP_PARALLELISM_THREADS := 2
export PYTHONHASHSEED := 0

.PHONY: run run-scaled setup db train validate test test-python test-conversations bench clean help

help:
	@echo "make run    set up everything and chat with the assistant in this terminal"
	@echo "make run-scaled  the same with 2 Rasa + 2 action servers on the local PostgreSQL and Redis"
	@echo "make test   set up everything and run all checks and tests (what CI runs)"
	@echo "make bench  measure training time, parse latency, round trips and memory"
	@echo "make bench-load  load benchmark through the gateway, beside a bare Rasa baseline"
	@echo "make bench-nlu   NLU cross-validation per language, one model vs Chinese-only (~25 min)"

$(VENV)/.installed: requirements.txt
	@test -n "$(PYTHON310)" || { echo "✗ Python 3.10 not found (install it, e.g. 'pyenv install 3.10')"; exit 1; }
	@test -x $(PY) || { echo "… creating the virtual environment with $(PYTHON310)"; $(PYTHON310) -m venv $(VENV); }
	@echo "… installing pinned dependencies (first time: a few minutes)"
	@$(PY) -m pip install -q --upgrade pip wheel
	@$(PY) -m pip install -q -r requirements.txt
	@touch $@
	@echo "✓ dependencies installed"

setup: $(VENV)/.installed

db: setup
	@$(PY) -m bot migrate
	@$(PY) -m bot seed

# Rasa compares the data's fingerprint with the last model and skips unchanged training.
train: setup
	@echo "… training the model if the training data changed"
	@$(RASA) train --fixed-model-name claims --out models --quiet
	@echo "✓ model ready: $(MODEL)"

run: db train
	@$(PY) -m bot up

# Scale-out mode on one machine (README "Scale-out"): creates the PostgreSQL databases claims and
# claims_tracker if missing, migrates and seeds, then runs RASA_INSTANCES (default 2) Rasa + action-server pairs.
run-scaled: train
	@$(PY) -m bot up --scaled

validate: setup
	@echo "… validating domain and training data"
	@$(RASA) data validate --fail-on-warning --quiet

test-python: setup
	@$(PY) -m pytest

test-conversations: train
	@echo "… Rasa conversation tests"
	@$(RASA) test core --stories tests/conversations --fail-on-prediction-errors --out results --quiet

test: validate train test-python test-conversations
	@echo "✓ all checks and tests passed"

bench: db train
	@$(PY) benchmarks/bench.py

clean:
	rm -rf var models results .pytest_cache

# Load benchmark (prints figures, asserts nothing): e.g. make bench-load BENCH_LOAD_ARGS="--levels 1,10,20 --mode both"
.PHONY: bench-load
bench-load: train
	@$(PY) benchmarks/load.py $(BENCH_LOAD_ARGS)

# NLU cross-validation per language (prints figures, asserts nothing; ~25 min on 2 cores):
# e.g. make bench-nlu BENCH_NLU_ARGS="--folds 5 --epochs 20"
.PHONY: bench-nlu
bench-nlu: setup
	@nice $(PY) benchmarks/nlu_cv.py $(BENCH_NLU_ARGS)
