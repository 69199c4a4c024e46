from django import forms
from django.utils.translation import gettext_lazy as _

from jaring.accounts.scoping import scope_regions
from jaring.core.regioncodes import Level, contains
from jaring.regions.models import Region

from .models import Occupation, VulnerabilityGroup
from .selectors import PeopleFilter


class PeopleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("NIK or name"), "type": "search"}),
    )
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    desa = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    group = forms.ChoiceField(
        label=_("Group"), required=False, choices=[("", _("All groups")), *VulnerabilityGroup.choices]
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"), required=False, choices=[("", _("All occupations")), *Occupation.choices]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        regions = scope_regions(Region.objects.all(), user)
        kecamatan = regions.filter(level=Level.DISTRICT).order_by("name").values_list("code", "name")
        self.fields["kecamatan"].choices = [("", _("All kecamatan")), *kecamatan]
        chosen = (self.data.get("kecamatan") or "") if self.is_bound else ""
        villages = regions.filter(level=Level.VILLAGE)
        if chosen:
            villages = villages.filter(parent_id=chosen)
        elif user.scope_code is None or user.scope_code.count(".") < 2:
            villages = villages.none()  # a regency has 150+ villages: pick a kecamatan first
        self.fields["desa"].choices = [
            ("", _("All villages")),
            *villages.order_by("name").values_list("code", "name"),
        ]

        if user.scope_code and user.scope_code.count(".") == 3:
            # A village operator's list is one village already: region filters would only offer that village.
            del self.fields["kecamatan"], self.fields["desa"]

    def clean(self):
        data = super().clean()
        desa, kecamatan = data.get("desa", ""), data.get("kecamatan", "")
        if desa and kecamatan and not contains(kecamatan, desa):
            data["desa"] = ""
        return data

    def to_filter(self) -> PeopleFilter:
        if not self.is_valid():
            return PeopleFilter(q=(self.data.get("q") or "")[:100])
        d = self.cleaned_data
        return PeopleFilter(
            q=d["q"], region=d.get("desa") or d.get("kecamatan", ""), group=d["group"], occupation=d["occupation"]
        )
