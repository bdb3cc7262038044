"""Settings for the test suite, the type checker and `make test`: the production settings
(DEBUG off unless DJANGO_DEBUG says otherwise) with a public key for tests only, so that they
run with no environment set while production still refuses to start without DJANGO_SECRET_KEY.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key-tiekartta")

from config.settings import *  # noqa: F403
