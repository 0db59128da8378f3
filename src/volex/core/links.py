"""Links that leave the site (e-mails): absolute, on the site's public address."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (a site path such as reverse() returns) on `VOLEX_BASE_URL`; a URL that already
    names its scheme and host is returned as it is."""
    if urlsplit(path).netloc:
        return path
    return f"{settings.VOLEX_BASE_URL.rstrip('/')}/{path.lstrip('/')}"
