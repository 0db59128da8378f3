"""Production: refuses to start on an insecure default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, INSECURE_SECRET_KEY, SECRET_KEY, env_bool


def check_production_settings(*, secret_key: str, debug: bool) -> None:
    if debug:
        raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=0).")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters in production."
        )


check_production_settings(secret_key=SECRET_KEY, debug=DEBUG)

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = int(__import__("os").environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
