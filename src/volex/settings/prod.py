"""Production: refuses to start on an insecure default."""

import os

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, VOLEX_BASE_URL, VOLEX_BASE_URL_ALLOW_HTTP, env_bool
from .checks import check_production_settings

check_production_settings(
    secret_key=SECRET_KEY,
    debug=DEBUG,
    base_url=VOLEX_BASE_URL,
    allow_http=VOLEX_BASE_URL_ALLOW_HTTP,
)

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
