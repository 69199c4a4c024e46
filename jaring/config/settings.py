"""Settings read from the environment.

Development (the default) runs on a SQLite file under ``var/`` with a demo secret. Production
(``JARING_MODE=production``) refuses to start with the demo secret or with ``DEBUG`` on, so a
forgotten variable cannot expose personal data (UU PDP 27/2022).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("JARING_VAR_DIR", PROJECT_DIR / "var"))

DEMO_SECRET_KEY = "jaring-demo-secret-not-for-production"

MODE = os.environ.get("JARING_MODE", "development").strip().lower()
if MODE not in {"development", "production"}:
    raise ImproperlyConfigured(f"JARING_MODE harus 'development' atau 'production', bukan {MODE!r}.")
PRODUCTION = MODE == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


DEBUG = _env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEMO_SECRET_KEY
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEMO_SECRET_KEY:
        problems.append("SECRET_KEY belum diisi (kunci demo tidak boleh dipakai di produksi)")
    elif len(SECRET_KEY) < 32:
        problems.append("SECRET_KEY terlalu pendek (minimal 32 karakter)")
    if DEBUG:
        problems.append("DEBUG masih menyala (set DEBUG=0)")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS kosong (isi nama host server, dipisah koma)")
    if not os.environ.get("DATABASE_URL"):
        problems.append("DATABASE_URL belum diisi (produksi memakai PostgreSQL)")
    if problems:
        raise ImproperlyConfigured("Jaring menolak berjalan dalam mode produksi: " + "; ".join(problems) + ".")
elif not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "jaring.accounts.apps.JaringAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "jaring.regions",
    "jaring.accounts",
    "jaring.audit",
    "jaring.people",
    "jaring.civil",
    "jaring.programs",
    "jaring.intake",
    "jaring.verification",
    "jaring.decrees",
    "jaring.enrollment",
    "jaring.billing",
    "jaring.donations",
    "jaring.monitoring",
    "jaring.demo",
    "jaring.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jaring.accounts.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jaring.config.urls"
WSGI_APPLICATION = "jaring.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jaring.accounts.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default; PostgreSQL (production, CI) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'jaring.sqlite3'}",
        conn_max_age=0 if not PRODUCTION else 60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while the background worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "monitoring:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# The quota page posts a minimum and a maximum for every kecamatan and desa: Aceh Utara alone has 852 villages,
# past Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Limits on one uploaded file (issue #3): larger files are refused with a message naming the limit.
INTAKE_MAX_BYTES = int(os.environ.get("JARING_INTAKE_MAX_MB", "50")) * 1024 * 1024
INTAKE_MAX_ROWS = int(os.environ.get("JARING_INTAKE_MAX_ROWS", "500000"))
# Phase 1 checks a file of this many rows or more in several processes (0 processes: one per core, up to 4).
INTAKE_CHECK_PROCESSES = int(os.environ.get("JARING_INTAKE_CHECK_PROCESSES", "0"))
INTAKE_PARALLEL_FROM_ROWS = int(os.environ.get("JARING_INTAKE_PARALLEL_FROM_ROWS", "10000"))

# Remote civil-registry verifier (issue #4; jaring/civil/adapters.py): empty URL = none, the local extract only.
CIVIL_VERIFIER_URL = os.environ.get("JARING_CIVIL_VERIFIER_URL", "").strip()
CIVIL_VERIFIER_USER = os.environ.get("JARING_CIVIL_VERIFIER_USER", "")
CIVIL_VERIFIER_PASSWORD = os.environ.get("JARING_CIVIL_VERIFIER_PASSWORD", "")
CIVIL_VERIFIER_TOKEN = os.environ.get("JARING_CIVIL_VERIFIER_TOKEN", "")
CIVIL_VERIFIER_TIMEOUT = float(os.environ.get("JARING_CIVIL_VERIFIER_TIMEOUT", "5"))
CIVIL_VERIFIER_RETRIES = int(os.environ.get("JARING_CIVIL_VERIFIER_RETRIES", "3"))
CIVIL_VERIFIER_RATE = float(os.environ.get("JARING_CIVIL_VERIFIER_RATE", "5"))
CIVIL_VERIFIER_BREAKER_FAILURES = int(os.environ.get("JARING_CIVIL_VERIFIER_BREAKER_FAILURES", "5"))
CIVIL_VERIFIER_BREAKER_COOLDOWN = float(os.environ.get("JARING_CIVIL_VERIFIER_BREAKER_COOLDOWN", "60"))

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Page size of the people list; a village office on a slow link gets a light page.
PEOPLE_PAGE_SIZE = 25

# Counts under this many people are withheld (shown as "x") in anything public or aggregate-only (issue #8).
MONITORING_MIN_CELL = int(os.environ.get("JARING_MONITORING_MIN_CELL", "5"))
