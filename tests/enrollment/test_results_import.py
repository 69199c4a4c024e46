"""BPJS's results file in two phases: every bad input named with its row, nothing applied before confirmation
or partly; accepted rows become memberships starting on the PKS's date, rejected ones go back to the verifier."""

import datetime as dt

import pytest

from jaring.audit.models import AuditEvent
from jaring.enrollment.lifecycle import MembershipStatus, ResultImportStatus
from jaring.enrollment.models import Membership, MembershipEvent
from jaring.enrollment.services import (
    EnrollmentError,
    agreement_save,
    result_import_apply,
    result_import_cancel,
    result_import_stage,
    results_check,
)
from jaring.people.models import Coverage
from jaring.verification.lifecycle import Decision

from ..conftest import make_person
from ..verification.conftest import resident, result_of, verify
from .conftest import accepted, amend, nik_of, rejected, results_file, source_of

KPJ = ["17010000001", "17010000002", "17010000003", "17010000004"]
BEFORE_START = dt.date(2025, 12, 28)


def stage(program, rows, users, **kwargs):
    return result_import_stage(
        program=program, data=results_file(rows, **kwargs), filename="hasil.csv", actor=users["bpjs"]
    )


def errors_of(report_or_import, row: int) -> list[str]:
    rows = report_or_import.rows
    found = next(r for r in rows if (r["row"] if isinstance(r, dict) else r.row) == row)
    messages = found["messages"] if isinstance(found, dict) else found.messages
    return [m["text"] for m in messages if m["severity"] == "error"]


def check(program, rows, **kwargs):
    return results_check(program=program, data=results_file(rows, **kwargs), filename="hasil.csv")


def test_nothing_is_written_before_confirmation(program, decree, candidates, users):
    staged = stage(program, [accepted(candidates["PAIMAN"], KPJ[0]), rejected(candidates["AGUS"], "NIK salah")], users)
    assert staged.status == ResultImportStatus.CHECKED and staged.counts["membership"] == 1
    assert staged.counts["to_verifier"] == 1 and staged.errors == 0
    assert not Membership.objects.exists()
    assert result_of(candidates["AGUS"]).decision == Decision.PENDING
    assert "bpjs_rejected" not in str(result_of(candidates["AGUS"]).reasons)


def test_confirmation_creates_pending_memberships_from_the_decree_rows_starting_on_the_pks(
    program, decree, candidates, users
):
    agreement_save(
        program=program,
        number="B/12/PKS/2025",
        signed_on=dt.date(2025, 12, 15),
        start=dt.date(2026, 1, 1),
        actor=users["bpjs"],
    )
    staged = stage(program, [accepted(candidates["SUTRISNO"], KPJ[0]), accepted(candidates["PAIMAN"], KPJ[1])], users)
    assert any("sesuai PKS" in n for n in staged.notices)
    applied = result_import_apply(result_import=staged, actor=users["bpjs"], today=BEFORE_START)
    assert (applied.memberships, applied.activated) == (2, 0)
    sutrisno = Membership.objects.get(person=candidates["SUTRISNO"].person)
    assert (sutrisno.kpj, sutrisno.status, sutrisno.start) == (KPJ[0], MembershipStatus.PENDING, dt.date(2026, 1, 1))
    assert sutrisno.source == source_of(program, "apbdes") and sutrisno.participation_type == "SD"
    assert sutrisno.decree == decree and sutrisno.village_id == candidates["SUTRISNO"].village_id
    paiman = Membership.objects.get(person=candidates["PAIMAN"].person)
    assert paiman.participation_type == "SG"
    event = MembershipEvent.objects.get(membership=paiman)
    assert (event.from_status, event.to_status, event.actor) == ("", "pending", users["bpjs"])
    staged.refresh_from_db()
    assert staged.status == ResultImportStatus.APPLIED and staged.applied_by == users["bpjs"]
    assert AuditEvent.objects.filter(action="enrollment.results_apply", object_id=str(staged.pk)).exists()
    created = AuditEvent.objects.get(action="enrollment.membership_pending", object_id=str(paiman.pk))
    assert created.detail["kpj"] == KPJ[1] and created.actor == users["bpjs"]


