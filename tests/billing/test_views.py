"""The billing pages over HTTP: who may open them and do what (the BPJS officer runs the billing, the planner
pays, the official reads, other regencies and village operators see nothing), the run's plan before it writes,
the invoice with its lines, and the payment form's refusals."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jaring.audit.models import AuditEvent
from jaring.billing.codes import issue_code
from jaring.billing.models import Invoice, Payment
from jaring.billing.services import invoices_issue
from jaring.programs.models import Program
from jaring.regions.services import regions_load

from .conftest import JANUARY, RATE, signed_in

FEBRUARY = dt.date(2026, 2, 1)


@pytest.fixture
def billed(program, memberships):
    """January and February billed; the APBD's invoices, oldest first."""
    for month in (JANUARY, FEBRUARY):
        invoices_issue(program=program, month=month, actor=None)
    return list(Invoice.objects.filter(source__kind="apbd_kabupaten").order_by("month"))


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def payment(invoice, amount, **extra) -> dict:
    return {
        "kode_iuran": invoice.kode_iuran,
        "amount": str(amount),
        "paid_on": "2026-03-02",
        "channel": "teller",
    } | extra


@pytest.mark.parametrize("role", ["operator_besuki", "pemantau"])
def test_roles_without_a_part_in_billing_get_403(client, users, billed, role):
    signed_in(client, users[role])
    invoice = billed[0]
    for url in ["/tagihan/", "/tagihan/pr-2026/", f"/tagihan/pr-2026/{invoice.pk}/", "/tagihan/bayar/"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/tagihan/pr-2026/tagih/", {"bulan": "2026-03"}).status_code == 403
    assert not Invoice.objects.filter(month=dt.date(2026, 3, 1)).exists()


def test_the_menu_shows_billing_to_the_roles_that_read_it(client, users, program):
    for role in ("bpjs", "perencana", "pejabat", "verifikator"):
        signed_in(client, users[role])
        assert 'href="/tagihan/"' in page(client, "/"), role
        client.logout()
    signed_in(client, users["operator_besuki"])
    assert 'href="/tagihan/"' not in page(client, "/")


def test_another_regencys_program_and_invoice_are_not_found(client, users, billed):
    regions_load(prefix="35.04")
    Program.objects.create(code="pr-tag", name="Tulungagung", year=2026, regency_id="35.04", category="pekerja_rentan")
    signed_in(client, users["bpjs"])
    assert client.get("/tagihan/pr-tag/").status_code == 404
    assert client.get(f"/tagihan/pr-tag/{billed[0].pk}/").status_code == 404
    assert client.get("/tagihan/pr-2026/999999/").status_code == 404


def test_the_bpjs_officer_sees_the_plan_first_and_the_run_writes_once(client, users, program, memberships):
    signed_in(client, users["bpjs"])
    plan = page(client, "/tagihan/pr-2026/?bulan=2026-01")
    assert 'data-testid="plan-lines">4<' in plan and "Rp67.200" in plan
    assert not Invoice.objects.exists()
    response = client.post("/tagihan/pr-2026/tagih/", {"bulan": "2026-01"}, follow=True)
    assert Invoice.objects.count() == 2
    grid = response.content.decode()
    for invoice in Invoice.objects.all():
        assert invoice.kode_iuran in grid
    assert 'data-testid="plan-existing"' in grid  # the same month again is "already issued", not billed twice
    client.post("/tagihan/pr-2026/tagih/", {"bulan": "2026-01"})
    assert Invoice.objects.count() == 2


def test_the_month_list_holds_only_the_programs_months_and_a_month_before_it_is_refused(client, users, program,
                                                                                        memberships):  # fmt: skip
    signed_in(client, users["bpjs"])
    html = page(client, "/tagihan/pr-2026/")
    assert 'value="2026-01"' in html and 'value="2026-12"' in html and 'value="2025-12"' not in html
    response = client.post("/tagihan/pr-2026/tagih/", {"bulan": "2025-12"}, follow=True)
    assert "sebelum program pr-2026 mulai" in response.content.decode()
    assert not Invoice.objects.exists()


def test_the_planner_pays_but_does_not_run_the_billing(client, users, billed):
    signed_in(client, users["perencana"])
    html = page(client, "/tagihan/pr-2026/")
    assert 'data-testid="run"' not in html and 'href="/tagihan/bayar/"' in html
    assert client.post("/tagihan/pr-2026/tagih/", {"bulan": "2026-03"}).status_code == 403


def test_the_official_reads_without_running_or_paying(client, users, billed):
    signed_in(client, users["pejabat"])
    html = page(client, "/tagihan/pr-2026/")
    assert billed[0].kode_iuran in html
    assert 'data-testid="run"' not in html and 'data-testid="pay-link"' not in html
    assert client.get("/tagihan/bayar/").status_code == 403
    assert client.post("/tagihan/bayar/", payment(billed[0], RATE)).status_code == 403
    assert not Payment.objects.exists()


def test_the_invoice_page_shows_its_header_and_lines_with_names_and_what_is_paid(client, users, billed):
    january = billed[0]
    signed_in(client, users["perencana"])
    client.post("/tagihan/bayar/", payment(january, 2 * RATE))
    html = page(client, f"/tagihan/pr-2026/{january.pk}/")
    assert january.kode_iuran in html and "Rp50.400" in html and "15-02-2026" in html
    for name, kpj in (("PAIMAN", "17010000002"), ("WAGIYO", "17010000003"), ("AGUS", "17010000004")):
        assert name in html and kpj in html
    assert html.count('data-testid="line-paid">ya<') == 2 and html.count('data-testid="line-paid">belum<') == 1
    assert "@media print" in html or 'media="print"' in html
    assert f"/tagihan/bayar/?kode={january.kode_iuran}" in html


def test_a_payment_shows_the_months_it_was_applied_to_oldest_first(client, users, billed):
    january, february = billed
    signed_in(client, users["perencana"])
    receipt = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti setor")
    response = client.post("/tagihan/bayar/", payment(february, 4 * RATE, receipt=receipt), follow=True)
    html = response.content.decode()
    applied = [line for line in html.splitlines() if 'data-testid="applied-' in line]
    assert [a.split('data-testid="applied-')[1][:7] for a in applied] == ["2026-01", "2026-02"]
    assert "Rp50.400" in html and "Rp16.800" in html
    assert Invoice.objects.get(pk=january.pk).status == "paid"


def typo(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda code: {"amount": str(99 * RATE)}, "lebih besar dari tagihan yang belum dibayar"),
        (lambda code: {"kode_iuran": issue_code("35.03", 2026, 9, 77)}, "tidak dikenal"),
        (lambda code: {"kode_iuran": typo(code)}, "salah ketik"),
    ],
)
def test_a_refused_payment_is_shown_on_the_form_and_nothing_is_stored(client, users, billed, change, message):
    signed_in(client, users["perencana"])
    response = client.post("/tagihan/bayar/", payment(billed[0], RATE) | change(billed[0].kode_iuran))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Payment.objects.exists()


