# sdkforge — two commands from a fresh clone:
#   make run    set up, then generate every target for the sample spec into generated/
#   make test   set up (Python venv, pinned node packages, Debian packages) and run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPEC := spec/openai-uploads.yaml
APT_PACKAGES := ruby chromium
PYTEST_ARGS ?=
# one Go build cache for every test that compiles Go: the standard library is compiled once
export SDKFORGE_GOCACHE ?= $(CURDIR)/.cache/go-build

.PHONY: run test setup compiled corpus corpus-report fuzz bench clean system-deps

run: compiled
	@echo "generate: $(SPEC) -> generated/"
	@$(BIN)/sdkforge generate $(SPEC)

# every test, the fuzzer's few hundred derandomized cases included (`make fuzz` runs 10 000)
test: compiled node_modules/.installed system-deps
	$(BIN)/pytest -q $(PYTEST_ARGS)

setup: compiled node_modules/.installed system-deps

# what a regular (non-editable) install does: modules compiled to __pycache__, and the built-in
# templates compiled beside them (templates/__pycache__); both are checked against their sources
# when used, so an edit since is compiled again, only slower
compiled: $(VENV)/.installed
	@echo "setup: compiling sdkforge and its templates"
	@$(BIN)/python -m compileall -q generator
	@$(BIN)/python -m sdkforge.render >/dev/null

# pip's and setuptools' output goes to $(VENV)/install.log, shown in full when the install fails
$(VENV)/.installed: pyproject.toml
	@echo "setup: installing sdkforge (editable) and its dev tools into $(VENV) (log: $(VENV)/install.log)"
	@$(PYTHON) -m venv $(VENV)
	@{ $(BIN)/pip install -q --upgrade pip && $(BIN)/pip install -q -e '.[dev]'; } >$(VENV)/install.log 2>&1 \
	  || { cat $(VENV)/install.log; echo "setup: pip install failed (log above)"; exit 1; }
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the tests drive (ruby for the Ruby SDK, chromium for the docs site).
system-deps:
	@missing=""; for pkg in $(APT_PACKAGES); do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# every real-world spec in ../shared/specs/real (the quick ones also run in `make test`)
corpus: $(VENV)/.installed node_modules/.installed system-deps
	SDKFORGE_CORPUS=full $(BIN)/pytest -q -m corpus $(PYTEST_ARGS)

# benchmarks/CORPUS.md: per spec coverage, warnings, renames, time and the checks of the last `make corpus`
corpus-report: $(VENV)/.installed
	$(BIN)/python benchmarks/corpus_report.py

# the fuzzer at full length (make test runs a few hundred examples)
fuzz: $(VENV)/.installed node_modules/.installed system-deps
	SDKFORGE_FUZZ_EXAMPLES=10000 $(BIN)/pytest -q tests/test_fuzz.py $(PYTEST_ARGS)

# the benchmark suite; writes benchmarks/RESULTS.md
bench: compiled node_modules/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache build dist
