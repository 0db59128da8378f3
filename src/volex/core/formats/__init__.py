"""Volex's own locale formats (FORMAT_MODULE_PATH): where a language's Django defaults are not the
style the site uses. A language without a module here keeps Django's formats for it."""
