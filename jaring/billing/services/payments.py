"""Payments with a kode iuran: the money goes to the source's oldest unpaid months first, covering whole lines
in their order; a payment larger than what is owed, a code nobody issued, or the same bank reference or
receipt twice is refused with the reason."""

import hashlib
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from jaring.core.uploads import document_problem
from jaring.enrollment.changes import announce
from jaring.programs.rates import rupiah

from ..calculations import OpenInvoice, PaymentInvalid, allocate, lines_covered
from ..codes import clean_code, code_problem
from ..lifecycle import InvoiceStatus, check_invoice_transition, status_for
from ..models import Invoice, Payment, PaymentChannel, PaymentShare
from ..periods import month_text
from .common import BillingError, audit, require_payer, user_of
from .coverage import coverage_refresh


def invoice_by_code(text: str) -> Invoice:
    """The invoice a kode iuran names, or a BillingError that says whether the code is mistyped or unknown."""
    code = clean_code(text)
    invoice = Invoice.objects.select_related("program", "source").filter(kode_iuran=code).first()
    if invoice is not None:
        return invoice
    if problem := code_problem(code):
        raise BillingError(problem)
    raise BillingError(f"Kode iuran {code} tidak dikenal: tidak ada tagihan dengan kode itu. Periksa slip bank atau "
                       "jalankan penagihan bulan itu dulu.")  # fmt: skip


def read_amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).replace(".", "").replace(",", "").replace("Rp", "").strip())
    except InvalidOperation:
        raise BillingError(f"Jumlah {value!r} bukan angka rupiah.") from None
    return amount


def _check(kode_iuran: str, reference: str, receipt, paid_on: date, today: date) -> str:
    if paid_on > today:
        raise BillingError("Tanggal bayar tidak boleh setelah hari ini.")
    if reference and (twin := Payment.objects.filter(kode_iuran=kode_iuran, reference=reference).first()):
        raise BillingError(f"Pembayaran kode iuran {kode_iuran} dengan referensi bank {reference} sudah dicatat "
                           f"({twin.paid_on:%d-%m-%Y}, {rupiah(twin.amount)}); tidak dicatat dua kali.")  # fmt: skip
    if receipt is None:
        return ""
    if problem := document_problem(receipt, what="Bukti bayar"):
        raise BillingError(problem)
    digest = hashlib.sha256()
    for chunk in receipt.chunks():
        digest.update(chunk)
    receipt.seek(0)
    if twin := Payment.objects.filter(receipt_sha256=digest.hexdigest()).first():
        raise BillingError(f"Bukti bayar ini sudah dipakai untuk pembayaran kode iuran {twin.kode_iuran} "
                           f"tanggal {twin.paid_on:%d-%m-%Y}; tidak dicatat dua kali.")  # fmt: skip
    return digest.hexdigest()


def _open_invoices(invoice: Invoice) -> list[Invoice]:
    """The source's unpaid invoices up to the code's month, locked, oldest first."""
    return list(
        Invoice.objects.select_for_update(of=("self",))
        .filter(program_id=invoice.program_id, source_id=invoice.source_id, month__lte=invoice.month)
        .exclude(status=InvoiceStatus.PAID)
        .order_by("month", "pk")
    )


def payment_record(*, kode_iuran: str, amount, paid_on: date, channel: str, actor, reference: str = "",
                   receipt=None, note: str = "", today: date | None = None) -> Payment:  # fmt: skip
    """Record money paid with ``kode_iuran`` on ``paid_on`` and apply it, oldest unpaid month first. The coverage
    check then runs for the program as the system, so a membership the money pays up is active again at once
    (coverage is real only for paid months, and now they are)."""
    invoice = invoice_by_code(kode_iuran)
    require_payer(actor, invoice.regency_code)
    if channel not in PaymentChannel.values:
        raise BillingError(f"Saluran pembayaran {channel!r} tidak dikenal.")
    reference = " ".join((reference or "").split())
    amount = read_amount(amount)
    today = today or timezone.localdate()
    digest = _check(invoice.kode_iuran, reference, receipt, paid_on, today)
    with transaction.atomic():
        open_invoices = _open_invoices(invoice)
        try:
            shares = allocate(amount, [OpenInvoice(i.pk, i.month, i.outstanding) for i in open_invoices])
        except PaymentInvalid as exc:
            raise BillingError(str(exc)) from None
        payment = Payment.objects.create(
            invoice=invoice, kode_iuran=invoice.kode_iuran, paid_on=paid_on, amount=amount, channel=channel,
            reference=reference, receipt=receipt or "", receipt_sha256=digest, note=note[:200],
            recorded_by=user_of(actor),
        )  # fmt: skip
        by_id = {i.pk: i for i in open_invoices}
        for share in shares:
            _apply(by_id[share.invoice_id], share.amount, payment)
        audit("payment_recorded", actor, object_type="payment", object_id=payment.pk,
              region_code=invoice.regency_code,
              detail={"kode_iuran": invoice.kode_iuran, "amount": str(amount), "paid_on": paid_on.isoformat(),
                      "channel": channel, "reference": reference,
                      "applied": {month_text(s.month): str(s.amount) for s in shares}})  # fmt: skip
        coverage_refresh(program=invoice.program, today=today, actor=None)
        announce(invoice.program_id, [s.month for s in shares])
    return payment


def _apply(invoice: Invoice, amount: Decimal, payment: Payment) -> None:
    PaymentShare.objects.create(payment=payment, invoice=invoice, amount=amount)
    invoice.paid += amount
    target = status_for(total=invoice.total, paid=invoice.paid)
    check_invoice_transition(invoice.status, target)
    invoice.status = target
    invoice.covered_lines = lines_covered(paid=invoice.paid, rate=invoice.rate, lines=invoice.lines_count)
    invoice.save(update_fields=["paid", "status", "covered_lines", "updated_at"])
