from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.programs.models import FundingKind, FundingSource

from .lifecycle import DonationStatus

#: The funding kinds whose budget is the money donors gave (issue #7 point 7).
DONATION_KINDS = (FundingKind.DONASI.value, FundingKind.CSR_BAZNAS.value)


class DonorKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company (CSR)")
    BAZNAS = "baznas", _("BAZNAS or another zakat body")
    OTHER = "other", _("Other")


class DonationStatusChoices(models.TextChoices):
    RECEIVED = DonationStatus.RECEIVED, _("Received")
    VOID = DonationStatus.VOID, _("Void")


class Donation(models.Model):
    """Money a donor gave to a program's donation or CSR/BAZNAS funding source. The source's budget is the sum
    of its received donations. It holds nothing about the workers the money pays for; an anonymous donor's
    name, when given, is kept for the regency's books and never shown on the public page."""

    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="donations"
    )
    donor_name = models.CharField(_("donor"), max_length=200, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    donor_kind = models.CharField(_("kind of donor"), max_length=10, choices=DonorKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=0)
    received_on = models.DateField(_("date received"))
    reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    receipt = models.FileField(_("receipt"), upload_to="donations/receipts/%Y/%m/", blank=True)
    receipt_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=DonationStatusChoices.choices, default=DonationStatus.RECEIVED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    void_reason = models.CharField(_("reason voided"), max_length=200, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voided by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="donation_amount_positive"),
            # A voided entry frees its reference so that the corrected one can be recorded with it.
            models.UniqueConstraint(
                fields=["source", "reference"],
                condition=~models.Q(reference="") & models.Q(status=DonationStatus.RECEIVED),
                name="donation_reference_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.received_on} {self.amount}"

    @property
    def is_void(self) -> bool:
        return self.status == DonationStatus.VOID
