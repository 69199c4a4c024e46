from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.intake.models import Candidate
from jaring.people.models import Person
from jaring.regions.models import RegionScoped

from ..lifecycle import SelectionStatus
from .program import FundingSource, Program


class SelectionStatusChoices(models.TextChoices):
    DRAFT = SelectionStatus.DRAFT, _("Draft")
    PROPOSED = SelectionStatus.PROPOSED, _("Proposed")
    APPROVED = SelectionStatus.APPROVED, _("Approved")
    RETURNED = SelectionStatus.RETURNED, _("Returned")
    SUPERSEDED = SelectionStatus.SUPERSEDED, _("Superseded")


class SelectionOutcome(models.TextChoices):
    SELECTED = "selected", _("Selected")
    WAITING = "waiting", _("Waiting list")
    INELIGIBLE = "ineligible", _("Not eligible")


class Selection(models.Model):
    """One computation of who a program pays for, from which source, and who waits; with what it rested on.

    ``inputs`` keeps the budgets, costs, quotas and weights the allocation used, so the list can be checked
    later by anyone; an approved selection is frozen.
    """

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="selections")
    status = models.CharField(
        _("status"), max_length=12, choices=SelectionStatusChoices.choices, default=SelectionStatus.DRAFT
    )
    inputs = models.JSONField(_("inputs"), default=dict)
    selected_count = models.PositiveIntegerField(_("selected"), default=0)
    waiting_count = models.PositiveIntegerField(_("waiting"), default=0)
    total_cost = models.DecimalField(_("total cost (Rp)"), max_digits=16, decimal_places=0, default=0)
    computed_by = models.ForeignKey(  # empty: the command line or the demo
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("approved or returned"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        ordering = ["-computed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program"],
                condition=models.Q(status=SelectionStatus.APPROVED),
                name="selection_one_approved_per_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id} #{self.pk} ({self.status})"


class SelectionEntry(RegionScoped):
    """One candidate's place in a selection: selected (by which source, at which rank) or waiting, and why."""

    selection = models.ForeignKey(
        Selection, verbose_name=_("selection"), on_delete=models.CASCADE, related_name="entries"
    )
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=10, choices=SelectionOutcome.choices)
    source = models.ForeignKey(
        FundingSource,
        verbose_name=_("funding source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    waiting_rank = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    score = models.FloatField(_("priority score"), default=0.0)
    reason = models.CharField(_("reason"), max_length=20)
    reason_keys = models.JSONField(_("reason refers to"), default=list, blank=True)
    cost = models.DecimalField(_("cost (Rp)"), max_digits=14, decimal_places=0, default=0)

    class Meta:
        verbose_name = _("selection entry")
        verbose_name_plural = _("selection entries")
        ordering = ["selection", "rank"]
        constraints = [models.UniqueConstraint(fields=["selection", "candidate"], name="selectionentry_unique")]
        indexes = [
            models.Index(fields=["selection", "outcome", "rank"], name="sentry_outcome_idx"),
            models.Index(fields=["selection", "village", "outcome"], name="sentry_village_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.selection_id}:{self.candidate_id} {self.outcome}"
