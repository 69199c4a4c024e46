from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.decrees.models import Decree
from jaring.people.models import Person
from jaring.programs.models import FundingKind, FundingSource, Program
from jaring.regions.models import Region, RegionScoped

from .lifecycle import MembershipStatus, ResultImportStatus
from .vocabulary import PARTICIPATION_LABELS, ParticipationType, layout_problems


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


class ParticipationTypeChoices(models.TextChoices):
    SC = ParticipationType.SC, PARTICIPATION_LABELS["SC"]
    SB = ParticipationType.SB, PARTICIPATION_LABELS["SB"]
    SG = ParticipationType.SG, PARTICIPATION_LABELS["SG"]
    SD = ParticipationType.SD, PARTICIPATION_LABELS["SD"]
    SA = ParticipationType.SA, PARTICIPATION_LABELS["SA"]
    SL = ParticipationType.SL, PARTICIPATION_LABELS["SL"]


class RegistrationLayout(models.Model):
    """The columns of the registration file for BPJS, in order: ``[{"header": "NIK", "field": "nik"}, …]``.

    No official template is public (reference/domain-facts.md §7.2), so an admin edits this when the BPJS branch
    asks for another layout. The layout without a regency serves every regency that has none of its own.
    """

    name = models.CharField(_("name"), max_length=120)
    regency = models.OneToOneField(
        Region,
        verbose_name=_("regency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the default layout, for every regency without its own."),
    )
    columns = models.JSONField(
        _("columns"),
        default=list,
        help_text=_('In file order: [{"header": "NIK", "field": "nik"}, …]. Known fields are listed below.'),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration file layout")
        verbose_name_plural = _("registration file layouts")
        ordering = ["regency", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if problems := layout_problems(self.columns):
            raise ValidationError({"columns": problems})
        defaults = RegistrationLayout.objects.filter(regency__isnull=True).exclude(pk=self.pk)
        if self.regency_id is None and defaults.exists():
            raise ValidationError({"regency": "Sudah ada tata letak bawaan (tanpa kabupaten); ubah yang itu."})


class ParticipationRule(models.Model):
    """Which BPJS participation type (SG, SD, SA …) a funding source's kind registers its recipients as.

    The rows without a regency are the defaults (``vocabulary.DEFAULT_PARTICIPATION``); a regency's own row for a
    kind overrides them, e.g. SA for a regency that registers its APBD recipients village by village.
    """

    regency = models.ForeignKey(
        Region,
        verbose_name=_("regency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the default for every regency."),
    )
    kind = models.CharField(_("funding kind"), max_length=16, choices=FundingKind.choices)
    participation_type = models.CharField(
        _("participation type"), max_length=2, choices=ParticipationTypeChoices.choices
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("participation type rule")
        verbose_name_plural = _("participation type rules")
        ordering = ["regency", "kind"]
        constraints = [models.UniqueConstraint(fields=["regency", "kind"], name="participationrule_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.participation_type}"

    def clean(self):
        super().clean()
        twins = ParticipationRule.objects.filter(regency__isnull=True, kind=self.kind).exclude(pk=self.pk)
        if self.regency_id is None and twins.exists():
            raise ValidationError({"kind": "Sudah ada aturan bawaan untuk jenis sumber dana ini; ubah yang itu."})


class CooperationAgreement(models.Model):
    """The cooperation agreement (Perjanjian Kerja Sama, PKS) with the BPJS branch a registration rests on.

    One for the program (no source) and optionally one per funding source, e.g. a desa's own PKS for its APBDes
    recipients. Memberships start on its start date (BPJS aligns the start of government-paid pekerja rentan with
    the PKS: PROBIS KEPESERTAAN p. 67, domain-facts §3 and §7.1).
    """

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="agreements")
    source = models.ForeignKey(
        FundingSource,
        verbose_name=_("funding source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        help_text=_("Empty: the program's agreement, for every source without its own (e.g. a village's PKS)."),
    )
    number = models.CharField(_("agreement number"), max_length=120)
    signed_on = models.DateField(_("date signed"))
    start = models.DateField(_("coverage starts"))
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation agreement (PKS)")
        verbose_name_plural = _("cooperation agreements (PKS)")
        ordering = ["program", "source"]
        constraints = [models.UniqueConstraint(fields=["program", "source"], name="agreement_one_per_source")]

    def __str__(self) -> str:
        return self.number

    def clean(self):
        super().clean()
        if self.source_id and self.program_id and self.source.program_id != self.program_id:
            raise ValidationError({"source": "Sumber dana ini milik program lain."})
        twins = CooperationAgreement.objects.filter(program_id=self.program_id, source__isnull=True)
        if self.source_id is None and twins.exclude(pk=self.pk).exists():
            raise ValidationError({"source": "Program ini sudah punya PKS; ubah yang itu."})


class ResultImportStatusChoices(models.TextChoices):
    CHECKED = ResultImportStatus.CHECKED, _("Checked, awaiting confirmation")
    APPLIED = ResultImportStatus.APPLIED, _("Applied")
    CANCELLED = ResultImportStatus.CANCELLED, _("Cancelled")


class ResultImport(models.Model):
    """One results file from BPJS for one program: checked in full first (the report in ``rows``), applied only
    on confirmation and only when no row has an error. A file applied once is refused again (``sha256``)."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="result_imports"
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("file"), upload_to="enrollment/%Y/%m/")
    status = models.CharField(
        _("status"), max_length=10, choices=ResultImportStatusChoices.choices, default=ResultImportStatus.CHECKED
    )
    columns = models.JSONField(_("columns found"), default=dict, blank=True)
    rows = models.JSONField(_("report"), default=list, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    notices = models.JSONField(_("notices"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("BPJS results file")
        verbose_name_plural = _("BPJS results files")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=models.Q(status=ResultImportStatus.APPLIED), name="resultimport_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def errors(self) -> int:
        return self.counts.get("error", 0)
