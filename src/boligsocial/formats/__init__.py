"""Locale formats that differ from Django's (FORMAT_MODULE_PATH). Danish uses Django's own."""
