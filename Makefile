# Safe in Police Hands? -- the two commands a researcher needs: `make report`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EDITION ?= 2016
CORES ?= 2
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

# Variables the targets read. A variable given on the command line that is not one of these
# is a mistake (make would ignore it silently: `make report EDITON=2017` built 2016).
KNOWN_VARIABLES := EDITION FROM KEY RECORD ALL RAW RESULTS OUT ALLOW_PROBLEMS CODER FILE N LIMITS \
  SCALES RUNS AGAINST CORES PYTHON VENV
GIVEN_VARIABLES := $(foreach v,$(.VARIABLES),$(if $(filter command line,$(origin $(v))),$(v)))
UNKNOWN_VARIABLES := $(filter-out $(KNOWN_VARIABLES),$(GIVEN_VARIABLES))
ifneq ($(UNKNOWN_VARIABLES),)
$(error $(shell $(PYTHON) -c 'import difflib, sys; known = sys.argv[1].split(); \
  print("; ".join(f"unknown make variable {v}" + "".join(f" (did you mean {m}?)" for m in ([v.upper()] if v.upper() in known else difflib.get_close_matches(v.upper(), known, 1, 0.6))) for v in sys.argv[2].split()) + ". Known: " + ", ".join(known))' \
  '$(KNOWN_VARIABLES)' '$(UNKNOWN_VARIABLES)'))
endif

# EDITION is one folder name (make would pass 'EDITION=20 16' on as two words)
ifneq ($(words $(EDITION)),1)
$(error EDITION must be one edition id such as 2016 (given: '$(EDITION)'))
endif

# yes/no variables (ALL, ALLOW_PROBLEMS): 1, yes, true or on; anything else is no
yes = $(filter 1 yes true on,$(shell echo '$(1)' | tr A-Z a-z))

# Snakemake, without the line it prints about the workflow profile it always uses (profiles/default)
snakemake = set -o pipefail; { $(BIN)/snakemake $(1) 2>&1 1>&3 | sed -u '/^Using workflow specific profile/d' >&2; } 3>&1

.PHONY: lock verify validate-crate crossval coding-sample coding-import review review-sheet review-import help report test test-slow sample-edition bless baseline data-log contracts-doc trace new-edition bench first-hour bench-big-files check-reproducible lint envs workflow-report system-check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

