from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region


class ProgramCategory(models.TextChoices):
    PEKERJA_RENTAN = "pekerja_rentan", _("Vulnerable workers (BPU)")
    PERANGKAT_DESA = "perangkat_desa", _("Village officials (PU)")
    NON_ASN = "non_asn", _("Non-ASN staff (PU)")
    PEMILU_AD_HOC = "pemilu_ad_hoc", _("Ad hoc election workers (short term)")


class Program(models.Model):
    """A regency's contribution-aid program for one year, e.g. "Bantuan iuran pekerja rentan 2026".

    Intake collects candidates into a program; rates, budgets and selection (issue #5) extend it.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    regency = models.ForeignKey(Region, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=ProgramCategory.choices)
    eligibility = models.JSONField(
        _("eligibility rules"),
        default=dict,
        blank=True,
        help_text=_(
            'Overrides of the defaults, e.g. {"min_age": 17, "max_age": 60, "max_decile": 4}; '
            "see jaring.verification.rules.eligibility."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name if str(self.year) in self.name else f"{self.name} ({self.year})"
