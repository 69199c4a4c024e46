"""Admin for monitoring's settings: the regency's coverage target, and the denominators it loaded (corrected
here one row at a time, loaded only from a file through the page or ``jaring denominators``). Every save and
delete leaves an audit row."""

from django.contrib import admin

from jaring.audit.admin import AuditedAdmin

from .models import CoverageTarget, WorkforceDenominator


@admin.register(CoverageTarget)
class CoverageTargetAdmin(AuditedAdmin):
    list_display = ["regency", "target_percent", "basis", "updated_at", "updated_by"]
    list_filter = ["basis"]
    autocomplete_fields = ["regency"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(WorkforceDenominator)
class WorkforceDenominatorAdmin(AuditedAdmin):
    list_display = ["region_code", "year", "workers", "informal_workers", "source", "loaded_at", "loaded_by"]
    list_filter = ["year", "regency_code"]
    search_fields = ["region_code", "source"]
    readonly_fields = ["region_code", "year", "loaded_at", "loaded_by"]

    def has_add_permission(self, request):
        return False
