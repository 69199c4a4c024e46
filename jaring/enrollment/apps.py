from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentConfig(AppConfig):
    name = "jaring.enrollment"
    label = "enrollment"
    verbose_name = _("BPJS enrollment")

    def ready(self) -> None:
        from jaring.decrees.signals import decree_finalized

        from .signals import on_decree_finalized

        decree_finalized.connect(on_decree_finalized, dispatch_uid="enrollment.end_removed_memberships")
