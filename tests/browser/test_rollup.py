"""The roll-up in a real browser: the province's monitor opens Rekap from the menu, sees Trenggalek from this
instance's own data, uploads Blitar's signed summary, reads what it would record, confirms, and finds Blitar's
row filled in. No page on the way shows a person's name or NIK."""

import pytest
from playwright.sync_api import expect

from jaring.people.models import Person

from ..monitoring.rollup_fixtures import jatim, keys, local_program, signed  # noqa: F401
from .test_pages import screenshot

pytestmark = pytest.mark.browser


def no_person_on(page, people) -> None:
    text = page.content()
    for person in people:
        assert person.full_name not in text and person.nik not in text


def test_the_province_monitor_imports_a_regency_summary(page, live_server, login, users, people, local_program, keys):  # noqa: F811
    everyone = list(Person.objects.all())
    login(page, live_server, "pantau")
    page.get_by_role("navigation").get_by_role("link", name="Rekap").click()
    page.get_by_test_id("filter-year").select_option("2026")

    trenggalek = page.get_by_test_id("row-35.03")
    expect(trenggalek).to_contain_text("1.200")
    expect(trenggalek.get_by_test_id("origin")).to_contain_text("Data sendiri")
    expect(page.get_by_test_id("row-35.05")).to_contain_text("Belum ada data")
    no_person_on(page, everyone)

    page.set_input_files("#id_file", files=[{"name": "ringkasan-35.05-2026.json", "mimeType": "application/json",
                                             "buffer": signed(keys["35.05"])}])  # fmt: skip
    page.get_by_test_id("upload").click()
    expect(page.get_by_test_id("regency")).to_have_text("Kabupaten Blitar (35.05)")
    expect(page.get_by_test_id("members")).to_have_text("10.400")
    screenshot(page, "rollup_check.png")
    page.get_by_test_id("confirm").click()

    blitar = page.get_by_test_id("row-35.05")
    expect(blitar).to_contain_text("10.400")
    expect(blitar).to_contain_text("Rp3.500.000.000")
    expect(blitar.get_by_test_id("origin")).to_contain_text("Impor")
    expect(page.get_by_test_id("tally-imported")).to_have_text("1")
    expect(page.get_by_test_id("row-35.06")).to_contain_text("Belum ada data")
    no_person_on(page, everyone)
    screenshot(page, "rollup.png")
