"""gunicorn's settings for `make serve` and `make run` (gunicorn -c config/gunicorn_conf.py).

What an operator may change comes from the environment (README, *Running in production*);
gunicorn's own GUNICORN_CMD_ARGS still overrides any of it.
"""

import os
import subprocess  # nosec B404 - the settings are tried in a child process
import sys

from config.env import env_bool, env_int, logging_from_env

SETTINGS_MODULE = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")
# A wrong variable stops the start-up before any worker: the settings are read once here, in a
# child process, so that the master itself loads none of the application (it only forks and
# watches the workers; loading the settings would cost it some 17 MiB).
_check = subprocess.run(  # noqa: S603  # nosec B603 - this interpreter, a fixed script
    [sys.executable, "-c", f"import {SETTINGS_MODULE}"],
    capture_output=True,
    text=True,
    check=False,
)
if _check.returncode:
    sys.exit(
        f"The settings ({SETTINGS_MODULE}) do not load:\n{_check.stderr.strip().splitlines()[-1]}"
    )

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("TIEKARTTA_BIND", "127.0.0.1:8000")]
# Synchronous workers behind a reverse proxy that buffers slow clients (nginx does).
workers = env_int("TIEKARTTA_WEB_WORKERS", 2, minimum=1)
# The long documents are built by the worker (make worker); a task list attachment of a large
# roadmap is still built in the request and may take several seconds.
timeout = env_int("TIEKARTTA_WEB_TIMEOUT", 120, minimum=10)
graceful_timeout = 30
# A worker that grew on a large document is replaced after a while, not all at once.
max_requests = env_int("TIEKARTTA_WEB_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The scheme comes from the proxy's header only through Django's SECURE_PROXY_SSL_HEADER
# (DJANGO_SECURE_PROXY_SSL_HEADER), never from gunicorn's own guess.
secure_scheme_headers: dict[str, str] = {}
# No run-time control socket under the home directory: systemd (or Ctrl+C) manages the server.
control_socket_disable = True

# gunicorn's own lines (start, workers, errors) and one line per request, as the application's
# logs: JSON lines in production, plain text with debug on (`make run`).
logconfig_dict = {
    **logging_from_env(debug=env_bool("DJANGO_DEBUG", False)),
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
