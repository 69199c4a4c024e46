"""Two-phase intake through the services: check everything first, write only on confirmation, never twice."""

import pytest

from jaring.intake.lifecycle import BatchStatus
from jaring.intake.models import Candidate, ImportRow, RowStatus, Source
from jaring.intake.services import batch_cancel, batch_check, batch_commit, batch_upload
from jaring.people.models import Person
from jaring.programs.models import Program
from jaring.regions.models import Region

from ..conftest import BESUKI

HEADER = "No;NIK;Nama Lengkap;Tempat, Tgl Lahir;L/P;Alamat;RT/RW;Desa;Pekerjaan;Kelompok\n"
GOOD = [
    "1;3503011204850001;  sutrisno  ;TRENGGALEK, 12-04-1985;L;DSN. KRAJAN;1/2;Besuki;Petani Tembakau;\n",
    # NIK says 12 April, the form 13 April: a warning the operator may accept.
    "2;3503015204850002;SRI WAHYUNI;Trenggalek, 13 April 1985;P;DSN. KRAJAN;001/002;Besuki;Buruh Tani;Janda\n",
]
BAD = [
    "3;350301120485;SLAMET;TRENGGALEK, 03-01-1958;L;DSN. KRAJAN;1/2;Besuki;Petani;\n",  # NIK too short
    "4;3503011204850001;SUTRISNO;TRENGGALEK, 12-04-1985;L;DSN. KRAJAN;1/2;Besuki;Petani;\n",  # same NIK again
    "5;3503014101900003;TUMINI;TRENGGALEK, 01-01-1990;P;DSN. BARU;1/1;Terbis;Pedagang;\n",  # another village
]


@pytest.fixture
def program(trenggalek):
    return Program.objects.create(
        code="pr-2026", name="Bantuan iuran pekerja rentan", year=2026, regency_id="35.03", category="pekerja_rentan"
    )


def upload(program, user, text: str, name="usulan.csv", region=BESUKI):
    return batch_upload(
        program=program,
        region=Region.objects.get(code=region),
        data=text.encode(),
        filename=name,
        source=Source.USULAN,
        source_date=None,
        actor=user,
    )


