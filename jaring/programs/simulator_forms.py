"""The simulator's scenario form: one per side (prefix "a" and "b"), amounts typed the way people write rupiah."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .rates import MONTH_NAMES, BudgetInvalid, check_budget, read_rupiah
from .simulation import Scenario

MONTHS = [(n, MONTH_NAMES[n - 1]) for n in range(1, 13)]


class RupiahField(forms.CharField):
    """Accepts "1.200.000.000", "1200000000" and "Rp 1.200.000.000"; cleans to a whole-rupiah Decimal."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return check_budget(read_rupiah(text, what=str(self.label)))
        except BudgetInvalid as exc:
            raise forms.ValidationError(str(exc)) from None


class ScenarioForm(forms.Form):
    program = forms.ModelChoiceField(queryset=None, required=False, label=_("Program"), empty_label=_("(none)"))
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)
    start_month = forms.TypedChoiceField(label=_("First month"), choices=MONTHS, coerce=int)
    months = forms.IntegerField(label=_("Number of months"))
    income = RupiahField(label=_("Declared income (Rp a month)"))
    jht = forms.BooleanField(label=_("Add JHT (2%)"), required=False)
    budget = RupiahField(label=_("Budget (Rp)"), required=False)
    people = forms.IntegerField(label=_("People"), required=False, min_value=0, max_value=10_000_000)

    def clean_months(self):
        months = self.cleaned_data["months"]
        if not 1 <= months <= 12:
            raise forms.ValidationError(_("The number of months must be 1 to 12."))
        return months

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # The browser would block an htmx update silently on an out-of-range number; the server says why.
            field.widget.attrs.pop("min", None)
            field.widget.attrs.pop("max", None)
        self.fields["program"].queryset = programs
        self.fields["program"].to_field_name = "code"
        program = self._chosen_program(programs)
        self.sources = list(program.sources.order_by("pk")) if program else []
        for source in self.sources:
            field = RupiahField(label=source.name, required=False)
            field.widget.attrs["placeholder"] = _plain(source.amount)  # empty: the program's own amount
            self.fields[f"source_{source.pk}"] = field

    def _chosen_program(self, programs):
        code = self.data.get(self.add_prefix("program")) if self.is_bound else self.initial.get("program")
        code = getattr(code, "code", code)
        return programs.filter(code=code).first() if code else None

    def source_fields(self):
        return [self[f"source_{s.pk}"] for s in self.sources]

    def scenario(self) -> Scenario:
        data = self.cleaned_data
        budgets = {s.pk: data.get(f"source_{s.pk}") for s in self.sources}
        return Scenario(
            year=data["year"],
            start_month=data["start_month"],
            months=data["months"],
            income=data["income"],
            jht=data["jht"],
            budget=data.get("budget"),
            people=data.get("people"),
            program=data.get("program"),
            source_budgets={pk: amount for pk, amount in budgets.items() if amount is not None},
        )


def _plain(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".")


def initial_for(program, *, year: int) -> dict:
    """A side's starting values: the program's own, or Trenggalek's 2025 plan when there is none."""
    if program is None:
        return {"year": year, "start_month": 1, "months": 12, "income": "1.000.000", "budget": "2.016.000.000"}
    return {
        "program": program.code,
        "year": program.year,
        "start_month": program.start_month,
        "months": program.months,
        "income": _plain(program.declared_income),
        "jht": program.include_jht,
    } | {f"source_{source.pk}": _plain(source.amount) for source in program.sources.order_by("pk")}
