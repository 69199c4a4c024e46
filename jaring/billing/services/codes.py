"""A kode iuran from BPJS's EPS in place of the one Jaring issued (domain-facts §7.3: the branch prepares the
payment codes)."""

from django.db import transaction

from ..codes import clean_code, code_problem
from ..models import Invoice
from .common import BillingError, audit, require_biller


@transaction.atomic
def invoice_code_set(*, invoice: Invoice, code: str, actor) -> Invoice:
    """Replace the invoice's kode iuran with BPJS's. Refused once money was paid with the old code (the bank slip
    names it), and for a code another invoice holds."""
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    require_biller(actor, invoice.regency_code)
    code = clean_code(code)
    if problem := code_problem(code, issued_by_jaring=False):
        raise BillingError(problem)
    if invoice.payments.exists():
        raise BillingError(f"Sudah ada pembayaran dengan kode iuran {invoice.kode_iuran}; kodenya tidak bisa diganti.")
    if (other := Invoice.objects.filter(kode_iuran=code).exclude(pk=invoice.pk).first()) is not None:
        raise BillingError(f"Kode iuran {code} sudah dipakai tagihan {other.source.name} bulan {other.month:%m-%Y}.")
    old, invoice.kode_iuran, invoice.code_from_bpjs = invoice.kode_iuran, code, True
    invoice.save(update_fields=["kode_iuran", "code_from_bpjs", "updated_at"])
    audit("invoice_code_set", actor, object_type="invoice", object_id=invoice.pk, region_code=invoice.regency_code,
          detail={"old": old, "new": code})  # fmt: skip
    return invoice
