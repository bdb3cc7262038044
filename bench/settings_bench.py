"""Settings of the benchmark server (`bench/_server.py`): the production settings, DEBUG off and
every value from the environment as in production, plus the bare-Django floor views of
`bench/urls_floor.py`, which exist only here and never in the product's URLs."""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls_floor"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