$(STAMP): requirements/runtime.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version)). Set PYTHON=python3.11"; exit 1; }
	@test -d $(VENV) || { echo "Creating $(VENV) ..."; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the pipeline's pinned packages (requirements/runtime.txt) into $(VENV) (the first time only) ..."
	@$(BIN)/pip install -qq --upgrade pip
	@$(BIN)/pip install -qq --progress-bar off --require-hashes -r requirements/runtime.txt
	@# the editable install points the venv at this checkout: only when the venv is its own (a test's copy
	@# of the project or a git worktree that borrows another checkout's venv must not take it over)
	@# (realpath in the shell: make expands a recipe before its first line creates the venv)
	@if [ "$$(realpath $(VENV))" = "$(CURDIR)/.venv" ]; then \
	  $(BIN)/pip install -qq --no-deps --config-settings editable_mode=compat -e . >/dev/null 2>&1 || $(BIN)/pip install --no-deps -e .; fi
	@echo "Installed: $$($(BIN)/pip freeze | wc -l) packages."
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements/dev.txt
	@echo "Installing the test and lint tools (requirements/dev.txt) into $(VENV) ..."
	@$(BIN)/pip install -qq --progress-bar off --require-hashes -r requirements/dev.txt
	@touch $(DEV_STAMP)

lock: $(DEV_STAMP) ## Regenerate the lock files requirements/*.txt from pyproject.toml (uv; keeps the pins it can)
	@for part in runtime dev cluster; do \
	  $(BIN)/uv pip compile pyproject.toml $$( [ $$part = runtime ] || echo --extra $$part ) --python-version 3.11 \
	    --generate-hashes --no-header -q -o requirements/$$part.txt && echo "wrote requirements/$$part.txt"; done

system-check: $(STAMP) ## Check the system libraries the PDF's bytes depend on (envs/system-packages.txt)
	@$(BIN)/python -m policebreaches.syscheck

report: system-check ## Build the report for EDITION (default 2016): one line per stage, then the PDF's path
	@$(call snakemake,--cores $(CORES) --config edition=$(EDITION) $(if $(LIMITS),'limits=$(LIMITS)') \
	  $(if $(ALLOW_PROBLEMS),allow_problems=$(if $(call yes,$(ALLOW_PROBLEMS)),true,false)) --logger brief)
	@echo "Report: $(CURDIR)/results/$(EDITION)/report.pdf"

test: system-check $(DEV_STAMP) ## Run the test suite (without the few slow end-to-end tests: make test-slow)
	$(BIN)/python -m pytest -q -m "not slow" -n $(CORES) --dist loadscope

test-slow: system-check $(DEV_STAMP) ## The slow end-to-end tests (second builds, scaled editions, browser); CI runs them
	$(BIN)/python -m pytest -q -m slow

sample-edition: $(STAMP) $(DEV_STAMP) ## Regenerate raw/2016 and its true labels from the seeded generator
	rm -rf raw/2016 tests/truth/2016
	$(BIN)/python scripts/make_sample_edition.py raw/2016 tests/truth/2016
	@$(BIN)/python -m policebreaches.cli data-log

bless: $(STAMP) ## Rewrite raw/EDITION/SHA256SUMS after a deliberate change to its files (and the data log)
	@$(BIN)/python -m policebreaches.cli bless $(EDITION)
	@$(BIN)/python -m policebreaches.cli data-log

baseline: $(STAMP) ## Commit the labels of the last build of EDITION as its baseline (reclassified.csv compares with it)
	@$(BIN)/python -m policebreaches.cli baseline $(EDITION)
	@$(BIN)/python -m policebreaches.cli data-log

data-log: $(STAMP) ## Regenerate docs/data_log.md (every edition's inputs with checksums)
	@$(BIN)/python -m policebreaches.cli data-log

contracts-doc: $(STAMP) ## Regenerate docs/data_contracts.md from policebreaches/contracts.py
	@$(BIN)/python -m policebreaches.contracts > docs/data_contracts.md

trace: $(STAMP) ## Trace a number or record: make trace KEY=breaches.pnc (or RECORD=<id>) [EDITION=] [ALL=1] [RAW=] [RESULTS=]
	$(if $(KEY)$(RECORD),,$(error give KEY=<a number's key> or RECORD=<a record id>, e.g. make trace KEY=breaches.total))
	$(if $(and $(KEY),$(RECORD)),$(error give KEY= or RECORD=, not both))
	@$(BIN)/python -m policebreaches.cli trace --edition $(EDITION) $(if $(KEY),--key $(KEY)) $(if $(RECORD),--record $(RECORD)) \
	  $(if $(call yes,$(ALL)),--all) $(if $(RAW),--raw $(RAW)) $(if $(RESULTS),--results $(RESULTS))

verify: $(STAMP) ## Recompute EDITION's numbers from raw/ alone and compare with results/: make verify [KEY=breaches.pnc] [OUT=]
	@$(BIN)/python -m policebreaches.cli verify --edition $(EDITION) $(if $(KEY),--key $(KEY)) $(if $(OUT),--out $(OUT)) \
	  $(if $(call yes,$(ALLOW_PROBLEMS)),--allow-problems) $(if $(RAW),--raw $(RAW)) $(if $(RESULTS),--results $(RESULTS))

new-edition: $(STAMP) ## Scaffold raw/EDITION from raw/FROM: make new-edition EDITION=2017 FROM=2016
	$(if $(FROM),,$(error give FROM=<the previous edition>, e.g. make new-edition EDITION=2017 FROM=2016))
	@$(BIN)/python -m policebreaches.cli new-edition $(EDITION) --from $(FROM)

workflow-report: report ## Snakemake's own report (code, parameters, versions per output)
	$(BIN)/snakemake --cores $(CORES) --config edition=$(EDITION) --report results/$(EDITION)/workflow-report.html

check-reproducible: system-check ## Two clean builds must give identical bytes
	@$(BIN)/python -m policebreaches.cli check-reproducible --edition $(EDITION) --cores $(CORES)

validate-crate: $(STAMP) ## Validate results/EDITION/ro-crate-metadata.json (roc-validator: Workflow Run Crate, required checks; no network)
	@$(BIN)/python -m policebreaches.cli validate-crate --edition $(EDITION)

coding-sample: $(STAMP) ## A seeded, stratified blind sheet of EDITION's records for a person to code: make coding-sample [EDITION=] [N=200] [FILE=]
	$(BIN)/python -m policebreaches.cli coding-sample --edition $(EDITION) --n $(or $(N),200) $(if $(FILE),--file $(FILE))

coding-import: $(STAMP) ## Read a filled coding sheet (FILE=) into raw/EDITION/coding/coded.csv and print the agreement
	$(BIN)/python -m policebreaches.cli coding-import --edition $(EDITION) --file "$(FILE)"

crossval: $(STAMP) ## Leave-one-writer-out cross-validation of the second opinions and decision policies (docs/crossval/)
	$(BIN)/python -m policebreaches.cli crossval

review: $(STAMP) ## Walk the review queue in the terminal; decisions go to raw/EDITION/overrides/coding.csv [CODER=]
	@$(BIN)/python -m policebreaches.cli review --edition $(EDITION) --coder "$(CODER)"

review-sheet: $(STAMP) ## Write results/EDITION/review-sheet.xlsx: the review queue with a drop-down per decision
	@$(BIN)/python -m policebreaches.cli review-sheet --edition $(EDITION)

review-import: $(STAMP) ## Read a filled review sheet back: make review-import FILE=results/2016/review-sheet.xlsx
	@$(BIN)/python -m policebreaches.cli review-import --edition $(EDITION) --file "$(FILE)"

bench: system-check ## Benchmarks: x1, x10, x100 editions beside an older commit (AGAINST=, default f47a480; bench/RESULTS.md)
	$(BIN)/python bench/run_bench.py --scales $(or $(SCALES),1,10,100) --runs $(or $(RUNS),3) $(if $(AGAINST),--against $(AGAINST))

first-hour: system-check ## Measure README's two commands on a fresh clone of HEAD; rewrites README's sentence
	$(BIN)/python bench/first_hour.py

bench-big-files: system-check ## One oversized response at a time (50 MB CSV, 2M-row CSV, 1M-row xlsx): time, peak RSS
	$(BIN)/python bench/big_files.py

lint: $(STAMP) $(DEV_STAMP) ## ruff (check, format), snakefmt and snakemake --lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/snakefmt --check Snakefile rules/
	$(BIN)/snakemake --lint

envs: ## Derive envs/pipeline.yaml (for --use-conda) from requirements/runtime.txt
	@{ echo "# Derived from requirements/runtime.txt by 'make envs'; do not edit by hand."; \
	   echo "name: policebreaches"; echo "channels: [conda-forge]"; echo "dependencies:"; \
	   echo "  - python=3.11"; echo "  - pango"; echo "  - pip"; echo "  - pip:"; \
	   grep -oE '^[A-Za-z0-9_.-]+==[^ ]+' requirements/runtime.txt | sed 's/^/      - /'; } > envs/pipeline.yaml

clean: ## Remove results/ (it is rebuilt byte for byte)
	rm -rf results .snakemake
