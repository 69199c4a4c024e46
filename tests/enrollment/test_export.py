"""The registration file: who is in it, its columns following the layout an admin keeps, NIK as text in .xlsx,
UTF-8 with BOM in .csv, participation types by payer, and an audit row for every export."""

import csv
import datetime as dt
import io

import fastexcel
import pytest

from jaring.audit.models import AuditEvent
from jaring.enrollment.models import ParticipationRule, RegistrationLayout
from jaring.enrollment.services import (
    EnrollmentError,
    agreement_save,
    registration_export,
    result_import_apply,
    result_import_stage,
)
from jaring.enrollment.vocabulary import DEFAULT_LAYOUT, DEFAULT_PARTICIPATION

from ..intake.test_workbooks import TEXT_FORMAT, Xlsx
from .conftest import accepted, amend, nik_of, rejected, results_file, signed_in


def export(program, user, fmt="csv") -> tuple[bytes, int]:
    buffer = io.BytesIO()
    count = registration_export(program=program, fmt=fmt, target=buffer, actor=user)
    return buffer.getvalue(), count


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_default_layout_is_loaded_by_the_migration_as_the_vocabulary_has_it(db):
    layout = RegistrationLayout.objects.get(regency__isnull=True)
    assert layout.columns == DEFAULT_LAYOUT
    rules = dict(ParticipationRule.objects.filter(regency__isnull=True).values_list("kind", "participation_type"))
    assert rules == DEFAULT_PARTICIPATION


def test_the_file_holds_the_columns_bpjs_collects_for_every_recipient_to_register(program, decree, candidates, users):
    data, count = export(program, users["bpjs"])
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM tells Excel the file is UTF-8
    rows = csv_rows(data)
    assert count == len(rows) == 4
    assert list(rows[0]) == [c["header"] for c in DEFAULT_LAYOUT]
    sutrisno = next(r for r in rows if r["Nama Lengkap (sesuai KTP)"] == "SUTRISNO")
    assert sutrisno["NIK"] == nik_of(candidates["SUTRISNO"])
    assert sutrisno["Tanggal Lahir"] == "12-04-1985" and sutrisno["Jenis Kelamin"] == "L"
    assert (sutrisno["RT"], sutrisno["RW"], sutrisno["Desa/Kelurahan"]) == ("001", "002", "Besuki")
    assert (sutrisno["Kecamatan"], sutrisno["Kabupaten/Kota"], sutrisno["Kode Pos"]) == (
        "Panggul",
        "Kabupaten Trenggalek",
        "66364",
    )
    assert sutrisno["Penghasilan (Rp)"] == "1000000" and sutrisno["Program"] == "JKK, JKM"
    assert (sutrisno["Jenis Kepesertaan"], sutrisno["Sumber Dana"]) == ("SD", "APBDes Besuki")
    assert sutrisno["Jenis Pekerjaan"] == "Petani"
    agus = next(r for r in rows if r["Nama Lengkap (sesuai KTP)"] == "AGUS")
    assert (agus["Jenis Kepesertaan"], agus["Sumber Dana"]) == ("SG", "APBD Trenggalek")


def test_jht_and_jp_are_named_when_the_program_includes_them(program, decree, users):
    program.include_jht = True
    program.save()
    assert csv_rows(export(program, users["bpjs"])[0])[0]["Program"] == "JKK, JKM, JHT"


def test_members_removed_recipients_and_those_awaiting_the_verifier_are_left_out(program, decree, candidates, users):
    rows = [accepted(candidates["PAIMAN"], "17010000001"), rejected(candidates["AGUS"], "NIK tidak terdaftar")]
    staged = result_import_stage(program=program, data=results_file(rows), filename="h.csv", actor=users["bpjs"])
    result_import_apply(result_import=staged, actor=users["bpjs"], today=dt.date(2025, 12, 28))
    amend(decree, removed=[candidates["WAGIYO"]])
    names = [r["Nama Lengkap (sesuai KTP)"] for r in csv_rows(export(program, users["bpjs"])[0])]
    assert names == ["SUTRISNO"]


def test_the_columns_follow_a_layout_the_admin_edited(program, decree, candidates, users):
    layout = RegistrationLayout.objects.get(regency__isnull=True)
    layout.columns = [
        {"header": "NO_IDENTITAS", "field": "nik"},
        {"header": "NAMA_LENGKAP", "field": "full_name"},
        {"header": "ALAMAT", "field": "address"},
        {"header": "KODE_SEGMEN", "field": "participation_type"},
        {"header": "NO_PKS", "field": "agreement_number"},
        {"header": "TGL_MULAI", "field": "coverage_start"},
        {"header": "KPJ", "field": "blank"},
    ]
    layout.full_clean()
    layout.save()
    agreement_save(
        program=program, number="B/7/PKS", signed_on=dt.date(2025, 12, 1), start=dt.date(2026, 1, 1),
        actor=users["verifikator"],
    )  # fmt: skip
    rows = csv_rows(export(program, users["bpjs"])[0])
    assert list(rows[0]) == ["NO_IDENTITAS", "NAMA_LENGKAP", "ALAMAT", "KODE_SEGMEN", "NO_PKS", "TGL_MULAI", "KPJ"]
    agus = next(r for r in rows if r["NAMA_LENGKAP"] == "AGUS")
    assert agus["ALAMAT"].startswith("Jl. Raya, RT/RW 001/002, Ngares") and agus["ALAMAT"].endswith("Trenggalek")
    assert (agus["KODE_SEGMEN"], agus["NO_PKS"], agus["TGL_MULAI"], agus["KPJ"]) == ("SG", "B/7/PKS", "01-01-2026", "")


