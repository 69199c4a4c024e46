from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "jaring.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from jaring.enrollment.changes import coverage_changed

        from .signals import on_coverage_changed

        coverage_changed.connect(on_coverage_changed, dispatch_uid="monitoring_facts")
