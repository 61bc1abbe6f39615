"""The ceiling for `benchmarks/pages.py`: a bare Django view under the product's own settings.

The same settings module (production, with the same middleware, database and sessions), only
with this module as ROOT_URLCONF and one view that returns "ok" without touching the database
or a template. gunicorn serves it with the same options as `boligsocial serve`:

    python -m gunicorn --chdir benchmarks bare_wsgi:application --workers 2 ...

Not part of the product: the product's URLs have no such view.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.ROOT_URLCONF = __name__


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
