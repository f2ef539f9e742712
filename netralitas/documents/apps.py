from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "netralitas.documents"
    label = "documents"
    verbose_name = "Naskah dinas"
