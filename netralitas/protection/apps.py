from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "netralitas.protection"
    label = "protection"
    verbose_name = "Perlindungan pelapor ASN"
