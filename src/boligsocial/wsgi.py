"""WSGI entry point used by gunicorn (`boligsocial serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")

application = get_wsgi_application()
