"""Settings for the test suite, the type checker and `make test`: the production settings
(DEBUG off unless DJANGO_DEBUG says otherwise) with a public key for tests only, so that they
run with no environment set while production still refuses to start without DJANGO_SECRET_KEY.

Two production defaults would stand in the tests' way: the test client speaks plain HTTP (the
redirect to HTTPS is tested by turning it on), and pages render without `collectstatic`
(the hashed names are tested by running it, tiekartta/core/tests/test_serving.py).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key-tiekartta")

from config.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite travels in time (time-machine) with sessions opened before the journey, as it did
# under Django's fixed 14 days; the session lifetime tests set the production limits.
TIEKARTTA_SESSION_IDLE_MINUTES = 14 * 24 * 60
TIEKARTTA_SESSION_MAX_HOURS = 14 * 24
SESSION_COOKIE_AGE = TIEKARTTA_SESSION_MAX_HOURS * 3600
# Jobs run inside the request that asks for them, so a document link answers with the file as
# before; the worker's own tests (tiekartta/jobs/tests/) switch to the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests send many requests with one token under a stopped clock (the hostile-input test sends
# 150): the rate limit's own tests set a small one (tiekartta/api/tests/test_throttling.py).
TIEKARTTA_API_RATE = "100000/m"
