"""gunicorn's settings for `make serve` and `make run` (gunicorn -c config/gunicorn_conf.py).

What an operator may change comes from the environment (README, *Running in production*);
gunicorn's own GUNICORN_CMD_ARGS still overrides any of it.
"""

import importlib
import os

# The application's settings, read once here so that a wrong variable stops the start-up
# before any worker, and so that gunicorn logs as the application does.
settings = importlib.import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"))

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("TIEKARTTA_BIND", "127.0.0.1:8000")]
# Synchronous workers behind a reverse proxy that buffers slow clients (nginx does).
workers = settings.env_int("TIEKARTTA_WEB_WORKERS", 2, minimum=1)
# The long documents are built by the worker (make worker); a task list attachment of a large
# roadmap is still built in the request and may take several seconds.
timeout = settings.env_int("TIEKARTTA_WEB_TIMEOUT", 120, minimum=10)
graceful_timeout = 30
# A worker that grew on a large document is replaced after a while, not all at once.
max_requests = settings.env_int("TIEKARTTA_WEB_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The scheme comes from the proxy's header only through Django's SECURE_PROXY_SSL_HEADER
# (DJANGO_SECURE_PROXY_SSL_HEADER), never from gunicorn's own guess.
secure_scheme_headers: dict[str, str] = {}
# No run-time control socket under the home directory: systemd (or Ctrl+C) manages the server.
control_socket_disable = True

# gunicorn's own lines (start, workers, errors) and one line per request, as the application's
# logs: JSON lines in production, plain text with debug on (`make run`).
logconfig_dict = {
    **settings.LOGGING,
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
