from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data of every app, loaded in order by `manage.py load_demo`. No models."""

    name = "tiekartta.demo"
