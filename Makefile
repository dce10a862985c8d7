# Everything a fresh clone needs. `make run` and `make test` do all their own set-up.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test soak bench instructions cluster servers weight translations system browser messages screenshots clean

run: $(STAMP) translations system
	$(BIN)/flask --app app setup
	$(BIN)/flask --app app run --host 127.0.0.1 --port 5000

# In parallel (pytest-xdist), one test process per core and one more, since tests also wait for
# the database and the browser: `make test TEST_WORKERS=0` runs them one after another in this
# process.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: $(STAMP) translations system browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

translations: $(STAMP)
	$(BIN)/pybabel -q compile -d translations

# Debian's espeak-ng, the server's own voice for participant texts (nothing leaves the server).
system:
	@command -v espeak-ng >/dev/null || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq espeak-ng; }

# Debian's Chromium for the browser tests (Playwright never downloads one), and a font for Tigrinya.
browser:
	@command -v chromium >/dev/null && dpkg -s fonts-sil-abyssinica >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-sil-abyssinica; }

# The full load and crash test: 50 participants for 60 seconds, on SQLite and on PostgreSQL.
soak: $(STAMP) translations
	for database in sqlite postgres; do \
	  $(BIN)/python scripts/load_test.py --database $$database || exit 1; \
	  $(BIN)/python scripts/load_test.py --database $$database --kill-after 30 || exit 1; \
	done

# Server CPU per request of the main pages against a hello-world app, on SQLite and PostgreSQL
# (Debian's wrk sends the load). `make bench BENCH_ARGS=--quick` for one short round.
bench: $(STAMP) translations
	@command -v wrk >/dev/null || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Instructions per request of the same pages and hello-world, counted by Debian's valgrind: the
# same on any day, where CPU time moves with the machine.
instructions: $(STAMP) translations
	@command -v valgrind >/dev/null || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq valgrind; }
	$(BIN)/python scripts/instructions.py $(INSTRUCTIONS_ARGS)

# nginx before two app instances on PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432/test) and
# Redis, one instance killed mid-run; `make cluster CLUSTER_ARGS=--short` is the quick one.
cluster: $(STAMP) translations servers
	$(BIN)/python scripts/cluster_test.py $(CLUSTER_ARGS)

# Debian's nginx with its brotli module, and Redis, for the cluster test (it starts its own, on
# free ports).
servers:
	@command -v nginx >/dev/null && command -v redis-server >/dev/null && \
	  test -e /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so || \
	  { $(SUDO) apt-get update -qq && \
	    $(SUDO) apt-get install -y -qq nginx libnginx-mod-http-brotli-filter redis-server; }

# A participant's pages on a slow line (400 kbit/s, 400 ms round trips) in Chromium: requests,
# bytes and first contentful paint of the question page, home, the card grid and a job card.
weight: $(STAMP) translations browser
	$(BIN)/python scripts/first_paint.py

# For developers: collect new strings and add them to every catalogue.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 -c "I18N:" --sort-by-file -w 100 -o translations/messages.pot .
	$(BIN)/pybabel update -w 100 --ignore-obsolete -i translations/messages.pot -d translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance

# For developers: every page in Swedish and Arabic at phone and desktop width, into screenshots/.
screenshots: $(STAMP) translations browser
	$(BIN)/python scripts/screenshots.py
