"""Settings shared by every environment; everything a deployment changes comes from the environment."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The embedded mode keeps its state (SQLite file, static files) in the working folder.
WORK_DIR = Path(os.environ.get("VOLEX_HOME", Path.cwd())).resolve()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (it is {value!r}).") from None


def env_json_object(name: str) -> dict:
    """A JSON object from the environment (an empty one when the variable is unset)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{name} must be a JSON object: {error}.") from None
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f'{name} must be a JSON object, such as {{"key": 1}}.')
    return parsed


INSECURE_SECRET_KEY = "volex-insecure-embedded-mode-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "volex.core",
    "volex.accounts",
    "volex.reference",
    "volex.organizations",
    "volex.volunteers",
    "volex.assignments",
    "volex.matching",
    "volex.selection",
    "volex.notifications",
    "volex.deployments",
    "volex.impact",
    "volex.network",
    "volex.site",  # the composition root: home page, demo, seeding commands
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # serves static files compressed itself
    # pages compressed for field offices' slow links (Django adds random bytes against BREACH)
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "volex.urls"
WSGI_APPLICATION = "volex.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "volex.organizations.context_processors.roles",
                "volex.site.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{WORK_DIR / 'volex.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a background task writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date style and one date-time style per language (volex.core.formats): templates write
# `|date` or `|date:"DATETIME_FORMAT"`, never a format of their own.
FORMAT_MODULE_PATH = ["volex.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", WORK_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Volex <no-reply@volex.localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "volex.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "volex.core.api.errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": [],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Volex API",
    "DESCRIPTION": "Organizations, assignments and volunteer profiles of a Volex programme.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One schema name per choice set that several fields share (no enum-naming collisions).
    "ENUM_NAME_OVERRIDES": {
        "CategoryEnum": "volex.core.choices.Category",
        "SectorEnum": "volex.core.choices.Sector",
        "CEFRLevelEnum": "volex.core.choices.CEFRLevel",
        "SkillLevelEnum": "volex.volunteers.models.SkillLevel",
        "AssignmentStateEnum": "volex.assignments.models.AssignmentState",
        "DeploymentStateEnum": "volex.deployments.models.DeploymentState",
        "HourStatusEnum": "volex.deployments.models.HourStatus",
        "ItemStatusEnum": "volex.selection.models.ItemStatus",
        "FlagStatusEnum": "volex.deployments.models.FlagStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Volex's own settings: each is declared here once, with its default and the environment
# variable that sets it (README, "Running on PostgreSQL"). Code reads them as `settings.<name>`.

# The site's public address, for the links in e-mails (they are read outside the site, so a
# path alone leads nowhere). Production refuses the default and, unless
# VOLEX_BASE_URL_ALLOW_HTTP is on, an http:// address (settings/checks.py).
DEV_BASE_URL = "http://127.0.0.1:8000"
VOLEX_BASE_URL = os.environ.get("VOLEX_BASE_URL", DEV_BASE_URL).strip()
VOLEX_BASE_URL_ALLOW_HTTP = env_bool("VOLEX_BASE_URL_ALLOW_HTTP", False)

# Matching (volex.matching): the encoder ("static", "minilm" or "hashing"), the second-stage
# re-ranker and the directory of the all-MiniLM-L6-v2 weights when not the packaged one.
VOLEX_MATCHING_ENCODER = os.environ.get("VOLEX_MATCHING_ENCODER", "static")
VOLEX_MATCHING_RERANK = env_bool("VOLEX_MATCHING_RERANK", True)
VOLEX_MATCHING_RERANKER = os.environ.get("VOLEX_MATCHING_RERANKER", "minilm")
VOLEX_MINILM_DIR = os.environ.get("VOLEX_MINILM_DIR", "")
# Programme-wide score weights over `MatchWeights`' defaults, e.g. {"required_skills": 0.4}.
VOLEX_MATCHING_WEIGHTS = env_json_object("VOLEX_MATCHING_WEIGHTS")
# Seconds a stored match run is reused while nothing it read has changed.
VOLEX_MATCHING_RUN_TTL = env_int("VOLEX_MATCHING_RUN_TTL", 900)
# The in-memory index: profiles without an embedding encoded inline at most (above that, run
# `volex match reindex`); below FINGERPRINT_ROWS profiles the index checks for changes on every
# search, above it every FINGERPRINT_SECONDS.
VOLEX_MATCHING_INLINE_ENCODE_LIMIT = env_int("VOLEX_MATCHING_INLINE_ENCODE_LIMIT", 20_000)
VOLEX_MATCHING_FINGERPRINT_ROWS = env_int("VOLEX_MATCHING_FINGERPRINT_ROWS", 100_000)
VOLEX_MATCHING_FINGERPRINT_SECONDS = env_int("VOLEX_MATCHING_FINGERPRINT_SECONDS", 60)

# Duty of care: overrides of the risk thresholds (`volex.domain.duty_of_care.RiskConfig`), e.g.
# {"max_weekly_hours": 60, "silence_days": 21, "hardship_classes": ["D", "E"]}.
VOLEX_DUTY_OF_CARE = env_json_object("VOLEX_DUTY_OF_CARE")
