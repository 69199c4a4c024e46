"""Donations in a real browser: the planner records a donation and sees the worker-months it covers; the
public page, opened without logging in, shows the total and the donor.

Assertions rest on data (amounts, counts, names): the new labels show in English until they are translated."""

import pytest
from playwright.sync_api import expect

from jaring.programs.models import Program

from .test_pages import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def donasi(trenggalek):
    program = Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=10 * 201_600)
    return program.sources.create(kind="donasi", name="Donasi Peduli Pekerja", amount=0)


def test_planner_records_a_donation_and_the_public_sees_the_total(page, live_server, login, users, donasi):
    login(page, live_server, "rencana")
    page.goto(live_server.url + "/donasi/")
    page.get_by_test_id("program-pr-2026").click()
    expect(page).to_have_url(live_server.url + "/donasi/pr-2026/")
    summary = page.get_by_test_id(f"summary-{donasi.pk}")
    expect(summary.get_by_test_id("earmarked")).to_have_text("0")

    page.select_option("#id_source", label="Donasi Peduli Pekerja")
    page.select_option("#id_donor_kind", value="company")
    page.fill("#id_donor_name", "PT Sumber Rejeki")
    page.fill("#id_amount", "Rp1.260.000")  # ten workers for 2026 at a donor's rates (Rp126.000 each)
    page.fill("#id_received_on", "2026-02-10")
    page.fill("#id_reference", "TRF 2026-02-10 01")
    page.get_by_test_id("record-save").click()

    expect(page).to_have_url(live_server.url + "/donasi/pr-2026/")
    expect(page.locator(".message.success")).to_be_visible()
    expect(summary.get_by_test_id("received")).to_have_text("Rp1.260.000")
    expect(summary.get_by_test_id("earmarked")).to_have_text("120")
    expect(summary.get_by_test_id("free")).to_have_text("120")
    expect(page.get_by_test_id("donations")).to_contain_text("PT Sumber Rejeki")
    screenshot(page, "donations_program.png")

    page.get_by_test_id("public-link").click()
    expect(page).to_have_url(live_server.url + "/donasi/publik/pr-2026/")
    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_test_id("who")).to_have_count(0)
    expect(page.get_by_test_id("public-received")).to_have_text("Rp1.260.000")
    expect(page.get_by_test_id("public-worker-months")).to_have_text("120")
    expect(page.get_by_test_id("public-donors")).to_contain_text("PT Sumber Rejeki")
    screenshot(page, "donations_public.png")
