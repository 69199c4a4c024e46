"""The coverage dashboard in a real browser: the verifier opens it from the menu, chooses the year, drills
from the regency into a kecamatan, sees its desa drawn and tabled, and downloads the table; the provincial
monitor sees the same regency with small counts withheld."""

import openpyxl
import pytest
from playwright.sync_api import expect

from ..monitoring.conftest import billed, candidates, decree, memberships, program  # noqa: F401
from .test_pages import screenshot

pytestmark = pytest.mark.browser


def test_the_verifier_drills_from_the_regency_into_a_kecamatan(page, live_server, login, users, billed):  # noqa: F811
    login(page, live_server, "verif")
    page.locator('nav a[href="/pantau/"]').click()
    page.get_by_test_id("filter-year").select_option("2026")
    page.get_by_test_id("filter-month").select_option("2026-03")
    expect(page.get_by_test_id("total-members")).to_have_text("4")
    expect(page.get_by_test_id("total-arrears")).to_have_text("4")
    expect(page.locator("[data-testid=chart-wilayah] canvas")).to_be_visible()
    page.get_by_test_id("filter-region").select_option(label="Panggul")
    expect(page.get_by_test_id("total-members")).to_have_text("3")
    expect(page.locator("[data-testid=chart-wilayah] tbody tr")).to_have_count(1)
    expect(page.locator("[data-testid=chart-wilayah] tbody")).to_contain_text("Besuki")
    screenshot(page, "monitoring_dashboard.png")
    with page.expect_download() as download:
        page.get_by_test_id("export-wilayah").click()
    assert download.value.suggested_filename == "jaring-wilayah-35.03.01-2026.xlsx"
    with open(download.value.path(), "rb") as file:
        sheet = openpyxl.load_workbook(file).active
    assert ["Besuki", "35.03.01.2001", 3, 0, 3] in [list(r[:5]) for r in sheet.iter_rows(values_only=True)]


def test_the_provincial_monitor_sees_small_counts_withheld(page, live_server, login, users, billed):  # noqa: F811
    login(page, live_server, "pantau")
    page.goto(live_server.url + "/pantau/?tahun=2026&bulan=2026-03")
    expect(page.locator("[data-testid=chart-wilayah] tbody")).to_contain_text("Kabupaten Trenggalek")
    expect(page.get_by_test_id("total-members")).to_have_text("x")
    expect(page.locator("body")).not_to_contain_text("SUTRISNO")
