from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.core.uploads import MAX_DOCUMENT_BYTES

from .models import DonorKind


class DonationForm(forms.Form):
    """The fields of ``donation_record``; the service checks the amount, the donor and the twins."""

    source = forms.ChoiceField(label=_("Funding source"))
    donor_kind = forms.ChoiceField(label=_("Kind of donor"), choices=DonorKind.choices)
    donor_name = forms.CharField(label=_("Donor"), max_length=200, required=False)
    anonymous = forms.BooleanField(
        label=_("Anonymous"), required=False, help_text=_("The public page shows the donor as Hamba Allah.")
    )
    amount = forms.CharField(label=_("Amount (Rp)"), max_length=40)
    received_on = forms.DateField(label=_("Date received"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Bank reference"), max_length=60, required=False)
    receipt = forms.FileField(
        label=_("Receipt (PDF, JPG or PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = {str(s.pk): s for s in sources}
        self.fields["source"].choices = [(key, s.name) for key, s in self.sources.items()]

    def clean_source(self):
        return self.sources[self.cleaned_data["source"]]

    def clean_receipt(self):
        receipt = self.cleaned_data.get("receipt")
        if receipt and receipt.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": 10})
        return receipt or None


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
