"""Embedded mode (`volex demo`) and local development: SQLite in the working folder by default."""

from .base import *  # noqa: F403
from .base import VOLEX_BASE_URL, env_bool
from .checks import check_base_url

DEBUG = env_bool("DEBUG", False)

check_base_url(VOLEX_BASE_URL, production=False)
