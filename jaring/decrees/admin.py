"""Admin for what a regency's decrees say about it (letterhead, regent, own Perda/Perbup, Word template) and a
read-only view of decrees: decrees change only through their services. Every change is audited."""

from django.contrib import admin

from jaring.audit.admin import AuditedAdmin

from .models import Decree, DecreeSettings, LegalBasis


@admin.register(DecreeSettings)
class DecreeSettingsAdmin(AuditedAdmin):
    list_display = ["regency", "government", "regent_title", "regent_name", "signing_place"]


@admin.register(LegalBasis)
class LegalBasisAdmin(AuditedAdmin):
    list_display = ["citation", "regency", "order", "active"]
    list_filter = ["active"]
    ordering = ["regency", "order", "id"]


@admin.register(Decree)
class DecreeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "program", "kind", "status", "number", "signed_on", "recipients_count"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
