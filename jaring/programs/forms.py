"""Forms of the planner's pages. They only read what was typed; the planning services check it and say what is
wrong (in Bahasa Indonesia), and the views put those messages next to the fields they are about."""

import re
from decimal import Decimal

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from jaring.people.models import CoverageSegment, Occupation, VulnerabilityGroup

from .models import FundingKind, ProgramSector, QuotaKind

#: "1.200.000.000", "1200000000", "Rp 1.200.000.000", "Rp1.200.000.000,00", "-5.000.000": dots group thousands,
#: a comma starts the sen.
_RUPIAH = re.compile(
    r"^(?P<sign>-?)\s*(?:rp\.?)?\s*(?P<sign2>-?)\s*(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<sen>\d+))?$"
)


def parse_rupiah(text: str) -> Decimal | None:
    """A typed amount of rupiah as a Decimal (negative ones kept, for the service to refuse); None if unreadable."""
    match = _RUPIAH.match(re.sub(r"\s", "", text or "").lower())
    if not match:
        return None
    amount = Decimal(match["whole"].replace(".", "") + (f".{match['sen']}" if match["sen"] else ""))
    return -amount if match["sign"] or match["sign2"] else amount


def rupiah_input(amount) -> str:
    """An amount as the planner types it back: ``1.200.000.000``."""
    return "" if amount is None else f"{int(amount):,}".replace(",", ".")


class RupiahField(forms.CharField):
    widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1.200.000.000"})
    default_error_messages = {"invalid": _("Write an amount in rupiah, e.g. 1.200.000.000 or Rp 25.000.000.")}

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        amount = parse_rupiah(text)
        if amount is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


def _number(label, **kwargs) -> forms.IntegerField:
    """A whole number; ranges are the service's to check, so that its message is the one shown."""
    attrs = {"min": kwargs.pop("min", 0), **({"max": kwargs.pop("max")} if "max" in kwargs else {})}
    return forms.IntegerField(label=label, widget=forms.NumberInput(attrs=attrs), **kwargs)


