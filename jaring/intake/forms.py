from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jaring.accounts.scoping import can_verify
from jaring.people.models import Occupation, Sex, VulnerabilityGroup

from .headers import FIELD_LABELS
from .models import Source
from .selectors import programs_open_to, villages_open_to

#: File types the upload accepts; the reader decides by content, this only guides the file picker.
ACCEPT = ".xlsx,.xls,.csv"


class UploadForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=None, empty_label=None)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices, initial=Source.USULAN)
    source_date = forms.DateField(
        label=_("Extract date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For DTKS, DTSEN and P3KE extracts: the date the extract was taken."),
    )
    village = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    file = forms.FileField(
        label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}), allow_empty_file=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["program"].queryset = programs_open_to(user)
        villages = villages_open_to(user)
        if can_verify(user):
            self.fields["village"].choices = [("", _("Whole regency")), *_village_choices(villages)]
        else:
            # A village operator uploads for her own village only; other sources are the verifier's.
            self.fields["source"].choices = [(Source.USULAN, Source.USULAN.label)]
            self.fields["source"].widget = forms.HiddenInput()
            self.fields["source_date"].widget = forms.HiddenInput()
            self.fields["village"].choices = _village_choices(villages)
            self.fields["village"].widget = forms.HiddenInput()
            self.fields["village"].initial = user.region_id

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.INTAKE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB. Split it into several files and upload them one by one.")
                % {"limit": limit // (1024 * 1024)}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("source") and data["source"] != Source.USULAN and not data.get("source_date"):
            self.add_error("source_date", _("Give the date of the extract."))
        return data

    def region_code(self) -> str:
        """The village chosen (always hers for an operator), else the program's regency."""
        if not can_verify(self.user):
            return self.user.region_id
        return self.cleaned_data.get("village") or self.cleaned_data["program"].regency_id


def _village_choices(villages) -> list[tuple[str, str]]:
    return [(v.code, f"{v.name} ({v.parent.name})" if v.parent else v.name) for v in villages.select_related("parent")]


class TemplateForm(forms.Form):
    village = forms.ChoiceField(label=_("Desa/kelurahan"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = _village_choices(villages_open_to(user))


class MappingForm(forms.Form):
    """One drop-down per column of the file: which field it holds, or nothing."""

    def __init__(self, *args, header: list[str], mapping: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not used —")), *FIELD_LABELS.items()]
        for index, name in enumerate(header):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=name or _("Column %(n)s") % {"n": index + 1},
                choices=choices,
                required=False,
                initial=mapping.get(index, ""),
            )

    def mapping(self) -> dict[int, str]:
        return {int(key.removeprefix("col_")): value for key, value in self.cleaned_data.items() if value}


class EntryForm(forms.Form):
    """One person, typed in by a village operator; checked by the rules of an upload row (live, with htmx)."""

    nik = forms.CharField(label="NIK", max_length=40, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    kk_number = forms.CharField(
        label=_("KK number"), max_length=40, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    full_name = forms.CharField(label=_("Full name (as on the KTP)"), max_length=200)
    birth_place = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    birth_date = forms.CharField(
        label=_("Date of birth"), max_length=40, widget=forms.TextInput(attrs={"placeholder": "31-12-1980"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices])
    street = forms.CharField(label=_("Address (street/dusun)"), max_length=200, required=False)
    rt = forms.CharField(label="RT", max_length=10, required=False)
    rw = forms.CharField(label="RW", max_length=10, required=False)
    village = forms.ChoiceField(label=_("Desa/kelurahan"))
    phone = forms.CharField(label=_("Mobile number"), max_length=40, required=False)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=[("", "—"), *Occupation.choices])
    groups = forms.MultipleChoiceField(
        label=_("Vulnerable group"),
        choices=VulnerabilityGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    accept_warnings = forms.BooleanField(
        label=_("I have checked the warnings against the KTP/KK: the data is right."), required=False
    )

    #: Fields the live check reports on, in the order of the form.
    CHECKED = ("nik", "kk_number", "full_name", "birth_place", "birth_date", "sex", "street", "rt", "rw")
    CHECKED += ("village", "phone", "occupation", "groups")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        villages = villages_open_to(user)
        self.fields["village"].choices = _village_choices(villages)
        if not can_verify(user):
            self.fields["village"].initial = user.region_id

    def raw(self) -> dict[str, str]:
        """The values as an upload row would carry them (text, groups joined), for rules.check_row."""
        data = self.data
        raw = {name: (data.get(name) or "").strip() for name in self.CHECKED if name != "groups"}
        raw["groups"] = ", ".join(data.getlist("groups")) if hasattr(data, "getlist") else ""
        raw["note"] = data.get("note") or ""
        return raw

    @staticmethod
    def initial_from(person) -> dict:
        return {
            "nik": person.nik,
            "kk_number": person.kk_number,
            "full_name": person.full_name,
            "birth_place": person.birth_place,
            "birth_date": person.birth_date.strftime("%d-%m-%Y") if person.birth_date else "",
            "sex": person.sex,
            "street": person.street,
            "rt": person.rt,
            "rw": person.rw,
            "village": person.village_id,
            "phone": person.phone,
            "occupation": person.occupation,
            "groups": list(person.group_memberships.values_list("group", flat=True)),
        }


class ReturnForm(forms.Form):
    message = forms.CharField(
        label=_("What the village must fix"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


def program_choice(user, code: str | None):
    """The program picked in a list page's filter, else the newest one open to the user."""
    programs = programs_open_to(user)
    return (programs.filter(code=code).first() if code else None) or programs.first()
