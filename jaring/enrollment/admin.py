"""Admin for the data of BPJS registration that has no official source: the registration file's layout, the
funding kind → participation type rules, and the cooperation agreements (PKS).

Every save and delete leaves an audit row in the admin's own transaction. Memberships are personal data and
stay out of the admin (they change only through the services).
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from jaring.audit.admin import AuditedAdmin

from .models import CooperationAgreement, ParticipationRule, RegistrationLayout
from .vocabulary import FIELDS


class RegistrationLayoutForm(forms.ModelForm):
    class Meta:
        model = RegistrationLayout
        fields = ["name", "regency", "columns"]
        widgets = {"columns": forms.Textarea(attrs={"rows": 24, "cols": 90, "style": "font-family: monospace"})}


@admin.register(RegistrationLayout)
class RegistrationLayoutAdmin(AuditedAdmin):
    form = RegistrationLayoutForm
    list_display = ["name", "regency", "column_count", "updated_at"]
    autocomplete_fields = ["regency"]
    readonly_fields = ["known_fields"]
    fields = ["name", "regency", "columns", "known_fields"]

    @admin.display(description=_("columns"))
    def column_count(self, obj) -> int:
        return len(obj.columns or [])

    @admin.display(description=_("known fields"))
    def known_fields(self, obj):
        return format_html_join("", "<div><code>{}</code> — {}</div>", FIELDS.items())


@admin.register(ParticipationRule)
class ParticipationRuleAdmin(AuditedAdmin):
    list_display = ["kind", "participation_type", "regency", "note"]
    list_filter = ["participation_type", "kind"]
    autocomplete_fields = ["regency"]


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(AuditedAdmin):
    list_display = ["number", "program", "source", "signed_on", "start", "updated_at"]
    list_filter = ["program__year"]
    search_fields = ["number", "program__code", "program__name"]
    raw_id_fields = ["program", "source"]
    readonly_fields = ["updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
