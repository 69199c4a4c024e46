from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaring.enrollment.models import Membership
from jaring.programs.models import FundingSource, Program
from jaring.regions.models import Region, RegionScoped

from ..lifecycle import InvoiceStatus


class BillingSettings(models.Model):
    """A regency's billing rules that no regulation fixes for BPU (domain-facts §1, §3): when a month's
    contributions fall due, and after how many consecutive unpaid months a membership ends."""

    regency = models.OneToOneField(Region, verbose_name=_("regency"), on_delete=models.PROTECT, related_name="+")
    due_day = models.PositiveSmallIntegerField(
        _("due day of the following month"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("PU contributions are due on the 15th of the following month; BPU has no published day."),
    )
    lapse_after = models.PositiveSmallIntegerField(
        _("unpaid months allowed"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("A BPU membership ends after more than this many consecutive unpaid months."),
    )

    class Meta:
        verbose_name = _("billing settings")
        verbose_name_plural = _("billing settings")

    def __str__(self) -> str:
        return str(self.regency_id)


class InvoiceStatusChoices(models.TextChoices):
    ISSUED = InvoiceStatus.ISSUED, _("Unpaid")
    PARTIAL = InvoiceStatus.PARTIAL, _("Partly paid")
    PAID = InvoiceStatus.PAID, _("Paid")


class Invoice(models.Model):
    """One month's contributions of one funding source of a program: a line per membership, all at the rate in
    force that month for the source's kind of payer. One per (program, source, month): the billing run is
    idempotent. Lines are covered in their order as money arrives: line ``line_no`` is paid when
    ``line_no <= covered_lines``."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="invoices")
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="invoices"
    )
    month = models.DateField(_("month"))
    regency_code = models.CharField(_("regency code"), max_length=5)
    kode_iuran = models.CharField(_("kode iuran"), max_length=11, unique=True)
    code_from_bpjs = models.BooleanField(_("code given by BPJS"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=InvoiceStatusChoices.choices, default=InvoiceStatus.ISSUED
    )
    rate = models.DecimalField(_("contribution per person"), max_digits=12, decimal_places=0)
    lines_count = models.PositiveIntegerField(_("memberships"), default=0)
    total = models.DecimalField(_("total"), max_digits=16, decimal_places=0, default=0)
    paid = models.DecimalField(_("paid"), max_digits=16, decimal_places=0, default=0)
    covered_lines = models.PositiveIntegerField(_("lines paid"), default=0)
    due_on = models.DateField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["program", "month", "source"]
        constraints = [
            models.UniqueConstraint(fields=["program", "source", "month"], name="invoice_one_per_month"),
            models.CheckConstraint(condition=models.Q(paid__lte=models.F("total")), name="invoice_not_overpaid"),
            models.CheckConstraint(condition=models.Q(paid__gte=0), name="invoice_paid_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.kode_iuran} {self.month:%Y-%m}"

    @property
    def outstanding(self):
        return self.total - self.paid


class InvoiceLine(RegionScoped):
    """One membership on one invoice, in the invoice's order (``line_no``, from 1).

    The membership and the village are copied from the membership row by the billing run's one ``INSERT …
    SELECT``, so they cannot be wrong when written, and the database does not check them again line by line: on
    PostgreSQL those per-row foreign-key triggers (and the two village indexes) took 2/3 of a 1,000,000-line run,
    past its 30 s (benchmarks/bench_billing.py). ``PROTECT`` still holds for the ORM, which is the only way
    Jaring deletes; the invoice reference keeps its database constraint."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines", db_index=False
    )
    line_no = models.PositiveIntegerField(_("no."))
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="invoice_lines",
        db_constraint=False,
    )
    # Lines are read one invoice at a time, so a village's lines are found through (invoice, line_no).
    village = models.ForeignKey(
        Region,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    kpj = models.CharField(_("KPJ number"), max_length=11, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=0)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "line_no"], name="invoiceline_line_unique"),
            models.UniqueConstraint(fields=["invoice", "membership"], name="invoiceline_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}#{self.line_no}"


class PaymentChannel(models.TextChoices):
    TELLER = "teller", _("Bank teller")
    ATM = "atm", _("ATM")
    INTERNET = "internet", _("Internet banking")
    TRANSFER = "transfer", _("Treasury transfer (SP2D)")


class Payment(models.Model):
    """Money paid with an invoice's kode iuran. It is applied to the source's oldest unpaid months first
    (``PaymentShare``), so it may pay older invoices than the one its code names."""

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments")
    kode_iuran = models.CharField(_("kode iuran"), max_length=11)
    paid_on = models.DateField(_("date paid"))
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=0)
    channel = models.CharField(_("channel"), max_length=10, choices=PaymentChannel.choices)
    reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    receipt = models.FileField(_("receipt"), upload_to="billing/receipts/%Y/%m/", blank=True)
    receipt_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(
                fields=["kode_iuran", "reference"], condition=~models.Q(reference=""), name="payment_reference_once"
            ),
            models.UniqueConstraint(
                fields=["receipt_sha256"], condition=~models.Q(receipt_sha256=""), name="payment_receipt_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode_iuran} {self.paid_on} {self.amount}"


class PaymentShare(models.Model):
    """The part of a payment applied to one invoice."""

    payment = models.ForeignKey(Payment, verbose_name=_("payment"), on_delete=models.CASCADE, related_name="shares")
    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="shares")
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=0)

    class Meta:
        verbose_name = _("payment share")
        verbose_name_plural = _("payment shares")
        ordering = ["payment", "invoice"]

    def __str__(self) -> str:
        return f"{self.payment_id} → {self.invoice_id}: {self.amount}"
