from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.intake.models import Candidate
from jaring.regions.models import RegionScoped

from .lifecycle import Decision, RunStatus, Status


class StatusChoices(models.TextChoices):
    VALID = Status.VALID, _("Valid")
    MISMATCH = Status.MISMATCH, _("Data differs from the registry")
    NIK_CORRECTED = Status.NIK_CORRECTED, _("NIK corrected by the registry")
    NOT_FOUND = Status.NOT_FOUND, _("Not found in the registry")
    DECEASED = Status.DECEASED, _("Deceased")
    OUT_OF_REGION = Status.OUT_OF_REGION, _("Resident outside the regency")
    DUPLICATE = Status.DUPLICATE, _("Duplicate")
    ALREADY_COVERED = Status.ALREADY_COVERED, _("Already covered")
    INELIGIBLE = Status.INELIGIBLE, _("Not eligible")
    UNVERIFIED = Status.UNVERIFIED, _("Not yet verified")


class DecisionChoices(models.TextChoices):
    PENDING = Decision.PENDING, _("Awaiting review")
    ACCEPTED_REGISTRY = Decision.ACCEPTED_REGISTRY, _("Registry data accepted")
    ACCEPTED_AS_IS = Decision.ACCEPTED_AS_IS, _("Accepted as is")
    RETURNED = Decision.RETURNED, _("Returned to the village")
    REJECTED = Decision.REJECTED, _("Rejected")


class RunStatusChoices(models.TextChoices):
    QUEUED = RunStatus.QUEUED, _("Queued")
    RUNNING = RunStatus.RUNNING, _("Running")
    DONE = RunStatus.DONE, _("Done")
    FAILED = RunStatus.FAILED, _("Failed")


class VerificationRun(models.Model):
    """One verification of a program's candidates, run in the background with its progress and counts."""

    program = models.ForeignKey(
        "programs.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="verification_runs"
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatusChoices.choices, default=RunStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("candidates done"), default=0)
    progress_total = models.PositiveIntegerField(_("candidates"), default=0)
    counts = models.JSONField(_("counts by status"), default=dict, blank=True)
    written = models.PositiveIntegerField(_("results written"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("verification run")
        verbose_name_plural = _("verification runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.program_id} #{self.pk} ({self.status})"


class VerificationResult(RegionScoped):
    """What verification found about one candidate, with its reasons, and what the verifier decided.

    ``fingerprint`` hashes everything the finding rests on (the person's data, the registry record and its
    extract date, the program's rules, known coverage, the duplicate group): a run writes a result only when
    it changed, and a changed one goes back to review.
    """

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="verification"
    )
    program = models.ForeignKey(
        "programs.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="+"
    )
    run = models.ForeignKey(VerificationRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="results")
    status = models.CharField(_("status"), max_length=16, choices=StatusChoices.choices)
    score = models.FloatField(_("match score"), default=0.0)
    registry_nik = models.CharField(_("registry NIK"), max_length=16, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    decision = models.CharField(_("decision"), max_length=20, choices=DecisionChoices.choices, default=Decision.PENDING)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"))

    class Meta:
        verbose_name = _("verification result")
        verbose_name_plural = _("verification results")
        indexes = [
            models.Index(fields=["program", "regency_code", "status"], name="vresult_regency_idx"),
            models.Index(fields=["program", "village", "status"], name="vresult_village_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.status}"
