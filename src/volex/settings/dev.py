"""Embedded mode (`volex demo`) and local development: SQLite in the working folder by default."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
