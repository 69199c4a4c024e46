from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.people.models import CoverageSegment


class RateComponent(models.TextChoices):
    JKK = "jkk", "JKK"
    JKM = "jkm", "JKM"
    JHT = "jht", "JHT"
    JP = "jp", "JP"


class RateBasis(models.TextChoices):
    PERCENT = "percent", _("Percent of declared income or wage")
    FLAT = "flat", _("Rupiah a month")


class ContributionRate(models.Model):
    """One contribution rate in force from ``valid_from`` (to ``valid_to``), as a regulation set it.

    Shipped as a fixture naming each regulation (``jaring/programs/fixtures/rates.json``); an admin adds rows
    when a regulation changes. A percent is of the declared income (BPU) or wage (PU): ``income_min`` and
    ``income_max`` bound the income a rate accepts (BPU: Rp1,000,000–20,700,000), ``base_cap`` caps the base
    (JP's yearly wage ceiling).
    """

    segment = models.CharField(_("segment"), max_length=3, choices=CoverageSegment.choices)
    component = models.CharField(_("program"), max_length=3, choices=RateComponent.choices)
    risk_class = models.PositiveSmallIntegerField(
        _("risk class"), null=True, blank=True, help_text=_("JKK for wage earners: 1 (very low) to 5 (very high).")
    )
    basis = models.CharField(_("basis"), max_length=8, choices=RateBasis.choices)
    employer_rate = models.DecimalField(
        _("payer's rate"), max_digits=12, decimal_places=4, help_text=_("Percent, or rupiah for a flat rate.")
    )
    worker_rate = models.DecimalField(_("worker's rate"), max_digits=12, decimal_places=4, default=0)
    income_min = models.DecimalField(_("lowest income"), max_digits=14, decimal_places=0, null=True, blank=True)
    income_max = models.DecimalField(_("highest income"), max_digits=14, decimal_places=0, null=True, blank=True)
    base_cap = models.DecimalField(_("base ceiling"), max_digits=14, decimal_places=0, null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    regulation = models.CharField(_("regulation"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contribution rate")
        verbose_name_plural = _("contribution rates")
        ordering = ["segment", "component", "risk_class", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=models.Q(employer_rate__gte=0, worker_rate__gte=0), name="rate_positive"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="rate_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        risk = f" {self.risk_class}" if self.risk_class else ""
        return f"{self.segment.upper()} {self.get_component_display()}{risk} {self.valid_from}"


class ContributionDiscount(models.Model):
    """A temporary cut on some components, with the payers it excludes (PP 50/2025 halves BPU JKK + JKM
    but not for members paid from APBN/APBD)."""

    name = models.CharField(_("name"), max_length=120)
    segment = models.CharField(_("segment"), max_length=3, choices=CoverageSegment.choices)
    components = models.JSONField(_("programs"), default=list)
    percent = models.DecimalField(_("discount (%)"), max_digits=5, decimal_places=2)
    sector = models.CharField(_("sector"), max_length=16, blank=True, help_text=_("Empty: every sector."))
    excluded_payers = models.JSONField(_("payers excluded"), default=list, blank=True)
    valid_from = models.DateField(_("contributions from"))
    valid_to = models.DateField(_("contributions until"))
    regulation = models.CharField(_("regulation"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contribution discount")
        verbose_name_plural = _("contribution discounts")
        ordering = ["valid_from", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__gt=0, percent__lte=100), name="discount_percent_range"),
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")), name="discount_ordered"),
        ]

    def __str__(self) -> str:
        return self.name
