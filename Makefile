# make site: build site/ (strict); make test: run every test. Both set up .venv first:
# `make site` installs what building needs (requirements.txt), `make test` adds the test tools
# (requirements-test.txt). Both files pin every package with its hashes (`make lock` renews them).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
SITE_STAMP := $(VENV)/.site-stamp
TEST_STAMP := $(VENV)/.test-stamp
PIP_LOG := $(VENV)/pip-install.log
# mkdocs or properdocs (the maintained fork of MkDocs 1.6; see README “部署”).
BUILDER ?= mkdocs
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site offline test test-fast lint lint-scripts serve edit check clean distclean bench lock wheel

# pip's own chatter goes to $(PIP_LOG); it is shown only when an install fails.
define install
	$(PIP) install $(1) >$(PIP_LOG) 2>&1 || { cat $(PIP_LOG); echo "安装依赖失败（详情见上）：请检查网络或软件源设置后重试。" >&2; exit 1; }
endef

$(SITE_STAMP): requirements.txt pyproject.toml
	@echo "正在准备构建环境 $(VENV)（首次运行需要一两分钟）……"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# metadata an older install left beside the package would shadow the new entry points
	@rm -rf dangjian_showcase.egg-info
	@$(call install,--require-hashes -r requirements.txt)
	@$(call install,--no-deps --no-build-isolation -e .)
	@touch $@

$(TEST_STAMP): requirements-test.txt $(SITE_STAMP)
	@echo "正在安装测试工具……"
	@$(call install,--require-hashes -r requirements-test.txt)
	@touch $@

# generator/site/build.py (in the package, so a site made by `init` runs it too) builds into a folder of its own and swaps it in only on success; runs
# at once take turns, and an interrupted run leaves the previous site/ and nothing else.
site: $(SITE_STAMP)
	@$(PY) -m generator.site.build --builder $(BUILDER)

# The same site as a folder that works opened from the disk, without a web server (a shared
# drive, a USB stick): site-offline/ and site-offline.zip, built and swapped in the same way.
offline: $(SITE_STAMP)
	@$(PY) -m generator.site.build --builder $(BUILDER) --offline

# The gates run first: lint and import order (ruff), types (mypy), the scripts (ESLint).
test: $(TEST_STAMP) lint
	$(PY) -m pytest

# Everything but the tests marked slow (whole-site builds, the browser): under half a minute.
test-fast: $(TEST_STAMP)
	$(PY) -m pytest -q -m "not slow"

lint: $(TEST_STAMP) lint-scripts
	$(PY) -m ruff check generator site_tests bench tools
	$(PY) -m mypy

# The theme's scripts and the tests' Node scripts: ESLint (eslint.config.mjs), the version
# pinned with its hashes in package-lock.json and installed by `npm ci` into node_modules/.
# Without node and npm it is skipped, except under CI=true, where a missing one fails.
SCRIPTS := generator/theme/assets/javascripts generator/edit/static/*.js site_tests/*.mjs eslint.config.mjs
NODE_STAMP := node_modules/.ci-stamp
NPM_LOG := .cache/npm-ci.log
lint-scripts:
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	  $(MAKE) -s --no-print-directory $(NODE_STAMP) && node_modules/.bin/eslint $(SCRIPTS); \
	elif [ "$$CI" = true ]; then \
	  echo "没有安装 node 或 npm：CI 中不能跳过脚本检查，请先安装（Debian：apt-get install nodejs npm）。" >&2; exit 1; \
	else echo "没有安装 node 或 npm：跳过主题脚本的检查（ESLint）。安装 nodejs 和 npm 后再运行 make lint。"; fi

$(NODE_STAMP): package.json package-lock.json
	@echo "正在安装脚本检查工具（ESLint）……"
	@mkdir -p .cache
	@npm ci --ignore-scripts --no-audit --no-fund >$(NPM_LOG) 2>&1 || { cat $(NPM_LOG); echo "安装 ESLint 失败（详情见上）：请检查网络或 npm 的软件源设置后重试。" >&2; exit 1; }
	@touch $@

# Reloads the page when content/, data/, the theme or mkdocs.yml change. SERVE_ADDR=0.0.0.0:8000
# lets other computers on the network look too. --dirty: after an edit only the pages it
# changed are rebuilt (the showcase plugin decides which); a change of units, plans, theme or
# config still rebuilds everything.
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(SITE_STAMP)
	$(PY) -m $(BUILDER) serve --dirty --config-file mkdocs.yml --dev-addr $(SERVE_ADDR)

# The form editor: opens http://127.0.0.1:8001/ in the browser. EDIT_ADDR=0.0.0.0:8001 lets
# colleagues on the network edit too; the server then asks for the token it prints.
EDIT_ADDR ?= 127.0.0.1:8001
edit: $(SITE_STAMP)
	@$(PY) -m generator edit --addr $(EDIT_ADDR)

check: $(SITE_STAMP)
	@$(PY) -m generator check

# Builds synthetic sites of 500, 1,500 and 5,000 entries and measures them (several minutes);
# SIZES=200,1000 to choose others. Results: build/bench/results.json. Then the largest page of
# each page type at 10,000 entries (PAGE_ENTRIES=2500,10000 for others): build/bench/pages.json.
bench: $(TEST_STAMP)
	$(PY) bench/run.py $(if $(SIZES),--sizes $(SIZES))
	$(PY) bench/pagesizes.py $(if $(PAGE_ENTRIES),--entries $(PAGE_ENTRIES))

# Pins every package (for Python 3.10 and later, every platform) with its hashes, after a
# change to the dependencies in pyproject.toml. Needs the package index; uv does the resolving.
LOCK_OPTIONS := --quiet --universal --python-version 3.10 --generate-hashes --custom-compile-command "make lock"
lock: $(SITE_STAMP)
	$(call install,uv==0.13.9)
	# setuptools too: `-e .` is installed without build isolation, by the pinned setuptools
	echo 'setuptools>=68' | $(VENV)/bin/uv pip compile $(LOCK_OPTIONS) pyproject.toml - -o requirements.txt
	echo 'setuptools>=68' | $(VENV)/bin/uv pip compile $(LOCK_OPTIONS) --extra test -c requirements.txt \
	  pyproject.toml - -o requirements-test.txt

# The package as other organs install it (CONTRIBUTING: the package others install).
wheel: $(SITE_STAMP)
	$(PIP) wheel --no-deps --no-build-isolation -q -w dist .

clean:
	rm -rf site site-offline site-offline.zip .site-build* .site-old* .pytest_cache
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info node_modules dist build
