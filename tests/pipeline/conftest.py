"""The web tests' site profile (tests/web/conftest.py), for the pipeline's pages."""

from tests.web.conftest import site

__all__ = ["site"]
