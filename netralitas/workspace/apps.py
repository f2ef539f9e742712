from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "netralitas.workspace"
    label = "workspace"
