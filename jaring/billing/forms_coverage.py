from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EndCauseChoices


class MembershipEndForm(forms.Form):
    cause = forms.ChoiceField(label=_("Cause"), choices=EndCauseChoices.choices)
    occurred_on = forms.DateField(label=_("Date it happened"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=120,
        help_text=_("For example the number of the death certificate or the letter of the village."),
    )
