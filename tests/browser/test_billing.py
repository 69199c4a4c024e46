"""Contribution billing in a real browser: the BPJS officer runs January's billing, finds the invoice with its
kode iuran and downloads it; the budget planner records a payment with its receipt and sees which months it
paid, oldest first.

Assertions rest on data (kode iuran, KPJs, amounts, status classes): the new labels show in English until the
catalog has them."""

import datetime as dt
import re

import fastexcel
import pytest
from playwright.sync_api import expect

from jaring.billing.models import Invoice
from jaring.billing.services import invoices_issue
from jaring.programs.models import Program

from ..billing.conftest import JANUARY, RATE, memberships  # noqa: F401
from ..enrollment.conftest import candidates, decree, program  # noqa: F401
from .test_pages import screenshot

pytestmark = pytest.mark.browser
FEBRUARY = dt.date(2026, 2, 1)


@pytest.mark.usefixtures("memberships")
def test_bpjs_officer_runs_januarys_billing_and_downloads_the_invoice(page, live_server, login, users):
    login(page, live_server, "bpjs")
    page.locator('header nav a[href="/tagihan/"]').click()
    page.locator('a[href="/tagihan/pr-2026/"]').click()
    page.select_option("#id_bulan", "2026-01")
    page.get_by_test_id("plan").click()
    expect(page.get_by_test_id("plan-lines")).to_have_text("4")
    expect(page.get_by_test_id("plan-total")).to_have_text("Rp67.200")
    assert not Invoice.objects.exists()  # the plan writes nothing
    page.get_by_test_id("run-confirm").click()

    expect(page.locator(".message.success")).to_be_visible()
    apbd = Invoice.objects.get(source__kind="apbd_kabupaten", month=JANUARY)
    january = page.get_by_test_id("month-2026-01")
    expect(january).to_contain_text(apbd.kode_iuran)
    screenshot(page, "billing_program.png")
    january.get_by_text(apbd.kode_iuran).click()

    expect(page).to_have_url(live_server.url + f"/tagihan/pr-2026/{apbd.pk}/")
    expect(page.get_by_test_id("kode-iuran")).to_have_text(apbd.kode_iuran)
    expect(page.get_by_test_id("total")).to_have_text("Rp50.400")
    expect(page.get_by_test_id("lines")).to_contain_text("17010000002")
    with page.expect_download() as info:
        page.get_by_test_id("download-xlsx").click()
    assert info.value.suggested_filename == f"tagihan-pr-2026-2026-01-{apbd.kode_iuran}.xlsx"
    sheet = fastexcel.read_excel(info.value.path()).load_sheet(0, header_row=None, dtypes="string").to_polars()
    cells = {cell for row in sheet.iter_rows() for cell in row}
    assert {apbd.kode_iuran, "17010000002", "17010000003", "17010000004", "PAIMAN", "50400"} <= cells


@pytest.mark.usefixtures("memberships")
def test_planner_records_a_payment_with_its_receipt_and_sees_the_months_it_paid(page, live_server, login, users):
    for month in (JANUARY, FEBRUARY):
        invoices_issue(program=Program.objects.get(code="pr-2026"), month=month, actor=None)
    january, february = Invoice.objects.filter(source__kind="apbd_kabupaten").order_by("month")
    login(page, live_server, "rencana")
    page.goto(live_server.url + f"/tagihan/pr-2026/{february.pk}/")
    page.get_by_test_id("pay-link").click()
    expect(page.locator("#id_kode_iuran")).to_have_value(february.kode_iuran)
    page.fill("#id_amount", f"{4 * RATE}")  # January's three lines and one of February's
    page.fill("#id_paid_on", "2026-03-02")
    page.select_option("#id_channel", "transfer")
    page.fill("#id_reference", "SP2D-0042")
    receipt = {"name": "bukti-setor.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 bukti setor SP2D"}
    page.set_input_files("#id_receipt", files=[receipt])
    page.get_by_test_id("payment-save").click()

    expect(page).to_have_url(re.compile(r"/tagihan/bayar/\d+/$"))
    expect(page.get_by_test_id("receipt")).to_contain_text("bukti-setor")
    rows = page.get_by_test_id("applied").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Rp50.400")
    expect(rows.nth(0)).to_have_attribute("data-testid", "applied-2026-01")
    expect(rows.nth(1)).to_contain_text("Rp16.800")
    expect(rows.nth(1)).to_have_attribute("data-testid", "applied-2026-02")
    screenshot(page, "billing_payment.png")

    rows.nth(1).get_by_text(february.kode_iuran).click()
    expect(page.get_by_test_id("status")).to_have_class(re.compile("status-partial"))
    expect(page.get_by_test_id("paid")).to_have_text("Rp16.800")
    expect(page.get_by_test_id("outstanding")).to_have_text("Rp33.600")
    page.goto(live_server.url + f"/tagihan/pr-2026/{january.pk}/")
    expect(page.get_by_test_id("status")).to_have_class(re.compile("status-paid"))