def test_without_a_pks_memberships_start_on_the_programs_first_day_and_the_report_says_so(
    program, decree, candidates, users
):
    program.start_month = 3
    program.save()
    report = check(program, [accepted(candidates["PAIMAN"], KPJ[0])])
    assert report.rows[0].start == "2026-03-01"
    assert any("belum punya PKS" in n and "01-03-2026" in n for n in report.notices)


def test_a_start_date_in_the_file_is_bpjss_own_and_wins(program, decree, candidates, users):
    header = ("NIK", "Nama", "KPJ", "Status", "Keterangan", "TMT Kepesertaan")
    report = check(program, [(*accepted(candidates["PAIMAN"], KPJ[0]), "15-01-2026")], header=header)
    assert report.rows[0].start == "2026-01-15" and report.rows[0].start_basis == "file"


def test_memberships_whose_start_has_come_are_activated_by_the_import(program, decree, candidates, users):
    staged = stage(program, [accepted(candidates["PAIMAN"], KPJ[0])], users)
    applied = result_import_apply(result_import=staged, actor=users["bpjs"], today=dt.date(2026, 1, 5))
    membership = Membership.objects.get()
    assert applied.activated == 1 and membership.status == MembershipStatus.ACTIVE
    assert list(membership.events.values_list("to_status", flat=True)) == ["pending", "active"]


def test_a_rejection_sends_the_recipient_back_to_the_verifier_with_bpjss_reason(program, decree, candidates, users):
    staged = stage(program, [rejected(candidates["AGUS"], "NIK tidak terdaftar di Dukcapil")], users)
    result_import_apply(result_import=staged, actor=users["bpjs"], today=BEFORE_START)
    result = result_of(candidates["AGUS"])
    assert result.decision == Decision.PENDING
    assert {"code": "bpjs_rejected", "field": "bpjs", "ours": "NIK tidak terdaftar di Dukcapil", "registry": ""} in (
        result.reasons
    )
    assert result.note == "Ditolak BPJS Ketenagakerjaan: NIK tidak terdaftar di Dukcapil"
    assert AuditEvent.objects.filter(action="verification.bpjs_rejected", object_id=str(result.pk)).exists()
    assert not Membership.objects.exists()


# --- bad input: each names the file's row, and the whole file stays unapplied -------------------------------------


def test_an_unknown_nik_is_an_error(program, decree, candidates, trenggalek):
    stranger = make_person("35.03.01.2001", "ORANG LAIN")
    report = check(program, [accepted(candidates["PAIMAN"], KPJ[0]), (stranger.nik, "ORANG LAIN", KPJ[1], "DITERIMA")])
    assert report.errors == 1
    assert errors_of(report, 3) == [f"NIK {stranger.nik} bukan penerima program ini menurut SK terakhir."]


def test_a_nik_twice_in_the_file_is_an_error_on_both_rows(program, decree, candidates):
    paiman = candidates["PAIMAN"]
    report = check(program, [accepted(paiman, KPJ[0]), accepted(paiman, KPJ[1])])
    assert errors_of(report, 2) == [f"NIK {nik_of(paiman)} juga ada di baris 3."]
    assert errors_of(report, 3) == [f"NIK {nik_of(paiman)} juga ada di baris 2."]


def test_a_kpj_twice_in_the_file_is_an_error(program, decree, candidates):
    report = check(program, [accepted(candidates["PAIMAN"], KPJ[0]), accepted(candidates["WAGIYO"], KPJ[0])])
    assert errors_of(report, 2) == [f"KPJ {KPJ[0]} juga ada di baris 3."]


