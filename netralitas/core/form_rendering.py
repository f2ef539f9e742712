"""The project's form renderer (settings.FORM_RENDERER): Django's, with a field template that follows the
GOV.UK error pattern — the error above the field with a hidden "Galat:" prefix, in the same words as the
error summary (templates/includes/error_summary.html) — and marks a form's ``optional_fields``."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"
