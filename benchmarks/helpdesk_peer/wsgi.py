"""WSGI entry of the peer site (gunicorn wsgi:application, from this directory)."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
