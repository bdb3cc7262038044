# Tiekartta: `make run` serves the demo, `make test` runs every check, `make serve` runs
# production (settings from the environment, README: Running in production).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# `make run DEV=1`: gunicorn restarts its workers when a Python file changes.
DEV ?=
GUNICORN = $(PY) -m gunicorn -c config/gunicorn_conf.py
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run serve worker test lint typecheck messages reminders clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(STAMP_RUN)

# The demo runs with DEBUG on (and the development key); production leaves DJANGO_DEBUG unset.
# It is served by gunicorn as production is; WhiteNoise reads the static files from the apps.
run: export DJANGO_DEBUG = 1
run: $(STAMP_RUN)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Tiekartta is at http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	@# The background worker beside the web server, as in production; Ctrl+C stops both.
	$(PY) manage.py db_worker --worker-id demo & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(GUNICORN) --bind 127.0.0.1:$(PORT) $(if $(DEV),--reload --workers 1)

# Production: the settings come from the environment. Static files are collected (hashed and
# compressed); the database is not migrated here: run `manage.py migrate` when upgrading.
serve: $(STAMP_RUN)
	$(PY) manage.py collectstatic --noinput
	$(GUNICORN)

# The background worker (long documents); run one or more beside `make serve`.
worker: $(STAMP_RUN)
	$(PY) manage.py db_worker

lint: $(STAMP_DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --configfile pyproject.toml --recursive tiekartta config

typecheck: $(STAMP_DEV)
	$(VENV)/bin/mypy tiekartta config

test: lint typecheck
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings_test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Reminder e-mails before the next review meeting; run daily from cron or a systemd timer.
# `make reminders ARGS=--dry-run` lists who would get what without sending.
reminders: $(STAMP_RUN)
	$(PY) manage.py send_reminders $(ARGS)

# For developers: refresh the translation catalogues after changing strings.
messages: $(STAMP_DEV)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l fi -l sv --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
