"""Admin for donations: read and correct a donor's name or note. Money, source and status change only through
the services (``donation_record``, ``donation_void``), which keep the source's budget equal to what was
received; so the admin neither adds nor deletes, and every change it saves leaves an audit row."""

from django.contrib import admin

from jaring.audit.admin import AuditedAdmin

from .models import Donation


@admin.register(Donation)
class DonationAdmin(AuditedAdmin):
    list_display = ["received_on", "source", "donor_name", "anonymous", "donor_kind", "amount", "status"]
    list_filter = ["status", "donor_kind", "source__kind", "source__program__year"]
    search_fields = ["donor_name", "reference", "source__name", "source__program__code"]
    raw_id_fields = ["source"]
    readonly_fields = ["source", "amount", "received_on", "reference", "receipt", "status", "recorded_by",
                       "recorded_at", "void_reason", "voided_by", "voided_at"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
