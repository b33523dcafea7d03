# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PORT ?= 8501

.PHONY: run serve load profile screenshots test lint bench soak data browser-deps haproxy-deps clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# MALLOC_ARENA_MAX: see tools/serve.py (memory stays flatter with two malloc arenas)
run: $(STAMP)
	MALLOC_ARENA_MAX=2 $(BIN)/streamlit run dashboard.py --server.port $(PORT)

# One replica per core behind HAProxy on PORT (see README: make serve); Ctrl-C stops them all.
serve: $(STAMP) haproxy-deps
	$(BIN)/python -m tools.serve --port $(PORT)

# HAProxy from Debian, installed when missing (as root), like the browser.
haproxy-deps:
	@if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; \
		else \
			echo "Install Debian's haproxy (sudo apt-get install haproxy)"; exit 1; \
		fi; \
	fi

# Load through the protocol a browser speaks: one process, then make serve's replicas, in the same run.
LOAD_ARGS ?= --sessions 20 --runs 600 --duration 300
load: $(STAMP) haproxy-deps
	$(BIN)/python -m tools.load $(LOAD_ARGS)
	$(BIN)/python -m tools.load --serve $(LOAD_ARGS)

# The README's pictures (docs/img/): every page, the big screen and a briefing, from the real server.
screenshots: $(STAMP) browser-deps
	$(BIN)/python -m tools.screenshots

# py-spy samples one server process under make load's sessions: where a run's time goes.
profile: $(STAMP)
	$(BIN)/python -m tools.profile

# The browser tests need Debian's chromium and CJK fonts (the PDF briefings too, and poppler-utils to read
# them back); install them when missing (as root).
# axe-core (the accessibility test's checker) comes pinned from npm: package-lock.json, node_modules/.
browser-deps: node_modules/.package-lock.json
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" || ! command -v pdftotext >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils; \
		else \
			echo "Install Debian's chromium, fonts-noto-cjk and poppler-utils (sudo apt-get install chromium fonts-noto-cjk poppler-utils)"; exit 1; \
		fi; \
	fi

node_modules/.package-lock.json: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
		else \
			echo "Install Debian's npm (sudo apt-get install npm)"; exit 1; \
		fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error

lint: $(STAMP)
	$(BIN)/ruff check .

# Two parts: what drives real servers and chromium (each test starts processes of its own) one at a
# time, then the rest on every core (pytest-xdist, a test file to a worker).
SERIAL_TESTS = tests/browser tests/tools/test_serve.py tests/tools/test_load.py

test: $(STAMP) browser-deps haproxy-deps lint
	$(BIN)/python -m pytest $(SERIAL_TESTS)
	$(BIN)/python -m pytest -n auto --dist loadfile $(SERIAL_TESTS:%=--ignore=%)

bench: $(STAMP) browser-deps
	$(BIN)/python -m tools.bench --write docs/performance.md

soak: $(STAMP) browser-deps
	$(BIN)/python -m tools.soak --cycles 300

# Rebuild the shipped demo snapshots (they are committed; `make run` does not need this).
data: $(STAMP)
	$(BIN)/python -m tools.generate_demo --out data

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
