"""Admin for billing. Invoices and payments change only through the services (billing run, payment record),
so the admin shows them read-only; the regency's billing settings (due day, unpaid months allowed) are the one
thing edited here, with an audit row per save. Invoice lines name people and stay out of the admin."""

from django.contrib import admin

from jaring.audit.admin import AuditedAdmin

from .models import BillingSettings, Invoice, Payment, PaymentShare


class ReadOnlyAdmin(AuditedAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BillingSettings)
class BillingSettingsAdmin(AuditedAdmin):
    list_display = ["regency", "due_day", "lapse_after"]
    autocomplete_fields = ["regency"]


class ShareInline(admin.TabularInline):
    model = PaymentShare
    fk_name = "payment"
    fields = ["invoice", "amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["kode_iuran", "program", "source", "month", "lines_count", "total", "paid", "status"]
    list_filter = ["status", "program__year"]
    search_fields = ["kode_iuran", "program__code"]
    list_select_related = ["program", "source"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["kode_iuran", "paid_on", "amount", "channel", "reference", "recorded_by"]
    list_filter = ["channel"]
    search_fields = ["kode_iuran", "reference"]
    inlines = [ShareInline]
