from django.core.exceptions import ImproperlyConfigured

from .base import INSECURE_SECRET_KEY


def check_production_settings(*, secret_key: str, debug: bool) -> None:
    """Refuse to run production on the embedded mode's defaults."""
    if debug:
        raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG or set DEBUG=0).")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters in production."
        )
