"""WSGI entry point (``jinji serve`` runs it under gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jinji.config.settings")
application = get_wsgi_application()

# Import every URL module (views, the REST API's schemas) while the worker starts, not in its first
# request: that request otherwise takes about a second (measured by bench/bench_clock.py).
get_resolver().url_patterns  # noqa: B018
