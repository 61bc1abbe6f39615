"""WSGI entry point used by gunicorn (`boligsocial serve`)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from boligsocial.core.static_lock import static_root_lock

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")

# Building the application makes whitenoise list the static files: not while a server started
# at the same time collects them (core/static_lock.py).
with static_root_lock(Path(settings.STATIC_ROOT), shared=True):
    application = get_wsgi_application()
