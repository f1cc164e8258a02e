# Two commands do everything on a fresh machine:
#   make serve   install, build the site with the browser validator, serve it on 127.0.0.1:8000
#   make test    install everything (Debian's chromium included) and run the whole suite
# Everything else is a step of those two.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# pyodide-lock needs Python >= 3.12; .python-version asks pyenv for 3.13 where pyenv is used.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

PY_SOURCES := $(shell find generator -name '*.py' -o -name '*.json' -o -name '*.j2' 2>/dev/null)
POLICIES := $(shell find policies -type f 2>/dev/null)
EXAMPLE_FILES := $(shell find examples -type f 2>/dev/null)
WEB_SOURCES := $(wildcard web/*.js web/*.mjs)

.PHONY: help setup serve site schemas test test-fast lint html-check check chromium java wheels bench clean mutation

help:
	@echo "make serve   build the site and the offline validator, serve at http://$(HOST):$(PORT)"
	@echo "make test    install everything (chromium too) and run the whole test suite"
	@echo "make lint    ruff, yamllint and the definition checks"
	@echo "make html-check  the Nu Html Checker (vnu) over every built page"
	@echo "make schemas regenerate schemas/ from policies/"

# ---- installation ---------------------------------------------------------------------
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade "pip>=25"
	$(PIP) install "setuptools==80.9.0"
	$(PIP) install --no-build-isolation -e ".[site,bundle,dev]"
	touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	# npm ci installs exactly the lock and never rewrites it (a fresh clone stays clean).
	cd web && npm ci --no-audit --no-fund
	touch $@

# Pure-Python wheels the browser loads (PyPI), and the stand-in for rpds-py (web/rpds-shim).
build/wheels/.done: web/browser-requirements.txt web/rpds-shim/pyproject.toml web/rpds-shim/rpds/__init__.py $(VENV)/.installed
	rm -rf build/wheels && mkdir -p build/wheels
	$(PIP) download --quiet --only-binary=:all: --no-deps -d build/wheels -r web/browser-requirements.txt
	$(PIP) wheel --quiet --no-deps --no-build-isolation -w build/wheels web/rpds-shim
	touch $@

# This project's own wheel: the very module the CLI runs, for the browser.
build/app/.done: $(PY_SOURCES) pyproject.toml $(VENV)/.installed
	rm -rf build/app build/lib && mkdir -p build/app
	$(PIP) wheel --quiet --no-deps --no-build-isolation -w build/app .
	touch $@

wheels: build/wheels/.done build/app/.done

setup: $(VENV)/.installed web/node_modules/.installed wheels

# Debian's chromium for the browser tests (Playwright cannot download browsers here),
# poppler-utils (pdftotext, pdfinfo) to read back the papers Chromium prints to PDF, and
# LibreOffice's Writer (soffice) to print the .docx papers to PDF as a bureau would open them.
chromium:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null || ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils libreoffice-writer-nogui; \
	fi

# Java for the Nu Html Checker (vnu, the npm package vnu-jar in web/): Debian's headless JRE.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends default-jre-headless; \
	fi

# ---- build ----------------------------------------------------------------------------
schemas: $(VENV)/.installed
	$(VENV)/bin/policy-site schemas --out schemas

site/.built: $(VENV)/.installed web/node_modules/.installed build/wheels/.done build/app/.done $(POLICIES) $(PY_SOURCES) $(EXAMPLE_FILES) $(WEB_SOURCES) mkdocs.yml $(shell find overrides -type f) $(shell find docs/assets docs/guide -type f)
	$(VENV)/bin/policy-site pages --out docs
	$(VENV)/bin/mkdocs build --quiet -f mkdocs.site.yml  # mkdocs.yml + the generated nav
	$(VENV)/bin/policy-site search-index site  # one search index per language, no maintainers' pages
	$(VENV)/bin/policy-site bundle --site site --wheels build/wheels --app-wheel "$$(ls build/app/*.whl)"
	$(VENV)/bin/policy-site csp site  # Content-Security-Policy with each page's inline-script hashes
	node web/build-sw.mjs site
	touch $@

site: site/.built

serve: site
	@echo "Serving http://$(HOST):$(PORT)/ (English: http://$(HOST):$(PORT)/en/); Ctrl-C stops."
	$(PY) -m http.server --bind $(HOST) --directory site $(PORT)

# ---- checks ---------------------------------------------------------------------------
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check generator tests bench
	$(VENV)/bin/ruff format --check generator tests bench
	$(VENV)/bin/vulture  # dead code; settings and allowlist in pyproject.toml
	$(VENV)/bin/yamllint --strict policies examples
	$(VENV)/bin/policy-site lint

test: setup chromium java site
	$(VENV)/bin/pytest

# Without the browser tests, for a quick loop. Some tests read the built pages: the site is
# built first (again only when a source changed).
test-fast: setup java site
	$(VENV)/bin/pytest -m "not browser"

# Every built page is valid HTML: any error, or any warning but those tests/vnu-filter.txt lets
# pass (each with its reason), fails. tests/test_site_html.py checks a page of each kind.
html-check: java site
	java -jar web/node_modules/vnu-jar/build/dist/vnu.jar --Werror --filterfile tests/vnu-filter.txt --skip-non-html site

check: lint lint-workflows html-check test

# The rule engine's mutation score (mutmut, pinned in the dev extra; not part of make test):
# generator/core/kinds/, engine.py and inputs.py mutated, the fast tests run against each
# mutant ([tool.mutmut] in pyproject.toml). Niced, MUTATION_JOBS processes. The default is a
# reproducible sample of MUTATION_SAMPLE mutants (ranked by a hash of MUTATION_SEED and each
# name: tests/_mutation_sample.py); MUTATION_SAMPLE= runs every mutant (about
# 2,900: about 20 minutes on 2 cores); MUTANTS='generator.core.engine.x_in_force*' runs those alone.
# Prints the score overall and per file, then each mutant not killed (mutmut show NAME).
MUTATION_JOBS ?= 2
MUTATION_SAMPLE ?= 600
MUTATION_SEED ?= 21
MUTANTS ?=
mutation: setup
	rm -rf mutants
	set -f; names="$(MUTANTS)"; \
	if [ -z "$$names" ] && [ -n "$(MUTATION_SAMPLE)" ]; then \
	  names=$$($(PY) -m tests._mutation_sample names $(MUTATION_SAMPLE) $(MUTATION_SEED)) || exit 1; \
	fi; \
	time nice -n 19 $(VENV)/bin/mutmut run --max-children $(MUTATION_JOBS) $$names | tr "\r" "\n" | grep -a "mutations/second" || true
	$(VENV)/bin/mutmut results --all true | $(PY) -m tests._mutation_sample score

clean:
	rm -rf site build .pytest_cache test-results

# Benchmarks (make bench) live in bench/bench.mk; publishing checks in ci.mk.
-include bench/bench.mk
-include ci.mk