@pytest.mark.parametrize("held_by", ["coverage", "membership"])
def test_a_kpj_another_person_holds_is_an_error(program, decree, candidates, users, held_by):
    if held_by == "coverage":
        other = make_person("35.03.01.2001", "PEMILIK KPJ")
        Coverage.objects.create(person=other, payer="mandiri", segment="bpu", kpj=KPJ[0], start=dt.date(2024, 1, 1))
    else:
        staged = stage(program, [accepted(candidates["WAGIYO"], KPJ[0])], users)
        result_import_apply(result_import=staged, actor=users["bpjs"], today=BEFORE_START)
    report = check(program, [accepted(candidates["PAIMAN"], KPJ[0])])
    assert errors_of(report, 2) == [f"KPJ {KPJ[0]} sudah tercatat di Jaring untuk orang lain."]


@pytest.mark.parametrize("typed", ["1701000001", "170100000011", "1701000000X"])
def test_a_kpj_not_of_eleven_digits_is_an_error(program, decree, candidates, typed):
    report = check(program, [accepted(candidates["PAIMAN"], typed)])
    assert errors_of(report, 2) == [f"KPJ harus 11 digit angka; tertulis '{typed}'."]


def test_an_unknown_status_is_an_error(program, decree, candidates):
    row = (nik_of(candidates["PAIMAN"]), "PAIMAN", KPJ[0], "DIPROSES", "")
    report = check(program, [row])
    assert errors_of(report, 2) == ["Status 'DIPROSES' tidak dikenal; tulis DITERIMA atau DITOLAK."]


def test_a_file_already_imported_is_refused(program, decree, candidates, users):
    rows = [accepted(candidates["PAIMAN"], KPJ[0])]
    result_import_apply(result_import=stage(program, rows, users), actor=users["bpjs"], today=BEFORE_START)
    with pytest.raises(EnrollmentError, match="sudah pernah diimpor"):
        stage(program, rows, users)


def test_a_different_kpj_for_someone_already_a_member_is_an_error(program, decree, candidates, users):
    paiman = candidates["PAIMAN"]
    result_import_apply(
        result_import=stage(program, [accepted(paiman, KPJ[0])], users), actor=users["bpjs"], today=BEFORE_START
    )
    report = check(program, [accepted(paiman, KPJ[1])])
    assert errors_of(report, 2) == [f"PAIMAN sudah terdaftar dengan KPJ {KPJ[0]}; berkas ini menyebut KPJ {KPJ[1]}."]
    again = check(program, [accepted(paiman, KPJ[0]), accepted(candidates["WAGIYO"], KPJ[2])])
    assert again.errors == 0 and again.counts["unchanged"] == 1 and again.counts["membership"] == 1


def test_one_bad_row_keeps_the_whole_file_unapplied(program, decree, candidates, users):
    rows = [accepted(candidates["PAIMAN"], KPJ[0]), accepted(candidates["WAGIYO"], "123")]
    staged = stage(program, rows, users)
    assert staged.errors == 1
    with pytest.raises(EnrollmentError, match="1 baris masih bermasalah"):
        result_import_apply(result_import=staged, actor=users["bpjs"])
    assert not Membership.objects.exists()
    staged.refresh_from_db()
    assert staged.status == ResultImportStatus.CHECKED


def test_confirmation_checks_again_against_todays_data(program, decree, candidates, users):
    first = stage(program, [accepted(candidates["PAIMAN"], KPJ[0])], users)
    second = stage(program, [accepted(candidates["PAIMAN"], KPJ[1])], users)
    result_import_apply(result_import=first, actor=users["bpjs"], today=BEFORE_START)
    with pytest.raises(EnrollmentError, match="bermasalah"):
        result_import_apply(result_import=second, actor=users["bpjs"], today=BEFORE_START)
    second.refresh_from_db()
    assert second.errors == 1 and Membership.objects.get().kpj == KPJ[0]


