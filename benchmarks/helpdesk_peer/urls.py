"""The peer site's URLs: django-helpdesk under /helpdesk/ (its API at /helpdesk/api/tickets/)."""

from django.urls import include, path

urlpatterns = [path("helpdesk/", include("helpdesk.urls"))]
