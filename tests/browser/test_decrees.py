"""The decree in a real browser: the pejabat penetap drafts the SK from the approved selection, makes it final
with its number, date and signed scan, and downloads the public annex; the verifier amends it and the
replacement from the waiting list shows on the amending decree."""

import pytest
from playwright.sync_api import expect

from jaring.decrees.models import Decree
from jaring.decrees.services import decree_draft, decree_finalize

from ..decrees.conftest import SCAN_BYTES, approved, program, scan, today  # noqa: F401 (fixtures)
from .test_pages import screenshot

pytestmark = pytest.mark.browser


def test_the_official_drafts_signs_and_publishes_the_decree(page, live_server, login, users, approved):  # noqa: F811
    login(page, live_server, "pejabat")
    page.goto(live_server.url + "/program/pr-2026/")
    page.get_by_test_id("decree-link").click()
    page.get_by_test_id("draft-decree").click()
    expect(page.get_by_test_id("recipients-count")).to_have_text("4")
    expect(page.get_by_test_id("recipient")).to_have_count(4)
    page.fill("#id_number", "188.45/27/406.004/2026")
    page.fill("#id_signed_on", today().isoformat())
    page.set_input_files("#id_scan", files=[{"name": "sk.pdf", "mimeType": "application/pdf", "buffer": SCAN_BYTES}])
    screenshot(page, "decree_draft.png")
    page.get_by_test_id("finalize").click()
    expect(page.locator(".message.success")).to_be_visible()
    expect(page.get_by_test_id("decree-status")).to_contain_text("Final")
    expect(page.get_by_test_id("finalize-form")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_test_id("download-public-pdf").click()
    assert download.value.suggested_filename.endswith("-publik.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert Decree.objects.get().number == "188.45/27/406.004/2026"


def test_the_verifier_amends_the_final_decree(page, live_server, login, users, approved, program):  # noqa: F811
    decree = decree_draft(program=program, actor=users["verifikator"])
    decree = decree_finalize(decree=decree, number="27/2026", signed_on=today(), scan=scan(), actor=users["pejabat"])
    login(page, live_server, "verif")
    page.goto(live_server.url + f"/sk/pr-2026/{decree.pk}/")
    page.get_by_test_id("amend").click()
    first = page.get_by_test_id("recipient").first
    first.locator("input[type=checkbox]").check()
    first.locator("input[type=text]").fill("Meninggal dunia 3 Juni 2026")
    page.fill("#id_effective_from", "2026-07")
    page.fill("#id_reason", "Penerima meninggal dunia")
    page.get_by_test_id("draft-amendment").click()
    expect(page.locator(".message.success")).to_contain_text("Pengganti dari daftar tunggu")
    expect(page.get_by_test_id("removed-count")).to_have_text("1")
    expect(page.get_by_test_id("added-count")).to_have_text("1")
    expect(page.get_by_test_id("amends-link")).to_contain_text("27/2026")
    screenshot(page, "decree_amendment.png")
