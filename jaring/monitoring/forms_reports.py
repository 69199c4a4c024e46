"""The report page's three forms: their choices come from the user's scope, so what a user can pick is what
the report services will give them (the services check again: a hand-made URL gets 403 or 404)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaring.core.regioncodes import Level, level_of
from jaring.programs.models import Program
from jaring.regions.models import Region

FORMAT_CHOICES = [("pdf", "PDF"), ("xlsx", _("Excel (.xlsx)"))]
#: How many levels below the user's own the coverage form offers (a province's monitor: its regencies).
_COVERAGE_DEPTH = {None: Level.REGENCY, Level.PROVINCE: Level.REGENCY}


def _format_field():
    return forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="pdf", widget=forms.RadioSelect)


def _programs(scope: str | None):
    """Programs of the regencies in ``scope``: a province's, or the one regency a narrower scope lies in."""
    if scope is None:
        return Program.objects.all()
    if level_of(scope) == Level.PROVINCE:
        return Program.objects.filter(regency__code__startswith=scope + ".")
    return Program.objects.filter(regency_id=scope[:5])


def _years(scope: str | None) -> list[tuple[int, int]]:
    programs = _programs(scope)
    years = sorted({*programs.values_list("year", flat=True).distinct(), timezone.localdate().year}, reverse=True)
    return [(y, y) for y in years]


def _regions_under(scope: str | None, deepest: Level):
    regions = Region.objects.filter(level__lte=deepest)
    if scope is not None:
        regions = regions.filter(code__startswith=scope + ".") | Region.objects.filter(code=scope)
    return regions.order_by("code")


def _labelled(region: Region) -> str:
    indent = "\u2003" * max(region.level - 2, 0)  # kecamatan and desa indented under their regency
    return f"{indent}{region.name} ({region.code})"


class VillageListForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"))
    desa = forms.ChoiceField(label=_("Desa/kelurahan"))
    format = _format_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        villages = _regions_under(user.scope_code, Level.VILLAGE).filter(level=Level.VILLAGE)
        self.fields["desa"].choices = [(r.code, f"{r.name} ({r.code})") for r in villages]
        programs = _programs(user.scope_code).order_by("-year", "name")
        self.fields["program"].choices = [(p.code, str(p)) for p in programs]


class CoverageForm(forms.Form):
    wilayah = forms.ChoiceField(label=_("Region"), required=False)
    tahun = forms.TypedChoiceField(label=_("Year"), coerce=int)
    format = _format_field()
    publik = forms.BooleanField(label=_("Public version: small counts withheld (x)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = user.scope_code
        level = level_of(scope) if scope else None
        regions = _regions_under(scope, _COVERAGE_DEPTH.get(level, Level.VILLAGE))
        everywhere = [("", _("All of Indonesia"))] if scope is None else []
        self.fields["wilayah"].choices = everywhere + [(r.code, _labelled(r)) for r in regions]
        self.fields["tahun"].choices = _years(scope)
        self.fields["tahun"].initial = timezone.localdate().year


class YearlyForm(forms.Form):
    kabupaten = forms.ChoiceField(label=_("Regency/city"))
    tahun = forms.TypedChoiceField(label=_("Year"), coerce=int)
    format = _format_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regencies = _regions_under(user.scope_code, Level.REGENCY).filter(level=Level.REGENCY)
        self.fields["kabupaten"].choices = [(r.code, r.name) for r in regencies]
        self.fields["tahun"].choices = _years(user.scope_code)
        self.fields["tahun"].initial = timezone.localdate().year
