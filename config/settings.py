"""Tiekartta settings: one module, every deployment difference comes from the environment.

Defaults are safe for production: DEBUG is off and DJANGO_SECRET_KEY is required.
`make run` sets DJANGO_DEBUG=1 (SQLite under var/, a development key); the test suite and the
type checker load config.settings_test, which adds a public test key. Production sets
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
import re
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, logging_from_env

# Lets runtime code use the generic forms.ModelForm[Model] etc. that the type checker needs.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TIEKARTTA_VAR_DIR", BASE_DIR / "var"))


DEBUG = env_bool("DJANGO_DEBUG", False)
# The development key only works while DEBUG is on, so a forgotten variable cannot reach production.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off"
            " (`make run` sets DJANGO_DEBUG=1 for the demo)"
        )
    SECRET_KEY = "dev-only-insecure-key-tiekartta"  # noqa: S105  # nosec B105  # debug only

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Its system checks catch settings of the old django-csp 3 form.
    "csp",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tiekartta.core",
    "tiekartta.accounts",
    "tiekartta.jobs",
    "tiekartta.roadmap",
    "tiekartta.progress",
    "tiekartta.imports",
    "tiekartta.reports",
    "tiekartta.metrics",
    "tiekartta.maturity",
    "tiekartta.api",
    "tiekartta.opendata",
    "tiekartta.demo",
    "tiekartta.activity",
    "tiekartta.accessibility",
    "tiekartta.public",
    "tiekartta.news",
    "tiekartta.ideas",
    "tiekartta.plans",
    "tiekartta.group",
    "tiekartta.operations",
    "tiekartta.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise: every answer gets the policy, static files and redirects too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that answers a request, after WhiteNoise (static files keep theirs).
    "tiekartta.core.middleware.PrivateCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.htmx, which the session middlewares below need too.
    "django_htmx.middleware.HtmxMiddleware",
    "tiekartta.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tiekartta.accounts.middleware.SignInLinkSessionMiddleware",
    "tiekartta.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tiekartta" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tiekartta.core.context_processors.site",
                "tiekartta.accounts.context_processors.demo",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tiekartta.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is tried before a request uses it, so that one the database dropped
        # (a restart, a fail-over) is replaced instead of failing that request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No server-side cursors: Django opens one for every select of a form (ModelChoiceField
    # iterates its queryset with .iterator()), which costs three round trips (DECLARE, FETCH,
    # CLOSE) for a few dozen rows: some 2.5 ms of the overview filtered to 25 tasks. Nothing
    # here streams a large result through .iterator(); it also keeps PgBouncer's transaction
    # pooling safe.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend with PostgreSQL's integer ranges (tiekartta.core.backends).
    DATABASES["default"]["ENGINE"] = "tiekartta.core.backends.sqlite3"
    # Tests in memory, as Django does for its own SQLite engine: named so that test runners
    # that only recognise that engine (pytest-django under xdist) do not derive a file name.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
    # Wait for a writer instead of failing at once when two requests save together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes, see tiekartta/accounts/throttling.py). Failures are counted
# per user name and, separately, per address, so one address cannot try password after password
# across many user names. The limit per address is higher: an office behind one NAT shares it.
# A lock ends the cool-off time after the failure that set it: attempts during a lock are
# refused without being counted, so nobody can keep a user locked out by trying on.
AXES_FAILURE_LIMIT = env_int("TIEKARTTA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT = env_int(
    "TIEKARTTA_LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1
)
AXES_COOLOFF_TIME = float(os.environ.get("TIEKARTTA_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "tiekartta.accounts.throttling.ThrottlingHandler"
AXES_CLIENT_IP_CALLABLE = "tiekartta.accounts.throttling.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy the client's address comes from X-Forwarded-For: set the number of
# proxies in front of the application that append to it. 0 (the default) trusts no header, so a
# client cannot choose its own address.
TIEKARTTA_TRUSTED_PROXY_COUNT = env_int("TIEKARTTA_TRUSTED_PROXY_COUNT", 0)

# One-time links (accounts.link_sessions, accounts.invitations). A reminder's sign-in link works
# for the hours the administrator sets, but never longer than this; the session it opens reaches
# only the link's organisation and purpose and ends after these minutes, whatever the activity.
TIEKARTTA_SIGN_IN_LINK_MAX_HOURS = env_int("TIEKARTTA_SIGN_IN_LINK_MAX_HOURS", 72, minimum=1)
TIEKARTTA_LINK_SESSION_MINUTES = env_int("TIEKARTTA_LINK_SESSION_MINUTES", 120, minimum=5)
TIEKARTTA_INVITATION_DAYS = env_int("TIEKARTTA_INVITATION_DAYS", 7, minimum=1)
TIEKARTTA_EMAIL_VERIFICATION_HOURS = env_int("TIEKARTTA_EMAIL_VERIFICATION_HOURS", 24, minimum=1)

# The interface's rate limit per API token (tiekartta.api.throttling): "requests/period", the
# period s, m, h or d (or 10m and the like). A data warehouse sends a batch, not a stream.
TIEKARTTA_API_RATE = os.environ.get("TIEKARTTA_API_RATE", "120/m").strip()
if not re.fullmatch(r"[1-9]\d*/\d*(s|sec|m|min|h|hour|d|day)", TIEKARTTA_API_RATE):
    raise ImproperlyConfigured(
        f"TIEKARTTA_API_RATE={TIEKARTTA_API_RATE!r} is not a rate such as 120/m or 5000/d"
    )

# The cache holds the API's request counts. The default, memory, is each process's own: with
# several gunicorn workers each would count apart, so production sets TIEKARTTA_CACHE=database
# (a table in the application's database, made once with `manage.py createcachetable`).
TIEKARTTA_CACHE = os.environ.get("TIEKARTTA_CACHE", "memory").strip()
if TIEKARTTA_CACHE == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tiekartta_cache",
        }
    }
elif TIEKARTTA_CACHE == "memory":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(f"TIEKARTTA_CACHE={TIEKARTTA_CACHE!r} must be memory or database")

# Retention for the whole installation (`manage.py purge_expired`, tiekartta.privacy); what
# belongs to one organisation (unconfirmed imports, removed people's e-mail addresses in the
# history) its administrator sets on the Data protection page. Days.
# Log-in records (django-axes: address, browser) are kept this long.
TIEKARTTA_LOGIN_RECORD_DAYS = env_int("TIEKARTTA_LOGIN_RECORD_DAYS", 90, minimum=1)
# Invitations, sign-in links and e-mail confirmations that expired unused (or were revoked).
TIEKARTTA_EXPIRED_LINK_DAYS = env_int("TIEKARTTA_EXPIRED_LINK_DAYS", 30, minimum=1)
# Removed user accounts' e-mail addresses and names in the history rows of the accounts.
TIEKARTTA_REMOVED_USER_DAYS = env_int("TIEKARTTA_REMOVED_USER_DAYS", 90, minimum=1)

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# The language of what users type (task names, themes, people): marked with lang="…" on pages
# in another language (WCAG 3.1.2).
TIEKARTTA_CONTENT_LANGUAGE = os.environ.get("TIEKARTTA_CONTENT_LANGUAGE", "fi")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIEKARTTA_TIME_ZONE", "Europe/Helsinki")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("TIEKARTTA_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "tiekartta" / "static"]

# Static files: WhiteNoise serves them from gunicorn. In production `collectstatic` (which
# `make serve` runs) writes them under STATIC_ROOT with hashed, compressed copies, so that they
# can be cached for ever; with debug on (`make run`) WhiteNoise reads them from the app folders
# and names stay plain, no collectstatic needed (WhiteNoise's defaults follow DEBUG).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS. Secure by default with debug off: plain HTTP is redirected to HTTPS, browsers are told
# to use HTTPS only for a year (HSTS), cookies travel only over HTTPS. Behind a reverse proxy
# that ends TLS, DJANGO_SECURE_PROXY_SSL_HEADER names the header by which it tells the original
# scheme (X-Forwarded-Proto: https); the proxy must set it on every request (never pass on the
# client's), otherwise leave it unset.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer may ask for the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Only consent to the browsers' preload list: nothing is listed until the owner of the whole
# domain submits it there (and the list takes registrable domains, not a site's own name).
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
_PROXY_SSL_HEADER = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _PROXY_SSL_HEADER:
    if not re.fullmatch(r"[A-Za-z0-9-]+", _PROXY_SSL_HEADER):
        raise ImproperlyConfigured(
            f"DJANGO_SECURE_PROXY_SSL_HEADER={_PROXY_SSL_HEADER!r} is not a header name"
            " (e.g. X-Forwarded-Proto)"
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every answer: scripts, styles and everything else only
# from the site's own files, so an injected <script>, onclick= or style= does nothing. The
# templates have none of their own: bars are SVG or classes, handlers live in static/js, and
# htmx runs without eval (its htmx-config meta tag in base.html). Images may also be data: URLs,
# so that a small icon written into the CSS is no violation. Nobody may frame a page but the
# public embed (news.public_views), which TIEKARTTA_EMBED_FRAME_ANCESTORS lets any site frame
# by default, or only the sites it lists (space-separated origins).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
TIEKARTTA_EMBED_FRAME_ANCESTORS = os.environ.get("TIEKARTTA_EMBED_FRAME_ANCESTORS", "*").split()
if not TIEKARTTA_EMBED_FRAME_ANCESTORS or any(
    not re.fullmatch(r"\*|https?://[A-Za-z0-9.*:-]+", source)
    for source in TIEKARTTA_EMBED_FRAME_ANCESTORS
):
    raise ImproperlyConfigured(
        "TIEKARTTA_EMBED_FRAME_ANCESTORS must be * or origins separated by spaces"
        " (e.g. https://www.example.fi)"
    )

# A signed-in session ends after this long without a request, and in any case this long after
# signing in (accounts.session_lifetime). Two hours idle keeps a quarterly review meeting's page
# alive while the group talks; twelve hours cover a working day, so that nobody is signed out
# at work but no session outlives the night on a shared office computer.
# Background work (django-tasks): the queue is a table of the same database, so the worker
# (`manage.py db_worker`, several on several machines if need be) needs no server of its own.
# "immediate" runs each job inside the request that asks for it (tests, a quick trial).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TIEKARTTA_TASKS", "database").strip() or "database"],
        "QUEUES": ["default"],
    }
}
# A running job whose worker has not reported for this long is given up and started again.
TIEKARTTA_JOB_STALE_SECONDS = env_int("TIEKARTTA_JOB_STALE_SECONDS", 600, minimum=30)
# Finished documents are kept this long for a repeated download.
TIEKARTTA_JOB_KEEP_HOURS = env_int("TIEKARTTA_JOB_KEEP_HOURS", 24, minimum=1)

TIEKARTTA_SESSION_IDLE_MINUTES = env_int("TIEKARTTA_SESSION_IDLE_MINUTES", 120, minimum=5)
TIEKARTTA_SESSION_MAX_HOURS = env_int("TIEKARTTA_SESSION_MAX_HOURS", 12, minimum=1)
# The cookie and the stored session of a visitor who never signs in (language, messages) last
# no longer than a signed-in one may.
SESSION_COOKIE_AGE = TIEKARTTA_SESSION_MAX_HOURS * 3600

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "TIEKARTTA_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("TIEKARTTA_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("TIEKARTTA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TIEKARTTA_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = os.environ.get("TIEKARTTA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TIEKARTTA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TIEKARTTA_EMAIL_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("TIEKARTTA_EMAIL_FROM", "Tiekartta <tiekartta@localhost>")

# Links in e-mails need the address the users reach the site at.
TIEKARTTA_BASE_URL = os.environ.get("TIEKARTTA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Django refuses a form of more than 1,000 fields. The renewal wizard posts four a task carried
# over and three a metric, so a 2,000-task roadmap's needs about 8,000; the bodies stay small
# (a few hundred kilobytes) and DATA_UPLOAD_MAX_MEMORY_SIZE still bounds them.
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("TIEKARTTA_MAX_FORM_FIELDS", "20000"))

LOGGING = logging_from_env(debug=DEBUG)
LOGGING["loggers"] = {
    "axes": {"level": "WARNING"},
    # Failed sign-ins and lockouts, with user name and address (never the password).
    "tiekartta.security": {"level": "INFO"},
    "weasyprint": {"level": "WARNING"},
    "fontTools": {"level": "WARNING"},
}
