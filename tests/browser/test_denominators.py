"""Coverage denominators in a real browser: the verifier uploads the regency's table, reads the row in error,
fixes the file, uploads it again, confirms, and sees the figures loaded.

Assertions rest on data (counts, codes, figures, and the row's problem, which is Bahasa Indonesia already)."""

import pytest
from playwright.sync_api import expect

from ..conftest import BESUKI, NGARES, TERBIS
from ..monitoring.denominator_files import SOURCE, table_xlsx
from .test_pages import screenshot

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def choose(page, rows):
    page.set_input_files("#id_file", files=[{"name": "penyebut-2026.xlsx", "mimeType": XLSX,
                                             "buffer": table_xlsx(rows)}])  # fmt: skip


def test_verifier_fixes_a_row_in_error_then_loads_the_denominators(page, live_server, login, users):
    login(page, live_server, "verif")
    page.goto(live_server.url + "/pantau/penyebut/?tahun=2026")
    expect(page.get_by_test_id("no-rows")).to_be_visible()

    rows = [[BESUKI, "Besuki", 1200, 900, SOURCE], [TERBIS, "Terbis", 800, 950, SOURCE],
            [NGARES, "Ngares", "1.500", 1100, SOURCE]]  # fmt: skip
    choose(page, rows)
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("count-problems")).to_have_text("1")
    expect(page.get_by_test_id("problems")).to_have_text(
        "Baris 3: Pekerja informal (950) lebih banyak dari jumlah pekerja (800)."
    )
    expect(page.get_by_test_id("confirm")).to_have_count(0)
    screenshot(page, "denominators_problem.png")

    rows[1][3] = 550
    choose(page, rows)
    page.get_by_test_id("check").click()
    expect(page.get_by_test_id("count-problems")).to_have_text("0")
    expect(page.get_by_test_id("count-added")).to_have_text("3")
    page.get_by_test_id("confirm").click()

    table = page.get_by_test_id("rows")
    expect(table.get_by_test_id(f"row-{NGARES}")).to_contain_text("Ngares")
    expect(table.get_by_test_id(f"row-{NGARES}")).to_contain_text("1.500")
    expect(table.get_by_test_id(f"row-{TERBIS}")).to_contain_text("550")
    expect(table.get_by_test_id(f"row-{BESUKI}")).to_contain_text(SOURCE)
    expect(page.get_by_test_id("totals")).to_contain_text("3.500")
    expect(page.get_by_test_id("year-2026")).to_be_visible()
    screenshot(page, "denominators_loaded.png")
