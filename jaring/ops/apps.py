from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Jaring: `jaring serve`, `jaring dbstate`. No models."""

    name = "jaring.ops"
    label = "ops"
    verbose_name = _("Operations")
