"""Loading a SIAK extract into the local registry, incrementally by extract date, and the command around it."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jaring.audit.models import AuditEvent
from jaring.civil.models import CivilRecord
from jaring.civil.services import ExtractRefused, civil_extract_import
from tests.civil.test_extract_reader import HEADER, SRI, SUTRISNO, write_csv
from tests.conftest import BESUKI, NGARES

pytestmark = pytest.mark.django_db
JAN, FEB, MAR = dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)


def load(path, extract_date, wet_run=True, actor=None):
    return civil_extract_import(path=path, extract_date=extract_date, actor=actor, wet_run=wet_run)


def moved(row, village=NGARES):
    return [*row[:-1], village]


def test_first_load_inserts_with_region_codes_and_one_audit_row(trenggalek, users, tmp_path):
    path = write_csv(tmp_path / "siak.csv", [HEADER, SUTRISNO, SRI])
    summary = load(path, JAN, actor=users["verifikator"])
    assert (summary.new, summary.updated, summary.unchanged) == (2, 0, 0)
    record = CivilRecord.objects.get(nik=SUTRISNO[0])
    assert (record.village_id, record.district_code, record.regency_code) == (BESUKI, "35.03.01", "35.03")
    assert record.extract_date == JAN and record.rt == "001"
    event = AuditEvent.objects.get(action="civil.extract_import")
    assert event.actor == users["verifikator"] and event.detail["new"] == 2 and event.object_id == "siak.csv"


def test_same_file_again_changes_nothing(trenggalek, tmp_path):
    path = write_csv(tmp_path / "siak.csv", [HEADER, SUTRISNO, SRI])
    load(path, JAN)
    before = list(CivilRecord.objects.order_by("nik").values())
    summary = load(path, JAN)
    assert (summary.new, summary.updated, summary.unchanged, summary.newer_in_system) == (0, 0, 2, 0)
    assert list(CivilRecord.objects.order_by("nik").values()) == before


def test_newer_extract_updates_changed_fields_and_keeps_absent_records(trenggalek, tmp_path):
    load(write_csv(tmp_path / "jan.csv", [HEADER, SUTRISNO, SRI]), JAN)
    summary = load(write_csv(tmp_path / "feb.csv", [HEADER, moved(SUTRISNO)]), FEB)
    assert (summary.updated, summary.unchanged) == (1, 0)
    record = CivilRecord.objects.get(nik=SUTRISNO[0])
    assert (record.village_id, record.district_code, record.extract_date) == (NGARES, "35.03.11", FEB)
    assert CivilRecord.objects.get(nik=SRI[0]).extract_date == JAN  # not in February's file: kept as it was


def test_older_file_never_overwrites_a_newer_record(trenggalek, tmp_path):
    load(write_csv(tmp_path / "mar.csv", [HEADER, moved(SUTRISNO), SRI]), MAR)
    summary = load(write_csv(tmp_path / "jan.csv", [HEADER, SUTRISNO, SRI]), JAN)
    assert (summary.newer_in_system, summary.unchanged, summary.updated) == (1, 1, 0)
    record = CivilRecord.objects.get(nik=SUTRISNO[0])
    assert (record.village_id, record.extract_date) == (NGARES, MAR)
    assert CivilRecord.objects.get(nik=SRI[0]).extract_date == MAR


def test_newer_identical_record_takes_the_newer_date_so_an_in_between_file_cannot_overwrite_it(trenggalek, tmp_path):
    load(write_csv(tmp_path / "jan.csv", [HEADER, SUTRISNO]), JAN)
    assert load(write_csv(tmp_path / "mar.csv", [HEADER, SUTRISNO]), MAR).unchanged == 1
    summary = load(write_csv(tmp_path / "feb.csv", [HEADER, moved(SUTRISNO)]), FEB)
    assert summary.newer_in_system == 1 and CivilRecord.objects.get().village_id == BESUKI


def test_dry_run_counts_but_writes_nothing(trenggalek, tmp_path):
    summary = load(write_csv(tmp_path / "siak.csv", [HEADER, SUTRISNO, SRI]), JAN, wet_run=False)
    assert summary.new == 2
    assert not CivilRecord.objects.exists() and not AuditEvent.objects.filter(action="civil.extract_import").exists()


def test_unknown_village_rows_are_skipped(trenggalek, tmp_path):
    summary = load(write_csv(tmp_path / "siak.csv", [HEADER, moved(SUTRISNO, "35.04.01.2001"), SRI]), JAN)
    assert summary.new == 1 and summary.problems["village_unknown"].count == 1


def test_refused_file_raises(trenggalek, tmp_path):
    with pytest.raises(ExtractRefused):
        load(write_csv(tmp_path / "siak.csv", [["NIK"], ["3503011204850001"]]), JAN)


def test_command_prints_counts_masks_niks_and_writes_only_with_wet_run(trenggalek, tmp_path, capsys):
    bad = [*SRI[:4], "kemarin", *SRI[5:]]
    path = write_csv(tmp_path / "siak.csv", [HEADER, SUTRISNO, bad])
    call_command("import_civil", str(path), "--extract-date", "2026-01-31")
    out = capsys.readouterr().out
    assert "Tanggal ekstrak: 31-01-2026." in out and "1 baru" in out and "1 baris ditolak" in out
    assert "tanggal lahir kosong atau tidak terbaca" in out and "3503********0002" in out and SRI[0] not in out
    assert "tidak dihapus" in out and "Uji coba saja" in out and not CivilRecord.objects.exists()
    call_command("import_civil", str(path), "--extract-date", "2026-01-31", "--wet-run")
    assert CivilRecord.objects.count() == 1 and "Uji coba" not in capsys.readouterr().out


def test_command_defaults_the_extract_date_to_the_files_date(trenggalek, tmp_path, capsys):
    path = write_csv(tmp_path / "siak.csv", [HEADER, SUTRISNO])
    stamp = dt.datetime(2026, 2, 14, 12).timestamp()
    os.utime(path, (stamp, stamp))
    call_command("import_civil", str(path), "--wet-run")
    assert "Tanggal ekstrak: 14-02-2026 (tanggal berkas diubah" in capsys.readouterr().out
    assert CivilRecord.objects.get().extract_date == dt.date(2026, 2, 14)


def test_command_refuses_a_file_with_a_clear_message(trenggalek, tmp_path):
    path = write_csv(tmp_path / "siak.csv", [["NIK", "NAMA"], ["1", "A"]])
    with pytest.raises(CommandError, match=r"siak\.csv ditolak: Kolom wajib tidak ditemukan"):
        call_command("import_civil", str(path), "--extract-date", "2026-01-31")
