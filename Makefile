# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint format lab bench bench-room bench-writes bench-capacity bench-programme bench-phone clean template-link

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run pip only when pyproject.toml changes.
$(VENV)/.kit: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(MAKE) --no-print-directory template-link
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory template-link
	touch $@ $(VENV)/.kit

# An editable install skips data files: link the report template where nbconvert finds
# templates by name (a wheel install puts it there itself).
NBC_TEMPLATES := $(VENV)/share/jupyter/nbconvert/templates
template-link: | $(BIN)/python
	mkdir -p $(NBC_TEMPLATES)
	ln -sfn $(CURDIR)/templates/cocreate_report $(NBC_TEMPLATES)/cocreate_report

demo: $(VENV)/.kit  ## start a live workshop on the sample data (Ctrl-C stops it)
	$(BIN)/cocreate demo $(if $(PORT),--port $(PORT)) $(if $(ROOM),--room $(ROOM))

test: $(VENV)/.test  ## lint, unit tests, notebooks (nbval) and real-browser tests
	$(BIN)/ruff check cocreate_kit tests benchmarks
	$(BIN)/ruff format --check cocreate_kit tests benchmarks
	$(BIN)/mypy
	tmp=$$(mktemp -d) && COCREATE_DB="sqlite:///$$tmp/nbval.db" $(BIN)/python -m pytest --durations=20 \
	  --nbval --nbval-sanitize-with tests/files/nbval-sanitize.cfg tests notebooks/exercises notebooks/analysis

lint: $(VENV)/.test
	$(BIN)/ruff check cocreate_kit tests benchmarks
	$(BIN)/mypy

format: $(VENV)/.test
	$(BIN)/ruff format cocreate_kit tests benchmarks
	$(BIN)/ruff check --fix cocreate_kit tests benchmarks

lab: $(VENV)/.kit  ## JupyterLab for the exercise notebooks
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

bench: $(VENV)/.kit  ## print the report timings for a 30-person, 1,000-entry workshop
	$(BIN)/python benchmarks/report_speed.py

bench-room: $(VENV)/.kit  ## print the full-room figures: join burst, board latency, flat ticks, kernel memory
	$(BIN)/python benchmarks/room.py

bench-writes: $(VENV)/.test  ## print save latency p50/p95/p99 with 50 writers (SQLite; PostgreSQL with COCREATE_TEST_POSTGRES)
	$(BIN)/python benchmarks/writes.py

bench-capacity: $(VENV)/.test  ## print participants per server, one vs two servers on one PostgreSQL (COCREATE_TEST_POSTGRES)
	cd benchmarks && ../$(BIN)/python capacity.py

bench-programme: $(VENV)/.kit  ## print the programme figures: 40 collaborations × 4 sessions, report times (with PDFs), board ratio
	$(BIN)/python benchmarks/programme.py

bench-phone: $(VENV)/.test  ## print page weight and a burst of 20 real Chromium pages, the kit beside bare Voila
	$(BIN)/python benchmarks/phone.py

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm demo.db-writers demo.db-turns .pytest_cache
