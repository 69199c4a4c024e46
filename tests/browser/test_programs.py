"""The planner's pages in a real browser: an APBDes source typed as "Rp 25.000.000", the same maximum for every
desa, and a negative budget refused in Bahasa Indonesia with nothing saved.

The pages' own words come from the catalogue at merge, so they are found by test id and data; the services'
messages are Indonesian already and are checked word for word."""

import pytest
from playwright.sync_api import expect

from jaring.programs.models import FundingSource, Program, Quota

from ..conftest import BESUKI
from .test_pages import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def test_planner_adds_an_apbdes_source_and_one_maximum_for_every_desa(page, live_server, login, users, program):
    login(page, live_server, "rencana")
    page.locator('header nav a[href="/program/"]').click()
    page.get_by_test_id("programs").get_by_role("link", name="Bantuan iuran pekerja rentan").click()
    expect(page.get_by_test_id("period")).to_have_text("Januari–Desember 2026")

    page.get_by_test_id("add-source").click()
    page.select_option("#id_kind", "apbdes")
    page.select_option("#id_village", BESUKI)
    page.fill("#id_amount", "Rp 25.000.000")
    page.get_by_test_id("save").click()
    source = page.get_by_test_id("sources").locator("tbody tr")
    expect(source).to_have_count(1)
    expect(source.get_by_test_id("amount")).to_have_text("Rp25.000.000")
    expect(source.get_by_test_id("restrictions")).to_contain_text("Desa Besuki")
    expect(page.get_by_test_id("total")).to_have_text("Rp25.000.000")

    page.get_by_test_id("edit-quotas").click()
    page.fill("#id_same_village_maximum", "100")
    screenshot(page, "program_quotas.png")
    page.get_by_test_id("save").click()
    line = page.get_by_test_id("quotas").get_by_test_id("quota-line")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("157")
    expect(line.get_by_test_id("maximum")).to_have_text("100")
    expect(page.get_by_test_id("sources").get_by_test_id("amount")).to_have_text("Rp25.000.000")
    screenshot(page, "program_detail.png")
    assert Quota.objects.filter(program=program, kind="village", maximum=100).count() == 157
    assert FundingSource.objects.get().village_id == BESUKI


def test_a_negative_budget_is_refused_in_indonesian_and_nothing_is_saved(page, live_server, login, users, program):
    login(page, live_server, "rencana")
    page.goto(f"{live_server.url}/program/{program.code}/sumber-dana/tambah/")
    page.select_option("#id_kind", "apbd_kabupaten")
    page.fill("#id_name", "APBD Trenggalek 2026")
    page.fill("#id_amount", "-2.016.000.000")
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("error-amount")).to_have_text("Jumlah anggaran tidak boleh negatif.")
    expect(page.get_by_test_id("form-errors")).to_contain_text("Jumlah anggaran tidak boleh negatif.")
    expect(page.locator("#id_amount")).to_have_value("-2.016.000.000")
    expect(page.locator("#id_name")).to_have_value("APBD Trenggalek 2026")
    screenshot(page, "program_source_refused.png")
    assert not FundingSource.objects.exists()
