from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.people.models import CoverageSegment
from jaring.regions.models import Region


class ProgramCategory(models.TextChoices):
    PEKERJA_RENTAN = "pekerja_rentan", _("Vulnerable workers (BPU)")
    PERANGKAT_DESA = "perangkat_desa", _("Village officials (PU)")
    NON_ASN = "non_asn", _("Non-ASN staff (PU)")
    PEMILU_AD_HOC = "pemilu_ad_hoc", _("Ad hoc election workers (short term)")


class ProgramSector(models.TextChoices):
    """PP 50/2025 gives its BPU discount for different months to transport and to other workers."""

    NON_TRANSPORT = "non_transport", _("Non-transport")
    TRANSPORT = "transport", _("Transport (ojek, couriers, drivers)")


class Program(models.Model):
    """A regency's contribution-aid program for one period, e.g. "Bantuan iuran pekerja rentan 2026".

    The period is ``months`` months from ``start_month`` of ``year``; each person costs the contributions of
    the package (JKK + JKM, optionally JHT, and JP for wage earners) on ``declared_income`` for those months,
    at the rates in force each month (``ContributionRate``).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    regency = models.ForeignKey(Region, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=ProgramCategory.choices)
    segment = models.CharField(
        _("participant segment"), max_length=3, choices=CoverageSegment.choices, default=CoverageSegment.BPU
    )
    start_month = models.PositiveSmallIntegerField(
        _("first month"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    months = models.PositiveSmallIntegerField(
        _("number of months"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    declared_income = models.DecimalField(
        _("declared income or wage (Rp a month)"), max_digits=14, decimal_places=0, default=1_000_000
    )
    include_jht = models.BooleanField(_("include JHT"), default=False)
    include_jp = models.BooleanField(_("include JP (wage earners)"), default=False)
    risk_class = models.PositiveSmallIntegerField(
        _("JKK risk class (wage earners)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    pays_worker_share = models.BooleanField(
        _("budget also pays the worker's share"),
        default=False,
        help_text=_("Wage earners: JHT 2% and JP 1% are normally deducted from the wage."),
    )
    sector = models.CharField(
        _("sector"), max_length=16, choices=ProgramSector.choices, default=ProgramSector.NON_TRANSPORT
    )
    eligibility = models.JSONField(
        _("eligibility rules"),
        default=dict,
        blank=True,
        help_text=_(
            'Overrides of the defaults, e.g. {"min_age": 17, "max_age": 60, "max_decile": 4}; '
            "see jaring.verification.rules.eligibility."
        ),
    )
    priority = models.JSONField(
        _("priority weights"),
        default=dict,
        blank=True,
        help_text=_(
            'e.g. {"decile": 10, "groups": {"disabilitas": 5}, "occupations": {"petani_tembakau": 3}, '
            '"carry_over": 20, "age": 2}; see jaring.programs.allocation.'
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(months__gte=1, months__lte=12), name="program_months_1_12"),
            models.CheckConstraint(
                condition=models.Q(start_month__gte=1, start_month__lte=12), name="program_start_month_1_12"
            ),
            models.CheckConstraint(condition=models.Q(declared_income__gt=0), name="program_income_positive"),
        ]

    def __str__(self) -> str:
        return self.name if str(self.year) in self.name else f"{self.name} ({self.year})"


class FundingKind(models.TextChoices):
    """Who pays; the values are those of ``people.CoveragePayer`` so coverage can be compared with them."""

    APBD_KABUPATEN = "apbd_kabupaten", _("Regency budget (APBD kabupaten/kota)")
    APBD_PROVINSI = "apbd_provinsi", _("Provincial budget (APBD provinsi)")
    APBDES = "apbdes", _("Village budget (APBDes)")
    DBHCHT = "dbhcht", _("Tobacco excise revenue share (DBHCHT)")
    DONASI = "donasi", _("Donation")
    CSR_BAZNAS = "csr_baznas", _("CSR / BAZNAS")


class FundingSource(models.Model):
    """Money one payer puts into a program, and whom it may pay for.

    An APBDes pays for its own village's residents only; DBHCHT (tobacco excise share) is restricted by
    default to tobacco farmers and workers; any source can be restricted to occupations or groups.
    """

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=16, choices=FundingKind.choices)
    name = models.CharField(_("name"), max_length=120)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=16, decimal_places=0)
    village = models.ForeignKey(
        Region,
        verbose_name=_("village (APBDes)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    occupations = models.JSONField(_("only these occupations"), default=list, blank=True)
    groups = models.JSONField(_("only these groups"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["program", "kind", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="fundingsource_amount_not_negative"),
            models.UniqueConstraint(fields=["program", "name"], name="fundingsource_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class QuotaKind(models.TextChoices):
    VILLAGE = "village", _("Village")
    DISTRICT = "district", _("Kecamatan")
    GROUP = "group", _("Group")


class Quota(models.Model):
    """At least ``minimum`` and at most ``maximum`` recipients in a village, a kecamatan or a group
    (Gianyar: "1 desa 100 pekerja rentan")."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="quotas")
    kind = models.CharField(_("kind"), max_length=10, choices=QuotaKind.choices)
    key = models.CharField(_("village, kecamatan or group"), max_length=20)
    minimum = models.PositiveIntegerField(_("minimum"), default=0)
    maximum = models.PositiveIntegerField(_("maximum"), null=True, blank=True)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["program", "kind", "key"]
        constraints = [models.UniqueConstraint(fields=["program", "kind", "key"], name="quota_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
