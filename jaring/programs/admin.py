"""Admin for the rate table (an admin adds a row when a regulation changes) and for programs.

Every save and delete here leaves an audit row in the admin's own transaction: rates and funding sources
decide how many people a budget covers.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jaring.audit.admin import AuditedAdmin

from .models import (
    ContributionDiscount,
    ContributionRate,
    FundingKind,
    FundingSource,
    Program,
    ProgramSector,
    Quota,
    RateComponent,
)


class ContributionRateForm(forms.ModelForm):
    class Meta:
        model = ContributionRate
        fields = [
            "segment",
            "component",
            "risk_class",
            "basis",
            "employer_rate",
            "worker_rate",
            "income_min",
            "income_max",
            "base_cap",
            "valid_from",
            "valid_to",
            "regulation",
            "note",
        ]

    def clean(self):
        data = super().clean()
        segment, component, risk = data.get("segment"), data.get("component"), data.get("risk_class")
        by_risk = segment == "pu" and component == RateComponent.JKK
        if by_risk and risk not in range(1, 6):
            self.add_error("risk_class", _("JKK for wage earners needs a risk class from 1 to 5."))
        elif not by_risk and risk is not None:
            self.add_error("risk_class", _("Only JKK for wage earners has a risk class; leave it empty."))
        twins = ContributionRate.objects.filter(
            segment=segment, component=component, risk_class=risk, valid_from=data.get("valid_from")
        ).exclude(pk=self.instance.pk)
        if data.get("valid_from") and twins.exists():
            self.add_error(
                "valid_from",
                _("Another rate for this segment, program and risk class starts on this day; change that row instead."),
            )
        return data


@admin.register(ContributionRate)
class ContributionRateAdmin(AuditedAdmin):
    form = ContributionRateForm
    list_display = [
        "segment",
        "component",
        "risk_class",
        "basis",
        "employer_rate",
        "worker_rate",
        "income_min",
        "income_max",
        "base_cap",
        "valid_from",
        "valid_to",
        "regulation",
    ]
    list_filter = ["segment", "component", "risk_class", "basis"]
    search_fields = ["regulation", "note"]
    ordering = ["segment", "component", "risk_class", "-valid_from"]


class ContributionDiscountForm(forms.ModelForm):
    """A misspelt payer in ``excluded_payers`` would silently give an APBD payer the discount: refuse it."""

    class Meta:
        model = ContributionDiscount
        fields = [
            "name",
            "segment",
            "components",
            "percent",
            "sector",
            "excluded_payers",
            "valid_from",
            "valid_to",
            "regulation",
            "note",
        ]

    def clean(self):
        data = super().clean()
        self._only("components", RateComponent.values)
        self._only("excluded_payers", FundingKind.values)
        if data.get("sector") not in ("", None, *ProgramSector.values):
            self.add_error("sector", _("Unknown sector; use one of: %s.") % ", ".join(ProgramSector.values))
        return data

    def _only(self, field: str, allowed: list[str]) -> None:
        values = self.cleaned_data.get(field)
        if values is None:
            return
        if not isinstance(values, list) or set(values) - set(allowed):
            self.add_error(field, _("Write a list of these values only: %s.") % ", ".join(allowed))


@admin.register(ContributionDiscount)
class ContributionDiscountAdmin(AuditedAdmin):
    form = ContributionDiscountForm
    list_display = ["name", "segment", "components", "percent", "sector", "excluded_payers", "valid_from", "valid_to"]
    list_filter = ["segment", "sector"]
    search_fields = ["name", "regulation", "note"]


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    fields = ["kind", "name", "amount", "village", "occupations", "groups", "note"]
    autocomplete_fields = ["village"]
    extra = 0


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0


@admin.register(Program)
class ProgramAdmin(AuditedAdmin):
    list_display = ["code", "name", "year", "regency", "category", "segment", "start_month", "months"]
    list_filter = ["year", "category", "segment"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["regency"]
    inlines = [FundingSourceInline, QuotaInline]

    def save_formset(self, request, form, formset, change):
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                self._audit(request, deleted.instance, "deleted")
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._audit(request, obj, "added")
        for obj, _fields in formset.changed_objects:
            self._audit(request, obj, "changed")
