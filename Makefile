# make site: build site/ (strict); make test: run every test. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check clean distclean bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Build beside site/ and swap only on success: a failed build leaves the old site/ untouched.
site: $(STAMP)
	rm -rf .site-build .site-old
	$(PY) -m mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	if [ -d site ]; then mv site .site-old; fi
	mv .site-build site
	rm -rf .site-old

test: $(STAMP)
	$(PY) -m pytest

serve: $(STAMP)
	$(PY) -m mkdocs serve

check: $(STAMP)
	$(PY) -m generator check

# Builds synthetic sites of 500, 1,500 and 5,000 entries and measures them (several minutes);
# SIZES=200,1000 to choose others. Results: build/bench/results.json.
bench: $(STAMP)
	$(PY) bench/run.py $(if $(SIZES),--sizes $(SIZES))

clean:
	rm -rf site .site-build .site-old .pytest_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