def test_a_regencys_own_layout_and_participation_rule_win_over_the_defaults(program, decree, users):
    RegistrationLayout.objects.create(
        name="Trenggalek",
        regency_id="35.03",
        columns=[{"header": "N", "field": "nik"}, {"header": "M", "field": "full_name"}],
    )
    ParticipationRule.objects.create(regency_id="35.03", kind="apbd_kabupaten", participation_type="SA")
    rows = csv_rows(export(program, users["bpjs"])[0])
    assert list(rows[0]) == ["N", "M"]
    from jaring.enrollment.services import participation_types

    assert participation_types("35.03")["apbd_kabupaten"] == "SA"


def test_the_xlsx_keeps_the_nik_as_text(program, decree, candidates, users, tmp_path):
    data, count = export(program, users["bpjs"], fmt="xlsx")
    path = tmp_path / "pendaftaran.xlsx"
    path.write_bytes(data)
    frame = fastexcel.read_excel(path).load_sheet("Pendaftaran", dtypes="string").to_polars()
    assert frame.height == count == 4 and frame.columns[1] == "NIK"
    assert set(frame["NIK"]) == {nik_of(c) for c in candidates.values()}
    xlsx = Xlsx(path)
    nik = xlsx.cell("Pendaftaran", "B2")
    assert nik.get("t") == "inlineStr" and xlsx.number_format(nik.get("s")) == TEXT_FORMAT
    assert xlsx.number_format(xlsx.column_style("Pendaftaran", 2)) == TEXT_FORMAT
    income = xlsx.cell("Pendaftaran", "P2")  # Penghasilan (Rp), the 16th column: a number Excel can add up
    assert (
        income.get("t") is None
        and income.find("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v").text == "1000000"
    )


def test_every_export_is_audited_with_who_what_and_how_many(program, decree, users):
    export(program, users["verifikator"], fmt="xlsx")
    audit = AuditEvent.objects.get(action="enrollment.registration_export")
    assert audit.actor == users["verifikator"]
    assert (audit.detail["program"], audit.detail["people"], audit.detail["format"]) == ("pr-2026", 4, "xlsx")


@pytest.mark.parametrize("role", ["operator_besuki", "perencana", "pejabat", "pemantau"])
def test_only_verifiers_and_bpjs_officers_export(program, decree, users, role):
    with pytest.raises(EnrollmentError, match="tidak berwenang"):
        export(program, users[role])


# --- the layout in the admin ----------------------------------------------------------------------------------------


def test_an_unknown_field_in_a_layout_is_refused_in_bahasa_indonesia_naming_it(db):
    layout = RegistrationLayout(
        name="Baru", columns=[{"header": "NIK", "field": "nik"}, {"header": "X", "field": "npwp"}]
    )
    with pytest.raises(Exception) as refused:
        layout.full_clean()
    text = " ".join(refused.value.messages)
    assert "Kolom ke-2: isian 'npwp' tidak dikenal" in text
    assert "Tata letak harus memuat kolom Nama lengkap sesuai KTP" in text


def test_the_admin_edits_a_layout_with_an_audit_row_and_refuses_an_unknown_field(client, users):
    client.force_login(users["admin"])
    layout = RegistrationLayout.objects.get(regency__isnull=True)
    url = f"/admin/enrollment/registrationlayout/{layout.pk}/change/"
    assert client.get(url).status_code == 200
    bad = '[{"header": "NIK", "field": "nik"}, {"header": "Nama", "field": "nama"}]'
    page = client.post(url, {"name": layout.name, "regency": "", "columns": bad}).content.decode()
    assert "isian &#x27;nama&#x27; tidak dikenal" in page or "isian 'nama' tidak dikenal" in page
    good = '[{"header": "NIK", "field": "nik"}, {"header": "Nama", "field": "full_name"}]'
    response = client.post(url, {"name": layout.name, "regency": "", "columns": good})
    assert response.status_code == 302
    layout.refresh_from_db()
    assert [c["header"] for c in layout.columns] == ["NIK", "Nama"]
    audit = AuditEvent.objects.get(action="enrollment.registrationlayout_changed")
    assert audit.actor == users["admin"] and audit.detail["columns"] == layout.columns


def test_the_export_view_sends_the_file(client, program, decree, users):
    signed_in(client, users["bpjs"])
    response = client.get("/bpjs/pr-2026/unduh.csv")
    assert response.status_code == 200 and "pendaftaran-bpjs-pr-2026" in response["Content-Disposition"]
    assert len(csv_rows(b"".join(response.streaming_content))) == 4
    assert client.get("/bpjs/pr-2026/unduh.pdf").status_code == 404
