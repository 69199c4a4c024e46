from django import forms
from django.utils.translation import gettext_lazy as _

from .services.results import MAX_BYTES

#: The reader decides by content; this only guides the file picker.
ACCEPT = ".xlsx,.xls,.csv"


class ResultsUploadForm(forms.Form):
    file = forms.FileField(label=_("Results file from BPJS"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class AgreementForm(forms.Form):
    source = forms.ChoiceField(label=_("For"), required=False)
    number = forms.CharField(label=_("Agreement number"), max_length=120)
    signed_on = forms.DateField(label=_("Date signed"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.DateField(label=_("Coverage starts"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = {str(s.pk): s for s in sources}
        self.fields["source"].choices = [("", _("The whole program")), *((k, s.name) for k, s in self.sources.items())]

    def clean_source(self):
        return self.sources.get(self.cleaned_data.get("source") or "")
