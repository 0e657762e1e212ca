# Set-up and checks. `make test` is the README's test command and what .ci/run calls.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint bench bench-readme clean browser
# apt-get needs root; elsewhere sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(VENV)/.tflm-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# spflow (a test extra) needs torch; this pin takes the CPU build on local disk, not a CUDA download.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo:
	$(PYTHON) -m venv $(VENV) && $(PY) -m pip install -q . && $(VENV)/bin/tflm localize examples/shop

lint: $(VENV)/.tflm-test
	$(PY) -m ruff check tflm tests benchmarks
	$(PY) -m ruff format --check tflm tests benchmarks
	$(PY) -m mypy

# The HTML report is tested in real headless Chromium (Debian packages), installed here when missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  ($(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium chromium-driver)

# Two xdist workers (the CI machine has two cores), a test file per worker at a time: the tests of one file
# share module fixtures and any folder outside tmp_path (see tests/conftest.py).
test: lint browser
	$(PY) -m pytest -n 2 --dist loadfile --durations=15

# The accuracy tables of benchmarks/README.md: extracts the native corpus and a QuixBugs checkout (a path you
# give; it is never committed) if needed — both resume — then native cross-validation and the QuixBugs
# zero-shot run, and last rewrites benchmarks/README.md from its template and benchmarks/results/.
QUIXBUGS ?= ../shared/corpora/quixbugs
bench: $(VENV)/.tflm-test
	$(VENV)/bin/tflm corpus extract corpora/native --out data/native
	$(VENV)/bin/tflm corpus extract $(QUIXBUGS) --out data/quixbugs
	$(PY) benchmarks/accuracy.py --dataset data/native
	$(PY) benchmarks/accuracy.py --dataset data/native --test-dataset data/quixbugs --out benchmarks/results/quixbugs
	$(PY) benchmarks/write_readme.py

# benchmarks/README.md alone, after a benchmark script wrote new results (standard library only).
bench-readme:
	$(PYTHON) benchmarks/write_readme.py

clean:
	rm -rf $(VENV) build *.egg-info
