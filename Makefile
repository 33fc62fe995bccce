# KommSocial: the two commands are `make start` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kommsocial-installed
JOBS   ?= 2
# Optional port for start and apps, e.g. `make start PORT=9000` (a busy port moves on to the next free one).
PORT   ?=
PORT_ARG := $(if $(PORT),--port $(PORT))
# Tools of the venv (jupyter, alembic for nbgrader, kommsocial) come first.
export PATH := $(abspath $(VENV))/bin:$(PATH)

.PHONY: start test bench exercises apps clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## start: set up .venv and start JupyterLab (German UI) with the course and Voilà (PORT=… for another port)
start: $(STAMP)
	$(VENV)/bin/kommsocial lab $(PORT_ARG)

## apps: serve the Voilà apps for self-learners (no code shown)
apps: $(STAMP)
	$(VENV)/bin/kommsocial apps $(PORT_ARG)

## test: set up .venv (Chromium, bubblewrap, PostgreSQL, JupyterHub proxy), run the whole test suite, list the 25 slowest tests
test: $(STAMP)
	bash scripts/ensure-chromium
	bash scripts/ensure-bubblewrap
	bash scripts/ensure-postgresql
	bash scripts/ensure-chp
	$(PY) -m pytest -n $(JOBS) -p no:cacheprovider --durations=25

## bench: run the benchmarks and print ratios against their baselines
bench: $(STAMP)
	$(PY) benchmarks/run.py

## exercises: regenerate exercises/ from solutions/ with nbgrader
exercises: $(STAMP)
	$(PY) -m kommsocial.seminar.generate

## handouts: print a PDF handout per module and the trainer guide into build/handouts/ (no network)
.PHONY: handouts
handouts: $(STAMP)
	bash scripts/ensure-chromium
	$(VENV)/bin/kommsocial seminar handouts --ausgabe build/handouts

clean-venv:
	rm -rf $(VENV)
