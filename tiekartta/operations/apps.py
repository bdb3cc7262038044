from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the installation: `manage.py backup` and `manage.py restore` of the whole
    database (backups.py). No models."""

    name = "tiekartta.operations"
