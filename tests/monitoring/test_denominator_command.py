"""``jaring denominators FILE``: a report in Bahasa Indonesia, a dry run unless --wet-run, problems refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jaring.monitoring.models import WorkforceDenominator

from ..conftest import BESUKI, TERBIS
from .denominator_files import SOURCE, table_csv, table_xlsx


def run(*args) -> str:
    out = StringIO()
    call_command("denominators", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def good(tmp_path, trenggalek):
    path = tmp_path / "penyebut-2026.xlsx"
    path.write_bytes(table_xlsx([[BESUKI, "Besuki", 1000, 750, SOURCE], [TERBIS, "Terbis", 800, 600, SOURCE]]))
    return path


def test_a_dry_run_prints_the_report_and_writes_nothing(good):
    out = run(str(good), "--regency", "35.03", "--year", "2026")
    assert "Kabupaten Trenggalek, tahun 2026: 2 wilayah siap, 0 masalah; 2 baru" in out
    assert "Uji coba saja" in out and not WorkforceDenominator.objects.exists()


def test_wet_run_saves_and_a_second_run_changes_nothing(good):
    assert "Disimpan." in run(str(good), "--regency", "35.03", "--year", "2026", "--wet-run")
    assert WorkforceDenominator.objects.count() == 2
    assert "Tidak ada yang berubah." in run(str(good), "--regency", "35.03", "--year", "2026", "--wet-run")


def test_problems_are_printed_and_refused(tmp_path, trenggalek):
    path = tmp_path / "penyebut.csv"
    path.write_bytes(table_csv([["35.04.01.2001", "X", 10, 5, SOURCE]]))
    out = StringIO()
    with pytest.raises(CommandError, match="1 masalah harus diperbaiki"):
        call_command("denominators", str(path), "--regency", "35.03", "--year", "2026", "--wet-run", stdout=out)
    assert "Baris 2: Kode wilayah 35.04.01.2001 di luar Kabupaten Trenggalek" in out.getvalue()
    assert not WorkforceDenominator.objects.exists()


def test_a_missing_file_is_named(trenggalek):
    with pytest.raises(CommandError, match="tidak ada"):
        run("/nonexistent.xlsx", "--regency", "35.03", "--year", "2026")
