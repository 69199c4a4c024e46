from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.decrees.models import Decree
from jaring.people.models import Person
from jaring.programs.models import FundingSource, Program
from jaring.regions.models import RegionScoped

from .lifecycle import MembershipStatus


class MembershipStatusChoices(models.TextChoices):
    PENDING = MembershipStatus.PENDING, _("Pending")
    ACTIVE = MembershipStatus.ACTIVE, _("Active")
    LAPSED = MembershipStatus.LAPSED, _("Lapsed")
    ENDED = MembershipStatus.ENDED, _("Ended")


class Membership(RegionScoped):
    """A person's BPJS Ketenagakerjaan membership paid by a program's funding source, with its KPJ number.

    Changes status only through ``enrollment.services`` along ``MEMBERSHIP_TRANSITIONS``; every change leaves
    a ``MembershipEvent``.
    """

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="memberships"
    )
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="memberships"
    )
    decree = models.ForeignKey(Decree, verbose_name=_("decree"), on_delete=models.PROTECT, related_name="memberships")
    kpj = models.CharField(_("KPJ number"), max_length=11, blank=True)
    participation_type = models.CharField(_("participation type"), max_length=2, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=MembershipStatusChoices.choices, default=MembershipStatus.PENDING
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["program", "person"]
        constraints = [models.UniqueConstraint(fields=["program", "person"], name="membership_one_per_program")]
        indexes = [
            models.Index(fields=["kpj"], name="membership_kpj_idx"),
            models.Index(fields=["program", "status"], name="membership_status_idx"),
            models.Index(fields=["program", "village", "status"], name="membership_village_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kpj or '-'} {self.person_id} ({self.status})"


class MembershipEvent(models.Model):
    """One change of a membership's status: from, to, effective when, by whom, why."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=8, choices=MembershipStatusChoices.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=8, choices=MembershipStatusChoices.choices)
    effective = models.DateField(_("effective"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["membership", "at", "id"]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.from_status or '∅'} → {self.to_status}"
