# The course's two commands are `make book` and `make test` (see README.md).
# Everything else here is a convenience for people working on the course.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_READY := node_modules/.package-lock.json
# The sector's CIN and SSDA903 validators pin an older pandas: their own environment, for tests.
VALIDATORS := .venv-validators
VALIDATORS_READY := $(VALIDATORS)/.installed
# Debian packages the browser tests need; installed only when Chromium is missing.
APT_PACKAGES := chromium fonts-dejavu-core

.PHONY: book test bench handouts serve lab env lock clean

# myst-nb caches an executed lab by its code cells alone. What a lab prints also depends on the
# committed data and the library it imports, so when either changes the cache goes and every lab
# runs again: a regenerated synthetic_data/ can never leave a page quoting the old figures.
LAB_INPUTS := synthetic_data/brackenfold/manifest.json $(shell find src/childinfo -name '*.py' -o -name '*.csv')
EXECUTED_WITH := _build/.labs-executed-with

## book: create the environment, install everything, execute every lab and build the site.
book: $(INSTALLED) $(NODE_READY) $(EXECUTED_WITH)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The site is in _build/html. Open _build/html/index.html in a browser,"
	@echo "or run 'make serve' and visit http://127.0.0.1:8000/."

$(EXECUTED_WITH): $(LAB_INPUTS)
	rm -rf _build/.jupyter_cache _build/jupyter_execute
	mkdir -p _build && touch $@

## test: the linter, then the whole test suite on both cores, including a fresh build of the site
## checked in Chromium (tests/conftest.py keeps tests that share a build on one worker).
test: $(INSTALLED) $(NODE_READY) $(VALIDATORS_READY) chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n 2

## bench: build-time, notebook and page-weight figures (not pass/fail; see bench/README.md).
bench: $(INSTALLED) $(NODE_READY) chromium
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

## handouts: print the one-page unit handouts to _build/handouts.pdf (after make book).
handouts: $(INSTALLED) chromium
	$(BIN)/childinfo handouts --site _build/html --out _build/handouts.pdf --force

## serve: serve the built site on this machine only, at http://127.0.0.1:8000/.
serve:
	$(BIN)/python -m http.server --directory _build/html --bind 127.0.0.1 8000

## lab: open the labs in JupyterLab.
lab: $(INSTALLED)
	$(BIN)/jupyter lab notebooks/

## env: everything `make test` needs, the sector validators' own environment included.
env: $(INSTALLED) $(NODE_READY) $(VALIDATORS_READY)

## lock: re-resolve requirements.lock from the exact pins in pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet ".[book,lab,test]"
	(echo "# Every Python package the course installs, pinned. Regenerate with: make lock"; \
	 .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v "^childinfo") > requirements.lock
	rm -rf .lock-venv

$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

## .venv-validators: the sector's validators, used by tests/test_synth_sector_validators.py.
$(VALIDATORS): $(VALIDATORS_READY)

$(VALIDATORS_READY): requirements-validators.lock
	$(PYTHON) -m venv $(VALIDATORS)
	$(VALIDATORS)/bin/python -m pip install --quiet -r requirements-validators.lock
	touch $@

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

.PHONY: chromium
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "Installing Debian's Chromium for the browser tests..."; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi

clean:
	rm -rf _build
