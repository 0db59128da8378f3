"""Volex: a platform to mobilize volunteers at national and international scale."""

__version__ = "0.1.0"
