from django.urls import URLPattern, URLResolver, path

from .api import api
from .docs import api_docs

# No app namespace: django-ninja reverses its own views under the top-level namespace "api-v1".
urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/docs", api_docs, name="api_docs"),
    path("v1/", api.urls),
]
