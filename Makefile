# Signpost: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
WORKERS ?= 2
PLACES_DATA_DIR ?= $(abspath ../shared/data/geo)
export PLACES_DATA_DIR

.PHONY: install run test test-postgres bench browser-deps redis clean translations

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Migrate, load place data (the county pack's, plus full postcodes from
# PLACES_DATA_DIR when it is there) and the demo directory if missing, build the search
# index, then serve with gunicorn on http://127.0.0.1:$(PORT). Rate limits are
# shared by the workers through Redis (started, or installed, if it is not running);
# without Redis the site runs one worker, so the advertised limits still hold.
run: install
	$(FLASK) db upgrade
	$(FLASK) places load --if-empty
	$(FLASK) seed-demo --if-empty
	$(FLASK) search rebuild
	@if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || $(MAKE) --no-print-directory redis; then \
		storage=$${RATELIMIT_STORAGE_URI:-redis://127.0.0.1:6379/0}; workers=$(WORKERS); \
	else \
		echo "Redis is not available: serving with one worker, so the rate limits still hold"; \
		storage=$${RATELIMIT_STORAGE_URI:-memory://}; workers=1; \
	fi; \
	PORT=$(PORT) WEB_CONCURRENCY=$$workers RATELIMIT_STORAGE_URI=$$storage \
		$(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# Chromium for the browser tests comes from Debian, never from a test tool's download.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

# The rate-limit tests check limits shared across gunicorn workers through Redis.
redis:
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
		command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }; \
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; \
		for i in 1 2 3 4 5 6 7 8 9 10; do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done; \
		redis-cli -h 127.0.0.1 ping >/dev/null; }

test: install browser-deps redis
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite against a real PostgreSQL (each test app gets its own schema).
test-postgres: install browser-deps redis
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest

# After changing interface strings: extract them and update every catalogue (then
# translate what `pytest tests/i18n` reports missing). The app compiles .po files itself.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -c TRANSLATORS: --no-wrap --sort-by-file \
		--project Signpost --copyright-holder "Signpost contributors" -o directory/translations/messages.pot .
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching --ignore-obsolete \
		-i directory/translations/messages.pot -d directory/translations

bench: install
	$(BIN)/python -m tests.benchmarks.run

clean:
	rm -rf $(VENV) instance .pytest_cache .hypothesis
