from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tiekartta.imports"

    def ready(self) -> None:
        from tiekartta.imports import jobs
        from tiekartta.imports.kinds import metric_values, tasks
        from tiekartta.imports.registry import register

        register(tasks.TASKS)
        register(metric_values.METRIC_VALUES)
        jobs.register_runners()
