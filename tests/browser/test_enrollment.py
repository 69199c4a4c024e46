"""BPJS registration in a real browser: the BPJS officer records the PKS, downloads the registration file,
uploads BPJS's answer, reads the report, confirms, and finds the memberships with their KPJs, active or pending.

Assertions rest on data (counts, KPJs, NIKs, URLs): the new labels show in English until they are translated."""

import csv
import io
import re

import fastexcel
import pytest
from playwright.sync_api import expect

from jaring.programs.models import Program

from ..conftest import BESUKI, NGARES
from ..enrollment.conftest import final_decree, source_of
from ..verification.conftest import resident, verify
from .test_pages import screenshot

pytestmark = pytest.mark.browser
KPJ = {"SUTRISNO": "17010000011", "PAIMAN": "17010000012", "WAGIYO": "17010000013"}


@pytest.fixture
def program(trenggalek):
    program = Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )
    program.sources.create(kind="apbd_kabupaten", name="APBD Trenggalek", amount=10 * 201_600)
    program.sources.create(kind="apbdes", name="APBDes Besuki", amount=201_600, village_id=BESUKI)
    candidates = {name: resident(program, name) for name in ("SUTRISNO", "PAIMAN", "WAGIYO")}
    candidates["AGUS"] = resident(program, "AGUS", village=NGARES)
    verify(program)
    apbd, apbdes = source_of(program, "apbd_kabupaten"), source_of(program, "apbdes")
    rows = [(candidates["SUTRISNO"], apbdes)] + [(candidates[n], apbd) for n in ("PAIMAN", "WAGIYO", "AGUS")]
    final_decree(program, rows)
    return program


def record_pks(page, *, source: str, number: str, signed_on: str, start: str) -> None:
    page.get_by_test_id("agreement-open").click()
    if source:
        page.select_option("#id_source", label=source)
    page.fill("#id_number", number)
    page.fill("#id_signed_on", signed_on)
    page.fill("#id_start", start)
    page.get_by_test_id("agreement-save").click()
    expect(page.locator(".message.success")).to_be_visible()


def answer_for(path) -> bytes:
    """BPJS's answer to the downloaded file: three accepted with KPJs, AGUS rejected."""
    sheet = fastexcel.read_excel(path).load_sheet(0, dtypes="string").to_polars()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["NIK", "Nama", "No. KPJ", "Status", "Keterangan"])
    for nik, name in zip(sheet["NIK"], sheet["Nama Lengkap (sesuai KTP)"], strict=True):
        if name == "AGUS":
            writer.writerow([nik, name, "", "DITOLAK", "NIK tidak terdaftar di Dukcapil"])
        else:
            writer.writerow([nik, name, KPJ[name], "DITERIMA", ""])
    return out.getvalue().encode()


def test_bpjs_officer_registers_the_recipients_and_records_bpjss_answer(page, live_server, login, users, program):
    login(page, live_server, "bpjs")
    page.locator('header nav a[href="/bpjs/"]').click()
    page.locator('a[href="/bpjs/pr-2026/"]').click()
    expect(page).to_have_url(live_server.url + "/bpjs/pr-2026/")
    expect(page.get_by_test_id("count-to-register")).to_have_text("4")

    # The program's PKS starts in the past, the village's own PKS only in 2099: active and pending.
    record_pks(page, source="", number="B/1/PKS/2025", signed_on="2024-12-01", start="2025-01-01")
    record_pks(page, source="APBDes Besuki", number="B/2/PKS/DESA", signed_on="2025-01-01", start="2099-01-01")

    with page.expect_download() as info:
        page.get_by_test_id("export-xlsx").click()
    assert info.value.suggested_filename.startswith("pendaftaran-bpjs-pr-2026-")
    answer = answer_for(info.value.path())

    page.set_input_files("#id_file", files=[{"name": "hasil-bpjs.csv", "mimeType": "text/csv", "buffer": answer}])
    page.get_by_test_id("upload").click()
    expect(page).to_have_url(re.compile(r"/bpjs/pr-2026/hasil/\d+/$"))
    expect(page.get_by_test_id("report-membership")).to_have_text("3")
    expect(page.get_by_test_id("report-to_verifier")).to_have_text("1")
    expect(page.get_by_test_id("report-error")).to_have_text("0")
    expect(page.get_by_test_id("report")).to_contain_text(KPJ["PAIMAN"])
    expect(page.get_by_test_id("report")).to_contain_text("NIK tidak terdaftar di Dukcapil")
    screenshot(page, "enrollment_report.png")
    page.get_by_test_id("apply").click()

    expect(page).to_have_url(live_server.url + "/bpjs/pr-2026/")
    expect(page.locator(".message.success")).to_be_visible()
    expect(page.get_by_test_id("count-active")).to_have_text("2")
    expect(page.get_by_test_id("count-pending")).to_have_text("1")
    expect(page.get_by_test_id("count-rejected")).to_have_text("1")
    expect(page.get_by_test_id("count-to-register")).to_have_text("0")
    memberships = page.get_by_test_id("memberships")
    for kpj in KPJ.values():
        expect(memberships).to_contain_text(kpj)
    sutrisno = memberships.locator("tr", has_text=KPJ["SUTRISNO"])
    expect(sutrisno.get_by_test_id("membership-status")).to_have_class(re.compile("status-pending"))
    paiman = memberships.locator("tr", has_text=KPJ["PAIMAN"])
    expect(paiman.get_by_test_id("membership-status")).to_have_class(re.compile("status-active"))
    screenshot(page, "enrollment_memberships.png")
