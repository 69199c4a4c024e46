import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.billing.codes import issue_code
from jaring.billing.lifecycle import InvoiceStatus
from jaring.billing.models import Invoice, Payment, PaymentShare
from jaring.billing.selectors import covered
from jaring.billing.services import BillingError, coverage_refresh, invoice_code_set, invoices_issue, payment_record

from .conftest import JANUARY, RATE

FEBRUARY, MARCH = dt.date(2026, 2, 1), dt.date(2026, 3, 1)
PAID_ON = dt.date(2026, 4, 2)


@pytest.fixture
def apbd_invoices(program, memberships):
    """January to March billed; the APBD's three invoices, oldest first."""
    for month in (JANUARY, FEBRUARY, MARCH):
        invoices_issue(program=program, month=month, actor=None)
    return list(Invoice.objects.filter(source__kind="apbd_kabupaten").order_by("month"))


def pay(invoice, amount, **extra):
    options = {"paid_on": PAID_ON, "channel": "teller", "actor": None} | extra
    return payment_record(kode_iuran=invoice.kode_iuran, amount=amount, **options)


def test_money_goes_to_the_oldest_unpaid_month_first(apbd_invoices):
    january, february, march = apbd_invoices
    pay(march, 4 * RATE)  # paid with March's code, but January is older
    statuses = [(i.status, i.paid) for i in Invoice.objects.filter(pk__in=[january.pk, february.pk, march.pk])
                .order_by("month")]  # fmt: skip
    assert statuses == [(InvoiceStatus.PAID, 3 * RATE), (InvoiceStatus.PARTIAL, RATE), (InvoiceStatus.ISSUED, 0)]
    assert list(PaymentShare.objects.order_by("invoice__month").values_list("amount", flat=True)) == [3 * RATE, RATE]


def test_a_part_payment_covers_whole_lines_in_their_order(apbd_invoices):
    january = apbd_invoices[0]
    pay(january, 2 * RATE + 5_000)
    january.refresh_from_db()
    assert (january.covered_lines, january.status, january.outstanding) == (2, InvoiceStatus.PARTIAL, RATE - 5_000)
    assert list(january.lines.filter(covered()).values_list("line_no", flat=True)) == [1, 2]
    pay(january, RATE - 5_000)
    january.refresh_from_db()
    assert (january.covered_lines, january.status) == (3, InvoiceStatus.PAID)


def test_a_payment_larger_than_what_is_owed_is_refused_and_nothing_is_counted(apbd_invoices):
    january = apbd_invoices[0]
    with pytest.raises(BillingError, match=r"lebih besar dari tagihan yang belum dibayar, Rp50\.400"):
        pay(january, 3 * RATE + 1)
    assert not Payment.objects.exists() and Invoice.objects.get(pk=january.pk).paid == 0


def test_an_unknown_kode_iuran_is_refused_and_a_mistyped_one_is_called_a_typo(apbd_invoices):
    unknown = issue_code("35.03", 2026, 9, 77)
    with pytest.raises(BillingError, match=f"Kode iuran {unknown} tidak dikenal"):
        payment_record(kode_iuran=unknown, amount=RATE, paid_on=PAID_ON, channel="atm", actor=None)
    code = apbd_invoices[0].kode_iuran
    typo = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(BillingError, match="salah ketik"):
        payment_record(kode_iuran=typo, amount=RATE, paid_on=PAID_ON, channel="atm", actor=None)
    assert not Payment.objects.exists()


def test_the_same_bank_reference_or_receipt_is_not_counted_twice(apbd_invoices):
    january = apbd_invoices[0]
    pay(january, RATE, reference="TRX-001")
    with pytest.raises(BillingError, match="referensi bank TRX-001 sudah dicatat"):
        pay(january, RATE, reference="TRX-001")
    receipt = b"%PDF-1.4 bukti setor"
    pay(january, RATE, receipt=SimpleUploadedFile("bukti.pdf", receipt))
    with pytest.raises(BillingError, match="Bukti bayar ini sudah dipakai"):
        pay(january, RATE, receipt=SimpleUploadedFile("bukti-lagi.pdf", receipt))
    assert Invoice.objects.get(pk=january.pk).paid == 2 * RATE


def test_a_receipt_must_be_a_pdf_or_a_photo(apbd_invoices):
    with pytest.raises(BillingError, match="PDF, JPG atau PNG"):
        pay(apbd_invoices[0], RATE, receipt=SimpleUploadedFile("bukti.pdf", b"MZ not a pdf"))


def test_a_payment_dated_tomorrow_is_refused(apbd_invoices):
    with pytest.raises(BillingError, match="setelah hari ini"):
        pay(apbd_invoices[0], RATE, paid_on=dt.date(2026, 4, 3), today=dt.date(2026, 4, 2))


def test_only_payers_of_the_regency_record_payments(apbd_invoices, users):
    with pytest.raises(BillingError, match="tidak berwenang mencatat pembayaran"):
        pay(apbd_invoices[0], RATE, actor=users["bpjs"])
    payment = pay(apbd_invoices[0], Decimal(RATE), actor=users["perencana"])
    assert payment.recorded_by == users["perencana"]


def test_bpjss_own_kode_iuran_replaces_jarings_until_money_is_paid_with_it(apbd_invoices, users):
    january, february = apbd_invoices[:2]
    invoice_code_set(invoice=january, code="123 4567 8901", actor=users["bpjs"])
    january.refresh_from_db()
    assert (january.kode_iuran, january.code_from_bpjs) == ("12345678901", True)
    pay(january, RATE)  # BPJS's code is paid with, though it has no Luhn digit of ours
    with pytest.raises(BillingError, match="Sudah ada pembayaran"):
        invoice_code_set(invoice=january, code="99999999999", actor=users["bpjs"])
    with pytest.raises(BillingError, match="sudah dipakai tagihan"):
        invoice_code_set(invoice=february, code="12345678901", actor=users["bpjs"])
    with pytest.raises(BillingError, match="harus 11 angka"):
        invoice_code_set(invoice=february, code="1234", actor=users["bpjs"])


def test_paying_the_arrears_makes_a_lapsed_membership_active_again_at_once(apbd_invoices, memberships, users):
    after_march_due = dt.date(2026, 4, 20)
    coverage_refresh(program=apbd_invoices[0].program, today=after_march_due, actor=None)
    paiman = memberships["PAIMAN"]
    paiman.refresh_from_db()
    assert paiman.status == "lapsed"
    pay(apbd_invoices[2], 9 * RATE, paid_on=after_march_due, today=after_march_due)
    paiman.refresh_from_db()
    assert paiman.status == "active" and "sudah dibayar" in paiman.status_reason
