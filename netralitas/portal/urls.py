from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

app_name = "portal"

# The public portal replaces this redirect with its landing page.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", RedirectView.as_view(pattern_name="cases:my_cases", permanent=False), name="home"),
]
