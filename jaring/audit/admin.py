from django.contrib import admin

from .models import AuditEvent
from .services import audit_record


def snapshot(obj) -> dict:
    """A model row as JSON-safe values, for an audit row's detail."""
    return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def _plain(value):
    return value if value is None or isinstance(value, bool | int | str | list | dict) else str(value)


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete in the admin leaves an audit row ("<app>.<model>_added|changed|deleted") in the
    admin's own transaction, bulk deletes included."""

    def _audit(self, request, obj, verb: str) -> None:
        audit_record(
            actor=request.user,
            action=f"{obj._meta.app_label}.{obj._meta.model_name}_{verb}",
            object_type=obj._meta.label_lower,
            object_id=obj.pk,
            detail=snapshot(obj),
            request=request,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._audit(request, obj, "changed" if change else "added")

    def delete_model(self, request, obj):
        self._audit(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "deleted")
        super().delete_queryset(request, queryset)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "region_code"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "object_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