def test_an_applied_or_cancelled_file_cannot_be_applied_again(program, decree, candidates, users):
    staged = stage(program, [accepted(candidates["PAIMAN"], KPJ[0])], users)
    result_import_apply(result_import=staged, actor=users["bpjs"], today=BEFORE_START)
    with pytest.raises(EnrollmentError, match="sudah diterapkan"):
        result_import_apply(result_import=staged, actor=users["bpjs"], today=BEFORE_START)
    other = stage(program, [accepted(candidates["WAGIYO"], KPJ[1])], users)
    result_import_cancel(result_import=other, actor=users["verifikator"])
    with pytest.raises(EnrollmentError, match="sudah dibatalkan"):
        result_import_apply(result_import=other, actor=users["bpjs"], today=BEFORE_START)


def test_headers_are_matched_forgivingly_and_numbers_cleaned(program, decree, candidates):
    header = ("No.", "NO KTP", "NAMA TENAGA KERJA", "NOMOR PESERTA", "Status Pendaftaran", "Alasan Penolakan")
    rows = [
        ("1", nik_of(candidates["PAIMAN"]), "Paiman", "170.100.000.01", "Diterima/Aktif", ""),
        ("2", nik_of(candidates["AGUS"]), "AGUS", "", "Tidak Valid", "Peserta sudah terdaftar di segmen PU"),
    ]
    report = check(program, rows, header=header)
    assert report.errors == 0, [r.messages for r in report.rows]
    assert report.rows[0].kpj == "17010000001" and report.rows[1].outcome == "to_verifier"
    assert report.columns["kpj"] == "NOMOR PESERTA"


def test_a_file_without_a_nik_column_is_refused(program, decree, candidates):
    with pytest.raises(EnrollmentError, match="Kolom NIK tidak ditemukan"):
        check(program, [("PAIMAN", KPJ[0], "DITERIMA")], header=("Nama", "KPJ", "Status"))


def test_nobody_to_register_before_a_final_decree(program, candidates, users):
    with pytest.raises(EnrollmentError, match="belum punya SK final"):
        stage(program, [accepted(candidates["PAIMAN"], KPJ[0])], users)


def test_roles_that_do_not_register_cannot_stage_a_file(program, decree, candidates, users):
    with pytest.raises(EnrollmentError, match="tidak berwenang"):
        result_import_stage(
            program=program,
            data=results_file([accepted(candidates["PAIMAN"], KPJ[0])]),
            filename="hasil.csv",
            actor=users["perencana"],
        )


def test_a_second_decree_replaces_whom_the_file_may_name(program, decree, candidates, users):
    """The latest final decree decides who is a recipient (removed rows are not)."""
    amend(decree, removed=[candidates["WAGIYO"]])
    report = check(program, [accepted(candidates["WAGIYO"], KPJ[0])])
    nik = nik_of(candidates["WAGIYO"])
    assert errors_of(report, 2) == [f"NIK {nik} bukan penerima program ini menurut SK terakhir."]


def test_a_replacement_starts_in_the_month_its_sk_perubahan_takes_effect_not_on_the_pks(
    program, decree, candidates, users
):
    """The person replaced was covered until the month before: the replacement's cover starts then, not in
    January with the PKS (no month paid twice)."""
    agreement_save(program=program, number="B/12/PKS/2025", signed_on=dt.date(2025, 12, 15),
                   start=dt.date(2026, 1, 1), actor=users["bpjs"])  # fmt: skip
    substitute = resident(program, "SUPARMI")
    verify(program)
    apbd = source_of(program, "apbd_kabupaten")
    amend(decree, removed=[candidates["WAGIYO"]], added=[(substitute, apbd)], effective_from=dt.date(2026, 4, 1))
    staged = stage(program, [accepted(substitute, KPJ[2]), accepted(candidates["PAIMAN"], KPJ[1])], users)
    assert any("pengganti mulai 01-04-2026" in n for n in staged.notices)
    result_import_apply(result_import=staged, actor=users["bpjs"], today=BEFORE_START)
    starts = dict(Membership.objects.values_list("person__full_name", "start"))
    assert starts == {"SUPARMI": dt.date(2026, 4, 1), "PAIMAN": dt.date(2026, 1, 1)}
