"""Reports in a real browser: the village operator opens Laporan from the menu and downloads her desa's
recipient list as PDF; the verifier downloads the yearly report to the regent as .xlsx."""

import openpyxl
import pytest
from playwright.sync_api import expect

from ..conftest import BESUKI
from ..monitoring.conftest import billed, candidates, decree, memberships, program  # noqa: F401
from .test_pages import screenshot

pytestmark = pytest.mark.browser


def test_the_village_operator_downloads_her_desas_recipient_list(page, live_server, login, users, billed):  # noqa: F811
    login(page, live_server, "op.besuki")
    page.locator('nav a[href="/pantau/laporan/"]').click()
    form = page.get_by_test_id("report-desa")
    expect(form.locator("select[name=desa]")).to_have_value(BESUKI)
    expect(page.get_by_test_id("report-tahunan")).to_have_count(0)
    screenshot(page, "reports_operator.png")
    with page.expect_download() as download:
        page.get_by_test_id("download-desa").click()
    assert download.value.suggested_filename == f"penerima-pr-2026-{BESUKI}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    response = page.request.get(download.value.url)
    assert response.headers["content-type"] == "application/pdf"


def test_the_verifier_downloads_the_yearly_report_as_xlsx(page, live_server, login, users, billed):  # noqa: F811
    login(page, live_server, "verif")
    page.goto(live_server.url + "/pantau/laporan/")
    form = page.get_by_test_id("report-tahunan")
    form.locator("select[name=tahun]").select_option("2026")
    form.get_by_test_id("format-xlsx").click()
    with page.expect_download() as download:
        page.get_by_test_id("download-tahunan").click()
    assert download.value.suggested_filename == "laporan-tahunan-35.03-2026.xlsx"
    with open(download.value.path(), "rb") as file:
        rows = [
            [c for c in row if c is not None] for row in openpyxl.load_workbook(file).active.iter_rows(values_only=True)
        ]
    assert ["LAPORAN TAHUNAN KEPADA BUPATI TRENGGALEK"] in rows
    assert ["Panggul", 3, 3, 0] in rows
