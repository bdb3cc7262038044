# Tiekartta: `make run` serves the demo, `make test` runs every check. Nothing else is needed.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint typecheck messages reminders clean

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
run: export DJANGO_DEBUG = 1
run: $(STAMP_RUN)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Tiekartta is at http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP_DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

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
