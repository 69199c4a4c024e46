"""``jaring bill`` and ``jaring pay``: a dry run prints what would happen and writes nothing; --wet-run writes."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jaring.billing.models import Invoice, Payment
from jaring.billing.services import invoices_issue

from .conftest import JANUARY, RATE


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_bill_without_wet_run_prints_the_plan_and_writes_nothing(program, memberships):
    out = run("bill", "--program", "pr-2026", "--month", "2026-01")
    assert "APBD Trenggalek: 3 kepesertaan × Rp16.800 = Rp50.400 (belum ditagih)" in out
    assert "Jumlah Januari 2026: 4 kepesertaan, Rp67.200" in out and "Uji coba" in out
    assert not Invoice.objects.exists()


def test_bill_with_wet_run_issues_the_invoices_once(program, memberships):
    out = run("bill", "--program", "pr-2026", "--month", "2026-01", "--wet-run")
    codes = list(Invoice.objects.values_list("kode_iuran", flat=True))
    assert len(codes) == 2 and all(f"(baru, kode iuran {code})" in out for code in codes)
    again = run("bill", "--program", "pr-2026", "--month", "2026-01", "--wet-run")
    assert "sudah ada" in again and Invoice.objects.count() == 2


@pytest.mark.parametrize(
    ("month", "message"),
    [("2025-12", "sebelum program pr-2026 mulai"), ("2026-13", "tidak dikenal"), ("2027-01", "setelah bulan terakhir")],
)
def test_bill_refuses_a_month_outside_the_program(program, memberships, month, message):
    with pytest.raises(CommandError, match=message):
        run("bill", "--program", "pr-2026", "--month", month, "--wet-run")
    assert not Invoice.objects.exists()


def test_bill_names_an_unknown_program(program):
    with pytest.raises(CommandError, match="Program 'nope' tidak ada"):
        run("bill", "--program", "nope", "--month", "2026-01")


@pytest.fixture
def january(program, memberships):
    run_ = invoices_issue(program=program, month=JANUARY, actor=None)
    return next(b.invoice for b in run_.bills if b.source.kind == "apbd_kabupaten")


def pay(invoice, amount, *extra) -> str:
    return run("pay", "--kode-iuran", invoice.kode_iuran, "--amount", str(amount), "--date", "2026-02-05",
               "--channel", "transfer", *extra)  # fmt: skip


def test_pay_without_wet_run_says_where_the_money_would_go_and_records_nothing(january):
    out = pay(january, RATE)
    assert f"Kode iuran {january.kode_iuran}" in out and "2026-01: Rp16.800" in out and "Uji coba" in out
    assert not Payment.objects.exists()


def test_pay_with_wet_run_records_the_payment_with_its_receipt(january, tmp_path):
    receipt = tmp_path / "bukti.pdf"
    receipt.write_bytes(b"%PDF-1.4 bukti setor SP2D")
    out = pay(january, 3 * RATE, "--reference", "SP2D-1", "--receipt", str(receipt), "--wet-run")
    assert "Pembayaran dicatat" in out
    payment = Payment.objects.get()
    assert payment.reference == "SP2D-1" and payment.receipt_sha256
    january.refresh_from_db()
    assert january.status == "paid"


def test_pay_refuses_more_than_is_owed_and_a_bad_date(january):
    with pytest.raises(CommandError, match="lebih besar dari tagihan"):
        pay(january, 4 * RATE, "--wet-run")
    with pytest.raises(CommandError, match="tidak sah"):
        run("pay", "--kode-iuran", january.kode_iuran, "--amount", "1", "--date", "5-2-2026", "--channel", "atm")
    assert not Payment.objects.exists()


def test_pay_dry_run_also_refuses_a_reference_already_recorded(january):
    pay(january, RATE, "--reference", "TRX-1", "--wet-run")
    with pytest.raises(CommandError, match="sudah dicatat"):
        pay(january, RATE, "--reference", "TRX-1")
