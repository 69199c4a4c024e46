from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.regions.models import Region

from ..denominators import Basis


class BasisChoices(models.TextChoices):
    WORKERS = Basis.WORKERS, _("Workers")
    INFORMAL = Basis.INFORMAL, _("Informal workers")


class WorkforceDenominator(models.Model):
    """How many people work in a region in a year, as the regency loaded it (``monitoring.services_denominators``):
    what the coverage rate divides by. Rows may be of desa, kecamatan or the regency itself; a region without a row
    takes the sum of its children's (``monitoring.denominators.resolve``)."""

    region_code = models.CharField(_("region code"), max_length=13)
    #: The regency the row belongs to, so that a scope reads its rows by one indexed equality.
    regency_code = models.CharField(_("regency code"), max_length=5, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    workers = models.PositiveIntegerField(_("workers"))
    informal_workers = models.PositiveIntegerField(_("informal workers"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("loaded by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    loaded_at = models.DateTimeField(_("loaded"))

    class Meta:
        verbose_name = _("workforce denominator")
        verbose_name_plural = _("workforce denominators")
        ordering = ["year", "region_code"]
        constraints = [
            models.UniqueConstraint(fields=["region_code", "year"], name="denominator_region_year_uniq"),
            models.CheckConstraint(
                condition=models.Q(informal_workers__isnull=True) | models.Q(informal_workers__lte=models.F("workers")),
                name="denominator_informal_lte_workers",
            ),
        ]
        indexes = [models.Index(fields=["regency_code", "year"], name="denominator_regency_year_idx")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year}: {self.workers}"

    def save(self, *args, **kwargs):
        self.regency_code = self.region_code[:5]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.informal_workers is not None and self.workers is not None and self.informal_workers > self.workers:
            message = "Pekerja informal tidak boleh lebih banyak dari jumlah pekerja."
            raise ValidationError({"informal_workers": message})


class CoverageTarget(models.Model):
    """A regency's coverage target and the figure its rate divides by. No regulation gives a figure (domain-facts
    names none), so "Universal Coverage Jamsostek" is 100% until the regency sets its own."""

    regency = models.OneToOneField(Region, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="+")
    target_percent = models.DecimalField(
        _("target (%)"), max_digits=4, decimal_places=1, default=Decimal(100),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(100))],
        help_text=_("Share of the denominator to be covered; 100 is Universal Coverage Jamsostek."),
    )  # fmt: skip
    basis = models.CharField(
        _("denominator"), max_length=20, choices=BasisChoices.choices, default=BasisChoices.INFORMAL
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("coverage target")
        verbose_name_plural = _("coverage targets")

    def __str__(self) -> str:
        return f"{self.regency_id}: {self.target_percent}%"
