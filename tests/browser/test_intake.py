"""Intake in a real browser: the village operator's upload and form, the verifier's return, the background
worker's progress bar and cancel."""

import io

import fastexcel
import pytest
import xlsxwriter
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

from jaring.intake.models import Candidate, ImportBatch
from jaring.intake.workbooks import TEMPLATE_HEADERS
from jaring.programs.models import Program

from ..conftest import BESUKI
from .test_pages import screenshot

pytestmark = pytest.mark.browser

#: Rows typed into the official template: one clean, one with a warning, three with errors.
TEMPLATE_ROWS = [
    ["1", "3503011204850001", "3503010101090001", "sutrisno", "Trenggalek", "12-04-1985", "Laki-laki",
     "Dsn. Krajan", "001", "002", "Besuki", "081234567890", "Petani", "", ""],
    ["2", "3503015204850002", "3503010101090001", "SRI WAHYUNI", "Trenggalek", "13-04-1985", "Perempuan",
     "Dsn. Krajan", "001", "002", "Besuki", "", "Buruh tani", "Orang tua tunggal", "NIK 12 April"],
    ["3", "3,50301E+15", "", "SLAMET", "Trenggalek", "03-01-1958", "Laki-laki",
     "Dsn. Krajan", "003", "001", "Besuki", "", "Petani", "Lansia", ""],
    ["4", "3503011204850001", "", "SUTRISNO", "Trenggalek", "12-04-1985", "Laki-laki",
     "Dsn. Krajan", "001", "002", "Besuki", "", "Petani", "", ""],
    ["5", "3503014101900003", "", "TUMINI", "Trenggalek", "01-01-1990", "Perempuan",
     "Dsn. Baru", "001", "001", "Desa Antah", "", "Pedagang", "", ""],
]  # fmt: skip


def filled_template(rows) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Usulan")
    sheet.write_row(0, 0, TEMPLATE_HEADERS)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    book.close()
    return buffer.getvalue()


@pytest.fixture
def program(trenggalek, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def open_intake(page):
    page.locator('header nav a[href="/usulan/"]').click()
    expect(page.locator("h1")).to_have_text("Usulan calon peserta")


def upload(page, name: str, data: bytes, mime: str):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.get_by_role("button", name="Unggah dan periksa").click()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_operator_downloads_the_template_uploads_it_filled_reads_the_report_and_saves(
    page, live_server, login, users, program
):
    login(page, live_server, "op.besuki")
    open_intake(page)

    with page.expect_download() as info:
        page.get_by_test_id("template-download").click()
    template = fastexcel.read_excel(info.value.path()).load_sheet("Usulan", dtypes="string").to_polars()
    assert template.columns == list(TEMPLATE_HEADERS)
    assert set(template["Desa/Kelurahan"].drop_nulls()) == {"Besuki"}

    upload(page, "usulan-besuki.xlsx", filled_template(TEMPLATE_ROWS), XLSX)
    expect(page.get_by_test_id("batch-status")).to_have_text("Sudah diperiksa, menunggu konfirmasi")
    expect(page.get_by_test_id("count-ok")).to_have_text("1")
    expect(page.get_by_test_id("count-warning")).to_have_text("1")
    expect(page.get_by_test_id("count-error")).to_have_text("3")
    problems = page.get_by_test_id("problems")
    expect(problems).to_contain_text("Desa Antah")
    expect(problems.locator("tbody tr")).to_have_count(4)
    screenshot(page, "intake_batch.png")

    with page.expect_download() as info:
        page.get_by_test_id("report").click()
    rows = fastexcel.read_excel(info.value.path()).load_sheet("Usulan", dtypes="string").to_polars()
    notes = dict(zip(rows["Baris"], rows["Keterangan masalah"].fill_null(""), strict=True))
    assert notes["2"] == "" and "E+15" in notes["4"] and "Desa Antah" in notes["6"]

    page.get_by_test_id("accept-warnings").check()
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("committed")).to_contain_text("Tersimpan: 2 usulan baru")
    page.get_by_role("link", name="Lihat usulan").click()
    table = page.get_by_test_id("candidates")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("SUTRISNO")
    expect(table).to_contain_text("SRI WAHYUNI")


def test_operator_corrects_a_column_the_app_could_not_guess(page, live_server, login, users, program):
    login(page, live_server, "op.besuki")
    open_intake(page)
    text = "No;Identitas;Nama;Tgl Lahir;JK;Desa\n1;3503011204850001;SUTRISNO;12-04-1985;L;Besuki\n"
    upload(page, "desa.csv", text.encode(), "text/csv")
    expect(page.get_by_test_id("count-error")).to_have_text("1")

    mapping = page.get_by_test_id("mapping")
    expect(mapping).to_have_attribute("open", "")  # every row failed: the mapping is the first suspect
    mapping.get_by_label("Identitas").select_option("nik")
    mapping.get_by_role("button", name="Simpan pemetaan dan periksa ulang").click()
    expect(page.get_by_test_id("count-ok")).to_have_text("1")
    expect(page.get_by_test_id("count-error")).to_have_text("0")

    # The next file of the same shape is read with the corrected mapping straight away.
    open_intake(page)
    upload(page, "desa-lagi.csv", text.replace("SUTRISNO", "SUTRISNA").encode(), "text/csv")
    expect(page.get_by_test_id("count-existing")).to_have_text("0")
    expect(page.get_by_test_id("count-ok")).to_have_text("1")


