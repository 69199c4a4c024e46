from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BasisChoices

#: The reader decides by content; this only guides the file picker.
ACCEPT = ".xlsx,.xls,.csv"


class DenominatorUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Table of workers per region"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )
    year = forms.IntegerField(label=_("Year of the figures"), min_value=2000, max_value=2100)
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("For rows whose Source column is empty, e.g. BPS Kabupaten … dalam Angka 2026."),
    )


class CoverageTargetForm(forms.Form):
    target_percent = forms.DecimalField(
        label=_("Target (%)"),
        min_value=Decimal("0.1"),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
        localize=True,  # "62,5" as Indonesians write it
    )
    basis = forms.ChoiceField(label=_("Denominator"), choices=BasisChoices.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
