"""Reconciliation in a real browser: the BPJS officer uploads BPJS's status file for January, reads each
difference with its action, saves the result and marks one difference resolved with a note.

Assertions rest on data (counts, KPJs, the actions and notes, which are Bahasa Indonesia already)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from jaring.billing.services import invoices_issue, payment_record

from ..billing.conftest import JANUARY, RATE, memberships  # noqa: F401
from ..billing.test_reconciliation import EVERY_KIND, STRANGER, status_file
from ..enrollment.conftest import candidates, decree, program  # noqa: F401
from .test_pages import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def billed(program, memberships):  # noqa: F811
    run = invoices_issue(program=program, month=JANUARY, actor=None)
    apbd = next(b.invoice for b in run.bills if b.source.kind == "apbd_kabupaten")
    payment_record(kode_iuran=apbd.kode_iuran, amount=2 * RATE, paid_on=dt.date(2026, 2, 3), channel="teller",
                   actor=None)  # fmt: skip
    return run


def test_bpjs_officer_reconciles_january_and_resolves_a_difference(page, live_server, login, users, billed):
    login(page, live_server, "bpjs")
    page.goto(live_server.url + "/tagihan/pr-2026/rekonsiliasi/")
    page.set_input_files(
        "#id_file", files=[{"name": "status-januari.csv", "mimeType": "text/csv", "buffer": status_file(EVERY_KIND)}]
    )
    page.get_by_test_id("upload").click()

    expect(page).to_have_url(re.compile(r"/tagihan/pr-2026/rekonsiliasi/\d+/$"))
    expect(page.get_by_test_id("count-matched")).to_have_text("1")
    for kind in ("paid_not_posted", "posted_not_paid", "amount_differs", "not_billed_here"):
        expect(page.get_by_test_id(f"count-{kind}")).to_have_text("1")
    differences = page.get_by_test_id("differences")
    wagiyo = differences.get_by_test_id("difference-17010000003")
    expect(wagiyo).to_contain_text("WAGIYO")
    expect(wagiyo.get_by_test_id("action")).to_have_text("Kirim bukti bayar ke kantor cabang BPJS.")
    expect(differences.get_by_test_id(f"difference-{STRANGER}")).to_contain_text("jangan bayar sebelum jelas")
    expect(differences.get_by_test_id("difference-17010000004")).to_contain_text("Rp17.800")
    screenshot(page, "billing_reconciliation_checked.png")

    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("reconciliation-status")).to_have_class(re.compile("status-saved"))
    expect(page.get_by_test_id("save")).to_have_count(0)

    wagiyo.locator("input[name=note]").fill("Bukti setor dikirim ke KC Trenggalek")
    wagiyo.get_by_test_id("resolve").click()
    expect(wagiyo.get_by_test_id("resolution")).to_contain_text("Bukti setor dikirim ke KC Trenggalek")
    expect(page.get_by_test_id("resolve-form")).to_have_count(3)
    screenshot(page, "billing_reconciliation_saved.png")

    page.goto(live_server.url + "/tagihan/pr-2026/rekonsiliasi/")
    expect(page.get_by_test_id("reconciliations")).to_contain_text("status-januari.csv")
