"""Coverage in a real browser: the verifier finds the memberships in arrears with their warnings, reports a
death through the form, drafts the replacement SK perubahan and finds the replacement from the waiting list on
the amending decree.

Assertions rest on data (counts, names, levels, the decree's rows): new labels show in English until translated."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from jaring.billing.services import invoices_issue
from jaring.decrees.services import decree_draft, decree_finalize

from ..billing.conftest import member
from ..decrees import conftest as decrees
from .test_pages import screenshot

pytestmark = pytest.mark.browser

program, approved = decrees.program, decrees.approved


@pytest.fixture
def billed(program, approved, users):
    """The final decree's four recipients with memberships from January; January and February billed and unpaid,
    so every one is two months in arrears."""
    decree = decree_draft(program=program, actor=users["verifikator"])
    decree = decree_finalize(decree=decree, number="400.7/12/KEP/2026", signed_on=decrees.today(),
                             scan=decrees.scan(), actor=users["pejabat"])  # fmt: skip
    rows = decree.recipients.select_related("candidate__person", "source").order_by("row")
    found = [member(r.candidate, r.source, kpj=f"170100001{n:02d}") for n, r in enumerate(rows, start=1)]
    for month in (1, 2):
        invoices_issue(program=program, month=dt.date(2026, month, 1), actor=None)
    return found


def test_the_verifier_reports_a_death_and_drafts_its_replacement(page, live_server, login, users, approved, billed):
    gone = billed[0]
    waiting = approved.entries.filter(outcome="waiting").order_by("waiting_rank").select_related("person").first()
    login(page, live_server, "verif")
    page.goto(live_server.url + "/tagihan/pr-2026/tunggakan/")
    expect(page.get_by_test_id("count-warning_2")).to_have_text("4")
    expect(page.locator("[data-testid=level].status-warning_2")).to_have_count(4)
    page.get_by_test_id("run-check").click()
    expect(page.locator(".message.success")).to_contain_text("4")
    screenshot(page, "billing_arrears.png")

    page.get_by_test_id(f"arrears-{gone.pk}").get_by_test_id("report-end").click()
    expect(page.get_by_test_id("member")).to_contain_text(gone.person.full_name)
    page.select_option("#id_cause", "death")
    page.fill("#id_occurred_on", "2026-03-12")
    page.fill("#id_note", "Akta kematian 3503-KM-12032026-0001")
    page.get_by_test_id("end-save").click()
    expect(page.locator(".message.success")).to_contain_text("Meninggal dunia 12-03-2026 (dilaporkan oleh verif)")
    expect(page.get_by_test_id(f"arrears-{gone.pk}")).to_have_count(0)

    page.get_by_test_id("draft-replacements").click()
    expect(page.locator(".message.success")).to_contain_text("Pengganti dari daftar tunggu")
    expect(page.get_by_test_id("removed-count")).to_have_text("1")
    expect(page.get_by_test_id("added-count")).to_have_text("1")
    added = page.get_by_test_id("recipient").filter(has_text=waiting.person.full_name)
    expect(added).to_have_count(1)
    removed = page.get_by_test_id("recipient").filter(has_text=gone.person.full_name)
    expect(removed.get_by_test_id("change")).to_contain_text("Meninggal dunia 12-03-2026")
    screenshot(page, "billing_replacement.png")

    page.goto(live_server.url + "/tagihan/pr-2026/tunggakan/")
    expect(page.get_by_test_id("open-draft")).to_be_visible()


def test_the_village_operator_finds_a_paid_up_member_of_her_desa_and_reports_a_move(
    page, live_server, login, users, approved, billed
):
    """Not in arrears, so not on the list: she finds the member by name from her menu's entry."""
    mover = next(m for m in billed if m.village_id == users["operator_besuki"].region_id)
    login(page, live_server, "op.besuki")
    page.get_by_role("link", name="Lapor meninggal atau pindah").click()
    page.fill("#id_cari", mover.person.full_name[:5])
    page.get_by_test_id("member-search").get_by_role("button").click()
    page.get_by_test_id(f"report-end-{mover.kpj}").click()
    page.select_option("#id_cause", "moved_out")
    page.fill("#id_occurred_on", "2026-02-20")
    page.get_by_test_id("end-save").click()
    expect(page.locator(".message.success")).to_contain_text("Pindah")
    mover.refresh_from_db()
    assert (mover.status, mover.end) == ("ended", dt.date(2026, 2, 28))