def test_a_renamed_program_file_is_refused_with_a_reason(page, live_server, login, users, program):
    login(page, live_server, "op.besuki")
    open_intake(page)
    upload(page, "usulan.xlsx", b"MZ\x90\x00\x03" + bytes(300), XLSX)
    expect(page.get_by_test_id("batch-status")).to_have_text("Berkas ditolak")
    expect(page.get_by_test_id("batch-message")).to_contain_text("bukan Excel atau CSV")


def test_operator_proposes_one_person_with_live_checks(page, live_server, login, users, program):
    login(page, live_server, "op.besuki")
    open_intake(page)
    page.get_by_role("link", name="Usulkan satu orang").click()

    page.locator("#id_nik").press_sequentially("350301520485", delay=10)
    expect(page.get_by_test_id("check-nik")).to_contain_text("16")
    page.locator("#id_nik").fill("3503015204850002")
    page.locator("#id_nik").dispatch_event("input")
    expect(page.get_by_test_id("check-nik")).to_have_text("")

    page.locator("#id_full_name").fill("sri  wahyuni")
    page.locator("#id_birth_date").fill("13/04/1985")  # the NIK says the 12th
    page.select_option("#id_sex", "P")
    page.select_option("#id_occupation", "buruh_tani")
    expect(page.get_by_test_id("check-birth_date")).to_contain_text("NIK")

    page.get_by_role("button", name="Simpan usulan").click()
    expect(page.locator(".message.error")).to_contain_text("peringatan")
    page.locator("#id_accept_warnings").check()
    page.get_by_role("button", name="Simpan usulan").click()
    expect(page.locator(".message.success")).to_contain_text("SRI WAHYUNI")
    assert Candidate.objects.get().person.village_id == BESUKI


def test_verifier_returns_a_proposal_and_the_village_corrects_it(page, live_server, login, users, program):
    from jaring.intake.services import candidate_propose
    from jaring.regions.models import Region

    candidate_propose(
        program=program,
        region=Region.objects.get(code=BESUKI),
        raw={"nik": "3503011204850001", "full_name": "SUTRISNO", "birth_date": "12-04-1985", "sex": "L",
             "village": BESUKI, "occupation": "petani"},
        accept_warnings=False,
        actor=users["operator_besuki"],
    )  # fmt: skip
    login(page, live_server, "verif")
    page.locator('header nav a[href="/usulan/calon/"]').click()
    row = page.get_by_test_id(f"candidate-{Candidate.objects.get().pk}")
    row.get_by_role("textbox").fill("Nama berbeda dengan KK: SUTRISNO HADI")
    row.get_by_role("button", name="Kembalikan ke desa").click()
    expect(page.locator(".message.success")).to_contain_text("Dikembalikan ke desa")
    page.get_by_role("button", name="Keluar").click()

    login(page, live_server, "op.besuki")
    open_intake(page)
    page.get_by_test_id("returned-note").get_by_role("link").click()
    page.get_by_role("link", name="Perbaiki").click()
    expect(page.get_by_test_id("return-message")).to_contain_text("SUTRISNO HADI")
    page.locator("#id_full_name").fill("SUTRISNO HADI")
    page.get_by_role("button", name="Simpan perbaikan dan kirim ulang").click()
    expect(page.locator(".message.success")).to_contain_text("dikirim ulang")
    candidate = Candidate.objects.select_related("person").get()
    assert candidate.status == "resubmitted" and candidate.person.full_name == "SUTRISNO HADI"


def letters(n: int) -> str:
    """AAA, BAA, …: a distinct name per row without digits (a name with digits earns a warning)."""
    return "".join(chr(65 + (n // 26**k) % 26) for k in range(3))


def run_worker():
    """The django-tasks database worker, as `jaring db_worker` runs it beside the demo server."""
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.2", verbosity=0)
    finally:
        connection.close()


def test_background_check_shows_progress_can_be_left_and_cancelled(page, live_server, login, users, program, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    login(page, live_server, "op.besuki")
    open_intake(page)
    rows = [[str(n), f"350301120485{n:04d}", "", f"WARGA {letters(n)}", "Trenggalek", "12-04-1985", "Laki-laki",
             "Krajan", "001", "002", "Besuki", "", "Petani", "", ""] for n in range(1, 1501)]  # fmt: skip
    upload(page, "banyak.xlsx", filled_template(rows), XLSX)
    expect(page.get_by_test_id("progress")).to_contain_text("Menunggu giliran")

    # She may leave and come back: the batch is listed with its status, and its page still polls.
    open_intake(page)
    page.get_by_test_id("batches").get_by_role("link", name="banyak.xlsx").click()
    expect(page.get_by_test_id("progress")).to_be_visible()

    run_worker()
    # The page polls every second and reloads itself with the report once the check is done.
    expect(page.get_by_test_id("count-ok")).to_have_text("1500", timeout=15_000)

    open_intake(page)
    upload(page, "batal.xlsx", filled_template(rows[:10]), XLSX)
    page.get_by_test_id("cancel").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("Dibatalkan")
    run_worker()  # the queued check finds the batch cancelled and leaves it so
    assert ImportBatch.objects.get(filename="batal.xlsx").status == "cancelled"
    assert ImportBatch.objects.get(filename="banyak.xlsx").rows.count() == 1500
