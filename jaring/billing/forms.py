from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.programs.rates import month_name

from .models import PaymentChannel
from .periods import month_text

#: The service decides by content; this only guides the file picker.
RECEIPT_ACCEPT = ".pdf,.jpg,.jpeg,.png"
#: A kode iuran or an amount: digits on a phone's keypad; the service reads "Rp50.400" too.
NUMERIC = {"inputmode": "numeric", "autocomplete": "off"}


class RunForm(forms.Form):
    """The month to bill, among the program's months only."""

    bulan = forms.ChoiceField(label=_("Month"))

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulan"].choices = [(month_text(m), month_name(m)) for m in months]


class PaymentForm(forms.Form):
    kode_iuran = forms.CharField(
        label=_("Kode iuran"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    amount = forms.CharField(
        label=_("Amount (Rp)"), max_length=24, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    paid_on = forms.DateField(label=_("Date paid"), widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Channel"), choices=PaymentChannel.choices)
    reference = forms.CharField(label=_("Bank reference"), max_length=60, required=False)
    receipt = forms.FileField(label=_("Receipt (PDF, JPG or PNG)"), required=False,
                              widget=forms.ClearableFileInput(attrs={"accept": RECEIPT_ACCEPT}))  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
