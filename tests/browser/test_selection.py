"""Selection and the simulator in a real browser: the verifier computes and proposes, the pejabat penetap
approves, the frozen list reads with each person's reason; the planner compares two scenarios, watches the
figures follow her typing, and downloads them."""

import fastexcel
import pytest
from playwright.sync_api import expect

from jaring.programs.models import Program, Selection

from ..conftest import BESUKI, NGARES
from ..verification.conftest import resident, verify
from .test_pages import screenshot

pytestmark = pytest.mark.browser
YEAR_APBD = 12 * 16_800


@pytest.fixture
def program(trenggalek):
    program = Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    for name in ("SUTRISNO", "PAIMAN", "WAGIYO"):
        resident(program, name)
    resident(program, "AGUS", village=NGARES)
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=2 * YEAR_APBD)
    program.sources.create(kind="apbdes", name="APBDes Besuki", amount=YEAR_APBD, village_id=BESUKI)
    verify(program)
    return program


def test_verifier_proposes_and_the_official_approves_the_selection(page, live_server, login, users, program):
    login(page, live_server, "verif")
    page.goto(live_server.url + "/program/pr-2026/seleksi/")
    page.get_by_test_id("compute").click()
    expect(page.get_by_test_id("selected-count")).to_have_text("3")
    expect(page.get_by_test_id("waiting-count")).to_have_text("1")
    expect(page.get_by_test_id("by-source")).to_contain_text("APBDes Besuki")
    expect(page.get_by_test_id("entries").get_by_test_id("why").first).to_contain_text("APBDes Besuki")
    page.get_by_test_id("propose").click()
    expect(page.get_by_test_id("approve")).to_have_count(0)  # the verifier cannot approve
    page.get_by_role("button", name="Keluar").click()

    login(page, live_server, "pejabat")
    page.goto(live_server.url + "/program/pr-2026/seleksi/?hasil=waiting")
    waiting = page.get_by_test_id("entries").get_by_test_id("entry")
    expect(waiting).to_have_count(1)
    expect(waiting.first).to_contain_text("3503")  # the official sees NIKs masked
    expect(waiting.first).to_contain_text("*")
    screenshot(page, "selection_proposed.png")
    page.get_by_test_id("approve").click()
    expect(page.locator(".message.success")).to_be_visible()
    expect(page.get_by_test_id("compute")).to_have_count(0)
    assert Selection.objects.get().status == "approved"


def test_planner_compares_scenarios_and_downloads_them(page, live_server, login, users, program):
    login(page, live_server, "rencana")
    page.goto(live_server.url + "/program/simulasi/")
    # Side B opens on Trenggalek's 2025 plan: Rp2,016,000,000 for 12 months covers 10,000 people.
    expect(page.get_by_test_id("b-people")).to_have_text("10.000")
    # Side A is the program: 3 of its 4 cleared candidates fit its sources.
    expect(page.get_by_test_id("a-people")).to_have_text("3")
    page.fill("#id_b-budget", "1.200.000.000")
    page.fill("#id_b-months", "10")
    expect(page.get_by_test_id("b-people")).to_have_text("7.142")
    page.fill("#id_b-people", "10000")
    expect(page.get_by_test_id("b-cost-of-people")).to_contain_text("Rp1.680.000.000")
    page.fill("#id_b-months", "13")
    expect(page.get_by_test_id("result-b-invalid")).to_be_visible()
    page.fill("#id_b-months", "10")
    expect(page.get_by_test_id("b-people")).to_have_text("7.142")
    screenshot(page, "simulator.png")

    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    sheet = fastexcel.read_excel(download.value.path()).load_sheet("Simulasi", dtypes="string").to_polars()
    rows = {row[0]: row[1:] for row in sheet.iter_rows()}
    assert rows["Orang yang terbiayai"] == ("3", "7142")
