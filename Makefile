# geokg — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed
EVAL   ?= ../shared/eval

.PHONY: demo test eval bench lint install bytecode clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Re-install only when the project's dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[notebook,dask,dev]"
	@$(MAKE) --no-print-directory bytecode
	@touch $(STAMP)

# The package's bytecode, as pip writes it for an installed wheel: an editable install writes none, and
# where PYTHONDONTWRITEBYTECODE is set (containers) every kg command, and every worker of kg build, would
# compile the package again (0.5-0.6 s each). Only what changed since is compiled again.
bytecode:
	@$(PY) -m compileall -q kg

install: $(STAMP)

demo: $(STAMP) bytecode
	$(KG) build seeds --out out --jobs 1
	@echo
	@echo "Example query (officials and the states or groups they serve):"
	$(KG) query officials --graph out/graph.trig

test: $(STAMP)
	$(PY) -m pytest -q

eval: $(STAMP)
	@if [ ! -f "$(EVAL)/score.py" ]; then echo "no $(EVAL)/score.py: the shared benchmarks are not beside this checkout"; exit 1; fi
	$(KG) build $(EVAL)/plover_dev.jsonl --out out/eval/plover --quiet --jobs 1
	@echo "PLOVER dev:"; $(PY) $(EVAL)/score.py $(EVAL)/plover_dev.jsonl out/eval/plover/graph.trig
	$(KG) build $(EVAL)/re3d_dev.jsonl --out out/eval/re3d --quiet --jobs 1
	@echo "re3d dev:"; $(PY) $(EVAL)/score.py $(EVAL)/re3d_dev.jsonl out/eval/re3d/graph.trig
	$(KG) build tests/gold/seeds_gold.jsonl --out out/eval/seeds --quiet --jobs 1
	@echo "seeds gold:"; $(PY) $(EVAL)/score.py tests/gold/seeds_gold.jsonl out/eval/seeds/graph.trig
	@echo; echo "By half (A = odd records, B = even records), by re3d source, and each rule's contribution:"
	$(PY) scripts/eval_sets.py $(EVAL) --rules --sources --json out/eval/sets.json

bench: $(STAMP) bytecode
	$(PY) bench/run.py

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests bench

clean:
	rm -rf out .pytest_cache