def test_the_same_bank_reference_twice_is_refused_on_the_form(client, users, billed):
    signed_in(client, users["perencana"])
    client.post("/tagihan/bayar/", payment(billed[0], RATE, reference="TRX-9"))
    response = client.post("/tagihan/bayar/", payment(billed[0], RATE, reference="TRX-9"))
    assert "sudah dicatat" in response.content.decode()
    assert Payment.objects.count() == 1


def test_the_xlsx_download_is_audited(client, users, billed):
    signed_in(client, users["bpjs"])
    response = client.get(f"/tagihan/pr-2026/{billed[0].pk}/unduh.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(action="billing.invoice_downloaded")
    assert event.object_id == str(billed[0].pk) and event.detail["lines"] == 3


def test_the_program_page_shows_budget_absorption(client, users, billed):
    signed_in(client, users["pejabat"])
    html = page(client, "/tagihan/pr-2026/")
    assert 'data-testid="absorption"' in html and "Rp2.016.000" in html  # APBD allocation 10 × 12 × 16.800


def test_the_program_page_links_reconciliation_for_billers_and_donations_when_a_donation_source_exists(
    client, users, billed, program
):
    signed_in(client, users["bpjs"])
    html = page(client, "/tagihan/pr-2026/")
    assert 'href="/tagihan/pr-2026/rekonsiliasi/"' in html and 'data-testid="donations-link"' not in html
    program.sources.create(kind="donasi", name="Donasi Peduli Pekerja", amount=0)
    signed_in(client, users["perencana"])
    html = page(client, "/tagihan/pr-2026/")
    assert 'data-testid="reconciliation-link"' not in html and 'href="/donasi/pr-2026/"' in html