def test_phase_one_checks_every_row_and_leaves_the_registry_alone(program, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    batch = batch_check(upload(program, users["operator_besuki"], HEADER + "".join(GOOD + BAD)).pk)
    assert batch.status == BatchStatus.CHECKED
    statuses = dict(ImportRow.objects.filter(batch=batch).values_list("row_number", "status"))
    assert statuses == {2: "ok", 3: "warning", 4: "error", 5: "error", 6: "error"}
    assert Person.objects.count() == 0 and Candidate.objects.count() == 0
    assert batch.counts["ok"] == 1 and batch.counts["error"] == 3


def test_phase_two_writes_valid_rows_and_accepted_warnings_once(program, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    operator = users["operator_besuki"]
    batch = batch_check(upload(program, operator, HEADER + "".join(GOOD + BAD)).pk)
    result = batch_commit(batch=batch, accept_warnings=True, actor=operator)
    assert result["candidates"] == 2
    sutrisno = Person.objects.get(nik="3503011204850001")
    assert sutrisno.full_name == "SUTRISNO" and sutrisno.rt == "001" and sutrisno.village_id == BESUKI
    assert set(Candidate.objects.values_list("person__nik", flat=True)) == {"3503011204850001", "3503015204850002"}

    again = batch_check(upload(program, operator, HEADER + "".join(GOOD)).pk)
    assert set(again.rows.values_list("status", flat=True)) == {RowStatus.EXISTING}
    assert batch_commit(batch=again, accept_warnings=True, actor=operator)["candidates"] == 0
    assert Candidate.objects.count() == 2 and Person.objects.count() == 2


def test_warnings_not_accepted_are_not_written(program, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    operator = users["operator_besuki"]
    batch = batch_check(upload(program, operator, HEADER + "".join(GOOD)).pk)
    assert batch_commit(batch=batch, accept_warnings=False, actor=operator)["candidates"] == 1


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_message(program, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    batch = batch_upload(
        program=program,
        region=Region.objects.get(code=BESUKI),
        data=b"%PDF-1.7\n...",
        filename="usulan.xlsx",
        source=Source.USULAN,
        source_date=None,
        actor=users["operator_besuki"],
    )
    batch = batch_check(batch.pk)
    assert batch.status == BatchStatus.REFUSED and "bukan Excel atau CSV" in batch.message
    assert not batch.rows.exists()


def test_a_checked_batch_can_be_cancelled_and_then_not_committed(program, users, settings, tmp_path):
    from jaring.intake.lifecycle import TransitionRefused

    settings.MEDIA_ROOT = tmp_path
    operator = users["operator_besuki"]
    batch = batch_check(upload(program, operator, HEADER + "".join(GOOD)).pk)
    batch_cancel(batch=batch, actor=operator)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    with pytest.raises(TransitionRefused):
        batch_commit(batch=batch, accept_warnings=True, actor=operator)
    assert Candidate.objects.count() == 0


def test_intake_command_reports_without_writing_unless_wet_run(program, users, settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    csv_file = tmp_path / "usulan-besuki.csv"
    csv_file.write_text(HEADER + "".join(GOOD + BAD), encoding="utf-8")
    out = StringIO()
    call_command("intake", str(csv_file), program="pr-2026", village=BESUKI, stdout=out)
    assert "5 baris" in out.getvalue() and "3 galat" in out.getvalue() and "Uji coba saja" in out.getvalue()
    assert Candidate.objects.count() == 0 and Person.objects.count() == 0
    call_command(
        "intake", str(csv_file), program="pr-2026", village=BESUKI, wet_run=True, accept_warnings=True, stdout=out
    )
    assert Candidate.objects.count() == 2


def test_intake_command_refuses_a_renamed_executable(program, settings, tmp_path):
    from django.core.management import CommandError, call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    exe = tmp_path / "usulan.xlsx"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(CommandError, match="ditolak"):
        call_command("intake", str(exe), program="pr-2026")


def test_template_rows_holding_only_the_prefilled_village_are_not_proposals(program, users, settings, tmp_path):
    import io

    import xlsxwriter

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False})
    sheet = book.add_worksheet("Usulan")
    sheet.write_row(
        0, 0, ["No", "NIK", "Nama Lengkap (sesuai KTP)", "Tanggal Lahir", "Jenis Kelamin", "Desa/Kelurahan"]
    )
    sheet.write_row(1, 0, ["1", "3503011204850001", "SUTRISNO", "12-04-1985", "Laki-laki", "Besuki"])
    for row in range(2, 40):
        sheet.write_string(row, 5, "Besuki")
    book.close()
    batch = batch_upload(
        program=program,
        region=Region.objects.get(code=BESUKI),
        data=buffer.getvalue(),
        filename="template-besuki.xlsx",
        source=Source.USULAN,
        source_date=None,
        actor=users["operator_besuki"],
    )
    batch = batch_check(batch.pk)
    assert batch.rows_total == 1
    assert list(batch.rows.values_list("row_number", "status")) == [(2, "ok")]


def test_a_large_file_checked_in_several_processes_gives_the_same_result(program, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    operator = users["operator_besuki"]
    text = HEADER + "".join(GOOD + BAD)
    alone = batch_check(upload(program, operator, text).pk)
    settings.INTAKE_PARALLEL_FROM_ROWS, settings.INTAKE_CHECK_PROCESSES = 1, 2
    shared = batch_check(upload(program, operator, text, name="lagi.csv").pk)
    assert shared.counts == alone.counts
    assert list(shared.rows.values_list("row_number", "status", "issues")) == list(
        alone.rows.values_list("row_number", "status", "issues")
    )


@pytest.mark.parametrize(("as_number", "status"), [(True, "warning"), (False, "ok")], ids=["number", "text"])
def test_nik_typed_as_a_number_in_excel_is_flagged_for_checking_against_the_ktp(
    as_number, status, program, users, settings, tmp_path
):
    import io

    import xlsxwriter

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False})
    sheet = book.add_worksheet("Usulan")
    sheet.write_row(0, 0, ["NIK", "Nama Lengkap", "Tanggal Lahir", "Jenis Kelamin", "Desa"])
    sheet.write_row(1, 1, ["SUTRISNO", "12-04-1985", "L", "Besuki"])
    if as_number:
        sheet.write_number(1, 0, 3503011204850010)  # as Excel keeps 3503011204850017 typed as a number
    else:
        sheet.write_string(1, 0, "3503011204850010")
    book.close()
    batch = batch_upload(
        program=program,
        region=Region.objects.get(code=BESUKI),
        data=buffer.getvalue(),
        filename="usulan.xlsx",
        source=Source.USULAN,
        source_date=None,
        actor=users["operator_besuki"],
    )
    row = batch_check(batch.pk).rows.get()
    assert (row.status, row.cleaned["nik"]) == (status, "3503011204850010")
    assert [issue["code"] for issue in row.issues] == (["excel_last_digit"] if as_number else [])
