from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.people.models import Person
from jaring.regions.models import Region, RegionScoped

from .lifecycle import BatchStatus, CandidateStatus


class Source(models.TextChoices):
    USULAN = "usulan", _("Village proposal")
    DTKS = "dtks", "DTKS"
    DTSEN = "dtsen", "DTSEN"
    P3KE = "p3ke", "P3KE"
    CARRY_OVER = "carry_over", _("Last program's recipients")


class BatchStatusChoices(models.TextChoices):
    RECEIVED = BatchStatus.RECEIVED, _("Received")
    CHECKING = BatchStatus.CHECKING, _("Checking")
    CHECKED = BatchStatus.CHECKED, _("Checked, awaiting confirmation")
    COMMITTING = BatchStatus.COMMITTING, _("Saving")
    COMMITTED = BatchStatus.COMMITTED, _("Saved")
    REFUSED = BatchStatus.REFUSED, _("File refused")
    CANCELLED = BatchStatus.CANCELLED, _("Cancelled")
    FAILED = BatchStatus.FAILED, _("Failed")


class CandidateStatusChoices(models.TextChoices):
    PROPOSED = CandidateStatus.PROPOSED, _("Proposed")
    RETURNED = CandidateStatus.RETURNED, _("Returned to the village")
    RESUBMITTED = CandidateStatus.RESUBMITTED, _("Resubmitted")
    WITHDRAWN = CandidateStatus.WITHDRAWN, _("Withdrawn")
    REJECTED = CandidateStatus.REJECTED, _("Rejected")


class RowStatus(models.TextChoices):
    OK = "ok", _("OK")
    WARNING = "warning", _("Warning")
    ERROR = "error", _("Error")
    EXISTING = "existing", _("Already exists")


# Programs are referenced by name: targeting (jaring.programs) sits above intake and reads its candidates.


class ImportBatch(models.Model):
    """One uploaded file for one program: checked in full first (phase 1), written on confirmation (phase 2)."""

    program = models.ForeignKey(
        "programs.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="batches"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The village of a village operator's upload, or the regency of a verifier's."),
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.USULAN)
    source_date = models.DateField(_("extract date"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("file"), upload_to="intake/%Y/%m/")
    status = models.CharField(
        _("status"), max_length=12, choices=BatchStatusChoices.choices, default=BatchStatus.RECEIVED
    )
    message = models.TextField(_("message"), blank=True)
    header = models.JSONField(_("header"), default=list, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    warnings_accepted = models.BooleanField(_("warning rows accepted"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for files loaded with the `jaring intake` command."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class ImportRow(models.Model):
    """One data row of a batch as the file had it, what it was cleaned to, and what is wrong with it.

    The cleaned NIK names the person the row became (one person per NIK); candidates keep their batch.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(_("row in the file"))
    raw = models.JSONField(_("original values"))
    cleaned = models.JSONField(_("cleaned values"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=RowStatus.choices)
    issues = models.JSONField(_("problems"), default=list)
    accepted = models.BooleanField(_("warning accepted"), default=False)

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["batch", "row_number"]
        constraints = [models.UniqueConstraint(fields=["batch", "row_number"], name="importrow_unique")]
        indexes = [models.Index(fields=["batch", "status"], name="importrow_status_idx")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number}"


class Candidate(RegionScoped):
    """A person proposed for a program, with where the proposal came from. One per person per program."""

    program = models.ForeignKey(
        "programs.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="candidates"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="candidacies")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    source_date = models.DateField(_("extract date"), null=True, blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=CandidateStatusChoices.choices, default=CandidateStatus.PROPOSED
    )
    return_message = models.TextField(_("message from the verifier"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set when an approved selection includes the candidate: from then on its data changes only by a decree
    # amendment, so intake and verification refuse edits (the programs layer sits above them).
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [models.UniqueConstraint(fields=["program", "person"], name="candidate_once_per_program")]
        indexes = [
            models.Index(fields=["program", "village", "status"], name="candidate_village_idx"),
            models.Index(fields=["program", "regency_code", "status"], name="candidate_regency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.program}"


class ColumnMapping(models.Model):
    """A column mapping the operator confirmed, remembered for the next file of the same shape and source."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    header_signature = models.CharField(_("header"), max_length=64)
    mapping = models.JSONField(_("column mapping"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [
            models.UniqueConstraint(fields=["region", "source", "header_signature"], name="columnmapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.source}"
