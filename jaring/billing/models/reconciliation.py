from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.enrollment.models import Membership
from jaring.programs.models import Program
from jaring.regions.models import Region

from ..reconciliation.compare import Kind
from ..reconciliation.lifecycle import ReconciliationStatus


class ReconciliationStatusChoices(models.TextChoices):
    CHECKED = ReconciliationStatus.CHECKED, _("Checked, not saved yet")
    SAVED = ReconciliationStatus.SAVED, _("Saved")
    CANCELLED = ReconciliationStatus.CANCELLED, _("Cancelled")


class DifferenceKind(models.TextChoices):
    MISSING_AT_BPJS = Kind.MISSING_AT_BPJS, _("Billed here, not by BPJS")
    NOT_BILLED_HERE = Kind.NOT_BILLED_HERE, _("Billed by BPJS, not here")
    PAID_NOT_POSTED = Kind.PAID_NOT_POSTED, _("Paid per BPJS, not posted here")
    POSTED_NOT_PAID = Kind.POSTED_NOT_PAID, _("Posted here, unpaid per BPJS")
    AMOUNT_DIFFERS = Kind.AMOUNT_DIFFERS, _("Amounts differ")


class Reconciliation(models.Model):
    """One BPJS status file for one program's month, compared with Jaring's invoices: checked first (its
    differences shown), then saved or cancelled (``RECONCILIATION_TRANSITIONS``). A file saved once for a
    program is refused again (``sha256``)."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="reconciliations"
    )
    month = models.DateField(_("month"))
    regency_code = models.CharField(_("regency code"), max_length=5)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("file"), upload_to="billing/reconciliation/%Y/%m/")
    status = models.CharField(
        _("status"), max_length=10, choices=ReconciliationStatusChoices.choices, default=ReconciliationStatus.CHECKED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    matched = models.PositiveIntegerField(_("matched"), default=0)
    differences = models.PositiveIntegerField(_("differences"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    columns = models.JSONField(_("columns found"), default=dict, blank=True)
    notices = models.JSONField(_("notices"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    saved_at = models.DateTimeField(_("saved"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reconciliation")
        verbose_name_plural = _("reconciliations")
        ordering = ["-month", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "sha256"],
                condition=models.Q(status=ReconciliationStatus.SAVED),
                name="reconciliation_saved_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.month:%Y-%m} {self.filename}"


class ReconciliationItem(models.Model):
    """One difference between BPJS's file and Jaring, with the action it calls for, until someone marks it
    resolved with a note. It names a person (the KPJ), so it carries region columns for ``scope_people``: a
    KPJ Jaring does not know has no village, only the regency of the reconciliation, and is seen by
    regency-wide users only."""

    reconciliation = models.ForeignKey(
        Reconciliation, verbose_name=_("reconciliation"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("difference"), max_length=16, choices=DifferenceKind.choices)
    kpj = models.CharField(_("KPJ number"), max_length=11)
    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name in BPJS's file"), max_length=120, blank=True)
    row = models.PositiveIntegerField(_("row in the file"), null=True, blank=True)
    our_billed = models.DecimalField(_("billed here"), max_digits=12, decimal_places=0, null=True, blank=True)
    our_paid = models.DecimalField(_("paid here"), max_digits=12, decimal_places=0, null=True, blank=True)
    their_billed = models.DecimalField(_("billed by BPJS"), max_digits=12, decimal_places=0, null=True, blank=True)
    their_paid = models.DecimalField(_("paid per BPJS"), max_digits=12, decimal_places=0, null=True, blank=True)
    action = models.CharField(_("action"), max_length=300)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    resolution_note = models.CharField(_("resolution"), max_length=300, blank=True)
    village = models.ForeignKey(
        Region, verbose_name=_("village"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district_code = models.CharField(_("kecamatan code"), max_length=8, blank=True, editable=False)
    regency_code = models.CharField(_("regency code"), max_length=5, editable=False)
    province_code = models.CharField(_("province code"), max_length=2, editable=False)

    class Meta:
        verbose_name = _("reconciliation difference")
        verbose_name_plural = _("reconciliation differences")
        ordering = ["reconciliation", "kind", "kpj"]
        indexes = [models.Index(fields=["reconciliation", "kind"], name="reconitem_kind_idx")]

    def __str__(self) -> str:
        return f"{self.reconciliation_id} {self.kind} {self.kpj}"

    def set_region(self, village_code: str | None, regency_code: str) -> None:
        self.village_id = village_code or None
        self.district_code = village_code[:8] if village_code else ""
        self.regency_code, self.province_code = regency_code, regency_code[:2]
