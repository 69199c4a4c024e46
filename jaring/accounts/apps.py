from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jaring.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default = True

    def ready(self):
        from . import signals  # noqa: F401


class JaringAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "jaring.accounts.admin_site.JaringAdminSite"
