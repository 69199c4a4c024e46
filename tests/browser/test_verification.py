"""Verification in a real browser: the verifier runs it, reads the counts, reviews a finding, takes the
registry's data, returns two proposals at once; the village operator finds them returned with the message.

Text on the verification pages is checked by test id and data (its Indonesian catalogue comes at merge);
the intake pages the operator reads are checked by their Indonesian words."""

import pytest
from playwright.sync_api import expect

from jaring.intake.models import Candidate
from jaring.people.models import Person
from jaring.programs.models import Program
from jaring.verification.models import VerificationResult

from ..verification.conftest import record_of, resident
from .test_pages import screenshot

pytestmark = pytest.mark.browser
MESSAGE = "NIK tidak ada di data Dukcapil, cek KTP dan KK"


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


@pytest.fixture
def proposals(program):
    mismatch = resident(program, "SRI WAHYUNI", record=False, sex="P")
    record_of(mismatch.person, full_name="SRI WAHYUNINGSIH")
    return {
        "valid": resident(program, "SUTRISNO"),
        "mismatch": mismatch,
        "paijo": resident(program, "PAIJO", record=False),
        "paiman": resident(program, "PAIMAN", record=False),
    }


def test_verifier_reviews_and_the_village_sees_what_was_returned(page, live_server, login, users, proposals):
    login(page, live_server, "verif")
    page.locator('header nav a[href="/verifikasi/"]').click()
    page.get_by_test_id("run").click()  # the test settings run the task as soon as it is queued
    expect(page.get_by_test_id("count-valid")).to_have_text("1")
    expect(page.get_by_test_id("count-mismatch")).to_have_text("1")
    expect(page.get_by_test_id("count-not_found")).to_have_text("2")
    screenshot(page, "verification_home.png")

    page.get_by_test_id("count-mismatch-link").click()
    results = page.get_by_test_id("results")
    expect(results.locator("tbody tr")).to_have_count(1)
    results.get_by_role("link", name="SRI WAHYUNI").click()
    expect(page.get_by_test_id("comparison")).to_contain_text("SRI WAHYUNINGSIH")
    expect(page.get_by_test_id("differs")).to_have_count(1)
    expect(page.get_by_test_id("reasons")).to_contain_text("Nama berbeda: usulan SRI WAHYUNI")
    screenshot(page, "verification_detail.png")
    page.get_by_test_id("accept-registry").click()
    expect(page.locator("h1")).to_have_text("SRI WAHYUNINGSIH")
    assert Person.objects.get(pk=proposals["mismatch"].person_id).full_name == "SRI WAHYUNINGSIH"

    page.goto(live_server.url + "/verifikasi/antrian/?program=pr-2026&status=not_found")
    results = page.get_by_test_id("results")
    expect(results.locator("tbody tr")).to_have_count(2)
    page.locator("#select-all").check()
    page.select_option("#id_action", "return")
    page.fill("#id_text", MESSAGE)
    page.get_by_test_id("bulk-submit").click()
    expect(page.locator(".message.success")).to_be_visible()
    expect(results.get_by_test_id("decision")).to_have_count(2)
    assert set(VerificationResult.objects.filter(decision="returned").values_list("candidate_id", flat=True)) == {
        proposals["paijo"].pk,
        proposals["paiman"].pk,
    }
    page.get_by_role("button", name="Keluar").click()

    login(page, live_server, "op.besuki")
    page.locator('header nav a[href="/usulan/calon/"]').click()
    page.select_option("#id_status", "returned")
    table = page.get_by_test_id("candidates")
    expect(table.locator("tbody tr")).to_have_count(2)
    for key in ("paijo", "paiman"):
        row = table.get_by_test_id(f"candidate-{proposals[key].pk}")
        expect(row).to_contain_text(MESSAGE)
        expect(row.get_by_role("link", name="Perbaiki")).to_be_visible()
    assert Candidate.objects.filter(status="returned").count() == 2


def test_a_run_in_the_background_worker_shows_progress_then_the_counts(
    page, live_server, login, users, proposals, settings
):
    from .test_intake import run_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    login(page, live_server, "verif")
    page.goto(live_server.url + "/verifikasi/")
    page.get_by_test_id("run").click()
    expect(page.get_by_test_id("progress")).to_be_visible()
    run_worker()
    # The page polls every second and reloads itself with the counts once the run is done.
    expect(page.get_by_test_id("count-not_found")).to_have_text("2", timeout=15_000)
