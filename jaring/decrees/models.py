from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.intake.models import Candidate
from jaring.people.models import Person
from jaring.programs.models import FundingSource, Program, Selection
from jaring.regions.models import Region, RegionScoped

from .lifecycle import DecreeKind, DecreeRefused, DecreeStatus, RecipientChange

#: Said when anything tries to change the list of a final decree (services, admin, a bulk update).
FINAL_IS_FROZEN = "SK ini sudah final: daftar penerimanya tidak bisa diubah; perubahan hanya lewat SK perubahan."


class DecreeStatusChoices(models.TextChoices):
    DRAFT = DecreeStatus.DRAFT, _("Draft")
    FINAL = DecreeStatus.FINAL, _("Final")
    DISCARDED = DecreeStatus.DISCARDED, _("Discarded")


class DecreeKindChoices(models.TextChoices):
    ORIGINAL = DecreeKind.ORIGINAL, _("Decree")
    AMENDMENT = DecreeKind.AMENDMENT, _("Amending decree")


class RecipientChangeChoices(models.TextChoices):
    LISTED = RecipientChange.LISTED, _("Listed")
    ADDED = RecipientChange.ADDED, _("Added")
    REMOVED = RecipientChange.REMOVED, _("Removed")


class DecreeSettings(models.Model):
    """What a regency's decrees say about the regency itself: the letterhead, the regent, where it is signed,
    and optionally the legal office's own Word template."""

    regency = models.OneToOneField(
        Region, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="decree_settings"
    )
    government = models.CharField(_("government name"), max_length=120, help_text=_("PEMERINTAH KABUPATEN …"))
    office_address = models.CharField(_("office address (letterhead)"), max_length=250, blank=True)
    regent_title = models.CharField(_("regent's title"), max_length=120, help_text=_("BUPATI …"))
    regent_name = models.CharField(_("regent's name"), max_length=120, blank=True)
    signing_place = models.CharField(_("place of signing"), max_length=80)
    template = models.FileField(
        _("Word template (.docx)"),
        upload_to="decrees/templates/",
        blank=True,
        help_text=_("Leave empty to use Jaring's template; download it from the decree page to start from."),
    )

    class Meta:
        verbose_name = _("decree settings")
        verbose_name_plural = _("decree settings")

    def __str__(self) -> str:
        return self.government


class LegalBasis(models.Model):
    """One line of a decree's "Mengingat": the national acts for every regency (no regency), and each regency's
    own Perda and Perbup."""

    regency = models.ForeignKey(
        Region,
        verbose_name=_("regency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: cited by every regency's decrees."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    citation = models.TextField(_("citation"))
    active = models.BooleanField(_("cited"), default=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.citation[:80]


class Decree(models.Model):
    """A regent's decree naming a program's recipients (SK Bupati), or an amendment of one (SK perubahan).

    ``amends`` chains an amendment to the decree it changes; the program's recipients are the list of the
    last final decree of the chain, without the rows it removed.
    """

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="decrees")
    selection = models.ForeignKey(
        Selection, verbose_name=_("selection"), on_delete=models.PROTECT, related_name="decrees"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DecreeKindChoices.choices, default=DecreeKind.ORIGINAL)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    effective_from = models.DateField(_("changes take effect"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecreeStatusChoices.choices, default=DecreeStatus.DRAFT
    )
    regency_code = models.CharField(_("regency code"), max_length=5, editable=False)
    title = models.CharField(_("about"), max_length=300)
    number = models.CharField(_("number"), max_length=80, blank=True)
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    signed_scan = models.FileField(_("signed scan"), upload_to="decrees/signed/%Y/", blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0)
    total_cost = models.DecimalField(_("total cost (Rp)"), max_digits=16, decimal_places=0, default=0)
    reason = models.TextField(_("reason for the amendment"), blank=True)
    #: The decree's text as signed (letterhead, regent, legal bases, sources), so later edits of the settings
    #: never change a final decree's documents.
    frozen_text = models.JSONField(_("text as made final"), default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made final by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalized_at = models.DateTimeField(_("made final"), null=True, blank=True)

    class Meta:
        verbose_name = _("decree")
        verbose_name_plural = _("decrees")
        ordering = ["-created_at"]
        constraints = [
            # A decree number identifies one decree of a regency; drafts have none yet.
            models.UniqueConstraint(
                fields=["regency_code", "number"], condition=~models.Q(number=""), name="decree_number_unique"
            ),
            models.UniqueConstraint(
                fields=["program"],
                condition=models.Q(kind=DecreeKind.ORIGINAL) & ~models.Q(status=DecreeStatus.DISCARDED),
                name="decree_one_original_per_program",
            ),
            # The chain never forks: a decree is amended by at most one (draft or final) amendment.
            models.UniqueConstraint(
                fields=["amends"], condition=~models.Q(status=DecreeStatus.DISCARDED), name="decree_amended_once"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status == DecreeStatus.FINAL


class RecipientQuerySet(models.QuerySet):
    """Bulk writes are refused on rows of a final decree, like single saves: no path changes its list."""

    def _refuse_final(self) -> None:
        if self.filter(decree__status=DecreeStatus.FINAL).exists():
            raise DecreeRefused(FINAL_IS_FROZEN)

    def update(self, **kwargs):
        self._refuse_final()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_final()
        return super().delete()


class DecreeRecipient(RegionScoped):
    """One row of a decree's annex: who, paid by which source, at what cost; on an amendment also whether the
    row was added or removed, and why."""

    decree = models.ForeignKey(Decree, verbose_name=_("decree"), on_delete=models.CASCADE, related_name="recipients")
    row = models.PositiveIntegerField(_("no."))
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="+"
    )
    cost = models.DecimalField(_("cost (Rp)"), max_digits=14, decimal_places=0, default=0)
    change = models.CharField(
        _("change"), max_length=8, choices=RecipientChangeChoices.choices, default=RecipientChange.LISTED
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("decree recipient")
        verbose_name_plural = _("decree recipients")
        ordering = ["decree", "row"]
        constraints = [models.UniqueConstraint(fields=["decree", "person"], name="decreerecipient_unique")]
        indexes = [models.Index(fields=["decree", "village", "change"], name="drecipient_village_idx")]

    def __str__(self) -> str:
        return f"{self.decree_id}:{self.row} {self.person_id}"

    def _refuse_final(self) -> None:
        if Decree.objects.filter(pk=self.decree_id, status=DecreeStatus.FINAL).exists():
            raise DecreeRefused(FINAL_IS_FROZEN)

    def save(self, *args, **kwargs):
        self._refuse_final()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_final()
        return super().delete(*args, **kwargs)
