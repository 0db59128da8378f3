from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import DEV_BASE_URL, INSECURE_SECRET_KEY


def check_production_settings(
    *, secret_key: str, debug: bool, base_url: str, allow_http: bool = False
) -> None:
    """Refuse to run production on the embedded mode's defaults."""
    if debug:
        raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=0).")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters in production."
        )
    check_base_url(base_url, production=True, allow_http=allow_http)


def check_base_url(base_url: str, *, production: bool, allow_http: bool = False) -> None:
    """The site's public address must be a whole http(s) address (e-mails link to it); in
    production it must be set, and use https unless plain http is explicitly allowed."""
    example = "VOLEX_BASE_URL must be the site's public address, such as https://volex.example.org"
    if production and (not base_url or base_url.rstrip("/") == DEV_BASE_URL):
        raise ImproperlyConfigured(f"{example}, in production (links in e-mails use it).")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"{example} (it is {base_url!r}).")
    if production and parts.scheme != "https" and not allow_http:
        raise ImproperlyConfigured(
            "VOLEX_BASE_URL must use https in production (links in e-mails carry roll-call "
            "answers and offers); set VOLEX_BASE_URL_ALLOW_HTTP=1 to allow http:// anyway."
        )