class ProgramForm(forms.Form):
    """Period, declared income, package, sector and priority weights; PU-only fields exist for PU programs."""

    start_month = forms.TypedChoiceField(label=_("First month"), choices=sorted(MONTHS.items()), coerce=int)
    months = _number(_("Number of months"), min=1, max=12)
    declared_income = RupiahField(
        label=_("Declared income or wage (Rp a month)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1.000.000"}),
    )
    include_jht = forms.BooleanField(label=_("Include JHT (old-age savings)"), required=False)
    include_jp = forms.BooleanField(label=_("Include JP (pension)"), required=False)
    risk_class = forms.TypedChoiceField(
        label=_("JKK risk class"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int
    )
    pays_worker_share = forms.BooleanField(
        label=_("The budget also pays the worker's share (JHT 2%, JP 1%)"), required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=ProgramSector.choices)
    priority_decile = _number(_("Welfare decile (poorer first)"), required=False)
    priority_carry_over = _number(_("Recipients of last year"), required=False)
    priority_age = _number(_("Age (older first)"), required=False)

    PU_ONLY = ("include_jp", "risk_class", "pays_worker_share")
    WEIGHTS = ("priority_decile", "priority_carry_over", "priority_age")

    def __init__(self, *args, program, **kwargs):
        kwargs.setdefault("initial", self.initial_from(program))
        super().__init__(*args, **kwargs)
        self.program = program
        if program.segment != CoverageSegment.PU:
            for name in self.PU_ONLY:
                del self.fields[name]
        for code, label in VulnerabilityGroup.choices:
            self.fields[f"priority_group_{code}"] = _number(label, required=False)
        for code, label in Occupation.choices:
            self.fields[f"priority_occupation_{code}"] = _number(label, required=False)

    @staticmethod
    def initial_from(program) -> dict:
        priority = program.priority or {}
        initial = {name: getattr(program, name) for name in ("start_month", "months", "include_jht", "include_jp")}
        initial |= {"risk_class": program.risk_class, "pays_worker_share": program.pays_worker_share}
        initial |= {"sector": program.sector, "declared_income": rupiah_input(program.declared_income)}
        initial |= {f"priority_{key}": priority.get(key) for key in ("decile", "carry_over", "age")}
        initial |= {f"priority_group_{k}": w for k, w in (priority.get("groups") or {}).items()}
        initial |= {f"priority_occupation_{k}": w for k, w in (priority.get("occupations") or {}).items()}
        return initial

    def package_fields(self):
        return [self[name] for name in ("include_jht", *self.PU_ONLY) if name in self.fields]

    def weight_fields(self):
        return [self[name] for name in self.WEIGHTS]

    def group_fields(self):
        return [self[name] for name in self.fields if name.startswith("priority_group_")]

    def occupation_fields(self):
        return [self[name] for name in self.fields if name.startswith("priority_occupation_")]

    def data_for_service(self) -> dict:
        """``cleaned_data`` in the shape ``program_update`` takes: the weights folded into ``priority``."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("priority_")}
        weights = {k.removeprefix("priority_"): v for k, v in self.cleaned_data.items() if k.startswith("priority_")}
        data["priority"] = {
            "decile": weights.pop("decile"),
            "carry_over": weights.pop("carry_over"),
            "age": weights.pop("age"),
            "groups": {k.removeprefix("group_"): v for k, v in weights.items() if k.startswith("group_")},
            "occupations": {
                k.removeprefix("occupation_"): v for k, v in weights.items() if k.startswith("occupation_")
            },
        }
        return data


class FundingSourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *FundingKind.choices])
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Empty: the kind's name (and the desa's).")
    )
    amount = RupiahField(label=_("Amount (Rp)"))
    village = forms.ChoiceField(
        label=_("Desa (APBDes only)"),
        required=False,
        help_text=_("An APBDes pays for the residents of its own desa only."),
    )
    occupations = forms.MultipleChoiceField(
        label=_("Only these occupations"),
        choices=Occupation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every occupation (DBHCHT: tobacco farmers and workers)."),
    )
    groups = forms.MultipleChoiceField(
        label=_("Only these groups"),
        choices=VulnerabilityGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everyone, in a group or not."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, villages, source=None, **kwargs):
        if source is not None:
            kwargs.setdefault("initial", self.initial_from(source))
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "—"), *_grouped_by_district(villages)]

    @staticmethod
    def initial_from(source) -> dict:
        return {
            "kind": source.kind,
            "name": source.name,
            "amount": rupiah_input(source.amount),
            "village": source.village_id or "",
            "occupations": source.occupations,
            "groups": source.groups,
            "note": source.note,
        }


def _grouped_by_district(villages) -> list[tuple[str, list[tuple[str, str]]]]:
    """Villages as ``<optgroup>`` per kecamatan, for a long drop-down."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for village in villages.select_related("parent"):
        groups.setdefault(village.parent.name if village.parent else "", []).append((village.code, village.name))
    return list(groups.items())


class QuotaForm(forms.Form):
    """A minimum and a maximum for every kecamatan, desa/kelurahan and group; empty means no quota."""

    same_village_maximum = _number(
        _("Same maximum for every desa/kelurahan"),
        required=False,
        help_text=_(
            "Replaces the maximum of every desa/kelurahan in the table, e.g. 100 for “1 desa 100 pekerja rentan”."
        ),
    )

    def __init__(self, *args, regions, quotas, **kwargs):
        initial = {}
        for quota in quotas:
            initial[self.name(quota.kind, quota.key, "min")] = quota.minimum or None
            initial[self.name(quota.kind, quota.key, "max")] = quota.maximum
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.labels = {(QuotaKind.DISTRICT if r.level == 3 else QuotaKind.VILLAGE, r.code): r.name for r in regions}
        self.labels |= {(QuotaKind.GROUP, code): label for code, label in VulnerabilityGroup.choices}
        self.keys = list(self.labels)
        for (kind, key), label in self.labels.items():
            for bound, text in (("min", _("%(name)s: minimum")), ("max", _("%(name)s: maximum"))):
                self.fields[self.name(kind, key, bound)] = _number(text % {"name": label}, required=False)

    @staticmethod
    def name(kind: str, key: str, bound: str) -> str:
        return f"{bound}_{kind}_{key}"

    def pair(self, kind: str, key: str):
        return self[self.name(kind, key, "min")], self[self.name(kind, key, "max")]

    def rows(self) -> list[dict]:
        """Every quota typed, for ``quotas_replace``; the same maximum, when given, for every village."""
        data, same = self.cleaned_data, self.cleaned_data.get("same_village_maximum")
        rows = []
        for kind, key in self.keys:
            minimum, maximum = data.get(self.name(kind, key, "min")), data.get(self.name(kind, key, "max"))
            if kind == QuotaKind.VILLAGE and same is not None:
                maximum = same
            rows.append({"kind": kind, "key": key, "minimum": minimum, "maximum": maximum})
        return rows
