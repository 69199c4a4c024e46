from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _


class FinalizeForm(forms.Form):
    number = forms.CharField(label=_("Decree number"), max_length=80)
    signed_on = forms.DateField(label=_("Date signed"), widget=forms.DateInput(attrs={"type": "date"}))
    scan = forms.FileField(
        label=_("Signed scan (PDF, JPG or PNG, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class MonthField(forms.CharField):
    """``<input type="month">`` gives "2026-07"; the first day of that month."""

    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-")[:2])
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM, e.g. 2026-07.")) from None


class AmendmentForm(forms.Form):
    effective_from = MonthField(label=_("Changes take effect from"))
    reason = forms.CharField(label=_("Reason for the amendment"), max_length=500)
